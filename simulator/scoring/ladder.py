"""From signal counts to a level: the rubric's LevelRule applied, with what was missing.

Kept apart from matching so the rule (thresholds plus required signal groups) can
be read and tested on its own.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..catalog.models import Criterion, LevelRule

DEFAULT_RULE = LevelRule()


@dataclass(frozen=True)
class LadderResult:
    level: int
    points: float
    missing: str


def rule_of(criterion: Criterion) -> LevelRule:
    return criterion.scoring or DEFAULT_RULE


def _group_ok(group: str, passed: set[str]) -> bool:
    return any(name.strip() in passed for name in group.split("|"))


def unmet(rule: LevelRule, level: int, passed: set[str]) -> list[str]:
    """Required signal groups of levels 2..`level` that none of the `passed` signals satisfies."""
    return [g for lvl in range(2, level + 1) for g in rule.requires.get(lvl, []) if not _group_ok(g, passed)]


def climb(criterion: Criterion, counts: dict[str, int]) -> LadderResult:
    """The highest level whose points threshold is met and whose required groups all passed."""
    rule = rule_of(criterion)
    points = sum(counts.get(s.id, 0) * s.points for s in criterion.signals)
    passed = {sid for sid, n in counts.items() if n > 0}
    level = 1
    for candidate in (2, 3, 4):
        if points + 1e-9 >= rule.thresholds[candidate] and not unmet(rule, candidate, passed):
            level = candidate
        else:
            break
    return LadderResult(level=level, points=points, missing=_missing(criterion, rule, level, points, passed))


# The guide's steps are written as checklist items, some as nouns ("a baseline to beat"), some as verbs ("compares
# options with a reason"); "show compares options" read wrong (played, 2026-12-03), a list after this reads right.
NOT_YET_HEARD = ", not yet heard: "


def _missing(criterion: Criterion, rule: LevelRule, level: int, points: float, passed: set[str]) -> str:
    if level >= 4:
        return ""
    target = level + 1
    described = {s.id: s.description for s in criterion.signals}
    needs = [" or ".join(described.get(n.strip(), n.strip()) for n in g.split("|")) for g in unmet(rule, target, passed)]
    text = f"For level {target} ({criterion.levels[target]})"
    if needs:
        text += NOT_YET_HEARD + "; ".join(needs)
    shortfall = rule.thresholds[target] - points
    if shortfall > 1e-9:
        text += f"{'; and' if needs else ':'} more of the evidence above ({points:g} of {rule.thresholds[target]:g} points)"
    return text + "."
