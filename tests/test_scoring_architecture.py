"""Architecture read in the words designs are told in: cascades, orchestration and storage, not only feature stores."""

from __future__ import annotations

from scoring_helpers import repo_catalog
from simulator.catalog import Criterion
from simulator.scoring.meaning import default_model
from simulator.scoring.meaning.model import AnswerText

QUESTION = "Design a system that screens user-uploaded images for policy violations before they are published."
DESIGN = ("Uploads land in object storage and a small classifier scores each one within the request; only the uncertain "
          "tenth goes on to a larger vision model, and whatever that flags waits in a review queue for a moderator. "
          "A Dagster job collects the moderators' decisions every night, retrains both models on Kubernetes and "
          "registers them in MLflow.")
BOX = "I'd train a good vision model on the labelled images and use it to decide."


def _criterion() -> Criterion:
    catalog = repo_catalog()
    return catalog.criterion(catalog.loops["canva-mle"], "architecture")


def _architecture(answer: str) -> tuple[int, set[str]]:
    assessment = default_model().assess(_criterion(), QUESTION, [AnswerText(answer)])
    assert assessment is not None
    return assessment.level, {f.facet.id for f in assessment.shown}


def _data_flow(answer: str) -> float:
    """The strongest data-flow reading of any clause said as done or proposed."""
    model, criterion = default_model(), _criterion()
    got, facets = model.reading(criterion, QUESTION, [AnswerText(answer)]), model.facets(criterion)
    assert got is not None and facets is not None
    return next(f.strength for f in got[0].affirmed if facets.facets[f.facet].facet.id == "data_flow")


def test_a_cascade_with_its_jobs_and_stores_shows_components_and_flow() -> None:
    """Components shown, and its nightly retraining loop read as data flow.

    The data-flow reading sits below the line a facet needs to count as shown (0.49 with the float32 fit made
    later on 2026-12-02; 0.47-0.51 with int8 fits and kernels on different CPUs; 0.37 with evidence-2.11's
    detectors, fitted on 468 more train answers), so the test holds it well above what a model box gets
    (0.05-0.08), not on any line.
    """
    level, shown = _architecture(DESIGN)
    assert "components" in shown, shown
    assert _data_flow(DESIGN) >= max(0.3, 4 * _data_flow(BOX))
    assert level >= 3


def test_a_model_box_shows_neither() -> None:
    level, shown = _architecture(BOX)
    assert not {"components", "data_flow"} & shown, shown
    assert level <= 2
