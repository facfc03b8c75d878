"""Help: every key of every screen, as currently mapped (config `ui.keys` remaps by binding id)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Label, Static


def _screens() -> list[tuple[str, type[Screen[None]] | type]]:
    from ..app import InterviewApp
    from .breaks import BreakScreen
    from .home import HomeScreen
    from .interview import InterviewScreen
    from .report import ReportScreen
    from .review import ReviewScreen

    return [("Everywhere", InterviewApp), ("Home", HomeScreen), ("Interview", InterviewScreen),
            ("Report", ReportScreen), ("Break", BreakScreen), ("Review", ReviewScreen)]  # fmt: skip


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape", "dismiss", "Close", id="close_help")]
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll { width: 80; height: 80%; border: round $accent; background: $surface; padding: 0 1; }
    """

    def compose(self) -> ComposeResult:
        keymap = dict(self.app._keymap) if hasattr(self.app, "_keymap") else {}
        lines: list[str] = []
        for title, cls in _screens():
            lines.append(f"[b]{title}[/b]")
            for binding in getattr(cls, "BINDINGS", []):
                if not isinstance(binding, Binding):
                    continue
                key = keymap.get(binding.id, binding.key) if binding.id else binding.key
                lines.append(f"  {key:<12} {binding.description}  [dim]({binding.id})[/dim]")
        lines.append("[b]Anywhere[/b]\n  ctrl+p       Command palette (start, review, help, voice, theme)")
        with VerticalScroll():
            yield Label("Keys", classes="title")
            yield Static("\n".join(lines))
            yield Label("Remap any key in config.toml: [ui.keys] submit = \"ctrl+enter\"", classes="muted")
        yield Footer()

    def action_dismiss(self) -> None:  # type: ignore[override]
        self.dismiss(None)
