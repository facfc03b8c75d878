"""The Store API the engine, scorer and TUI code against."""

from __future__ import annotations

import os
import sqlite3
import threading
from pathlib import Path

import pytest
from store_sample import DESIGN_TURNS, FAKE_KEY, build_session, design_score

from simulator.engine.turns import Speaker, Turn, TurnKind
from simulator.store import SessionNotFound, Store, StoreError


@pytest.fixture
def store(tmp_path: Path) -> Store:
    with Store(tmp_path / "s.db") as s:
        yield s


def _new_round(store: Store, candidate: str = "Ada", loop: str = "mle-generalist", round_id: str = "coding") -> tuple[str, int]:
    sid = store.create_session(candidate=candidate, loop=loop, level=None, model="embedded", mode="text", config={})
    return sid, store.start_round(sid, round_id=round_id, persona="friendly", seed=1)


def _answer(index: int, text: str, question_id: str | None = None) -> Turn:
    return Turn(index=index, speaker=Speaker.CANDIDATE, kind=TurnKind.ANSWER, text=text,
                t_start=float(index), t_end=index + 0.5, question_id=question_id)


def test_each_turn_is_visible_to_another_connection_at_once(store: Store) -> None:
    _, row = _new_round(store)
    other = sqlite3.connect(store.path)
    for i, turn in enumerate(DESIGN_TURNS):
        store.add_turn(row, turn)
        seen = other.execute("SELECT idx, text FROM turns WHERE round_row = ? ORDER BY idx", (row,)).fetchall()
        assert seen == [(t.index, t.text) for t in DESIGN_TURNS[: i + 1]]
    other.close()


def test_add_turn_is_idempotent_on_round_and_index(store: Store) -> None:
    sid, row = _new_round(store)
    assert store.add_turn(row, _answer(0, "first words")) is True
    assert store.add_turn(row, _answer(0, "first words")) is False
    assert store.add_turn(row, _answer(0, "a replay with other words")) is False
    assert store.add_turn(row, _answer(1, "second")) is True
    turns = store.load_session(sid).rounds[0].turns
    assert [(t.index, t.text) for t in turns] == [(0, "first words"), (1, "second")]
    assert store.conn.execute("SELECT count(*) FROM turns").fetchone()[0] == 2
    assert store.conn.execute("SELECT count(*) FROM turns_fts WHERE turns_fts MATCH 'replay'").fetchone()[0] == 0


def test_turn_round_trips_every_field(store: Store) -> None:
    sid, row = _new_round(store)
    for turn in DESIGN_TURNS:
        store.add_turn(row, turn)
    assert store.load_session(sid).rounds[0].turns == DESIGN_TURNS


def test_add_turn_to_missing_round_is_an_error(store: Store) -> None:
    with pytest.raises(StoreError):
        store.add_turn(999, _answer(0, "nowhere"))


def test_resume_reopens_the_round_and_continues(store: Store) -> None:
    sid, row = _new_round(store)
    store.add_turn(row, _answer(0, "before the crash"))
    store.end_round(row, "interrupted")
    store.end_session(sid, "interrupted")
    assert [s.id for s in store.unfinished_sessions()] == [sid]
    record = store.load_session(sid)
    assert record.unfinished and record.rounds[0].next_index == 1
    again = store.start_round(sid, round_id="coding", persona="friendly", seed=1)
    assert again == row
    assert store.load_session(sid).status == "running"
    store.add_turn(again, _answer(0, "before the crash"))  # a replay adds nothing
    store.add_turn(again, _answer(1, "after resuming"))
    store.end_round(again, "completed")
    store.end_session(sid, "completed")
    assert store.unfinished_sessions() == []
    assert [t.text for t in store.load_session(sid).rounds[0].turns] == ["before the crash", "after resuming"]


def test_rescoring_keeps_every_score(store: Store) -> None:
    sid = build_session(store)
    rnd = store.load_session(sid).rounds[0]
    assert len(rnd.scores) == 2
    assert [s.score.created_at for s in rnd.scores] == ["2026-05-10T10:00:00+00:00", "2026-05-10T10:05:00+00:00"]
    assert rnd.score == design_score(created_at="2026-05-10T10:05:00+00:00", evaluation_level=3)
    assert rnd.scores[0].score.criteria[1].level == 2
    # criterion rows are queryable with evidence as JSON and scorer identity on the score row
    rows = store.conn.execute(
        "SELECT s.scorer, s.rubric_hash, c.criterion, c.level, json_extract(c.evidence_json, '$[0].quote')"
        " FROM criterion_results c JOIN scores s ON s.id = c.score_id WHERE c.criterion = 'evaluation' ORDER BY s.id"
    ).fetchall()
    assert [tuple(r) for r in rows] == [("evidence", "ab" * 32, "evaluation", 2, "offline gains often don't transfer"),
                    ("evidence", "ab" * 32, "evaluation", 3, "offline gains often don't transfer")]


def test_coach_review_is_kept_apart_from_machine_scores(store: Store) -> None:
    sid = build_session(store)
    before = store.conn.execute("SELECT score_json FROM scores ORDER BY id").fetchall()
    store.override_level(sid, "ml-system-design", "evaluation", 4, "Named guardrails unprompted.", coach="Grace")
    record = store.load_session(sid)
    assert store.conn.execute("SELECT score_json FROM scores ORDER BY id").fetchall() == before
    assert record.round("ml-system-design").score.criteria[1].level == 3  # machine unchanged
    assert record.effective_level("ml-system-design", "evaluation") == 4
    assert record.effective_level("ml-system-design", "problem_framing") == 3
    assert [o.criterion for o in record.overrides] == ["serving", "evaluation"]
    with pytest.raises(StoreError, match="reason"):
        store.override_level(sid, "ml-system-design", "evaluation", 2, "  ")
    with pytest.raises(StoreError, match="1-4"):
        store.override_level(sid, "ml-system-design", "evaluation", 5, "too high")
    with pytest.raises(StoreError, match="no round"):
        store.add_note(sid, "wrong round", round_id="behavioral")


def test_fts_finds_words_in_answers_and_notes(store: Store) -> None:
    sid = build_session(store, note="Ask about calibration of the ranker next time.")
    _, row = _new_round(store, candidate="Bob")
    store.add_turn(row, _answer(0, "We shard the embeddings by user."))
    hits = store.search_turns("diversity")
    assert [(h.session_id, h.turn_index, h.speaker) for h in hits] == [(sid, 3, "candidate")]
    assert "«diversity»" in hits[0].snippet
    assert [h.turn_index for h in store.search_turns("transferring")] == [3]  # stemmed: transfer
    assert [h.candidate for h in store.search_turns("embedding")] == ["Bob"]
    assert store.search_turns("zeppelin") == []
    notes = store.search_notes("calibration")
    assert [(n.session_id, n.coach) for n in notes] == [(sid, "Grace")]
    assert [s.id for s in store.list_sessions(search="calibration")] == [sid]  # via the note
    assert [s.id for s in store.list_sessions(search="two-tower")] == [sid]  # via a turn


def test_fts_stays_in_sync_on_update_and_delete(store: Store) -> None:
    sid, row = _new_round(store)
    store.add_turn(row, _answer(0, "gradient boosting"))
    with store.conn:
        store.conn.execute("UPDATE turns SET text = 'random forests' WHERE round_row = ?", (row,))
    assert store.search_turns("boosting") == []
    assert len(store.search_turns("forests")) == 1
    note = store.add_note(sid, "mention stratified sampling")
    with store.conn:
        store.conn.execute("DELETE FROM coach_notes WHERE id = ?", (note,))
    assert store.search_notes("stratified") == []
    # FTS5's own check raises "database disk image is malformed" if the index disagrees with the table.
    store.conn.execute("INSERT INTO turns_fts(turns_fts, rank) VALUES ('integrity-check', 1)")
    store.conn.execute("INSERT INTO coach_notes_fts(coach_notes_fts, rank) VALUES ('integrity-check', 1)")


@pytest.mark.parametrize("query", ['"', "NEAR(", "a AND", "-x", "col:word", "*", "'; DROP TABLE turns; --"])
def test_search_text_is_never_fts_syntax(store: Store, query: str) -> None:
    _, row = _new_round(store)
    store.add_turn(row, _answer(0, "plain words only"))
    try:
        assert store.search_turns(query) == []
    except StoreError as exc:
        assert "nothing to search" in str(exc)
    assert store.conn.execute("SELECT count(*) FROM turns").fetchone()[0] == 1


def test_list_sessions_filters_and_scores(store: Store) -> None:
    ada = build_session(store, candidate="Ada Lovelace")
    bob, row = _new_round(store, candidate="Bob", loop="research")
    assert [s.id for s in store.list_sessions()] == [bob, ada]
    assert [s.id for s in store.list_sessions(candidate="ada lovelace")] == [ada]
    assert [s.id for s in store.list_sessions(loop="research")] == [bob]
    assert [s.id for s in store.list_sessions(limit=1)] == [bob]
    summary = store.list_sessions(candidate="Ada Lovelace")[0]
    assert summary.cli_json() == {"id": ada, "candidate": "Ada Lovelace", "loop": "mle-generalist", "rounds": 1,
                                  "started": summary.started, "score": 3.0}
    assert store.list_sessions(candidate="Bob")[0].score is None


def test_recent_question_ids_looks_at_the_last_n_sessions(store: Store) -> None:
    for qid in ("q1", "q2", "q3"):
        sid, row = _new_round(store, candidate="Cy")
        store.add_turn(row, _answer(0, "answer", question_id=qid))
    _, other = _new_round(store, candidate="Dee")
    store.add_turn(other, _answer(0, "answer", question_id="q9"))
    _, other_round = _new_round(store, candidate="Cy", round_id="behavioral")
    store.add_turn(other_round, _answer(0, "answer", question_id="b1"))
    assert store.recent_question_ids("Cy", "mle-generalist", "coding", 2) == {"q2", "q3"}
    assert store.recent_question_ids("Cy", "mle-generalist", "coding", 10) == {"q1", "q2", "q3"}
    assert store.recent_question_ids("Cy", "mle-generalist", "coding", 0) == set()
    assert store.recent_question_ids("Cy", "other-loop", "coding", 3) == set()


def test_session_id_prefixes(store: Store) -> None:
    ids = [_new_round(store)[0] for _ in range(20)]
    for sid in ids:
        assert store.resolve_session_id(sid[:12]) == sid
        assert store.resolve_session_id(sid.upper()) == sid
    with pytest.raises(SessionNotFound):
        store.resolve_session_id("zz")
    shared = next(p for p in "0123456789abcdef" if sum(i.startswith(p) for i in ids) > 1)
    with pytest.raises(StoreError, match="more than one"):
        store.resolve_session_id(shared)
    with pytest.raises(SessionNotFound):
        store.load_session("f" * 32)


def test_no_secret_reaches_the_database_file(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    with Store(db) as store:
        sid = build_session(store)
        config = store.load_session(sid).config
        assert config["llm"] == {"model": "openai/gpt-4o-mini", "timeout_s": 20.0}
        assert "OPENAI_API_KEY" not in config and "auth_token" not in config
        raw = db.read_bytes() + (db.with_name("s.db-wal").read_bytes() if db.with_name("s.db-wal").exists() else b"")
        assert FAKE_KEY.encode() not in raw
        store.checkpoint()
    assert FAKE_KEY.encode() not in db.read_bytes()


def test_settings_redacted_snapshot_has_no_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from simulator.config import load_settings

    monkeypatch.setenv("INTERVIEW_SIM_LLM__API_KEY", FAKE_KEY)
    monkeypatch.setenv("INTERVIEW_SIM_CONFIG", os.devnull)  # no config file, on purpose
    settings = load_settings({"data_dir": tmp_path})
    assert settings.llm.api_key is not None
    with Store(settings.db_path) as store:
        store.create_session(candidate="Ada", loop="l", level=None, model="m", mode="text",
                             config={**settings.redacted(), "raw": settings.model_dump()})
        store.checkpoint()
    assert FAKE_KEY.encode() not in settings.db_path.read_bytes()


def test_readonly_store_reads_but_refuses_writes(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    with Store(db) as store:
        sid = build_session(store)
    with Store(db, readonly=True) as ro:
        assert ro.load_session(sid).candidate == "Ada Lovelace"
        with pytest.raises(StoreError, match="read-only"):
            ro.add_note(sid, "nope")
        with pytest.raises(StoreError, match="read-only"):
            ro.add_turn(1, _answer(9, "nope"))


def test_writes_from_worker_threads_share_one_store(store: Store) -> None:
    sid, row = _new_round(store)
    errors: list[BaseException] = []

    def write(start: int) -> None:
        try:
            for i in range(start, 200, 4):
                store.add_turn(row, _answer(i, f"turn {i}"))
                store.load_session(sid)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert [t.index for t in store.load_session(sid).rounds[0].turns] == list(range(200))


def test_second_process_style_connection_waits_instead_of_failing(tmp_path: Path) -> None:
    """Two Store objects on one file (as two processes would have): the busy timeout serialises writers."""
    db = tmp_path / "s.db"
    a, b = Store(db), Store(db)
    sid, row = _new_round(a)
    b.conn.execute("BEGIN IMMEDIATE")
    done = threading.Event()

    def release() -> None:
        done.wait(0.3)
        b.conn.execute("COMMIT")

    t = threading.Thread(target=release)
    t.start()
    a.add_turn(row, _answer(0, "waited for the lock"))
    t.join()
    assert len(b.load_session(sid).rounds[0].turns) == 1
    a.close()
    b.close()


def test_search_with_a_limit_returns_the_newest_matching_sessions(store: Store) -> None:
    made = []
    for k in range(6):
        sid, row = _new_round(store, candidate="Eve" if k % 2 else "Finn")
        store.add_turn(row, _answer(0, f"we buffer events in kafka, attempt {k}"))
        store.add_turn(row, _answer(1, "and batch them hourly"))
        made.append(sid)
    assert [s.id for s in store.list_sessions(search="kafka", limit=3)] == made[::-1][:3]
    assert [s.id for s in store.list_sessions(search="kafka", candidate="eve", limit=2)] == [made[5], made[3]]
    assert [s.id for s in store.list_sessions(search="kafka hourly")] == []  # words must share one turn
    assert len(store.list_sessions(search="hourly", limit=100)) == 6


def test_a_corrected_voice_answer_keeps_what_whisper_heard(store: Store, tmp_path: Path) -> None:
    from simulator.store.exchange import export_session, import_file
    from simulator.tui.screens.review import transcript_text

    sid, row = _new_round(store)
    heard = "We moved the rancor to Kubernetes."
    store.add_turn(row, _answer(0, "We moved the ranker to Kubernetes.").model_copy(update={"raw_text": heard}))
    store.add_turn(row, _answer(1, "typed, nothing corrected"))
    record = store.load_session(sid)
    assert [t.raw_text for t in record.rounds[0].turns] == [heard, None]
    assert store.search_turns("ranker") and not store.search_turns("rancor")  # search reads the corrected text

    exported = tmp_path / "s.json"
    exported.write_text(export_session(store, sid, "json"))
    with Store(tmp_path / "other.db") as other:
        import_file(other, exported)
        assert other.load_session(sid).rounds[0].turns[0].raw_text == heard

    shown = transcript_text(record).plain  # the coach's review screen shows both
    assert "We moved the ranker to Kubernetes." in shown and f"heard: {heard}" in shown
    assert shown.count("heard:") == 1
