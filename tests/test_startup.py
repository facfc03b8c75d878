"""startup: the command pauses the collector while it starts; a subcommand resumes it at once, the app after its first frame.

Each test undoes what begin() and done() did to this process (a frozen heap would
never be collected for the rest of the session).
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from simulator import startup
from simulator.cli import main
from simulator.engine.clock import SimulatedClock
from simulator.tui.app import InterviewApp
from tui_fixtures import make_settings
from tui_helpers import DownLLM, StubRecognizer, wait_for


@pytest.fixture
def restored(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.delenv("PYDANTIC_DISABLE_PLUGINS", raising=False)  # set by begin(), unset again after the test
    frozen = gc.get_freeze_count()
    yield
    monkeypatch.setattr(startup, "_paused", False)
    if gc.get_freeze_count() != frozen:
        gc.unfreeze()
    gc.enable()


def test_done_without_begin_leaves_the_collector_alone(restored: None) -> None:
    frozen = gc.get_freeze_count()
    startup.done()
    assert gc.isenabled() and gc.get_freeze_count() == frozen


def test_a_subcommand_collects_again_at_once(restored: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("INTERVIEW_SIM_CONFIG", os.devnull)
    startup.begin()
    assert not gc.isenabled()
    result = CliRunner().invoke(main, ["--data-dir", str(tmp_path), "config", "show", "--json"])
    assert result.exit_code == 0, result.output
    assert gc.isenabled() and gc.get_freeze_count() > 0  # what start-up built is kept out of later collections


def test_a_users_own_plugin_setting_wins(restored: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PYDANTIC_DISABLE_PLUGINS", "some_plugin")
    startup.begin()
    startup.done()
    assert os.environ["PYDANTIC_DISABLE_PLUGINS"] == "some_plugin"


async def test_the_app_collects_again_after_its_first_frame(restored: None, tmp_path: Path) -> None:
    startup.begin()
    app = InterviewApp(make_settings(tmp_path), llm=DownLLM(), recognizer=StubRecognizer(), clock_factory=SimulatedClock, warm_models=False)
    async with app.run_test(size=(140, 40)) as pilot:
        await wait_for(pilot, lambda: app.ready_at is not None, 10, "the first frame")
        assert gc.isenabled() and gc.get_freeze_count() > 0
