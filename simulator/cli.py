"""The `interview-sim` command line. With no subcommand it opens the Textual app.

Subcommands live in simulator/commands/, one module per area; each exposes
`register(group)`. Heavy libraries (Textual, litellm, Whisper) are imported
inside the commands that need them so `interview-sim loops` stays instant.
"""

from __future__ import annotations

import importlib
import os
from pathlib import Path

import click

from . import startup
from .commands.common import CliState

# command name -> the module whose register(group) defines it. Modules are imported
# only when one of their commands runs, so opening the app loads none of them.
COMMAND_MODULES = {
    "config": "catalog", "loops": "catalog", "rubric": "catalog",
    "run": "interview", "resume": "interview",
    "devices": "speech", "transcribe": "speech",
    "calibrate": "scoring", "train-scorer": "scoring", "score": "scoring", "rescore": "scoring",
    "sessions": "store", "show": "store", "export": "store", "import": "store",
    "progress": "store", "note": "store", "override": "store", "browse": "store",
    "bench": "bench",
    "takehome": "takehome",
}  # fmt: skip


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMAND_MODULES)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        module = COMMAND_MODULES.get(cmd_name)
        if module is None:
            return None
        holder = click.Group()
        importlib.import_module(f"simulator.commands.{module}").register(holder)
        return holder.commands.get(cmd_name)


@click.group(cls=LazyGroup, invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
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
    if ctx.invoked_subcommand is not None:
        startup.done()  # only the app keeps the collector paused, until its first frame
    if config_file is not None:
        os.environ["INTERVIEW_SIM_CONFIG"] = str(config_file)
    ctx.obj = CliState(
        overrides={"data_dir": data_dir, "rubrics_dir": rubrics_dir, "personas_dir": personas_dir}
    )
    if ctx.invoked_subcommand is None:
        from .tui.launch import launch_app

        launch_app(ctx.obj.settings())
