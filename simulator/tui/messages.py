"""Typed messages the app's workers post back to the UI thread.

Why messages: thread workers (model warm-up, catalog loading, the sandbox,
scoring) must never touch widgets; `post_message` is thread-safe and the
handlers run on the event loop where touching widgets is allowed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.message import Message

if TYPE_CHECKING:  # kept out of the import path so the app starts fast
    from ..interview.round_session import RoundEvent
    from ..sandbox import SandboxResult
    from ..scoring.models import RoundScore
    from .models import ModelStatus


class ModelStatusChanged(Message):
    """The LLM or Whisper warm-up moved on (warming, ready, failed)."""

    def __init__(self, status: ModelStatus) -> None:
        super().__init__()
        self.status = status


class DataReady(Message):
    """Catalog loaded and store opened (or one of them failed: `error`)."""

    def __init__(self, catalog: Any, store: Any, error: str | None = None) -> None:
        super().__init__()
        self.catalog = catalog
        self.store = store
        self.error = error


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
