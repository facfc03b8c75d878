"""A premise the candidate builds on ("since X, I'd...") that gets the scenario's figure wrong, found for correction.

Played (2026-12-06, fifteen rounds): every wrong claim was left standing, 12 of 12, often after the interviewer had
said the fact itself: "Since new items only have to be tagged within a day of publishing, I'd drop the streaming
lane" (the fact: within an hour), "Because the user wait maximum 5 seconds, I will reduce candidates" (about 20),
"given we have like three seconds to first token" (1.5), "Because A/B test on this surface need only 3 days" (about two
weeks). Assumptions put as such ("I'll assume...") were corrected already (assumptions.py); a premise is said as what
everyone knows, and a whole answer then rests on it. Only a premise is read, not the design it leads to ("since the
budget is 100 ms, I'd give the ranker 30 ms" states the 30 ms as a choice), and only a figure in the same unit as one
fact's that shares a word with it ("wait", "first token", "test"), at least PREMISE_FAR times off.
"""

from __future__ import annotations

import re

from ..catalog.models import Fact, Question
from ..scoring.meaning.spoken import normalise_spoken
from .fact_match import PIECES, piece_figures

PREMISE_FAR = 1.6  # said as a given, a figure this far from the fact's is a slip, not an estimate
_PREMISE = re.compile(r"(?:^|[,;:]\s*|\b(?:so|and|but|okay|ok|yeah|well)\s+)(?:since|because|given(?: that)?|as you said|"
                      r"like you said|you said)\s+", re.IGNORECASE)
# Where the premise ends and what the candidate makes of it begins.
_ENDS = re.compile(r"[,;:!?]|\.(?!\d)|\s(?:i|i'd|id|i'll|i will|i would|i'm|we'd|we'll|we will|we would|so|then|which means|"
                   r"that means|my)\s", re.IGNORECASE)
# "within a day", "takes a week": one of them; "two runs a week" counts per week and is left alone
_ONE = re.compile(r"\b(within|in|for|takes?|took|about|under|than|needs?|only|up to|at most)\s+(?:a|an|one)\s+"
                  r"(?=(?:sec|second|min|minute|hour|hr|day|week|month|year)s?\b)", re.IGNORECASE)
_POINT = re.compile(r"(?<![\d.])\bpoint (\d)", re.IGNORECASE)  # "fraud is like point 4%": 0.4%
MAX_FIGURES = 2  # a premise with more is a chain of arithmetic ("usage up 30% and cost up 100% means..."), not a given
_WORD = re.compile(r"[a-z][a-z-]{2,}")
_PLAIN = frozenset(
    "the and for with that this have has are was were will would about around roughly only just like maybe than then "
    "there their they them our your you its per each every within under over least most more less much many some any "
    "seconds second minutes minute hours hour days day weeks week months month years year percent dollars need needs "
    "needed take takes took get gets got since because given said".split()
)


def _said(text: str) -> str:
    return _POINT.sub(r"0.\1", _ONE.sub(r"\1 1 ", normalise_spoken(text)))


def _words(text: str) -> set[str]:
    return {w[:5] for w in _WORD.findall(text.lower()) if w not in _PLAIN}


def _spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for match in _PREMISE.finditer(text):
        end = _ENDS.search(text, match.end())
        spans.append((match.end(), end.start() if end else len(text)))
    return spans


def premises(text: str) -> list[str]:
    """The premises of `text`: what follows "since", "because", "given" up to the clause the candidate builds on it."""
    said = _said(text)
    return [said[start:end] for start, end in _spans(said)]


def without_wrong_premises(text: str, question: Question) -> str:
    """`text` with each premise a fact corrects blanked out (offsets kept): a follow-up names nothing from it ("The wait
    maximum 5 seconds, got it." was said right after the correction, played 2026-12-06)."""
    for start, end in _spans(text):
        if text[start:end].strip() and wrong_premises(f"since {text[start:end]}", question):
            text = text[:start] + " " * (end - start) + text[end:]
    return text


def _far(said: float, stated: float) -> bool:
    return max(said, stated) / max(min(said, stated), 1e-9) >= PREMISE_FAR


def _figures(text: str) -> list[tuple[float, str | None, set[str]]]:
    """Each figure of `text` with its unit and the words of the stretch it is said in."""
    return [(value, unit, _words(piece)) for piece in PIECES.split(text) for value, unit in piece_figures(piece, small_marked=True)]


def wrong_premises(text: str, question: Question) -> list[Fact]:
    """The facts a premise of `text` gets wrong: a figure in a fact's unit, on what the fact is about, far from every
    figure the fact states in that unit about it."""
    wrong: list[Fact] = []
    for premise in premises(text):
        said = [(value, unit, words) for value, unit, words in _figures(premise) if unit is not None]
        if len(_figures(premise)) > MAX_FIGURES:
            continue
        for figure, unit, words in said:  # "the current model is at 0.95": no unit says what it counts, and is skipped
            stated = {fact.text: [value for value, fact_unit, fact_words in _figures(_said(fact.text))
                                  if fact_unit == unit and words & fact_words] for fact in question.facts}
            if any(not _far(figure, value) for values in stated.values() for value in values):
                continue  # "fraud is like 0.4%" is right by one fact, whatever the 25% of reviewed orders another states
            wrong += [fact for fact in question.facts if stated[fact.text] and fact not in wrong]
    return wrong
