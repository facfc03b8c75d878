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


# --- the Canva EM loop: recommendations in ML depth, a manager of managers for people management ---

POSTING = SEEDS / "001_d81d91aa9e7ba37a.txt"
# The recommender systems the posting lists, and words that name each in a question.
GROUP_SYSTEMS = {
    "Recommending Canva templates": ("template",),
    "Magic Recommendations": ("magic recommendations",),
    "Design-aware recommendations": ("design-aware",),
    "Recommendations for Canva Creators": ("creators",),
    "Recommendations for Fonts": ("font",),
}


def test_em_ml_depth_round_is_about_the_groups_recommenders(catalog) -> None:  # type: ignore[no-untyped-def]
    posting = seed_text(POSTING)
    rnd = catalog.loop("canva-em-recsys").round("ml-depth")
    texts = [q.text.lower() for q in rnd.questions]
    for system, words in GROUP_SYSTEMS.items():
        assert system in posting
        assert any(w in t for t in texts for w in words), f"no ML-depth question on {system}"
    about_recs = [t for t in texts if any(w in t for words in GROUP_SYSTEMS.values() for w in words) or "recommend" in t or "ranker" in t]
    assert len(about_recs) >= 0.75 * len(texts), f"{len(about_recs)} of {len(texts)} questions on recommenders"
    persona = catalog.personas[rnd.persona]
    assert "Recommendations" in persona.role and "recommend" in rnd.assesses.lower()


def test_em_people_management_has_a_manager_of_managers(catalog) -> None:  # type: ignore[no-untyped-def]
    rnd = catalog.loop("canva-em-recsys").round("people-management")
    persona = catalog.personas[rnd.persona]
    assert rnd.persona != "hiring-manager"
    assert "managers" in persona.role and "past projects" not in persona.opening
