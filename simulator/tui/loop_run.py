"""The loop run, part of the app: a session's rounds in order, with reports, breaks and a summary between them.

Screens ask for each move by posting a Message (StartInterview, RoundOver, ContinueLoop,
FinishLoop, LeaveLoop, BreakOver); the session's life in the store goes through
RoundService in thread workers (SessionBegun comes back), so no handler waits on SQLite.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import work
from textual.message import Message

from .messages import BreakOver, ContinueLoop, FinishLoop, LeaveLoop, Notice, RoundOver, RoundScored, StartInterview
from .models import InterviewPlan

if TYPE_CHECKING:
    from textual.screen import Screen

    from ..interview.lifecycle import RoundService
    from .outcome import RoundOutcome


class SessionBegun(Message):
    """The session exists (created, or found again to resume): open round `round_index` of the plan."""

    def __init__(self, session_id: str, round_index: int) -> None:
        super().__init__()
        self.session_id = session_id
        self.round_index = round_index


class LoopRunner:
    """Mixed into InterviewApp, which provides `rounds`, the catalog and the screen stack."""

    plan: InterviewPlan | None
    session_id: str | None
    round_index: int
    outcomes: list[RoundOutcome]
    catalog: Any
    break_seconds: float
    data_error: str | None
    _start_when_loaded: tuple[InterviewPlan, str | None] | None
    # Provided by App:
    notify: Any
    post_message: Any
    push_screen: Any
    switch_screen: Any
    action_home: Any

    if TYPE_CHECKING:

        @property
        def rounds(self) -> RoundService | None: ...

    def on_start_interview(self, message: StartInterview) -> None:
        self.start_interview(message.plan, session_id=message.session_id)

    def start_interview(self, plan: InterviewPlan, *, session_id: str | None = None) -> None:
        """Create (or continue) the session and open its first round not done yet."""
        rounds = self.rounds
        if rounds is None:
            if self.data_error:
                self.notify(f"Cannot start: {self.data_error}", severity="error")
            else:
                self._start_when_loaded = (plan, session_id)
                self.notify("Starting as soon as the rubrics and the database are loaded…")
            return
        self.plan = plan
        self.outcomes = []
        self._begin_session(rounds, plan, session_id)

    @work(thread=True, exclusive=True, group="session")
    def _begin_session(self, rounds: RoundService, plan: InterviewPlan, session_id: str | None) -> None:
        try:
            if session_id is None:
                session_id = rounds.create_session(candidate=plan.candidate, loop_id=plan.loop_id, level=plan.level, mode=plan.mode)
                index = 0
            else:
                recovered, index = rounds.resume_at(session_id, plan.round_ids)
                if recovered:
                    self.post_message(Notice(f"Saved {recovered} turn(s) from the recovery file."))
        except Exception as exc:  # noqa: BLE001 - said on screen; home stays usable
            self.post_message(Notice(f"Could not start the session: {exc}", severity="error", timeout=10))
            return
        self.post_message(SessionBegun(session_id, index))

    def on_session_begun(self, message: SessionBegun) -> None:
        self.session_id = message.session_id
        self.round_index = message.round_index
        self._open_round(push=True)

    def _open_round(self, *, push: bool) -> None:
        from .screens.interview import InterviewScreen

        assert self.plan is not None and self.session_id is not None
        if self.round_index >= len(self.plan.round_ids):
            self._finish_loop()
            return
        round_id = self.plan.round_ids[self.round_index]
        screen: Screen[None]
        if round_id in self.plan.take_homes:
            from .screens.take_home import TakeHomeScreen

            screen = TakeHomeScreen(self.plan, round_id, self.session_id, stage_index=self.round_index)
        else:
            screen = InterviewScreen(self.plan, round_id, self.session_id, stage_index=self.round_index)
        if push:
            self.push_screen(screen)
        else:
            self.switch_screen(screen)

    def on_round_over(self, message: RoundOver) -> None:
        from .screens.report import ReportScreen

        self.outcomes.append(message.outcome)
        assert self.plan is not None
        has_next = self.round_index + 1 < len(self.plan.round_ids)
        self.switch_screen(ReportScreen(message.outcome, has_next=has_next, whole_loop=self.plan.whole_loop))

    def on_round_scored(self, message: RoundScored) -> None:
        for i, known in enumerate(self.outcomes):
            if known.round_row == message.outcome.round_row:
                self.outcomes[i] = message.outcome

    def on_continue_loop(self, _: ContinueLoop) -> None:
        """From a round's report: a break then the next round, or the loop summary."""
        from .screens.breaks import BreakScreen

        assert self.plan is not None
        self.round_index += 1
        if self.round_index < len(self.plan.round_ids):
            loop = self.catalog.loop(self.plan.loop_id)
            upcoming = loop.round(self.plan.round_ids[self.round_index])
            self.switch_screen(BreakScreen(upcoming.title, upcoming.minutes, self.break_seconds,
                                           minutes_assumed=loop.assumed(upcoming, "minutes")))  # fmt: skip
        else:
            self._finish_loop()

    def on_break_over(self, _: BreakOver) -> None:
        self._open_round(push=False)

    def on_finish_loop(self, _: FinishLoop) -> None:
        self._finish_loop()

    def _finish_loop(self) -> None:
        from .screens.report import LoopSummaryScreen

        assert self.plan is not None and self.session_id is not None
        self._end_session(self.session_id, "completed")
        if self.plan.whole_loop:
            self.switch_screen(LoopSummaryScreen(self.plan.loop_id, self.outcomes))
        else:
            self.action_home()

    def on_leave_loop(self, _: LeaveLoop) -> None:
        """Home in the middle of a loop: the session stays resumable."""
        if self.session_id is not None:
            self._end_session(self.session_id, "interrupted")  # the statuses `resume` offers
        self.action_home()

    @work(thread=True, group="session")
    def _end_session(self, session_id: str, status: str) -> None:
        rounds = self.rounds
        try:
            assert rounds is not None
            rounds.end_session(session_id, status)
        except Exception as exc:  # noqa: BLE001
            self.post_message(Notice(f"Could not close the session: {exc}", severity="error", timeout=10))
