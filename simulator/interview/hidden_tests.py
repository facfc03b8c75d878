"""Asked why the hidden tests fail, the interviewer points at what the last run said, as a pairing interviewer would.

Played (2026-12-06, a Shopify coding round): "Why do the tests fail? I think my SQL is right." drew "That's your call —
state your assumption and go on.", though the round had recorded which tests failed and with what message. The
reply names the failing tests of the last run (from its notice, read by `sandbox.notice`) and asks what input gives
that, without saying what the fix is; before any run, it says where the results will show; after a clean run, so.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..catalog import Question
from ..engine.turns import Speaker, Turn, TurnKind
from ..sandbox.notice import NOTICE_SOURCE, parse_notice
from .asks import Ask, Clarification
from .turn_phrases import SHORT_WORDS

ASKS_WHY_FAILING = re.compile(
    r"\b(?:why (?:do|does|did|are|is|would) (?:the |my |these |those |two |both )?(?:\w+ )?(?:tests?|cases?) (?:still )?(?:fail|failing|broken|red)|"
    r"which (?:hidden )?tests? (?:fail|failed|are failing|is failing|broke)|"
    r"what(?:'s| is) (?:failing|wrong with (?:my|the|this) (?:code|query|sql|solution))|"
    r"why (?:is|does|did) (?:it|my (?:code|query|sql|solution)|the (?:code|query|solution)) (?:still )?(?:fail|failing|not pass)|"
    # "So did my NDCG look right to you?" (played blind, 2026-12-07: "That's your call — state your assumption")
    r"(?:is|does|did) (?:my|the|this) (?:\w+ )?(?:code|query|sql|solution|function|implementation|ndcg|version) (?:look )?"
    r"(?:right|correct|ok(?:ay)?|work)\b|did my \w+ look (?:right|correct|ok(?:ay)?)\b)",
    re.IGNORECASE,
)
NO_RUN = "Nothing has run yet: run it, and the hidden tests' results will show which fail and why."
ALL_PASSED = "The last run passed every hidden test."
FAILING = "The last run says: {failing}. What input would give that?"


def _last_run(turns: Sequence[Turn]) -> str | None:
    """The text of the round's last hidden-test notice."""
    return next((t.text for t in reversed(turns) if t.speaker is Speaker.INTERVIEWER and t.kind is TurnKind.NOTICE
                 and t.source == NOTICE_SOURCE), None)


def run_asked_about(text: str, question: Question, turns: Sequence[Turn]) -> Clarification | None:
    """The reply to a turn asking why the tests fail, from the last run; None for any other turn, or a question with no
    hidden tests to run."""
    if question.problem is None or ASKS_WHY_FAILING.search(text[:500]) is None:
        return None
    notice = _last_run(turns)
    run = parse_notice(notice) if notice is not None else None
    if notice is None or run is None:
        reply = NO_RUN
    elif not run.failing and run.passed == run.total:
        reply = ALL_PASSED
    else:
        failing = "; ".join(notice[e.start:e.end] for e in run.failing) or notice[: run.head_end].rstrip(".")
        reply = FAILING.format(failing=failing)
    also_answer = len(text.split()) > 2 * SHORT_WORDS  # "Why do the tests fail? I think my SQL is right." only asks
    return Clarification(asks=(Ask(text=text.strip(), topics=(), facts=(), said=reply),), also_answer=also_answer, reply=reply)
