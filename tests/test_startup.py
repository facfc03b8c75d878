"""startup: the command pauses the collector while it starts; a subcommand resumes it at once, the app after its first frame.

Each test undoes what begin() and done() did to this process (a frozen heap would
never be collected for the rest of the session).
"""

from __future__ import annotations

import gc
import os
import subprocess
import sys
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


_LAUNCH_IMPORTS = (
    "import sys; from simulator import startup; startup.begin(); "
    "from simulator.config import load_settings; load_settings(); import simulator.tui.app; "
    "from pydantic.plugin._schema_validator import create_schema_validator; "
    "from pydantic_core import core_schema as cs; "
    "v = create_schema_validator(cs.int_schema(), int, 'm', 'n', 'BaseModel'); "
    "print('importlib.metadata' in sys.modules, type(v).__name__, v.validate_python('3'))"
)


@pytest.mark.parametrize(
    ("setting", "printed"),
    [(None, "False SchemaValidator 3"), ("__all__", "False SchemaValidator 3"), ("some_plugin", "True SchemaValidator 3")],
)
def test_the_launch_never_imports_package_metadata_for_pydantic(setting: str | None, printed: str) -> None:
    """With every plugin disabled, pydantic's loader would import importlib.metadata only to find none; a user's own setting gets the real loader."""
    env = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    if setting is not None:
        env["PYDANTIC_DISABLE_PLUGINS"] = setting
    done = subprocess.run([sys.executable, "-c", _LAUNCH_IMPORTS], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == printed
