"""Small widgets the interview and review screens share: a streamed turn, the transcript, the countdown."""

from __future__ import annotations

from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static


def clock_text(seconds: float) -> str:
    seconds = max(0, int(round(seconds)))
    return f"{seconds // 60:02d}:{seconds % 60:02d}"


class TurnView(Static):
    """One utterance; interviewer turns grow token by token while they stream."""

    DEFAULT_CSS = """
    TurnView { padding: 0 1; margin: 0 0 1 0; }
    TurnView.interviewer { border-left: thick $accent; }
    TurnView.candidate { border-left: thick $success; }
    TurnView.notice { color: $text-muted; }
    TurnView.streaming { border-left: thick $warning; }
    """

    def __init__(self, who: str, text: str = "", *, classes: str = "") -> None:
        super().__init__(classes=classes)
        self.who = who
        self.body = text

    def on_mount(self) -> None:
        self._render_body()

    def _render_body(self) -> None:
        text = Text()
        text.append(f"{self.who}: ", style="bold")
        text.append(self.body)
        self.update(text)

    def append(self, token: str) -> None:
        self.body += token
        self._render_body()

    def replace(self, text: str) -> None:
        self.body = text
        self._render_body()


class Transcript(VerticalScroll):
    """The conversation so far, newest at the bottom, scrolled to follow."""

    DEFAULT_CSS = """
    Transcript { height: 1fr; }
    """

    def add(self, who: str, text: str, *, classes: str) -> TurnView:
        view = TurnView(who, text, classes=classes)
        self.mount(view)
        self.scroll_end(animate=False)
        return view


class Countdown(Static):
    """Time left with stage marks: where the warnings fall and how far the round has gone."""

    DEFAULT_CSS = """
    Countdown { height: 1; padding: 0 1; }
    Countdown.warn { color: $warning; }
    Countdown.over { color: $error; }
    """

    def __init__(self, duration_s: float, marks_s: list[float], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.duration_s = duration_s
        self.marks_s = sorted(marks_s, reverse=True)

    def show(self, left_s: float, width: int = 40) -> None:
        done = 1.0 - (left_s / self.duration_s if self.duration_s else 0.0)
        filled = int(round(done * width))
        bar = ["█" if i < filled else "░" for i in range(width)]
        for mark in self.marks_s:
            pos = int(round((1.0 - mark / self.duration_s) * width)) if self.duration_s else 0
            if 0 <= pos < width:
                bar[pos] = "│"
        marks = ", ".join(clock_text(m) for m in self.marks_s)
        self.update(f"{clock_text(left_s)} left  {''.join(bar)}  warnings at {marks or 'none'}")
        self.set_class(0 < left_s <= (self.marks_s[0] if self.marks_s else 0), "warn")
        self.set_class(left_s <= 0, "over")
