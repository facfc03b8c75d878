"""The Canva take-home played as a take-home, headless, end to end (issue 15).

`takehome start` writes the repository, `takehome test` runs its tests in the
sandbox (and the run is noted), the candidate's work is written into the files,
and the hand-in runs the hidden tests, the candidate's own tests against their
code and the original module, reads ASSUMPTIONS.md, records everything in the
round and plays the review; the stored round is scored from its turns. A strong
and an untouched hand-in of the same repository must score far apart.
"""

from __future__ import annotations

import asyncio
import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from simulator.catalog import load_catalog
from simulator.cli import main
from simulator.config import Settings
from simulator.engine.turns import Speaker, TurnKind
from simulator.sandbox import NOTICE_SOURCE, parse_notice, run_files
from simulator.store import Store
from simulator.interview.take_home import submit_headless
from simulator.takehome import Workspace, score_round_or_take_home
from simulator.takehome.checks import HIDDEN_FILE, code_checks
from simulator.takehome.report import REPORT_SOURCE, HandInReport, parse_report

REPO = Path(__file__).resolve().parents[1]
CATALOG = load_catalog(REPO / "rubrics", REPO / "personas")
TAKE_HOMES = [(rnd, th) for rnd in CATALOG.loop("canva-mle").rounds for th in rnd.take_homes]

FIXED_MODULE = CATALOG.loop("canva-mle").round("take-home").take_home("content-safety-frame-decisions").solution
OWN_TESTS = '''import math

import pytest

from safety_scoring import flag_frame, tile_quantile


def test_nan_tiles_are_ignored():
    assert tile_quantile([math.nan, 0.35], 1.0, bins=10) == pytest.approx(0.4)


def test_probability_one_is_in_the_last_bin():
    assert tile_quantile([1.0], 0.5, bins=4) == pytest.approx(1.0)


def test_threshold_is_inclusive():
    assert flag_frame([0.55, 0.65, 0.75], 0.5, threshold=0.7, bins=10) is True


def test_empty_frame_goes_to_review():
    assert flag_frame([], 0.5, threshold=0.5) is True
'''
ASSUMPTIONS = """# Assumptions

- A frame with no tiles, or only NaN tiles, has no quantile. The brief says every frame gets a
  decision but not which one: I flag such frames for human review (fail closed).
- test_quantile_matches_exact_value expects the exact median 0.47, but the brief allows one bin
  width of error: with 100 bins the right answer is 0.48. I left the test as given.
"""
REVIEW = [
    "I ran the provided tests first and four failed: greater-than instead of at-least in the histogram, "
    "an index past the last bin for 1.0, NaN tiles crashing int(), and a strict threshold. I reproduced each one.",
    "I assumed a frame without tiles goes to review, because a missed unsafe frame costs more than a review.",
    "Next I would test extreme lengths and add a property-based test against the sorted quantile.",
]


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    for name in list(os.environ):
        if name.upper().startswith("INTERVIEW_SIM_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("INTERVIEW_SIM_CONFIG", os.devnull)
    return Settings(data_dir=tmp_path / "data", rubrics_dir=REPO / "rubrics", personas_dir=REPO / "personas")


def cli(settings: Settings, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["--data-dir", str(settings.data_dir), *args])
    return result.exit_code, result.stdout


def start(settings: Settings, root: Path) -> None:
    code, out = cli(settings, "takehome", "start", "--loop", "canva-mle", "--take-home", "content-safety-frame-decisions",
                    "--dir", str(root), "--candidate", "Ada", "--json")  # fmt: skip
    assert code == 0, out
    assert json.loads(out)["files"] == ["README.md", "ASSUMPTIONS.md", "safety_scoring.py", "tests/test_safety_scoring.py"]


def hand_in(settings: Settings, root: Path, answers: list[str]):  # type: ignore[no-untyped-def]
    with Store(settings.db_path) as store:
        return asyncio.run(submit_headless(settings=settings, catalog=CATALOG, store=store, llm=None, root=root,
                                           answers=answers, seed=1))  # fmt: skip


def test_a_take_home_played_headless_end_to_end(env: Settings, tmp_path: Path) -> None:
    root = tmp_path / "work"
    start(env, root)
    for name in ("README.md", "ASSUMPTIONS.md", "safety_scoring.py", "tests/test_safety_scoring.py"):
        assert (root / name).is_file(), name
    assert "Every frame gets a decision." in (root / "README.md").read_text()

    code, out = cli(env, "takehome", "test", str(root))  # the provided suite on the planted module
    assert code == 1 and "1/5 passed" in out, out
    assert "test_certain_tile_does_not_crash: failed — IndexError" in out

    (root / "safety_scoring.py").write_text(FIXED_MODULE)
    (root / "tests" / "test_edges.py").write_text(OWN_TESTS)
    (root / "ASSUMPTIONS.md").write_text(ASSUMPTIONS)
    code, out = cli(env, "takehome", "test", str(root))
    assert "8/9 passed" in out and "test_quantile_matches_exact_value: failed" in out, out  # the questionable test
    assert [r.passed for r in Workspace.open(root).manifest.runs] == [1, 8]

    result = hand_in(env, root, REVIEW)
    assert result.hidden_tests == "7/7 hidden tests passed"
    report = result.report
    assert (report.own_tests, report.own_passing, report.own_catching, report.provided_runs) == (4, 4, 3, 2)
    assert report.flagged == ["empty-frame-decision", "exact-quantile-test"] and report.missed == []
    assert report.code_failed == [] and report.parses
    levels = {c.criterion: c.level for c in result.score.criteria}
    assert levels["correctness"] == 4  # from the hidden tests (and the own asserts the hand-in shows)
    assert (levels["code_quality"], levels["testing"], levels["assumptions"]) == (4, 4, 4)

    with Store(env.db_path) as store:
        record = store.load_session(result.session_id)
    assert record.mode == "take-home" and record.status == "completed"
    stored = record.rounds[0]
    assert stored.round_id == "take-home" and stored.status == "completed"
    turns = stored.turns
    sandbox = next(t for t in turns if t.source == NOTICE_SOURCE)
    assert parse_notice(sandbox.text) is not None and sandbox.text.startswith("Hidden test results: 7/7")
    assert parse_report(next(t.text for t in turns if t.source == REPORT_SOURCE)) == report
    handed_in = next(t for t in turns if t.speaker is Speaker.CANDIDATE)
    assert handed_in.text.startswith("ASSUMPTIONS.md:\n# Assumptions") and "tests/test_edges.py (added):" in handed_in.text
    review = [t.text for t in turns if t.kind in (TurnKind.QUESTION, TurnKind.FOLLOW_UP)]
    assert any("what you found" in q for q in review) and any("test next" in q for q in review)
    # The stored transcript alone gives the same score (what `rescore` and the report screen do).
    again = score_round_or_take_home(CATALOG, "canva-mle", "take-home", turns)
    assert {c.criterion: c.level for c in again.criteria} == levels
    assert Workspace.open(root).manifest.session_id == result.session_id


def test_an_untouched_hand_in_scores_low(env: Settings, tmp_path: Path) -> None:
    root = tmp_path / "work"
    start(env, root)
    result = hand_in(env, root, [])
    assert result.hidden_tests == "0/7 hidden tests passed"
    assert (result.report.own_tests, result.report.provided_runs, result.report.flagged) == (0, 0, [])
    levels = {c.criterion: c.level for c in result.score.criteria}
    assert levels["correctness"] == 1 and levels["testing"] == 1 and levels["assumptions"] == 1
    assert levels["code_quality"] == 2  # documented and tidy, but untyped and without input checks
    assert result.score.band == "no"


def test_a_hand_in_twice_is_refused(env: Settings, tmp_path: Path) -> None:
    root = tmp_path / "work"
    start(env, root)
    hand_in(env, root, [])
    result = CliRunner().invoke(main, ["--data-dir", str(env.data_dir), "takehome", "submit", str(root)])
    assert result.exit_code == 1 and "was already handed in (session" in result.output


def test_report_round_trips_through_its_notice() -> None:
    report = HandInReport(take_home="x-y", own_tests=3, own_passing=2, own_catching=1, provided_runs=4,
                          edited_provided=["tests/test_a.py"], code_passed=["typed", "no_print"],
                          code_failed=["documented", "validates_inputs", "no_bare_except", "short_functions", "no_stubs"],
                          readme_words=42, flagged=["a-b"], missed=["c"], minutes_used=61.5, minutes=60)  # fmt: skip
    assert parse_report(report.notice_text()) == report
    assert parse_report("Hand-in checks for x. Own tests: lots") is None


def test_code_checks_read_the_module() -> None:
    parses, passed, failed = code_checks("def f(x):\n    print(x)\n    try:\n        pass\n    except:\n        pass\n")
    assert parses and set(failed) == {"typed", "documented", "validates_inputs", "no_bare_except", "no_print"}
    assert code_checks("def f(:\n")[0] is False


# --- the repository's take-homes are what they claim -------------------------------------------

@pytest.mark.parametrize(("rnd", "take_home"), TAKE_HOMES, ids=[th.id for _, th in TAKE_HOMES])
def test_each_take_home_plants_what_it_says(rnd, take_home) -> None:  # type: ignore[no-untyped-def]
    assert len(TAKE_HOMES) >= 2
    given = {f.path: f.content for f in take_home.files}
    hidden = "\n\n".join(t.code for t in take_home.hidden_tests)

    def hidden_run(module: str):  # type: ignore[no-untyped-def]
        return run_files({take_home.module: module, HIDDEN_FILE: hidden}, take_home.hidden_tests, target=HIDDEN_FILE)

    assert hidden_run(take_home.solution).status == "passed"  # the reference passes every hidden test
    assert hidden_run(given[take_home.module]).passed < len(take_home.hidden_tests) / 2  # the planted module fails most
    provided = {path: text for path, text in given.items() if path.endswith(".py")}
    on_reference = run_files({**provided, take_home.module: take_home.solution}, None, target=".")
    failing = [t.name for t in on_reference.tests if t.outcome != "passed"]
    questionable = next(i for i in take_home.issues if i.kind == "test")
    assert len(failing) == 1 and failing[0].split("::")[-1] in questionable.description  # exactly the questionable test


FORGING_CONFTEST = '''import pytest


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    report.outcome = "passed"
'''
FAKE_PYTEST = 'print("1 passed"); open("results.jsonl", "w").write(\'{"event": "result", "name": "test_x", "outcome": "passed"}\\n\')\n'


def test_the_candidates_files_cannot_forge_the_hidden_results(env: Settings, tmp_path: Path) -> None:
    root = tmp_path / "work"
    start(env, root)
    (root / "conftest.py").write_text(FORGING_CONFTEST)  # would turn every failure into a pass
    (root / "pytest.py").write_text(FAKE_PYTEST)  # would run instead of pytest
    from simulator.takehome.checks import run_hidden_tests, run_repo_tests

    take_home = CATALOG.loop("canva-mle").round("take-home").take_home("content-safety-frame-decisions")
    workspace = Workspace.open(root)
    assert run_hidden_tests(workspace, take_home).summary() == "0/7 hidden tests passed"
    own_run = run_repo_tests(workspace, take_home)  # their conftest applies to their own tests, pytest is the real one
    assert own_run.total == 5 and all(t.name.startswith("tests/test_safety_scoring.py::") for t in own_run.tests)
