"""A criterion's level from the evidence model, with verbatim quotes and what would earn the next level.

Per exchange that probes the criterion the model reads the candidate's answers
(as the scorer sees them: grader-addressed text masked) and gives a level;
the criterion's level is the rounded mean over those exchanges, as before.
Every quote is a clause span of the candidate's own turn; checks list the
facets of the level guide, each passed with its quote or not; denied and
wished-for facets are named in the note so the report can say "you said there
were no alerts" instead of crediting the word "alerts".
"""

from __future__ import annotations

from ..catalog.models import Criterion
from .ladder import NOT_YET_HEARD
from .meaning import EvidenceModel
from .meaning.model import AnswerText as ModelAnswer
from .meaning.model import Assessment, FacetFinding
from .meaning.plan_story import told_as_plan
from .models import Check, CriterionResult, Evidence
from .transcript import AnswerText, Exchange

MAX_QUOTES = 8
NEAREST_QUOTES = 2  # sentences quoted for a level read from the answer as a whole
IN_PART = 0.3  # a facet's finding this strong, though under SHOWN, is named in "missing" with its sentence
SHORT_CLAUSE_WORDS = 6  # a clause shorter than this is quoted with its sentence...
SENTENCE_QUOTE_WORDS = 45  # ...when the sentence is no longer than this
MIN_QUOTE_WORDS = 3  # "Sure." shows nothing of any step (played, 2026-12-05: quoted for values alignment)
# The next level's steps were each heard, yet the answer as a whole reads below it: "For level 3 (a sizing with stated
# assumptions)." alone told the candidate nothing (played, 2026-12-03).
HEARD_IN_PART = ": each of its steps came up, but not yet plainly enough: say each one outright, with its specifics"
TOLD_AS_PLAN = "told as what you would do, never as something done: level 1 on the question (tell a time you did it)"
# A criterion no asked question probed is read from the answers all the same, and given a level only where they show
# it at VOLUNTEERED_LEVEL or above: evidence volunteered can earn credit, a passing mention of a thing never asked
# about must not cost the round its score.
VOLUNTEERED_LEVEL = 3
VOLUNTEERED = "not asked about; shown unprompted in the answer to \"{question}\""
WHOLE_ANSWER = ("no sentence shows a step of the level guide on its own: the level reads the answer as a whole, "
                "and the quotes are its sentences closest to the guide")


def _round_half_up(value: float) -> int:
    return int(value + 0.5)


def _evidence(finding: FacetFinding, answers: list[AnswerText]) -> Evidence | None:
    clause = finding.clause
    if clause is None:
        return None
    answer = answers[clause.answer_index]
    turn = answer.turn
    span = _quoted_span(answer, clause.span.start, clause.span.end)
    if answer.masked[span[0]:span[1]] != turn.text[span[0]:span[1]]:
        return None  # the clause overlaps grader-addressed text: never quoted
    if len(turn.text[span[0]:span[1]].split()) < MIN_QUOTE_WORDS:
        return None
    return Evidence(quote=turn.text[span[0]:span[1]], turn_index=turn.index, t_start=turn.t_start,
                    signal=finding.facet.id, char_start=span[0])


def _quoted_span(answer: AnswerText, start: int, end: int) -> tuple[int, int]:
    """The clause, or its sentence where the clause alone is a fragment ("and ramp to 50") and the sentence is short
    enough to read: a coach should see what was said, not where a clause boundary fell."""
    if len(answer.turn.text[start:end].split()) >= SHORT_CLAUSE_WORDS:
        return start, end
    sentence = next((s for s in answer.sentences if s.start <= start and end <= s.end), None)
    if sentence is None or len(answer.turn.text[sentence.start:sentence.end].split()) > SENTENCE_QUOTE_WORDS:
        return start, end
    return sentence.start, sentence.end


def assess_exchange(model: EvidenceModel, criterion: Criterion, exchange: Exchange) -> Assessment | None:
    answers = [ModelAnswer(text=a.masked, index=i) for i, a in enumerate(exchange.answers)]
    return model.assess(criterion, exchange.question, answers)


def volunteered(model: EvidenceModel, criterion: Criterion, answered: list[Exchange]) -> Exchange | None:
    """For a criterion no asked question probed, the answer that shows it best, where it shows it at VOLUNTEERED_LEVEL
    or above. A design that told its canary and rollback unasked read "no question of the round probed this
    criterion" for rollout, as if nothing had been said."""
    readings = [(a.level, -i, e) for i, e in enumerate(answered)
                if not told_as_plan(e.question, [t.masked for t in e.answers])
                and (a := assess_exchange(model, criterion, e)) is not None and a.shown]
    if not readings:
        return None
    level, _, exchange = max(readings, key=lambda r: r[:2])
    return exchange if level >= VOLUNTEERED_LEVEL else None


def score_by_meaning(model: EvidenceModel, criterion: Criterion, base: CriterionResult, answered: list[Exchange]) -> CriterionResult:
    """The result for a criterion the model can read (facets in the rubric, weights trained)."""
    levels: list[int] = []
    quotes: list[Evidence] = []
    best: dict[str, Evidence] = {}
    denied: list[str] = []
    wished: list[str] = []
    nearest: list[tuple[float, Evidence, int]] = []  # (strength, quote, the facet's level)
    in_part: dict[str, tuple[float, Evidence]] = {}  # per facet not shown, its strongest sentence at IN_PART or above
    for exchange in answered:
        if told_as_plan(exchange.question, [a.masked for a in exchange.answers]):
            levels.append(1)  # a plan for past work shows nothing done: no step of the guide is credited from it
            denied.append(f"{TOLD_AS_PLAN}: \"{exchange.question}\"")
            continue
        assessment = assess_exchange(model, criterion, exchange)
        assert assessment is not None  # the caller checked the model can read this criterion
        levels.append(assessment.level)
        for finding in assessment.shown:
            ev = _evidence(finding, exchange.answers)
            if ev is not None:
                quotes.append(ev)
                best.setdefault(finding.facet.id, ev)
        for f in assessment.nearest:
            if (ev := _evidence(f, exchange.answers)) is None:
                continue
            nearest.append((f.strength, ev, f.facet.level))
            if f.strength >= IN_PART and f.strength > in_part.get(f.facet.id, (0.0,))[0]:
                in_part[f.facet.id] = (f.strength, ev)
        denied += [f"{f.facet.description} (said not done: \"{f.clause.text}\")" for f in assessment.denied if f.clause is not None]
        wished += [f"{f.facet.description} (only wished for: \"{f.clause.text}\")" for f in assessment.wished if f.clause is not None]
    level = _round_half_up(sum(levels) / len(levels))
    assert criterion.meaning is not None and levels
    facet_level = {f.id: f.level for f in criterion.meaning.facets}
    checks = [
        Check(signal=f.id, description=f"level {f.level}: {f.description}", passed=f.id in best, evidence=best.get(f.id),
              count=sum(1 for q in quotes if q.signal == f.id))
        for f in criterion.meaning.facets
    ]
    unique = _distinct(sorted(quotes, key=_in_transcript))
    notes = [] if len(levels) == 1 else [f"mean of {len(levels)} exchanges: {levels}"]
    if level > 1 and not unique:
        unique = _closest([(s, ev) for s, ev, _ in nearest])
        notes.append(WHOLE_ANSWER)
    elif level > 2 and not any(facet_level.get(q.signal or "", 0) >= level - 1 for q in unique):
        # Read above every step shown ("I'd say my role was mostly coordinating", a hedged role, quoted alone for
        # ownership 4; played, 2026-12-05): the sentences nearest the steps of that level are quoted beside it.
        unique = sorted(_distinct(unique + _closest([(s, ev) for s, ev, at in nearest if at >= level - 1])), key=_in_transcript)
    notes += list(dict.fromkeys(denied))[:3] + list(dict.fromkeys(wished))[:3]
    return base.model_copy(update={
        "level": level, "evidence": unique[:MAX_QUOTES], "checks": checks,
        "missing": _missing(criterion, level, {c.signal for c in checks if c.passed}, {k: ev.quote for k, (_, ev) in in_part.items()}),
        "note": "; ".join(notes),
    })


def _in_transcript(ev: Evidence) -> tuple[int, int]:
    return ev.turn_index, ev.char_start or 0


def _distinct(quotes: list[Evidence]) -> list[Evidence]:
    """The first quote of each place in the transcript, in the order given."""
    seen: set[tuple[int, int | None]] = set()
    kept: list[Evidence] = []
    for q in quotes:
        if (q.turn_index, q.char_start) not in seen:
            seen.add((q.turn_index, q.char_start))
            kept.append(q)
    return kept


def _closest(nearest: list[tuple[float, Evidence]]) -> list[Evidence]:
    """The few distinct sentences nearest the level guide, in transcript order: a level above 1 always quotes.

    They name no check: none of them passed one, and an export that listed "measured_result" on a quote beside a
    failed measured_result check contradicted itself (played, 2026-12-03).
    """
    strongest = _distinct([ev for _, ev in sorted(nearest, key=lambda item: -item[0])])
    return [ev.model_copy(update={"signal": None}) for ev in sorted(strongest[:NEAREST_QUOTES], key=_in_transcript)]


def _missing(criterion: Criterion, level: int, shown: set[str], in_part: dict[str, str] | None = None) -> str:
    """What the next level of the guide asks for, naming its facets the answers did not show.

    From level 1 the level after next is named too: level 2 is often the weak form of the skill ("a vague personal
    part", "a textbook definition"), and "show a vague personal part" alone tells a candidate nothing to aim for
    (played, 2026-12-03). A facet a sentence came close to (`in_part`: its quote) is named with that sentence: "not
    yet heard: guardrails" beside "The false-positive rate on legitimate designs must not get worse" told a candidate
    they had not said what they had, if not plainly enough (played, 2026-12-05).
    """
    if level >= 4:
        return ""
    assert criterion.meaning is not None
    parts = []
    for target in (level + 1, level + 2) if level == 1 else (level + 1,):
        needs = [f.description + (f' (said only in part: "{in_part[f.id]}")' if in_part and f.id in in_part else "")
                 for f in criterion.meaning.facets if f.level == target and f.id not in shown]
        parts.append(f"For level {target} ({criterion.levels[target]})" + (NOT_YET_HEARD + "; ".join(needs) if needs else HEARD_IN_PART) + ".")
    return " ".join(parts)
