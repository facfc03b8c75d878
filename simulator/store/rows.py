"""Records to rows and back: the one place that knows how a Turn or a RoundScore sits in the tables."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from ..engine.turns import Turn
from ..scoring.models import RoundScore


def turn_row(round_row: int, turn: Turn, recorded_at: str) -> dict[str, Any]:
    return {
        "round_row": round_row,
        "idx": turn.index,
        "speaker": turn.speaker.value,
        "kind": turn.kind.value,
        "text": turn.text,
        "t_start": turn.t_start,
        "t_end": turn.t_end,
        "question_id": turn.question_id,
        "criterion": turn.criterion,
        "latency_s": turn.latency_s,
        "source": turn.source,
        "audio_path": turn.audio_path,
        "metrics_json": turn.metrics.model_dump_json() if turn.metrics else None,
        "recorded_at": recorded_at,
        "raw_text": turn.raw_text,
    }


def turn_from_row(row: Mapping[str, Any]) -> Turn:
    metrics = row["metrics_json"]
    return Turn.model_validate(
        {
            "index": row["idx"],
            "speaker": row["speaker"],
            "kind": row["kind"],
            "text": row["text"],
            "t_start": row["t_start"],
            "t_end": row["t_end"],
            "question_id": row["question_id"],
            "criterion": row["criterion"],
            "latency_s": row["latency_s"],
            "source": row["source"],
            "audio_path": row["audio_path"],
            "metrics": json.loads(metrics) if metrics else None,
            "raw_text": row["raw_text"],
        }
    )


def score_row(round_row: int, score: RoundScore, stored_at: str) -> dict[str, Any]:
    return {
        "round_row": round_row,
        "loop": score.loop,
        "round": score.round,
        "weighted": score.weighted,
        "band": score.band,
        "rationale": score.rationale,
        "scorer": score.scorer.scorer,
        "scorer_version": score.scorer.version,
        "scorer_model": score.scorer.model,
        "rubric_hash": score.scorer.rubric_hash,
        "created_at": score.created_at,
        "stored_at": stored_at,
        "score_json": score.model_dump_json(),
    }


def criterion_rows(score_id: int, score: RoundScore) -> list[dict[str, Any]]:
    """One row per criterion: the level and its evidence, queryable without parsing score_json."""
    return [
        {
            "score_id": score_id,
            "criterion": c.criterion,
            "weight": c.weight,
            "level": c.level,
            "decided_by": c.decided_by,
            "unverified": int(c.unverified),
            "missing": c.missing,
            "evidence_json": json.dumps([e.model_dump(mode="json") for e in c.evidence], ensure_ascii=False),
            "checks_json": json.dumps([k.model_dump(mode="json") for k in c.checks], ensure_ascii=False),
        }
        for c in score.criteria
    ]
