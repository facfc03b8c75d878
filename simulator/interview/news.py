"""What a candidate tells the interviewer without asking, that the interviewer reacts to all the same.

Played blind (2026-12-07): to "Two other loops. Offer expected in three weeks." a recruiter said "You mentioned Ads
ranking: which of our products have you used...?", as if a competing offer's deadline were an answer like any other. A
recruiter says at once what happens next. The loop's `about` entries name, in `said`, what they react to (the YAML's
words, so a team can add its own), and only in the rounds whose interviewer tells them: a hiring manager hears the same
sentence as part of the answer.
"""

from __future__ import annotations

import re

from ..catalog.models import Loop
from .asks import Ask, Clarification


def news_told(text: str, loop: Loop, round_id: str) -> Clarification | None:
    """The entry's words for a turn that tells what one of the loop's `about` entries reacts to (its `said`), in a
    round that tells it; the turn is an answer all the same, so the round goes on after the reply."""
    for entry in loop.about:
        if entry.text and entry.told_in(round_id) and any(re.search(p, text, re.IGNORECASE) for p in entry.said):
            return Clarification(asks=(Ask(text=text.strip(), topics=(), facts=(), said=entry.text),), also_answer=True,
                                 reply=entry.text)
    return None
