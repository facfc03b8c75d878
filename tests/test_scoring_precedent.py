"""The precedent feature: an answer-level ridge from the answer's vector to the levels answers like it were given."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from simulator.scoring.meaning.detectors import Detectors, load_detectors
from simulator.scoring.meaning.precedent import CENTRE, answer_vector, fit_precedent, precedent


def _answers(rng: np.random.Generator, n: int) -> tuple[list[np.ndarray], np.ndarray]:
    """Answers of 3-6 clause vectors whose level grows with how far they lean along one direction."""
    direction = np.zeros(16)
    direction[0] = 1.0
    levels = rng.integers(1, 5, size=n)
    answers = []
    for level in levels:
        clauses = rng.normal(size=(int(rng.integers(3, 7)), 16)) * 0.3 + direction * (level - CENTRE)
        answers.append(clauses / np.linalg.norm(clauses, axis=1, keepdims=True))
    return answers, levels.astype(np.float64)


def test_answers_like_higher_labelled_ones_get_a_higher_precedent() -> None:
    rng = np.random.default_rng(7)
    train, levels = _answers(rng, 200)
    weights = fit_precedent(np.array([answer_vector(a) for a in train]), levels)
    held, held_levels = _answers(rng, 80)
    got = np.array([precedent(weights, a) for a in held])
    means = [got[held_levels == level].mean() for level in (1, 2, 3, 4)]
    assert means == sorted(means), means
    assert means[0] < 0 < means[3]  # centred on the middle of the scale


def test_no_precedent_and_no_clauses_are_neutral() -> None:
    assert precedent(None, np.ones((3, 16))) == 0.0
    assert precedent(np.ones(17), np.zeros((0, 16))) == 0.0


def test_precedents_are_saved_beside_the_detectors_and_read_back_apart(tmp_path: Path) -> None:
    detectors = Detectors({"impact/outcome/abc123": np.arange(5.0)}, {"impact": np.linspace(0, 1, 5)})
    path = tmp_path / "detectors.npz"
    detectors.save(path)
    loaded = load_detectors(path)
    assert set(loaded.weights) == {"impact/outcome/abc123"} and set(loaded.precedents) == {"impact"}
    assert np.allclose(loaded.precedents["impact"], np.linspace(0, 1, 5), atol=1e-5)
