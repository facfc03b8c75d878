"""Shared helpers for the scoring tests: the repo catalog, calibration paths, tiny transcripts."""

from __future__ import annotations

from pathlib import Path

from simulator.catalog import Catalog, load_catalog
from simulator.config import PROJECT_ROOT
from simulator.engine.turns import Speaker, Turn, TurnKind

RUBRICS = PROJECT_ROOT / "rubrics"
PERSONAS = PROJECT_ROOT / "personas"
SHARED_SET = PROJECT_ROOT.parent / "shared" / "calibration" / "answers.jsonl"
HOLDOUT = Path(__file__).parent / "data" / "calibration_holdout.jsonl"
HOLDOUT2 = Path(__file__).parent / "data" / "calibration_holdout2.jsonl"
# Written blind on 2026-12-04 (twenty-third session) by a helper who read only ../shared/calibration/README.md and the
# first five lines of robustness.jsonl: 64 answers in eight kinds (negated, stuffed, paraphrase, spoken, vague, rambling,
# read-about, strong-terse), the eight canonical criteria; read once, never tuned on.
ROBUST_BLIND = Path(__file__).parent / "data" / "calibration_robust_blind.jsonl"
HOLDOUT3 = Path(__file__).parent / "data" / "calibration_holdout3.jsonl"
# Written blind on 2026-12-04 (twenty-fifth session) from the level guides alone: 12 questions, four answers each.
HOLDOUT4 = Path(__file__).parent / "data" / "calibration_holdout4.jsonl"
HOLDOUT5 = Path(__file__).parent / "data" / "calibration_holdout5.jsonl"
CANONICAL = ["impact", "ownership", "structure", "tradeoffs", "requirements", "monitoring", "rollout", "evaluation"]


def repo_catalog() -> Catalog:
    return load_catalog(RUBRICS, PERSONAS)


def qa(question: str, answer: str) -> list[Turn]:
    return [
        Turn(index=0, speaker=Speaker.INTERVIEWER, kind=TurnKind.QUESTION, text=question, t_start=0.0, t_end=3.0),
        Turn(index=1, speaker=Speaker.CANDIDATE, kind=TurnKind.ANSWER, text=answer, t_start=4.0, t_end=60.0),
    ]
