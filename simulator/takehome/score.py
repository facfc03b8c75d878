"""Scoring a take-home from its transcript: the hidden tests, the hand-in checks and the review conversation.

The round's turns hold everything: the hand-in question, the sandbox's hidden-test
notice, the hand-in report notice, the handed-in files as the candidate's answer,
then the review. So scoring is a pure function of (catalog, turns), and a stored
take-home re-scores the same way.

The evidence scorer reads the transcript as for any round (correctness from the
hidden-test notice; communication and debugging from the review answers). Three
criteria are then decided by what was measured on the repository, not by what
was said: code quality (static checks of the module), testing (the candidate's
own tests, and whether they catch a planted bug) and assumptions (whether the
assumptions file flags the planted spec and test issues).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..catalog import Catalog
from ..catalog.models import Loop, Question, Round, TakeHome
from ..engine.turns import Speaker, Turn, TurnKind
from ..scoring.models import Check, CriterionResult, Evidence, RoundScore
from ..scoring.score import ScorerName, score_round
from ..scoring.verdict import answered_share, band_of, rationale, weighted_mean
from .report import CODE_CHECK_WORDS, MIN_ASSUMPTION_WORDS, REPORT_SOURCE, HandInReport, parse_report

if TYPE_CHECKING:
    from ..scoring.judge import Judge

MEASURED_NOTE = "decided by the hand-in checks of the repository, not by what was said"


def review_round(rnd: Round, take_home: TakeHome) -> Round:
    """The round a take-home is played and scored as: the hand-in question, then the review questions, in order.

    A conversation (the work itself happened in the repository), weighted by the
    take-home's own criteria, keeping the round's persona, red flags and tips.
    """
    hand_in = Question(
        id=take_home.hand_in_question_id,
        text=(f"Thanks for handing in \"{take_home.title}\". I've run the hidden tests on your code and read your "
              f"{take_home.assumptions_file}; here is what you handed in."),  # fmt: skip
        source=take_home.source,
        criteria=[c.id for c in take_home.criteria],
    )
    return rnd.model_copy(update={
        "kind": "conversation",
        "minutes": take_home.review_minutes,
        "assesses": (f"Review of the take-home \"{take_home.title}\": what the candidate found in the code and the "
                     f"tests, what they assumed where the brief was unclear, and what they would test next. "
                     f"{rnd.assesses}"),
        "questions": [hand_in, *take_home.review],
        "criteria": list(take_home.criteria),
        "take_homes": [],
    })  # fmt: skip


def find_take_home(catalog: Catalog, loop_id: str, round_id: str, turns: list[Turn]) -> TakeHome | None:
    """The take-home a round's transcript hands in, or None for any other round."""
    loop = catalog.loops.get(loop_id)
    if loop is None or not any(r.id == round_id for r in loop.rounds):
        return None
    asked = {t.question_id for t in turns if t.kind is TurnKind.QUESTION}
    return next((th for th in loop.round(round_id).take_homes if th.hand_in_question_id in asked), None)


def score_take_home(
    catalog: Catalog,
    loop: Loop,
    rnd: Round,
    take_home: TakeHome,
    turns: list[Turn],
    *,
    scorer: ScorerName = "evidence",
    judge: Judge | None = None,
) -> RoundScore:
    """The take-home round's score: the round's scorer on the review round, then the measured criteria."""
    base = score_round(loop, review_round(rnd, take_home), turns, catalog, scorer=scorer, judge=judge)
    report = next((r for t in turns if t.source == REPORT_SOURCE and (r := parse_report(t.text)) is not None), None)
    answer = next((t for t in turns if t.speaker is Speaker.CANDIDATE and t.question_id == take_home.hand_in_question_id), None)
    if report is None:
        return base
    measured = {
        "code_quality": _code_quality,
        "testing": _testing,
        "assumptions": lambda r, c, a: _assumptions(r, c, a, take_home),
    }
    results = [measured[c.criterion](report, c, answer) if c.criterion in measured else c for c in base.criteria]
    weighted = weighted_mean(results)
    answered = answered_share(results)
    band = band_of(weighted, len(base.red_flags), answered)
    return base.model_copy(update={
        "criteria": results, "weighted": weighted, "band": band,
        "rationale": rationale(results, weighted, band, base.red_flags, answered),
    })  # fmt: skip


def score_round_or_take_home(
    catalog: Catalog,
    loop_id: str,
    round_id: str,
    turns: list[Turn],
    *,
    scorer: ScorerName = "evidence",
    judge: Judge | None = None,
) -> RoundScore:
    """What report screens and re-scoring call: a take-home transcript is scored as one, any other round as usual."""
    take_home = find_take_home(catalog, loop_id, round_id, turns)
    if take_home is None:
        return score_round(loop_id, round_id, turns, catalog, scorer=scorer, judge=judge)
    loop = catalog.loop(loop_id)
    return score_take_home(catalog, loop, loop.round(round_id), take_home, turns, scorer=scorer, judge=judge)


# ---------------------------------------------------------------- the measured criteria
def _quote(answer: Turn | None, pattern: str, signal: str) -> Evidence | None:
    """An exact quote of the handed-in text (the candidate's answer turn) where `pattern` first matches."""
    if answer is None:
        return None
    m = re.search(pattern, answer.text, flags=re.IGNORECASE | re.MULTILINE)
    if m is None:
        return None
    return Evidence(quote=m.group(0), turn_index=answer.index, t_start=answer.t_start, signal=signal, char_start=m.start())


def _result(base: CriterionResult, level: int, checks: list[Check], evidence: list[Evidence], levels_missing: str) -> CriterionResult:
    return base.model_copy(update={
        "level": level, "checks": checks, "evidence": evidence, "missing": levels_missing, "note": MEASURED_NOTE,
        "decided_by": "evidence", "unverified": False,
    })  # fmt: skip


def _code_quality(report: HandInReport, base: CriterionResult, answer: Turn | None) -> CriterionResult:
    passed = len(report.code_passed)
    total = passed + len(report.code_failed)
    level = 1 if not report.parses else 4 if passed == total else 3 if passed == total - 1 else 2 if passed >= total - 3 else 1
    checks = [Check(signal=name, description=CODE_CHECK_WORDS[name], passed=name in report.code_passed, count=int(name in report.code_passed))
              for name in (*report.code_passed, *report.code_failed)]  # fmt: skip
    evidence = [e for e in [_quote(answer, r"^\s*def \w+\(.*", "functions")] if e is not None]
    missing = "" if level == 4 else "Fix: " + ", ".join(CODE_CHECK_WORDS[n] for n in report.code_failed) + "."
    return _result(base, level, checks, evidence, missing if report.parses else "Hand in a module that parses.")


def _testing(report: HandInReport, base: CriterionResult, answer: Turn | None) -> CriterionResult:
    ran = report.provided_runs > 0
    if report.own_passing and report.own_catching >= 2 and report.own_passing >= 3 and report.provided_runs >= 2:
        level = 4
    elif report.own_passing and report.own_catching:
        level = 3
    elif report.own_passing or ran:
        level = 2
    else:
        level = 1
    if report.edited_provided:
        level = max(1, level - 1)  # the brief says not to change the provided tests
    checks = [
        Check(signal="ran_tests", description="ran the tests before hand-in", passed=ran, count=report.provided_runs),
        Check(signal="own_tests", description="added tests of their own that pass on the handed-in code",
              passed=report.own_passing > 0, count=report.own_passing),
        Check(signal="catches_bugs", description="own tests that fail on the original code (they catch a planted bug)",
              passed=report.own_catching > 0, count=report.own_catching),
        Check(signal="provided_untouched", description="left the provided tests as given",
              passed=not report.edited_provided, count=len(report.edited_provided)),
    ]  # fmt: skip
    evidence = [e for e in [_quote(answer, r"^\s*def test_\w+\(.*", "own_tests")] if e is not None and report.own_tests]
    missing = {
        1: "Run the provided tests early and add tests of your own.",
        2: "Add tests that would have caught the planted bugs (they fail on the original code).",
        3: "Add at least three boundary tests, two of which catch planted bugs, and run the suite more than once.",
        4: "",
    }[level]
    return _result(base, level, checks, evidence, missing)


def _assumptions(report: HandInReport, base: CriterionResult, answer: Turn | None, take_home: TakeHome) -> CriterionResult:
    flagged = len(report.flagged)
    if report.readme_words < MIN_ASSUMPTION_WORDS:
        level = 1
    else:
        level = 2 + min(2, flagged)
    issues = {i.id: i for i in take_home.issues}
    checks = [Check(signal=issue_id, description=f"flags: {issues[issue_id].description}" if issue_id in issues else issue_id,
                    passed=issue_id in report.flagged, count=int(issue_id in report.flagged))
              for issue_id in (*report.flagged, *report.missed)]  # fmt: skip
    evidence: list[Evidence] = []
    for issue_id in report.flagged:
        issue = issues.get(issue_id)
        quote = next((q for p in (issue.patterns if issue else []) if (q := _quote(answer, p, issue_id)) is not None), None)
        if quote is not None:
            evidence.append(quote)
    missing = "" if level == 4 else (
        "Write down what you assumed in the assumptions file." if level == 1
        else "Flag what is ambiguous in the brief and which provided test looks wrong, with the choice you made."
    )
    return _result(base, level, checks, evidence, missing)
