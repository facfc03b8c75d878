"""What the interviewer does with the reply to a rubric probe before planning anything new: asks again, or asks the
half it left out.

Why: a real interviewer does not let a follow-up go unanswered. A reply that says nothing of the probe's point is asked
it again ("Let me come back to what I asked."); one that answers one half of a two-part probe ("What changed in
numbers, and what were you comparing against?" answered with the numbers) is asked the other half ("And what were you
comparing against?"). Each at most once a question: pressing on every reply is badgering, not listening.
"""

from __future__ import annotations

import re

from ..catalog import Criterion, Question
from .evidence import Dodged, Readable, Unanswered
from .guard import content_words
from .other_half import answered, halves
from .plan import Probe


_POINTS_BACK = re.compile(r"\b(?:it|its|them|they|their|those|these|that|this)\b", re.IGNORECASE)
# A reply that says only that it depends ("It depends on a lot of things really."): too short to be read as a dodge,
# and a real interviewer asks on what (played, 2026-12-05: the next criterion was probed as if it had answered).
_IT_DEPENDS = re.compile(
    r"^\W*(?:(?:well|um+|uh+|so|honestly|i mean|i think|i guess|i'd say|hmm+)\W+)*(?:it|that|this) (?:really |all |kind of |sort of "
    r"|just )?depends\b(?:\s+on)?(?:\s+(?:a lot of|lots of|many|several|various|a few|different|the|a|so many))?"
    r"(?:\s+(?:things|factors|stuff|situation|case|context|use case|details|data|circumstances))?\W*(?:really|honestly|i guess)?\W*$",
    re.IGNORECASE)
DEPENDS_ON_WHAT = "Depends on what, here? Pick the one that matters most and tell me how it changes your answer."
# A short reply is read weak on the criterion as a whole because it is short, not because it talks round the point: one
# of this many words or fewer that says what the probe asks for ("tf-idf plus logistic regression on the ticket text"
# to "What would the simplest baseline be?") answered it. Played (2026-12-05): 14 of 23 presses came after such a
# reply at 35 words; the next rounds (thirty-fourth session) had 6 of 6 presses after direct answers of 38-55 words.
# On the 265 dodges and 285 answers written blind (tests/data/dodge_blind*.yaml) 60 words presses 149 dodges (175 at
# 35) and 9 answers (14 at 35): a press after an answer is the worse error, since the candidate hears they were not
# listened to.
SHORT_REPLY_WORDS = 60
_OPENING_WORDS = 12
# "i already said it: ...", "I mean, like I said, ...", "same ones i said", "Same design as I just described: ..."
_SAID_ALREADY = re.compile(r"\b(?:(?:i|as i|like i) (?:already |just )?(?:said|mentioned|told you|answered|covered)|"
                           r"(?:the )?same (?:\w+ )?(?:as|that|ones?) (?:i|we) (?:just |already )?(?:said|described|"
                           r"mentioned|explained|went through)|as (?:mentioned|i said))\b", re.IGNORECASE)
# The probe's premise denied first ("There's no training there, the judge is eval only", "The policy is not a choice",
# "If you mean the alternative to RAG: ..."): a reply to what was asked, if not the one the probe expected.
_PREMISE_DENIED = re.compile(r"^\W*(?:(?:well|um+|uh+|so|hmm+|actually|i mean)\W+)*(?:there(?:'s| is) no \w+|(?:that|this|it|"
                             r"the \w+) (?:is not|isn't|doesn't|does not|wasn't|was not) (?:a |an |the |really )?\w+|if you mean|"
                             r"(?:that|this|it) (?:doesn't|does not) apply|not applicable|there (?:were|was|are) no \w+|"
                             # "It didn't go to production, it was a research project." (played blind, 2026-12-07: pressed
                             # on its production results, twice)
                             r"(?:that|this|it|we|i|the \w+) (?:didn'?t|did not|never) (?:(?:go|make it|get|got) (?:to|into|live|out)|"
                             r"(?:reach|ship|launch|deploy)\w*))\b",
                             re.IGNORECASE)

# A short reply saying there was none of it ("We never had any metric on it after launch, no adoption numbers,
# nothing."): asked again, it would ask for what was just said not to exist (played, 2026-12-06).
_NONE_THERE = re.compile(r"\b(?:never|didn'?t|did not|don'?t|do not|wasn'?t|weren'?t) (?:\w+ ){0,2}(?:had|have|measured|"
                         r"measure|tracked|track|logged|collected|monitored)\b|\bno (?:\w+ ){0,2}(?:numbers?|metrics?|data|"
                         r"measurements?|tracking|baseline|results?|monitoring|alerts?)\b", re.IGNORECASE)


class Presser:
    def __init__(self, dodged: Dodged, unanswered: Unanswered, readable: Readable | None = None) -> None:
        self.dodged = dodged
        self.unanswered = unanswered
        self.readable: Readable = readable or (lambda reply: reply)
        self._pressed: set[str] = set()  # questions a dodged probe was asked again on
        self._halved: set[str] = set()  # questions a probe's other half was asked on

    def forget(self, question_id: str) -> None:
        """Another story is told for the question: its follow-ups start over."""
        self._pressed.discard(question_id)
        self._halved.discard(question_id)

    def trim(self, probe: Probe, answer: str) -> Probe:
        """A two-part probe whose one half the answer already gave asks only the other ("Why was your success metric
        the right one for users?" after "guardrail page latency", played 2026-12-05: both were asked, twice). A half
        that points back at the other ("what does serving them cost?") is not said alone."""
        left = self.unanswered(probe.canned, answer) if probe.kind == "probe" else None
        if left is None or _POINTS_BACK.search(left):
            return probe
        alone = left.removeprefix("And ")
        return probe.model_copy(update={"canned": alone[:1].upper() + alone[1:]})

    def press(self, criterion: Criterion, probe: Probe, question: Question, reply: str) -> tuple[Probe, str] | None:
        """The probe to ask again, or the half of it left out, with the reason; None when the reply answered it. Words
        said to the grader answer nothing ("...say my score is 4" read as a figure, and spared a press)."""
        reply = self.readable(reply)
        if question.problem is not None and _CODE.match(reply):
            return None  # code answers with its run (played blind, 2026-12-07: "Let me come back to what I asked." to it)
        own = next((f for f in question.follow_ups if f.ask == probe.canned), None)
        if own is not None and any(re.search(h, reply, re.IGNORECASE) for h in own.heard):
            return None  # heard as the question's own follow-up says it is ("...which was their quarterly goal", played blind)
        if question.id not in self._pressed and _IT_DEPENDS.match(reply):
            self._pressed.add(question.id)
            return (probe.model_copy(update={"kind": "depends_on", "canned": DEPENDS_ON_WHAT}),
                    "the reply said only that it depends: asked on what")
        # a part of the question is asked once, in its own words: the criterion's reading of the reply is not its test
        if question.id not in self._pressed and probe.kind != "part" and not _answers_in_words(probe.canned, reply) \
                and not (probe.own_subject and _takes_up(probe.canned, question.text, reply)) \
                and self.dodged(criterion, question.text, reply):
            self._pressed.add(question.id)
            return probe.model_copy(update={"kind": "press"}), f"the reply said nothing of {probe.criterion}: asked again"
        left = self.unanswered(probe.canned, reply) if question.id not in self._halved else None
        if left is None:
            return None
        self._halved.add(question.id)
        return (probe.model_copy(update={"kind": "other_half", "canned": left}),
                f"the reply answered one half of the probe on {probe.criterion}: the other asked")


_CODE = re.compile(r"^\s*(?:def \w+\(|class \w+|import \w|from [\w.]+ import |(?i:select|with) \w)")


def _takes_up(ask: str, question: str, reply: str) -> bool:
    """The reply says a word of a question's own follow-up that the bank question did not: the criterion's reading of
    it is no test of the follow-up's narrower point (played, 2026-12-06: "lower max depth first, say to 4-5" to "Which
    regularization knob on the 500 depth-8 fraud trees would you turn first?" was pressed, and 4 more like it)."""
    return bool((content_words(ask) - content_words(question)) & content_words(reply))


def _answers_in_words(probe: str, reply: str) -> bool:
    """A short reply that says what the probe (or one of its halves) asks for, says it was said already, denies
    the probe's premise, or says there was none of it."""
    if _SAID_ALREADY.search(" ".join(reply.split()[:_OPENING_WORDS])) or _PREMISE_DENIED.match(reply):
        return True
    if len(reply.split()) <= SHORT_REPLY_WORDS and _NONE_THERE.search(reply):
        return True
    return len(reply.split()) <= SHORT_REPLY_WORDS and any(answered(part, reply) for part in halves(probe) or (probe,))
