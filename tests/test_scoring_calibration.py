"""The evidence scorer's agreement with reviewers: goals where met, strict xfails with the measured figure where not."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from scoring_helpers import HOLDOUT, HOLDOUT2, HOLDOUT3, HOLDOUT4, HOLDOUT5, ROBUST_BLIND, SHARED_SET, repo_catalog
from simulator.cli import main
from simulator.scoring.calibration import calibrate, load_items
from simulator.scoring.meaning.train import split_path
from simulator.scoring.metrics import pairwise_order, spearman

ROBUSTNESS = SHARED_SET.with_name("robustness.jsonl")


def _off_by_two(path: Path, scorer: str = "evidence") -> list[str]:
    report = calibrate(path, repo_catalog(), scorer)
    labels = {i.id: i.labels for i in load_items(path)}
    return [f"{item.id}:{c} {p}/{labels[item.id][c]}" for item in report.items for c, p in item.predicted.items()
            if p is not None and labels[item.id].get(c) is not None and abs(p - labels[item.id][c]) >= 2]


def test_robustness_set_meets_the_goal() -> None:
    """Negation, plain words, keyword lists and speech: Spearman >= 0.80 and no level off by two."""
    s = calibrate(ROBUSTNESS, repo_catalog(), "evidence").summary
    assert s.coverage == 1.0
    assert s.spearman >= 0.80, s
    assert _off_by_two(ROBUSTNESS) == []


def test_evidence_model_beats_the_keyword_scorer_on_the_robustness_set() -> None:
    meaning = calibrate(ROBUSTNESS, repo_catalog(), "evidence").summary
    signals = calibrate(ROBUSTNESS, repo_catalog(), "signals").summary
    assert meaning.spearman > signals.spearman + 0.3, (meaning, signals)


def test_robustness_kinds_written_blind_stay_above_their_floor() -> None:
    """The kinds of the robustness set in words written blind: read once at Spearman 0.895, exact 0.74, one level of 70
    off by two (a negated ownership, "The tech lead designed the pipeline and chose the model... I wasn't part of any of
    the main decisions", read 3: the other person's part read as one told apart from the candidate's)."""
    s = calibrate(ROBUST_BLIND, repo_catalog(), "evidence").summary
    assert s.coverage == 1.0 and s.spearman >= 0.80, s
    assert len(_off_by_two(ROBUST_BLIND)) <= 3, _off_by_two(ROBUST_BLIND)


def test_the_third_holdout_stays_above_its_floor() -> None:
    """45 answers in nine voices (off-topic, keyword lists, negated, plans beside done work...), written blind on
    2026-12-04 from the level guides alone and read once: Spearman 0.718, exact 0.50, within one 0.88 (README). Its
    three coding answers' correctness labels are not read from words (the scorer takes correctness from the code's
    runs), so coverage is 142 of 145."""
    s = calibrate(HOLDOUT3, repo_catalog(), "evidence").summary
    assert s.coverage >= 0.97 and s.spearman >= 0.65, s


def test_the_fourth_holdout_stays_above_its_floor() -> None:
    """12 questions of both loops, four answers each from weak to excellent (a quarter spoken, some non-native or in plain
    words), written blind on 2026-12-04 from the level guides alone and read once with evidence-2.9: Spearman 0.786,
    pairwise 0.738, exact 0.62, within one 0.958 (README)."""
    s = calibrate(HOLDOUT4, repo_catalog(), "evidence").summary
    assert s.coverage == 1.0 and s.spearman >= 0.72, s


def test_the_fifth_holdout_stays_above_its_floor() -> None:
    """40 answers over 12 kinds of round of the three loops, four in each of ten voices (off-topic, keyword lists,
    negated, plain words, speech...), written blind on 2026-12-05 after evidence-2.11 was fitted, and read once by
    both models: evidence-2.10 Spearman 0.803, exact 0.69; evidence-2.11 0.778, exact 0.64, within one 0.95 (README)."""
    s = calibrate(HOLDOUT5, repo_catalog(), "evidence").summary
    assert s.coverage == 1.0 and s.spearman >= 0.70, s


@pytest.mark.xfail(strict=True, reason="goal Spearman >= 0.90 not met: measured 0.8975 on 2026-12-06 (evidence-2.17) (README, scorer agreement)")
def test_shared_answers_meet_the_goal() -> None:
    assert calibrate(SHARED_SET, repo_catalog(), "evidence").summary.spearman >= 0.90


def test_shared_answers_and_old_holdouts_stay_above_their_floor() -> None:
    """Regression floors a little under the figures measured when the model was trained (README)."""
    for path, floor in ((SHARED_SET, 0.70), (HOLDOUT, 0.70), (HOLDOUT2, 0.70)):
        s = calibrate(path, repo_catalog(), "evidence").summary
        assert s.coverage == 1.0 and s.spearman >= floor, (path.name, s)


@pytest.mark.xfail(strict=True, reason="goal (validation Spearman >= 0.85, pairwise >= 0.90, exact >= 0.70) not met: "
                   "measured figures are in the README")
def test_validation_split_meets_the_goal() -> None:
    s = calibrate(split_path("validation"), repo_catalog(), "evidence").summary
    assert s.spearman >= 0.85 and s.pairwise_order >= 0.90 and s.exact >= 0.70, s


def test_calibrate_without_a_file_reports_the_validation_split() -> None:
    result = CliRunner().invoke(main, ["calibrate", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    ids = [json.loads(line)["id"] for line in split_path("validation").read_text().splitlines() if line.strip()]
    assert [i["id"] for i in data["items"]] == ids
    assert data["summary"]["coverage"] == 1.0


def test_calibrate_cli_json_shape() -> None:
    result = CliRunner().invoke(main, ["calibrate", str(SHARED_SET), "--scorer", "evidence", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert set(data) == {"scorer", "items", "summary"}
    assert data["scorer"] == "evidence"
    assert set(data["summary"]) == {"exact", "within1", "spearman", "pairwise_order", "coverage"}
    lines = [json.loads(line) for line in SHARED_SET.read_text().splitlines() if line.strip()]
    assert [i["id"] for i in data["items"]] == [line["id"] for line in lines]
    for item, line in zip(data["items"], lines, strict=True):
        assert set(item) == {"id", "predicted"}
        assert set(item["predicted"]) == set(line["labels"])
        assert all(v is None or v in (1, 2, 3, 4) for v in item["predicted"].values())


def test_calibrate_cli_combined_with_embedded_judge_is_the_evidence_scorer() -> None:
    """The embedded model never decides: combined == evidence levels, and litellm is not needed."""
    runner = CliRunner()
    ev = json.loads(runner.invoke(main, ["calibrate", str(SHARED_SET), "--json"]).output)
    co = runner.invoke(main, ["calibrate", str(SHARED_SET), "--scorer", "combined", "--judge-model", "embedded", "--json"])
    assert co.exit_code == 0, co.output
    assert json.loads(co.output)["items"] == ev["items"]


def test_calibrate_cli_refuses_the_embedded_model_as_sole_judge() -> None:
    result = CliRunner().invoke(main, ["calibrate", str(SHARED_SET), "--scorer", "llm", "--judge-model", "embedded"])
    assert result.exit_code == 1
    assert "embedded model cannot grade" in result.output


def test_calibrate_cli_text_output_has_summary() -> None:
    result = CliRunner().invoke(main, ["calibrate", str(HOLDOUT)])
    assert result.exit_code == 0, result.output
    assert "spearman" in result.output and "h01" in result.output


def test_metrics_known_values() -> None:
    assert spearman([1, 2, 3, 4], [1, 2, 3, 4]) == pytest.approx(1.0)
    assert spearman([1, 2, 3, 4], [4, 3, 2, 1]) == pytest.approx(-1.0)
    assert spearman([1, 2, 3], [2, 2, 2]) == 0.0
    # ties and a missing prediction count as not ordered
    assert pairwise_order({"x": [(1, 1), (2, 2), (3, 2), (4, None)]}) == pytest.approx(2 / 6)
