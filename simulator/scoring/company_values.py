"""A values story read against the loop's own values, not values in general.

Seed 000: Canva's values "are explicitly part of the evaluation criteria. Vague
STAR answers that could apply to any company get flagged." A criterion whose
`meaning` says `company_values: true` is read as usual by the evidence model,
then each of the loop's values is looked for in what the candidate affirmed:
the closest of the value's `examples` (concrete things someone did that show
it, written in the loop's YAML) by sentence embedding. A value is shown when
one clause comes within VALUE_SHOWN of an example.

- A value shown in something the candidate did ("I paired with her on every
  review") is level 3 by the rubric's own words ("a concrete story that shows the
  value in action"): the level is at least 3; level 4 (its effect, and the
  lesson) stays the evidence model's call.
- A story that shows none of them is told which of the company's values would
  have counted, and a red flag's `no_company_value` condition can hold on it
  (Canva's `generic-star`). Its level stays the evidence model's: capping it at 2 was
  measured on the train split's labelled values answers and capped 10 of the
  14 stories labelled 3 or 4 (8 with VALUE_SHOWN 0.53 and today's examples: real
  stories match the examples less closely than the examples match each other), so
  the loop's values only ever raise a level.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from ..catalog.models import CompanyValue
from .meaning.clauses import Clause, Polarity
from .meaning.model import AnswerText, EvidenceModel
from .models import VALUE_SIGNAL, Check, CriterionResult, Evidence
from .transcript import Exchange

VALUE_SHOWN = 0.53
"""Cosine similarity (all-MiniLM-L6-v2) of a clause to a value's closest example. The hand-written answers of
tests/test_company_values.py (a development set) bound it: concrete value stories come at 0.57-0.67, generic ones
("we worked hard together and delivered on time", "I believe in empowering others") at most 0.51. Chosen inside that
gap on the train split's 19 values stories (tests/test_company_values.py::test_generic_star_on_the_train_split):
0.55 shows a value in 2 of the 14 labelled 3-4 (old examples or these), 0.52-0.53 in 4, 0.50 in 4 with one generic
answer shown, 0.45 in 9 with half the generic answers shown and three of the six specific ones not showing exactly
their value; none labelled 1-2 down to 0.45. Most real stories sit at 0.40-0.50 against every value: an example
finds its value mostly where a story shares its words, so more recall needs more than examples and a threshold."""
SHOWN_FLOOR = 3
_FIRST_PERSON = re.compile(r"\bI\b(?!')")


@dataclass(frozen=True)
class ValueReading:
    check: Check
    by_self: bool  # shown in something the candidate did ("I paired with her...")


def values_shown(model: EvidenceModel, values: list[CompanyValue], exchanges: list[Exchange]) -> list[ValueReading]:
    """One reading per value with examples: shown or not, with the clause that shows it."""
    readable = [v for v in values if v.examples]
    if not readable:
        return []
    clauses = []
    for exchange in exchanges:
        for answer in exchange.answers:
            for clause in model.clauses(exchange.question, [AnswerText(answer.masked, 0)]):
                if clause.polarity is Polarity.AFFIRMED and not clause.question and clause.kept.strip():
                    clauses.append((answer, clause))
    vectors = model.embedder.embed([c.kept for _, c in clauses]) if clauses else np.zeros((0, 1))
    checks = []
    for value in readable:
        best, where, by_self = 0.0, None, False
        if clauses:
            similarity = (vectors @ model.embedder.embed(value.examples).T).max(axis=1)
            i = int(similarity.argmax())
            best, where = float(similarity[i]), clauses[i]
            by_self = any(s >= VALUE_SHOWN and _acted(c) for s, (_, c) in zip(similarity, clauses, strict=True))
        evidence = None
        if where is not None and best >= VALUE_SHOWN:
            answer, clause = where
            evidence = Evidence(quote=answer.turn.text[clause.span.start:clause.span.end], turn_index=answer.turn.index,
                                t_start=answer.turn.t_start, char_start=clause.span.start, signal=f"{VALUE_SIGNAL}{value.id}")  # fmt: skip
        check = Check(signal=f"{VALUE_SIGNAL}{value.id}", description=f"shows “{value.name}”", passed=evidence is not None,
                      evidence=evidence, count=int(evidence is not None))  # fmt: skip
        checks.append(ValueReading(check, by_self))
    return checks


def _acted(clause: Clause) -> bool:
    """The candidate did it: "I" is the clause's subject, or says "I" in it ("When she joined the team I paired...")."""
    return clause.subject == "self" or _FIRST_PERSON.search(clause.text) is not None


def apply_company_values(result: CriterionResult, readings: list[ValueReading], company: str) -> CriterionResult:
    """The result with the value checks added: raised to SHOWN_FLOOR by a value the candidate acted on, or told
    which of the company's values would have counted when none is shown."""
    if not readings or result.level is None:
        return result
    checks = [r.check for r in readings]
    update: dict[str, object] = {"checks": [*result.checks, *checks]}
    shown = [r for r in readings if r.check.passed]
    if shown:
        quotes = [r.check.evidence for r in shown if r.check.evidence is not None]
        update["evidence"] = [*result.evidence, *(q for q in quotes if q not in result.evidence)]
        if any(r.by_self for r in shown) and result.level < SHOWN_FLOOR:
            update |= {"level": SHOWN_FLOOR, "note": f"a story of {company}'s value in what you did counts as level {SHOWN_FLOOR}"}
        return result.model_copy(update=update)
    names = ", ".join(f"“{c.description.removeprefix('shows ').strip('“”')}”" for c in checks)
    hint = f"a story that shows one of {company}'s own values in what you did ({names}), not one any company would hear"
    update["missing"] = f"{result.missing} Also: {hint}." if result.missing else hint[0].upper() + hint[1:] + "."
    return result.model_copy(update=update)
