"""Scoring is driven by the rubric YAML: editing a facet (evidence model) or a signal (signals scorer) changes
scores with no code change."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from scoring_helpers import PERSONAS, RUBRICS, SHARED_SET, qa
from simulator.catalog import load_catalog
from simulator.scoring.calibration import calibrate, load_items
from simulator.scoring.score import score_round, score_transcript

D01 = next(i for i in load_items(SHARED_SET) if i.id == "d01")


def _copy(tmp_path: Path) -> Path:
    dest = tmp_path / "rubrics"
    shutil.copytree(RUBRICS, dest)
    return dest


def _impact(rubrics: Path, answer: str = D01.answer, scorer: str = "signals") -> int | None:
    catalog = load_catalog(rubrics, PERSONAS)
    score = score_transcript([(catalog.criteria["impact"], 1.0)], qa(D01.question, answer), loop_id="x", round_id="y",
                             files=catalog.files, scorer=scorer)  # type: ignore[arg-type]
    return score.criteria[0].level


def _remove_signal(path: Path, criterion: str, signal: str) -> None:
    """Drop `signal` from `criterion` in a rubric file, and from every scoring.requires group naming it."""
    doc = yaml.safe_load(path.read_text())
    crit = next(c for c in doc["criteria"] if c["id"] == criterion)
    crit["signals"] = [s for s in crit["signals"] if s["id"] != signal]
    requires = crit.get("scoring", {}).get("requires", {})
    for level, groups in list(requires.items()):
        kept = ["|".join(n for n in g.split("|") if n != signal) for g in groups]
        requires[level] = [g for g in kept if g]
    path.write_text(yaml.safe_dump(doc, sort_keys=False, allow_unicode=True))


def test_removing_signals_lowers_the_level(tmp_path: Path) -> None:
    rubrics = _copy(tmp_path)
    assert _impact(rubrics) == 4
    _remove_signal(rubrics / "criteria.yaml", "impact", "measurement")
    assert _impact(rubrics) == 4  # the gate went with the signal: level 4 now rests on the comparison alone
    _remove_signal(rubrics / "criteria.yaml", "impact", "comparison")
    _remove_signal(rubrics / "criteria.yaml", "impact", "quantified_change")
    _remove_signal(rubrics / "criteria.yaml", "impact", "quantified_outcome")
    assert _impact(rubrics) == 2  # only the plain result claim is left to find


def test_raising_a_threshold_and_adding_a_signal_change_scores(tmp_path: Path) -> None:
    rubrics = _copy(tmp_path)
    crit = rubrics / "criteria.yaml"
    base = crit.read_text()
    weak = "We shipped a new model and people loved it."
    assert _impact(rubrics, weak) == 1  # "loved" is no result word in the shipped rubric

    added = base.replace(
        "      - id: quantified_change\n",
        "      - id: praise\n        description: users liked it\n        patterns: ['\\bloved\\b']\n      - id: quantified_change\n",
        1,
    ).replace("        2: [result_claim|quantified_change|quantified_outcome]", "        2: [result_claim|quantified_change|quantified_outcome|praise]", 1)
    crit.write_text(added)
    assert _impact(rubrics, weak) == 2

    stricter = base.replace("      thresholds: {2: 1, 3: 2, 4: 3}\n      requires:\n        2: [result_claim",
                            "      thresholds: {2: 1, 3: 2, 4: 9}\n      requires:\n        2: [result_claim", 1)
    assert stricter != base
    crit.write_text(stricter)
    assert _impact(rubrics) == 3


def test_calibration_and_rubric_hash_follow_the_yaml(tmp_path: Path) -> None:
    rubrics = _copy(tmp_path)
    before = calibrate(SHARED_SET, load_catalog(rubrics, PERSONAS), "signals")
    _remove_signal(rubrics / "criteria.yaml", "ownership", "personal_action")
    after = calibrate(SHARED_SET, load_catalog(rubrics, PERSONAS), "signals")
    assert after.summary.exact < before.summary.exact
    assert [i.predicted for i in after.items] != [i.predicted for i in before.items]


def test_rubric_hash_changes_with_the_rubric_file(tmp_path: Path) -> None:
    rubrics = _copy(tmp_path)
    catalog = load_catalog(rubrics, PERSONAS)
    loop = next(iter(catalog.loops.values()))
    rnd = loop.rounds[0]
    turns = qa(rnd.questions[0].text, "I built it.")
    first = score_round(loop, rnd, turns, catalog).scorer.rubric_hash
    (rubrics / "criteria.yaml").write_text((rubrics / "criteria.yaml").read_text() + "\n# tuned\n")
    catalog2 = load_catalog(rubrics, PERSONAS)
    second = score_round(loop.id, rnd.id, turns, catalog2).scorer.rubric_hash
    assert first != second and len(second) == 64


def _facets(path: Path, criterion: str) -> tuple[dict, list[dict]]:
    doc = yaml.safe_load(path.read_text())
    crit = next(c for c in doc["criteria"] if c["id"] == criterion)
    return doc, crit["meaning"]["facets"]


def test_rewriting_the_top_facets_lowers_the_evidence_level(tmp_path: Path) -> None:
    rubrics = _copy(tmp_path)
    assert _impact(rubrics, scorer="evidence") == 4
    doc, facets = _facets(rubrics / "criteria.yaml", "impact")
    for facet in facets:
        if facet["level"] == 4:
            facet["examples"] = ["We celebrated the launch with cake at the office party.",
                                 "The office plants were watered every Friday.", "Lunch was pizza on most days."]
            facet.pop("cues", None)
    (rubrics / "criteria.yaml").write_text(yaml.safe_dump(doc, sort_keys=False, allow_unicode=True))
    level = _impact(rubrics, scorer="evidence")
    assert level is not None and level < 4


def test_a_new_example_in_yaml_is_read_at_once(tmp_path: Path) -> None:
    """A team's rewritten facet takes over from its trained detector until train-scorer runs again."""
    rubrics = _copy(tmp_path)
    odd = "Ops tickets about the thing fell from thirty a week to four a week once it shipped."
    doc, facets = _facets(rubrics / "criteria.yaml", "impact")
    before = _impact(rubrics, odd, scorer="evidence")
    for facet in facets:
        if facet["level"] >= 3:
            facet["examples"] = [odd, "Pager alerts about it fell from twenty a night to two a night.",
                                 "Support emails about the feature went from fifty a day to five a day."]
    (rubrics / "criteria.yaml").write_text(yaml.safe_dump(doc, sort_keys=False, allow_unicode=True))
    after = _impact(rubrics, odd, scorer="evidence")
    assert before is not None and after is not None and after > before
