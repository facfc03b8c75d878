"""Typed messages the app's workers post back to the UI thread.

Why messages: thread workers (model warm-up, catalog loading, the sandbox,
scoring) must never touch widgets; `post_message` is thread-safe and the
handlers run on the event loop where touching widgets is allowed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.message import Message

if TYPE_CHECKING:  # kept out of the import path so the app starts fast
    from ..catalog import Catalog
    from ..catalog.watch import Reload
    from ..interview.lifecycle import RoundRun
    from ..interview.round_session import RoundEvent
    from ..sandbox import SandboxResult
    from ..scoring.models import RoundScore
    from ..speech.models import VoiceAnswer
    from ..store import Store
    from .home_menu import HomeMenu
    from .models import InterviewPlan
    from .outcome import RoundOutcome
    from .models import ModelStatus


class ModelStatusChanged(Message):
    """The LLM or Whisper warm-up moved on (warming, ready, failed)."""

    def __init__(self, status: ModelStatus) -> None:
        super().__init__()
        self.status = status


class CatalogLoaded(Message):
    """The rubrics and personas are loaded (with the pickers' menu), or `error` says why not."""

    def __init__(self, catalog: Catalog | None, menu: HomeMenu | None, error: str | None = None) -> None:
        super().__init__()
        self.catalog = catalog
        self.menu = menu
        self.error = error


class StoreOpened(Message):
    """The database is open (migrated if it was older), or `error` says why not."""

    def __init__(self, store: Store | None, error: str | None = None) -> None:
        super().__init__()
        self.store = store
        self.error = error


class CatalogReloaded(Message):
    """Rubric or persona files changed on disk: the new catalog, or the problems that kept the old one."""

    def __init__(self, reload: Reload, menu: HomeMenu | None) -> None:
        super().__init__()
        self.reload = reload
        self.menu = menu


class RoundOpened(Message):
    """The round is started in the store (or reopened, with its turns) and its session built: drive it."""

    def __init__(self, run: RoundRun, problem: str | None = None) -> None:
        super().__init__()
        self.run = run
        self.problem = problem
        """Why the database could not start it (the round then goes on unsaved)."""


class Notice(Message):
    """A line to show the person, from a thread (the turn writer, a worker)."""

    def __init__(self, text: str, *, title: str = "", severity: str = "information", timeout: float = 5) -> None:
        super().__init__()
        self.text = text
        self.title = title
        self.severity = severity
        self.timeout = timeout


class InterviewerEvent(Message):
    """One event of the round driver: a turn starting, a streamed token, a finished turn..."""

    def __init__(self, event: RoundEvent) -> None:
        super().__init__()
        self.event = event


class InterviewerIdle(Message):
    """The interviewer finished speaking: the candidate's turn (or the round is over)."""


class InterviewerFailed(Message):
    def __init__(self, error: str) -> None:
        super().__init__()
        self.error = error


class SandboxFinished(Message):
    def __init__(self, result: SandboxResult | None, code: str, error: str | None = None) -> None:
        super().__init__()
        self.result = result
        self.code = code
        self.error = error


class ScoreReady(Message):
    """The round's score (None: `error` says why), whether it was kept, and the candidate's levels so far."""

    def __init__(
        self, score: RoundScore | None, error: str | None = None, *, save_error: str | None = None,
        levels: list[dict[str, Any]] | None = None, levels_error: str | None = None,
    ) -> None:  # fmt: skip
        super().__init__()
        self.score = score
        self.error = error
        self.save_error = save_error
        self.levels = levels or []
        self.levels_error = levels_error


# ---------------------------------------------------------------- voice answers
# Posted from the thread running VoiceAnswerSession.run() (and the Whisper warm-up);
# the screen's handlers run on the event loop, where touching widgets is allowed.


class SpeechNotice(Message):
    """Whisper degraded (e.g. CUDA failed, running on the CPU): tell the person once."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


class VoiceListening(Message):
    """The microphone is open and the recogniser is loaded: the candidate can speak now."""

    def __init__(self, mode: str) -> None:
        super().__init__()
        self.mode = mode


class VoiceSpeechStarted(Message):
    """The VAD heard the answer begin, `at_s` seconds into the recording."""

    def __init__(self, at_s: float) -> None:
        super().__init__()
        self.at_s = at_s


class VoicePartial(Message):
    """The words said so far (replaced by the next partial, then by the final transcript)."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


class VoiceEndOfTurn(Message):
    """The answer ended ("silence", "stopped", "device_lost", ...); the final transcript is being assembled."""

    def __init__(self, reason: str) -> None:
        super().__init__()
        self.reason = reason


class VoiceAnswerReady(Message):
    """`VoiceAnswerSession.run()` returned: the final transcript, metrics and audio path (or why voice failed)."""

    def __init__(self, answer: VoiceAnswer) -> None:
        super().__init__()
        self.answer = answer


class VoiceFailed(Message):
    """Voice input could not even start (the recogniser failed to load): fall back to typing."""

    def __init__(self, error: str) -> None:
        super().__init__()
        self.error = error


# ---------------------------------------------------------------- the app tells its screens
# Posted by the app to each screen on its stack; they do not bubble back up to it.


class DataChanged(Message, bubble=False):
    """The catalog, the pickers' menu or the database changed (loaded, reloaded, opened)."""


class ModelsChanged(Message, bubble=False):
    """A model's status changed (warming, ready, failed)."""


# ---------------------------------------------------------------- screens ask the app to move on
# Posted by a screen; they bubble to the app, which owns the loop run.


class StartInterview(Message):
    """Start (or, with `session_id`, continue) a session with this plan."""

    def __init__(self, plan: InterviewPlan, session_id: str | None = None) -> None:
        super().__init__()
        self.plan = plan
        self.session_id = session_id


class RoundOver(Message):
    """The interview screen closed its round: show the report."""

    def __init__(self, outcome: RoundOutcome) -> None:
        super().__init__()
        self.outcome = outcome


class RoundScored(Message):
    """The report scored its round: the loop summary uses the score."""

    def __init__(self, outcome: RoundOutcome) -> None:
        super().__init__()
        self.outcome = outcome


class ContinueLoop(Message):
    """From a round's report: a break then the next round, or the loop summary."""


class FinishLoop(Message):
    """The loop is done (or the candidate went home after its last round): close the session."""


class LeaveLoop(Message):
    """Home in the middle of a loop: the session stays resumable."""


class BreakOver(Message):
    """The break between rounds ended: open the next round."""
