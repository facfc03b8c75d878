"""Scoring a round: the pure functions the engine, the store and the CLI call.

`score_round(loop, round, turns, catalog)` reads only its arguments (no I/O
besides hashing the rubric files it was given) and returns a RoundScore, so
`rescore` is just calling it again with the current catalog.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from ..catalog import Catalog
from ..catalog.models import Criterion, Loop, Round
from ..engine.turns import Turn
from .evidence import SIGNALS_VERSION
from .evidence import VERSION as EVIDENCE_VERSION
from .evidence import CompanyValues, score_criterion
from .identity import rubric_files, rubric_hash
from .meaning.agreement import load_agreement
from .models import CriterionResult, Evidence, RoundScore, ScorerIdentity
from .transcript import Exchange, exchanges
from .verdict import answered_share, band_of, find_red_flags, rationale, weighted_mean

if TYPE_CHECKING:
    from .judge import Judge

ScorerName = Literal["evidence", "signals", "llm", "combined"]


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def score_round(
    loop: Loop | str,
    rnd: Round | str,
    turns: list[Turn],
    catalog: Catalog,
    *,
    scorer: ScorerName = "evidence",
    judge: Judge | None = None,
) -> RoundScore:
    """Score one round of a loop from its transcript with the catalog's current rubric."""
    loop_obj = catalog.loop(loop) if isinstance(loop, str) else loop
    round_obj = loop_obj.round(rnd) if isinstance(rnd, str) else rnd
    criteria = [(catalog.criterion(loop_obj, rc.id), rc.weight) for rc in round_obj.criteria]
    return score_transcript(
        criteria,
        turns,
        loop_id=loop_obj.id,
        round_id=round_obj.id,
        rnd=round_obj,
        files=rubric_files(catalog.files, loop_obj.id),
        scorer=scorer,
        judge=judge,
        values=company_values(loop_obj),
    )


def company_values(loop: Loop) -> CompanyValues:
    """What a `company_values` criterion of this loop is read against: the company's name and its values."""
    return loop.company, list(loop.values)


def score_transcript(
    criteria: list[tuple[Criterion, float]],
    turns: list[Turn],
    *,
    loop_id: str,
    round_id: str,
    rnd: Round | None = None,
    files: Iterable[Path] = (),
    scorer: ScorerName = "evidence",
    judge: Judge | None = None,
    values: CompanyValues = None,
) -> RoundScore:
    """Score `turns` on explicit (criterion, weight) pairs; `rnd` adds question mapping and red flags, `values`
    the company's values a `company_values` criterion is read against."""
    exs = exchanges(turns, rnd)
    results = _results(criteria, exs, scorer, judge, values)
    weighted = weighted_mean(results)
    flags = find_red_flags(rnd, exs, results, company=values[0] if values is not None else None)
    answered = answered_share(results)
    band = band_of(weighted, len(flags), answered)
    return RoundScore(
        loop=loop_id,
        round=round_id,
        criteria=results,
        weighted=weighted,
        band=band,
        rationale=rationale(results, weighted, band, flags, answered),
        red_flags=flags,
        scorer=_identity(scorer, judge, files, [c for c, _ in criteria]),
        created_at=utc_now(),
        grader_addressed=_grader_addressed(exs),
    )


def _results(
    criteria: list[tuple[Criterion, float]], exs: list[Exchange], scorer: ScorerName, judge: Judge | None,
    values: CompanyValues = None,
) -> list[CriterionResult]:
    evidence = [score_criterion(c, w, exs, meaning=scorer != "signals", values=values) for c, w in criteria]
    if scorer in ("evidence", "signals"):
        return evidence
    if judge is None:
        raise ValueError(f"scorer {scorer!r} needs a judge (configure llm.judge_model)")
    from .combined import combine

    return combine(criteria, exs, evidence, judge, judge_only=scorer == "llm")


def _identity(scorer: ScorerName, judge: Judge | None, files: Iterable[Path], criteria: list[Criterion]) -> ScorerIdentity:
    version = EVIDENCE_VERSION if judge is None or scorer in ("evidence", "signals") else f"{judge.version}+{EVIDENCE_VERSION}"
    if scorer == "signals":
        version = SIGNALS_VERSION
    model = judge.model if judge is not None and scorer not in ("evidence", "signals") else None
    agreement = load_agreement() if scorer in ("evidence", "combined") else None
    return ScorerIdentity(scorer=scorer, version=version, model=model, rubric_hash=rubric_hash(files, criteria),
                          agreement=agreement)


def _grader_addressed(exs: list[Exchange]) -> list[Evidence]:
    out: list[Evidence] = []
    for ex in exs:
        for ans in ex.answers:
            for span in ans.grader_spans:
                out.append(
                    Evidence(
                        quote=ans.turn.text[span.start:span.end],
                        turn_index=ans.turn.index,
                        t_start=ans.turn.t_start,
                        char_start=span.start,
                    )
                )
    return out
