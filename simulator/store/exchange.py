"""Sessions as files: export to md/html/json and import JSON into another database.

The JSON document is a versioned envelope around SessionRecord, so an import is
validated by the same pydantic models the store hands out. Import is dedup'ed by
session id and refuses files over MAX_IMPORT_BYTES before reading them.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from .progress import ProgressReport, build_progress
from .records import SessionRecord
from .render import render_html, render_markdown
from .store import Store, StoreError

EXPORT_FORMAT = "interview-sim/session"
EXPORT_VERSION = 1
MAX_IMPORT_BYTES = 32 * 1024 * 1024
FORMATS = ("md", "html", "json")


class SessionExport(BaseModel):
    """The JSON export. `progress` is derived data for readers; import ignores it."""

    model_config = ConfigDict(extra="forbid")

    format: Literal["interview-sim/session"] = EXPORT_FORMAT
    version: Literal[1] = EXPORT_VERSION
    exported_at: str
    session: SessionRecord
    progress: ProgressReport | None = None


class ImportResult(BaseModel):
    session_id: str
    candidate: str
    imported: bool  # False: a session with this id was already in the database


class ImportFileError(StoreError):
    """The file cannot be imported; the message says why in one line."""


def session_progress(store: Store, record: SessionRecord) -> ProgressReport | None:
    """The candidate's progress up to and including this session."""
    reports = build_progress(store, record.candidate, until_session=record.id)
    return reports[0] if reports else None


def export_session(store: Store, session_id: str, fmt: str) -> str:
    """The session rendered as `fmt` (md, html or json), ready to write to a file."""
    if fmt not in FORMATS:
        raise StoreError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    record = store.load_session(session_id)
    progress = session_progress(store, record)
    if fmt == "md":
        return render_markdown(record, progress)
    if fmt == "html":
        return render_html(record, progress)
    document = SessionExport(exported_at=datetime.now(UTC).isoformat(timespec="seconds"), session=record, progress=progress)
    return document.model_dump_json(indent=2) + "\n"


def parse_export(data: bytes | str, *, source: str = "input") -> SessionExport:
    """Validate an exported JSON document; clear one-line errors for anything else."""
    if len(data) > MAX_IMPORT_BYTES:
        raise ImportFileError(f"{source}: {len(data):,} bytes is over the {MAX_IMPORT_BYTES:,}-byte import limit")
    try:
        raw = json.loads(data)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ImportFileError(f"{source}: not a JSON file ({exc})") from exc
    try:  # "\ud800" is legal JSON but not Unicode text: SQLite (UTF-8) would fail half-way through
        json.dumps(raw, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ImportFileError(f"{source}: contains text that is not valid Unicode ({exc.object[exc.start:exc.end]!r}, a lone surrogate)") from exc
    if not isinstance(raw, dict) or raw.get("format") != EXPORT_FORMAT:
        raise ImportFileError(f"{source}: not an interview-sim session export (expected \"format\": \"{EXPORT_FORMAT}\")")
    if raw.get("version") != EXPORT_VERSION:
        raise ImportFileError(f"{source}: export version {raw.get('version')!r} is not supported (expected {EXPORT_VERSION})")
    try:
        return SessionExport.model_validate(raw)
    except ValidationError as exc:
        problems = [f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors()]
        more = f" (and {len(problems) - 3} more)" if len(problems) > 3 else ""
        raise ImportFileError(f"{source}: invalid session export: {'; '.join(problems[:3])}{more}") from exc


def import_file(store: Store, path: Path) -> ImportResult:
    """Restore the session in an exported JSON file into `store`."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ImportFileError(f"{path}: cannot read ({exc.strerror})") from exc
    if size > MAX_IMPORT_BYTES:
        raise ImportFileError(f"{path}: {size:,} bytes is over the {MAX_IMPORT_BYTES:,}-byte import limit")
    document = parse_export(path.read_bytes(), source=str(path))
    record = document.session
    _check_consistent(record, str(path))
    try:
        imported = store.import_session(record)
    except sqlite3.IntegrityError as exc:
        raise ImportFileError(f"{path}: the session does not fit the database ({exc})") from exc
    return ImportResult(session_id=record.id, candidate=record.candidate, imported=imported)


def _check_consistent(record: SessionRecord, source: str) -> None:
    """What pydantic cannot see field by field: unique round ids and turn indexes."""
    round_ids = [r.round_id for r in record.rounds]
    if len(set(round_ids)) != len(round_ids):
        raise ImportFileError(f"{source}: a round id appears twice in the session")
    for rnd in record.rounds:
        indexes = [t.index for t in rnd.turns]
        if len(set(indexes)) != len(indexes):
            raise ImportFileError(f"{source}: round {rnd.round_id!r} has a turn index twice")
