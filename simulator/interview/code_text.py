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
# Code inside an explanation: a query in its capitals, a function written inline to the end of the turn ("For NDCG, in
# Python: def ndcg(rels, k): ... return dcg / idcg if idcg else 0.0." drew "Idcg else 0.0, got it.", played blind,
# 2026-12-07), and complexity ("so O(n log n) overall" drew "Log n, got it.")
CODE_IN_PROSE = re.compile(r"\bSELECT\b[\s\S]+?\bFROM\b[^;]*(?:;|$)|\bdef \w+\([\s\S]*$|\bO\([^)]{1,20}\)|\b(?:n )?log n\b")


def written_as_code(text: str) -> bool:
    """A function or a query handed in as the answer: two lines or more of code, a `def`/`class` line, or SQL."""
    return (bool(re.search(r"^\s*(?:def|class) \w+", text, re.MULTILINE) or _SQL.match(text))
            or len(_CODE_LINE.findall(text)) >= 2)
