"""A facet that `needs` others: telling one's own part apart from the team's needs an own part (evidence-2.9)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from simulator.catalog import CatalogError, load_catalog
from simulator.config import PROJECT_ROOT
from simulator.scoring.meaning import default_model
from simulator.scoring.meaning.model import SHOWN, AnswerText

QUESTION = "Tell me about a decision you personally made on that project."
SOMEONE_ELSE = "The tech lead designed the pipeline and chose the model"


def _strengths(answer: str) -> dict[str, float]:
    catalog = load_catalog(PROJECT_ROOT / "rubrics", PROJECT_ROOT / "personas")
    ownership = catalog.criterion(catalog.loop("canva-mle"), "ownership")
    assessment = default_model().assess(ownership, QUESTION, [AnswerText(answer)])
    assert assessment is not None
    return {f.facet.id: f.strength for f in [*assessment.shown, *assessment.nearest]}


def test_someone_elses_part_alone_tells_no_own_part_apart() -> None:
    """Before evidence-2.9 the tech lead's clause alone read own_vs_team 0.62: shown, a level-4 facet."""
    read = _strengths(f"{SOMEONE_ELSE}, and I joined after launch, so I wasn't part of any of the main decisions.")
    own_parts = max(read["hedged_role"], read["personal_action"], read["personal_decision"])
    assert read["own_vs_team"] < SHOWN and read["own_vs_team"] <= own_parts, read


def test_beside_a_concrete_own_part_it_counts() -> None:
    read = _strengths(f"{SOMEONE_ELSE}, and I built the evaluation harness myself.")
    assert read["personal_action"] >= SHOWN and read["own_vs_team"] >= SHOWN, read


def test_rubric_validate_names_a_needed_facet_the_criterion_lacks(tmp_path: Path) -> None:
    rubrics = tmp_path / "rubrics"
    shutil.copytree(PROJECT_ROOT / "rubrics", rubrics)
    criteria = rubrics / "criteria.yaml"
    text = criteria.read_text(encoding="utf-8")
    assert text.count("needs: [hedged_role, personal_action, personal_decision]") == 1
    criteria.write_text(text.replace("needs: [hedged_role, personal_action, personal_decision]", "needs: [personal_actoin]"))
    with pytest.raises(CatalogError) as caught:
        load_catalog(rubrics, PROJECT_ROOT / "personas")
    message = str(caught.value)
    assert "criteria.yaml:" in message and "personal_actoin" in message and "personal_action" in message, message
