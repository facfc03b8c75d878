"""Code in an answer: a function or a query handed in is run and read, never quoted back as a phrase.

Played (2026-12-04): "You mentioned 1 return:"; (2026-12-06) "0.0 ELSE ROUND, got it." from a query written inside an
explanation.
"""

from __future__ import annotations

import re

_CODE_LINE = re.compile(
    r"^\s*(?:def \w+\s*\(|class \w+|import \w|from [\w.]+ import\b|return\b|for \w+(?:, ?\w+)* in\b|(?:while|if|elif)\b.*:\s*$|"
    r"else:|select\b.*\bfrom\b|[\w.\[\]'\"]+\s*[-+*/]?=\s*\S)",
    re.IGNORECASE | re.MULTILINE,
)


_SQL = re.compile(r"\s*(?:select\b[\s\S]+?\bfrom\b|with \w+ as \()", re.IGNORECASE)
SQL_IN_PROSE = re.compile(r"\bSELECT\b[\s\S]+?\bFROM\b[^;]*(?:;|$)")  # a query written in its capitals inside an explanation


def written_as_code(text: str) -> bool:
    """A function or a query handed in as the answer: two lines or more of code, a `def`/`class` line, or SQL."""
    return (bool(re.search(r"^\s*(?:def|class) \w+", text, re.MULTILINE) or _SQL.match(text))
            or len(_CODE_LINE.findall(text)) >= 2)
