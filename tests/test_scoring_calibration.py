"""The evidence scorer agrees with reviewers: the shared set and two blind holdout sets, same thresholds."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from scoring_helpers import HOLDOUT, HOLDOUT2, SHARED_SET, repo_catalog
from simulator.cli import main
from simulator.scoring.calibration import calibrate
from simulator.scoring.metrics import pairwise_order, spearman

SETS = {"shared": SHARED_SET, "holdout": HOLDOUT, "holdout2": HOLDOUT2}


@pytest.mark.parametrize("name", sorted(SETS))
def test_evidence_scorer_meets_agreement_targets(name: str) -> None:
    report = calibrate(SETS[name], repo_catalog(), "evidence")
    s = report.summary
    assert s.coverage == 1.0
    assert s.spearman >= 0.85, s
    assert s.pairwise_order >= 0.90, s
    assert s.exact >= 0.70, s


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
