"""A take-home played as one: the repository in a working directory, tests from the app, hand-in, then the review.

Two phases on one screen. Working: the brief, the repository's files (edit them
here or in your own editor; the directory is shown), "Run tests" (the sandbox,
in a thread worker) and the round's time box, shown but not enforced:
take-homes are self-paced. Review: after hand-in (hidden tests, own tests, code
checks and ASSUMPTIONS.md measured in a thread worker) the interviewer asks what
was found, assumed and would be tested next; the conversation streams from an
async worker as in the interview screen. Typing only. The review's life in the
store (start, record, close) is RoundService's, asked from thread workers as the
interview screen does; the report screen scores it (as a take-home) and keeps the score.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Label, Markdown, Select, Static, TextArea
from textual.widgets.text_area import LanguageDoesNotExist

from ...engine.turns import Speaker, TurnKind
from ...interview.lifecycle import BackgroundRecorder
from ...interview.round_session import RoundClosed, RoundEvent, TurnDiscarded, TurnDone, TurnStarted, TurnToken
from ...interview.take_home import TakeHomeReview
from ...takehome import HandIn, Workspace, WorkspaceError, hand_in, run_provided_tests
from ...takehome.workspace import WORKSPACES
from .. import keys
from ..assumed import round_heading
from ..footer import KeysFooter
from ..host import Host, host
from ..messages import InterviewerEvent, InterviewerFailed, InterviewerIdle, Notice, RoundOpened, RoundOver
from ..models import InterviewPlan
from ..outcome import RoundOutcome
from ..round_driver import typed_metrics
from ..widgets import Countdown, Transcript, TurnView, clock_text

if TYPE_CHECKING:
    from ...interview.lifecycle import RoundRun, RoundService
    from ...sandbox import SandboxResult

QUIT_WRITE_WAIT_S = 10.0
CONFIRM_S = 5.0
"""A second F9 within this many seconds hands in: a single key press must not end hours of work."""


class WorkspaceOpened(Message):
    """The repository found again or created (a thread worker), with its brief and first module read, or `error`."""

    def __init__(self, workspace: Workspace | None, brief: str = "", text: str = "", *, resumed: bool = False,
                 error: str | None = None) -> None:  # fmt: skip
        super().__init__()
        self.workspace, self.brief, self.text, self.resumed, self.error = workspace, brief, text, resumed, error


class TestsFinished(Message):
    def __init__(self, result: SandboxResult | None, error: str | None = None) -> None:
        super().__init__()
        self.result = result
        self.error = error


class HandInMeasured(Message):
    def __init__(self, measured: HandIn | None, error: str | None = None) -> None:
        super().__init__()
        self.measured = measured
        self.error = error


class TakeHomeScreen(Screen[None]):
    CSS_PATH = "take_home.tcss"
    BINDINGS = keys.TAKE_HOME

    def __init__(self, plan: InterviewPlan, round_id: str, session_id: str, *, stage_index: int = 0) -> None:
        super().__init__()
        self.plan = plan
        self.round_id = round_id
        self.session_id = session_id
        self.stage_index = stage_index
        self.workspace: Workspace | None = None
        self.phase = "working"
        """working -> measuring -> review -> closed"""
        self.tests_running = False
        self.hand_in_asked_at = 0.0
        self.review: TakeHomeReview | None = None
        self.measured: HandIn | None = None
        """The hand-in as measured, while the review round is being opened in the store."""
        self.busy = False
        self.closed_reason: str | None = None
        self.current: TurnView | None = None
        self.answer_started = 0.0
        self.open_file: str | None = None
        self.loaded_text = ""
        """The open file as it was loaded: the editor saves only what was changed here."""

    @property
    def sim(self) -> Host:
        return host(self)

    @property
    def rounds(self) -> RoundService:
        service = self.sim.rounds
        assert service is not None
        return service

    @property
    def run(self) -> RoundRun | None:
        return self.review.run if self.review is not None else None

    @property
    def round_row(self) -> int:
        return self.run.round_row if self.run is not None else 0

    # ---------------------------------------------------------------- layout
    def compose(self) -> ComposeResult:
        catalog = self.sim.catalog
        assert catalog is not None
        self.loop = catalog.loop(self.plan.loop_id)
        self.round = self.loop.round(self.round_id)
        self.take_home = self.round.take_home(self.plan.take_homes[self.round_id])
        self.persona = catalog.personas[self.round.persona]
        position = f"round {self.stage_index + 1}/{len(self.plan.round_ids)} · " if self.plan.whole_loop else ""
        with Vertical(id="top"):
            yield Static(f"{round_heading(self.loop, self.round, self.persona, position)} · take-home: {self.take_home.title}",
                         id="round-title")  # fmt: skip
            yield Countdown(self.round.minutes * 60.0, [], id="countdown")
            yield Static("", id="where")
        with Horizontal(id="work"):
            with VerticalScroll(id="brief-box"):
                yield Markdown(id="brief")
            with Vertical(id="files"):
                files = [f.path for f in self.take_home.files if f.path != "README.md"]
                yield Select[str]([(path, path) for path in files], id="file", allow_blank=False, value=self.take_home.module)
                yield TextArea.code_editor("", language="python", id="editor")
                yield Static("F5 saves and runs the repository's tests. F9 twice hands in.", id="test-results")
        with Vertical(id="review", classes="hidden"):
            yield Transcript(id="transcript")
            yield Label("", id="status")
            yield TextArea(id="answer", soft_wrap=True, show_line_numbers=False)
        yield KeysFooter()

    def on_mount(self) -> None:
        self._open_workspace()

    @work(thread=True, exclusive=True, group="take-home-workspace")
    def _open_workspace(self) -> None:
        """Find the session's repository again or write a new one, off the event loop: the disk may be slow."""
        base = self.sim.settings.data_dir / WORKSPACES
        try:
            workspace = Workspace.of_session(base, self.session_id, self.round.id)
            resumed = workspace is not None
            if workspace is None:
                root = base / f"{self.take_home.id}-{self.session_id[:8]}"
                workspace = Workspace.create(root, self.loop, self.round, self.take_home, candidate=self.plan.candidate,
                                             app_session=self.session_id)  # fmt: skip
            self.post_message(WorkspaceOpened(workspace, workspace.read("README.md"), workspace.read(self.take_home.module),
                                              resumed=resumed))  # fmt: skip
        except (WorkspaceError, OSError) as exc:
            self.post_message(WorkspaceOpened(None, error=str(exc)))

    def on_workspace_opened(self, message: WorkspaceOpened) -> None:
        workspace = message.workspace
        if workspace is None:
            self.notify(f"Could not create the take-home's directory: {message.error}", severity="error", timeout=15)
            return
        if message.resumed:
            self.notify(f"Resuming the take-home in {workspace.root}")
        self.workspace = workspace
        self.query_one("#where", Static).update(f"Your repository: {workspace.root}  (work here or in your own editor)")
        self.query_one("#brief", Markdown).update(message.brief)
        self._show(self.take_home.module, message.text)
        self._tick()
        self.set_interval(1.0, self._tick)

    # ---------------------------------------------------------------- working
    def _tick(self) -> None:
        if self.workspace is None:
            return
        if self.phase in ("working", "measuring"):
            left = self.workspace.time_left_s()
            self.query_one("#countdown", Countdown).show(left)
            if left < 0:
                self.query_one("#countdown", Countdown).update(f"{clock_text(-left)} over the {self.round.minutes} min time box "
                                                               "(self-paced: hand in when you are done)")  # fmt: skip
        elif self.review is not None and self.phase == "review":
            engine = self.review.session.engine
            self.query_one("#countdown", Countdown).show(engine.time_left())
            if engine.time_up() and not self.busy and not self.review.session.closed:
                self._drive(self._finish_events("time"))

    def on_select_changed(self, event: Select.Changed) -> None:
        if self.workspace is None:  # the worker shows the first module once the repository is there
            return
        if event.select.id == "file" and isinstance(event.value, str) and event.value != self.open_file:
            self._save()
            self._load(event.value)

    def _load(self, relative: str) -> None:
        assert self.workspace is not None
        self._show(relative, self.workspace.read(relative))

    def _show(self, relative: str, text: str) -> None:
        editor = self.query_one("#editor", TextArea)
        try:
            editor.language = "python" if relative.endswith(".py") else "markdown"
        except LanguageDoesNotExist:
            editor.language = None
        self.loaded_text = text
        editor.load_text(text)
        self.open_file = relative

    def _save(self) -> None:
        """Write the app's editor to its file when it was edited here; an untouched editor never overwrites an outside edit."""
        if self.workspace is None or self.open_file is None:
            return
        text = self.query_one("#editor", TextArea).text
        if text == self.loaded_text:
            return
        if self.workspace.read(self.open_file) != self.loaded_text:
            self.notify(f"{self.open_file} was also changed outside the app; the app's version is saved", severity="warning")
        (self.workspace.root / self.open_file).write_text(text, encoding="utf-8")
        self.loaded_text = text

    def action_reload(self) -> None:
        if self.phase == "working" and self.open_file is not None:
            self._load(self.open_file)

    def action_save_or_submit(self) -> None:
        if self.phase == "working":
            self._save()
            self.notify(f"Saved {self.open_file}", timeout=2)
        elif self.phase == "review":
            self._submit_answer()

    def action_run_tests(self) -> None:
        if self.phase != "working" or self.workspace is None or self.tests_running:
            return
        self._save()
        self.tests_running = True
        self.query_one("#test-results", Static).update("Running the repository's tests in the sandbox…")
        self._run_tests()

    @work(thread=True, exclusive=True, group="take-home-tests")
    def _run_tests(self) -> None:
        assert self.workspace is not None
        try:
            result = run_provided_tests(self.workspace, self.take_home)
        except Exception as exc:  # noqa: BLE001 - shown, the take-home goes on
            self.post_message(TestsFinished(None, f"{type(exc).__name__}: {exc}"))
        else:
            self.post_message(TestsFinished(result))

    def on_tests_finished(self, message: TestsFinished) -> None:
        self.tests_running = False
        box = self.query_one("#test-results", Static)
        if message.result is None:
            box.update(f"Could not run the tests: {message.error}")
            return
        result = message.result
        lines = [f"{result.passed}/{result.total} passed" + (f" ({result.message})" if result.message else "")]
        for test in result.tests:
            detail = f" — {test.message.splitlines()[0][:70]}" if test.message and test.outcome != "passed" else ""
            lines.append(f"{'✓' if test.outcome == 'passed' else '✗'} {test.name}: {test.outcome}{detail}")
        box.update("\n".join(lines))

    def action_hand_in(self) -> None:
        if self.phase == "review" and not self.busy:
            self._drive(self._finish_events("ended by the candidate"))
            return
        if self.phase != "working" or self.workspace is None or self.tests_running:
            return
        now = time.monotonic()
        if now - self.hand_in_asked_at > CONFIRM_S:
            self.hand_in_asked_at = now
            self.notify("Press F9 again to hand in: the hidden tests run and the review starts.", severity="warning", timeout=CONFIRM_S)
            return
        self._save()
        self.phase = "measuring"
        self.query_one("#test-results", Static).update("Handing in: hidden tests, your tests, code checks, ASSUMPTIONS.md…")
        self._measure()

    @work(thread=True, exclusive=True, group="take-home-hand-in")
    def _measure(self) -> None:
        assert self.workspace is not None
        try:
            measured = hand_in(self.workspace, self.take_home)
        except Exception as exc:  # noqa: BLE001 - the candidate keeps working and can try again
            self.post_message(HandInMeasured(None, f"{type(exc).__name__}: {exc}"))
        else:
            self.post_message(HandInMeasured(measured))

    def on_hand_in_measured(self, message: HandInMeasured) -> None:
        if message.measured is None:
            self.phase = "working"
            self.query_one("#test-results", Static).update(f"Hand-in failed, keep working and try again: {message.error}")
            return
        self.measured = message.measured
        self._open_review(self.sim.clock_factory())

    # ---------------------------------------------------------------- review
    @work(thread=True, exclusive=True, group="round-store")
    def _open_review(self, clock: object) -> None:
        """Start the review round in the store: a thread, the database may be slow or locked."""
        args = dict(candidate=self.plan.candidate, clock=clock, seed=self.plan.seed)
        try:
            run = self.rounds.open_take_home(self.session_id, self.round.id, self.take_home.id, background=True, **args)  # type: ignore[arg-type]
        except Exception as exc:  # noqa: BLE001 - the review goes on unsaved
            run = self.rounds.unsaved_take_home(self.session_id, self.loop.id, self.round.id, self.take_home.id, **args)  # type: ignore[arg-type]
            self.post_message(RoundOpened(run, f"{type(exc).__name__}: {exc}"))
        else:
            self.post_message(RoundOpened(run))

    def on_round_opened(self, message: RoundOpened) -> None:
        measured = self.measured
        assert measured is not None
        if message.problem:
            self.notify(f"Database problem, this round may not be saved: {message.problem}", severity="error")
        self.review = TakeHomeReview(message.run, self.take_home)
        self.phase = "review"
        self.query_one("#work").add_class("hidden")
        self.query_one("#review").remove_class("hidden")
        self.query_one("#countdown", Countdown).duration_s = self.review.round.minutes * 60.0
        self.query_one("#where", Static).update(f"Hand-in: {measured.hidden.summary()} · " + " · ".join(measured.report.summary_lines()[:1]))
        self.query_one("#answer", TextArea).focus()
        self._drive(self.review.hand_in(measured))

    def on_notice(self, message: Notice) -> None:
        self.notify(message.text, title=message.title, severity=message.severity, timeout=message.timeout)  # type: ignore[arg-type]

    def _drive(self, events: AsyncIterator[RoundEvent]) -> None:
        self.busy = True
        self._run_events(events)

    @work(exclusive=True, group="take-home-interviewer")
    async def _run_events(self, events: AsyncIterator[RoundEvent]) -> None:
        try:
            async for event in events:
                self.post_message(InterviewerEvent(event))
        except Exception as exc:  # noqa: BLE001 - never lose the round to one failure
            self.post_message(InterviewerFailed(f"{type(exc).__name__}: {exc}"))
        finally:
            self.post_message(InterviewerIdle())

    def on_interviewer_event(self, message: InterviewerEvent) -> None:
        event = message.event
        transcript = self.query_one("#transcript", Transcript)
        if isinstance(event, TurnStarted) and event.speaker is Speaker.INTERVIEWER:
            self.current = transcript.add(self.persona.name, "", classes="interviewer streaming")
        elif isinstance(event, TurnToken) and self.current is not None:
            self.current.append(event.text)
        elif isinstance(event, TurnDiscarded) and self.current is not None:
            self.current.replace("")
        elif isinstance(event, TurnDone):
            turn = event.turn
            if turn.speaker is Speaker.INTERVIEWER:
                view = self.current or transcript.add(self.persona.name, "", classes="interviewer")
                view.replace(turn.text)
                view.remove_class("streaming")
                view.set_class(turn.kind is TurnKind.NOTICE, "notice")
                self.current = None
                self.sim.speak(turn.text)
            else:
                shown = turn.text if turn.question_id != self.take_home.hand_in_question_id else "(the handed-in repository)"
                transcript.add(self.plan.candidate, shown or "(passed)", classes="candidate")
        elif isinstance(event, RoundClosed):
            self.closed_reason = event.reason

    def on_interviewer_failed(self, message: InterviewerFailed) -> None:
        self.notify(f"Interviewer problem: {message.error}", severity="error", timeout=8)

    def on_interviewer_idle(self, _: InterviewerIdle) -> None:
        self.busy = False
        assert self.review is not None
        if self.review.session.closed or self.closed_reason is not None:
            self._round_over()
            return
        self.answer_started = self.review.session.engine.elapsed()
        self.query_one("#status", Label).update("Your turn — ctrl+s submits · F9 ends the review")

    def _submit_answer(self) -> None:
        if self.busy or self.review is None or self.review.session.closed:
            self.notify("Wait for the interviewer to finish.", severity="warning", timeout=2)
            return
        editor = self.query_one("#answer", TextArea)
        text = editor.text.strip()
        editor.clear()
        end = self.review.session.engine.elapsed()
        metrics = typed_metrics(text, end - self.answer_started) if text else None
        self._drive(self.review.session.answer(text, t_start=self.answer_started, t_end=end, metrics=metrics))

    def _finish_events(self, reason: str) -> AsyncIterator[RoundEvent]:
        assert self.review is not None
        editor = self.query_one("#answer", TextArea)
        text = editor.text.strip()
        editor.clear()
        return self.review.session.finish(reason, text, t_start=self.answer_started, t_end=self.review.session.engine.elapsed())

    def _round_over(self) -> None:
        if self.phase == "closed" or self.review is None or self.workspace is None:
            return
        self.phase = "closed"
        self.query_one("#status", Label).update("Saving the round…")
        self._close_round()

    @work(thread=True, exclusive=True, group="round-store")
    def _close_round(self) -> None:
        """Every turn in the database (a thread: it waits for the turn writer), the repository marked handed in, then the report."""
        run, workspace = self.run, self.workspace
        assert run is not None and workspace is not None
        try:
            self.rounds.finish_recording(run)
        except Exception as exc:  # noqa: BLE001 - the report still shows; the message says where the turns are
            self.post_message(Notice(f"Could not close the round in the database: {exc}", severity="error", timeout=15))
        try:
            workspace.manifest.session_id = self.session_id
            workspace.save()
        except OSError as exc:
            self.post_message(Notice(f"Could not mark the repository handed in: {exc}", severity="error", timeout=15))
        outcome = RoundOutcome(
            session_id=self.session_id, round_row=run.round_row, loop_id=self.loop.id, round_id=self.round.id,
            candidate=self.plan.candidate, reason=self.closed_reason or "closed", turns=list(run.session.turns),
            fallbacks=run.session.fallbacks,
        )  # fmt: skip
        self.post_message(RoundOver(outcome))

    def on_unmount(self) -> None:
        """Leaving the screen (round over, quit): silence the interviewer; turns handed to the writer still go in."""
        self.sim.voice.stop()
        run = self.run
        if run is not None and isinstance(run.recorder, BackgroundRecorder):
            run.recorder.close(wait_s=QUIT_WRITE_WAIT_S)
