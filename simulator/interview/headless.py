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
from ..secrets import redact
from ..llm.client import LLMClient
from ..store import Store
from .lifecycle import RoundRun, RoundService
from .headless_code import PYTHON_START, run_hidden_tests
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
    """Follow-ups said as the canned probe because the model's wording failed the guard or no model answered."""
    fallback_reasons: list[str] = []
    """Why, one line each (the guard's reason with the rejected wording), secrets redacted."""

    @classmethod
    def from_turns(cls, session_id: str, loop: str, round_: str, turns: list[Turn], fallbacks: int,
                   fallback_reasons: list[str] | None = None) -> HeadlessResult:
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
            fallback_reasons=[redact(reason) for reason in fallback_reasons or []],
        )


def _prose(lines: list[str]) -> str:
    return " ".join(" ".join(lines).split())


def _code(lines: list[str]) -> str:
    return "\n".join(lines).strip("\n")


def _looks_like_code(lines: list[str]) -> bool:
    """A paragraph typed as code without a fence: it opens as Python does, or a line ending in ":" is followed by an
    indented one (played 2026-12-05: an unfenced function was joined into one line and quoted as "np def top_k")."""
    return bool(lines) and (bool(PYTHON_START.match(lines[0])) or any(
        a.rstrip().endswith(":") and b[:1] in (" ", "\t") and b.strip() for a, b in zip(lines, lines[1:])))


def read_answers(path: Path) -> list[str]:
    """One answer per blank-line-separated paragraph, its wrapped lines joined; code fenced in ``` keeps its lines,
    blank ones included, as typed in the app's code panel: joined into one line it was quoted back as prose
    ("On python def ece: ...", played 2026-12-05)."""
    answers: list[str] = []
    parts: list[str] = []  # the paragraph so far: prose runs joined, code blocks whole
    prose: list[str] = []
    code: list[str] | None = None  # inside a fence
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:  # a blank line last ends the last paragraph
        if line.lstrip().startswith("```"):
            parts.append(_prose(prose) if code is None else _code(code))
            prose, code = [], ([] if code is None else None)
        elif code is not None:
            code.append(line.rstrip())
        elif line.strip():
            prose.append(line)
        else:
            answers.append("\n".join(p for p in [*parts, _code(prose) if _looks_like_code(prose) else _prose(prose)] if p))
            parts, prose = [], []
    if code is not None:  # a fence left open keeps its code all the same
        answers.append("\n".join(p for p in [*parts, _code(code)] if p))
    return [a for a in answers if a.strip()]


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
    rounds = RoundService(settings=settings, catalog=catalog, store=store, llm=llm, on_notice=on_notice)
    candidate = candidate or settings.interview.candidate
    session_id = rounds.create_session(candidate=candidate, loop_id=catalog.loop(loop_id).id, level=level, mode="headless")
    clock = SimulatedClock()
    run = rounds.open_round(session_id, round_id, candidate=candidate, clock=clock, level=level, seed=seed)
    return await _play_to_the_end(rounds, run, clock, answers)


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
    rounds = RoundService(settings=settings, catalog=catalog, store=store, llm=llm, on_notice=on_notice)
    recovered, record = rounds.recover(session_id)  # turns a failing database refused earlier
    if recovered and on_notice is not None:
        on_notice(f"saved {recovered} turn(s) from the recovery file")
    open_rounds = [r for r in record.rounds if r.status != "completed"]
    if not open_rounds and record.rounds and record.status != "completed":
        # Killed while closing: score what has no score yet (a round an older version ended first), close the session.
        last = record.rounds[-1]
        if last.score is None:
            assert last.row is not None
            rounds.score_round(last.row, record.loop, last.round_id, last.turns)
        rounds.end_session(session_id, "completed")
        return HeadlessResult.from_turns(session_id, record.loop, last.round_id, last.turns, 0)
    if not open_rounds:
        raise ValueError(f"session {session_id} has no unfinished round")
    stored = open_rounds[0]
    clock = SimulatedClock()
    run = rounds.open_round(session_id, stored.round_id, candidate=record.candidate, clock=clock, level=record.level,
                            persona_id=stored.persona, seed=stored.seed)  # fmt: skip
    answered = sum(1 for t in run.restored if t.speaker.value == "candidate")
    return await _play_to_the_end(rounds, run, clock, answers[answered:])


async def _play_to_the_end(rounds: RoundService, run: RoundRun, clock: SimulatedClock, answers: list[str]) -> HeadlessResult:
    """Open (or restore) the round, answer until it closes, then close, score and end it and the session."""
    async for _ in run.begin():
        pass
    await play_answers(run.session, clock, list(answers))
    rounds.close_round(run)  # raises UnsavedTurnsError (naming the recovery file) if the database still refuses
    rounds.end_session(run.session_id, "completed")
    session = run.session
    return HeadlessResult.from_turns(run.session_id, run.loop.id, run.round.id, session.turns, session.fallbacks,
                                     session.fallback_reasons)


async def play_answers(session: RoundSession, clock: SimulatedClock, pending: list[str]) -> None:
    """Answer until the round closes: each answer takes its speaking time; then the candidate passes."""
    while not session.closed:
        if session.engine.time_up():
            async for _ in session.close("time"):
                pass
            break
        text = pending.pop(0) if pending else ""
        text = fit_to_time(text, session.engine.time_left())
        run_notice = await run_hidden_tests(session, session.engine.current_question, text)
        start = session.engine.elapsed()
        clock.advance(speaking_seconds(text) if text else PASS_SECONDS)
        async for _ in session.answer(text, t_start=start, t_end=session.engine.elapsed(), run_notice=run_notice):
            pass
