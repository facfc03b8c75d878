"""How the clauses of a candidate's turn relate: sentences, what is stated, asides, assumptions put to confirm.

The clarification reader (clarify.py) decides which clauses ask; these helpers decide which of the rest
are an answer. Saying the question back, a sentence on why the candidate asks, or an assumption the
candidate then asks to have confirmed is not an answer; a plan, however short, is.
"""

from __future__ import annotations

import re

from ..catalog.models import Question
from ..scoring.meaning.clauses import Clause
from .turn_phrases import ASK_PURPOSE, ASSUMES, CHECKS_BACK, CONSEQUENCE, INVITES_CORRECTION, META, PLAN, PLAYS_BACK, PREAMBLE, WHY_I_ASK

RESTATED = 0.8  # share of a clause's content words that are the question's when it only says the question back
_STOP_STEMS = {w[:5] for w in "the and are was were that this with for from into what which when where how have has our your " \
               "their there they its it's about just also so we're".split()}


def stems(text: str) -> set[str]:
    return {w[:5] for w in re.findall(r"[a-z0-9]{3,}", text.lower())}


def content_stems(text: str) -> set[str]:
    return stems(text) - _STOP_STEMS


def said_in(text: str, other: str, share: float) -> bool:
    """At least two content words of `text`, and `share` of them, are in `other` too."""
    words = content_stems(text)
    return len(words) >= 2 and len(words & stems(other)) >= share * len(words)


def restates(text: str, question: Question) -> bool:
    """The clause says the question back (nearly every content word is the question's) and plans nothing."""
    return not PLAN.search(text) and said_in(text, question.text, RESTATED)


def starts_sentence(text: str, clauses: list[Clause], i: int) -> bool:
    """A sentence, or a line (bullets: "- which regulators\n- roughly how many orders a day"), starts at clause i."""
    if i == 0:
        return True
    return bool(re.search(r"[.!?]\W*$", clauses[i - 1].text) or re.search(r"[.!?\n]", text[clauses[i - 1].span.end:clauses[i].span.start]))


def sentence_start(text: str, clauses: list[Clause], i: int) -> int:
    """The index of the first clause of the sentence holding clause i."""
    while i > 0 and not starts_sentence(text, clauses, i):
        i -= 1
    return i


def sentence_end(text: str, clauses: list[Clause], i: int) -> int:
    """The index of the last clause of the sentence holding clause i."""
    while i + 1 < len(clauses) and not starts_sentence(text, clauses, i + 1):
        i += 1
    return i


def invited_assumption(text: str, clauses: list[Clause], i: int) -> range:
    """ "Correct me if I'm wrong, but I'm reading X as Y": the clauses after a sentence-opening invitation to correct
    (clause i) in its sentence, which hold the assumption; empty when clause i is no such invitation or is its own
    sentence (then it checks the sentence before it)."""
    if not (INVITES_CORRECTION.match(clauses[i].norm) and starts_sentence(text, clauses, i)):
        return range(0)
    return range(i + 1, sentence_end(text, clauses, i) + 1)


def checks_back(text: str, clauses: list[Clause], i: int) -> bool:
    """Clause i is a question of its own checking the sentence before it ("I'll assume X. Is that the right scope?")."""
    return i > 0 and starts_sentence(text, clauses, i) and bool(CHECKS_BACK.match(clauses[i].norm))


def assumed_before(text: str, clauses: list[Clause], i: int) -> bool:
    """An earlier clause of the sentence holding clause i states an assumption."""
    return any(ASSUMES.search(clauses[j].norm) for j in range(sentence_start(text, clauses, i), i))


def statements(clauses: list[Clause], kinds: list[str | None], question: Question, explaining: set[int]) -> list[int]:
    """The clauses that state something (no question, aside or reason for asking). Saying the question back is an
    aside only before anything else is stated: later, "so a drop in designs exported can be attributed" answers."""
    out: list[int] = []
    for i, (clause, kind) in enumerate(zip(clauses, kinds, strict=True)):
        if kind is not None or i in explaining or PREAMBLE.match(clause.norm) or META.match(clause.norm):
            continue
        if not out and restates(clause.norm, question):
            continue
        out.append(i)
    return out


def put_to_confirm(text: str, clauses: list[Clause], kinds: list[str | None]) -> set[int]:
    """Assumptions the same sentence then asks to have confirmed ("I'll assume X, and that Y — correct me if either is
    off"), or the next sentence does ("I'll assume X, so Y. Is that the right scope?"): put to the interviewer, not yet
    used in an answer."""
    out: set[int] = set()
    for i, kind in enumerate(kinds):
        if kind in ("confirm", "question") and checks_back(text, clauses, i):
            before = range(sentence_start(text, clauses, i - 1), i)
            assumed = next((j for j in before if ASSUMES.search(clauses[j].norm)), None)
            # What the assumption entails ("so one query returns products from many merchants") is still the
            # assumption; a plan after it ("so I'd shard by merchant") is the answer begun.
            if assumed is not None and not any(PLAN.search(clauses[j].norm) for j in range(assumed + 1, i)):
                out.update(range(assumed, i))
        if kind != "confirm":
            continue
        assumed = next((j for j in range(sentence_start(text, clauses, i), i) if ASSUMES.search(clauses[j].norm)), None)
        if assumed is None:
            rest = invited_assumption(text, clauses, i)  # "Correct me if I'm wrong, but I'm reading X as Y"
            if not any(CONSEQUENCE.match(clauses[j].norm) or PLAN.search(clauses[j].norm) for j in rest):
                out.update(rest)
            continue
        between = range(assumed + 1, i)
        if any(CONSEQUENCE.match(clauses[j].norm) or PLAN.search(clauses[j].norm) for j in between):
            continue  # already built on ("..., so features have to be precomputed"): the answer has begun
        out.update(range(assumed, i))
    return out


def explaining(text: str, clauses: list[Clause]) -> set[int]:
    """The clauses of sentences that say why the candidate asks ("The reason I'm asking first is that...") or say the
    problem back to check it ("Let me restate it to check I have it: ..."): no answer."""
    out: set[int] = set()
    sentence: list[int] = []
    for i in range(len(clauses) + 1):
        if i == len(clauses) or starts_sentence(text, clauses, i):
            # "I ask because CLIP is mostly English, so I'd use a multilingual encoder" answers as it explains
            plans = any(PLAN.search(clauses[j].norm) for j in sentence)
            if sentence and WHY_I_ASK.match(clauses[sentence[0]].norm) and not plans:
                out.update(sentence)
            back = next((k for k, j in enumerate(sentence) if PLAYS_BACK.search(clauses[j].norm)), None)
            if back is not None and not plans:  # "Let me restate it to check I have it: ..." says the problem back
                out.update(sentence[back:])
            sentence = []
        if i < len(clauses):
            sentence.append(i)
    return out


def why_asked(text: str, clauses: list[Clause], kinds: list[str | None]) -> set[int]:
    """Clauses that say what an ask just made is for ("..., so I can see whether the gap is awareness or usefulness";
    "Because the comparison group is depend on this."), in its sentence or the one after it: no answer, unless they
    say what the candidate would do."""
    out: set[int] = set()
    for i, clause in enumerate(clauses):
        if kinds[i] is not None or not i or not ASK_PURPOSE.match(clause.norm) or PLAN.search(clause.norm):
            continue
        asked_before = range(sentence_start(text, clauses, i - 1) if starts_sentence(text, clauses, i) else sentence_start(text, clauses, i), i)
        if any(kinds[j] is not None for j in asked_before):
            out.add(i)
    return out
