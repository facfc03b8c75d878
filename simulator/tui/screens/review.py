"""Coach review: browse and search sessions, read a transcript with evidence highlighted, note, override, export."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, DataTable, Footer, Input, Label, RadioButton, RadioSet, Select, Static

from ...store.render import evidence_by_turn, highlight_segments

if TYPE_CHECKING:
    from ...store import SessionRecord
    from ..app import InterviewApp

HIGHLIGHT_STYLES = ["bold black on yellow", "bold black on cyan", "bold black on green", "bold black on magenta"]


def transcript_text(record: SessionRecord) -> Text:
    """The whole session as rich text, each criterion's evidence quotes highlighted in its colour."""
    out = Text()
    for rnd in record.rounds:
        score = rnd.score
        palette = {c.criterion: HIGHLIGHT_STYLES[i % len(HIGHLIGHT_STYLES)] for i, c in enumerate(score.criteria)} if score else {}
        out.append(f"── {rnd.round_id} ({rnd.status}) ──\n", style="bold")
        if score is not None:
            weighted = "-" if score.weighted is None else f"{score.weighted:.2f}"
            out.append(f"score: {score.band} · {weighted}\n", style="bold")
            for c in score.criteria:
                machine = "-" if c.level is None else str(c.level)
                override = record.override_for(rnd.round_id, c.criterion)
                out.append("  ■ ", style=palette.get(c.criterion, ""))
                out.append(f"{c.criterion}: machine {machine}")
                if override is not None:
                    out.append(f" · coach {override.level} ({override.reason})", style="bold magenta")
                out.append("\n")
        quotes = evidence_by_turn(rnd)
        for turn in rnd.turns:
            who = turn.speaker.value
            out.append(f"[{turn.index}] {who}{' ♪' if turn.audio_path else ''}: ", style="bold cyan" if who == "interviewer" else "bold green")
            for seg in highlight_segments(turn.text, quotes.get(turn.index, [])):
                style = palette.get(seg.criteria[0], "reverse") if seg.criteria else ""
                out.append(seg.text, style=style)
            out.append("\n")
            if turn.raw_text and turn.raw_text != turn.text:  # the domain correction changed what Whisper heard
                out.append(f"      heard: {turn.raw_text}\n", style="dim italic")
        out.append("\n")
    if record.notes:
        out.append("Notes\n", style="bold")
        for note in record.notes:
            where = f" [{note.round_id}]" if note.round_id else ""
            out.append(f"  {note.coach}{where}: {note.text}\n")
    return out


class NoteModal(ModalScreen[str | None]):
    DEFAULT_CSS = "NoteModal { align: center middle; } NoteModal > Vertical { width: 70; height: auto; border: round $accent; background: $surface; padding: 1; }"
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="cancel_modal")]

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Coach note (enter saves)")
            yield Input(id="note-text")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip() or None)

    def action_cancel(self) -> None:
        self.dismiss(None)


class OverrideModal(ModalScreen[tuple[str, str, int, str] | None]):
    """Pick round+criterion and a level 1-4; a reason is required (the store refuses overrides without one)."""

    DEFAULT_CSS = "OverrideModal { align: center middle; } OverrideModal > Vertical { width: 70; height: auto; border: round $accent; background: $surface; padding: 1; }"
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="cancel_override")]

    def __init__(self, options: list[tuple[str, str]]) -> None:
        super().__init__()
        self.options = options

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Override a criterion's level")
            yield Select(self.options, id="target", allow_blank=False)
            yield Select([(str(i), i) for i in range(1, 5)], id="level", allow_blank=False, value=3)
            yield Input(placeholder="reason (required)", id="reason")
            yield Button("Save override", id="save", variant="primary")

    def on_button_pressed(self, _: Button.Pressed) -> None:
        self._save()

    def on_input_submitted(self, _: Input.Submitted) -> None:
        self._save()

    def _save(self) -> None:
        reason = self.query_one("#reason", Input).value.strip()
        if not reason:
            self.notify("An override needs a reason.", severity="warning")
            return
        round_id, criterion = str(self.query_one("#target", Select).value).split("|", 1)
        self.dismiss((round_id, criterion, int(self.query_one("#level", Select).value), reason))  # type: ignore[arg-type]

    def action_cancel(self) -> None:
        self.dismiss(None)


class ExportModal(ModalScreen[str | None]):
    DEFAULT_CSS = "ExportModal { align: center middle; } ExportModal > Vertical { width: 50; height: auto; border: round $accent; background: $surface; padding: 1; }"
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="cancel_export")]

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Export as")
            with RadioSet(id="fmt"):
                yield RadioButton("md", value=True)
                yield RadioButton("html")
                yield RadioButton("json")
            yield Button("Export", id="export", variant="primary")

    def on_button_pressed(self, _: Button.Pressed) -> None:
        pressed = self.query_one("#fmt", RadioSet).pressed_button
        self.dismiss(str(pressed.label) if pressed else "md")

    def action_cancel(self) -> None:
        self.dismiss(None)


class AudioModal(ModalScreen[str | None]):
    """Pick a recorded answer to hear (enter plays it)."""

    DEFAULT_CSS = "AudioModal { align: center middle; } AudioModal > Vertical { width: 80; height: auto; border: round $accent; background: $surface; padding: 1; }"
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="cancel_audio")]

    def __init__(self, options: list[tuple[str, str]]) -> None:
        super().__init__()
        self.options = options

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Play a recorded answer")
            yield Select(self.options, id="answer-audio", allow_blank=False)
            yield Button("Play", id="play", variant="primary")

    def on_button_pressed(self, _: Button.Pressed) -> None:
        self.dismiss(str(self.query_one("#answer-audio", Select).value))

    def action_cancel(self) -> None:
        self.dismiss(None)


class ReviewScreen(Screen[None]):
    CSS_PATH = "review.tcss"
    BINDINGS = [
        Binding("escape", "back", "Back", id="back"),
        Binding("ctrl+f", "search", "Search", id="search"),
        Binding("f7", "note", "Note", id="note"),
        Binding("f8", "override", "Override level", id="override"),
        Binding("ctrl+x", "export", "Export", id="export"),
        Binding("f5", "play_audio", "Play answer", id="play_audio"),
        Binding("f6", "stop_audio", "Stop audio", id="stop_audio"),
    ]

    def __init__(self, session_id: str | None = None) -> None:
        super().__init__()
        self.selected = session_id
        self.record: SessionRecord | None = None

    @property
    def sim(self) -> InterviewApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        with Horizontal():
            with Vertical(id="browse"):
                yield Label("Sessions", classes="title")
                yield Input(placeholder="search words in answers and notes (enter)", id="search")
                yield DataTable(id="sessions", cursor_type="row", zebra_stripes=True)
            with VerticalScroll(id="session-view"):
                yield Static("Select a session.", id="session-text")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#sessions", DataTable)
        table.add_column("started", width=16)
        table.add_column("candidate", width=12)
        table.add_column("loop", width=12)
        table.add_column("status", width=11)
        table.add_column("score", width=5)
        self._list()
        if self.selected:
            self._show(self.selected)

    def _list(self, search: str | None = None) -> None:
        table = self.query_one("#sessions", DataTable)
        table.clear()
        try:
            sessions = self.sim.store.list_sessions(search=search or None, limit=200)
        except Exception as exc:  # noqa: BLE001
            self.notify(f"Search failed: {exc}", severity="error")
            return
        for s in sessions:
            table.add_row(s.started[:16].replace("T", " "), s.candidate, s.loop, s.status,
                          "-" if s.score is None else f"{s.score:.2f}", key=s.id)  # fmt: skip

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "search":
            self._list(event.value.strip())
            self.query_one("#sessions", DataTable).focus()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.row_key is not None and event.row_key.value:
            self._show(str(event.row_key.value))

    def _show(self, session_id: str) -> None:
        try:
            record = self.sim.store.load_session(session_id)
        except Exception as exc:  # noqa: BLE001
            self.notify(f"Could not load the session: {exc}", severity="error")
            return
        self.selected = session_id
        self.record = record
        head = Text(f"{record.candidate} · {record.loop} · {record.level or 'any level'} · {record.mode} · {record.status}\n",
                    style="bold")  # fmt: skip
        self.query_one("#session-text", Static).update(head + transcript_text(record))

    # ---------------------------------------------------------------- actions
    def action_back(self) -> None:
        self.app.pop_screen()

    def action_search(self) -> None:
        self.query_one("#search", Input).focus()

    def action_note(self) -> None:
        if self.record is None:
            return
        record = self.record

        def save(text: str | None) -> None:
            if text:
                try:
                    self.sim.store.add_note(record.id, text)
                except Exception as exc:  # noqa: BLE001
                    self.notify(f"Could not save the note: {exc}", severity="error")
                self._show(record.id)

        self.app.push_screen(NoteModal(), save)

    def action_override(self) -> None:
        if self.record is None:
            return
        record = self.record
        options = [
            (f"{rnd.round_id} · {c.criterion} (machine {c.level or '-'})", f"{rnd.round_id}|{c.criterion}")
            for rnd in record.rounds
            if rnd.score is not None
            for c in rnd.score.criteria
        ]
        if not options:
            self.notify("This session has no scored round to override.", severity="warning")
            return

        def save(choice: tuple[str, str, int, str] | None) -> None:
            if choice:
                round_id, criterion, level, reason = choice
                try:
                    self.sim.store.override_level(record.id, round_id, criterion, level, reason)
                except Exception as exc:  # noqa: BLE001
                    self.notify(f"Could not save the override: {exc}", severity="error")
                self._show(record.id)

        self.app.push_screen(OverrideModal(options), save)

    def action_play_audio(self) -> None:
        if self.record is None:
            return
        options = [
            (f"{rnd.round_id} [{t.index}] {t.text[:50]}", t.audio_path)
            for rnd in self.record.rounds
            for t in rnd.turns
            if t.audio_path
        ]
        if not options:
            self.notify("No recorded answer in this session (typed answers have no audio).", severity="warning")
            return
        self.app.push_screen(AudioModal(options), self._play)

    @work(thread=True, exclusive=True, group="playback")
    def _play(self, path: str | None) -> None:
        """Decoding blocks for a moment: a thread worker; the result reaches the screen as a notification."""
        from ...speech.playback import AudioPlaybackError

        if not path:
            return
        try:
            seconds = self.sim.audio_player.play(path)
        except AudioPlaybackError as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error")
            return
        self.app.call_from_thread(self.notify, f"Playing {Path(path).name} ({seconds:.0f} s) · f6 stops")

    def action_stop_audio(self) -> None:
        self.sim.audio_player.stop()

    def action_export(self) -> None:
        if self.record is None:
            return
        record = self.record

        def write(fmt: str | None) -> None:
            if fmt:
                self.export_to(record.id, fmt)

        self.app.push_screen(ExportModal(), write)

    def export_to(self, session_id: str, fmt: str) -> Path | None:
        from ...store.exchange import export_session

        target = self.sim.settings.data_dir / "exports" / f"session-{session_id[:8]}.{fmt}"
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(export_session(self.sim.store, session_id, fmt), encoding="utf-8")
        except Exception as exc:  # noqa: BLE001 - disk full, permissions...
            self.notify(f"Export failed: {exc}", severity="error")
            return None
        self.notify(f"Exported to {target}")
        return target


