"""The Textual app: home, interview, report, review, help; models warm up in thread workers.

Layering (after harlequin/posting): the app owns the long-lived services (settings,
catalog, the database behind RoundService and SessionDesk, LLM client, Whisper
recogniser, interviewer voice, clock factory, audio stream factory) and the loop
run (loop_run.py). Screens see the app through the Host protocol (host.py), ask it
to move on with Messages, and reach the database only through the two services,
from thread workers. Everything slow runs in a worker, started only once the first
frame is drawn: catalog then database, then the LLM warm-up, then Whisper, in
threads; the interviewer in an async worker that streams tokens; each voice answer
in a thread. Workers talk back with typed Messages; so does the app to its screens
(DataChanged, ModelsChanged), never by calling into them.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from textual import work
from textual.app import App

from . import keys
from .. import startup
from ..config import EMBEDDED_MODEL, Settings
from ..engine.clock import Clock, MonotonicClock
from .home_menu import HomeMenu, catalog_signature, read_cached_menu, write_cached_menu
from .loop_run import LoopRunner
from .palette import AppCommands
from .first_show import SameSizeApp
from .messages import CatalogLoaded, CatalogReloaded, DataChanged, ModelsChanged, ModelStatusChanged, Notice, SpeechNotice, StoreOpened
from .models import InterviewPlan, ModelStatus
from .speaker import InterviewerVoice

if TYPE_CHECKING:  # the speech package loads in a worker, never on the launch path
    from ..catalog.watch import CatalogWatcher
    from ..interview.lifecycle import RoundService
    from ..interview.sessions import SessionDesk
    from ..speech.capture import StreamFactory
    from ..speech.playback import AudioPlayer
    from ..speech.playback import Output as AudioOutput
    from ..speech.recognizer import Recognizer
    from .outcome import RoundOutcome


RUBRIC_POLL_S = 1.0
DATA_AFTER_FIRST_FRAME_S = 0.3


class InterviewApp(LoopRunner, SameSizeApp):
    # Every screen's styles, parsed once at start: a screen bringing its own CSS_PATH makes Textual
    # re-parse the whole stylesheet and restyle every widget when it is first shown (most of a
    # 0.2 s first frame of an empty home screen on 2 cores, measured).
    CSS_PATH = ["app.tcss", "screens/home.tcss", "screens/interview.tcss", "screens/report.tcss", "screens/review.tcss"]
    TITLE = "interview-sim"
    SUB_TITLE = "rehearse ML engineer interview loops"
    COMMANDS = App.COMMANDS | {AppCommands}
    BINDINGS = keys.APP

    def __init__(
        self,
        settings: Settings,
        *,
        clock_factory: Callable[[], Clock] = MonotonicClock,
        llm: Any = None,
        warm_models: bool = True,
        animate: bool = True,
        break_seconds: float = 300.0,
        seed: int | None = None,
        audio_stream_factory: StreamFactory | None = None,
        recognizer: Recognizer | None = None,
        speaker_command: Sequence[str] | None = None,
        audio_output: AudioOutput | None = None,
    ) -> None:
        """audio_stream_factory: replaces sounddevice.InputStream for every voice answer (tests play files
        through the real capture path with it). recognizer: a ready-made recogniser (tests share one loaded
        model). speaker_command: the interviewer voice's player, the text appended as its last argument.
        audio_output: plays a recorded answer in review (tests check what would be played)."""
        super().__init__()
        self.settings = settings
        self.clock_factory = clock_factory
        self.warm_models = warm_models
        self.animate = animate
        self.break_seconds = break_seconds
        self.seed = seed
        self.catalog: Any = None
        self.store: Any = None
        self._rounds: RoundService | None = None
        self._desk: SessionDesk | None = None
        self.data_error: str | None = None
        self.catalog_error: str | None = None  # why the last load of the rubrics failed
        # Before the first frame (a stat per rubric file and one small read): the pickers' loops, when unchanged.
        self.menu: HomeMenu | None = read_cached_menu(settings.data_dir, catalog_signature(settings.rubrics_dir, settings.personas_dir))
        self._start_when_loaded: tuple[InterviewPlan, str | None] | None = None
        self._llm = llm
        self.llm_status = ModelStatus(kind="llm", label=self._llm_label(), state="idle")
        self.stt_status = ModelStatus(kind="stt", label=f"{settings.stt.model} on {settings.stt.device}", state="idle")
        self.interviewer_voice = settings.ui.interviewer_voice
        self.voice = InterviewerVoice(speaker_command, engine=settings.ui.voice_engine)
        self.audio_stream_factory = audio_stream_factory
        self._catalog_watcher: CatalogWatcher | None = None
        self._audio_output = audio_output
        self._audio_player: AudioPlayer | None = None
        self._recognizer = recognizer
        self._recognizer_warm = False
        self._recognizer_lock = threading.Lock()
        self._warm_next: list[str] = []
        """Warm-ups still to start, in order; each starts when the step before it is over."""
        self.plan: InterviewPlan | None = None
        self.session_id: str | None = None
        self.round_index = 0
        self.outcomes: list[RoundOutcome] = []
        self.ready_at: float | None = None
        self.started_at = time.perf_counter()

    # ---------------------------------------------------------------- set-up
    def _llm_label(self) -> str:
        model = self.settings.llm.model
        if model != EMBEDDED_MODEL:
            return model
        from ..llm.embedded_model import MODELS

        return f"embedded {MODELS[self.settings.llm.embedded].name} (llama.cpp)"

    @property
    def audio_player(self) -> AudioPlayer:
        """Built on first use: numpy and the decoder load only when a coach plays an answer."""
        if self._audio_player is None:
            from ..speech.playback import AudioPlayer

            self._audio_player = AudioPlayer(self._audio_output)
        return self._audio_player

    @property
    def rounds(self) -> RoundService | None:
        """Rounds' life in the store, once the catalog and the database are there (rebuilt on a rubric reload)."""
        if self.catalog is None or self.store is None:
            return None
        if self._rounds is None or self._rounds.catalog is not self.catalog:
            from ..interview.lifecycle import RoundService

            self._rounds = RoundService(settings=self.settings, catalog=self.catalog, store=self.store, llm=self.llm,
                                        on_notice=self._saving_notice)  # fmt: skip
        return self._rounds

    @property
    def desk(self) -> SessionDesk | None:
        """Past sessions for home, review and the report, once the database is open."""
        if self.store is None:
            return None
        if self._desk is None:
            from ..interview.sessions import SessionDesk

            self._desk = SessionDesk(self.store, self.settings.data_dir)
        return self._desk

    def _saving_notice(self, text: str) -> None:
        """From the turn writer's thread: post_message is the thread-safe way to the screen."""
        self.post_message(Notice(text, title="Saving turns", severity="warning", timeout=10))

    def on_notice(self, message: Notice) -> None:
        self.notify(message.text, title=message.title, severity=message.severity, timeout=message.timeout)  # type: ignore[arg-type]

    @property
    def llm(self) -> Any:
        """The LLM client, built on first use (cheap: litellm is imported by warm-up, in a thread)."""
        if self._llm is None:
            from ..llm.factory import build_llm

            self._llm = build_llm(self.settings)
        return self._llm

    def on_mount(self) -> None:
        if self.settings.ui.keys:
            self.set_keymap(dict(self.settings.ui.keys))
        if self.settings.ui.theme in self.available_themes:
            self.theme = self.settings.ui.theme
        else:
            self.notify(f"unknown theme {self.settings.ui.theme!r}; using {self.theme}", severity="warning")
        from .screens.home import HomeScreen

        # Pushed once Textual's start-up batch is over (mount runs inside it): pushed here, home was laid
        # out and drawn inside the batch, that frame thrown away, and the screen laid out and drawn again
        # for its first frame on screen (~20 ms more before it, measured in `interview-sim bench tui`).
        self.call_later(self.push_screen, HomeScreen())

    def on_ready(self) -> None:
        """The first frame is on screen: only now start the workers, one after another.

        Importing the catalog, litellm and faster-whisper in threads holds the GIL for
        seconds and the model loads take both cores: started in on_mount they delay the
        first frame, and started together they starve the keyboard. So: the catalog and
        the database first (Home needs them), then the LLM (every round needs it), then
        Whisper (only voice answers need it, and one asked for earlier loads it on demand),
        then, when the interviewer voice is on in the config, Piper's long-lived server
        (its own process: ~2 s of both cores, so after the models the round needs).
        """
        self.ready_at = time.perf_counter()
        startup.done()  # the collector, paused by `interview-sim` until now
        if self.menu is None:
            self.load_data()  # the pickers wait for it
        else:
            # The pickers work from the cached menu: let a first key on them go before the catalog
            # import takes the GIL (loop picker answering enter 0.37 -> 0.18 s after the first frame, measured).
            self.set_timer(DATA_AFTER_FIRST_FRAME_S, self.load_data)
        if self.warm_models:
            self._warm_next = ["llm", "stt"] + (["voice"] if self.interviewer_voice else [])
        else:
            self.llm_status = self.llm_status.model_copy(update={"state": "off", "detail": "warm-up disabled"})
            self.stt_status = self.stt_status.model_copy(update={"detail": "loads on the first voice answer"})

    @work(thread=True, exclusive=True, group="data")
    def load_data(self) -> None:
        """The catalog (what the pickers and every round need) then the database, off the UI thread."""
        from ..catalog import CatalogError, load_catalog
        from ..catalog.watch import CatalogWatcher

        settings = self.settings
        # Watch from before the load so an edit made while loading is not missed.
        self._catalog_watcher = CatalogWatcher(settings.rubrics_dir, settings.personas_dir)
        signature = catalog_signature(settings.rubrics_dir, settings.personas_dir)
        try:
            catalog = load_catalog(settings.rubrics_dir, settings.personas_dir)
        except CatalogError as exc:
            self.post_message(CatalogLoaded(None, None, f"rubrics: {len(exc.problems)} problem(s), first: {exc.problems[0] if exc.problems else exc}"))
        except Exception as exc:  # noqa: BLE001 - shown to the user, the app stays up
            self.post_message(CatalogLoaded(None, None, f"rubrics: {exc}"))
        else:
            menu = HomeMenu.from_catalog(catalog)
            if menu != self.menu:
                write_cached_menu(settings.data_dir, signature, menu)
            self.post_message(CatalogLoaded(catalog, menu))
        from ..store import Store

        try:
            store = Store(settings.db_path)
        except Exception as exc:  # noqa: BLE001
            self.post_message(StoreOpened(None, f"database: {exc}"))
            return
        # Loaded here, in the thread, so the first ctrl+n does not import them on the event loop.
        from ..interview import lifecycle, sessions  # noqa: F401

        self.post_message(StoreOpened(store))

    def on_catalog_loaded(self, message: CatalogLoaded) -> None:
        self.catalog = message.catalog
        self.menu = message.menu
        self.catalog_error = message.error
        self._data_failed(message.error)
        self._refresh_screens()
        self.set_interval(RUBRIC_POLL_S, self.watch_rubrics)
        self._warm_more()
        self._start_pending()

    def on_store_opened(self, message: StoreOpened) -> None:
        self.store = message.store
        self._data_failed(message.error)
        self._refresh_screens()
        self._start_pending()

    def _start_pending(self) -> None:
        """A start asked for while loading (the pickers work from the cached menu) goes ahead now."""
        if self._start_when_loaded is None:
            return
        if self.data_error:
            self._start_when_loaded = None
        elif self.catalog is not None and self.store is not None:
            (plan, session_id), self._start_when_loaded = self._start_when_loaded, None
            self.start_interview(plan, session_id=session_id)

    def _data_failed(self, error: str | None) -> None:
        if error:
            self.data_error = "; ".join(filter(None, [self.data_error, error]))
            self.notify(error, title="Could not load everything", severity="error", timeout=10)

    def _refresh_screens(self) -> None:
        for screen in self.screen_stack:
            screen.post_message(DataChanged())

    @work(thread=True, exclusive=True, group="rubric-watch")
    def watch_rubrics(self) -> None:
        """Teams edit rubrics while the app is open: poll the files (a thread: it is file I/O).

        A good reload also refreshes the cached menu, so the next launch shows the edit at once.
        The signature is taken before the poll: an edit landing during the load then only
        makes the next launch miss the cache, never show a stale menu.
        """
        if self._catalog_watcher is None:
            return
        settings = self.settings
        signature = catalog_signature(settings.rubrics_dir, settings.personas_dir)
        reload = self._catalog_watcher.poll()
        if reload is None:
            return
        menu = HomeMenu.from_catalog(reload.catalog) if reload.catalog is not None else None
        if menu is not None:
            write_cached_menu(settings.data_dir, signature, menu)
        self.post_message(CatalogReloaded(reload, menu))

    def on_catalog_reloaded(self, message: CatalogReloaded) -> None:
        """A new catalog serves the next round; a round already running keeps the rubric it started with."""
        reload = message.reload
        if reload.catalog is None:
            shown = "\n".join(str(p) for p in reload.problems[:3])
            more = f"\n... and {len(reload.problems) - 3} more" if len(reload.problems) > 3 else ""
            self.notify(f"{shown}{more}", title="Rubric edit not loaded (keeping the last good one)", severity="error", timeout=15)
            return
        self.catalog, self.menu, self.catalog_error = reload.catalog, message.menu, None
        self.notify(f"{len(reload.catalog.loops)} loop(s), {len(reload.catalog.personas)} persona(s)", title="Rubrics reloaded")
        self._refresh_screens()

    def _warm_more(self) -> None:
        """Start the next warm-up in the chain (data -> LLM -> Whisper -> interviewer voice)."""
        if not self._warm_next:
            return
        step = self._warm_next.pop(0)
        if step == "llm":
            self.warm_llm()
        elif step == "stt":
            self.warm_stt()
        else:
            self.voice.warm()  # starts a child process and returns: nothing to wait for

    @work(thread=True, exclusive=True, group="llm-warmup")
    def warm_llm(self) -> None:
        """litellm import (~2 s) and the embedded llama.cpp server (~1 s) block: a thread worker."""
        status = self.llm_status.model_copy(update={"state": "warming", "detail": "importing litellm, starting the model"})
        self.post_message(ModelStatusChanged(status))
        started = time.perf_counter()
        try:
            self.llm.warm_up()
        except Exception as exc:  # noqa: BLE001 - the round still runs on canned probes
            status = status.model_copy(update={"state": "failed", "detail": f"{type(exc).__name__}: {exc}"[:160]})
        else:
            status = status.model_copy(update={"state": "ready", "detail": f"warmed in {time.perf_counter() - started:.1f} s"})
        self.post_message(ModelStatusChanged(status))

    def ready_recognizer(self) -> Recognizer:
        """The Whisper recogniser, built and warmed on first call. BLOCKING: thread workers only.

        The warm-up worker and a voice answer started before it finished share one lock,
        so the model is loaded once and the answer simply waits for it.
        """
        with self._recognizer_lock:
            if self._recognizer is None:
                from ..speech.recognizer import make_recognizer

                self._recognizer = make_recognizer(self.settings, on_notice=lambda text: self.post_message(SpeechNotice(text)))
            if not self._recognizer_warm:
                self._recognizer.warm_up()
                self._recognizer_warm = True
            return self._recognizer

    @work(thread=True, exclusive=True, group="stt-warmup")
    def warm_stt(self) -> None:
        """faster-whisper import (~0.5 s), model load and one second of silence (~0.5-2 s): a thread worker."""
        warming = self.stt_status.model_copy(update={"state": "warming", "detail": "loading the model"})
        self.post_message(ModelStatusChanged(warming))
        try:
            rec = self.ready_recognizer()
        except Exception as exc:  # noqa: BLE001 - typing still works; voice answers report it again
            failed = warming.model_copy(update={"state": "failed", "detail": f"{type(exc).__name__}: {exc}"[:160]})
            self.post_message(ModelStatusChanged(failed))
            return
        detail = getattr(rec, "compute_type", "") or ""
        if rec.notice:
            detail = f"{detail}; CPU fallback" if detail else "CPU fallback"
        label = f"{rec.model_label} on {rec.device}"
        self.post_message(ModelStatusChanged(warming.model_copy(update={"state": "ready", "label": label, "detail": detail})))

    def on_speech_notice(self, message: SpeechNotice) -> None:
        self.notify(message.text, title="Speech recognition", severity="warning", timeout=10)

    def on_model_status_changed(self, message: ModelStatusChanged) -> None:
        if message.status.state in ("ready", "failed"):
            self._warm_more()
        if message.status.kind == "llm":
            self.llm_status = message.status
            if message.status.state == "failed":
                self.notify(
                    f"The interviewer model is unavailable ({message.status.detail}); follow-ups will use the rubric's questions.",
                    severity="warning",
                    timeout=8,
                )
        else:
            self.stt_status = message.status
            if message.status.state == "failed":
                self.notify(
                    f"Whisper is unavailable ({message.status.detail}); answer by typing.",
                    severity="warning",
                    timeout=8,
                )
        for screen in self.screen_stack:
            screen.post_message(ModelsChanged())

    # ---------------------------------------------------------------- app actions
    def action_home(self) -> None:
        while len(self.screen_stack) > 2:
            self.pop_screen()
        self.screen.post_message(DataChanged())

    def action_review(self) -> None:
        from .screens.review import ReviewScreen

        if self.desk is None:
            self.notify("The database is not open yet.", severity="warning")
            return
        if not isinstance(self.screen, ReviewScreen):
            self.push_screen(ReviewScreen())

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_toggle_voice(self) -> None:
        self.interviewer_voice = not self.interviewer_voice
        if not self.interviewer_voice:
            self.voice.stop()
            self.notify("Interviewer voice off")
        elif self.voice.available:
            self.voice.warm()  # Piper loads its voice now (~2 s, in its own process), not on the next question
            notice = self.voice.notice  # ui.voice_engine = "piper" without the extra: say what speaks instead
            self.notify(f"Interviewer voice on: {notice}" if notice else f"Interviewer voice on ({self.voice.label})",
                        severity="warning" if notice else "information")  # fmt: skip
        else:
            hint = "apt install espeak-ng, or pip install -e '.[voice]' for Piper"
            self.notify(f"Interviewer voice on, but no voice is installed ({hint}).", severity="warning")

    def speak(self, text: str) -> None:
        """Say an interviewer turn aloud when the voice is on (non-blocking; stops the previous one)."""
        if self.interviewer_voice:
            self.voice.speak(text)

    def action_toggle_theme(self) -> None:
        self.theme = "textual-light" if self.theme == "textual-dark" else "textual-dark"

    def on_unmount(self) -> None:
        self.voice.close()  # silences it and ends Piper's long-lived server
        runtime = getattr(self._llm, "embedded", None)
        if runtime is not None:
            try:
                runtime.stop()
            except Exception:  # noqa: BLE001 - shutting down anyway
                pass
