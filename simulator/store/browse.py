"""`interview-sim browse`: the database in Datasette for coaches who prefer a browser.

Datasette is an optional extra (`pip install 'interview-sim[browse]'`). It serves
on 127.0.0.1 only and opens the file read-only (Datasette reads mutable files
with `mode=ro`, and we pass no write settings or plugins), so a live interview
can keep writing while a coach browses. The canned queries below are plain SQL,
tested against a real store in tests/test_store_browse.py.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

HOST = "127.0.0.1"
NOT_INSTALLED = (
    "Datasette is not installed, so `interview-sim browse` cannot start.\n"
    "Install the optional extra:  pip install 'interview-sim[browse]'\n"
    "(from a checkout: .venv/bin/pip install -e '.[browse]'). "
    "Everything else works without it: try `interview-sim sessions` and `interview-sim show SESSION`."
)

_LATEST_SCORE = "sc.id = (select max(id) from scores where round_row = r.id)"

CANNED_QUERIES: dict[str, dict[str, Any]] = {
    "sessions_by_candidate": {
        "title": "Sessions by candidate",
        "description": "Every session of the candidates whose name contains the text (empty: all), newest first.",
        "sql": f"""
select s.id as session, c.name as candidate, s.loop, s.level, s.status, s.started_at,
  (select count(*) from rounds r where r.session_id = s.id) as rounds,
  (select round(avg(sc.weighted), 2) from rounds r join scores sc on {_LATEST_SCORE}
    where r.session_id = s.id) as score
from sessions s join candidates c on c.id = s.candidate_id
where c.name like '%' || :candidate || '%'
order by s.started_at desc
limit 500
""".strip(),
    },
    "weakest_criteria": {
        "title": "Weakest criteria",
        "description": "Mean level per candidate and criterion over latest scores, coach overrides applied; weakest first.",
        "sql": f"""
with latest as (
  select r.session_id, r.round_id, cr.criterion, cr.level
  from rounds r join scores sc on {_LATEST_SCORE} join criterion_results cr on cr.score_id = sc.id
), effective as (
  select l.session_id, l.criterion,
    coalesce((select o.level from coach_overrides o where o.session_id = l.session_id and o.round_id = l.round_id
              and o.criterion = l.criterion order by o.id desc limit 1), l.level) as level
  from latest l
)
select c.name as candidate, e.criterion, round(avg(e.level), 2) as mean_level,
  count(e.level) as times_scored, count(*) - count(e.level) as insufficient_evidence
from effective e join sessions s on s.id = e.session_id join candidates c on c.id = s.candidate_id
where c.name like '%' || :candidate || '%'
group by c.name, e.criterion
order by mean_level is null, mean_level asc, times_scored desc
limit 200
""".strip(),
    },
    "search": {
        "title": "Search transcripts",
        "description": "Full-text search over every turn (FTS5 syntax; plain words must all appear), newest first.",
        "sql": """
select s.id as session, c.name as candidate, r.round_id, t.idx as turn, t.speaker, t.kind,
  snippet(turns_fts, 0, '«', '»', '…', 16) as snippet
from turns_fts join turns t on t.id = turns_fts.rowid join rounds r on r.id = t.round_row
  join sessions s on s.id = r.session_id join candidates c on c.id = s.candidate_id
where turns_fts match :q
order by turns_fts.rowid desc
limit 200
""".strip(),
    },
    "search_notes": {
        "title": "Search coach notes",
        "description": "Full-text search over coach notes, newest first.",
        "sql": """
select n.session_id as session, c.name as candidate, n.round_id, n.coach, n.created_at,
  snippet(coach_notes_fts, 0, '«', '»', '…', 16) as snippet
from coach_notes_fts join coach_notes n on n.id = coach_notes_fts.rowid join sessions s on s.id = n.session_id
  join candidates c on c.id = s.candidate_id
where coach_notes_fts match :q
order by coach_notes_fts.rowid desc
limit 200
""".strip(),
    },
}


def datasette_installed() -> bool:
    return importlib.util.find_spec("datasette") is not None


def metadata(db_path: Path) -> dict[str, Any]:
    """Datasette (0.6x) metadata: titles and the canned queries for this database."""
    return {
        "title": "interview-sim sessions",
        "description": "Interview transcripts, scores and coach notes (read-only).",
        "databases": {Path(db_path).stem: {"queries": CANNED_QUERIES}},
    }


def datasette_command(db_path: Path, metadata_path: Path, port: int) -> list[str]:
    """The command line that serves `db_path` read-only on 127.0.0.1."""
    return [
        sys.executable, "-m", "datasette", "serve", str(db_path),
        "--host", HOST, "--port", str(port),
        "--metadata", str(metadata_path),
        "--setting", "sql_time_limit_ms", "3000",
    ]


def serve(db_path: Path, port: int) -> int:
    """Run Datasette in the foreground until Ctrl-C; returns its exit status."""
    with tempfile.TemporaryDirectory(prefix="interview-sim-browse-") as tmp:
        meta = Path(tmp) / "metadata.json"
        meta.write_text(json.dumps(metadata(db_path), indent=2), encoding="utf-8")
        try:
            return subprocess.call(datasette_command(db_path, meta, port))
        except KeyboardInterrupt:
            return 0
