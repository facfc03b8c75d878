"""The development corpus: big and varied enough, split by story, the split fixed, and nothing of validation used to fit."""

from __future__ import annotations

import hashlib
import json
from collections import Counter

from click.testing import CliRunner

from scoring_helpers import repo_catalog
from simulator.cli import main
from simulator.scoring.meaning.detectors import EVIDENCE_PATH, load_annotations
from simulator.scoring.meaning.train import load_split, split_path

# Changing either file changes what the README's validation figure means: update these only with a new README figure.
SPLIT_SHA256 = {
    "train": "052eb22e2e45e789730d1f60e4f5668f03e39ff47819febf418e1104de756b88",
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


def test_committed_weights_are_what_the_train_split_gives() -> None:
    """No hand edits and no validation data: a fresh fit on the train split reproduces weights.json and detectors.npz."""
    result = CliRunner().invoke(main, ["train-scorer", "--check"])
    assert result.exit_code == 0, result.output
    assert "match a fresh fit" in result.output


def test_corpus_lines_are_one_json_object_each() -> None:
    for split in ("train", "validation"):
        for line in split_path(split).read_text(encoding="utf-8").splitlines():
            assert isinstance(json.loads(line), dict)
