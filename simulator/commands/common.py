"""Helpers every subcommand module shares: state access, catalog loading, JSON output."""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from ..catalog import Catalog, CatalogError, load_catalog
from ..cli import CliState
from ..config import Settings


def state(ctx: click.Context) -> CliState:
    obj = ctx.find_root().obj
    assert isinstance(obj, CliState)
    return obj


def catalog_or_exit(settings: Settings) -> Catalog:
    """Load the catalog; on problems print each located line to stderr and exit 1."""
    try:
        return load_catalog(settings.rubrics_dir, settings.personas_dir)
    except CatalogError as exc:
        for problem in exc.problems:
            click.echo(str(problem), err=True)
        click.echo(f"error: {len(exc.problems)} problem(s) in the rubrics; fix them or run `interview-sim rubric validate`", err=True)
        sys.exit(1)


def echo_json(data: Any) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))
