"""`browse`: the Datasette command line and its canned queries, run as plain SQL on a real store."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from store_sample import build_session

from simulator.store import Store
from simulator.store.browse import CANNED_QUERIES, datasette_command, metadata


def _db(tmp_path: Path) -> tuple[Path, str, str]:
    db = tmp_path / "interview-sim.db"
    with Store(db) as store:
        ada = build_session(store, candidate="Ada Lovelace")
        bob = build_session(store, candidate="Bob", note="Bob should discuss calibration.")
        store.override_level(bob, "ml-system-design", "evaluation", 1, "Could not explain the A/B test.")
    return db, ada, bob


def _run(db: Path, name: str, **params: str) -> list[dict]:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    rows = [dict(r) for r in conn.execute(CANNED_QUERIES[name]["sql"], params)]
    conn.close()
    return rows


def test_sessions_by_candidate(tmp_path: Path) -> None:
    db, ada, bob = _db(tmp_path)
    rows = _run(db, "sessions_by_candidate", candidate="ada")
    assert [(r["session"], r["candidate"], r["rounds"], r["score"]) for r in rows] == [(ada, "Ada Lovelace", 1, 3.0)]
    assert {r["session"] for r in _run(db, "sessions_by_candidate", candidate="")} == {ada, bob}


def test_weakest_criteria_applies_overrides(tmp_path: Path) -> None:
    db, _, _ = _db(tmp_path)
    rows = _run(db, "weakest_criteria", candidate="Bob")
    assert [(r["criterion"], r["mean_level"]) for r in rows] == [
        ("evaluation", 1.0), ("serving", 2.0), ("problem_framing", 3.0),
    ]
    ada = _run(db, "weakest_criteria", candidate="Ada")
    assert ada[0]["criterion"] == "serving" and ada[0]["mean_level"] == 2.0


def test_search_queries(tmp_path: Path) -> None:
    db, _, bob = _db(tmp_path)
    hits = _run(db, "search", q="diversity")
    assert len(hits) == 2 and all("«diversity»" in h["snippet"] for h in hits)
    notes = _run(db, "search_notes", q="calibration")
    assert [(n["session"], n["candidate"]) for n in notes] == [(bob, "Bob")]


def test_datasette_is_local_and_read_only(tmp_path: Path) -> None:
    db = tmp_path / "interview-sim.db"
    cmd = datasette_command(db, tmp_path / "m.json", 8123)
    assert cmd[cmd.index("--host") + 1] == "127.0.0.1"
    assert "--port" in cmd and "8123" in cmd
    assert not any(arg in cmd for arg in ("--cors", "--root", "-h 0.0.0.0", "0.0.0.0"))
    meta = metadata(db)
    assert set(meta["databases"]["interview-sim"]["queries"]) == {"sessions_by_candidate", "weakest_criteria", "search", "search_notes"}
    assert not any(q.get("write") for q in CANNED_QUERIES.values())
