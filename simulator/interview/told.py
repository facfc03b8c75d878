"""A story told with a tag ("..., right?"): the candidate telling, not asking the interviewer.

Played (Shopify hiring manager, 2026-12-03): "...within six months all three teams used it and
duplicated feature code fell by about 60 percent, right?" was put to the interviewer as a
question, who answered "that's your call", and the story's result was not read as an answer.
A tag on what the candidate did checks nothing about the problem; a tag on an assumption
("I'd assume 10k QPS, right?") or on what the interviewer said ("the budget is 100 ms,
right?") still does.
"""

from __future__ import annotations

import re

from .turn_phrases import ASSUMES, TAG_RIGHT

_PAST = re.compile(
    r"\b(?:was|were|had|did|fell|grew|rose|went|built|wrote|led|took|made|got|became|ran|shipped|launched|cut|"
    r"dropped|doubled|halved|used|moved|saved|reduced|improved|increased|decreased|migrated|adopted|joined|"
    r"finished|delivered|won|lost|stopped)\b",
    re.IGNORECASE,
)
_ASKS_FIRST = re.compile(
    r"^\W*(?:so\W+|and\W+|but\W+)?(?:is|are|am|do|does|did|can|could|should|would|will|shall|what|which|how|why|where|when|who)\b",
    re.IGNORECASE,
)


def story_tag(text: str) -> bool:
    """A clause that tells what happened and ends on a tag: "...fell by about 60 percent, right?"."""
    told = text.rstrip(" ?.!")
    body = TAG_RIGHT.sub("", told)
    return body != told and not _ASKS_FIRST.match(body) and bool(_PAST.search(body)) and not ASSUMES.search(body)
