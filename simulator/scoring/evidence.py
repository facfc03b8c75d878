"""The evidence scorer: deterministic, offline and fast, driven only by the rubric's signals.

Per criterion it scores every exchange that probes it on the ladder of the
rubric (see ladder.py), then takes the rounded mean over those exchanges. It
returns None (insufficient evidence) when the rubric gives it nothing to look
for (no signals, or signals without a `scoring:` ladder), when no question of the round probed the criterion
(and no answer showed it unasked at VOLUNTEERED_LEVEL, meaning_result.py), or when the candidate never answered
those questions; an answer that was given but shows nothing is level 1.

A criterion whose ladder sets `hidden_tests` (correctness in coding rounds) is
scored from the sandbox runs the app recorded instead (see `score_from_tests`):
what the candidate says about their tests can never raise it.
"""

from __future__ import annotations

import math

from ..catalog.models import CompanyValue, Criterion
from .company_values import apply_company_values, values_shown
from .ladder import climb, unmet
from .meaning import default_model
from .meaning_result import VOLUNTEERED, score_by_meaning, volunteered
from .models import UNANSWERED, Check, CriterionResult, Evidence
from .signals import Hit, match_signal
from .transcript import Exchange, TestRun

VERSION = "evidence-2.17"  # the evidence model (meaning, fitted on a corpus grown where criteria had few labels; the answer's words as a precedent; a lead-in to a question asks too; a list of terms at most level 2; a practice denied in the passive denies what it names; a transcript's "i" is the speaker in every clause; a ramp told as three shares of traffic in a row; with hedges and precedents; an own part told apart only beside an own part; a story's plans not done; architecture read in cascades, jobs and stores; a wish ends where a done choice is told; results read in plain words; requirements asked of the interviewer; negations that deny nothing done), values read against the loop's own; signals where a criterion has no facets
SIGNALS_VERSION = "signals-1.0"  # regexes only: the scorer before the evidence model
MAX_QUOTES = 8
CompanyValues = tuple[str, list[CompanyValue]] | None
"""The company's name and its values, for a criterion read against them (`meaning.company_values`)."""


def round_half_up(value: float) -> int:
    return int(math.floor(value + 0.5))


def evidence_of(hit: Hit, signal_id: str | None = None) -> Evidence:
    """A quote for a hit: its sentence from the original turn text (exact substring).

    If that sentence held text addressed to the grader (masked for scoring), only
    the matched words are quoted so the quote never carries the injection.
    """
    turn = hit.answer.turn
    span = hit.sentence
    if hit.answer.masked[span.start:span.end] != turn.text[span.start:span.end]:
        span = hit.match
    return Evidence(
        quote=turn.text[span.start:span.end],
        turn_index=turn.index,
        t_start=turn.t_start,
        signal=signal_id,
        char_start=span.start,
    )


def score_criterion(
    criterion: Criterion, weight: float, exchanges: list[Exchange], *, meaning: bool = True, values: CompanyValues = None
) -> CriterionResult:
    """Level, quotes, checks and what is missing for one criterion over a round's exchanges.

    With `meaning` (the default scorer) a criterion whose rubric has facets is read
    by the evidence model; `meaning=False` is the regex-signal scorer, kept for
    comparison (`--scorer signals`, `bench scoring`). `values` (the company's name and
    its values) is what a `company_values` criterion is read against.
    """
    base = CriterionResult(criterion=criterion.id, weight=weight, decided_by="evidence")
    # Asking about the problem is requirements evidence whatever the bank question lists: a candidate who
    # clarified scale before designing showed it, even on a question written to probe something else.
    asks = criterion.meaning is not None and criterion.meaning.questions_count
    probing = [e for e in exchanges if e.addresses(criterion.id) or (asks and e.clarified)]
    tests = criterion.scoring is not None and criterion.scoring.hidden_tests is not None
    model = default_model() if meaning and criterion.meaning is not None and not tests else None
    if model is not None and model.weights is None:
        model = None
    if not criterion.signals and model is None:
        return base.model_copy(update={"note": "the rubric defines no evidence signals for this criterion"})
    volunteer = None
    if not probing and model is not None:
        volunteer = volunteered(model, criterion, [e for e in exchanges if e.answered])
        probing = [volunteer] if volunteer is not None else []
    if not probing:
        return base.model_copy(update={"note": "no question of the round probed this criterion"})
    if tests:
        return score_from_tests(criterion, base, probing)
    answered = [e for e in probing if e.answered]
    if not answered:
        return base.model_copy(update={"note": UNANSWERED})
    if model is not None:
        result = score_by_meaning(model, criterion, base, answered)
        if values is not None and criterion.meaning is not None and criterion.meaning.company_values:
            company, listed = values
            result = apply_company_values(result, values_shown(model, listed, answered), company)
        if volunteer is not None:
            note = VOLUNTEERED.format(question=volunteer.question)
            result = result.model_copy(update={"note": "; ".join(n for n in (note, result.note) if n)})
        return result

    levels: list[int] = []
    first_hit: dict[str, Hit] = {}
    totals: dict[str, int] = {}
    quotes: list[Evidence] = []
    seen: set[tuple[int, int]] = set()
    for exchange in answered:
        found = _match_all(criterion, exchange, totals, first_hit)
        for signal in criterion.signals:
            if signal.points > 0:
                for hit in found[signal.id]:
                    ev = evidence_of(hit, signal.id)
                    key = (ev.turn_index, ev.char_start or 0)
                    if key not in seen:
                        seen.add(key)
                        quotes.append(ev)
        levels.append(climb(criterion, _counts(found)).level)

    if criterion.scoring is None:
        # Signals without a ladder are indicators to show, not a level: defaulting would
        # cap a one-signal criterion at level 2 and drag the round score down.
        checks = _checks(criterion, totals, first_hit)
        quotes.sort(key=lambda e: (e.turn_index, e.char_start or 0))
        return base.model_copy(update={"checks": checks, "evidence": quotes[:MAX_QUOTES],
                                       "note": "the rubric gives this criterion signals but no level ladder (scoring:)"})
    level = round_half_up(sum(levels) / len(levels))
    # "missing" is judged on everything the candidate said for this criterion.
    overall = climb(criterion, totals)
    checks = _checks(criterion, totals, first_hit)
    quotes.sort(key=lambda e: (e.turn_index, e.char_start or 0))
    note = "" if len(levels) == 1 else f"mean of {len(levels)} exchanges: {levels}"
    missing = overall.missing if level == overall.level else _missing_for(criterion, level)
    return base.model_copy(
        update={"level": level, "evidence": quotes[:MAX_QUOTES], "checks": checks, "missing": missing, "note": note}
    )


def _match_all(
    criterion: Criterion, exchange: Exchange, totals: dict[str, int], first_hit: dict[str, Hit]
) -> dict[str, list[Hit]]:
    """Every signal's hits in one exchange, also added to the round's running totals and first hits."""
    found: dict[str, list[Hit]] = {}
    for signal in criterion.signals:
        hits = match_signal(signal, exchange)
        found[signal.id] = hits
        totals[signal.id] = totals.get(signal.id, 0) + len(hits)
        if hits:
            first_hit.setdefault(signal.id, hits[0])
    return found


def _counts(found: dict[str, list[Hit]]) -> dict[str, int]:
    return {signal_id: len(hits) for signal_id, hits in found.items()}


def _checks(criterion: Criterion, totals: dict[str, int], first_hit: dict[str, Hit]) -> list[Check]:
    return [
        Check(
            signal=s.id,
            description=s.description,
            passed=totals.get(s.id, 0) > 0,
            evidence=evidence_of(first_hit[s.id], s.id) if s.id in first_hit else None,
            count=totals.get(s.id, 0),
            points=totals.get(s.id, 0) * s.points,
        )
        for s in criterion.signals
    ]


def _missing_for(criterion: Criterion, level: int) -> str:
    if level >= 4:
        return ""
    return f"For level {level + 1} ({criterion.levels[level + 1]}): show it in every answer that probes it."


TIMEOUT_CAP = 2  # a run the time limit stopped breaks on some input: at most "works on the main example only"
SANDBOX_SIGNAL = "hidden_tests"


def test_level(criterion: Criterion, run: TestRun, counts: dict[str, int]) -> int:
    """One run's level: pass share against the ladder's `hidden_tests`, capped by timeouts and by `requires`.

    A run that could not execute the tests (import or syntax error) is level 1
    ("does not run"). `requires` groups (e.g. the candidate checked their own
    examples) only cap the level: no words lift it above what the tests allow.
    """
    assert criterion.scoring is not None and criterion.scoring.hidden_tests is not None
    shares = criterion.scoring.hidden_tests
    result = run.run
    if result.crashed:
        return 1
    level = 1
    for candidate in (2, 3, 4):
        if result.ratio + 1e-9 >= shares[candidate]:
            level = candidate
    if result.timed_out:
        level = min(level, TIMEOUT_CAP)
    passed = {sid for sid, n in counts.items() if n > 0}
    while level > 1 and unmet(criterion.scoring, level, passed):
        level -= 1
    return level


def score_from_tests(criterion: Criterion, base: CriterionResult, probing: list[Exchange]) -> CriterionResult:
    """Level from the last recorded hidden-test run of each probing exchange (rounded mean over problems).

    Evidence: the run's head ("3/5 hidden tests passed") and each failing test's
    entry, quoted exactly from the sandbox notice turn. No run recorded means
    insufficient evidence, whatever the candidate claims.
    """
    runs = [(e, e.test_runs[-1]) for e in probing if e.test_runs]
    if not runs:
        return base.model_copy(update={"note": "no hidden-test run was recorded for the questions that probe it; "
                                                "claims about tests do not count"})
    levels: list[int] = []
    totals: dict[str, int] = {}
    first_hit: dict[str, Hit] = {}
    quotes: list[Evidence] = []
    for exchange, run in runs:
        found = _match_all(criterion, exchange, totals, first_hit)
        levels.append(test_level(criterion, run, _counts(found)))
        quotes.extend(_run_quotes(run))
    level = round_half_up(sum(levels) / len(levels))
    failing = [e.name for _, run in runs for e in run.run.failing]
    checks = [
        Check(
            signal=SANDBOX_SIGNAL,
            description="hidden tests recorded by the sandbox: " + "; ".join(
                f"{r.run.passed}/{r.run.total} passed" + (", stopped by the time limit" if r.run.timed_out else "")
                + (", the code did not run" if r.run.crashed else "") for _, r in runs),
            passed=not failing and not any(r.run.crashed or r.run.timed_out for _, r in runs),
            evidence=quotes[0] if quotes else None,
            count=sum(r.run.passed for _, r in runs),
        ),
        *_checks(criterion, totals, first_hit),
    ]
    note = f"from the recorded hidden-test runs: levels {levels}" if len(levels) > 1 else "from the recorded hidden-test run"
    if failing:
        note += "; failing: " + ", ".join(failing)
    return base.model_copy(update={"level": level, "evidence": quotes[:MAX_QUOTES], "checks": checks,
                                   "missing": _missing_tests(criterion, level, failing), "note": note})


def _run_quotes(run: TestRun) -> list[Evidence]:
    turn = run.turn
    spans = [(0, run.run.head_end)] + [(e.start, e.end) for e in run.run.failing]
    return [Evidence(quote=turn.text[a:b], turn_index=turn.index, t_start=turn.t_start, signal=SANDBOX_SIGNAL, char_start=a)
            for a, b in spans if b > a]


def _missing_tests(criterion: Criterion, level: int, failing: list[str]) -> str:
    if level >= 4:
        return ""
    text = f"For level {level + 1} ({criterion.levels[level + 1]})"
    if failing:
        return text + ": make the failing hidden tests pass (" + ", ".join(failing[:5]) + ")."
    return text + "."
