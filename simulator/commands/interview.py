"""`run` (a headless round) and `resume`: the interviewer without a terminal UI."""

from __future__ import annotations

import asyncio
from pathlib import Path

import click

from .common import catalog_or_exit, echo_json, state


@click.command("run")
@click.option("--loop", "loop_id", required=True, help="Loop id, e.g. canva-mle.")
@click.option("--round", "round_id", required=True, help="Round id, e.g. hiring-manager.")
@click.option("--answers", "answers_file", required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Answers, one per blank-line-separated paragraph.")
@click.option("--json", "as_json", is_flag=True, help="Print the transcript as JSON.")
@click.option("--model", help='litellm model id, or "embedded" (default from config).')
@click.option("--seed", type=int, help="Seed for question choice.")
@click.option("--candidate", help="Candidate name (default from config).")
@click.option("--level", help="Level, e.g. IC3 or L5.")
@click.pass_context
def run(ctx: click.Context, loop_id: str, round_id: str, answers_file: Path, as_json: bool,
        model: str | None, seed: int | None, candidate: str | None, level: str | None) -> None:
    """Run a whole round headless on a simulated clock (150 words per minute)."""
    from ..interview.headless import read_answers, run_round
    from ..llm.factory import build_llm
    from ..store import Store

    settings = state(ctx).settings(**{"llm.model": model})
    catalog = catalog_or_exit(settings)
    try:
        loop = catalog.loop(loop_id)
        loop.round(round_id)
    except KeyError as exc:
        raise click.ClickException(str(exc.args[0])) from exc
    answers = read_answers(answers_file)
    llm = build_llm(settings)
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    store = Store(settings.db_path)
    try:
        result = asyncio.run(run_round(
            settings=settings, catalog=catalog, store=store, llm=llm, loop_id=loop_id, round_id=round_id,
            answers=answers, seed=seed, candidate=candidate, level=level,
        ))  # fmt: skip
    finally:
        if llm.embedded:
            llm.embedded.stop()
    if as_json:
        echo_json(result.model_dump())
        return
    for turn in result.turns:
        who = "Interviewer" if turn.speaker == "interviewer" else "You"
        click.echo(f"[{turn.t_start:7.1f}s] {who} ({turn.kind}): {turn.text}")
    click.echo(f"\nsession {result.session_id} · {result.fallbacks} fallback(s)")


def register(group: click.Group) -> None:
    group.add_command(run)
