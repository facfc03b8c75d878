"""An estimate in an answer that breaks a limit the interviewer gave, pointed out as a real interviewer would.

Played (2026-12-05): told "A run may cost at most about 4 cents in GPU time and model calls", a candidate worked
out "so about 6 cents a run" and built on it; the interviewer's next turn asked where they would cut inference
cost, as if nothing were wrong. A real one stops them: "Let me stop you there: that's over the limit. A run may
cost at most about 4 cents...". Read without a model: a fact that states a limit ("at most", "within", "up to",
"under", "budget") on a time or an amount of money, and a sentence of the answer that states one in the same kind
of unit more than OVER times it, about the same thing (a content word in common: "a run", "p99"; or, for a time
said of the whole request, "total", "end to end", the question's largest time limit), not itself a
limit ("under 4 cents"), a figure the scenario states ("where the 250 ms goes"), a question, or the candidate's own
catch ("that's over budget, so I'd...").
"""

from __future__ import annotations

import re

from ..catalog.models import Fact, Question
from ..engine.guard import content_words
from ..scoring.meaning.spoken import normalise_spoken
from .turn_phrases import ASSUMES

OVER = 1.1  # an estimate this far over the limit is over it, not a rounding of it ("230 ms" against "within 200 ms")
STOP = "Let me stop you there: that's over the limit."
_KNOWN = re.compile(r"\b(?:the|that|this|those|these|extra|additional|remaining)\s+(?:\w+\s+)?$", re.IGNORECASE)
_LIMIT = re.compile(r"\b(?:at most|no more than|not more than|up to|within|under|below|budget|capped at|cap of|max(?:imum)?|"
                    r"or less|keep (?:it )?under|must (?:stay|be) (?:under|below|within))\b", re.IGNORECASE)
_AMOUNT = re.compile(r"(?P<dollars>\$\s?\d[\d,]*(?:\.\d+)?)(?:\s*(?P<scale>k|m|thousand|million)\b)?"
                     r"|(?<![\w.])(?P<number>\d[\d,]*(?:\.\d+)?)\s*(?P<unit>ms|milliseconds?|s|secs?|seconds?|cents?|¢)(?![\w/])",  # not "k8s"
                     re.IGNORECASE)
_SCALE = {"k": 1e3, "thousand": 1e3, "m": 1e6, "million": 1e6}
# The candidate saw it themselves, or is naming a limit or a rule, not an estimate of their design.
_CAUGHT = re.compile(r"\b(?:over|above|exceed\w*|too (?:slow|expensive|much|long|costly)|blow\w*|reject\w*|roll\w* back|"
                     r"fail\w*|more than|doesn'?t fit|won'?t fit|not fit|out of budget|breach\w*|violat\w*|miss\w*)\b",
                     re.IGNORECASE)
_PIECES = re.compile(r"[.;!?]\s+|,\s+(?=and\b|but\b|so\b|which\b)|\s+(?:and|while|whereas)\s+(?=\w+ (?:is|are|takes?|costs?)\b)")
# Said of the whole request, a time is about the question's largest time limit: "Total is around 230 ms, which is
# fine" against "The decision has to come back within 200 ms p99" (played, 2026-12-05: followed up on Redis lookups).
_WHOLE = re.compile(r"\b(?:total|in total|overall|end to end|end-to-end|altogether|all in|all together|all told|sums? to|adds? up to|comes? to)\b",
                    re.IGNORECASE)
_NAMES_LIMIT = re.compile(r"\s*(?:p\d\d\s+)?(?:budget|limit|cap|sla|slo|target|timeout|deadline)\b", re.IGNORECASE)
_UNITS_AND_PLAIN = content_words("ms millisecond milliseconds second seconds sec secs cent cents dollar dollars about around "
                                 "roughly approximately maybe like total overall whole each per")


def _amounts(text: str) -> list[tuple[str, float, int, int]]:
    """(kind, value in ms or dollars, start, end) of each time or money amount in `text`."""
    out = []
    for m in _AMOUNT.finditer(text):
        if m.group("dollars"):
            value = float(m.group("dollars").lstrip("$ ").replace(",", "")) * _SCALE.get((m.group("scale") or "").lower(), 1.0)
            out.append(("money", value, m.start(), m.end()))
            continue
        number, unit = float(m.group("number").replace(",", "")), m.group("unit").lower()
        if unit in ("ms", "millisecond", "milliseconds"):
            out.append(("time", number, m.start(), m.end()))
        elif unit.startswith(("s", "sec")):
            out.append(("time", number * 1000, m.start(), m.end()))
        else:
            out.append(("money", number / 100, m.start(), m.end()))
    return out


def _limits(question: Question) -> list[tuple[Fact, str, float, set[str]]]:
    """(fact, kind, limit, the piece's content words) for each limit a fact states."""
    found = []
    for fact in question.facts:
        for piece in _PIECES.split(normalise_spoken(fact.text)):
            for kind, value, start, _ in _amounts(piece):
                if _LIMIT.search(piece[:start]):
                    found.append((fact, kind, value, content_words(piece) - _UNITS_AND_PLAIN))
    return found


def broken_limits(text: str, question: Question) -> list[tuple[Fact, bool]]:
    """Each fact whose limit the answer's estimate breaks (module docstring), once, with whether the sentence said it as
    an assumption ("I'll assume about two seconds to first token" against "within 1.5 seconds")."""
    limits = _limits(question)
    if not limits:
        return []
    # A figure the scenario states is the candidate quoting the problem ("where the 250 ms goes"), not an estimate.
    stated = {(kind, value) for t in (question.text, *(f.text for f in question.facts))
              for kind, value, _, _ in _amounts(normalise_spoken(t))}
    widest = max((limit for _, kind, limit, _ in limits if kind == "time"), default=0.0)
    broken: list[tuple[Fact, bool]] = []
    for sentence in re.split(r"(?<=[.;!?])\s+", normalise_spoken(text)):
        if sentence.rstrip().endswith("?") or _CAUGHT.search(sentence):
            continue
        said = content_words(sentence) - _UNITS_AND_PLAIN
        for kind, value, start, end in _amounts(sentence):
            before = sentence[max(0, start - 25):start]
            if _LIMIT.search(before) or _KNOWN.search(before) or (kind, value) in stated:
                continue  # "under 4 cents" is a target; "the extra 190 ms", a figure of the problem's
            whole = kind == "time" and bool(_WHOLE.search(sentence))
            # "the ranker has a 60 ms budget" states the limit wrong: corrected as an assumption is
            given = bool(ASSUMES.search(sentence) or _NAMES_LIMIT.match(sentence, end))
            broken += [(fact, given) for fact, limit_kind, limit, words in limits
                       if limit_kind == kind and value > limit * OVER and (words & said or whole and limit == widest)
                       and all(fact != f for f, _ in broken)]
    return broken
