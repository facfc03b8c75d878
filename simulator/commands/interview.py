"""`run` (a headless round) and `resume`: the interviewer without a terminal UI."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

import click

from .common import catalog_or_exit, echo_json, fail, state

if TYPE_CHECKING:
    from ..catalog import Catalog
    from ..config import Settings
    from ..llm.client import LLMClient
    from ..store import Store

ANSWERS_HELP = "Answers, one per blank-line-separated paragraph."


class _Played(Protocol):
    """What a headless round returns (a round, or a take-home's hand-in and review): printed the same way."""

    session_id: str
    fallbacks: int

    @property
    def turns(self) -> list[Any]: ...

    def model_dump(self) -> dict[str, Any]: ...


Played = TypeVar("Played", bound=_Played)


def _drive(
    settings: Settings,
    catalog: Catalog,
    play: Callable[[Store, LLMClient, Callable[[str], None]], Coroutine[Any, Any, Played]],
    as_json: bool,
) -> Played:
    """Start the model, run `play`, always stop the model server, print the transcript.

    A database that refuses writes (locked, read-only, disk full) ends the command with
    one clear line, never a traceback; turns it refused mid-round are in a recovery file.
    """
    import sqlite3

    from ..llm.embedded_model import EmbeddedModelError
    from ..llm.factory import build_llm
    from ..llm.local_server import LocalServerError
    from ..logs import configure_logging
    from ..store import Store, StoreError
    from ..store.recovery import describe_write_error

    def notice(message: str) -> None:
        click.echo(f"warning: {message}", err=True)

    try:
        configure_logging(settings.data_dir)
    except OSError as exc:  # a read-only or full data dir must not stop the interview
        notice(f"cannot write logs in {settings.data_dir / 'logs'} ({exc.strerror or exc}); logging is off")
    llm = build_llm(settings)
    try:
        store = Store(settings.db_path)
    except (sqlite3.Error, OSError) as exc:
        fail(f"cannot open the database {settings.db_path}: {describe_write_error(exc, settings.db_path)}")
        raise  # unreachable: fail exits
    try:
        try:
            llm.warm_up()
        except (EmbeddedModelError, LocalServerError) as exc:
            notice(f"the embedded model is unavailable ({exc}); follow-ups use the rubric's probes")
        result = asyncio.run(play(store, llm, notice))
    except (sqlite3.Error, StoreError) as exc:
        fail(f"the database {settings.db_path} refused a write: {describe_write_error(exc, settings.db_path)}")
        raise  # unreachable: fail exits
    finally:
        if llm.embedded:
            llm.embedded.stop()
        store.close()
    if as_json:
        echo_json(result.model_dump())
        return result
    from ..textsafe import printable

    for turn in result.turns:
        who = "Interviewer" if turn.speaker == "interviewer" else "You"
        click.echo(f"[{turn.t_start:7.1f}s] {who} ({turn.kind}): {printable(turn.text)}")
    click.echo(f"\nsession {result.session_id} · {result.fallbacks} fallback(s)")
    return result


def _answers(path: Path) -> list[str]:
    """The answers file, or one clear line (never a traceback) when it is not UTF-8 text."""
    from ..interview.headless import read_answers

    try:
        return read_answers(path)
    except UnicodeDecodeError as exc:
        raise click.ClickException(f"{path} is not UTF-8 text (byte {exc.object[exc.start]:#04x} at offset {exc.start})") from exc
    except OSError as exc:
        raise click.ClickException(f"cannot read {path}: {exc.strerror or exc}") from exc


@click.command("run")
@click.option("--loop", "loop_id", required=True, help="Loop id, e.g. canva-mle.")
@click.option("--round", "round_id", required=True, help="Round id, e.g. hiring-manager.")
@click.option("--answers", "answers_file", required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path), help=ANSWERS_HELP)
@click.option("--json", "as_json", is_flag=True, help="Print the transcript as JSON.")
@click.option("--model", help='litellm model id, or "embedded" (default from config).')
@click.option("--seed", type=int, help="Seed for question choice.")
@click.option("--candidate", help="Candidate name (default from config).")
@click.option("--level", help="Level, e.g. IC3 or L5.")
@click.pass_context
def run(ctx: click.Context, loop_id: str, round_id: str, answers_file: Path, as_json: bool,
        model: str | None, seed: int | None, candidate: str | None, level: str | None) -> None:
    """Run a whole round headless on a simulated clock (150 words per minute)."""
    from ..interview.headless import run_round

    settings = state(ctx).settings(**{"llm.model": model})
    catalog = catalog_or_exit(settings)
    try:
        catalog.loop(loop_id).round(round_id)
    except KeyError as exc:
        raise click.ClickException(str(exc.args[0])) from exc
    answers = _answers(answers_file)
    _drive(settings, catalog, lambda store, llm, notice: run_round(
        settings=settings, catalog=catalog, store=store, llm=llm, loop_id=loop_id, round_id=round_id,
        answers=answers, seed=seed, candidate=candidate, level=level, on_notice=notice,
    ), as_json)  # fmt: skip


@click.command("resume")
@click.argument("session")
@click.option("--answers", "answers_file", required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help=ANSWERS_HELP + " Answers already stored are skipped.")
@click.option("--json", "as_json", is_flag=True, help="Print the whole transcript as JSON.")
@click.pass_context
def resume(ctx: click.Context, session: str, answers_file: Path, as_json: bool) -> None:
    """Continue an interrupted session (e.g. killed mid-round) from where it stopped."""
    from ..interview.headless import resume_round
    from ..store import SessionNotFound, Store

    settings = state(ctx).settings()
    catalog = catalog_or_exit(settings)
    with Store(settings.db_path) as lookup:
        try:
            session_id = lookup.resolve_session_id(session)
        except SessionNotFound as exc:
            raise click.ClickException(str(exc)) from exc
        record = lookup.load_session(session_id)
    if record.status == "completed":
        raise click.ClickException(f"session {session_id} is already complete")
    if not record.rounds:
        raise click.ClickException(f"session {session_id} stopped before its round started: nothing to resume; start a new run")
    answers = _answers(answers_file)
    _drive(settings, catalog, lambda store, llm, notice: resume_round(
        settings=settings, catalog=catalog, store=store, llm=llm, session_id=session_id, answers=answers,
        on_notice=notice,
    ), as_json)  # fmt: skip


def register(group: click.Group) -> None:
    group.add_command(run)
    group.add_command(resume)
