"""Turns that pass on the question: "I don't know", "can we skip this one?", "I've never worked on ranking, so I'm not
sure.", "Nothing comes to mind."

Such a turn is no answer: nothing in it is for a follow-up to name, and it is not evidence. The interviewer offers a
smaller piece of the question once, then moves on (engine/round.py).
"""

from __future__ import annotations

import re

from ..engine.plan import Plan
from ..engine.round import RoundEngine
from ..scoring.meaning.clauses import Clause, split_clauses
from .check_ins import check_in_line, corrected_line
from .moving_on import MOVING_ON, STOPPING, asks_to_move_on, ends_asking_to_move_on, ends_the_session
from .named_question import coded_for, goes_to
from .question_phrases import HOW_AM_I_DOING
from .turn_phrases import ANSWER_WORDS, HINT, SHORT_WORDS, asks_repeat

# Giving up on the question inside a longer turn ("I don't know GNNs well enough. Can we skip that part?").
CHECKED_IN = "check-in"  # the turn source of a check-in answered (check_ins.py)
NOTICE_SOURCES = {MOVING_ON: "moving-on", STOPPING: "stopping"}  # a line said before the plan's turn, as stored; else CHECKED_IN

GIVE_UP = re.compile(
    r"\b(?:can|could|may) (?:we|i) (?:skip|move on|come back to|(?:just )?pass(?: on)?\b|try (?:a different|another|something else))|\bskip to the next\b|"
    r"\bdon'?t know how i'?d\b|\bdon'?t think i can (?:do|answer|solve|size)\b|\brusty on\b|\bno clue\b|\bnever thought about\b|\bdon'?t think i (?:really )?know\b|"
    r"\bi'?m (?:honestly |really )?not sure how (?:i'?d|i would|to)\b|\bdon'?t know (?:much|a lot) about\b|\bi'?d rather skip\b|"
    r"\b(?:i'?m|i am) (?:blanking|drawing a blank|completely lost)\b|\bgiv(?:e|ing) up on (?:this|that|it)\b|\b(?:ok(?:ay)?|fine|alright|all right) (?:to|if (?:we|i)) skip\b|\b(?:i'?ll|i'?m going to) (?:have to )?pass on (?:this|that|it)\b|"
    r"\bi (?:really |honestly )?(?:don'?t|do not) (?:really |honestly )?know (?:how to (?:approach|start|solve|do|answer|tackle)|where to (?:start|begin)|"
    r"(?:\w+ ){0,4}well enough|enough about)|\bno idea (?:how|where)\b",
    re.IGNORECASE,
)
PASS = re.compile(
    r"^(?:\W*(?:honestly|sorry|um+|uh+|hmm+|well|so)\b)*\W*(?:i (?:really )?(?:don'?t|do not) know|(?:i have )?no idea|"
    r"i'?m not sure|not sure|no clue|i'?ll pass|pass|skip(?: this one| that one| it)?|can we skip (?:this|that|it)(?: one)?|"
    r"next question)\W*(?:honestly|sorry|to be honest)?\W*$",
    re.IGNORECASE,
)
# Why the candidate passes: no experience of it, or not knowing how it works ("I haven't worked with video models").
NO_EXPERIENCE = re.compile(r"\b(?:haven'?t|have not|never) (?:really |actually )?(?:worked|used|done|built|touched|dealt)\b|"
                           r"\bnot (?:really )?familiar with\b|\bno (?:real )?experience (?:with|in|of)\b|"
                           r"\b(?:i'?m|i am) (?:honestly |really )?not sure (?:how|what|why|whether|if)\b", re.IGNORECASE)
# Not knowing, not remembering, no example, no experience, said anywhere in a clause ("I can't think of one",
# "I've heard of interleaving but I couldn't tell you how it works"). A turn of such clauses only passes.
NOT_KNOWING = re.compile(
    GIVE_UP.pattern + "|" + NO_EXPERIENCE.pattern + "|"
    r"(?<!\bit )(?<!\bthat )(?<!\bthis )(?<!\bthey )\b(?:don'?t|do not|can'?t|cannot|couldn'?t|could not) (?:really |honestly |quite )?(?:remember|recall|think of|answer|tell you|say)\b|"
    r"\bnothing (?:really )?(?:comes|springs) to mind\b|\b(?:don'?t|do not) (?:think i )?have (?:an?|any) (?:\w+ )?(?:example|story|answer)\b|"
    r"\bno (?:good |real )?examples?\b|\bnot something (?:i'?ve|i have|i)\b|\bnot (?:great|good|strong|confident) (?:with|at|on|about)\b|"
    r"\b(?:get|got) (?:this|it|that) wrong\b|\b(?:don'?t|do not) (?:really |honestly )?(?:know|understand)\b|\bnot (?:really )?sure\b|\bno (?:idea|clue)\b|"
    r"(?<!\bwe )(?<!\bthey )(?<!\bteam )\b(?:never|haven'?t|have not|hasn'?t) (?:really |actually |ever |once )?\w+ed\b|"
    r"\b(?:never|haven'?t|have not|hasn'?t|didn'?t|did not) (?:really |actually |ever |once )?(?:done|used|worked|built|had|tried|touched|dealt|run|"
    r"led|lead|managed|shipped|stopped|set (?:\w+ )?up|faced|seen|been in|come up|came up|got|owned|mentored)\b|\bnever (?:really )?(?:came|comes|come) up\b|"
    r"\b(?:i )?dunno\b|\b(?:drawing a |drew a |a )?blank(?:ing)? on\b|\bdrawing a blank\b|\bno (?:real )?background in\b|"
    r"\b(?:would|wouldn'?t|would not) (?:not )?know where\b|\brather not (?:speculate|guess|make)\b|\b(?:have|need) to look (?:that|it|this) up\b|"
    r"\bnot knowing\b|\b(?:can|could) we (?:maybe |perhaps |please )?(?:come back|skip|move on)\b|\b(?:don'?t|do not) have (?:one|direct experience|any experience|experience|a (?:good )?one)\b|"
    r"\bwish i had (?:a |an )?(?:good |better )?(?:story|example|answer)\b|\b(?:ask me|move to|go to) (?:a |something )?(?:different|another|else)\b|"
    r"\b(?:don'?t|do not) think (?:i|i'?ve|i have) (?:ever|really)\b|\bnot sure where\b|\b(?:rather not|won'?t|can'?t) guess\b|"
    r"\b(?:don'?t|do not) think (?:i'?ve|i have|i) (?:ever |really |actually )?(?:had|been in|faced|come across|run into|dealt with)\b|"
    r"\b(?:isn'?t|is not|aren'?t|are not|not) (?:really |exactly )?my (?:area|thing|field|strong suit|strength|specialty|background)\b|"
    r"\b(?:beyond|outside|past) (?:me|what i know|my (?:experience|knowledge|depth))\b|\bmaking (?:stuff|things|it) up\b|"
    r"\bnot (?:really )?applicable\b|\bnothing specific\b|\bnext question\b|\b(?:don'?t|do not) (?:really |actually )?use\b|"
    r"^(?:none|nothing|not really)\b",
    re.IGNORECASE,
)
# What may stand beside them and add nothing: an apology, a filler, having only heard of the thing, a remark on the
# question or the memory.
ADDS_NOTHING = re.compile(r"^\W*(?:(?:sorry|so|honestly|to be honest|um+|uh+|hmm+|ah+|yeah|well|unfortunately|apologies|i'?m afraid|"
                          r"this one|that one|really|at all|please|no)\W*)*$|^(?:\w+,? )?(?:i'?ve|i have) (?:only )?(?:heard|read) (?:of|about)\b|"
                          r"^(?:\w+,? )?(?:that'?s|it'?s|that is|it is) (?:a )?(?:big|good|great|tough|hard|tricky) (?:one|question)\W*$|"
                          r"^(?:\w+,? )?(?:i'?m|i am) (?:trying to think|thinking)\b|^(?:\w+,? )?it'?s been a (?:while|long time)\W*$",
                          re.IGNORECASE)
# A tentative answer beside "I'm not sure": "Not sure. Maybe CPU preprocessing?" is an attempt, not a pass.
ATTEMPT = re.compile(r"\b(?:i'?d|i would|we'?d|maybe|probably|perhaps|might|guess|because|i think|would be|start with(?! (?:this|that|it)\b)|try)\b",
                     re.IGNORECASE)
KNOWS_NOTHING_WORDS = 30  # "i have never had a real technical disagreement with colleague, in my team we always agree, so i dont
# know what to say for this one" (26 words, written blind) passes; a longer turn says something
REASON_WORDS = 12  # beside not knowing, a reason of this many words ("the devops team handled all that") adds no answer


def _gives_up(clauses: list[Clause]) -> bool:
    """Gives up on the question and says little else ("Honestly I'm blanking. I don't know how to approach it.")."""
    if not any(GIVE_UP.search(c.norm) for c in clauses):
        return False
    others = sum(len(c.norm.split()) for c in clauses if not GIVE_UP.search(c.norm) and not c.question)
    asks_to_skip = any(c.question and GIVE_UP.search(c.norm) for c in clauses)  # "...Could we move on?" after its reasons
    return others < ANSWER_WORDS if asks_to_skip else others <= SHORT_WORDS


def _only_not_knowing(clauses: list[Clause]) -> bool:
    """ "I don't know. I haven't worked with video models, so I'm not sure how attention pooling behaves there.":
    a pass, then why, with no attempt in it. Played (2026-12-03): it drew "You mentioned attention pooling behaves: ..."."""
    return (len(clauses) > 1 and bool(PASS.match(clauses[0].norm))
            and all(GIVE_UP.search(c.norm) or NO_EXPERIENCE.search(c.norm) for c in clauses[1:]))


def _knows_nothing(clauses: list[Clause]) -> bool:
    """A short turn that says only that the candidate does not know, remember or have it ("Nothing comes to mind.",
    "I've never used Kubernetes.", "nah never done churn stuff"), with at most a short reason and no attempt beside
    it ("hmm I can't think of one, we mostly just did meetings"). Blind-written first turns (2026-12-03) passed on the
    question in 20 of 30 and 22 of 36 such ways the rules above did not read."""
    if not clauses or sum(len(c.norm.split()) for c in clauses) > KNOWS_NOTHING_WORDS or any(HINT.search(c.norm) for c in clauses):
        return False  # "can I get a hint? I don't remember how the budget splits" asks for a way in itself
    if any(asks_repeat(c.norm) for c in clauses):  # "i havent answered the ambiguous one yet can you say the question
        return False  # again" (spoken, no question mark: played blind, 2026-12-07) asks to hear it
    if not any(_not_knowing(c) for c in clauses):
        return False
    if any(c.question and not NOT_KNOWING.search(c.norm) and not HOW_AM_I_DOING.search(c.norm) for c in clauses):
        return False  # "Can you explain what a chargeback is? I haven't worked in payments." asks; "don't know. how am i doing?" passes
    rest = [c for c in clauses if not _not_knowing(c) and not ADDS_NOTHING.match(c.norm)]
    # "I don't know the exact number, but p95 fell from 420 ms to 160 ms": a figure beside it is an answer
    return sum(len(c.norm.split()) for c in rest) <= REASON_WORDS and not any(ATTEMPT.search(c.norm) or re.search(r"\d", c.norm)
                                                                            for c in rest)


def _not_knowing(clause: Clause) -> bool:
    """The clause says the candidate does not know, with no attempt after it ("I'm not sure, maybe the data?" tries)."""
    said = list(NOT_KNOWING.finditer(clause.norm))
    return bool(said) and not ATTEMPT.search(clause.norm[said[-1].end():])


# Saying outright that one does not know ("never used" or "never divided by zero" says something else).
ADMITS = re.compile(r"\b(?:(?:don'?t|do not) (?:really |honestly )?know|not (?:really |quite |totally )?sure|no (?:idea|clue)|dunno|"
                    r"(?:can'?t|cannot|couldn'?t|could not|don'?t|do not) (?:really )?(?:remember|recall|tell you))\b", re.IGNORECASE)


def admits_not_knowing(text: str) -> bool:
    """Some clause of the turn says the candidate does not know, with no attempt after it: an honest answer to a
    follow-up, not a dodge to press ("honestly I'm not sure, we never looked at numbers after launch")."""
    for clause in split_clauses(text):
        said = list(ADMITS.finditer(clause.norm))
        if said and not ATTEMPT.search(clause.norm[said[-1].end():]):
            return True
    return False


def passes(text: str) -> bool:
    """The whole turn passes on the question ("I don't know, honestly", "can we skip this one?")."""
    return passes_in(text, split_clauses(text))


def passes_in(text: str, clauses: list[Clause]) -> bool:
    """`passes`, on the turn's clauses already split; asking to move on passes too (moving_on.py). A turn that asks for a
    hint does not: "Could I have a hint? I'm not sure how to group them." drew "That's all right; let's take a smaller
    piece of it first." (played, 2026-12-07)."""
    if any(HINT.search(c.norm) for c in clauses):
        return False
    return (bool(PASS.match(text.strip())) or _gives_up(clauses) or _only_not_knowing(clauses) or _knows_nothing(clauses)
            or asks_to_move_on(text))


def record_reply(engine: RoundEngine, text: str) -> tuple[Plan, str | None]:
    """The engine's plan after the candidate's turn, read as an answer, a pass or a request to move on; and what the
    round says before the plan's turn: that it moves on, when asked to before the next question, or the answer to a
    check-in the answer ended with (check_ins.py). A pass is recorded as no words: nothing in it is for a follow-up to
    name, and it is not evidence."""
    moving_on = asks_to_move_on(text)
    passed = moving_on or passes(text)
    if ends_the_session(text):
        engine.record_answer("" if passed else text, passed=passed)
        return Plan(action="wrap_up", reason="the candidate stopped for the day"), STOPPING
    moving_on = moving_on or not passed and ends_asking_to_move_on(text)  # "...that's my answer. Can we move on?"
    question, upcoming = engine.current_question, engine.queue.upcoming
    wanted = (goes_to(text, question, upcoming) or coded_for(text, question, upcoming)) if question else None
    if wanted is not None:  # "Let me go to the fraud rings one.", or its code: that question next, with what the turn says of it
        engine.queue.bring_forward(wanted)
        moving_on = True
    plan = engine.record_answer("" if passed else text, passed=passed, moving_on=moving_on)
    if moving_on:
        return plan, MOVING_ON if plan.action == "next_question" else None
    return plan, None if passed else check_in_line(text, plan) or corrected_line(text, plan)
