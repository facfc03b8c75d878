"""What a question's own follow-up picks up when its trigger matched a verb: the verb and what it was done to.

Played (2026-12-06): "...and cache the results per design so repeated edits are cheap" triggered "What hit rate would
it need...?", but a noun phrase is all an anchor could be, none held "cache", and "200 candidates, got it." (another
phrase of the answer) was said before the question. A real interviewer says the action back: "You mentioned caching
the results per design: what hit rate would it need...?".
"""

from __future__ import annotations

import re

from ..engine.guard import safe_phrase
from ..scoring.text import Span
from .anchor import MIN_SCORE, Phrase
from .anchor_words import VERBS, gerund

OBJECT_WORDS = 5
_WORD = re.compile(r"\d+(?:[.,]\d+)*%?|[A-Za-z0-9][\w'’-]*|[^\w\s]")  # "1.8%" is one word
# Where what the verb was done to ends: a clause mark, or a word that starts another part of the sentence.
_ENDS = frozenset("so and but because which that then when while if with to until since as or where who whose before "
                  "after than first again instead later too also now today myself ourselves yourself themselves itself "
                  "ourself once".split())
_TRAILING = frozenset("the a an of from to in on at for with by per and our their its my your this these".split())
_OBJECT_STARTS = frozenset("the a an our their its my your this these those every each all some".split())
_PRONOUNS = frozenset("it them this that these those everything something anything each all both some any one us me him "
                      "her".split())


_DETERMINER = re.compile(r"\b(?:a|an|the|our|my|your|their|his|her|its|this|that|these|those|each|every|one)\s+$", re.IGNORECASE)


def done_to(said: str, start: int, end: int, answer: int = 0) -> Phrase | None:
    """The verb said at `start`-`end` of `said` and the words it acts on, named as "caching the results per design";
    None where the match is no verb, or what follows is nothing to name (a pronoun, a clause mark)."""
    word_start = start
    while word_start > 0 and (said[word_start - 1].isalnum() or said[word_start - 1] in "-'’"):
        word_start -= 1
    verb = _WORD.match(said, word_start)
    if verb is None or (form := gerund(verb.group())) is None or _DETERMINER.search(said[:word_start]):
        return None  # "I wrote a design doc proposing...": after "a", a noun ("designing doc proposing..." was said, 2026-12-06)
    words: list[re.Match[str]] = []
    for token in _WORD.finditer(said, verb.end()):
        if not token.group()[0].isalnum() or token.group().lower() in _ENDS or len(words) == OBJECT_WORDS:
            break
        words.append(token)
    while words and words[-1].group().lower() in _TRAILING:  # "dropping off-topic from the" ends before "first"
        words.pop()
    if not words or words[0].group().lower() in _PRONOUNS or words[0].group().lower() in VERBS:
        return None  # "online designs started fell 1.8%": a verb after it, so the match was its subject (played, 2026-12-06)
    past = verb.group().lower().endswith(("ed", "en"))
    if past and not (words[0].group().lower() in _OBJECT_STARTS or words[0].group()[0].isdigit()):
        return None  # "expected cost", "distilled model": said before a noun, it describes it; "cached the results" acts
    phrase = Phrase(text=said[words[0].start():words[-1].end()], span=Span(word_start, words[-1].end()), score=MIN_SCORE,
                    answer=answer, gerund=form)
    return phrase if safe_phrase(phrase.spoken) else None
