"""The development corpus: big and varied enough, split by story, the split fixed, and nothing of validation used to fit."""

from __future__ import annotations

import hashlib
import json
from collections import Counter

from scoring_helpers import repo_catalog
from simulator.scoring.meaning import default_model
from simulator.scoring.meaning.detectors import EVIDENCE_PATH, load_annotations, load_detectors
from simulator.scoring.meaning.model import load_weights
from simulator.scoring.meaning.train import fit, load_split, prepare, same_fit, split_path

# Changing either file changes what the README's validation figure means: update these only with a new README figure.
SPLIT_SHA256 = {
    "train": "538c1eeaf3b82f64e2ef25fd46681829c5913fd1e87ffa7d408100c86fb0aac8",
    "validation": "ac24a38d4000454a1578938d0b0df0517128808e68ca9004e9fb722da91f5607",
}
KINDS = {"written", "spoken", "whisper", "terse", "rambling", "non_native", "negated", "stuffed", "paraphrase",
         "off_topic", "read_about", "hypothetical"}


def test_the_split_is_fixed() -> None:
    for split, digest in SPLIT_SHA256.items():
        assert hashlib.sha256(split_path(split).read_bytes()).hexdigest() == digest, split


def test_train_and_validation_share_no_story() -> None:
    train, validation = load_split("train"), load_split("validation")
    assert not {i.group for i in train} & {i.group for i in validation}
    assert not {i.id for i in train} & {i.id for i in validation}
    assert not {i.answer for i in train} & {i.answer for i in validation}


def test_the_corpus_is_large_and_varied() -> None:
    items = load_split("train") + load_split("validation")
    assert len(items) >= 400
    kinds = Counter(i.kind for i in items)
    assert KINDS <= set(kinds), KINDS - set(kinds)
    catalog = repo_catalog()
    labelled = Counter(c for i in items for c in i.labels)
    assert all(c in catalog.criteria for c in labelled), set(labelled) - set(catalog.criteria)
    assert len(labelled) >= 20  # canonical and round-specific criteria
    for split in ("train", "validation"):
        assert {1, 2, 3, 4} <= {level for i in load_split(split) for level in i.labels.values()}


def test_annotated_evidence_is_of_train_answers_only_and_quotes_them() -> None:
    train = {i.id: i for i in load_split("train")}
    notes = load_annotations()
    assert len(notes) >= 1000
    for (item_id, criterion), evidence in notes.items():
        assert item_id in train, item_id
        assert criterion in train[item_id].labels, (item_id, criterion)
        for note in evidence:
            assert note.quote in train[item_id].answer, (item_id, note.quote)
            assert note.status in ("shown", "denied", "wished")
    assert EVIDENCE_PATH.read_text(encoding="utf-8").count("\n") == sum(1 for _ in notes)


def test_committed_weights_were_fitted_on_train_files_only() -> None:
    """weights.json records the sha256 of exactly the train split and its annotations: no validation bytes.

    `interview-sim train-scorer --check` refits everything and compares (about 6 CPU minutes, too long for
    every test run); the fit itself is deterministic, shown on a slice below.
    """
    weights = load_weights()
    assert weights is not None
    digest = hashlib.sha256(split_path("train").read_bytes() + EVIDENCE_PATH.read_bytes()).hexdigest()
    assert weights.trained_on == digest
    criteria = repo_catalog().criteria
    for key in load_detectors().weights:
        criterion, facet, _ = key.split("/")
        assert criterion in criteria and criteria[criterion].meaning is not None
        assert facet in {f.id for f in criteria[criterion].meaning.facets}, key


def test_a_fit_is_deterministic() -> None:
    catalog = repo_catalog()
    model = default_model()
    items = [i for i in load_split("train") if int(hashlib.sha256(i.group.encode()).hexdigest(), 16) % 8 == 0]
    rows = prepare(model, catalog, items, load_annotations())
    first, first_detectors = fit(model, rows, trained_on="slice")
    second, second_detectors = fit(model, rows, trained_on="slice")
    assert first == second
    assert same_fit(first, first_detectors, second, second_detectors, tolerance=0.0)


def test_corpus_lines_are_one_json_object_each() -> None:
    for split in ("train", "validation"):
        for line in split_path(split).read_text(encoding="utf-8").splitlines():
            assert isinstance(json.loads(line), dict)
