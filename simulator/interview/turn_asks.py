"""A turn's asks read together: one may fold into another.

A turn that asks for the question itself again: what else it asked folds into that request.

Played blind (2026-12-07, the fifth player): "Oh, uh, making what simple? Sorry, I think I lost the thread. What was
the question again?" was told the last follow-up again (about a story that was never told) and "The rest is your call";
"Uh, wait, fraud model? I think, um, I missed something. What was the original question again?" was told a fact
about the fraud model before the question; "Sorry? I only said hello. I was asking what the role involves day to day."
heard the question again. A candidate who lost the thread wants the question they were asked; the words of the last
follow-up they echo ("fraud model?") are part of asking for it; and a "Sorry?" before what they go on to say is no
request to repeat anything.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..catalog.models import Question
from .asks import Ask
from .round_lines import question_again
from .turn_phrases import HINT, SHORT_WORDS, YOUR_TAKE

LOST_THREAD = re.compile(r"\blost (?:the|my) (?:thread|train of thought)\b|\blost track\b|\bi (?:think i |must have )?missed something\b|"
                         r"\bi'?m (?:a bit |totally |completely )?lost\b", re.IGNORECASE)
_BARE = re.compile(r"^\W*(?:sorry|pardon(?: me)?|what|huh)\W*$", re.IGNORECASE)
ECHO_WORDS = 4  # "fraud model?", "making what simple?": a few words said back, asking nothing of their own
_WORDS = re.compile(r"[a-z][\w']*", re.IGNORECASE)
_FILLERS = frozenset("um umm uh uhh er erm wait oh so sorry".split())


# "I think I covered that earlier: router, then tool calls... Did you want something different, like the network hops?",
# "I think I answered that one already... Is there something missing in that answer?" (played blind, 2026-12-07: both
# drew "That's your call — state your assumption and go on."): the candidate says the follow-up was answered and asks
# what more is wanted. What they say again is the answer; the interviewer takes it and goes on.
_SAID_ALREADY = re.compile(r"\bi (?:think |believe |guess )?(?:i(?:'?ve| have)? )?(?:already |just )?(?:covered|answered|mentioned|explained|"
                           r"described|went (?:over|through)|told you(?: about)?) (?:that|this|it)(?: one)?\b(?! (?:is|was|would|will|isn't|wasn't))",
                           re.IGNORECASE)
_WANTS_MORE = re.compile(r"\b(?:did|do) you want (?:something|anything) (?:else|different|more)\b|\bis (?:there )?(?:something|anything) "
                         r"(?:missing|else you want)\b|\bspecific part you want\b|\bwas (?:something|anything) missing\b", re.IGNORECASE)
SAID_ALREADY = "Fair enough, thanks."


def says_it_was_answered(text: str) -> bool:
    """The candidate says the last question was already answered, and asks what more is wanted."""
    return bool(_SAID_ALREADY.search(text) and _WANTS_MORE.search(text))


def asked_again(asks: list[Ask], text: str, question: Question) -> list[Ask]:
    """The turn's asks, where one asks for the question again: the bank question to a candidate who lost the thread, and
    nothing for the few words they echoed; a bare "Sorry?" opening a turn that goes on to say something is dropped, and
    so is a request for a hint beside a question the reply answers."""
    if len(text.split()) > SHORT_WORDS:
        asks = [a for a in asks if not (a.repeat and _BARE.match(a.text))]
    # "Is nlargest really O(k), or is it more? Can you give me a hint?": the reply to the question is the hint ("The rest
    # is your call" was said to the request, beside "Talk me through why...", played blind, 2026-12-07)
    if any(a.said is not None or a.facts for a in asks):
        asks = [a for a in asks if not HINT.search(a.text)] or asks
    # "I think I was right to escalate? ... What would you have done?": asked for the interviewer's own view, the rest is
    # part of asking it ("I'd rather hear your take... The rest is your call — state your assumption" was played blind)
    if any(a.said == YOUR_TAKE for a in asks):
        asks = [a for a in asks if a.said is not None or a.facts or a.topics or a.term]
    original = question_again(question)
    if not any(a.repeat or a.said == original for a in asks):
        return asks
    if LOST_THREAD.search(text):
        asks = [replace(a, repeat=False, rephrase=False, said=original) if a.repeat else a for a in asks]
    # nor does a question that names nothing a fact or a line answers (beside a request to repeat, "The rest is your
    # call" was said after the question)
    return [a for a in asks if a.repeat or a.said is not None or (a.facts or a.topics or a.term)
            and sum(w.lower() not in _FILLERS for w in _WORDS.findall(a.text)) > ECHO_WORDS]


# "What do you mean by in-line threshold? Is that the threshold used at serving time when the user clicks share, as opposed
# to an offline batch review?" (played blind, 2026-12-07: told a fact about the review team, then 'I haven't pinned down
# "in-line threshold"'): the second question offers a reading of the word the first asked about
_READING_ASK = re.compile(r"^\W*(?:so |and |or )?(?:is (?:that|it)|does (?:that|it) mean|(?:do )?you mean|meaning)\b", re.IGNORECASE)


def with_readings(asks: list[Ask]) -> list[Ask]:
    """The asks, each "Is that X?" straight after an ask about a word no fact explains joined to it as its reading (with
    the facts told for it: they may say which reading holds)."""
    joined: list[Ask] = []
    for ask in asks:
        if joined and joined[-1].term is not None and not joined[-1].facts and _READING_ASK.match(ask.text) and ask.said is None:
            joined[-1] = replace(joined[-1], text=f"{joined[-1].text.rstrip(' ?')}, {ask.text.lstrip()}", facts=ask.facts)
            continue
        joined.append(ask)
    return joined
