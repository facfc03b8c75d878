"""Configuration layering: defaults < TOML file < INTERVIEW_SIM_* env vars < CLI flags.

Each layer is checked through `interview-sim config show --json`, which must
also name the layer a value came from, so a user can tell why a setting is what
it is. Secrets are only ever shown masked, and bad input gives a one-line error.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from simulator import config
from simulator.cli import main
from simulator.config import ConfigError, load_settings

REPO = Path(__file__).resolve().parents[1]
SECRET = "sk-test-0123456789abcdef"


@pytest.fixture(autouse=True)
def clean_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No INTERVIEW_SIM_* variable of the machine leaks in; the config file is a tmp path (empty by default).

    Setting INTERVIEW_SIM_CONFIG through monkeypatch also restores it after a test
    whose `--config` flag rewrites it in os.environ.
    """
    for name in list(os.environ):
        if name.upper().startswith("INTERVIEW_SIM_"):
            monkeypatch.delenv(name)
    path = tmp_path / "config.toml"
    path.write_text("")
    monkeypatch.setenv("INTERVIEW_SIM_CONFIG", str(path))
    return path


def show(*flags: str, env: dict[str, str] | None = None) -> dict[str, tuple[str, str]]:
    """`interview-sim [FLAGS] config show --json` as {key: (value, source)}."""
    result = CliRunner().invoke(main, [*flags, "config", "show", "--json"], env=env)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    return {row["key"]: (row["value"], row["source"]) for row in data["settings"]}


def run_show(*flags: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(main, [*flags, "config", "show"], env={"COLUMNS": "200", **(env or {})})


def test_defaults(clean_env: Path) -> None:
    rows = show()
    assert rows["llm.model"] == ("embedded", "default")
    assert rows["llm.timeout_s"] == ("20.0", "default")
    assert rows["rubrics_dir"] == (str(REPO / "rubrics"), "default")


def test_data_dir_defaults_to_transcripts_in_a_checkout() -> None:
    assert show()["data_dir"] == (str(REPO / "transcripts"), "default")
    assert load_settings().db_path == REPO / "transcripts" / "interview-sim.db"


def test_data_dir_outside_a_checkout_is_the_xdg_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(config, "PROJECT_ROOT", tmp_path / "site-packages")  # no pyproject.toml, no rubrics/
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    assert load_settings().data_dir == tmp_path / "xdg-data" / "interview-sim"


def test_config_file_defaults_to_the_xdg_config_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("INTERVIEW_SIM_CONFIG")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    path = tmp_path / "xdg" / "interview-sim" / "config.toml"
    path.parent.mkdir(parents=True)
    path.write_text('[llm]\nmodel = "ollama_chat/llama3.1"\n')
    assert show()["llm.model"] == ("ollama_chat/llama3.1", f"file {path}")


def test_toml_file_beats_defaults_key_by_key(clean_env: Path) -> None:
    clean_env.write_text('data_dir = "/srv/interviews"\n[llm]\nmodel = "openai/gpt-4o-mini"\ntimeout_s = 5\n')
    rows = show()
    assert rows["data_dir"] == ("/srv/interviews", f"file {clean_env}")
    assert rows["llm.model"] == ("openai/gpt-4o-mini", f"file {clean_env}")
    assert rows["llm.timeout_s"] == ("5.0", f"file {clean_env}")
    assert rows["llm.retries"] == ("1", "default")  # a section in the file does not reset its other keys


def test_env_beats_toml_and_nested_keys_merge(clean_env: Path) -> None:
    clean_env.write_text('data_dir = "/srv/interviews"\n[llm]\nmodel = "openai/gpt-4o-mini"\ntimeout_s = 5\n')
    rows = show(env={"INTERVIEW_SIM_LLM__MODEL": "ollama_chat/llama3.1", "INTERVIEW_SIM_DATA_DIR": "/data/env"})
    assert rows["llm.model"] == ("ollama_chat/llama3.1", "env INTERVIEW_SIM_LLM__MODEL")
    assert rows["data_dir"] == ("/data/env", "env INTERVIEW_SIM_DATA_DIR")
    assert rows["llm.timeout_s"] == ("5.0", f"file {clean_env}")  # env set llm.model only: the file's timeout stays


def test_cli_flags_beat_env_and_toml(clean_env: Path, tmp_path: Path) -> None:
    clean_env.write_text('data_dir = "/srv/interviews"\nrubrics_dir = "/srv/rubrics"\n')
    rows = show(
        "--data-dir",
        str(tmp_path / "flag-data"),
        "--rubrics",
        str(tmp_path / "flag-rubrics"),
        env={"INTERVIEW_SIM_DATA_DIR": "/data/env"},
    )
    assert rows["data_dir"] == (str(tmp_path / "flag-data"), "cli")
    assert rows["rubrics_dir"] == (str(tmp_path / "flag-rubrics"), "cli")
    assert rows["personas_dir"] == (str(REPO / "personas"), "default")


def test_config_flag_selects_the_toml_file(tmp_path: Path) -> None:
    other = tmp_path / "other.toml"
    other.write_text('[stt]\nmode = "hands_free"\n')
    assert show("--config", str(other))["stt.mode"] == ("hands_free", f"file {other}")


def test_load_settings_overrides_are_the_cli_layer(clean_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    clean_env.write_text("[llm]\ntemperature = 0.1\n")
    monkeypatch.setenv("INTERVIEW_SIM_LLM__TEMPERATURE", "0.2")
    assert load_settings().llm.temperature == 0.2
    assert load_settings({"llm.temperature": 0.3}).llm.temperature == 0.3
    assert load_settings({"llm.temperature": None}).llm.temperature == 0.2  # an unset flag is no override


# --- secrets ---------------------------------------------------------------------------------


def test_api_key_is_masked_in_table_and_json() -> None:
    env = {"INTERVIEW_SIM_LLM__API_KEY": SECRET}
    table = run_show(env=env)
    assert table.exit_code == 0, table.output
    assert SECRET not in table.output
    assert "****" in table.output and "env INTERVIEW_SIM_LLM__API_KEY" in table.output
    rows = show(env=env)
    assert rows["llm.api_key"] == ("****", "env INTERVIEW_SIM_LLM__API_KEY")
    assert SECRET not in json.dumps(rows)


def test_api_key_is_usable_but_not_in_redacted_data(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INTERVIEW_SIM_LLM__API_KEY", SECRET)
    settings = load_settings()
    assert settings.llm.api_key is not None and settings.llm.api_key.get_secret_value() == SECRET
    assert SECRET not in repr(settings)
    assert SECRET not in json.dumps(settings.redacted())


def test_api_key_is_not_printed_when_another_setting_is_invalid() -> None:
    result = run_show(env={"INTERVIEW_SIM_LLM__API_KEY": SECRET, "INTERVIEW_SIM_LLM__RETRIES": "lots"})
    assert result.exit_code != 0
    assert SECRET not in result.output


# --- friendly errors -------------------------------------------------------------------------


def assert_friendly_error(result: Result, expected: str) -> None:
    """Non-zero exit, `Error: ...` naming the problem, and no traceback (click turns it into SystemExit)."""
    assert result.exit_code != 0
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    assert expected in result.stderr, result.stderr


def test_invalid_toml(clean_env: Path) -> None:
    clean_env.write_text("[llm\nmodel = 1\n")
    assert_friendly_error(run_show(), f"Error: {clean_env}: not valid TOML: ")


def test_toml_that_is_not_utf8(clean_env: Path) -> None:
    clean_env.write_bytes(b'[llm]\nmodel = "\xff"\n')
    assert_friendly_error(run_show(), f"Error: {clean_env}: not valid TOML: not UTF-8 text")


@pytest.mark.parametrize(
    ("toml", "expected"),
    [
        ("[llm]\ntimeout_s = -1\n", "llm.timeout_s: Input should be greater than 0"),
        ("[llm]\nmodle = 'x'\n", "llm.modle: Extra inputs are not permitted"),
        ("colour = 'blue'\n", "colour: Extra inputs are not permitted"),
        ("[stt]\ndevice = 'tpu'\n", "stt.device: Input should be 'auto', 'cpu' or 'cuda'"),
    ],
)
def test_invalid_values_in_the_toml_file(clean_env: Path, toml: str, expected: str) -> None:
    clean_env.write_text(toml)
    assert_friendly_error(run_show(), expected)


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"INTERVIEW_SIM_LLM__RETRIES": "lots"}, "llm.retries: Input should be a valid integer"),
        ({"INTERVIEW_SIM_STT__MODE": "always"}, "stt.mode: Input should be 'push_to_talk' or 'hands_free'"),
        # Not even parseable as the JSON a nested section needs: pydantic-settings raises its own error type.
        ({"INTERVIEW_SIM_LLM": "not json"}, 'invalid environment variable: error parsing value for field "llm"'),
    ],
)
def test_invalid_env_values(env: dict[str, str], expected: str) -> None:
    assert_friendly_error(run_show(env=env), expected)


def test_a_named_config_file_that_is_missing_is_an_error(clean_env: Path, tmp_path: Path) -> None:
    clean_env.unlink()
    assert_friendly_error(run_show(), f"{clean_env}: no such config file")
    missing = tmp_path / "typo.toml"
    assert_friendly_error(run_show("--config", str(missing)), f"{missing}: no such config file")


def test_dev_null_means_no_config_file(clean_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INTERVIEW_SIM_CONFIG", os.devnull)
    assert show()["llm.model"] == ("embedded", "default")


def test_config_error_is_a_config_error_for_callers(clean_env: Path) -> None:
    clean_env.write_text("[llm\n")
    with pytest.raises(ConfigError):
        load_settings()


def test_no_traceback_from_the_real_command(clean_env: Path) -> None:
    """End to end in a subprocess: what a user sees in the terminal."""
    clean_env.write_text("[llm]\ntimeout_s = 'soon'\n")
    env: dict[str, Any] = {**os.environ, "INTERVIEW_SIM_CONFIG": str(clean_env)}
    proc = subprocess.run(
        [sys.executable, "-m", "simulator", "config", "show"], capture_output=True, text=True, env=env, cwd=REPO, timeout=60
    )
    assert proc.returncode != 0
    assert "Traceback" not in proc.stderr
    assert "llm.timeout_s: Input should be a valid number" in proc.stderr


def test_env_vars_for_lists_dicts_sections_any_case(clean_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    clean_env.write_text("[llm]\ntimeout_s = 7\nmodel = 'from-file'\n[ui.keys]\nsubmit = 'ctrl+s'\n")
    monkeypatch.setenv("interview_sim_llm__model", "ollama_chat/llama3.1")  # names are case-insensitive
    monkeypatch.setenv("INTERVIEW_SIM_STT__FILLERS", '["um", "you know"]')
    monkeypatch.setenv("INTERVIEW_SIM_UI__KEYS__SKIP", "ctrl+k")
    monkeypatch.setenv("INTERVIEW_SIM_INTERVIEW", '{"candidate": "Ada", "warn_minutes": [3]}')
    monkeypatch.setenv("INTERVIEW_SIM_NOT_A_SETTING", "ignored")
    settings = load_settings({"interview.level": "senior"})
    assert settings.llm.model == "ollama_chat/llama3.1" and settings.llm.timeout_s == 7  # merged with the file
    assert settings.stt.fillers == ["um", "you know"]
    assert settings.ui.keys == {"submit": "ctrl+s", "skip": "ctrl+k"}
    assert settings.interview.candidate == "Ada" and settings.interview.warn_minutes == [3.0]
    assert settings.interview.level == "senior"  # flags win, beside the env's section


def test_a_list_env_var_that_is_not_json_names_the_variable(clean_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INTERVIEW_SIM_STT__FILLERS", "um, uh")
    with pytest.raises(ConfigError, match="INTERVIEW_SIM_STT__FILLERS"):
        load_settings()


@pytest.mark.parametrize(
    ("content", "expected"),
    [(None, "no such config file"), ("[llm\nmodel = 1\n", "not valid TOML"), ("[llm]\nretries = 'lots'\n", "llm.retries")],
)
def test_bare_command_reports_a_bad_config_in_one_line_without_click(
    clean_env: Path, content: str | None, expected: str
) -> None:
    """A bare `interview-sim` opens the app without the command line's parser, but a bad config still gets
    click's one-line `Error: ...`, exit 1, no traceback, and nothing of the app is started."""
    if content is None:
        clean_env.unlink()
    else:
        clean_env.write_text(content)
    probe = (
        "import sys; sys.argv = ['interview-sim']\n"
        "from simulator.__main__ import run\n"
        "try:\n    run()\nexcept SystemExit as exc:\n"
        "    print('exit', exc.code, 'click' in sys.modules, 'textual' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=REPO, capture_output=True, text=True, timeout=60,
        env={**os.environ, "INTERVIEW_SIM_CONFIG": str(clean_env)},
    )  # fmt: skip
    assert done.stdout.strip() == "exit 1 False False", done.stdout + done.stderr
    assert done.stderr.startswith("Error: ") and str(clean_env) in done.stderr, done.stderr
    assert expected in done.stderr and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
