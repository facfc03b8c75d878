"""The real `interview-sim` in a real terminal (tmux): launch, answer one question, read the screen.

Uses the real embedded model. tmux is installed by the test setup on fresh machines.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from tui_fixtures import make_settings
from tui_helpers import SLACK

pytestmark = pytest.mark.slow
ANSWER = "I built the ranking model and I decided to retrain it weekly"


def tmux(*args: str) -> str:
    return subprocess.run(["tmux", *args], capture_output=True, text=True, timeout=10, check=False).stdout


def wait_pane(name: str, text: str, timeout: float, *, after: str | None = None) -> str:
    """The pane once `text` shows (below the line holding `after`, when given): waits on what is drawn, not a clock."""
    deadline = time.monotonic() + timeout * SLACK
    pane = ""
    while time.monotonic() < deadline:
        pane = tmux("capture-pane", "-p", "-t", name)
        lines = pane.splitlines()
        start = next((i + 1 for i, line in enumerate(lines) if after in line), None) if after is not None else 0
        if start is not None and text in "\n".join(lines[start:]):
            return pane
        time.sleep(0.1)
    raise AssertionError(f"{text!r} never appeared{f' below {after!r}' if after else ''}; the screen was:\n{pane}")


def test_launch_answer_and_read_the_screen(tmp_path: Path) -> None:
    assert shutil.which("tmux"), "tmux is required (scripts/setup installs it)"
    settings = make_settings(tmp_path, with_model=True)
    exe = Path(sys.executable).with_name("interview-sim")
    cmd = (
        f"INTERVIEW_SIM_LLM__TIMEOUT_S=90 {exe} --data-dir {settings.data_dir} "
        f"--rubrics {settings.rubrics_dir} --personas {settings.personas_dir}"
    )
    name = f"isim-test-{uuid.uuid4().hex[:8]}"
    tmux("new-session", "-d", "-s", name, "-x", "160", "-y", "50", cmd)
    try:
        # The header, not the panel title: a short pane scrolls the set-up panel to its focused first picker.
        wait_pane(name, "interview-sim — rehearse ML engineer interview loops", 20)
        wait_pane(name, "Hiring Manager Screen", 20)  # the catalog loaded in its worker
        tmux("send-keys", "-t", name, "C-n")
        pane = wait_pane(name, "Priya:", 20)
        assert "Hi, welcome to the Hiring Manager Screen." in pane  # no name typed: greeted without one
        wait_pane(name, "Your turn", 20)
        tmux("send-keys", "-t", name, "-l", ANSWER)
        wait_pane(name, ANSWER, 10)
        tmux("send-keys", "-t", name, "C-s")
        pane = wait_pane(name, "candidate: " + ANSWER[:40], 10)
        # The interviewer's next turn, below the answer. "Your turn" alone proves nothing: the answer box keeps its
        # label while the follow-up is planned, which on a loaded machine outlasts a first look at the pane.
        wait_pane(name, "Priya:", 120, after=ANSWER[:40])
        wait_pane(name, "Your turn", 120)
        tmux("send-keys", "-t", name, "C-q")
    finally:
        tmux("kill-session", "-t", name)
