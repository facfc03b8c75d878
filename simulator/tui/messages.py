"""Typed messages the app's workers post back to the UI thread.

Why messages: thread workers (model warm-up, catalog loading, the sandbox,
scoring) must never touch widgets; `post_message` is thread-safe and the
handlers run on the event loop where touching widgets is allowed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:  # kept out of the import path so the app starts fast
    from ..catalog import Catalog
    from ..catalog.watch import Reload
    from ..interview.round_session import RoundEvent
    from ..sandbox import SandboxResult
    from ..scoring.models import RoundScore
    from ..speech.models import VoiceAnswer
    from ..store import Store
    from .home_menu import HomeMenu
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
    def __init__(self, score: RoundScore | None, error: str | None = None) -> None:
        super().__init__()
        self.score = score
        self.error = error


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
