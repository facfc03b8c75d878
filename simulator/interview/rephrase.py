"""What the interviewer says when asked what it meant: what its last question is after.

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
from ..scoring.meaning.clauses import story_question
from .follow_up_text import question_alone

_YOU = r"(?:you|u|ya)"
_END = r"(?=\s*(?:[.?!,;]|$))"  # the end of the sentence: "Could you unpack that a bit? I'm not sure what..."
# Asks what the interviewer meant, naming nothing of the problem: "what do you mean (by that)?", "in what sense?", "could
# you unpack that?", "I'm not sure what you're asking", "sorry, I don't follow", "can you put it another way?".
REPHRASE = re.compile(
    rf"\bwhat (?:exactly )?(?:do |did )?{_YOU} mean(?:t)?(?: (?:by|with) (?:that|this|it|the question|your question|this question|"
    rf"the last (?:one|question)))?(?:,? (?:exactly|here|there|sorry|like))*{_END}"
    rf"|^\W*(?:(?:sorry|um+|uh+|so|ok|okay|hmm+)\W+)*(?:meaning what|in what sense|in what way)(?: exactly)?{_END}"
    rf"|\b(?:explain|clarify|elaborate on|unpack|expand on|break (?:it|that|this) down)(?: a bit| a little)?(?: (?:what {_YOU} mean|"
    rf"what {_YOU} meant|what {_YOU}(?:'re| are) (?:asking|after|looking for)|the question|your question|this question|that(?: question)?|it))?"
    rf"(?: (?:a bit|a little|please|again|more|simpler|more simpl[ey]|more simply))*{_END}"
    rf"|\bnot (?:quite |really |totally |entirely )?sure (?:what|which) (?:kind of |sort of |type of )?(?:answer |thing |level of detail )?"
    rf"{_YOU}(?:'re| are)? (?:asking|after|looking for|getting at|mean|want)\b"
    rf"|\bnot (?:quite |really )?sure i (?:follow|understand|understood|get|got)(?: (?:it|you|that|the question|the q|what {_YOU} mean))?{_END}"
    rf"|\b(?:don'?t|do not|didn'?t|did not|can'?t|cannot) (?:quite |really |fully )?(?:follow|get|understand)(?: (?:you|that|it|this|"
    rf"the question|your question|this question|the q|what (?:is|'s) the question|what {_YOU} (?:mean|meant|are asking|'re asking|"
    rf"are after|'re after|want)))?(?: (?:good|well|fully|exactly|sorry))*{_END}"
    rf"|\bi not (?:catch|understand|get|follow)\b"
    rf"|\bwhat (?:exactly )?(?:are|were) {_YOU} (?:actually |really )?(?:looking for|asking|getting at|after)(?: me)?"
    rf"(?: (?:exactly|here|with (?:that|this|it)(?: question)?|sorry))*{_END}"
    rf"|\bwhat (?:kind|sort|type|level) of (?:answer|detail|depth|response) (?:are|do|should|would) (?:{_YOU}|i)\b"
    rf"|\bwhat (?:kind |sort |type )?(?:of )?(?:answer|detail|depth|response|thing)s? {_YOU}(?:'re| are)? (?:looking for|after|expecting)\b"
    rf"|\bwhat (?:exactly )?(?:do|would) {_YOU} (?:want|like) me to (?:cover|say|answer|talk about|focus on|go into)\b"
    # "Sorry, which part do you want me to go deeper on?" (played, 2026-12-05: "That's your call")
    rf"|\b(?:what|which) (?:part|bit|aspect|side|piece|area)s? (?:of (?:it|that|this|the question) )?(?:do|would|should) (?:{_YOU} (?:want|like) me to|i) "
    r"(?:go deeper|go into|focus|expand|elaborate|dig|dive|talk about|cover|answer)\b"
    # "Is there a specific part you want more on?" (played blind, 2026-12-07: "That's your call")
    rf"|\bis there (?:a |any )?(?:specific |particular )?(?:part|bit|aspect|area|piece) {_YOU} (?:want|would like)(?: me to (?:say|go into))? more (?:on|about)\b"
    r"|\brephrase\b|\b(?:put|say|ask|word) (?:it|that|the question|this) (?:in )?(?:another|a different|other|different) (?:way|words)\b"
    r"|\b(?:say|ask|put|word|phrase) (?:it|that|this|the question|your question) differently\b|\bin other words\W*$"
    # "Can you explain with other words?" (played blind, 2026-12-07: 'I haven't pinned down "with other words"')
    r"|\b(?:explain|say|ask|put|repeat) (?:it |that |this |the question )?(?:with|in|using) (?:other|different|simpler|easier) words\b",
    re.IGNORECASE,
)
# ... and a "term" it names that is only the question, a pronoun or how to say it: "what do u mean", "explain more simple".
QUESTION_ITSELF = re.compile(r"^\W*(?:(?:the |your |that |this )?(?:question|q|last (?:one|question)|point)|u|you|ya|it|that|this|"
                             r"(?:it |that )?(?:more )?simpl(?:e|er|y)|(?:(?:the |your |this )?question )?(?:with|in|using) (?:other|different|simpler|easier) words)\W*$",
                             re.IGNORECASE)
SHORT_TURN_WORDS = 24  # a turn of this many words or fewer that asks what was meant asks only that


def asks_what_was_meant(text: str, term: str | None) -> bool:
    """A turn (or one clause of it) that asks the interviewer to say its question another way; `term`, the word it
    names (terms.term_asked), is none or the question itself: "when you say X, what do you mean?" asks about X."""
    return bool(REPHRASE.search(text.strip())) and (term is None or bool(QUESTION_ITSELF.match(term)))


_NOT_THE_WORD = {"like", "what", "sorry", "so", "um", "uh", "exactly", "here", "there", "mean", "by", "the", "a", "an"}


def interviewers_word(term: str, last_asked: str | None, question: Question) -> bool:
    """ "What do you mean by signals?" about the interviewer's own words: its follow-up's question (not the candidate's
    words it quoted before the colon), or a story question's, which has no facts and nothing to define."""
    words = [w for w in re.findall(r"[\w-]+", term.lower()) if w not in _NOT_THE_WORD]
    if not words or not last_asked:
        return False
    if last_asked == question.text:  # a question with no facts has nothing to define: "good enough for whom?" asks what it means
        asked = question.text if story_question(question.text) or not question.facts else ""
    else:
        asked = last_asked.split(": ", 1)[-1]  # "You mentioned the distilled model: what alternative...?"
        if any(re.search(rf"\b{re.escape(w)}\b", question.text, re.IGNORECASE) for w in words):
            return False  # the problem's own word: its fact, or the candidate's to define
    return all(re.search(rf"\b{re.escape(w)}\b", asked, re.IGNORECASE) for w in words)


def what_it_is_after(last_asked: str, criterion: Criterion | None, probes: list[str], question: Question,
                   criteria: list[Criterion]) -> str:
    """The last question with what it is asking about: a follow-up as its criterion and the probe it was planned on
    (the criterion's other probe is another question, not these words again), the bank question with the criteria it
    is listening for."""
    if criterion is not None:
        last_asked = question_alone(last_asked)
        said = last_asked.lower()
        planned = next((p for p in probes if p.lower().rstrip("?") in said), last_asked)
        planned = planned[0].lower() + planned[1:] if planned[1:2].islower() and planned[:2] != "I " else planned
        return f"I'm asking about {criterion.title.lower()}: {planned}"  # "...: what did you...", as the probes are said
    titles = [c.title.lower() for c in criteria]
    listening = titles[0] if len(titles) == 1 else ", ".join(titles[:-1]) + " and " + titles[-1]
    return f"What I'm listening for: {listening}. Again: {question.text}"  # "your correct solution" would presume one


def rephrased_for(last_asked: str | None, criterion_id: str | None, question: Question,
                  criterion_of: Callable[[str], Criterion], probes_of: Callable[[str], list[str]]) -> str:
    """`what_it_is_after` for the round's last interviewer question (`criterion_id`: the follow-up's, None for the
    bank question)."""
    criterion = criterion_of(criterion_id) if criterion_id else None
    probes = [*probes_of(criterion.id), *filter(None, (criterion.looking_back, criterion.after_failing_run))] if criterion else []
    return what_it_is_after(last_asked or question.text, criterion, probes, question, [criterion_of(c) for c in question.criteria])
