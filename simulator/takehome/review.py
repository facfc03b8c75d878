"""Hand-in and review: a take-home's round, from the measured repository to a scored transcript.

The round is a conversation with the round's interviewer: the hand-in question,
the hidden-test notice and the hand-in report (both interviewer notices), the
handed-in files as the candidate's answer, then the review questions (what they
found, what they assumed, what they would test next) with the usual planned
follow-ups. The app and the headless CLI drive the same `TakeHomeReview`.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from pathlib import Path

from pydantic import BaseModel

from ..catalog import Catalog
from ..catalog.models import Loop, Persona, Round, TakeHome
from ..config import Settings
from ..engine.clock import Clock, SimulatedClock
from ..engine.turns import Turn
from ..interview.headless import PASS_SECONDS, TurnOut, fit_to_time
from ..interview.round_session import RoundEvent, RoundSession, speaking_seconds
from ..llm.client import LLMClient
from ..sandbox import NOTICE_SOURCE
from ..scoring.models import RoundScore
from ..store import Store
from ..store.recovery import TurnRecorder
from .checks import HandIn, hand_in
from .report import REPORT_SOURCE, HandInReport
from .score import review_round, score_take_home
from .workspace import Workspace, WorkspaceError

SESSION_MODE = "take-home"


def take_home_of(catalog: Catalog, workspace: Workspace) -> tuple[Loop, Round, TakeHome]:
    """The loop, round and take-home a workspace was created for, or WorkspaceError when the rubric changed."""
    manifest = workspace.manifest
    try:
        loop = catalog.loop(manifest.loop)
        rnd = loop.round(manifest.round)
        return loop, rnd, rnd.take_home(manifest.take_home)
    except KeyError as exc:
        raise WorkspaceError(f"the rubrics no longer have this take-home: {exc.args[0]}") from None


class TakeHomeReview:
    """One take-home round: hand the measured repository in, then the review conversation."""

    def __init__(
        self,
        *,
        catalog: Catalog,
        loop: Loop,
        rnd: Round,
        take_home: TakeHome,
        persona: Persona,
        llm: LLMClient | None,
        clock: Clock,
        candidate: str,
        seed: int | None = None,
        warn_minutes: list[float] | None = None,
        on_turn: Callable[[Turn], None] | None = None,
    ) -> None:
        self.loop = loop
        self.take_home = take_home
        self.round = review_round(rnd, take_home)
        self.session = RoundSession(
            catalog=catalog, loop=loop, round_=self.round, persona=persona, llm=llm, clock=clock,
            candidate=candidate, seed=seed, warn_minutes=warn_minutes, on_turn=on_turn,
        )  # fmt: skip
        self.session.engine.fix_order([q.id for q in self.round.questions])  # hand-in first, then the review in order

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
    persona = catalog.personas[rnd.persona]
    candidate = workspace.manifest.candidate
    session_id = store.create_session(candidate=candidate, loop=loop.id, level=level, model=settings.llm.model,
                                      mode=SESSION_MODE, config=settings.redacted())  # fmt: skip
    row = store.start_round(session_id, round_id=rnd.id, persona=persona.id, seed=seed)
    recorder = TurnRecorder(store, row, session_id=session_id, data_dir=settings.data_dir, on_notice=on_notice)
    clock = SimulatedClock()
    review = TakeHomeReview(catalog=catalog, loop=loop, rnd=rnd, take_home=take_home, persona=persona, llm=llm, clock=clock,
                            candidate=candidate, seed=seed, warn_minutes=settings.interview.warn_minutes, on_turn=recorder)  # fmt: skip
    async for _ in review.hand_in(measured):
        pass
    await _play(review.session, clock, list(answers))
    recorder.require_saved()
    score = score_take_home(catalog, loop, rnd, take_home, review.session.turns)
    store.save_score(row, score)
    store.end_round(row, "completed")
    store.end_session(session_id, "completed")
    workspace.manifest.session_id = session_id
    workspace.save()
    turns = [TurnOut(speaker=t.speaker.value, kind=t.kind.value, text=t.text, t_start=round(t.t_start, 2), t_end=round(t.t_end, 2))
             for t in review.session.turns]  # fmt: skip
    return TakeHomeResult(session_id=session_id, loop=loop.id, round=rnd.id, take_home=take_home.id,
                          hidden_tests=measured.hidden.summary(), report=measured.report, score=score, turns=turns,
                          fallbacks=review.session.fallbacks)  # fmt: skip


async def _play(session: RoundSession, clock: SimulatedClock, pending: list[str]) -> None:
    """The review, answer by answer (each takes its speaking time), until the round closes; then the candidate passes."""
    while not session.closed:
        if session.engine.time_up():
            async for _ in session.close("time"):
                pass
            break
        text = fit_to_time(pending.pop(0) if pending else "", session.engine.time_left())
        start = session.engine.elapsed()
        clock.advance(speaking_seconds(text) if text else PASS_SECONDS)
        async for _ in session.answer(text, t_start=start, t_end=session.engine.elapsed()):
            pass
