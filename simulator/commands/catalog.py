"""`config show`, `loops` and `rubric validate`: what the product knows and how it is set up."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from ..catalog import collect
from .common import catalog_or_exit, echo_json, state


@click.group("config")
def config_group() -> None:
    """Inspect the effective configuration."""


@config_group.command("show")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_context
def config_show(ctx: click.Context, as_json: bool) -> None:
    """Print every setting with the layer it came from (secrets masked)."""
    from ..config import config_path, describe_settings

    state(ctx).settings()  # fail early with a friendly message on a bad config
    rows = describe_settings(state(ctx).overrides)
    if as_json:
        echo_json({"config_file": str(config_path()), "settings": [{"key": k, "value": v, "source": s} for k, v, s in rows]})
        return
    table = Table(title=f"interview-sim configuration (file: {config_path()})")
    for column in ("setting", "value", "source"):
        table.add_column(column)
    for row in rows:
        table.add_row(*row)
    Console().print(table)


@click.command("loops")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_context
def loops(ctx: click.Context, as_json: bool) -> None:
    """List the company loops and their rounds."""
    catalog = catalog_or_exit(state(ctx).settings())
    data = {
        "loops": [
            {
                "id": loop.id,
                "company": loop.company,
                "role": loop.role,
                "rounds": [
                    {"id": r.id, "title": r.title, "stage": r.stage, "minutes": r.minutes, "questions": len(r.questions)}
                    for r in loop.rounds
                ],
            }
            for loop in catalog.loops.values()
        ]
    }
    if as_json:
        echo_json(data)
        return
    console = Console()
    for loop in catalog.loops.values():
        table = Table(title=f"{loop.id}: {loop.company} {loop.role}" + (" (derived)" if loop.derived else ""))
        for column in ("round", "title", "stage", "minutes", "questions"):
            table.add_column(column)
        stages = {s.id: f"{s.title} (assumed)" if s.assumed else s.title for s in loop.stages}
        for r in loop.rounds:
            minutes = f"{r.minutes} (assumed)" if loop.assumed(r, "minutes") else str(r.minutes)
            title = f"{r.title} (assumed)" if loop.assumed(r, "round") else r.title
            table.add_row(r.id, title, stages.get(r.stage, r.stage), minutes, str(len(r.questions)))
        console.print(table)
    click.echo('"assumed": written for the exercise, not given by the sources (the rubric\'s `provenance`).')


@click.group("rubric")
def rubric_group() -> None:
    """Work with rubric and persona files."""


@rubric_group.command("validate")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.pass_context
def rubric_validate(ctx: click.Context, paths: tuple[Path, ...]) -> None:
    """Check rubric/persona YAML (all of rubrics/ and personas/ by default).

    Prints one `FILE:LINE: field.path: message` line per problem; exit 1 if any.
    """
    settings = state(ctx).settings()
    defaults = [settings.rubrics_dir, settings.personas_dir]
    catalog, problems = collect(list(paths) or defaults, context_dirs=defaults)
    for problem in problems:
        click.echo(str(problem))
    if problems:
        sys.exit(1)
    click.echo(f"ok: {len(catalog.files)} file(s), {len(catalog.loops)} loop(s), {len(catalog.personas)} persona(s)", err=True)


def register(group: click.Group) -> None:
    group.add_command(config_group)
    group.add_command(loops)
    group.add_command(rubric_group)
