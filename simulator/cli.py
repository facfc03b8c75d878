"""The `interview-sim` command line. With no subcommand it opens the Textual app.

Subcommands live in simulator/commands/, one module per area; each exposes
`register(group)`. Heavy libraries (Textual, litellm, Whisper) are imported
inside the commands that need them so `interview-sim loops` stays instant.
"""

from __future__ import annotations

import importlib
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click

from .config import ConfigError, Settings, load_settings

COMMAND_MODULES = (
    "simulator.commands.catalog",
    "simulator.commands.interview",
    "simulator.commands.speech",
    "simulator.commands.scoring",
    "simulator.commands.store",
    "simulator.commands.bench",
)


@dataclass
class CliState:
    """What the global flags set, shared with every subcommand through click's ctx.obj."""

    overrides: dict[str, Any] = field(default_factory=dict)
    _settings: Settings | None = None

    def settings(self, **more: Any) -> Settings:
        """Effective settings; `more` are this subcommand's flags as dotted keys."""
        if more:
            return _load({**self.overrides, **more})
        if self._settings is None:
            self._settings = _load(self.overrides)
        return self._settings


def _load(overrides: dict[str, Any]) -> Settings:
    try:
        return load_settings(overrides)
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from exc


def fail(message: str, code: int = 1) -> None:
    """Print a friendly error (no traceback) and exit."""
    click.echo(f"error: {message}", err=True)
    sys.exit(code)


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--config", "config_file", type=click.Path(dir_okay=False, path_type=Path), help="TOML config file.")
@click.option("--data-dir", type=click.Path(file_okay=False, path_type=Path), help="Where the database and audio live.")
@click.option("--rubrics", "rubrics_dir", type=click.Path(file_okay=False, path_type=Path), help="Directory of rubric YAML files.")
@click.option("--personas", "personas_dir", type=click.Path(file_okay=False, path_type=Path), help="Directory of persona YAML files.")
@click.version_option(package_name="interview-sim")
@click.pass_context
def main(
    ctx: click.Context,
    config_file: Path | None,
    data_dir: Path | None,
    rubrics_dir: Path | None,
    personas_dir: Path | None,
) -> None:
    """Rehearse real ML engineer interview loops: timed rounds, persona follow-ups, scored transcripts."""
    if config_file is not None:
        os.environ["INTERVIEW_SIM_CONFIG"] = str(config_file)
    ctx.obj = CliState(
        overrides={"data_dir": data_dir, "rubrics_dir": rubrics_dir, "personas_dir": personas_dir}
    )
    if ctx.invoked_subcommand is None:
        from .tui.launch import launch_app

        launch_app(ctx.obj.settings())


for _module in COMMAND_MODULES:
    importlib.import_module(_module).register(main)
