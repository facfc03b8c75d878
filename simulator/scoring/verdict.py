"""Round verdict: weighted score, red flags, hire-signal band and a short rationale; loop summary.

Bands follow the level guide's meaning: 4 strong, 3 solid, 2 weak, 1 none.
A red flag found in the answers lowers the band one step each.
"""

from __future__ import annotations

from ..catalog.models import Round
from .models import Band, CriterionResult, LoopSummary, RedFlagHit, RoundScore, RoundSummaryLine
from .signals import match_signal
from .transcript import Exchange

BANDS: tuple[Band, ...] = ("no", "lean no", "lean yes", "strong yes")
# Lowest weighted score for each band (index into BANDS).
BAND_FLOORS = (0.0, 2.0, 2.75, 3.5)


def weighted_mean(results: list[CriterionResult]) -> float | None:
    scored = [r for r in results if r.level is not None and r.weight > 0]
    total = sum(r.weight for r in scored)
    if not scored or total <= 0:
        return None
    return round(sum(r.weight * (r.level or 0) for r in scored) / total, 3)


def band_of(weighted: float | None, red_flags: int = 0) -> Band:
    if weighted is None:
        return "no"
    index = max(i for i, floor in enumerate(BAND_FLOORS) if weighted >= floor)
    return BANDS[max(0, index - red_flags)]


def find_red_flags(rnd: Round | None, exchanges: list[Exchange], results: list[CriterionResult]) -> list[RedFlagHit]:
    """Red flags of the round: those whose signals match the candidate's words, and those whose `when`
    levels all hold in `results` (a criterion without a level never raises one). Coach-only flags wait
    for the coach."""
    from .evidence import evidence_of

    levels = {r.criterion: r for r in results}
    found: list[RedFlagHit] = []
    for flag in rnd.red_flags if rnd is not None else []:
        hit = next((h for s in flag.signals for e in exchanges for h in match_signal(s, e)), None)
        if hit is not None:
            found.append(RedFlagHit(id=flag.id, text=flag.text, evidence=evidence_of(hit)))
            continue
        held = [levels.get(c.criterion) for c in flag.when]
        if flag.when and all(r is not None and r.level is not None and r.level <= c.at_most
                             for r, c in zip(held, flag.when, strict=True)):
            scored = [r for r in held if r is not None]
            quote = next((e for r in scored for e in r.evidence), None)
            because = ", ".join(f"{r.criterion} {r.level}/4" for r in scored)
            found.append(RedFlagHit(id=flag.id, text=flag.text, evidence=quote, because=because))
    return found


def rationale(results: list[CriterionResult], weighted: float | None, band: Band, flags: list[RedFlagHit]) -> str:
    scored = sorted((r for r in results if r.level is not None), key=lambda r: (r.level, -r.weight))
    unscored = [r.criterion for r in results if r.level is None]
    if weighted is None:
        return "No criterion had enough evidence to score" + (f" ({', '.join(unscored)})." if unscored else ".")
    parts = [f"{band}: weighted {weighted:.2f}/4 over {len(scored)} scored criteria"]
    strongest = max(scored, key=lambda r: (r.level, r.weight))
    weakest = scored[0]
    if strongest.level != weakest.level:
        parts.append(f"strongest {strongest.criterion} ({strongest.level}), weakest {weakest.criterion} ({weakest.level})")
    else:
        parts.append(f"every scored criterion at level {weakest.level}")
    if flags:
        parts.append("red flags: " + ", ".join(f.id for f in flags))
    if unscored:
        parts.append("insufficient evidence: " + ", ".join(unscored))
    return "; ".join(parts) + "."


def summarise_loop(loop_id: str, scores: list[RoundScore]) -> LoopSummary:
    """Across rounds: mean weighted score, per-criterion means, the weakest criteria to practise first."""
    lines = [RoundSummaryLine(round=s.round, weighted=s.weighted, band=s.band) for s in scores]
    weights = [s.weighted for s in scores if s.weighted is not None]
    mean = round(sum(weights) / len(weights), 3) if weights else None
    per: dict[str, list[int]] = {}
    for s in scores:
        for r in s.criteria:
            if r.level is not None:
                per.setdefault(r.criterion, []).append(r.level)
    criteria = {c: round(sum(v) / len(v), 2) for c, v in sorted(per.items())}
    focus = [c for c, v in sorted(criteria.items(), key=lambda kv: kv[1]) if v < 3][:3]
    flags = sorted({f.id for s in scores for f in s.red_flags})
    band = band_of(mean, len(flags))
    if mean is None:
        text = "No round had enough evidence to score."
    else:
        text = f"{band}: mean weighted {mean:.2f}/4 over {len(weights)} scored round(s)"
        text += f"; practise first: {', '.join(focus)}" if focus else "; no criterion below level 3"
        text += f"; red flags: {', '.join(flags)}." if flags else "."
    return LoopSummary(loop=loop_id, rounds=lines, weighted=mean, band=band, criteria=criteria, focus=focus,
                       red_flags=flags, rationale=text)
