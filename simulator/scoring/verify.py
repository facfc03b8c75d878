"""Quote verification: a quote counts only if it is verbatim candidate speech.

Matching ignores case, whitespace runs and curly-vs-straight quotes, and is done
against the masked answer text, so a quote of text addressed to the grader never
verifies. A verified quote is replaced by the exact original substring.
"""

from __future__ import annotations

from .models import Evidence
from .text import normalise, normalised_with_map
from .transcript import AnswerText

MIN_QUOTE_CHARS = 8


def locate(quote: str, answers: list[AnswerText]) -> Evidence | None:
    """The exact span of `quote` in one of `answers`, as verified Evidence, or None."""
    needle = normalise(quote.strip().strip("\"'“”‘’").strip())
    if len(needle) < MIN_QUOTE_CHARS:
        return None
    for answer in answers:
        haystack, where = normalised_with_map(answer.masked)
        pos = haystack.find(needle)
        if pos < 0:
            continue
        start = where[pos]
        end = where[pos + len(needle) - 1] + 1
        return Evidence(
            quote=answer.turn.text[start:end],
            turn_index=answer.turn.index,
            t_start=answer.turn.t_start,
            verified=True,
            char_start=start,
        )
    return None


def verify_quotes(quotes: list[str], answers: list[AnswerText]) -> list[Evidence]:
    """Every quote as Evidence; those not found verbatim are kept with verified=False for the report."""
    out: list[Evidence] = []
    anchor = answers[0].turn if answers else None
    for quote in quotes:
        found = locate(quote, answers)
        if found is not None:
            out.append(found)
        elif anchor is not None:
            out.append(Evidence(quote=quote, turn_index=anchor.index, t_start=anchor.t_start, verified=False))
    return out
