"""What every subcommand module shares: the global flags' state, friendly failure, catalog loading, JSON output.

`cli.py` builds a `CliState` from the global flags and loads the command modules;
the modules import these helpers from here, never from `cli`, so the command
line depends on its commands and not the other way round.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import click

from ..config import ConfigError, Settings, load_settings

if TYPE_CHECKING:
    from ..catalog import Catalog


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


def state(ctx: click.Context) -> CliState:
    obj = ctx.find_root().obj
    assert isinstance(obj, CliState)
    return obj


def catalog_or_exit(settings: Settings) -> Catalog:
    """Load the catalog; on problems print each located line to stderr and exit 1.

    The catalog is imported here, not at the top, so opening the app (which loads
    it on its own schedule) does not pay for it before the first frame.
    """
    from ..catalog import CatalogError, load_catalog

    try:
        return load_catalog(settings.rubrics_dir, settings.personas_dir)
    except CatalogError as exc:
        for problem in exc.problems:
            click.echo(str(problem), err=True)
        click.echo(f"error: {len(exc.problems)} problem(s) in the rubrics; fix them or run `interview-sim rubric validate`", err=True)
        sys.exit(1)


def echo_json(data: Any) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))
