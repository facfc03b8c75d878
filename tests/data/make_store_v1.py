"""Regenerate tests/data/store_v1.db: a database made by schema migration 1 alone, with data.

The fixture is committed; this script documents exactly how it was made. Rows are
written with plain SQL against the version-1 tables (the Store class would migrate
the file to the latest version). Run: .venv/bin/python tests/data/make_store_v1.py
"""

from __future__ import annotations

import json
import sqlite3
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from simulator.store.schema import migrate  # noqa: E402
from store_sample import DESIGN_TURNS, design_score  # noqa: E402

FIXTURE = Path(__file__).with_name("store_v1.db")
SESSION_ID = "0f1e2d3c4b5a69788796a5b4c3d2e1f0"
STARTED = "2026-04-01T09:00:00.000000+00:00"


def main() -> None:
    FIXTURE.unlink(missing_ok=True)
    conn = sqlite3.connect(FIXTURE, isolation_level=None)
    migrate(conn, target=1)
    conn.execute("BEGIN")
    conn.execute("INSERT INTO candidates (id, name, created_at) VALUES (1, 'Alan Turing', ?)", (STARTED,))
    conn.execute(
        "INSERT INTO sessions (id, candidate_id, loop, level, model, mode, config_json, status, started_at, ended_at)"
        " VALUES (?, 1, 'mle-generalist', 'senior', 'embedded', 'text', ?, 'completed', ?, ?)",
        (SESSION_ID, json.dumps({"llm": {"model": "embedded"}}), STARTED, "2026-04-01T09:45:00.000000+00:00"),
    )
    conn.execute(
        "INSERT INTO rounds (id, session_id, position, round_id, persona, seed, status, started_at, ended_at)"
        " VALUES (1, ?, 0, 'ml-system-design', 'staff-skeptic', 7, 'completed', ?, ?)",
        (SESSION_ID, STARTED, "2026-04-01T09:45:00.000000+00:00"),
    )
    for t in DESIGN_TURNS:
        conn.execute(
            "INSERT INTO turns (round_row, idx, speaker, kind, text, t_start, t_end, question_id, criterion, latency_s,"
            " source, audio_path, metrics_json, recorded_at) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (t.index, t.speaker.value, t.kind.value, t.text, t.t_start, t.t_end, t.question_id, t.criterion,
             t.latency_s, t.source, t.audio_path, t.metrics.model_dump_json() if t.metrics else None, STARTED),
        )
    score = design_score(created_at="2026-04-01T09:46:00+00:00")
    conn.execute(
        "INSERT INTO scores (id, round_row, loop, round, weighted, band, rationale, scorer, scorer_version, scorer_model,"
        " rubric_hash, created_at, stored_at, score_json) VALUES (1, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (score.loop, score.round, score.weighted, score.band, score.rationale, score.scorer.scorer, score.scorer.version,
         score.scorer.model, score.scorer.rubric_hash, score.created_at, score.created_at, score.model_dump_json()),
    )
    for c in score.criteria:
        conn.execute(
            "INSERT INTO criterion_results (score_id, criterion, weight, level, decided_by, unverified, missing,"
            " evidence_json, checks_json) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?)",
            (c.criterion, c.weight, c.level, c.decided_by, int(c.unverified), c.missing,
             json.dumps([e.model_dump() for e in c.evidence]), json.dumps([k.model_dump() for k in c.checks])),
        )
    conn.execute("COMMIT")
    conn.execute("VACUUM")
    conn.close()
    print(f"wrote {FIXTURE} ({FIXTURE.stat().st_size} bytes, schema version 1)")


if __name__ == "__main__":
    main()
