"""Assumptions are visible: a value no seed gives says `written` in the rubric, and `rubric validate` checks the marks.

Issue 15: every round length, interviewer title and answer-length guide of the
repo's loops names where it comes from (a source of the loop, or `written`), and
every derived round is written. The validator rejects a mark that names no source
of the loop, at its line.
"""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from simulator.catalog import load_catalog
from simulator.catalog.models import WRITTEN
from simulator.cli import main
from test_catalog_validation import LOOP, CatalogDirs, assert_problems, cat, isolated_config, validate  # noqa: F401

REPO = Path(__file__).resolve().parents[1]
MARKED = ("round", "minutes", "persona", "answer_guidance_s")


def insert_after(text: str, line: int, old: str, new: str) -> str:
    lines = text.split("\n")
    assert lines[line - 1] == old, f"fixture line {line} is {lines[line - 1]!r}"
    lines.insert(line, new)
    return "\n".join(lines)


def test_a_provenance_naming_an_unknown_source_is_located(cat: CatalogDirs) -> None:
    cat.loop.write_text(insert_after(LOOP, 31, "    minutes: 30", "    provenance: {minutes: blog, persona: written}"))
    assert_problems(
        validate(cat), [f"{cat.loop}:32: rounds.0.provenance.minutes: unknown source 'blog'; sources: guide, written"]
    )


def test_a_stage_source_naming_an_unknown_source_is_located(cat: CatalogDirs) -> None:
    cat.loop.write_text(insert_after(LOOP, 11, "    title: Initial Screen", "    source: rumour"))
    assert_problems(validate(cat), [f"{cat.loop}:12: stages.0.source: unknown source 'rumour'; sources: guide, written"])


def test_a_misspelt_provenance_field_is_an_unknown_key(cat: CatalogDirs) -> None:
    cat.loop.write_text(insert_after(LOOP, 31, "    minutes: 30", "    provenance: {minute: written}"))
    assert_problems(validate(cat), [f"{cat.loop}:32: rounds.0.provenance.minute: unknown key"])


def test_written_marks_validate_and_read_as_assumed(cat: CatalogDirs) -> None:
    cat.loop.write_text(insert_after(LOOP, 31, "    minutes: 30", "    provenance: {round: guide, minutes: written}"))
    result = validate(cat)
    assert result.exit_code == 0, result.output
    loop = load_catalog(cat.rubrics, cat.personas).loop("acme-mle")
    first, second = loop.rounds
    assert loop.assumed(first, "minutes") and not loop.assumed(first, "round") and not loop.assumed(first, "persona")
    assert not any(loop.assumed(second, name) for name in MARKED)  # nothing said: no claim either way


def test_every_round_of_the_repo_loops_says_where_its_values_come_from() -> None:
    catalog = load_catalog(REPO / "rubrics", REPO / "personas")
    unmarked = [
        f"{loop.id}/{rnd.id}: {name}"
        for loop in catalog.loops.values()
        for rnd in loop.rounds
        for name in MARKED
        if getattr(rnd.provenance, name) is None
    ]
    assert unmarked == []
    stages = [f"{loop.id}/{s.id}" for loop in catalog.loops.values() for s in loop.stages if s.source is None]
    assert stages == []


def test_the_seed_gaps_are_marked_written() -> None:
    """Shopify's guide gives no round lengths; the Canva EM loop is derived; Canva gives 45-60 min rounds."""
    catalog = load_catalog(REPO / "rubrics", REPO / "personas")
    shopify = catalog.loop("shopify-mle")
    assert all(shopify.assumed(r, "minutes") for r in shopify.rounds)
    em = catalog.loop("canva-em-recsys")
    assert all(em.assumed(r, name) for r in em.rounds for name in MARKED)
    canva = catalog.loop("canva-mle")
    sourced = [r.id for r in canva.rounds if not canva.assumed(r, "minutes")]
    assert sourced and all(45 <= canva.round(r).minutes <= 60 for r in sourced)
    assert canva.round("recruiter-screen").provenance.minutes == WRITTEN


def test_shopify_behavioral_answers_follow_the_seeds_90_seconds() -> None:
    """Seed 003: "Keep each answer under 90 seconds" (it used to be 50-120 s, written)."""
    rnd = load_catalog(REPO / "rubrics", REPO / "personas").loop("shopify-mle").round("behavioral")
    assert rnd.answer_guidance_s[1] == 90
    assert rnd.provenance.answer_guidance_s == "shopify-guide"


def test_loops_table_marks_assumed_values_and_json_keeps_its_shape() -> None:
    runner = CliRunner()
    table = runner.invoke(main, ["loops"], env={"COLUMNS": "200", "INTERVIEW_SIM_CONFIG": "/dev/null"})
    assert table.exit_code == 0, table.output
    assert "30 (assumed)" in table.stdout and "Recruiter Screen (assumed)" in table.stdout
    data = runner.invoke(main, ["loops", "--json"], env={"INTERVIEW_SIM_CONFIG": "/dev/null"})
    assert "assumed" not in data.stdout
