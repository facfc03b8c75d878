"""Turns that ask to leave the question, or say there is nothing more on it: "Can we move on?", "That's all I've got
on this one.", "Nothing more to add."

Played (2026-12-05): after an answer and a follow-up, "Can we move on to another question?" drew "That's fine. What
signals would you watch in production...?" and "That's all I've got on this one." a third follow-up on the same
design. A real interviewer takes the candidate at their word and moves to the next question; only a first reply that
asks to skip is offered a smaller piece of the question once (engine/round.py), as a pass is.
"""

from __future__ import annotations

import re

from ..scoring.meaning.clauses import split_clauses
from .turn_phrases import CHECK_IN, SHORT_WORDS

MOVING_ON = "Sure, let's move on."  # said before the next question

MOVE_ON = re.compile(
    r"\b(?:can|could|shall|may) (?:we|i) (?:please |maybe |just )?(?:move on|go on to|skip (?:ahead|to|this|that)|"
    r"try (?:a different|another) (?:one|question)|(?:have|get) (?:a different|another|the next) (?:one|question))\b|"
    r"\blet'?s (?:just )?(?:move on|go (?:on )?to the next|skip (?:this|that|ahead))\b|"
    r"\bmove on to (?:the next|another|a different|something else)\b|\bnext question\b|"
    r"\b(?:can|could|shall|may) (?:we|i) (?:please |maybe |just )?(?:move|go|jump|skip)(?: on| ahead)? to (?:the next|another|a "
    r"different) (?:one|problem|exercise|case|design|part|section|topic|step)\b|"  # "Can we move to the next problem?", "...part?"
    # "Can we go to the content safety question now?" (played blind, 2026-12-07: told who owns the system)
    r"\b(?:can|could|shall|may) we (?:please |just |now )?(?:go|move|jump|switch|skip)(?: on| over| ahead)? to the [\w\s-]{1,40}? "
    r"(?:question|one|problem|design|case)(?: now)?\W*$|"
    r"\bthat'?s (?:about |pretty much |really |basically )?(?:all|it|everything) (?:i'?ve got|i have|i'?ve|i can (?:think of|say)|"
    r"from me|for me|i know)\b|\bthat'?s all i (?:have|got|can think of|know)\b|"
    r"\bnothing (?:more|else) (?:to add|i can (?:add|think of)|from me|comes to mind)\b|"
    r"\bi (?:don'?t|do not) have anything (?:more|else)\b|\bi(?:'?ve| have)? (?:got )?nothing (?:more|else)\b|"
    r"\bi'?m (?:done|finished) (?:with|on) (?:this|that|it)\b|^\W*(?:(?:so|ok(?:ay)?|yeah|well|i think|i guess)\W+)*(?:we'?re|i'?m|i am|we are) "
    r"(?:all )?(?:done|finished)(?: here)?\W*(?:thanks?(?: you)?)?\W*$|\bnext one,? please\W*$|^\W*(?:(?:ok(?:ay)?|so|yeah)\W+)?done,? next\b|^\W*(?:(?:ok(?:ay)?|so|alright|right)\W+)*moving on(?: then)?\W*$|\b(?:i think )?that covers (?:it|everything)\b|"
    r"^\W*(?:(?:so|ok(?:ay)?|yeah|um+|uh+|well|i think|i guess)\W+)*that'?s (?:about |pretty much |basically )?(?:it|all)"
    r"(?:\W+(?:yeah|really|i think|i guess|from me|for now|thanks?(?: you)?))*\W*$|^\W*(?:(?:ok(?:ay)?|so|yeah)\W+)?done\W*$|"
    r"\bi (?:think |guess )?(?:i(?:'?ve| have)? )?(?:already )?(?:said|covered|told you) (?:everything|it all|all (?:of it|i (?:can|could|have)))\b|"
    # "Can we stop here? I think I've said what I know." (played, 2026-12-06: "That's your call" to it)
    r"\b(?:can|could|shall|may) we (?:please |maybe |just )?(?:stop|leave it|end it|wrap (?:it |this )?up)(?:(?: it)? (?:here|there|now|for now)\b|\W*$)|"
    r"\bi(?:'?ve| have) (?:said|told you) (?:what|all) i (?:know|can)\b|"
    # "Can I come back to that one later? ... Meanwhile, what's next?" (played blind, 2026-12-07: told a fact)
    r"\bmeanwhile,? what'?s next\b|^\W*(?:(?:so|ok(?:ay)?|alright)\W+)?what'?s next\W*$|"
    # "Can you ask me something else?" (played blind, 2026-12-07: a third question on the same production results)
    r"\b(?:can|could) you (?:please |just )?ask (?:me )?(?:something|anything) else\b|\b(?:ask|give) me (?:a different|another) (?:one|question)\b|"
    r"\b(?:i'?m |i am )?(?:done|finished) with (?:this|that) (?:one|question|case|problem|part)\b",  # "...= 90-day repeat purchase value. Done with this one."
    re.IGNORECASE,
)


# "yeah i think thats all i have for today" drew "Sure, let's move on." and the next question (played blind, 2026-12-07):
# said of the day, the interview or the session, it ends the round, not the question
STOPPING = "Sure, we can stop here."
_FOR_TODAY = re.compile(
    r"\b(?:that'?s|thats) (?:about |pretty much |really |basically )?(?:all|it|everything)\b[^.?!]{0,30}\b(?:for today|for the day)\b(?!['’]s)|"
    r"\bi'?m (?:all )?(?:done|finished) for (?:today|the day)\b|"
    r"\b(?:can|could|shall|may) we (?:please |maybe |just )?(?:stop|end|finish|wrap up)(?: it| things)?(?: here)? (?:for today|for the day|the "
    r"(?:interview|session|round|call))\b|"
    r"\bi(?:'?d| would) (?:like|prefer|rather) to (?:stop|end|finish) (?:here |now )?(?:for today|the (?:interview|session|round|call))\b|"
    r"\bi (?:need|have|got) to (?:go|leave|drop off|hop off)(?: now)?\W*$|\bi (?:gotta|have got to) (?:go|leave|run)\b|"
    # "Sorry, I have to drop off in two minutes for another call, can we wrap up?" (played blind, 2026-12-07: a new question)
    r"\bi(?: need| have| got|'ve got| gotta) to (?:drop(?: off)?|hop off|jump off|leave|go|run) (?:now|soon|shortly|in (?:a|one|two|three|"
    r"five|ten|\d+|a few|a couple(?: of)?) (?:minutes?|mins?))\b",
    re.IGNORECASE,
)


ENDING_CLAUSES = 3  # "...I think that's all I have for today, can we stop here?", "...thats all i have for today sorry i gotta go"


def ends_the_session(text: str) -> bool:
    """The turn ends with the candidate stopping for the day (in one of its last ENDING_CLAUSES): the round closes, with
    what was said kept."""
    last = split_clauses(text)[-ENDING_CLAUSES:]
    return any(_FOR_TODAY.search(c.norm) for c in last) and not any(CHECK_IN.search(c.norm) for c in last)


def asks_to_move_on(text: str) -> bool:
    """The turn asks to leave the question, or says the candidate has nothing more on it, and says little else."""
    clauses = split_clauses(text)
    if not any(MOVE_ON.search(c.norm) for c in clauses) or CHECK_IN.search(text):
        return False  # "Should I keep going, or do you want me to move on?" leaves it to the interviewer
    return sum(len(c.norm.split()) for c in clauses if not MOVE_ON.search(c.norm)) <= SHORT_WORDS


# Asked, not said: "can we move on?", "let's move on", "next question?" ("that's all I've got" after an answer ends it,
# "done with this one" the question)
_ASKED_TO = re.compile(r"\b(?:can|could|shall|should|may) (?:we|i|you)\b|\blet'?s\b|\bnext question\b|\bdone with (?:this|that) (?:one|question|case|problem|part)\b",
                       re.IGNORECASE)


# "...For the canary part, I don't really know how canarying works. Can I pass on that and come back to it later?" drew
# "That's your call" (played blind, 2026-12-07): the rest of the answer counts, and the round moves on
_PASS_REST = re.compile(r"\b(?:can|could|may) (?:we|i) (?:please |just )?(?:skip|pass(?: on)?|come back to)\b", re.IGNORECASE)


# Why the candidate asks to move on, said after asking: "I want to make sure I get to...", "because I'm short on time"
_WHY_MOVE = re.compile(r"^\W*(?:i (?:want|'?d like|would like|wanna) to (?:make sure|get to|leave|save|have time)|(?:because|since|as|so (?:that )?)"
                       r"(?: i| we)\b|i'?m (?:worried|conscious|aware) (?:about|of) (?:the )?time)", re.IGNORECASE)


def move_on_at(text: str) -> int | None:
    """The index of the clause (of split_clauses(text)) with which an answer ends by asking to leave the question, or to
    pass on what is left of it: "...keep update and top_k calling that. Um, can we move on?" drew "That's your call —
    state your assumption and go on." and no next question (played blind, 2026-12-07). The answer counts; the next
    question comes. None when the answer does not end so."""
    clauses = split_clauses(text)
    if len(clauses) > 2 and _WHY_MOVE.match(clauses[-1].norm):  # "...Can we move to the next question? I want to make sure
        clauses = clauses[:-1]  # I get to the feature-library one." (played blind, 2026-12-07: "That's your call")
    last = clauses[-1].norm if clauses else ""
    if len(clauses) > 1 and bool(MOVE_ON.search(last) and _ASKED_TO.search(last) or _PASS_REST.search(last)) and not CHECK_IN.search(text):
        return len(clauses) - 1
    return None


def ends_asking_to_move_on(text: str) -> bool:
    return move_on_at(text) is not None
