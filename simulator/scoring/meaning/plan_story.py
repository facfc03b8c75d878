"""A question about past work answered only with what the candidate would do.

"Tell me about a model you shipped" answered "I'd start from the merchant metric... I would run it as an A/B test"
tells no story: nothing was done. The interviewer asks for a time it was done (engine PLAN_ONLY), and the scorer
reads the exchange as level 1, whatever the plan names (played, 2026-12-03: such answers scored "strong yes").
"""

from __future__ import annotations

import re

from .clauses import Clause, split_clauses, story_question

WOULD = re.compile(r"\b(?:i|we)(?:'d| would|'ll| will| want to| wanna| plan to| hope to|'m going to| am going to)\b", re.IGNORECASE)
DID = re.compile(
    r"\b(?:i|we|the team|my team|our team)\s+(?:\w+ly\s+)?(?!(?:need|feed|proceed|exceed|succeed)\b)(?:\w+ed|did|built|ran|wrote|led|made|took|shipped|set|found|"
    r"got|went|had|was|were|drove|spent|saw|cut|chose|kept|put|sent|told|held|met|began|brought|won|lost|knew|thought)\b",
    re.IGNORECASE,
)


PUSHED = 2  # plans in a story the interviewer asks "when did you actually do it?" after: asking costs little
SCORED = 3  # ... that the scorer reads as no story: "How did you choose the metric?" answered "I'd optimise X... on
# mobile I'd weight precision" in a general register (two plans) is an answer a labeller gave level 4


def told_as_plan(question: str, answers: list[str], at_least: int = SCORED) -> bool:
    """A story question answered `at_least` times as what the candidate would do, and never as what anyone did."""
    if not story_question(question):
        return False
    clauses = [c for i, text in enumerate(answers) for c in split_clauses(text, story=True, answer_index=i) if not c.question]
    return only_plans(clauses, at_least)


def only_plans(clauses: list[Clause], at_least: int) -> bool:
    """`told_as_plan` on a story's clauses already split (questions to the interviewer left out)."""
    return sum(len(WOULD.findall(c.norm)) for c in clauses) >= at_least and not any(DID.search(c.norm) for c in clauses)
