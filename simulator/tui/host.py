"""What a screen may ask of the app it runs in: a small protocol, not the InterviewApp class.

Screens read the app's long-lived services through `host(self)` and ask it to move
on by posting the navigation Messages in messages.py; they never import app.py, so
a screen can be tested in any App that provides these, and the app module does not
sit in every screen's import graph.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol, cast

if TYPE_CHECKING:
    from textual.dom import DOMNode

    from ..catalog import Catalog
    from ..config import Settings
    from ..engine.clock import Clock
    from ..interview.lifecycle import RoundService
    from ..interview.sessions import SessionDesk
    from ..speech.capture import StreamFactory
    from ..speech.playback import AudioPlayer
    from ..speech.recognizer import Recognizer
    from .home_menu import HomeMenu
    from .models import ModelStatus
    from .speaker import InterviewerVoice


class Host(Protocol):
    settings: Settings
    catalog: Catalog | None
    menu: HomeMenu | None
    catalog_error: str | None
    seed: int | None
    llm_status: ModelStatus
    stt_status: ModelStatus
    voice: InterviewerVoice
    clock_factory: Callable[[], Clock]
    audio_stream_factory: StreamFactory | None

    @property
    def llm(self) -> Any: ...

    @property
    def rounds(self) -> RoundService | None:
        """A round's life in the store; None until the catalog and the database are loaded."""
        ...

    @property
    def desk(self) -> SessionDesk | None:
        """Past sessions to list, read, annotate and export; None until the database is open."""
        ...

    @property
    def audio_player(self) -> AudioPlayer: ...

    def ready_recognizer(self) -> Recognizer:
        """The Whisper recogniser, loaded on first call. BLOCKING: thread workers only."""
        ...

    def speak(self, text: str) -> None:
        """Say an interviewer turn aloud when the voice is on (non-blocking)."""
        ...


def host(node: DOMNode) -> Host:
    return cast("Host", node.app)
