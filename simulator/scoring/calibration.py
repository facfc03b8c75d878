"""Calibration: score a labelled answer set and measure agreement with the reference levels.

Each item is one question and one answer (../shared/calibration/answers.jsonl
format); it becomes a two-turn transcript scored on the criteria it is labelled
with, using the project's own rubric definitions for those ids. A coding item may
carry `notice`: the sandbox's hidden-test notice exactly as the app records it
(an interviewer NOTICE turn, source "sandbox", before the code answer).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field

from ..catalog import Catalog
from ..catalog.models import Criterion
from ..engine.turns import Speaker, Turn, TurnKind
from ..sandbox.notice import NOTICE_SOURCE
from .identity import rubric_files
from .metrics import pairwise_order, spearman
from .score import ScorerName, company_values, score_transcript

if TYPE_CHECKING:
    from .judge import Judge


class CalibrationItem(BaseModel):
    model_config = ConfigDict(extra="ignore")

    id: str
    loop: str = ""
    round: str = ""
    question: str
    answer: str
    labels: dict[str, int | None]
    notice: str | None = None


class PredictedItem(BaseModel):
    id: str
    predicted: dict[str, int | None]


class CalibrationSummary(BaseModel):
    exact: float = Field(description="share of labels predicted exactly (a missing prediction is a miss)")
    within1: float
    spearman: float = Field(description="over labels with a prediction")
    pairwise_order: float
    coverage: float = Field(description="share of labels that got a prediction")


class CalibrationReport(BaseModel):
    scorer: str
    items: list[PredictedItem]
    summary: CalibrationSummary


def load_items(path: Path) -> list[CalibrationItem]:
    items = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            try:
                items.append(CalibrationItem.model_validate_json(line))
            except ValueError as exc:
                raise ValueError(f"{path}:{number}: {exc}") from exc
    return items


def item_turns(item: CalibrationItem) -> list[Turn]:
    """The transcript of an item: the question, the sandbox notice (coding items), then the answer."""
    words = len(item.question.split())
    q_end = round(words / 2.5, 1)
    turns = [Turn(index=0, speaker=Speaker.INTERVIEWER, kind=TurnKind.QUESTION, text=item.question, t_start=0.0, t_end=q_end)]
    if item.notice is not None:
        turns.append(Turn(index=1, speaker=Speaker.INTERVIEWER, kind=TurnKind.NOTICE, text=item.notice,
                          t_start=q_end, t_end=q_end, source=NOTICE_SOURCE))
    turns.append(
        Turn(
            index=len(turns),
            speaker=Speaker.CANDIDATE,
            kind=TurnKind.ANSWER,
            text=item.answer,
            t_start=q_end,
            t_end=q_end + round(len(item.answer.split()) / 2.5, 1),
        )
    )
    return turns


def _criterion(catalog: Catalog, loop_id: str, criterion_id: str) -> Criterion:
    loop = catalog.loops.get(loop_id)
    if loop is not None:
        return catalog.criterion(loop, criterion_id)
    if criterion_id not in catalog.criteria:
        raise KeyError(f"criterion {criterion_id!r} is not defined in the rubrics")
    return catalog.criteria[criterion_id]


def predict(item: CalibrationItem, catalog: Catalog, scorer: ScorerName = "evidence", judge: Judge | None = None) -> PredictedItem:
    ids = list(item.labels)
    criteria = [(_criterion(catalog, item.loop, cid), 1 / len(ids)) for cid in ids]
    score = score_transcript(
        criteria,
        item_turns(item),
        loop_id=item.loop or "calibration",
        round_id=item.round or "calibration",
        files=rubric_files(catalog.files, item.loop),
        scorer=scorer,
        judge=judge,
        values=company_values(loop) if (loop := catalog.loops.get(item.loop or "")) is not None else None,
    )
    return PredictedItem(id=item.id, predicted={r.criterion: r.level for r in score.criteria})


def summarise(items: list[CalibrationItem], predicted: list[PredictedItem]) -> CalibrationSummary:
    refs: list[int] = []
    preds: list[int | None] = []
    groups: dict[str, list[tuple[int, int | None]]] = {}
    for item, pred in zip(items, predicted, strict=True):
        for cid, ref in item.labels.items():
            if ref is None:
                continue
            p = pred.predicted.get(cid)
            refs.append(ref)
            preds.append(p)
            groups.setdefault(cid, []).append((ref, p))
    n = len(refs) or 1
    paired = [(r, p) for r, p in zip(refs, preds, strict=True) if p is not None]
    return CalibrationSummary(
        exact=round(sum(1 for r, p in paired if r == p) / n, 4),
        within1=round(sum(1 for r, p in paired if abs(r - p) <= 1) / n, 4),
        spearman=round(spearman([r for r, _ in paired], [p for _, p in paired]), 4),
        pairwise_order=round(pairwise_order(groups), 4),
        coverage=round(len(paired) / n, 4),
    )


def calibrate(path: Path, catalog: Catalog, scorer: ScorerName = "evidence", judge: Judge | None = None) -> CalibrationReport:
    items = load_items(path)
    predicted = [predict(item, catalog, scorer, judge) for item in items]
    return CalibrationReport(scorer=scorer, items=predicted, summary=summarise(items, predicted))
