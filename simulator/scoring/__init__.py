"""Rubric scoring: evidence-locked, explainable per-criterion levels (issue 5).

Entry points:
- `score_round(loop, round, turns, catalog, scorer=..., judge=...)` -> RoundScore (pure; score.py)
- `summarise_loop(loop_id, scores)` -> LoopSummary (verdict.py)
- `calibrate(path, catalog, scorer)` -> CalibrationReport (calibration.py)
- `run_scoring_bench(repeats)` -> BenchResult (simulator/bench/scoring.py)

Modules: text (sentences, subjects, normalisation), injection (grader-addressed
text masking), transcript (turns -> exchanges), signals (rubric signal matching),
ladder (points -> level), evidence (the evidence scorer), judge (LLM judge via
litellm), combined (which scorer decides), verdict (band, red flags, loop
summary), identity (rubric hash), metrics and calibration.
"""

from .models import CriterionResult, Evidence, LoopSummary, RoundScore, ScorerIdentity
from .score import score_round, score_transcript
from .verdict import summarise_loop

__all__ = [
    "CriterionResult",
    "Evidence",
    "LoopSummary",
    "RoundScore",
    "ScorerIdentity",
    "score_round",
    "score_transcript",
    "summarise_loop",
]
