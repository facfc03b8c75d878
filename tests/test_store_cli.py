"""The store's commands, run through the real click group against a temporary data dir."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from store_sample import FAKE_KEY, build_session

from simulator.cli import main
from simulator.store import Store


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("INTERVIEW_SIM_CONFIG", os.devnull)  # no config file, on purpose
    return tmp_path / "data"


def run(data_dir: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["--data-dir", str(data_dir), *args], catch_exceptions=False, env={"COLUMNS": "160"})
    return result.exit_code, result.stdout, result.stderr


def _seed(data_dir: Path) -> tuple[str, str]:
    with Store(data_dir / "interview-sim.db") as store:
        ada = build_session(store, candidate="Ada Lovelace")
        bob = store.create_session(candidate="Bob", loop="research", level=None, model="m", mode="voice", config={})
        store.start_round(bob, round_id="paper-discussion", persona="curious", seed=None)
    return ada, bob


def test_sessions_json_shape(data_dir: Path) -> None:
    code, out, _ = run(data_dir, "sessions", "--json")
    assert code == 0 and json.loads(out) == {"sessions": []}
    ada, bob = _seed(data_dir)
    code, out, _ = run(data_dir, "sessions", "--json")
    assert code == 0
    rows = json.loads(out)["sessions"]
    assert [r["id"] for r in rows] == [bob, ada]
    assert all(set(r) == {"id", "candidate", "loop", "rounds", "started", "score"} for r in rows)
    assert rows[1] | {"started": None} == {"id": ada, "candidate": "Ada Lovelace", "loop": "mle-generalist",
                                           "rounds": 1, "started": None, "score": 3.0}
    assert rows[0]["score"] is None and rows[0]["rounds"] == 1
    _, out, _ = run(data_dir, "sessions", "--json", "--candidate", "bob")
    assert [r["id"] for r in json.loads(out)["sessions"]] == [bob]
    _, out, _ = run(data_dir, "sessions", "--json", "--loop", "mle-generalist")
    assert [r["id"] for r in json.loads(out)["sessions"]] == [ada]
    _, out, _ = run(data_dir, "sessions", "--json", "--search", "creator diversity")
    assert [r["id"] for r in json.loads(out)["sessions"]] == [ada]
    code, out, _ = run(data_dir, "sessions")
    assert code == 0 and "Ada Lovelace" in out and ada[:12] in out


def test_show_accepts_a_prefix(data_dir: Path) -> None:
    ada, _ = _seed(data_dir)
    code, out, _ = run(data_dir, "show", ada[:6])
    assert code == 0
    assert "offline gains often don't transfer" in out
    assert "problem_framing" in out and "Mentioned ANN latency" in out and "Strong retrieval story" in out
    code, _, err = run(data_dir, "show", "ffffffffffff")
    assert code == 1 and "no session id starts with" in err


def test_read_commands_without_a_database(data_dir: Path) -> None:
    code, _, err = run(data_dir, "show", "abc")
    assert code == 1 and "no database yet" in err
    assert not (data_dir / "interview-sim.db").exists()


def test_export_and_import_between_data_dirs(data_dir: Path, tmp_path: Path) -> None:
    ada, _ = _seed(data_dir)
    for fmt in ("md", "html", "json"):
        out_file = tmp_path / f"s.{fmt}"
        code, _, err = run(data_dir, "export", ada[:8], "--format", fmt, "-o", str(out_file))
        assert code == 0 and f"wrote {out_file}" in err
        assert FAKE_KEY not in out_file.read_text(encoding="utf-8")
    code, out, _ = run(data_dir, "export", ada, "--format", "md")
    assert code == 0 and out == (tmp_path / "s.md").read_text(encoding="utf-8")
    other = tmp_path / "other"
    code, out, _ = run(other, "import", str(tmp_path / "s.json"))
    assert code == 0 and f"imported session {ada}" in out
    code, out, _ = run(other, "import", str(tmp_path / "s.json"))
    assert code == 0 and "already in" in out
    _, out, _ = run(other, "sessions", "--json")
    assert [r["id"] for r in json.loads(out)["sessions"]] == [ada]
    (tmp_path / "bad.json").write_text('{"format": "interview-sim/session", "version": 1, "session": {}}')
    code, _, err = run(other, "import", str(tmp_path / "bad.json"))
    assert code == 1 and "invalid session export" in err


def test_progress_chart_and_json(data_dir: Path) -> None:
    ada, _ = _seed(data_dir)
    with Store(data_dir / "interview-sim.db") as store:
        later = build_session(store, candidate="Ada Lovelace")
        store.override_level(later, "ml-system-design", "evaluation", 4, "Named guardrails unprompted.")
    code, out, _ = run(data_dir, "progress", "--candidate", "Ada Lovelace")
    assert code == 0 and "Progress: Ada Lovelace" in out and "evaluation" in out and "+1" in out
    code, out, _ = run(data_dir, "progress", "--json")
    (report,) = json.loads(out)["candidates"]
    assert [s["id"] for s in report["sessions"]] == [ada, later]
    evaluation = next(c for c in report["criteria"] if c["criterion"] == "evaluation")
    assert evaluation == {"criterion": "evaluation", "machine": [3.0, 3.0], "coach": [3.0, 4.0]}


def test_note_and_override_commands(data_dir: Path) -> None:
    ada, _ = _seed(data_dir)
    code, out, _ = run(data_dir, "note", ada[:8], "Work on the MDE explanation", "--coach", "Grace")
    assert code == 0
    code, _, _ = run(data_dir, "override", ada[:8], "ml-system-design", "problem_framing", "4", "--reason", "Stated goals")
    assert code == 0
    code, _, err = run(data_dir, "override", ada[:8], "nope", "problem_framing", "4", "--reason", "x")
    assert code == 1 and "no round 'nope'" in err
    with Store(data_dir / "interview-sim.db") as store:
        record = store.load_session(ada)
        assert record.notes[-1].text == "Work on the MDE explanation"
        assert record.effective_level("ml-system-design", "problem_framing") == 4
        assert [h.session_id for h in store.search_notes("MDE")] == [ada]


def test_browse_without_datasette_says_how_to_install(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from simulator.store import browse

    monkeypatch.setattr(browse, "datasette_installed", lambda: False)
    _seed(data_dir)
    code, _, err = run(data_dir, "browse")
    assert code == 1
    assert "Datasette is not installed" in err and "interview-sim[browse]" in err
