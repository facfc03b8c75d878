"""A figure of the candidate's own story put to the interviewer to check ("So my dedup fixed about 70% of the rows,
which was most of them, right?"): only the candidate's earlier words on the question can answer it.

Played blind (2026-12-07, the third player): five such checks in story rounds drew "That's your call — tell it the way
that shows your own part best." or a follow-up as if nothing were off, where the story had said 7% of rows, three days
live, three weeks off. A real interviewer listens: "Earlier you said 7%: which is it?". A figure is checked only
against earlier figures of its own kind (a share against shares, a stretch of time against stretches of time, a count
against counts of the same things) said in a sentence sharing a word with the check ("about 7% of rows" and "70% of the
rows"; "two weeks live" is not "three months to build"); a figure with none earlier is left to the story, and a check
whose every figure the story gave is borne out ("So 40,000 labels is about five times what we started with, right?"
after "...to get to 40,000 labels" drew "That's your call").
"""

from __future__ import annotations

import re

from ..catalog.models import Question
from ..engine.guard import content_words
from ..engine.turns import Speaker, Turn, TurnKind
from ..scoring.meaning.clauses import story_question
from ..scoring.meaning.spoken import normalise_spoken
from .asks import Ask, Clarification
from .fact_match import counts_of
from .turn_phrases import TAG_RIGHT

BORNE_OUT = "Yes, that matches what you said. Go on."  # every figure of the check as the story gave it ("40,000 labels")
SAME_WITHIN = 1.5  # told "about three weeks" then "roughly 20 days" is the same stretch said loosely
AGREES_WITHIN = 1.15  # "Yes" only to what the story said: "ten weeks" is not the "two months" said
_NUMBER = r"\d[\d,]*(?:\.\d+)?"
_SHARE = re.compile(rf"(?P<n>{_NUMBER})\s?(?:%|percent\b|per cent\b)", re.IGNORECASE)
_STRETCH = re.compile(rf"(?P<n>{_NUMBER}|a|an|one)\s(?P<unit>hour|day|week|month|year)s?\b", re.IGNORECASE)
_DAYS_IN = {"hour": 1 / 24, "day": 1, "week": 7, "month": 30, "year": 365}
_DERIVED = re.compile(r"\W*(?:\w+\W+)?(?:relative|less|more|fewer|faster|slower|shorter|longer|drop|increase|decrease|reduction|"
                      r"improvement|gain|lift|speed-?up|saving|saved|cut|higher|lower|better|worse|of that)\b", re.IGNORECASE)


def _figures(text: str) -> list[tuple[str, float, str]]:
    """(kind, value, as said) for each share, stretch of time and count said in `text`; a figure worked out from others
    ("a 10% relative drop", "80% less time", "2 hours faster") is no figure of the story's."""
    said = normalise_spoken(text)
    found = [("share", float(m.group("n").replace(",", "")), m.group(0)) for m in _SHARE.finditer(said)
             if not _DERIVED.match(said, m.end())]
    for m in _STRETCH.finditer(said):
        if _DERIVED.match(said, m.end()):
            continue
        count = 1.0 if m.group("n").lower() in ("a", "an", "one") else float(m.group("n").replace(",", ""))
        found.append(("time", count * _DAYS_IN[m.group("unit").lower()], m.group(0)))
    for noun, counts in counts_of(said).items():
        found += [(f"count:{noun}", count, _said_count(count, noun)) for count in counts]
    return [f for f in found if f[1] > 0]


def _said_count(count: float, noun: str) -> str:
    """How the count was said ("40,000 labels"), for the reply to quote."""
    number = f"{count:,.0f}" if count == int(count) else f"{count:g}"
    return f"{number} {noun}{'s' if count != 1 else ''}"


_SENTENCE = re.compile(r"(?<=[.!?;])\s+")


def _words(text: str) -> set[str]:
    """The content words of `text` besides its figures and their units."""
    return content_words(re.sub(rf"{_NUMBER}|%|\b(?:percent|hours?|days?|weeks?|months?|years?|about|roughly|around)\b", " ",
                                normalise_spoken(text), flags=re.IGNORECASE))


def _same(a: float, b: float, within: float = SAME_WITHIN) -> bool:
    return max(a, b) / min(a, b) <= within


def checked_against_story(text: str, question: Question, turns: list[Turn]) -> Clarification | None:
    """The reply to a figure of the story put to check that an earlier figure of the same kind, said on this question,
    does not bear out: "Earlier you said 7%: which is it?". None when nothing is put to check, or nothing earlier says."""
    if not story_question(question.text) or not TAG_RIGHT.search(text):
        return None
    earlier = [t.text for t in turns[:-1] if t.speaker is Speaker.CANDIDATE and t.kind is TurnKind.ANSWER
               and t.question_id == question.id]
    # each earlier figure with the words of its sentence: "about 7% of rows" is about the rows "70% of the rows" is
    before = [(f, _words(sentence)) for said in earlier for sentence in _SENTENCE.split(said) for f in _figures(sentence)]
    checked, borne_out, said = _words(text), [], _figures(text)
    for kind, value, _ in said:
        if sum(k == kind for k, _, _ in said) > 1:
            continue  # "from 30 hours to about 6 hours": a before and an after, not one figure to hold the story to
        same_kind = [(len(about & checked), v, words) for (k, v, words), about in before if k == kind and about & checked]
        if same_kind and not any(_same(value, v) for _, v, _ in same_kind):
            return _said(text, f"Earlier you said {max(same_kind, key=lambda said: said[0])[2]}: which is it?")  # closest in words
        borne_out.append(any(_same(value, v, AGREES_WITHIN) for _, v, _ in same_kind))
    return _said(text, BORNE_OUT) if borne_out and all(borne_out) else None


def _said(text: str, reply: str) -> Clarification:
    return Clarification(asks=(Ask(text=text, topics=(), facts=(), said=reply),), also_answer=False, reply=reply)
