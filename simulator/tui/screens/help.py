"""Help: every key of every screen, as currently mapped (config `ui.keys` remaps by binding id)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from .. import keys
from ..footer import KeysFooter
from ..host import host


class HelpScreen(ModalScreen[None]):
    BINDINGS = keys.HELP
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll { width: 80; height: 80%; border: round $accent; background: $surface; padding: 0 1; }
    """

    def compose(self) -> ComposeResult:
        keymap = dict(host(self).settings.ui.keys)  # what the app remapped its bindings by (config `ui.keys`)
        lines: list[str] = []
        for title, bindings in keys.SCREENS:
            lines.append(f"[b]{title}[/b]")
            for binding in bindings:
                key = keymap.get(binding.id, binding.key) if binding.id else binding.key
                lines.append(f"  {key:<12} {binding.description}  [dim]({binding.id})[/dim]")
        lines.append("[b]Anywhere[/b]\n  ctrl+p       Command palette (start, review, help, voice, theme)")
        with VerticalScroll():
            yield Label("Keys", classes="title")
            yield Static("\n".join(lines))
            yield Label("Remap any key in config.toml: [ui.keys] submit = \"ctrl+enter\"", classes="muted")
        yield KeysFooter()

    def action_dismiss(self) -> None:  # type: ignore[override]
        self.dismiss(None)
