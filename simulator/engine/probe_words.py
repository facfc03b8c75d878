"""What the planner reads in a canned probe's own words before asking it."""

from __future__ import annotations

import re

ASKS_FOR_FIGURES = re.compile(r"\b(?:in numbers|how many|how much|roughly|what figures?)\b", re.IGNORECASE)
# A probe that builds on an answer already given: no way in for a candidate who has said nothing yet.
ASSUMES_AN_ANSWER = re.compile(
    r"\b(?:did|were|was|had) you\b|\b(?:what|how|when|who|which) (?:did|was|were)\b|\bwho built\b|\bso far\b|\bmaking there\b|"
    r"\byour (?:decision|choice|design|approach|answer|model|estimate|plan|solution|function|code|own part)\b|\bfelt the change\b|"
    r"\bthis (?:version|solution|function|code)\b|\bextend this\b|\b(?:that|this|it) (?:change|changed|fail|hold)\b|"
    r"\byou (?:chose|picked|considered|mentioned|said)\b",
    re.IGNORECASE,
)
# Givens of the problem: once the interviewer has told one ("about 50,000 views a second", "an empty list gives []"),
# a probe asking the candidate for it is not listening. Not the success metric: its words ("metric", "measure") are in
# every evaluation probe, which asks for the candidate's own choice.
GIVEN_TOPICS = ("scale", "latency", "input", "output")
