"""An answer that ends by checking in with the interviewer: "...and I did the offline eval. Is that what you wanted?",
"Is this the kind of answer you want, or you want more detail on the scheduler?", "...does that make sense?".

Played blind (2026-12-07, the seventh player): each drew the next follow-up or question as if nothing had been asked,
or "That's your call — state your assumption and go on." A real interviewer answers the check-in in a few words, then
asks what comes next. The words say nothing of how good the answer was (the personas never do): the follow-up that
comes after them still asks for what is missing. A turn that only checks in ("Does that make sense so far?") is the
clarification reader's (clarify.py: "Yes, please go on."). An answer holding code or a complexity gets no such words:
"...def find(x): while parent[x] != x: x = parent[x]... Is this what you wanted?" held a bug, and "Yes, that's the kind
of thing I'm after." would read as "it's right" (replayed, 2026-12-07); the hidden tests and the follow-up say that.
"""

from __future__ import annotations

import re

from ..engine.plan import Plan
from .code_text import CODE_IN_PROSE, written_as_code
from .question_phrases import HOW_AM_I_DOING
from .turn_phrases import CHECK_IN, SHORT_WORDS

WANTED = "Yes, that's the kind of thing I'm after."
FOLLOWED = "Yes, I follow."
DETAIL = "That's the right level of detail for now."
ENOUGH = "That's enough on that; let me ask about one part of it."  # "should I keep going?" before a follow-up

# What the check-in asks: whether it made sense, whether it is deep enough, whether to go on (else: what was wanted)
_FOLLOWED = re.compile(r"\bmakes? sense\b|\bsound (?:right|ok|okay|good|reasonable|fair)\b|\bright track\b|\bis (?:that|this) clear\b",
                       re.IGNORECASE)
_DETAIL = re.compile(r"\b(?:level|amount|depth) of detail\b|\btoo (?:much|little|high|low)\b|\b(?:deep|detailed) enough\b|\bdeeper\b|"
                     r"\bmore detail\b|\bdepth\b|\bhigh[- ]level\b|\bis (?:that|this) enough\b", re.IGNORECASE)
_GO_ON = re.compile(r"\b(?:should|shall) i (?:keep going|continue|go on)\b", re.IGNORECASE)
AFTER_WORDS = 10  # "...Is this the kind of answer you want, or you want more detail on the scheduler?" ends with it


# The candidate corrects an earlier slip of their own: "Oh, and correction on my earlier math: 50k a second is about 4.3
# billion a day, not 430 million." drew "Opted-in merchants, got it." and the next question (played blind, 2026-12-07)
SELF_CORRECTED = "Good catch, thanks for correcting that."
_CORRECTS_ITSELF = re.compile(r"\b(?:correction (?:on|to) my (?:earlier|last|previous|first)|(?:let me|i (?:need|have|want) to|i should) correct "
                              r"(?:myself|that|my (?:earlier|last|previous|math|number|estimate))|scratch (?:what i said|that)|"
                              r"i (?:misspoke|mis-spoke)|(?:actually|sorry|oops),? (?:that|my (?:earlier|last)) (?:number|math|estimate) was wrong)\b",
                              re.IGNORECASE)


def corrected_line(text: str, plan: Plan) -> str | None:
    """What is said to an answer that corrects the candidate's own earlier slip, before the `plan`'s next turn."""
    return SELF_CORRECTED if plan.action != "wrap_up" and _CORRECTS_ITSELF.search(text) else None


def asks_depth(check_in: str) -> bool:
    """The check-in asks whether the answer is deep enough ("is this the depth you want?")."""
    return bool(_DETAIL.search(check_in))


def check_in_line(text: str, plan: Plan) -> str | None:
    """What is said to an answer that ends by checking in, before the `plan`'s follow-up or next question; None when it
    does not end so, when it is no more than the check-in, or when the round wraps up."""
    found = list(CHECK_IN.finditer(text))
    if not found or plan.action == "wrap_up" or written_as_code(text) or CODE_IN_PROSE.search(text) or HOW_AM_I_DOING.search(text):
        return None  # "how am I doing so far? Is this the depth you want?" has heard that the feedback comes in the report
    last = found[-1]
    before, after = text[: last.start()], text[last.end() :].lstrip().removeprefix("?")  # its own "?" asks nothing more
    if len(before.split()) <= SHORT_WORDS or len(after.split()) > AFTER_WORDS or "?" in after.rstrip().rstrip("?"):
        return None
    asked = text[last.start() :]
    if _GO_ON.search(asked):
        return ENOUGH if plan.action == "follow_up" else None
    if _DETAIL.search(asked):
        return DETAIL
    return FOLLOWED if _FOLLOWED.search(asked) else WANTED
