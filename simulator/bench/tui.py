"""`interview-sim bench tui`: launch-to-interactive time and keypress-to-screen latency while a turn streams.

Launch is measured on the real command in tmux: spawn `interview-sim` in a
detached session, poll the pane until the home screen's text is drawn (what a
person sees), then press ctrl+p at once and poll until the command palette is
drawn: launch-to-interactive is that second time (the app drawn AND answering a
key while its models load in workers), median over runs. Keypress latency is measured in
process with Textual's Pilot against the real embedded model: while the
interviewer's follow-up is streaming, each key press is timed until it has
been handled and the screen has been refreshed with the new character.
"""

from __future__ import annotations

import asyncio
import shutil
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path

from pydantic import BaseModel

from ..config import Settings

READY_TEXT = "Set up a mock interview"
PALETTE_TEXT = "Search for commands"


class TuiBenchResult(BaseModel):
    launch_runs: int
    launch_s: list[float]
    launch_median_s: float | None
    launch_goal_s: float = 1.0
    home_drawn_s: list[float] = []
    home_drawn_median_s: float | None = None
    keypress_samples: int
    keypress_ms: list[float]
    keypress_median_ms: float | None
    keypress_p90_ms: float | None
    keypress_during_stream: int = 0
    notes: list[str] = []


def _tmux(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["tmux", *args], capture_output=True, text=True, timeout=10)


def measure_launch_interactive(command: list[str], *, timeout_s: float = 20.0) -> tuple[float, float]:
    """(home drawn, first key answered): seconds from spawning `command` in a 160x50 tmux pane.

    The key is ctrl+p, sent as soon as the home screen shows; the second time is when the
    command palette is on screen, so a UI thread starved by the model warm-up shows here.
    """
    name = f"isim-bench-{uuid.uuid4().hex[:8]}"
    shell_cmd = " ".join(_quote(c) for c in command)
    started = _start_session(name, shell_cmd)
    drawn: float | None = None
    try:
        while time.perf_counter() - started < timeout_s:
            pane = _tmux("capture-pane", "-p", "-t", name).stdout
            if drawn is None and READY_TEXT in pane:
                drawn = time.perf_counter() - started
                _tmux("send-keys", "-t", name, "C-p")
            elif drawn is not None and PALETTE_TEXT in pane:
                return drawn, time.perf_counter() - started
            time.sleep(0.01)
        what = "the home screen" if drawn is None else "the command palette"
        tail = "\n".join(pane.strip().splitlines()[-5:])
        raise TimeoutError(f"{what} did not appear within {timeout_s} s; the pane ended with:\n{tail}")
    finally:
        _tmux("kill-session", "-t", name)


def _start_session(name: str, shell_cmd: str, tries: int = 5) -> float:
    """Start a detached 160x50 session running `shell_cmd`; returns its perf_counter() start time.

    Killing the last session makes the tmux server exit, and a session asked for while it is
    exiting is silently lost: check that it exists and try again.
    """
    for _ in range(tries):
        started = time.perf_counter()
        made = _tmux("new-session", "-d", "-s", name, "-x", "160", "-y", "50", shell_cmd)
        if made.returncode == 0 and _tmux("has-session", "-t", name).returncode == 0:
            return started
        time.sleep(0.2)
    raise subprocess.SubprocessError(f"tmux could not start a session: {made.stderr.strip()}")


def _quote(text: str) -> str:
    import shlex

    return shlex.quote(text)


async def _keypress_latency(settings: Settings, presses: int) -> tuple[list[float], int, list[str]]:
    from textual.widgets import TextArea

    from ..engine.clock import SimulatedClock
    from ..tui.app import InterviewApp
    from ..tui.screens.interview import InterviewScreen

    notes: list[str] = []
    clock = SimulatedClock()
    app = InterviewApp(settings, clock_factory=lambda: clock, seed=1)
    samples: list[float] = []
    during = 0
    async with app.run_test(size=(150, 45)) as pilot:
        deadline = time.monotonic() + 120
        while not (app.catalog is not None and app.llm_status.state in ("ready", "failed")):
            if time.monotonic() > deadline:
                raise TimeoutError("the model did not warm up")
            await pilot.pause(0.05)
        if app.llm_status.state != "ready":
            notes.append(f"LLM not ready: {app.llm_status.detail}")
        await pilot.press("ctrl+n")
        while not (isinstance(app.screen, InterviewScreen) and not app.screen.busy):
            await pilot.pause(0.05)
        screen = app.screen
        assert isinstance(screen, InterviewScreen)
        editor = screen.query_one("#answer", TextArea)
        rounds = 0
        while len(samples) < presses and rounds < 6 and not screen.session.closed:
            rounds += 1
            editor.insert("We built a model and the team shipped it.")
            await pilot.press("ctrl+s")
            await pilot.pause(0.05)
            while screen.busy and len(samples) < presses:
                streaming = screen.current is not None
                before = editor.text
                started = time.perf_counter()
                await pilot.press("x")
                # Pilot.press returns once the key is handled and the app is idle (screen refreshed).
                elapsed = (time.perf_counter() - started) * 1000
                if editor.text != before:
                    samples.append(elapsed)
                    during += int(streaming)
                await pilot.pause(0.02)
            while screen.busy:
                await pilot.pause(0.05)
            editor.clear()
    return samples, during, notes


def run_tui_bench(settings: Settings, *, runs: int = 5, presses: int = 30, command: list[str] | None = None) -> TuiBenchResult:
    """Blocking: median launch time over `runs` real launches and keypress latency over `presses` keys."""
    notes: list[str] = []
    launch: list[float] = []
    drawn: list[float] = []
    if shutil.which("tmux") is None:
        notes.append("tmux is not installed: launch time not measured")
    else:
        exe = command or [str(Path(sys.executable).with_name("interview-sim"))]
        if command is None and not Path(exe[0]).exists():
            exe = [sys.executable, "-m", "simulator"]
        args = [*exe, "--data-dir", str(settings.data_dir), "--rubrics", str(settings.rubrics_dir), "--personas", str(settings.personas_dir)]
        for _ in range(runs):
            try:
                home, interactive = measure_launch_interactive(args)
                drawn.append(round(home, 3))
                launch.append(round(interactive, 3))
            except (TimeoutError, subprocess.SubprocessError) as exc:
                notes.append(f"launch failed: {exc}")
    samples, during, more = asyncio.run(_keypress_latency(settings, presses))
    notes.extend(more)
    ordered = sorted(samples)
    p90 = ordered[min(len(ordered) - 1, int(round(0.9 * (len(ordered) - 1))))] if ordered else None
    return TuiBenchResult(
        launch_runs=len(launch),
        launch_s=launch,
        launch_median_s=round(statistics.median(launch), 3) if launch else None,
        home_drawn_s=drawn,
        home_drawn_median_s=round(statistics.median(drawn), 3) if drawn else None,
        keypress_samples=len(samples),
        keypress_ms=[round(s, 1) for s in samples],
        keypress_median_ms=round(statistics.median(samples), 1) if samples else None,
        keypress_p90_ms=round(p90, 1) if p90 is not None else None,
        keypress_during_stream=during,
        notes=notes,
    )
