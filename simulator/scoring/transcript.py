"""A round's turns grouped into exchanges: one interviewer question, its follow-ups, and the answers.

Scoring reads candidate speech per exchange so that evidence is counted where it
was asked for: a criterion is judged on the exchanges whose question (or a
follow-up) probes it. Text addressed to the grader is masked here, once, for
every scorer.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..catalog.models import Round
from ..engine.turns import Speaker, Turn, TurnKind
from ..sandbox.notice import NOTICE_SOURCE, TestRunNotice, parse_notice
from .injection import mask_grader_text
from .text import Span, sentences


@dataclass
class AnswerText:
    """One candidate turn, with the grader-addressed parts blanked and its sentences."""

    turn: Turn
    masked: str
    grader_spans: list[Span]
    sentences: list[Span]

    @classmethod
    def of(cls, turn: Turn) -> AnswerText:
        masked, spans = mask_grader_text(turn.text)
        return cls(turn=turn, masked=masked, grader_spans=spans, sentences=sentences(masked))

    @property
    def has_words(self) -> bool:
        return any(ch.isalnum() for ch in self.masked)


@dataclass(frozen=True)
class TestRun:
    """A hidden-test run the app recorded in this exchange (an interviewer notice from the sandbox)."""

    turn: Turn
    run: TestRunNotice


@dataclass
class Exchange:
    """A question and everything said until the next question."""

    question: str = ""
    question_id: str | None = None
    criteria: set[str] | None = None  # None: unknown question, counts for every criterion of the round
    answers: list[AnswerText] = field(default_factory=list)
    test_runs: list[TestRun] = field(default_factory=list)  # in order; the last one is the submitted code's
    clarified: bool = False  # the interviewer answered a question the candidate asked about the problem

    def addresses(self, criterion_id: str) -> bool:
        return self.criteria is None or criterion_id in self.criteria

    @property
    def answered(self) -> bool:
        return any(a.has_words for a in self.answers)


def exchanges(turns: list[Turn], rnd: Round | None = None) -> list[Exchange]:
    """Group turns (in index order) into exchanges.

    A bank question (turn.question_id found in the round) probes the criteria the
    rubric lists for it; a follow-up adds the criterion it probes; a question the
    round does not know probes every criterion (None).
    """
    known = {q.id: set(q.criteria) for q in rnd.questions} if rnd is not None else {}
    tests = {q.id: [t.name for t in q.problem.tests] for q in rnd.questions if q.problem} if rnd is not None else {}
    out: list[Exchange] = []
    current: Exchange | None = None
    for turn in sorted(turns, key=lambda t: t.index):
        if turn.speaker == Speaker.INTERVIEWER:
            if turn.kind == TurnKind.NOTICE:
                if turn.source == NOTICE_SOURCE:
                    current = _add_test_run(turn, current, out, tests)
                continue
            if turn.kind == TurnKind.CLARIFICATION:
                if current is not None:
                    current.clarified = True
                continue  # facts told to the candidate are not part of what was asked
            if turn.kind == TurnKind.QUESTION or current is None:
                criteria = known.get(turn.question_id) if turn.question_id else None
                current = Exchange(question=turn.text, question_id=turn.question_id,
                                   criteria=set(criteria) if criteria is not None else None)
                out.append(current)
            else:
                current.question = f"{current.question}\n{turn.text}"
            if turn.kind == TurnKind.FOLLOW_UP and turn.criterion and current.criteria is not None:
                current.criteria.add(turn.criterion)
        else:
            if current is None:
                current = Exchange()
                out.append(current)
            current.answers.append(AnswerText.of(turn))
    return out


def _add_test_run(turn: Turn, current: Exchange | None, out: list[Exchange], tests: dict[str, list[str]]) -> Exchange:
    """Attach a sandbox notice to the exchange it was recorded in (the app records it before the code answer).

    The notice carries no question id today, so it belongs to the current
    exchange; the problem's test names (when the round is known) anchor the parse.
    """
    if current is None:
        current = Exchange()
        out.append(current)
    qid = turn.question_id or current.question_id
    run = parse_notice(turn.text, tests.get(qid) if qid else None)
    if run is not None:
        current.test_runs.append(TestRun(turn=turn, run=run))
    return current
