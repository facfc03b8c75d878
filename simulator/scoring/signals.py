"""Matching a rubric signal against an exchange: which exact spans count, and how many.

The rubric YAML says what to look for (regexes) and how to count it (actor,
near, before, novel, max_count); this module applies that literally, so a team
can change scoring by editing YAML and nothing here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..catalog.models import Signal
from .text import Span, clause_subject, normalise
from .transcript import AnswerText, Exchange

FLAGS = re.IGNORECASE


@dataclass(frozen=True)
class Hit:
    """One counted match: where it is (turn and offsets) and the sentence around it."""

    answer: AnswerText
    match: Span
    sentence: Span


@lru_cache(maxsize=4096)
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, FLAGS)


def _first_position(exchange: Exchange, patterns: list[str]) -> tuple[int, int] | None:
    """(answer number, offset) of the earliest match of any pattern, or None."""
    for number, answer in enumerate(exchange.answers):
        starts = [m.start() for p in patterns if (m := _compiled(p).search(answer.masked))]
        if starts:
            return number, min(starts)
    return None


def match_signal(signal: Signal, exchange: Exchange) -> list[Hit]:
    """Distinct, non-overlapping matches of `signal` in the candidate's answers, capped at max_count."""
    limit = _first_position(exchange, signal.before) if signal.before else None
    question = normalise(exchange.question) if signal.novel else ""
    hits: list[Hit] = []
    for number, answer in enumerate(exchange.answers):
        text = answer.masked
        for sentence in answer.sentences:
            if signal.near and not any(_compiled(p).search(text, sentence.start, sentence.end) for p in signal.near):
                continue
            found: list[Span] = []
            for pattern in signal.patterns:
                for m in _compiled(pattern).finditer(text, sentence.start, sentence.end):
                    if m.end() == m.start():
                        continue
                    span = Span(m.start(), m.end())
                    if limit is not None and (number, span.start) >= limit:
                        continue
                    if signal.actor != "any":
                        subject = clause_subject(text[sentence.start:sentence.end], span.end - sentence.start)
                        if subject != signal.actor:
                            continue
                    if question and normalise(m.group(0)) in question:
                        continue
                    found.append(span)
            for span in _non_overlapping(found):
                hits.append(Hit(answer=answer, match=span, sentence=sentence))
                if len(hits) >= signal.max_count:
                    return hits
    return hits


def _non_overlapping(spans: list[Span]) -> list[Span]:
    """Earliest-first, dropping spans that overlap one already kept (two patterns, one phrase)."""
    kept: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, -(s.end - s.start))):
        if kept and span.start < kept[-1].end:
            continue
        kept.append(span)
    return kept
