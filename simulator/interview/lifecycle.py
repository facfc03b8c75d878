"""A round's life in the store, in one place: create the session, open a round, record its turns, score it, end it.

`interview-sim run` and `resume` and the app's interview, loop and report screens
all go through `RoundService`, so each step is written once (before, the app and
the headless runner each had their own copy, forwarding round parameters by hand).
It drives RoundSession, whose turns it records, and never looks inside it.

Order matters for crash safety: every turn is in the database before scoring
starts, and a round is marked completed only after its score is saved, so a kill
in between leaves a round that `resume` finishes, never a completed round without
a score. All methods block on SQLite: the app calls them from thread workers.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field

from ..catalog import Catalog, Loop, Persona, Round
from ..catalog.models import TakeHome
from ..config import Settings
from ..engine.clock import Clock
from ..engine.turns import Turn
from ..llm.client import LLMClient
from ..scoring.models import RoundScore
from ..store import SessionRecord, Store
from ..store.records import SESSION_COMPLETED
from ..store.recovery import TurnRecorder, replay_recovery
from ..takehome.score import review_round, score_round_or_take_home
from .round_session import RoundEvent, RoundSession

SCRATCH_NOTES_COACH = "candidate scratch notes"


class BackgroundRecorder:
    """A TurnRecorder fed from a thread of its own, in order: the app's event loop never waits on SQLite.

    A locked database costs the busy timeout per write; on the event loop that froze the
    screen while the candidate typed. `require_saved` first waits for the queue to empty.
    """

    def __init__(self, recorder: TurnRecorder) -> None:
        self.recorder = recorder
        self._queue: queue.Queue[Turn | None] = queue.Queue()
        self._thread = threading.Thread(target=self._write, name="turn-writer", daemon=True)
        self._thread.start()

    def __call__(self, turn: Turn) -> None:
        self._queue.put(turn)

    def _write(self) -> None:
        while (turn := self._queue.get()) is not None:
            try:
                self.recorder(turn)
            finally:
                self._queue.task_done()
        self._queue.task_done()

    @property
    def pending(self) -> list[Turn]:
        """Turns the database refused so far (kept aside, retried later)."""
        return self.recorder.pending

    def drain(self) -> None:
        """Block until every turn handed over so far has been offered to the database."""
        self._queue.join()

    def require_saved(self) -> None:
        self.drain()
        self.recorder.require_saved()

    def close(self, wait_s: float = 0.0) -> None:
        """No more turns: the writer thread ends once the queue is empty (waiting up to `wait_s` for that)."""
        if self._thread.is_alive():
            self._queue.put(None)
            self._thread.join(wait_s)


@dataclass
class RoundRun:
    """One round being played: its place in the store, the session that drives it, and what was said before."""

    session_id: str
    round_row: int
    loop: Loop
    round: Round
    persona: Persona
    candidate: str
    session: RoundSession
    recorder: TurnRecorder | BackgroundRecorder | None
    """None: the database refused to start the round, which goes on unsaved."""
    restored: list[Turn] = field(default_factory=list)
    """Turns already stored for this round (a resumed round goes on after them)."""

    def begin(self) -> AsyncIterator[RoundEvent]:
        """The round's first events: the opening, or, on resume, the stored turns replayed into the engine."""
        return self.session.restore(self.restored) if self.restored else self.session.open()


class RoundService:
    def __init__(
        self,
        *,
        settings: Settings,
        catalog: Catalog,
        store: Store,
        llm: LLMClient | None,
        on_notice: Callable[[str], None] | None = None,
    ) -> None:
        self.settings = settings
        self.catalog = catalog
        self.store = store
        self.llm = llm
        self.on_notice = on_notice

    def create_session(self, *, candidate: str, loop_id: str, level: str | None, mode: str) -> str:
        return self.store.create_session(
            candidate=candidate, loop=loop_id, level=level, model=self.settings.llm.model, mode=mode,
            config=self.settings.redacted(),
        )  # fmt: skip

    def open_round(
        self,
        session_id: str,
        round_id: str,
        *,
        candidate: str,
        clock: Clock,
        loop_id: str | None = None,
        level: str | None = None,
        persona_id: str | None = None,
        seed: int | None = None,
        background: bool = False,
    ) -> RoundRun:
        """Start the round in the store (or reopen it on resume, restoring its turns) and the session that drives it.

        `loop_id` defaults to the session's loop; `persona_id` to the round's own persona.
        `background`: record turns from a thread (the app), not inline (the headless run).
        """
        record = self.store.load_session(session_id)
        loop, round_, persona = self._parts(loop_id or record.loop, round_id, persona_id)
        round_row = self.store.start_round(session_id, round_id=round_.id, persona=persona.id, seed=seed)
        stored = record.round(round_.id)
        restored = list(stored.turns) if stored else []
        recorder = self._recorder(session_id, round_row, background)
        # Questions of the candidate's last sessions are avoided in a new round; a resumed one keeps its own choices.
        recent = set() if restored else self.store.recent_question_ids(
            candidate, loop.id, round_.id, self.settings.interview.avoid_recent_sessions
        )
        session = self._session(loop, round_, persona, candidate, clock, level, seed, recent, recorder)
        return RoundRun(
            session_id=session_id, round_row=round_row, loop=loop, round=round_, persona=persona, candidate=candidate,
            session=session, recorder=recorder, restored=restored,
        )  # fmt: skip

    def _recorder(self, session_id: str, round_row: int, background: bool) -> TurnRecorder | BackgroundRecorder:
        recorder = TurnRecorder(self.store, round_row, session_id=session_id, data_dir=self.settings.data_dir, on_notice=self.on_notice)
        return BackgroundRecorder(recorder) if background else recorder

    def open_take_home(
        self,
        session_id: str,
        round_id: str,
        take_home_id: str,
        *,
        candidate: str,
        clock: Clock,
        seed: int | None = None,
        background: bool = False,
    ) -> RoundRun:
        """Start a take-home's review in the store: the round played as the hand-in, then the review questions in order.

        The round's row is the round's own (its id), so the report, `resume` and
        `rescore` find it; its turns make `score` score it as a take-home.
        """
        loop_id = self.store.load_session(session_id).loop
        loop, round_, persona, take_home = self._take_home_parts(loop_id, round_id, take_home_id)
        round_row = self.store.start_round(session_id, round_id=round_.id, persona=persona.id, seed=seed)
        recorder = self._recorder(session_id, round_row, background)
        return self._take_home_run(session_id, round_row, loop, round_, persona, take_home, candidate, clock, seed, recorder)

    def unsaved_take_home(
        self, session_id: str, loop_id: str, round_id: str, take_home_id: str, *, candidate: str, clock: Clock,
        seed: int | None = None,
    ) -> RoundRun:  # fmt: skip
        """The take-home's review without the database (it refused to start the round): the review still happens."""
        loop, round_, persona, take_home = self._take_home_parts(loop_id, round_id, take_home_id)
        return self._take_home_run(session_id, 0, loop, round_, persona, take_home, candidate, clock, seed, None)

    def _take_home_parts(self, loop_id: str, round_id: str, take_home_id: str) -> tuple[Loop, Round, Persona, TakeHome]:
        loop, round_, persona = self._parts(loop_id, round_id, None)
        return loop, round_, persona, round_.take_home(take_home_id)

    def _take_home_run(
        self, session_id: str, round_row: int, loop: Loop, round_: Round, persona: Persona, take_home: TakeHome,
        candidate: str, clock: Clock, seed: int | None, recorder: TurnRecorder | BackgroundRecorder | None,
    ) -> RoundRun:  # fmt: skip
        review = review_round(round_, take_home)
        session = self._session(loop, review, persona, candidate, clock, None, seed, set(), recorder)
        session.engine.fix_order([q.id for q in review.questions])  # hand-in first, then the review in order
        return RoundRun(session_id=session_id, round_row=round_row, loop=loop, round=review, persona=persona,
                        candidate=candidate, session=session, recorder=recorder)  # fmt: skip

    def unsaved_round(
        self, session_id: str, loop_id: str, round_id: str, *, candidate: str, clock: Clock, level: str | None = None,
        persona_id: str | None = None, seed: int | None = None,
    ) -> RoundRun:  # fmt: skip
        """The round without the database (it refused to start it): the candidate still gets the interview."""
        loop, round_, persona = self._parts(loop_id, round_id, persona_id)
        session = self._session(loop, round_, persona, candidate, clock, level, seed, set(), None)
        return RoundRun(session_id=session_id, round_row=0, loop=loop, round=round_, persona=persona, candidate=candidate,
                        session=session, recorder=None)  # fmt: skip

    def _parts(self, loop_id: str, round_id: str, persona_id: str | None) -> tuple[Loop, Round, Persona]:
        loop = self.catalog.loop(loop_id)
        round_ = loop.round(round_id)
        persona = self.catalog.personas.get(persona_id or round_.persona) or self.catalog.personas[round_.persona]
        return loop, round_, persona

    def _session(
        self, loop: Loop, round_: Round, persona: Persona, candidate: str, clock: Clock, level: str | None,
        seed: int | None, recent: set[str], recorder: Callable[[Turn], None] | None,
    ) -> RoundSession:  # fmt: skip
        return RoundSession(
            catalog=self.catalog, loop=loop, round_=round_, persona=persona, llm=self.llm, clock=clock,
            candidate=candidate, seed=seed, level=level, recent_question_ids=recent,
            warn_minutes=self.settings.interview.warn_minutes, on_turn=recorder,
        )  # fmt: skip

    def finish_recording(self, run: RoundRun, notes: str = "") -> None:
        """Every turn in the database (UnsavedTurnsError names the recovery file if it still refuses), then the notes."""
        if run.recorder is None:
            return
        try:
            run.recorder.require_saved()
        finally:
            if isinstance(run.recorder, BackgroundRecorder):
                run.recorder.close()
        if notes.strip():
            self.store.add_note(run.session_id, notes.strip(), coach=SCRATCH_NOTES_COACH, round_id=run.round.id)

    def score(self, loop_id: str, round_id: str, turns: list[Turn]) -> RoundScore:
        """The evidence scorer on the transcript, with the current rubric (pure; fast).

        A take-home's transcript (hand-in and review) is scored as a take-home: its
        measured criteria come from the hand-in notice the round recorded.
        """
        return score_round_or_take_home(self.catalog, loop_id, round_id, turns)

    def keep_score(self, round_row: int, score: RoundScore) -> None:
        """Save the score, then mark the round completed (never completed without its score)."""
        self.store.save_score(round_row, score)
        self.store.end_round(round_row, SESSION_COMPLETED)

    def score_round(self, round_row: int, loop_id: str, round_id: str, turns: list[Turn]) -> RoundScore:
        score = self.score(loop_id, round_id, turns)
        self.keep_score(round_row, score)
        return score

    def close_round(self, run: RoundRun, notes: str = "") -> RoundScore:
        self.finish_recording(run, notes)
        return self.score_round(run.round_row, run.loop.id, run.round.id, list(run.session.turns))

    def end_session(self, session_id: str, status: str) -> None:
        self.store.end_session(session_id, status)

    def resume_at(self, session_id: str, round_ids: list[str]) -> tuple[int, int]:
        """Where a resumed loop goes on, once the turns a failing database refused are stored from the recovery
        journals (as `interview-sim resume` does; the app resumed without them before): (turns recovered, the
        index of the first of `round_ids` the session has not completed)."""
        recovered, record = self.recover(session_id)
        done = {r.round_id for r in record.rounds if r.status == SESSION_COMPLETED}
        return recovered, next((i for i, rid in enumerate(round_ids) if rid not in done), len(round_ids))

    def recover(self, session_id: str) -> tuple[int, SessionRecord]:
        """Store what a failing database refused earlier (recovery journals); (turns saved, the session now)."""
        recovered = replay_recovery(self.store, session_id, self.settings.data_dir)
        return recovered, self.store.load_session(session_id)
