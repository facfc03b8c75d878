"""The loops say what the seeds say (issue 15): infra questions where seed 000 puts them, the Canva EM loop's focus.

Each question added for a seed passage is checked against that passage in
../shared/seeds, so a question that cites the seed is backed by it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.catalog import load_catalog

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "seeds"
CANVA_GUIDE = SEEDS / "000_02e67cf684e273e8.txt"

# (round, question id) -> the seed 000 passage it is grounded in.
INFRA_QUESTIONS = {
    ("hiring-manager", "hm-flaky-ci-job"): "debugged a flaky CI job",
    ("hiring-manager", "hm-owned-deploy-pipeline"): "never owned a deploy pipeline",
    ("ml-modeling", "ml-flaky-eval-in-ci"): "debugging flaky eval jobs in CI",
    ("system-design", "sd-retraining-pipeline"): "CI/CD for model retraining",
    ("system-design", "sd-retraining-ci-cd"): "CI/CD for model retraining",
    ("system-design", "sd-dockerize-serving"): "Dockerizing a serving layer",
    ("system-design", "sd-serving-integration-tests"): "writing integration tests",
    ("system-design", "sd-rollback-background-remover"): "roll back a broken segmentation model on Background Remover",
}


@pytest.fixture(scope="module")
def catalog():  # type: ignore[no-untyped-def]
    return load_catalog(REPO / "rubrics", REPO / "personas")


def seed_text(path: Path) -> str:
    if not path.is_file():
        pytest.skip(f"seed {path} is not beside the checkout")
    return " ".join(path.read_text(encoding="utf-8").split())


@pytest.mark.parametrize(("round_id", "question_id"), sorted(INFRA_QUESTIONS))
def test_canva_infra_questions_sit_where_seed_000_puts_them(catalog, round_id: str, question_id: str) -> None:  # type: ignore[no-untyped-def]
    question = next((q for q in catalog.loop("canva-mle").round(round_id).questions if q.id == question_id), None)
    assert question is not None, f"{round_id} has no question {question_id}"
    assert question.source == "canva-guide"
    assert INFRA_QUESTIONS[(round_id, question_id)] in seed_text(CANVA_GUIDE)
