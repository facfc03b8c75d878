"""A premise that gets the scenario wrong in words, not figures: "since there's a big team on it" (one MLE owns it),
"since we don't really have any human labels" (20,000 queries graded by raters).

Played (2026-12-06, twenty rounds): 5 of 5 wrong claims in words were left standing, and the design built on them went
unquestioned. Two shapes are read, each only where a fact settles it: a team called big or small against the people a
team fact counts, and something said not to exist that a fact names by its keywords and counts.
"""

from __future__ import annotations

import re

from ..catalog.models import Fact, Question
from .fact_match import figures, names_keyword

BIG_AT_MOST = 3  # a team fact counting this many people or fewer makes "a big team" wrong
SMALL_AT_LEAST = 10  # ... this many or more, "a small team"
_BIG = re.compile(r"\b(?:big|large|huge|decent[- ]?sized?|sizeable|sizable|good[- ]sized?) (?:\w+ )?team\b|"
                  r"\b(?:lots|plenty|tons|loads) of (?:engineers|people|mles|folks)\b", re.IGNORECASE)
_SMALL = re.compile(r"\b(?:small|tiny|little|skeleton) (?:\w+ )?team\b|\b(?:a )?handful of (?:engineers|people|mles|folks)\b|"
                    r"\bjust (?:me|one (?:person|engineer|mle))\b|\b(?:one|a single)[- ]person (?:team|show)\b", re.IGNORECASE)
_NUMBER_WORDS = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve thirteen "
                                             "fourteen fifteen sixteen seventeen eighteen nineteen twenty".split())}
_PEOPLE = re.compile(r"\b(\d+|[a-z]+|an?) (?:(?:about|around) )?(?:[\w-]+ )?(?:mles?|engineers?|scientists?|pms?|people|researchers?|"
                     r"analysts?|designers?|sres?)\b", re.IGNORECASE)
# Said not to exist: "we don't really have any human labels", "there are no logs", "without any ratings"
_NONE = re.compile(r"\b(?:(?:do|does|did)(?:n'?t| not)|never) (?:really |even |actually )?(?:have|get|got|keep|log|collect) (?:any |much |many )?|"
                   r"\bthere(?: are|'re| is|'s) (?:no|zero|hardly any|not any) |\bwithout any |\bno (?=\w+ (?:at all|whatsoever))",
                   re.IGNORECASE)
_NOUN_WINDOW = 3  # words after the denial that say what is denied
_QUALIFIED = re.compile(r"\s(?:for|on|in|from|of|about|per|beyond|before|after|yet)\b", re.IGNORECASE)


def team_size(fact: Fact) -> int | None:
    """The people a team fact counts for the team itself, before any ";" ("Two MLEs and a backend engineer" is 3)."""
    own = fact.text.split(";")[0]
    counts = [int(n) if n.isdigit() else 1 if n.lower() in ("a", "an") else _NUMBER_WORDS.get(n.lower())
              for n in (m.group(1) for m in _PEOPLE.finditer(own))]
    known = [c for c in counts if c is not None]
    return sum(known) if known else None


def worded(premise: str, question: Question) -> list[Fact]:
    """The facts a premise gets wrong in words."""
    wrong: list[Fact] = []
    big, small = _BIG.search(premise), _SMALL.search(premise)
    if big or small:
        for fact in question.facts:
            size = team_size(fact) if fact.topic == "team" else None
            if size is not None and (big and size <= BIG_AT_MOST or small and size >= SMALL_AT_LEAST):
                wrong.append(fact)
                break
    for denial in _NONE.finditer(premise):
        rest = premise[denial.end():]
        qualified = _QUALIFIED.search(rest)
        window = " ".join(rest[: qualified.start() if qualified else len(rest)].split()[:_NOUN_WINDOW])
        if qualified and len(rest[: qualified.start()].split()) <= _NOUN_WINDOW:
            continue  # "no labels for new products": the fact may count labels, not those
        wrong += [f for f in question.facts if f not in wrong and figures(f.text) and any(names_keyword(k, window) for k in f.keywords)]
    return wrong
