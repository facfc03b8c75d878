"""Openings and closings greet a named candidate by name, and an unnamed one without the placeholder."""

from __future__ import annotations

import re

import pytest

from simulator.catalog import load_catalog
from simulator.config import PROJECT_ROOT, UNNAMED_CANDIDATE, Settings
from simulator.interview.persona_lines import named, render_line


def test_the_config_default_is_the_unnamed_placeholder() -> None:
    assert Settings().interview.candidate == UNNAMED_CANDIDATE and not named(UNNAMED_CANDIDATE)
    assert not named("  ") and not named("Candidate") and named("Alex")


@pytest.mark.parametrize(
    ("line", "unnamed", "as_alex"),
    [
        ("Hi {{ candidate }}, I'm Ines.", "Hi, I'm Ines.", "Hi Alex, I'm Ines."),
        ("We're at time, {{ candidate }}. Thanks.", "We're at time. Thanks.", "We're at time, Alex. Thanks."),
        ("That's time. Thanks {{ candidate }}, I enjoyed it.", "That's time. Thanks, I enjoyed it.",
         "That's time. Thanks Alex, I enjoyed it."),
        ("Welcome to the {{ round }} at {{ company }}.", "Welcome to the Coding at Canva.", "Welcome to the Coding at Canva."),
    ],
)  # fmt: skip
def test_a_line_with_and_without_a_name(line: str, unnamed: str, as_alex: str) -> None:
    assert render_line(line, candidate=UNNAMED_CANDIDATE, round_title="Coding", company="Canva") == unnamed
    assert render_line(line, candidate="", round_title="Coding", company="Canva") == unnamed
    assert render_line(line, candidate=" Alex ", round_title="Coding", company="Canva") == as_alex


def test_every_persona_line_reads_well_unnamed() -> None:
    """No placeholder said as a name, and no comma or space left dangling where the name was."""
    catalog = load_catalog(PROJECT_ROOT / "rubrics", PROJECT_ROOT / "personas")
    lines = [getattr(p, key) for p in catalog.personas.values() for key in ("opening", "closing")]
    assert len(lines) >= 20
    for line in lines:
        said = render_line(line, candidate=UNNAMED_CANDIDATE, round_title="System Design", company="Shopify")
        assert "candidate" not in said.lower() and "\x00" not in said, said
        assert not re.search(r"\s[,.!?]|,[.!?]|\s{2}|^\W", said), said
        assert "Alex" in render_line(line, candidate="Alex", round_title="System Design", company="Shopify"), line
