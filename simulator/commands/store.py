"""CLI commands for the store: sessions, show, export, import, progress, note, override, browse.

Session arguments accept any unique prefix of a session id. Read commands never
create a database: with none yet they say so (or print an empty list).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from .common import echo_json, fail, state

if TYPE_CHECKING:
    from ..store import Store


def _db_path(ctx: click.Context) -> Path:
    return state(ctx).settings().db_path


def _open(ctx: click.Context, *, create: bool = False) -> Store:
    """The store at the configured data dir (imported lazily: keeps `--help` fast)."""
    from ..store import SchemaError, Store, StoreError

    path = _db_path(ctx)
    if not create and not path.exists():
        fail(f"no database yet at {path}: run an interview first (or pass --data-dir)")
    try:
        return Store(path)
    except (StoreError, SchemaError) as exc:
        fail(str(exc))
        raise  # unreachable: fail exits


def _resolve(store: Store, prefix: str) -> str:
    from ..store import StoreError

    try:
        return store.resolve_session_id(prefix)
    except StoreError as exc:
        fail(str(exc))
        raise  # unreachable: fail exits


@click.command("sessions")
@click.option("--candidate", help="Only this candidate (case-insensitive).")
@click.option("--loop", help="Only this loop id.")
@click.option("--search", help="Only sessions whose turns or coach notes contain all these words.")
@click.option("--limit", default=100, show_default=True, type=click.IntRange(1, 100_000))
@click.option("--json", "as_json", is_flag=True, help='Print {"sessions":[{"id","candidate","loop","rounds","started","score"}]}.')
@click.pass_context
def sessions_cmd(ctx: click.Context, candidate: str | None, loop: str | None, search: str | None, limit: int, as_json: bool) -> None:
    """List or search past sessions, newest first."""
    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from ..store import StoreError
    from ..textsafe import printable

    if not _db_path(ctx).exists():
        summaries = []
    else:
        with _open(ctx) as store:
            try:
                summaries = store.list_sessions(candidate=candidate, loop=loop, search=search, limit=limit)
            except StoreError as exc:
                fail(str(exc))
    if as_json:
        echo_json({"sessions": [s.cli_json() for s in summaries]})
        return
    console = Console()
    if not summaries:
        console.print("no sessions" + (" match" if (candidate or loop or search) else " yet"))
        return
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False, collapse_padding=True)
    table.add_column("id", no_wrap=True)
    table.add_column("candidate", min_width=10)
    table.add_column("loop", min_width=8, overflow="ellipsis")
    table.add_column("rounds", justify="right", no_wrap=True)
    table.add_column("status", overflow="ellipsis")
    table.add_column("started (UTC)", no_wrap=True)
    table.add_column("score", justify="right", no_wrap=True, min_width=5)
    for s in summaries:
        table.add_row(
            Text(s.id[:12]), Text(printable(s.candidate)), Text(printable(s.loop)), str(s.rounds), Text(printable(s.status)),
            s.started[:16].replace("T", " "), "–" if s.score is None else f"{s.score:.2f}",
        )
    console.print(table)


@click.command("show")
@click.argument("session")
@click.pass_context
def show_cmd(ctx: click.Context, session: str) -> None:
    """Print a session's transcript with evidence highlighted, scores and coach review."""
    from rich.console import Console

    from ..store.exchange import session_progress
    from ..store.render import print_session

    with _open(ctx) as store:
        record = store.load_session(_resolve(store, session))
        print_session(record, Console(), session_progress(store, record))


@click.command("export")
@click.argument("session")
@click.option("--format", "fmt", type=click.Choice(["md", "html", "json"]), default="md", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="File to write (default: stdout).")
@click.pass_context
def export_cmd(ctx: click.Context, session: str, fmt: str, output: Path | None) -> None:
    """Export a session as Markdown, a self-contained HTML page, or JSON (for `import`)."""
    from ..store.exchange import export_session

    with _open(ctx) as store:
        text = export_session(store, _resolve(store, session), fmt)
    if output is None:
        sys.stdout.write(text)
        return
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text, encoding="utf-8")
    click.echo(f"wrote {output} ({fmt}, {len(text.encode()):,} bytes)", err=True)


@click.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.pass_context
def import_cmd(ctx: click.Context, file: Path) -> None:
    """Restore a session from a JSON export into this database (skipped if its id is already here)."""
    from ..store import StoreError
    from ..store.exchange import import_file

    with _open(ctx, create=True) as store:
        try:
            result = import_file(store, file)
        except StoreError as exc:
            fail(str(exc))
    if result.imported:
        click.echo(f"imported session {result.session_id} ({result.candidate})")
    else:
        click.echo(f"session {result.session_id} is already in {store.path}; nothing imported")


@click.command("progress")
@click.option("--candidate", help="Only this candidate (default: everyone).")
@click.option("--json", "as_json", is_flag=True, help="Print the per-criterion levels as JSON.")
@click.pass_context
def progress_cmd(ctx: click.Context, candidate: str | None, as_json: bool) -> None:
    """Per-criterion levels over sessions as a terminal chart (coach overrides applied, marked *)."""
    from rich.console import Console

    from ..store.progress import build_progress, progress_table

    reports = []
    if _db_path(ctx).exists():
        with _open(ctx) as store:
            reports = build_progress(store, candidate)
    if as_json:
        echo_json({"candidates": [r.model_dump(mode="json") for r in reports]})
        return
    console = Console()
    if not reports:
        console.print("no scored sessions" + (f" for {candidate}" if candidate else " yet"))
        return
    for report in reports:
        console.print(progress_table(report))


@click.command("note")
@click.argument("session")
@click.argument("text")
@click.option("--round", "round_id", help="The round the note is about.")
@click.option("--turn", "turn_index", type=int, help="The turn index (within --round) the note is about.")
@click.option("--coach", default="coach", show_default=True)
@click.pass_context
def note_cmd(ctx: click.Context, session: str, text: str, round_id: str | None, turn_index: int | None, coach: str) -> None:
    """Add a coach's note to a session (kept apart from machine scores, searchable)."""
    from ..store import StoreError

    with _open(ctx) as store:
        try:
            store.add_note(_resolve(store, session), text, coach=coach, round_id=round_id, turn_index=turn_index)
        except StoreError as exc:
            fail(str(exc))
    click.echo("note added")


@click.command("override")
@click.argument("session")
@click.argument("round_id")
@click.argument("criterion")
@click.argument("level", type=click.IntRange(1, 4))
@click.option("--reason", required=True, help="Why the coach's level differs from the machine's.")
@click.option("--coach", default="coach", show_default=True)
@click.pass_context
def override_cmd(ctx: click.Context, session: str, round_id: str, criterion: str, level: int, reason: str, coach: str) -> None:
    """Set a coach's level for one criterion of one round; the machine score is kept and shown beside it."""
    from ..store import StoreError

    with _open(ctx) as store:
        try:
            store.override_level(_resolve(store, session), round_id, criterion, level, reason, coach)
        except StoreError as exc:
            fail(str(exc))
    click.echo(f"{criterion} in {round_id}: coach level {level}")


@click.command("browse")
@click.option("--port", default=8001, show_default=True, type=click.IntRange(1, 65535))
@click.pass_context
def browse_cmd(ctx: click.Context, port: int) -> None:
    """Open the database read-only in Datasette on 127.0.0.1 (optional extra: interview-sim[browse])."""
    from ..store.browse import HOST, NOT_INSTALLED, datasette_installed, serve

    if not datasette_installed():
        fail(NOT_INSTALLED)
    path = _db_path(ctx)
    if not path.exists():
        fail(f"no database yet at {path}: run an interview first (or pass --data-dir)")
    _open(ctx).close()  # upgrade an old schema before Datasette reads it
    click.echo(f"serving {path} read-only at http://{HOST}:{port}/ (Ctrl-C to stop)", err=True)
    sys.exit(serve(path, port))


def register(group: click.Group) -> None:
    """Add this area's commands to the main group."""
    for command in (sessions_cmd, show_cmd, export_cmd, import_cmd, progress_cmd, note_cmd, override_cmd, browse_cmd):
        group.add_command(command)
