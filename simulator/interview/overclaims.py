"""A sweeping claim the candidate makes about a technique, challenged as a real interviewer would: "You said "deep
models always beat GBTs on tabular data". Is that always true? When would it not hold?"

Played blind (2026-12-07, the fifth and sixth players): "Lambda is also always more expensive than containers at any
traffic level", "Random splits are always fine for tabular data otherwise", "deep models always beat GBTs on tabular
data", "fine-tuning basically always eliminates hallucinations", "minor versions don't break anything by definition, so
upgrades are always safe", "MAPE is the best metric for any forecast, it has no weaknesses": each was left standing, and
the round moved on. Whether a claim is wrong is not read (no fact holds it); that it is said as true without exception
is, in a few shapes: "always" before a comparison or a verdict, "by definition", "no weaknesses", "the best ... for any",
"can't hurt", "never fails". Over the 5,325 answers of the scoring corpus and `tests/data`, these shapes fire on 3
sentences ("quantization basically can't hurt relevance", one of the corpus's wrong claims, among them). The candidate's
own practice ("we always ran a canary") is not challenged, nor is a claim twice on one question.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..engine.turns import Speaker, Turn
from .asks import Ask, Clarification

_SWEEPING = re.compile(
    r"\balways (?:beats?|better|worse|more|less|cheaper|dearer|faster|slower|fine|safe|eliminates?|fixes|outperforms?|superior)\b|"
    r"\bno (?:weakness(?:es)?|downsides?)\b|\bbest (?:\w+ ){0,2}for (?:any|every|all)\b|\bby definition\b|\bcan'?t (?:possibly )?hurt\b|"
    r"\bnever (?:hurts?|fails?|matters?|breaks? anything)\b", re.IGNORECASE)
# "we always ran a canary", "I'd always break it down": the candidate's own practice; "I think", "I've read" report a claim
_OWN_PRACTICE = re.compile(r"^\W*(?:(?:and|but|so|also|honestly|actually|then|well|um+|uh+)\W+)*(?:i|we|i'd|we'd|i'll|we'll|my|our)\s+"
                           r"(?!(?:think|believe|guess|feel|know|read|heard|'ve read|have read|'ve heard|have heard)\b)", re.IGNORECASE)
_LEAD = re.compile(r"^\W*(?:(?:and|but|so|also|honestly|actually|anyway|plus|oh|um+|uh+|since|because|given|i think|i believe|i(?:'ve| have) read|"
                   r"i(?:'ve| have) heard|i guess)\W+)*(?:that\s+)?", re.IGNORECASE)
_FILLER = re.compile(r"(?:um+|uh+|erm|like,)", re.IGNORECASE)
_CLAUSE_END = re.compile(r"[,;.!?](?:\s|$)| - | — ")
CHALLENGE = "Is that always true? When would it not hold?"
QUOTE_WORDS = 16


def _claim(sentence: str, at: int) -> str | None:
    """The clause of `sentence` that says the sweeping thing (`at`: where its marker is), without its lead-in and
    fillers; None where the clause asks ("Is fine-tuning always better?")."""
    start = max(sentence.rfind(mark, 0, at) for mark in (",", ";", " - ", " — ", " so "))
    end = _CLAUSE_END.search(sentence, at)
    if end is not None and end.group().startswith("?"):
        return None
    clause = sentence[start + 1 if start >= 0 else 0:end.start() if end else len(sentence)]
    words = [w for w in _LEAD.sub("", clause.strip()).split() if not _FILLER.fullmatch(w)]
    return " ".join(words[:QUOTE_WORDS]).rstrip(" ,;.")


def challenged(text: str, question_id: str | None, turns: Sequence[Turn]) -> Clarification | None:
    """The challenge to the first sweeping claim of the answer `text`, or None: no claim, the candidate's own practice,
    or one challenged already on this question. The answer counts, and the question stays open for the reply to it."""
    if any(t.speaker is Speaker.INTERVIEWER and t.question_id == question_id and t.text.endswith(CHALLENGE) for t in turns):
        return None
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        match = _SWEEPING.search(sentence)
        if match is None or _OWN_PRACTICE.match(sentence):
            continue
        claim = _claim(sentence, match.start())
        if claim is None or len(claim.split()) < 3:
            continue
        reply = f'You said "{claim}". {CHALLENGE}'
        return Clarification(asks=(Ask(text=sentence, topics=(), facts=(), said=reply),), also_answer=True, reply=reply, waits=True)
    return None
