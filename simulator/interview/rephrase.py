"""What the interviewer says when asked what it meant: its last question in other words.

Played on 2026-12-04: after "Which signals would you watch in production, and at what threshold would you
alert?", "What do you mean by that exactly?" got "That's your call — state your assumption and go on", and
"Sorry, I don't follow." was taken for an answer and pressed. A real interviewer says what the question is
after: a follow-up's criterion (monitoring, safe rollout) and the probe, the bank question's criteria. A word the
interviewer's own follow-up used ("what do you mean by signals?") is explained the same way: it is not a term of
the problem for the candidate to define.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..catalog import Criterion, Question

# Asks what the interviewer meant, naming nothing of the problem: "what do you mean (by that)?", "could you clarify
# the question?", "I'm not sure what you're asking", "sorry, I don't follow", "can you put it another way?".
REPHRASE = re.compile(
    r"\bwhat (?:exactly )?(?:do|did) you mean(?: (?:by|with) (?:that|this|it|the question|your question|the last (?:one|question)))?"
    r"(?:,? exactly|,? here|,? there|,? sorry)?\W*$"
    r"|\b(?:explain|clarify|elaborate on|unpack|expand on) (?:a bit )?(?:what you mean|what you meant|what you(?:'re| are) (?:asking|after|looking for)|"
    r"the question|your question|that(?: question)?|it)(?: a bit| please| again)?\W*$"
    r"|\bnot (?:quite )?sure (?:what|which) (?:you(?:'re| are)|you) (?:asking|after|looking for|getting at|mean)\b"
    r"|\bnot (?:quite )?sure i (?:follow|understand|understood|get it|got it)\W*$"
    r"|\b(?:don'?t|do not|didn'?t|did not) (?:quite |really )?(?:follow|get|understand)(?: (?:you|that|it|the question|your question|"
    r"what you (?:mean|meant|are asking|'re asking|are after|'re after)))?\W*$"
    r"|\bwhat (?:exactly )?(?:are|were) you (?:looking for|asking|getting at|after)(?: (?:exactly|here|with (?:that|this|it)(?: question)?))?\W*$"
    r"|\brephrase\b|\b(?:put|say|ask|word) (?:it|that|the question|this) (?:in )?(?:another|a different|other|different) (?:way|words)\b"
    r"|\b(?:say|ask|put) (?:it|that|this) differently\b|\bin other words\W*$",
    re.IGNORECASE,
)
SHORT_TURN_WORDS = 24  # a turn of this many words or fewer that asks what was meant asks only that


QUESTION_ITSELF = re.compile(r"^\W*(?:the |your |that |this )?(?:question|last (?:one|question)|point)\W*$", re.IGNORECASE)


def asks_what_was_meant(text: str, term: str | None) -> bool:
    """A turn (or one clause of it) that asks the interviewer to say its question another way; `term`, the word it
    names (terms.term_asked), is none or the question itself: "when you say X, what do you mean?" asks about X."""
    return bool(REPHRASE.search(text.strip())) and (term is None or bool(QUESTION_ITSELF.match(term)))


def word_of_the_follow_up(term: str, last_asked: str | None, question: Question) -> bool:
    """ "What do you mean by signals?" about a word of the interviewer's follow-up, not of the problem's text."""
    if not last_asked or last_asked == question.text:
        return False
    word = rf"\b{re.escape(term.strip())}\b"
    return bool(re.search(word, last_asked, re.IGNORECASE)) and not re.search(word, question.text, re.IGNORECASE)


def in_other_words(last_asked: str, criterion: Criterion | None, probes: list[str], question: Question,
                   criteria: list[Criterion]) -> str:
    """The last question with what it is asking about: a follow-up as its criterion and the probe it was planned on
    (the criterion's other probe is another question, not these words again), the bank question with the criteria it
    is listening for."""
    if criterion is not None:
        said = last_asked.lower()
        planned = next((p for p in probes if p.lower().rstrip("?") in said), last_asked)
        return f"I'm asking about {criterion.title.lower()}: {planned}"
    titles = [c.title.lower() for c in criteria]
    listening = titles[0] if len(titles) == 1 else ", ".join(titles[:-1]) + " and " + titles[-1]
    return f"What I'm listening for is your {listening}. Again: {question.text}"


def rephrased_for(last_asked: str | None, criterion_id: str | None, question: Question,
                  criterion_of: Callable[[str], Criterion], probes_of: Callable[[str], list[str]]) -> str:
    """`in_other_words` for the round's last interviewer question (`criterion_id`: the follow-up's, None for the
    bank question)."""
    criterion = criterion_of(criterion_id) if criterion_id else None
    return in_other_words(last_asked or question.text, criterion, probes_of(criterion_id) if criterion_id else [],
                          question, [criterion_of(c) for c in question.criteria])
