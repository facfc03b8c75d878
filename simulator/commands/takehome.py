"""`takehome`: a take-home played as one, headless: list, start (write the repository), test, submit (hand in, review)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import click

from .common import catalog_or_exit, echo_json, state
from .interview import ANSWERS_HELP, _answers, _drive


@click.group("takehome")
def takehome_group() -> None:
    """Take-home assignments: a repository to work on in your own editor, hidden tests at hand-in, then a review."""


@takehome_group.command("list")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_context
def list_take_homes(ctx: click.Context, as_json: bool) -> None:
    """Every take-home of every loop, with its round and time box."""
    catalog = catalog_or_exit(state(ctx).settings())
    rows = [
        {"loop": loop.id, "round": rnd.id, "id": th.id, "title": th.title, "minutes": rnd.minutes,
         "minutes_assumed": loop.assumed(rnd, "minutes")}
        for loop in catalog.loops.values() for rnd in loop.rounds for th in rnd.take_homes
    ]  # fmt: skip
    if as_json:
        echo_json({"take_homes": rows})
        return
    for row in rows:
        minutes = f"{row['minutes']} min" + (" (assumed)" if row["minutes_assumed"] else "")
        click.echo(f"{row['loop']}/{row['round']}  {row['id']}  {row['title']}  ({minutes})")


@takehome_group.command("start")
@click.option("--loop", "loop_id", required=True, help="Loop id, e.g. canva-mle.")
@click.option("--round", "round_id", help="Round id (default: the loop's first round with take-homes).")
@click.option("--take-home", "take_home_id", help="Take-home id (default: the round's first; see `takehome list`).")
@click.option("--dir", "directory", type=click.Path(file_okay=False, path_type=Path),
              help="Where to write the repository (new or empty; default: under the data dir).")
@click.option("--candidate", help="Candidate name (default from config).")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_context
def start(ctx: click.Context, loop_id: str, round_id: str | None, take_home_id: str | None, directory: Path | None,
          candidate: str | None, as_json: bool) -> None:
    """Write the take-home's repository and start its clock (self-paced: the time box is shown, not enforced)."""
    from ..takehome import Workspace, WorkspaceError
    from ..takehome.workspace import WORKSPACES

    settings = state(ctx).settings()
    catalog = catalog_or_exit(settings)
    try:
        loop = catalog.loop(loop_id)
        rnd = loop.round(round_id) if round_id else next((r for r in loop.rounds if r.take_homes), None)
        if rnd is None:
            raise KeyError(f"loop {loop.id!r} has no take-home; see `interview-sim takehome list`")
        take_home = rnd.take_home(take_home_id) if take_home_id else (rnd.take_homes or [None])[0]
        if take_home is None:
            raise KeyError(f"round {rnd.id!r} has no take-home; see `interview-sim takehome list`")
    except KeyError as exc:
        raise click.ClickException(str(exc.args[0])) from exc
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    root = directory or settings.data_dir / WORKSPACES / f"{take_home.id}-{stamp}"
    try:
        Workspace.create(root, loop, rnd, take_home, candidate=candidate or settings.interview.candidate)
    except (WorkspaceError, OSError) as exc:
        raise click.ClickException(str(exc)) from exc
    if as_json:
        echo_json({"dir": str(root), "take_home": take_home.id, "minutes": rnd.minutes, "files": [f.path for f in take_home.files]})
        return
    assumed = " (assumed)" if loop.assumed(rnd, "minutes") else ""
    click.echo(f"{take_home.title}: {root}")
    click.echo(f"Time box: {rnd.minutes} min{assumed}, self-paced. Read README.md, work in your own editor.")
    click.echo(f"Run the tests: interview-sim takehome test {root}")
    click.echo(f"Hand in:       interview-sim takehome submit {root} --answers REVIEW_ANSWERS")


@takehome_group.command("test")
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_context
def test(ctx: click.Context, directory: Path, as_json: bool) -> None:
    """Run the repository's tests (provided and your own) in the sandbox; each run is noted for the hand-in."""
    from ..takehome import Workspace, WorkspaceError, run_provided_tests, take_home_of

    catalog = catalog_or_exit(state(ctx).settings())
    try:
        workspace = Workspace.open(directory)
        _, _, take_home = take_home_of(catalog, workspace)
        result = run_provided_tests(workspace, take_home)
    except WorkspaceError as exc:
        raise click.ClickException(str(exc)) from exc
    if as_json:
        echo_json(result.model_dump())
    else:
        for outcome in result.tests:
            detail = f" — {outcome.message.splitlines()[0][:100]}" if outcome.outcome != "passed" and outcome.message else ""
            click.echo(f"{'✓' if outcome.outcome == 'passed' else '✗'} {outcome.name}: {outcome.outcome}{detail}")
        click.echo(f"{result.passed}/{result.total} passed" + (f" ({result.message})" if result.message else ""))
        left = workspace.time_left_s()
        click.echo(f"{abs(left) / 60:.0f} min {'left in' if left >= 0 else 'over'} the time box")
    if result.status != "passed":
        ctx.exit(1)


@takehome_group.command("submit")
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--answers", "answers_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help=ANSWERS_HELP + " Your answers in the review conversation (none: you pass).")
@click.option("--json", "as_json", is_flag=True, help="Print the hand-in, the transcript and the score as JSON.")
@click.option("--model", help='litellm model id, or "embedded" (default from config).')
@click.option("--seed", type=int, help="Seed for the interviewer's follow-ups.")
@click.pass_context
def submit(ctx: click.Context, directory: Path, answers_file: Path | None, as_json: bool, model: str | None, seed: int | None) -> None:
    """Hand in: hidden tests, hand-in checks, then the review conversation, on a simulated clock; scored and stored."""
    from ..interview.take_home import submit_headless
    from ..takehome import Workspace, WorkspaceError

    settings = state(ctx).settings(**{"llm.model": model})
    catalog = catalog_or_exit(settings)
    try:
        workspace = Workspace.open(directory)
    except WorkspaceError as exc:
        raise click.ClickException(str(exc)) from exc
    if workspace.manifest.session_id is not None:  # before any model starts
        raise click.ClickException(f"{directory} was already handed in (session {workspace.manifest.session_id})")
    answers = _answers(answers_file) if answers_file else []

    async def play(store, llm, notice):  # type: ignore[no-untyped-def]
        try:
            return await submit_headless(settings=settings, catalog=catalog, store=store, llm=llm, root=directory,
                                         answers=answers, seed=seed, on_notice=notice)  # fmt: skip
        except WorkspaceError as exc:
            raise click.ClickException(str(exc)) from exc

    result = _drive(settings, catalog, play, as_json)
    if not as_json:
        click.echo("\n".join(["", f"Hidden tests: {result.hidden_tests}", *result.report.summary_lines()]))
        for crit in result.score.criteria:
            click.echo(f"  {crit.criterion}: {'-' if crit.level is None else crit.level}")
        weighted = "-" if result.score.weighted is None else f"{result.score.weighted:.2f}"
        click.echo(f"Score: {weighted} ({result.score.band})")


def register(group: click.Group) -> None:
    group.add_command(takehome_group)
