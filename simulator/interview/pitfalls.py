"""A wrong claim the rubric knows the question invites, challenged as a real interviewer would: "most_common already
breaks ties alphabetically" draws "What does most_common return for two queries with equal counts, 'b' seen before
'a'?".

Played blind (2026-12-07, the seventh player): "Counter.most_common breaks ties alphabetically", "union-find with path
compression is O(n squared)", "temperature 0 makes it fully deterministic on any hardware", "KS's p-value doesn't depend
on sample size", "BLEU directly measures factual correctness" were each left standing, some with "X, got it.". No model
here can tell a wrong claim from a right one; the question's authors can, so each question's `pitfalls` name the claims
and their challenge (catalog/question.py), and this module reads whether an answer makes one: a regex in one sentence,
not a question, not set apart as what others get wrong ("a common mistake is..."), and with no negator in the matched
words or before them in their clause ("temperature 0 isn't deterministic"), unless the regex spells or needs that
negator (a claim that is itself a denial: "eval mode has no randomness"). Each pitfall is challenged once on its question.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from ..catalog.models import Question
from ..catalog.question import QuestionPitfall
from ..engine.turns import Speaker, Turn
from ..scoring.meaning.spoken import normalise_spoken
from .asks import Ask, Clarification

_NEGATOR = re.compile(r"\b(?:not|never|no|none|nothing|nobody|neither|nor|cannot|can't|won't|isn't|aren't|doesn't|don't|didn't|"
                      r"wasn't|weren't|shouldn't|wouldn't|hardly|without)\b|n't\b", re.IGNORECASE)
# The claim said as what others believe, to be refuted: "a common mistake is thinking temperature 0 is deterministic"
# (not "false positives" or "what went wrong")
_DISTANCED = re.compile(r"\b(?:(?:a|the|common|classic|typical) (?:mistake|pitfall|trap)|myths?|misconceptions?|mistaken(?:ly)?|"
                        r"wrongly|incorrectly|naive(?:ly)?|people (?:often )?(?:think|assume|believe)|it'?s tempting|"
                        r"(?:not|n't) (?:true|the case|correct|right) that|contrary to|(?:is|'s|was) (?:a )?(?:wrong|false|incorrect)(?: to| that| claim)?)\b",
                        re.IGNORECASE)
_CLAUSE_START = re.compile(r"[,;:]\s|\s(?:but|although|though|whereas|while|however|so|because|since)\s", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")


def _claims_own(pattern: str, sentence: str, negator: re.Match[str]) -> bool:
    """The regex spells the negator as a word ("(?:kept|accepted) without edit", "didn'?t edit"), or needs it to match
    the sentence: the denial is the claim ("eval mode has no randomness")."""
    spelled = re.sub(r"\\[a-zA-Z]|\?", "", pattern.lower())
    return re.search(rf"(?<![a-z']){re.escape(negator.group().lower())}(?![a-z])", spelled) is not None \
        or re.search(pattern, sentence[:negator.start()] + sentence[negator.end():], re.IGNORECASE) is None


def _says(sentence: str, pattern: str) -> bool:
    for match in re.finditer(pattern, sentence, re.IGNORECASE):
        starts = [c.end() for c in _CLAUSE_START.finditer(sentence, 0, match.start())]
        negators = _NEGATOR.finditer(sentence, starts[-1] if starts else 0, match.end())
        if all(_claims_own(pattern, sentence, n) for n in negators):
            return True
    return False


def said_in(text: str, patterns: Sequence[str]) -> str | None:
    """The first sentence of `text` (as spoken: "temperature zero" reads "temperature 0") that makes the claim the
    regexes `patterns` stand for, or None."""
    for sentence in _SENTENCE_END.split(normalise_spoken(text)):
        if sentence.strip() and not sentence.rstrip().endswith("?") and not _DISTANCED.search(sentence):
            if any(_says(sentence, pattern) for pattern in patterns):
                return sentence
    return None


def pitfall_met(text: str, question: Question, turns: Sequence[Turn]) -> QuestionPitfall | None:
    """The first of the question's pitfalls that the answer `text` falls into and that was not challenged on it yet."""
    said = [t.text for t in turns if t.speaker is Speaker.INTERVIEWER and t.question_id == question.id]
    return next((p for p in question.pitfalls if not any(p.ask in line for line in said) and said_in(text, p.said) is not None), None)


def with_challenge(read: Clarification | None, pitfall: QuestionPitfall | None, text: str) -> Clarification | None:
    """The reply to the turn `text` (`read`: what the rest of the reader made of it) with the challenge to the `pitfall` it
    fell into (pitfall_met): after the facts it asked for ("The budget is 200 ms p95. What does most_common
    return...?"), else alone. The answer counts, and the question stays open for the reply to the challenge."""
    if pitfall is None:
        return read
    if read is not None and read.about_problem and any(a.facts for a in read.asks):
        return replace(read, reply=f"{read.reply} {pitfall.ask}", also_answer=True, waits=True)
    return Clarification(asks=(Ask(text=text, topics=(), facts=(), said=pitfall.ask),), also_answer=True, reply=pitfall.ask, waits=True)
