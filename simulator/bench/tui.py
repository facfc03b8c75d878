"""`interview-sim bench tui`: launch times beside a trivial Textual app, and keypress latency mid-turn.

Launch is measured on real commands in tmux (a detached 160x50 pane polled for
text, what a person sees), side by side in one run so the machine's load is
the same for all of them:
- anchor: a trivial Textual app (one label) from spawn to its first paint, the
  floor any Textual app pays on this machine;
- first frame: `interview-sim` from spawn to its home screen drawn;
- loops usable: from spawn until the loop picker works: a real loop is shown,
  enter (sent at once) opens the picker, which must have the focus, and the list
  shows the other real loops and no placeholder ("loading rubrics…").
Each figure is a median over runs, and the ratios divide by the anchor's median.

Keypress latency is measured in process against the real embedded model: after
an answer is submitted, while the turn is written to the database and scored and
the interviewer's follow-up streams, each key event is timed until the first frame
that shows its character is handed to the terminal.
"""

from __future__ import annotations

import asyncio
import shlex
import shutil
import statistics
import subprocess
import sys
import time
import uuid
from collections.abc import Callable

from pydantic import BaseModel

from ..config import ENV_PREFIX, PACKAGE_DIR, Settings

READY_TEXT = "Set up a mock interview"
ANCHOR_TEXT = "trivial app painted"
STALE_TEXTS = ("loading rubrics", "pick a loop first", "reading the rubrics")
LABEL_CHARS = 30
TRIVIAL_APP = f"""
from textual.app import App
from textual.widgets import Label


class Trivial(App):
    def compose(self):
        yield Label({ANCHOR_TEXT!r})


Trivial().run()
"""
LOOPS_USABLE_GOAL_RATIO = 2.0
KEYPRESS_GOAL_MS = 50.0


class TuiBenchResult(BaseModel):
    runs: int
    anchor_s: list[float]
    anchor_median_s: float | None
    first_frame_s: list[float]
    first_frame_median_s: float | None
    loops_usable_s: list[float]
    loops_usable_median_s: float | None
    first_frame_ratio: float | None
    """First frame / anchor (medians)."""
    loops_usable_ratio: float | None
    """Loops usable / anchor (medians)."""
    loops_usable_goal_ratio: float = LOOPS_USABLE_GOAL_RATIO
    keypress_samples: int
    keypress_ms: list[float]
    keypress_median_ms: float | None
    keypress_p90_ms: float | None
    keypress_goal_ms: float = KEYPRESS_GOAL_MS
    keypress_during_stream: int = 0
    notes: list[str] = []

    @property
    def loops_usable_met(self) -> bool | None:
        return None if self.loops_usable_ratio is None else self.loops_usable_ratio <= self.loops_usable_goal_ratio

    @property
    def keypress_met(self) -> bool | None:
        return None if self.keypress_median_ms is None else self.keypress_median_ms <= self.keypress_goal_ms


def _tmux(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["tmux", *args], capture_output=True, text=True, timeout=10)


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


def _watch(command: list[str], steps: list[tuple[str, Callable[[str], bool], str | None]], timeout_s: float) -> list[float]:
    """Spawn `command` in tmux and poll its pane; each step waits for its condition, then sends its key (if any).

    Returns the seconds from spawn at which each step's condition first held.
    """
    name = f"isim-bench-{uuid.uuid4().hex[:8]}"
    started = _start_session(name, " ".join(shlex.quote(c) for c in command))
    times: list[float] = []
    pane = ""
    try:
        for what, condition, key in steps:
            while not condition(pane := _tmux("capture-pane", "-p", "-t", name).stdout):
                if time.perf_counter() - started > timeout_s:
                    tail = "\n".join(pane.strip().splitlines()[-8:])
                    raise TimeoutError(f"{what} did not happen within {timeout_s} s; the pane ended with:\n{tail}")
                time.sleep(0.005)
            times.append(time.perf_counter() - started)
            if key is not None:
                _tmux("send-keys", "-t", name, key)
        return times
    finally:
        _tmux("kill-session", "-t", name)


def measure_anchor(python: str = sys.executable, *, timeout_s: float = 30.0) -> float:
    """Seconds from spawning a trivial Textual app to its first paint."""
    return _watch([python, "-c", TRIVIAL_APP], [("the trivial app's paint", lambda pane: ANCHOR_TEXT in pane, None)], timeout_s)[0]


def measure_launch(command: list[str], loop_labels: list[str], *, timeout_s: float = 30.0) -> tuple[float, float]:
    """(first frame, loops usable) in seconds from spawning `command`; see the module docstring.

    `loop_labels` are the picker's labels of the real loops, the first one shown first.
    """
    first, others = loop_labels[0], loop_labels[1:] or loop_labels

    def listed(pane: str) -> bool:
        # The picker is narrow: a long label wraps, so its start is what is looked for.
        return all(label[:LABEL_CHARS] in pane for label in others) and not any(stale in pane for stale in STALE_TEXTS)

    frame, _, usable = _watch(
        command,
        [
            ("the home screen", lambda pane: READY_TEXT in pane, None),
            ("a real loop in the picker", lambda pane: first[:LABEL_CHARS] in pane, "Enter"),
            ("the focused picker listing every loop and nothing stale", listed, None),
        ],
        timeout_s,
    )
    return frame, usable


def _median(values: list[float]) -> float | None:
    return round(statistics.median(values), 3) if values else None


def _loop_labels(settings: Settings) -> list[str]:
    from ..catalog import load_catalog

    catalog = load_catalog(settings.rubrics_dir, settings.personas_dir)
    return [f"{loop.company} — {loop.role}" for loop in catalog.loops.values()]


class LaunchTimes(BaseModel):
    """Seconds from spawn, one entry per run of each command."""

    anchor: list[float] = []
    frame: list[float] = []
    usable: list[float] = []
    notes: list[str] = []


def measure_launches(settings: Settings, runs: int) -> LaunchTimes:
    """Anchor, first frame and loops usable, alternating run by run so load hits all three alike."""
    times = LaunchTimes()
    if shutil.which("tmux") is None:
        times.notes.append("tmux is not installed: launch not measured")
        return times
    # Launched bare, as a person types it (a bare `interview-sim` skips the command line's parsing),
    # with the bench's directories in the environment; the code is this bench's own (a checkout or an install).
    dirs = {"DATA_DIR": settings.data_dir, "RUBRICS_DIR": settings.rubrics_dir, "PERSONAS_DIR": settings.personas_dir}
    env = ["env", f"PYTHONPATH={PACKAGE_DIR.parent}", *(f"{ENV_PREFIX}{name}={path}" for name, path in dirs.items())]
    args = [*env, sys.executable, "-m", "simulator"]
    labels = _loop_labels(settings)
    for run in range(runs + 1):
        try:
            anchor = measure_anchor()
            frame, usable = measure_launch(args, labels)
        except (TimeoutError, subprocess.SubprocessError) as exc:
            times.notes.append(f"launch failed: {exc}")
            continue
        if run == 0:
            continue  # a warm-up: files in the page cache and the app's caches written, as on any later launch
        times.anchor.append(round(anchor, 3))
        times.frame.append(round(frame, 3))
        times.usable.append(round(usable, 3))
    return times


KEY_TIMEOUT_S = 10.0


async def _keypress_latency(settings: Settings, presses: int) -> tuple[list[float], int, list[str]]:
    """Milliseconds from a key event posted to the app to the first frame showing its character.

    Frames are timed where Textual hands each one to the terminal (`App._display`): the
    key has been handled, the editor re-rendered and the screen composed. Pilot.press is
    not the stopwatch: it also waits for the whole app to look idle (64 ms for a trivial
    app with one TextArea, measured), which says nothing about this app.
    """
    from textual import events
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
        while not (app.catalog is not None and app.store is not None and app.llm_status.state in ("ready", "failed")):
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
        frames: list[tuple[float, str]] = []
        display = app._display

        def timed_display(on: object, renderable: object) -> None:
            if renderable is not None:
                frames.append((time.perf_counter(), editor.text))
            display(on, renderable)  # type: ignore[arg-type]

        app._display = timed_display  # type: ignore[method-assign]
        rounds = 0
        while len(samples) < presses and rounds < 6 and not screen.session.closed:
            rounds += 1
            editor.insert("We built a model and the team shipped it.")
            await pilot.press("ctrl+s")
            await pilot.pause(0.05)
            while screen.busy and len(samples) < presses:
                streaming = screen.current is not None
                before, seen = editor.text, len(frames)
                started = time.perf_counter()
                app.post_message(events.Key("x", "x"))
                shown = await _first_frame_changed(frames, seen, before)
                if shown is not None:
                    samples.append((shown - started) * 1000)
                    during += int(streaming)
                await pilot.pause(0.05)
            while screen.busy:
                await pilot.pause(0.05)
            editor.clear()
    return samples, during, notes


async def _first_frame_changed(frames: list[tuple[float, str]], seen: int, before: str) -> float | None:
    """When the first frame after index `seen` showed text other than `before` (None: none within KEY_TIMEOUT_S)."""
    deadline = time.perf_counter() + KEY_TIMEOUT_S
    while time.perf_counter() < deadline:
        shown = next((at for at, text in frames[seen:] if text != before), None)
        if shown is not None:
            return shown
        await asyncio.sleep(0.001)
    return None


def run_tui_bench(settings: Settings, *, runs: int = 5, presses: int = 30) -> TuiBenchResult:
    """Blocking: launch figures over `runs` side-by-side launches, and keypress latency over `presses` keys."""
    launches = measure_launches(settings, runs)
    notes = list(launches.notes)
    samples, during, more = asyncio.run(_keypress_latency(settings, presses))
    notes.extend(more)
    ordered = sorted(samples)
    p90 = ordered[min(len(ordered) - 1, int(round(0.9 * (len(ordered) - 1))))] if ordered else None
    anchor = _median(launches.anchor)

    def ratio(values: list[float]) -> float | None:
        median = _median(values)
        return round(median / anchor, 2) if median is not None and anchor else None

    return TuiBenchResult(
        runs=len(launches.anchor),
        anchor_s=launches.anchor,
        anchor_median_s=anchor,
        first_frame_s=launches.frame,
        first_frame_median_s=_median(launches.frame),
        loops_usable_s=launches.usable,
        loops_usable_median_s=_median(launches.usable),
        first_frame_ratio=ratio(launches.frame),
        loops_usable_ratio=ratio(launches.usable),
        keypress_samples=len(samples),
        keypress_ms=[round(s, 1) for s in samples],
        keypress_median_ms=round(statistics.median(samples), 1) if samples else None,
        keypress_p90_ms=round(p90, 1) if p90 is not None else None,
        keypress_during_stream=during,
        notes=notes,
    )
