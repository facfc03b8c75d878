"""The review screen's small dialogs: a coach note, a level override with its reason, an export format, an answer to play."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, RadioButton, RadioSet, Select, SelectionList


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


class FlagsModal(ModalScreen[list[tuple[str, str, bool]] | None]):
    """Tick the red flags the rubric leaves to the coach (`coach_only`); returns only what changed."""

    DEFAULT_CSS = "FlagsModal { align: center middle; } FlagsModal > Vertical { width: 100; height: auto; max-height: 80%; border: round $accent; background: $surface; padding: 1; }"
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="cancel_flags")]

    def __init__(self, options: list[tuple[str, str, str]], raised: set[str]) -> None:
        """`options`: (round id, flag id, label); `raised`: "round|flag" keys ticked now."""
        super().__init__()
        self.options = options
        self.raised = raised

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Red flags for the coach to judge (space ticks, enter saves)")
            yield SelectionList[str](*[(label, f"{rnd}|{flag}", f"{rnd}|{flag}" in self.raised)
                                       for rnd, flag, label in self.options], id="flags")  # fmt: skip
            yield Button("Save flags", id="save-flags", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#flags", SelectionList).focus()

    def on_button_pressed(self, _: Button.Pressed) -> None:
        ticked = set(self.query_one("#flags", SelectionList).selected)
        changes = [(key.split("|", 1)[0], key.split("|", 1)[1], key in ticked)
                   for key in (f"{rnd}|{flag}" for rnd, flag, _ in self.options)
                   if (key in ticked) != (key in self.raised)]  # fmt: skip
        self.dismiss(changes)

    def action_cancel(self) -> None:
        self.dismiss(None)
