"""Hand-in and review: a take-home's round, from the measured repository to a scored transcript.

The round is a conversation with the round's interviewer: the hand-in question,
the hidden-test notice and the hand-in report (both interviewer notices), the
handed-in files as the candidate's answer, then the review questions (what they
found, what they assumed, what they would test next) with the usual planned
follow-ups. Its life in the store is RoundService's (`open_take_home`): the app's
take-home screen and the headless `takehome submit` drive the same
`TakeHomeReview` over the RoundRun it returns.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from pathlib import Path

from pydantic import BaseModel

from ..catalog import Catalog
from ..catalog.models import TakeHome
from ..config import Settings
from ..engine.clock import SimulatedClock
from ..llm.client import LLMClient
from ..sandbox import NOTICE_SOURCE
from ..scoring.models import RoundScore
from ..store import Store
from ..takehome.checks import HandIn, hand_in
from ..takehome.report import REPORT_SOURCE, HandInReport
from ..takehome.workspace import Workspace, WorkspaceError, take_home_of
from .headless import TurnOut, play_answers
from .lifecycle import RoundRun, RoundService
from .round_session import RoundEvent

SESSION_MODE = "take-home"


class TakeHomeReview:
    """One take-home round: hand the measured repository in, then the review conversation."""

    def __init__(self, run: RoundRun, take_home: TakeHome) -> None:
        self.run = run
        self.take_home = take_home
        self.session = run.session
        self.round = run.round
        """The round as played: the hand-in question, then the take-home's review questions."""

    async def hand_in(self, measured: HandIn) -> AsyncIterator[RoundEvent]:
        """Greeting, the hand-in question, the two notices, the handed-in files, then the interviewer's next turn."""
        async for event in self.session.open():
            yield event
        for event in self.session.notice(measured.hidden.notice_text(), source=NOTICE_SOURCE):
            yield event
        for event in self.session.notice(measured.report.notice_text(), source=REPORT_SOURCE):
            yield event
        now = self.session.engine.elapsed()
        async for event in self.session.answer(measured.answer, t_start=now, t_end=now):
            yield event


class TakeHomeResult(BaseModel):
    """What `interview-sim takehome submit --json` prints."""

    session_id: str
    loop: str
    round: str
    take_home: str
    hidden_tests: str
    report: HandInReport
    score: RoundScore
    turns: list[TurnOut]
    fallbacks: int


async def submit_headless(
    *,
    settings: Settings,
    catalog: Catalog,
    store: Store,
    llm: LLMClient | None,
    root: Path,
    answers: list[str],
    seed: int | None = None,
    level: str | None = None,
    on_notice: Callable[[str], None] | None = None,
) -> TakeHomeResult:
    """Hand in the workspace at `root` and play the review with `answers` (one per interviewer turn), on a simulated clock."""
    workspace = Workspace.open(root)
    if workspace.manifest.session_id is not None:
        raise WorkspaceError(f"{root} was already handed in (session {workspace.manifest.session_id})")
    loop, rnd, take_home = take_home_of(catalog, workspace)
    measured = hand_in(workspace, take_home)
    candidate = workspace.manifest.candidate
    rounds = RoundService(settings=settings, catalog=catalog, store=store, llm=llm, on_notice=on_notice)
    session_id = rounds.create_session(candidate=candidate, loop_id=loop.id, level=level, mode=SESSION_MODE)
    clock = SimulatedClock()
    run = rounds.open_take_home(session_id, rnd.id, take_home.id, candidate=candidate, clock=clock, seed=seed)
    review = TakeHomeReview(run, take_home)
    async for _ in review.hand_in(measured):
        pass
    await play_answers(review.session, clock, list(answers))
    score = rounds.close_round(run)  # every turn saved, scored as a take-home, then the round completed
    rounds.end_session(session_id, "completed")
    workspace.manifest.session_id = session_id
    workspace.save()
    turns = [TurnOut(speaker=t.speaker.value, kind=t.kind.value, text=t.text, t_start=round(t.t_start, 2), t_end=round(t.t_end, 2))
             for t in review.session.turns]  # fmt: skip
    return TakeHomeResult(session_id=session_id, loop=loop.id, round=rnd.id, take_home=take_home.id,
                          hidden_tests=measured.hidden.summary(), report=measured.report, score=score, turns=turns,
                          fallbacks=review.session.fallbacks)  # fmt: skip
