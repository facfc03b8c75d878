"""Regenerate tests/data/store_v2.db: the version-1 fixture upgraded by migration 2 as it shipped, plus coach data.

Migration 2 as first shipped wrote its full-text search (FTS5 tables and triggers)
by hand, named turns_fts/notes_fts with turns_fts_insert... triggers; migration 3
replaces them with the ones sqlite-utils makes. This fixture is a database from
that time, so the suite upgrades a real one. The shipped schema module is read
from git (commit SHIPPED), not from the working tree, so the script remakes the
same file later. Run: .venv/bin/python tests/data/make_store_v2.py
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
import types
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = "4a5d5ce"  # the last commit whose migration 2 wrote the FTS SQL by hand
FIXTURE_V1 = Path(__file__).with_name("store_v1.db")
FIXTURE = Path(__file__).with_name("store_v2.db")
SESSION_ID = "0f1e2d3c4b5a69788796a5b4c3d2e1f0"
NOTED = "2026-04-02T10:00:00.000000+00:00"


def shipped_schema() -> types.ModuleType:
    source = subprocess.run(["git", "show", f"{SHIPPED}:simulator/store/schema.py"], cwd=ROOT, check=True,
                            capture_output=True, text=True).stdout  # fmt: skip
    module = types.ModuleType("shipped_schema")
    sys.modules[module.__name__] = module  # dataclasses look their module up there
    exec(compile(source, f"{SHIPPED}:simulator/store/schema.py", "exec"), module.__dict__)  # noqa: S102 - our own file
    return module


def main() -> None:
    FIXTURE.unlink(missing_ok=True)
    shutil.copy(FIXTURE_V1, FIXTURE)
    conn = sqlite3.connect(FIXTURE, isolation_level=None)
    assert shipped_schema().migrate(conn, target=2) == [2]
    conn.execute("BEGIN")
    conn.execute(
        "INSERT INTO coach_notes (session_id, round_id, turn_index, coach, text, created_at) VALUES (?, ?, ?, ?, ?, ?)",
        (SESSION_ID, "ml-system-design", 1, "Grace", "Strong retrieval answer, probe the rollback plan", NOTED),
    )
    conn.execute(
        "INSERT INTO coach_overrides (session_id, round_id, criterion, level, reason, coach, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        (SESSION_ID, "ml-system-design", "serving", 2, "no latency budget given", "Grace", NOTED),
    )
    conn.execute("COMMIT")
    conn.execute("VACUUM")
    conn.close()
    print(f"wrote {FIXTURE} ({FIXTURE.stat().st_size} bytes, schema version 2 as shipped at {SHIPPED})")


if __name__ == "__main__":
    main()
