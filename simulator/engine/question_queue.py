"""The round's bank questions in the order they are asked, and what the candidate said for one before it was asked.

Why: candidates answer ahead. Asked about their influence, one says "For good enough to ship: it has to beat the
current model by more than the seed noise...", and the next bank question was "How do you decide a model is good enough
to ship?", asked word for word as if nothing had been said (played, 2026-12-06: six such repeats in eighteen rounds).
A real interviewer takes that question next and pushes on what was said, rather than asking it afresh.
"""

from __future__ import annotations

from collections.abc import Callable

from ..catalog import Question

# (the answer, the question open when it was said, the questions not yet asked) -> the one it answers instead, if any
AnswersAhead = Callable[[str, Question, list[Question]], Question | None]


class QuestionQueue:
    def __init__(self, questions: list[Question], planned: int, ahead: AnswersAhead | None = None) -> None:
        self.questions = questions
        self.planned = planned
        self._ahead = ahead
        self._index = -1
        self._said_ahead: dict[str, list[str]] = {}

    @property
    def current(self) -> Question | None:
        return self.questions[self._index] if 0 <= self._index < len(self.questions) else None

    @property
    def asked_count(self) -> int:
        return self._index + 1

    def fix_order(self, asked_question_ids: list[str]) -> None:
        """Put the bank questions a stored round really asked first, in that order: replaying a stored round must
        reproduce its plans whatever the candidate's recent-question history is by now."""
        first = {qid: i for i, qid in enumerate(asked_question_ids)}
        self.questions.sort(key=lambda q: first.get(q.id, len(first)))

    def advance(self) -> Question | None:
        """The next bank question; None once the round has asked its planned count plus one spare (for quick answers),
        never the whole bank: the next session must still find questions it has not seen."""
        if self.asked_count >= min(len(self.questions), self.planned + 1):
            return None
        self._index += 1
        return self.questions[self._index]

    @property
    def progress(self) -> tuple[int, int]:
        """(questions asked so far, the open one included; questions the round plans)."""
        return self.asked_count, self.planned

    @property
    def upcoming(self) -> list[Question]:
        """The questions the round will still ask, next first."""
        return self.questions[self._index + 1:self.planned + 1]

    def bring_forward(self, question: Question) -> None:
        """Ask `question` next (the candidate said they go to it)."""
        self.questions.remove(question)
        self.questions.insert(self._index + 1, question)

    def ahead_of(self, answer: str) -> Question | None:
        """The question still to be asked that `answer`, said on the open one, answers instead (none without a reader).
        Only those the round will ask: the bank's others include the candidate's recent questions, kept for last so the
        next session finds new ones, and an answer must not bring one back."""
        current = self.current
        if self._ahead is None or current is None or not answer.strip():
            return None
        return self._ahead(answer, current, self.upcoming)

    def note(self, answer: str) -> Question | None:
        """Keep an answer given ahead for its question, and make that question the next one asked."""
        question = self.ahead_of(answer)
        if question is not None:
            self._said_ahead.setdefault(question.id, []).append(answer)
            self.bring_forward(question)
        return question

    def said_ahead(self, question_id: str) -> list[str]:
        return list(self._said_ahead.get(question_id, []))
