"""Round verdict: weighted score, red flags, hire-signal band and a short rationale; loop summary.

Bands follow the level guide's meaning: 4 strong, 3 solid, 2 weak, 1 none.
A red flag found in the answers lowers the band one step each, and a round whose questions were left unanswered on
much of the weight they asked about is banded no higher than its answers can carry (ANSWERED_CAPS).
"""

from __future__ import annotations

from ..catalog.flags import FlagCondition
from ..catalog.models import Round
from .meaning.plan_story import told_as_plan
from .models import UNANSWERED, VALUE_SIGNAL, Band, CriterionResult, Evidence, LoopSummary, RedFlagHit, RoundScore, RoundSummaryLine
from .signals import match_signal
from .transcript import Exchange

BANDS: tuple[Band, ...] = ("no", "lean no", "lean yes", "strong yes")
# Lowest weighted score for each band (index into BANDS).
BAND_FLOORS = (0.0, 2.0, 2.75, 3.5)
# (share of the asked-about weight answered, below which, highest band index): a round answered on half of what its
# questions asked about is at most "lean yes", on less than half at most "lean no". Played (2026-12-05): one question
# of five answered well read "strong yes: weighted 3.70/4 over 3 scored criteria". A criterion no question of the
# round asked about is not counted: nothing was asked of the candidate there.
ANSWERED_CAPS = ((0.5, 1), (0.75, 2))


def weighted_mean(results: list[CriterionResult]) -> float | None:
    scored = [r for r in results if r.level is not None and r.weight > 0]
    total = sum(r.weight for r in scored)
    if not scored or total <= 0:
        return None
    return round(sum(r.weight * (r.level or 0) for r in scored) / total, 3)


def answered_share(results: list[CriterionResult]) -> float:
    """Of the weight the round's questions asked about, the share with a level (1.0 when nothing was asked)."""
    asked = [r for r in results if r.level is not None or r.note == UNANSWERED]
    total = sum(r.weight for r in asked)
    return 1.0 if total <= 0 else round(sum(r.weight for r in asked if r.level is not None) / total, 3)


def band_of(weighted: float | None, red_flags: int = 0, answered: float = 1.0) -> Band:
    if weighted is None:
        return "no"
    index = max(i for i, floor in enumerate(BAND_FLOORS) if weighted >= floor)
    cap = min((highest for share, highest in ANSWERED_CAPS if answered < share), default=len(BANDS) - 1)
    return BANDS[max(0, min(index, cap) - red_flags)]


FLAG_MIN_WORDS = 8  # "I'm not sure." shows no way of working; a generic two-sentence story or a list of buzzwords does


def find_red_flags(
    rnd: Round | None, exchanges: list[Exchange], results: list[CriterionResult], company: str | None = None
) -> list[RedFlagHit]:
    """Red flags of the round: those whose signals match the candidate's words, and those whose `when`
    conditions all hold in `results` (a criterion without a level never raises one, nor one the candidate
    said next to nothing on: "I'm not sure." is no "we throughout, never I"). `company` names the
    company whose values a `no_company_value` condition missed, in the hit's `because`. Coach-only flags
    wait for the coach."""
    from .evidence import evidence_of

    levels = {r.criterion: r for r in results}
    found: list[RedFlagHit] = []
    for flag in rnd.red_flags if rnd is not None else []:
        hit = next((h for s in flag.signals for e in exchanges for h in match_signal(s, e)), None)
        if hit is not None:
            found.append(RedFlagHit(id=flag.id, text=flag.text, evidence=evidence_of(hit)))
            continue
        planned = next((e for e in exchanges if told_as_plan(e.question, [a.masked for a in e.answers])), None) \
            if flag.answered_as_plan else None
        if planned is not None:
            found.append(RedFlagHit(id=flag.id, text=flag.text, evidence=_first_sentence(planned),
                                    because=f'"{planned.question}" was answered only with what you would do'))
            continue
        holding = [(c, r) for c in flag.when
                   if (r := levels.get(c.criterion)) is not None and _holds(c, r) and _said_enough(exchanges, c.criterion)]
        if flag.when and len(holding) == len(flag.when):
            quote = next((e for _, r in holding for e in r.evidence), None)
            unshown = next((c.criterion for c in flag.when if c.no_company_value), None)
            if quote is None and unshown is not None:
                quote = _opening(exchanges, unshown)
            because = ", ".join(_because(c, r, company) for c, r in holding)
            found.append(RedFlagHit(id=flag.id, text=flag.text, evidence=quote, because=because))
    return found


def _holds(condition: FlagCondition, result: CriterionResult) -> bool:
    """The criterion was scored, at `at_most` or lower where given, and (`no_company_value`) was read against
    the loop's values and showed none. A criterion with no value checks never holds `no_company_value`: the
    scorer did not read it against the values (signals scorer, loop without value examples), so it proves nothing."""
    if result.level is None or (condition.at_most is not None and result.level > condition.at_most):
        return False
    if condition.no_company_value:
        values = [k for k in result.checks if k.signal.startswith(VALUE_SIGNAL)]
        return bool(values) and not any(k.passed for k in values)
    return True


def _said_enough(exchanges: list[Exchange], criterion_id: str) -> bool:
    """The answers to the questions on the criterion hold enough words to show a way of working, good or bad."""
    words = sum(len(a.turn.text.split()) for e in exchanges if e.addresses(criterion_id) for a in e.answers)
    return words >= FLAG_MIN_WORDS


def _opening(exchanges: list[Exchange], criterion_id: str) -> Evidence | None:
    """The first sentence the candidate said to a question probing the criterion: what a flag on a value not
    shown can quote when the scorer quoted nothing (a generic story gives it no clause to quote)."""
    return next((ev for e in exchanges if e.addresses(criterion_id) if (ev := _first_sentence(e)) is not None), None)


def _first_sentence(exchange: Exchange) -> Evidence | None:
    """The first sentence of the candidate's answers in the exchange; one holding text addressed to the grader is
    passed over, so the quote never carries it."""
    for answer in exchange.answers:
        for span in answer.sentences:
            text = answer.turn.text[span.start:span.end]
            if text == answer.masked[span.start:span.end] and any(ch.isalnum() for ch in text):
                turn = answer.turn
                return Evidence(quote=text, turn_index=turn.index, t_start=turn.t_start, char_start=span.start)
    return None


def _because(condition: FlagCondition, result: CriterionResult, company: str | None) -> str:
    """What raised the flag, for the coach: "ownership 1/4", "values_alignment: no Canva value shown"."""
    level = f"{result.criterion} {result.level}/4"
    if not condition.no_company_value:
        return level
    shown = f"no {company} value shown" if company else "none of the company's values shown"
    return f"{level} with {shown}" if condition.at_most is not None else f"{result.criterion}: {shown}"


def rationale(results: list[CriterionResult], weighted: float | None, band: Band, flags: list[RedFlagHit],
              answered: float = 1.0) -> str:
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
    if band != band_of(weighted, len(flags)):
        parts.append(f"questions left unanswered: {answered:.0%} of the weight asked about was answered, so {band} at most")
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
