"""Which scorer decides a level, and the report saying so.

- scorer "llm": the judge decides; the evidence scorer's checks stay attached so
  the report still shows what the rubric's indicators found.
- scorer "combined": a real judge decides where its level is verified; where it
  is unverified or absent, the evidence scorer decides. With the embedded tiny
  model as the judge the evidence scorer always decides (measured: that model
  gives 4 to weak and strong answers alike).
- a criterion whose ladder reads the recorded hidden-test runs (`hidden_tests`)
  is always the evidence scorer's: a judge reading the candidate's words could
  be talked into "all tests pass".
"""

from __future__ import annotations

from ..catalog.models import Criterion
from .judge import Judge
from .models import CriterionResult
from .transcript import Exchange

TESTS_NOTE = "decided by the recorded hidden-test results, not by the judge"
EMBEDDED_NOTE = "judge is the embedded model, which cannot tell weak from strong answers; the evidence scorer decided"


def combine(
    criteria: list[tuple[Criterion, float]],
    exchanges: list[Exchange],
    evidence: list[CriterionResult],
    judge: Judge,
    *,
    judge_only: bool,
) -> list[CriterionResult]:
    if judge.is_embedded:
        if judge_only:
            raise ValueError("the embedded model cannot grade (it gives every answer a 4); use the evidence or combined scorer")
        return [r.model_copy(update={"note": _join(r.note, EMBEDDED_NOTE)}) for r in evidence]
    out: list[CriterionResult] = []
    for (criterion, _), base in zip(criteria, evidence, strict=True):
        if criterion.scoring is not None and criterion.scoring.hidden_tests is not None:
            out.append(base.model_copy(update={"note": _join(base.note, TESTS_NOTE)}))
            continue
        probing = [e for e in exchanges if e.addresses(criterion.id) and e.answered]
        if not probing:
            out.append(base)
            continue
        verdict = judge.judge(criterion, probing)
        judged = base.model_copy(
            update={
                "level": verdict.level,
                "evidence": verdict.evidence,
                "missing": verdict.missing or base.missing,
                "decided_by": "llm",
                "unverified": verdict.unverified,
                "note": _join(verdict.note, f"evidence scorer said {base.level}"),
            }
        )
        if judge_only or (verdict.level is not None and not verdict.unverified):
            out.append(judged)
        else:
            why = "judge gave no level" if verdict.level is None else "judge's quotes did not verify"
            out.append(base.model_copy(update={"note": _join(base.note, f"{why} ({verdict.note or 'no note'}); evidence scorer decided")}))
    return out


def _join(*parts: str) -> str:
    return "; ".join(p for p in parts if p)
