"""`interview-sim import` under hypothesis: malformed, truncated, oversized, odd unicode, duplicate ids.

Whatever the file holds, the real command (in-process through click, so hundreds of
files run in seconds) must end with exit 0 (imported, or already there) or exit 1
with one `error:` line: never a traceback, and never half a session in the database.
The database is checked after every example: a session is there with all of the
file's turns, or it is not there at all, and `PRAGMA integrity_check` is ok.
(The rubric and persona YAML mutations live in tests/test_catalog_fuzz.py.)
"""

from __future__ import annotations

import copy
import json
import sqlite3
import uuid
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from store_sample import build_session

from simulator.cli import main
from simulator.store import Store
from simulator.store.exchange import export_session

FUZZ = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

json_scalars = st.none() | st.booleans() | st.integers(-(2**70), 2**70) | st.floats(allow_nan=False) | st.text(max_size=30)
json_values = st.recursive(json_scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4), max_leaves=12)
# Lone surrogates, NUL, RTL overrides, combining marks, astral planes, ESC: all legal in a JSON string.
nasty_text = st.text(
    alphabet=st.sampled_from(["\ud800", "\udfff", "\x00", "\u202e", "\u0301", "\U0001f600", "\x1b", "\u2028", "é", "a", " ", "\ufeff", "\x9b"]),
    max_size=40,
)


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A real export of a realistic session (turns, scores, notes, overrides)."""
    with Store(tmp_path_factory.mktemp("src") / "src.db") as store:
        sid = build_session(store)
        return json.loads(export_session(store, sid, "json"))


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("dst")
    with Store(directory / "interview-sim.db"):
        pass
    return directory


def import_bytes(data_dir: Path, tmp: Path, payload: bytes) -> Any:
    path = tmp / f"{uuid.uuid4().hex}.json"
    path.write_bytes(payload)
    result = CliRunner().invoke(main, ["--data-dir", str(data_dir), "import", str(path)])
    path.unlink()
    return result


def assert_clean_outcome(result: Any) -> None:
    """Exit 0, or exit 1 with a one-line `error:`; nothing escaped as an exception."""
    assert "Traceback" not in result.output
    if result.exit_code == 0:
        assert result.exception is None
        assert "imported session" in result.output or "nothing imported" in result.output
    else:
        assert result.exit_code == 1 and isinstance(result.exception, SystemExit), (result.exception, result.output)
        assert result.output.startswith("error: ") and result.output.count("\n") == 1, result.output


def stored_turns(data_dir: Path, session_id: str) -> int | None:
    """Turns stored for the session, or None if the session is not in the database."""
    conn = sqlite3.connect(data_dir / "interview-sim.db")
    try:
        if conn.execute("SELECT 1 FROM sessions WHERE id = ?", (session_id,)).fetchone() is None:
            return None
        return int(conn.execute(
            "SELECT count(*) FROM turns t JOIN rounds r ON r.id = t.round_row WHERE r.session_id = ?", (session_id,)
        ).fetchone()[0])  # fmt: skip
    finally:
        conn.close()


def file_turns(doc: Any) -> int | None:
    try:  # missing lists default to empty in the export model
        return sum(len(r.get("turns", [])) for r in doc["session"].get("rounds", []))
    except (TypeError, KeyError, AttributeError):
        return None


def paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every location in a JSON document."""
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found += paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += paths(item, (*prefix, index))
    return found


def fresh(doc: dict[str, Any]) -> tuple[dict[str, Any], str]:
    doc = copy.deepcopy(doc)
    sid = uuid.uuid4().hex
    doc["session"]["id"] = sid
    return doc, sid


def check_all_or_nothing(data_dir: Path, sid: str, doc: Any, result: Any) -> None:
    stored = stored_turns(data_dir, sid)
    if result.exit_code == 0:
        assert stored is not None and stored == file_turns(doc), "imported, but not every turn"
    else:
        assert stored is None, "a failed import left part of a session behind"


@FUZZ
@given(data=st.data(), replacement=json_values, action=st.sampled_from(["replace", "delete", "duplicate"]))
def test_mutated_exports_import_fully_or_not_at_all(
    exported: dict[str, Any], data_dir: Path, tmp_path: Path, data: st.DataObject, replacement: Any, action: str
) -> None:
    doc, sid = fresh(exported)
    where = data.draw(st.sampled_from([p for p in paths(doc) if p and p != ("session", "id")]))
    parent = doc
    for key in where[:-1]:
        parent = parent[key]
    last = where[-1]
    if action == "replace":
        parent[last] = replacement
    elif action == "delete":
        del parent[last]
    elif isinstance(parent, list):
        parent.insert(last, copy.deepcopy(parent[last]))  # a duplicated round, turn, note or score
    else:
        parent[last] = [parent[last], copy.deepcopy(parent[last])]
    result = import_bytes(data_dir, tmp_path, json.dumps(doc).encode())
    assert_clean_outcome(result)
    check_all_or_nothing(data_dir, sid, doc, result)


@FUZZ
@given(data=st.data(), text=nasty_text)
def test_unicode_edge_cases_in_any_string(exported: dict[str, Any], data_dir: Path, tmp_path: Path, data: st.DataObject, text: str) -> None:
    doc, sid = fresh(exported)
    strings = [p for p in paths(doc) if p and p != ("session", "id") and isinstance(_get(doc, p), str)]
    where = data.draw(st.sampled_from(strings))
    _set(doc, where, text)
    # ensure_ascii: lone surrogates travel as \ud800 escapes, as other tools write them
    result = import_bytes(data_dir, tmp_path, json.dumps(doc, ensure_ascii=True).encode())
    assert_clean_outcome(result)
    check_all_or_nothing(data_dir, sid, doc, result)
    if result.exit_code == 0:
        show = CliRunner().invoke(main, ["--data-dir", str(data_dir), "show", sid])
        # not a terminal, so rich adds no styles of its own: any ESC or C1 byte would be from the file
        assert show.exit_code == 0 and not any(ch in show.output for ch in "\x1b\x9b\x00"), show.output


@FUZZ
@given(cut=st.integers(min_value=0, max_value=10_000), junk=st.binary(max_size=20))
def test_truncated_or_corrupted_files(exported: dict[str, Any], data_dir: Path, tmp_path: Path, cut: int, junk: bytes) -> None:
    doc, sid = fresh(exported)
    raw = json.dumps(doc).encode()
    payload = raw[: cut % len(raw)] + junk
    result = import_bytes(data_dir, tmp_path, payload)
    assert_clean_outcome(result)
    assert stored_turns(data_dir, sid) is None or payload == raw


def test_duplicate_session_id_is_deduplicated_not_merged(exported: dict[str, Any], data_dir: Path, tmp_path: Path) -> None:
    doc, sid = fresh(exported)
    first = import_bytes(data_dir, tmp_path, json.dumps(doc).encode())
    assert first.exit_code == 0 and "imported session" in first.output
    changed = copy.deepcopy(doc)
    changed["session"]["rounds"][0]["turns"] = changed["session"]["rounds"][0]["turns"][:1]
    changed["session"]["candidate"] = "Someone Else"
    again = import_bytes(data_dir, tmp_path, json.dumps(changed).encode())
    assert again.exit_code == 0 and "nothing imported" in again.output
    assert stored_turns(data_dir, sid) == file_turns(doc)  # the first import stands, untouched


def test_oversized_file_is_refused_before_it_is_read(data_dir: Path, tmp_path: Path) -> None:
    """32 MB + 1 of real JSON (one enormous answer): refused by size, clearly, with nothing stored."""
    from simulator.store.exchange import MAX_IMPORT_BYTES

    path = tmp_path / "huge.json"
    with path.open("w") as handle:
        handle.write('{"format": "interview-sim/session", "version": 1, "session": {"id": "' + "a" * 32 + '", "x": "')
        handle.write("y" * MAX_IMPORT_BYTES)
        handle.write('"}}')
    result = CliRunner().invoke(main, ["--data-dir", str(data_dir), "import", str(path)])
    assert result.exit_code == 1 and "import limit" in result.output and "Traceback" not in result.output
    assert stored_turns(data_dir, "a" * 32) is None


def test_database_stays_sound_after_all_that(data_dir: Path) -> None:
    with Store(data_dir / "interview-sim.db") as store:
        assert store.integrity_check() == "ok"


def _get(doc: Any, where: tuple[Any, ...]) -> Any:
    for key in where:
        doc = doc[key]
    return doc


def _set(doc: Any, where: tuple[Any, ...], value: Any) -> None:
    _get(doc, where[:-1])[where[-1]] = value
