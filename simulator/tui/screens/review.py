"""Coach review: browse and search sessions, read a transcript with evidence highlighted, note, override, export."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Input, Label, Static

from ...store.render import evidence_by_turn, highlight_segments
from .. import keys
from ..footer import KeysFooter
from ..host import Host, host
from ..messages import Notice
from .review_modals import AudioModal, ExportModal, FlagsModal, NoteModal, OverrideModal

if TYPE_CHECKING:
    from ...interview.sessions import SessionDesk
    from ...store import SessionRecord, SessionSummary

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
            for flag in score.red_flags:
                out.append(f"  ⚑ {flag.id}" + (f" ({flag.because})" if flag.because else "") + "\n", style="red")
        for flag in record.raised_flags(rnd.round_id):
            out.append(f"  ⚑ {flag} (coach)\n", style="bold red")
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


class SessionsListed(Message):
    def __init__(self, sessions: list[SessionSummary] | None, error: str | None = None) -> None:
        super().__init__()
        self.sessions = sessions
        self.error = error


class SessionShown(Message):
    def __init__(self, record: SessionRecord | None, error: str | None = None) -> None:
        super().__init__()
        self.record = record
        self.error = error


class ReviewScreen(Screen[None]):
    BINDINGS = keys.REVIEW

    def __init__(self, session_id: str | None = None) -> None:
        super().__init__()
        self.selected = session_id
        self.record: SessionRecord | None = None

    @property
    def sim(self) -> Host:
        return host(self)

    @property
    def desk(self) -> SessionDesk:
        desk = self.sim.desk
        assert desk is not None, "review opens once the database is open"
        return desk

    def compose(self) -> ComposeResult:
        with Horizontal():
            with Vertical(id="browse"):
                yield Label("Sessions", classes="title")
                yield Input(placeholder="search words in answers and notes (enter)", id="search")
                yield DataTable(id="sessions", cursor_type="row", zebra_stripes=True)
            with VerticalScroll(id="session-view"):
                yield Static("Select a session.", id="session-text")
        yield KeysFooter()

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

    @work(thread=True, exclusive=True, group="review-list")
    def _list(self, search: str | None = None) -> None:
        try:
            self.post_message(SessionsListed(self.desk.search(search)))
        except Exception as exc:  # noqa: BLE001
            self.post_message(SessionsListed(None, str(exc)))

    def on_sessions_listed(self, message: SessionsListed) -> None:
        if message.sessions is None:
            self.notify(f"Search failed: {message.error}", severity="error")
            return
        table = self.query_one("#sessions", DataTable)
        table.clear()
        for s in message.sessions:
            table.add_row(s.started[:16].replace("T", " "), s.candidate, s.loop, s.status,
                          "-" if s.score is None else f"{s.score:.2f}", key=s.id)  # fmt: skip

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "search":
            self._list(event.value.strip())
            self.query_one("#sessions", DataTable).focus()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.row_key is not None and event.row_key.value:
            self._show(str(event.row_key.value))

    @work(thread=True, exclusive=True, group="review-show")
    def _show(self, session_id: str) -> None:
        try:
            self.post_message(SessionShown(self.desk.load(session_id)))
        except Exception as exc:  # noqa: BLE001
            self.post_message(SessionShown(None, str(exc)))

    def on_session_shown(self, message: SessionShown) -> None:
        record = message.record
        if record is None:
            self.notify(f"Could not load the session: {message.error}", severity="error")
            return
        self.selected = record.id
        self.record = record
        head = Text(f"{record.candidate} · {record.loop} · {record.level or 'any level'} · {record.mode} · {record.status}\n",
                    style="bold")  # fmt: skip
        self.query_one("#session-text", Static).update(head + transcript_text(record))

    @work(thread=True, group="review-write")
    def _write(self, session_id: str, what: str, write: Callable[[], object]) -> None:
        """A coach's note or override: saved in a thread, then the session is shown again with it."""
        try:
            write()
        except Exception as exc:  # noqa: BLE001
            self.post_message(Notice(f"Could not save the {what}: {exc}", severity="error"))
        self._show(session_id)

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
                self._write(record.id, "note", lambda: self.desk.add_note(record.id, text))

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
                self._write(record.id, "override", lambda: self.desk.override(record.id, round_id, criterion, level, reason))

        self.app.push_screen(OverrideModal(options), save)

    def action_flags(self) -> None:
        """The rounds' coach-only red flags as boxes to tick: the rubric leaves these to a person."""
        catalog = self.sim.catalog
        if self.record is None or catalog is None or self.record.loop not in catalog.loops:
            return
        record = self.record
        specs = {r.id: r for r in catalog.loops[record.loop].rounds}  # a stored round the rubric dropped has none
        options = [
            (rnd.round_id, flag.id, f"{rnd.round_id} · {flag.text}")
            for rnd in record.rounds
            if rnd.round_id in specs
            for flag in specs[rnd.round_id].red_flags
            if flag.coach_only
        ]
        if not options:
            self.notify("The rubric leaves no red flag of these rounds to the coach.", severity="information")
            return
        raised = {f"{rnd.round_id}|{flag}" for rnd in record.rounds for flag in record.raised_flags(rnd.round_id)}

        def save(changes: list[tuple[str, str, bool]] | None) -> None:
            if changes:
                self._write(record.id, "flags", lambda: self.desk.mark_flags(record.id, changes))

        self.app.push_screen(FlagsModal(options, raised), save)

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
            self.post_message(Notice(str(exc), severity="error"))
            return
        self.post_message(Notice(f"Playing {Path(path).name} ({seconds:.0f} s) · f6 stops"))

    def action_stop_audio(self) -> None:
        self.sim.audio_player.stop()

    def action_export(self) -> None:
        if self.record is None:
            return
        record = self.record

        def write(fmt: str | None) -> None:
            if fmt:
                self._export(record.id, fmt)

        self.app.push_screen(ExportModal(), write)

    @work(thread=True, group="review-export")
    def _export(self, session_id: str, fmt: str) -> None:
        try:
            target = self.export_to(session_id, fmt)
        except Exception as exc:  # noqa: BLE001 - disk full, permissions...
            self.post_message(Notice(f"Export failed: {exc}", severity="error"))
        else:
            self.post_message(Notice(f"Exported to {target}"))

    def export_to(self, session_id: str, fmt: str) -> Path:
        """Write the session as `fmt` under <data dir>/exports. BLOCKING: the export worker calls it."""
        return self.desk.export(session_id, fmt)
