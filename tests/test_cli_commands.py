"""Every command the lazy CLI lists resolves to a real command of that name."""

from __future__ import annotations

import click
import pytest

from simulator.cli import COMMAND_MODULES, main


@pytest.mark.parametrize("name", sorted(COMMAND_MODULES))
def test_listed_command_resolves(name: str) -> None:
    ctx = click.Context(main)
    command = main.get_command(ctx, name)
    assert command is not None and command.name == name


def test_unknown_command_is_none() -> None:
    assert main.get_command(click.Context(main), "no-such-command") is None
