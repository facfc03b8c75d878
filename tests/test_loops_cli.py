"""`interview-sim loops --json` on the repo's own rubrics: the documented loops, rounds and order.

The round order and stages come from the company guides (issue 2); a rubric
edit that drops, renames or reorders a round must fail here, since practice
sessions and reports follow this order.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from simulator.catalog import load_catalog
from simulator.cli import main

REPO = Path(__file__).resolve().parents[1]

CANVA_ROUNDS = ["recruiter-screen", "hiring-manager", "take-home", "ml-modeling", "system-design", "behavioral"]
CANVA_STAGES = [
    "Initial Screen",
    "Initial Screen",
    "Technical Assessment",
    "Technical Assessment",
    "Onsite",
    "Onsite",
]
SHOPIFY_TITLES = [
    "Recruiter Screen",
    "Coding & Algorithms",
    "Machine Learning & Modeling",
    "System Design",
    "Behavioral",
    "Case Study",
    "Hiring Manager Screen",
]
# The recruiter screen's stage is not named in the guide, so only the others are checked.
SHOPIFY_STAGES = [None, "Technical Assessment", "Technical Assessment", "Onsite", "Onsite", "Onsite", "Onsite"]


@pytest.fixture(autouse=True)
def repo_catalog(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The repo's rubrics/ and personas/, whatever the machine's config or INTERVIEW_SIM_* says."""
    for name in list(os.environ):
        if name.upper().startswith("INTERVIEW_SIM_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("INTERVIEW_SIM_CONFIG", os.devnull)  # no config file, on purpose


def loops_json() -> dict[str, Any]:
    result = CliRunner().invoke(main, ["loops", "--json"])
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def loop_by_id(data: dict[str, Any], loop_id: str) -> dict[str, Any]:
    loops = {loop["id"]: loop for loop in data["loops"]}
    assert loop_id in loops, f"no loop {loop_id!r}; loops: {sorted(loops)}"
    return loops[loop_id]


def stage_titles(loop_id: str, stage_ids: list[str]) -> list[str]:
    """The JSON names stages by id; their titles live in the loop file."""
    loop = load_catalog(REPO / "rubrics", REPO / "personas").loop(loop_id)
    titles = {stage.id: stage.title for stage in loop.stages}
    return [titles[s] for s in stage_ids]


def test_json_shape() -> None:
    data = loops_json()
    assert list(data) == ["loops"]
    assert data["loops"], "no loop at all in rubrics/"
    for loop in data["loops"]:
        assert list(loop) == ["id", "company", "role", "rounds"]
        assert all(isinstance(loop[k], str) and loop[k] for k in ("id", "company", "role"))
        assert loop["rounds"]
        for rnd in loop["rounds"]:
            assert list(rnd) == ["id", "title", "stage", "minutes", "questions"]
            assert all(isinstance(rnd[k], str) and rnd[k] for k in ("id", "title", "stage"))
            assert isinstance(rnd["minutes"], int) and rnd["minutes"] > 0
            assert isinstance(rnd["questions"], int) and rnd["questions"] >= 1


def test_canva_mle_has_its_six_rounds_in_order() -> None:
    loop = loop_by_id(loops_json(), "canva-mle")
    assert loop["company"] == "Canva"
    assert [r["id"] for r in loop["rounds"]] == CANVA_ROUNDS
    assert stage_titles("canva-mle", [r["stage"] for r in loop["rounds"]]) == CANVA_STAGES


def test_shopify_mle_has_its_seven_rounds_in_order() -> None:
    loop = loop_by_id(loops_json(), "shopify-mle")
    assert loop["company"] == "Shopify"
    assert [r["title"] for r in loop["rounds"]] == SHOPIFY_TITLES
    stages = stage_titles("shopify-mle", [r["stage"] for r in loop["rounds"]])
    assert [s if expected else None for s, expected in zip(stages, SHOPIFY_STAGES, strict=True)] == SHOPIFY_STAGES


def test_canva_em_recsys_is_marked_derived_with_a_reason() -> None:
    loop_by_id(loops_json(), "canva-em-recsys")
    loop = load_catalog(REPO / "rubrics", REPO / "personas").loop("canva-em-recsys")
    assert loop.derived is True
    assert loop.derived_reason and loop.derived_reason.strip()


def test_table_output_lists_the_same_loops() -> None:
    result = CliRunner().invoke(main, ["loops"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    loops = loops_json()["loops"]
    assert loops, "no loop at all in rubrics/"
    for loop in loops:
        assert loop["id"] in result.stdout
