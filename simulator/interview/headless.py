"""`interview-sim run`: a whole round without a terminal UI, on a simulated clock.

Answers come from a file, one per blank-line-separated paragraph; each takes
its word count at 150 words per minute. When they run out the candidate passes.
Turns are stored as they happen, exactly as in the app.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from pydantic import BaseModel

from ..catalog import Catalog
from ..config import Settings
from ..engine.clock import SimulatedClock
from ..engine.turns import Turn
from ..llm.client import LLMClient
from ..scoring import score_round
from ..store import Store
from ..store.recovery import TurnRecorder, replay_recovery
from .round_session import RoundSession, speaking_seconds

PASS_SECONDS = 3.0


class TurnOut(BaseModel):
    speaker: str
    kind: str
    text: str
    t_start: float
    t_end: float
    latency_s: float | None = None


class HeadlessResult(BaseModel):
    session_id: str
    loop: str
    round: str
    turns: list[TurnOut]
    fallbacks: int

    @classmethod
    def from_turns(cls, session_id: str, loop: str, round_: str, turns: list[Turn], fallbacks: int) -> HeadlessResult:
        return cls(
            session_id=session_id,
            loop=loop,
            round=round_,
            turns=[
                TurnOut(
                    speaker=t.speaker.value, kind=t.kind.value, text=t.text,
                    t_start=round(t.t_start, 2), t_end=round(t.t_end, 2),
                    latency_s=round(t.latency_s, 3) if t.speaker.value == "interviewer" and t.latency_s is not None else None,
                )  # fmt: skip
                for t in turns
            ],
            fallbacks=fallbacks,
        )


def read_answers(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", text) if p.strip()]


def fit_to_time(answer: str, seconds_left: float) -> str:
    """The words of `answer` spoken before the clock runs out: the round closes mid-answer."""
    words = answer.split()
    fits = int(seconds_left / 60.0 * 150.0)
    return answer if len(words) <= fits else " ".join(words[:fits])


async def run_round(
    *,
    settings: Settings,
    catalog: Catalog,
    store: Store,
    llm: LLMClient | None,
    loop_id: str,
    round_id: str,
    answers: list[str],
    seed: int | None = None,
    candidate: str | None = None,
    level: str | None = None,
    on_notice: Callable[[str], None] | None = None,
) -> HeadlessResult:
    loop = catalog.loop(loop_id)
    round_ = loop.round(round_id)
    persona = catalog.personas[round_.persona]
    candidate = candidate or settings.interview.candidate
    session_id = store.create_session(
        candidate=candidate,
        loop=loop.id,
        level=level,
        model=settings.llm.model,
        mode="headless",
        config=settings.redacted(),
    )
    round_row = store.start_round(session_id, round_id=round_.id, persona=persona.id, seed=seed)
    # A turn the database refuses (locked, read-only, disk full) is kept and retried, not lost.
    recorder = TurnRecorder(store, round_row, session_id=session_id, data_dir=settings.data_dir, on_notice=on_notice)
    recent = store.recent_question_ids(candidate, loop.id, round_.id, settings.interview.avoid_recent_sessions)
    clock = SimulatedClock()
    session = RoundSession(
        catalog=catalog, loop=loop, round_=round_, persona=persona, llm=llm, clock=clock,
        candidate=candidate, seed=seed, level=level, recent_question_ids=recent,
        warn_minutes=settings.interview.warn_minutes,
        on_turn=recorder,
    )  # fmt: skip
    async for _ in session.open():
        pass
    await _play(session, clock, list(answers))
    _finish(store, catalog, session, round_row, session_id, recorder)
    return HeadlessResult.from_turns(session_id, loop.id, round_.id, session.turns, session.fallbacks)


async def resume_round(
    *,
    settings: Settings,
    catalog: Catalog,
    store: Store,
    llm: LLMClient | None,
    session_id: str,
    answers: list[str],
    on_notice: Callable[[str], None] | None = None,
) -> HeadlessResult:
    """Continue an interrupted headless session: answers already stored are skipped, not repeated."""
    recovered = replay_recovery(store, session_id, settings.data_dir)  # turns a failing database refused earlier
    if recovered and on_notice is not None:
        on_notice(f"saved {recovered} turn(s) from the recovery file")
    record = store.load_session(session_id)
    open_rounds = [r for r in record.rounds if r.status != "completed"]
    if not open_rounds and record.rounds and record.status != "completed":
        # Killed while closing (every turn is in): score what has no score yet, then close the session.
        last = record.rounds[-1]
        assert last.row is not None
        loop = catalog.loop(record.loop)
        if last.score is None:
            store.save_score(last.row, score_round(loop, loop.round(last.round_id), last.turns, catalog))
        store.end_session(session_id, "completed")
        return HeadlessResult.from_turns(session_id, loop.id, last.round_id, last.turns, 0)
    if not open_rounds:
        raise ValueError(f"session {session_id} has no unfinished round")
    stored = open_rounds[0]
    assert stored.row is not None
    loop = catalog.loop(record.loop)
    round_ = loop.round(stored.round_id)
    clock = SimulatedClock()
    recorder = TurnRecorder(store, stored.row, session_id=session_id, data_dir=settings.data_dir, on_notice=on_notice)
    session = RoundSession(
        catalog=catalog, loop=loop, round_=round_, persona=catalog.personas[stored.persona], llm=llm,
        clock=clock, candidate=record.candidate, seed=stored.seed, level=record.level,
        warn_minutes=settings.interview.warn_minutes,
        on_turn=recorder,
    )  # fmt: skip
    async for _ in session.restore(stored.turns):
        pass
    answered = sum(1 for t in stored.turns if t.speaker.value == "candidate")
    await _play(session, clock, list(answers[answered:]))
    _finish(store, catalog, session, stored.row, session_id, recorder)
    return HeadlessResult.from_turns(session_id, loop.id, round_.id, session.turns, session.fallbacks)


def _finish(store: Store, catalog: Catalog, session: RoundSession, round_row: int, session_id: str, recorder: TurnRecorder) -> None:
    """Close the round in the store, then score it: every turn is stored before scoring starts."""
    recorder.require_saved()  # raises UnsavedTurnsError (naming the recovery file) if the database still refuses
    # Score before marking the round completed: a kill in between must not leave a completed round unscored.
    store.save_score(round_row, score_round(session.loop, session.round, session.turns, catalog))
    store.end_round(round_row, "completed")
    store.end_session(session_id, "completed")


async def _play(session: RoundSession, clock: SimulatedClock, pending: list[str]) -> None:
    """Answer until the round closes: each answer takes its speaking time; then the candidate passes."""
    while not session.closed:
        if session.engine.time_up():
            async for _ in session.close("time"):
                pass
            break
        text = pending.pop(0) if pending else ""
        text = fit_to_time(text, session.engine.time_left())
        start = session.engine.elapsed()
        clock.advance(speaking_seconds(text) if text else PASS_SECONDS)
        async for _ in session.answer(text, t_start=start, t_end=session.engine.elapsed()):
            pass
