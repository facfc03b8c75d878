"""The words precedent: a ridge from an answer's own words (hashed tf-idf) to the levels answers using them got."""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pytest

from simulator.catalog import load_catalog
from simulator.config import PROJECT_ROOT
from simulator.scoring.meaning import default_model
from simulator.scoring.meaning.detectors import Detectors, load_detectors
from simulator.scoring.meaning.features import FEATURES
from simulator.scoring.meaning.model import AnswerText
from simulator.scoring.meaning.train import load_split
from simulator.scoring.meaning.words_precedent import CENTRE, fit_words, word_counts
from simulator.scoring.metrics import spearman

STRONG = ["I chose to compare against the baseline", "I measured p99 at 120 ms", "we rolled back at 2% errors",
          "I owned the eval harness", "the offline metric moved 4 points against the baseline"]
WEAK = ["the team did some stuff", "it was good I think", "we kind of used a model", "it went fine overall",
        "people liked it"]


def _answer(rng: np.random.Generator, level: int) -> str:
    """Four sentences, as many strong ones as the level is high."""
    strong = rng.choice(STRONG, size=level, replace=True).tolist()
    weak = rng.choice(WEAK, size=4 - level + 1, replace=True).tolist()
    sentences = strong + weak
    rng.shuffle(sentences)
    return ". ".join(sentences) + "."


def test_answers_using_higher_labelled_words_get_a_higher_level() -> None:
    rng = np.random.default_rng(3)
    levels = rng.integers(1, 5, size=160)
    criteria = ["impact", "evaluation"] * 80
    words = fit_words([_answer(rng, int(level)) for level in levels], criteria, levels.astype(np.float64))
    held = rng.integers(1, 5, size=60)
    got = np.array([words(_answer(rng, int(level)), "impact") for level in held])
    means = [got[held == level].mean() for level in (1, 2, 3, 4)]
    assert means == sorted(means), means
    assert means[0] < 0 < means[3]  # centred on the middle of the scale


def test_figures_are_one_token_so_no_value_is_memorised() -> None:
    assert word_counts("p99 was 120 ms, 3.5% errors") == word_counts("p99 was 95 ms, 12% errors")
    assert word_counts("p99 was 120 ms") != word_counts("p99 was fast")


def test_an_answer_labelled_for_two_criteria_gets_each_its_own_level() -> None:
    """The shared weights learn what the words earn on average; each criterion's deviation what they earn there."""
    texts = ["we shipped the ranking model", "we shipped the ranking model", "nobody knows", "nobody knows"]
    words = fit_words(texts, ["impact", "ownership", "impact", "ownership"], np.array([4.0, 2.0, 1.0, 1.0]), ridge=1e-6)
    assert words("we shipped the ranking model", "impact") + CENTRE == pytest.approx(4.0, abs=0.05)
    assert words("we shipped the ranking model", "ownership") + CENTRE == pytest.approx(2.0, abs=0.05)
    assert 2.0 < words("we shipped the ranking model", "monitoring") + CENTRE < 4.0  # no labels of its own: shared only
    assert words("nobody knows", "impact") + CENTRE == pytest.approx(1.0, abs=0.05)


def test_it_reads_the_corpus_beyond_the_answers_it_was_fitted_on() -> None:
    """Fitted on half the train split's story groups, it orders the other half's labels (validation stays unseen)."""
    rows = [(item, c, level) for item in load_split("train") for c, level in item.labels.items()]
    half = [int(hashlib.sha256(item.group.encode()).hexdigest(), 16) % 2 for item, _, _ in rows]
    fit_rows = [r for r, h in zip(rows, half) if h == 0]
    held = [r for r, h in zip(rows, half) if h == 1]
    words = fit_words([item.answer for item, _, _ in fit_rows], [c for _, c, _ in fit_rows],
                      np.array([level for _, _, level in fit_rows], dtype=np.float64))
    assert spearman([level for _, _, level in held], [words(item.answer, c) for item, c, _ in held]) > 0.4


def test_no_words_model_is_neutral_and_a_saved_one_reads_the_same(tmp_path: Path) -> None:
    assert Detectors({}).words_level("we rolled back at 2% errors", "rollout") == 0.0
    texts = ["I measured p99 at 120 ms", "it went fine", "I chose the baseline", "people liked it"]
    words = fit_words(texts, ["monitoring", "monitoring", "tradeoffs", "impact"], np.array([4.0, 1.0, 4.0, 2.0]))
    path = tmp_path / "detectors.npz"
    Detectors({"impact/outcome/abc123": np.arange(5.0)}, {"impact": np.linspace(0, 1, 5)}, words).save(path)
    loaded = load_detectors(path)
    assert set(loaded.weights) == {"impact/outcome/abc123"} and set(loaded.precedents) == {"impact"}
    for text in texts + ["an answer with no word it saw", ""]:
        for criterion_id in ("monitoring", "tradeoffs", "ownership"):
            assert abs(loaded.words_level(text, criterion_id) - words(text, criterion_id)) < 1e-4


def test_the_model_reads_the_answers_words_as_the_words_feature() -> None:
    """The feature the ordinal model weighs is the fitted words precedent of the turns' text (a local of the same name
    in features.read once shadowed it with the answer's word count)."""
    catalog = load_catalog(PROJECT_ROOT / "rubrics", PROJECT_ROOT / "personas")
    monitoring = catalog.criterion(catalog.loop("canva-mle"), "monitoring")
    model = default_model()
    turns = [AnswerText("We alerted on p99 latency and on drift of the score distribution.", 0),
             AnswerText("I rolled it back once, at 2% errors.", 1)]
    got = model.reading(monitoring, "How would you monitor it?", turns)
    assert got is not None and model.detectors.words is not None
    expected = model.detectors.words_level("\n".join(t.text for t in turns), "monitoring")
    assert got[0].features[FEATURES.index("words")] == pytest.approx(expected) != 0.0
