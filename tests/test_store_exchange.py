"""Exports (md, html, json) of a session built through the API, and JSON import into another database."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from store_sample import FAKE_KEY, build_session

from simulator.store import Store
from simulator.store.exchange import (
    MAX_IMPORT_BYTES,
    ImportFileError,
    SessionExport,
    export_session,
    import_file,
    parse_export,
)
from simulator.store.render import highlight_segments

INJECTION = "<script>alert('x')</script>"


@pytest.fixture
def source(tmp_path: Path) -> tuple[Store, str]:
    with Store(tmp_path / "a.db") as store:
        first = build_session(store, note="First try: weak on serving.")
        store.override_level(first, "ml-system-design", "evaluation", 2, "Guardrails were vague.", coach="Grace")
        sid = build_session(store, note="Better on **serving** | next: latency budgets.")
        store.add_note(sid, "See <img src=x onerror=alert(1)> here", coach="Grace", round_id="ml-system-design", turn_index=3)
        store.mark_flag(sid, "ml-system-design", "rehearsed-script", coach="Grace")
        yield store, sid
        assert first != sid


def test_markdown_export(source: tuple[Store, str]) -> None:
    store, sid = source
    md = export_session(store, sid, "md")
    assert md.startswith(f"# Interview session {sid[:8]}: Ada Lovelace")
    assert "## Round 1: ml\\-system\\-design" not in md  # ids are not mangled beyond escaping specials
    assert "**offline gains often don't transfer**<sup>evaluation</sup>" in md
    assert "| serving | 0.3 | – | 2 (Grace: Mentioned ANN latency, which is a serving point.) |" in md
    assert "Earlier scores kept: lean yes 3" in md
    assert "Red flags raised by the coach: rehearsed-script" in md
    assert INJECTION not in md and "&lt;script&gt;" in md
    assert "Better on \\*\\*serving\\*\\* \\| next" in md  # note text cannot add emphasis or table cells
    assert "<img" not in md and "See &lt;img src=x onerror=alert(1)&gt; here" in md
    assert "## Progress of Ada Lovelace" in md
    # the first session had evaluation overridden to 2 (machine 3): shown with the machine level in brackets
    progress_row = next(line for line in md.splitlines() if line.startswith("| evaluation | 2 (3) |"))
    assert progress_row.count("|") == 4
    assert FAKE_KEY not in md


def test_html_export_is_self_contained_and_escaped(source: tuple[Store, str]) -> None:
    store, sid = source
    page = export_session(store, sid, "html")
    assert page.startswith("<!DOCTYPE html>")
    assert "<style>" in page and "<link" not in page and "<script" not in page.lower().replace("&lt;script", "")
    assert not re.search(r'(src|href)="(https?:)?//', page)
    assert INJECTION not in page and "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in page
    assert "<img src=x" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    # evidence highlighted in the transcript, labelled with its criterion
    assert '<mark title="evidence: evaluation">offline gains often don&#39;t transfer<sup>evaluation</sup></mark>' in page
    assert '<mark title="evidence: problem_framing">split it into candidate generation and ranking' in page
    # two inline SVG charts: this session's levels and progress over sessions
    assert page.count("<svg") == 2 and 'class="levels"' in page and 'class="progress"' in page
    levels_svg = page[page.index('class="levels"'):page.index("</svg>")]
    assert levels_svg.count("<rect") == 2  # two criteria with a machine level; serving had none
    assert 'width="300"' in levels_svg  # level 3 -> 3 x 100 units
    assert "coach level 2" in levels_svg
    assert FAKE_KEY not in page


def test_json_export_round_trips_into_another_database(source: tuple[Store, str], tmp_path: Path) -> None:
    store, sid = source
    text = export_session(store, sid, "json")
    doc = json.loads(text)
    assert doc["format"] == "interview-sim/session" and doc["session"]["id"] == sid
    assert FAKE_KEY not in text
    path = tmp_path / "session.json"
    path.write_text(text, encoding="utf-8")
    with Store(tmp_path / "b.db") as other:
        result = import_file(other, path)
        assert result.imported and result.session_id == sid
        assert other.load_session(sid).model_dump() == store.load_session(sid).model_dump()
        assert other.load_session(sid).raised_flags("ml-system-design") == ["rehearsed-script"]  # coach ticks travel too
        again = json.loads(export_session(other, sid, "json"))
        assert again["session"] == doc["session"]
        # imported data is live: searchable, listed, and scored
        assert [h.turn_index for h in other.search_turns("diversity")] == [3]
        assert [s.id for s in other.list_sessions(search="latency budgets")] == [sid]
        assert other.list_sessions()[0].cli_json() == store.list_sessions(candidate="Ada Lovelace")[0].cli_json()
        # dedup by session id
        assert import_file(other, path).imported is False
        assert other.conn.execute("SELECT count(*) FROM turns").fetchone()[0] == 5
        assert other.conn.execute("SELECT count(*) FROM scores").fetchone()[0] == 2


def _export_dict(store: Store, sid: str) -> dict:
    return json.loads(export_session(store, sid, "json"))


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d.update(format="something-else"), "not an interview-sim session export"),
        (lambda d: d.update(version=99), "version 99"),
        (lambda d: d["session"].update(id="../../etc/passwd"), "session.id"),
        (lambda d: d["session"]["rounds"][0]["turns"][0].update(speaker="narrator"), "speaker"),
        (lambda d: d["session"]["rounds"][0]["turns"][0].update(index=-1), "index"),
        (lambda d: d["session"].update(evil=True), "evil"),
        (lambda d: d["session"]["rounds"][0]["turns"].append(d["session"]["rounds"][0]["turns"][0]), "turn index twice"),
        (lambda d: d["session"]["overrides"][0].update(level=9), "level"),
    ],
)
def test_malformed_imports_give_clear_errors(source: tuple[Store, str], tmp_path: Path, mutate, message: str) -> None:
    store, sid = source
    doc = _export_dict(store, sid)
    mutate(doc)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    with Store(tmp_path / "b.db") as other:
        with pytest.raises(ImportFileError, match=re.escape(message)):
            import_file(other, path)
        assert other.list_sessions() == []


def test_not_json_and_oversized_inputs(tmp_path: Path) -> None:
    with pytest.raises(ImportFileError, match="not a JSON file"):
        parse_export(b"\xff\xfe garbage")
    with pytest.raises(ImportFileError, match="not an interview-sim session export"):
        parse_export("[1, 2, 3]")
    big = tmp_path / "big.json"
    with big.open("wb") as fh:
        fh.truncate(MAX_IMPORT_BYTES + 1)
    with Store(tmp_path / "b.db") as other:
        with pytest.raises(ImportFileError, match="import limit"):
            import_file(other, big)
        with pytest.raises(ImportFileError, match="cannot read"):
            import_file(other, tmp_path / "missing.json")


def test_export_model_validates_its_own_output(source: tuple[Store, str]) -> None:
    store, sid = source
    doc = SessionExport.model_validate_json(export_session(store, sid, "json"))
    assert doc.progress is not None and doc.progress.candidate == "Ada Lovelace"
    assert len(doc.progress.sessions) == 2  # progress up to this session


def test_highlight_segments_merge_overlaps_and_ignore_missing_quotes() -> None:
    text = "we run an A/B test with guardrails on latency"
    segs = highlight_segments(text, [("A/B test", "evaluation", None), ("test with guardrails", "rigor", None),
                                     ("not in the text", "x", None), ("LATENCY", "serving", None)])
    assert "".join(s.text for s in segs) == text
    assert [(s.text, s.criteria) for s in segs if s.criteria] == [
        ("A/B ", ["evaluation"]), ("test", ["evaluation", "rigor"]), (" with guardrails", ["rigor"]), ("latency", ["serving"]),
    ]
