"""A follow-up that quotes a scenario figure the candidate was never told is said after that fact.

Why: a question's own follow-ups are written from its facts ("What hit rate would it need for serving to fit the
$150,000 a month budget at peak?"), and 288 of the 1,639 quote a figure of a fact that is not in the question
(166 were found until 2026-12-07, when a figure under 1,000 was never tied to its fact by the word after it, nor a
figure in words: "the six weeks" was asked of a candidate never told them, "What six weeks? Nobody mentioned that."). Asked
of a candidate who never asked about the budget, "the $150,000 a month budget" presupposes what only the rubric
knows, as if it had been said. A real interviewer gives the detail first: "One detail to add: serving has about
$150,000 a month at 30,000 requests a second. What hit rate...?". A figure already said in the round (the question,
a clarification, the candidate's own words, spoken or typed) needs nothing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..catalog.question import Fact, Question
from ..scoring.meaning.spoken import normalise_spoken

GIVEN = ("One detail to add: ", "A couple of details to add: ")
# What a follow-up says to the answer before its question stays first: "NDCG, got it.", "That's fine." after a pass, "Let
# me come back to what I asked." (played, 2026-12-06: "One detail to add: Leadership wants... That's fine. How much...?")
_SAID_FIRST = re.compile(r"(?:[^.?!]*, got it\. |That's (?:fine|all right)[^.?!]*\. |Let me come back to what I asked\. )+")
# Not the digits of a name: "p50" said is no "50%" told (played blind, 2026-12-07: "given ... the 50% deadline" was asked
# of a candidate who had only said "p50" and never heard of the deadline)
_FIGURE = re.compile(r"(\$)?(?<![A-Za-z\d.])(\d[\d,]*(?:\.\d+)?)(?:\s*(k\b|m\b|million\b|%|percent\b))?(?:\s+(\w+))?", re.IGNORECASE)
_SCALE = {"k": 1_000, "m": 1_000_000, "million": 1_000_000}
_PARTS = re.compile(r"(?<=[.;])\s+")
_MONEY_WORDS = frozenset("dollars dollar bucks usd".split())  # as speech writes it: "5000 dollars a month"
_WEAK_WORDS = frozenset("a an the of per to in on at and or about".split())
_GIVEN_CLAUSE = re.compile(r",\s*(?:given|with|when|since)\b[^?.!,;]*(?=\?\s*$)", re.IGNORECASE)
# ...and one that opens the question says the detail itself: "One detail to add: Two MLEs and a designer who can rate about
# 500 samples a week. With one designer rating 500 samples a week, how would you...?" said it twice (played blind, 2026-12-07)
_OPENING_GIVEN = re.compile(r"^(?:given|with|at|if)\b[^?.!;]*,", re.IGNORECASE)


def _value(number: str, scale: str | None) -> str:
    value = float(number.replace(",", "")) * _SCALE.get((scale or "").lower(), 1)
    return f"{value:g}"


def _figures(text: str) -> list[tuple[str, str, str | None]]:
    """(value, "$" for money, "%" for a share or "", the word after it) for each number written in `text`."""
    out = []
    for match in _FIGURE.finditer(text):
        money, number, scale, after = match.groups()
        share = (scale or "").lower() in ("%", "percent")
        mark = "$" if money or (after or "").lower() in _MONEY_WORDS else "%" if share else ""
        out.append((_value(number, scale if (scale or "").lower() in _SCALE else None), mark, after and after.lower()))
    return out


def _from_fact(value: str, mark: str, after: str | None, fact: Fact) -> bool:
    """The fact states this figure: the same value (money as money: "$5,000 a month" is not "5,000 times a second"),
    and either a figure that cannot be a coincidence (money, a share, four digits or more) or the word after it in the
    fact as well ("about 10 GPUs" is not "the top 10 languages")."""
    said = normalise_spoken(fact.text)
    if not any(v == value and (m == mark or not mark) for v, m, _ in _figures(said)):
        return False
    if mark or len(value.replace(".", "")) >= 4:
        return True
    return bool(after) and after not in _WEAK_WORDS and after[:4] in said.lower()


def _sentence(fact: Fact, value: str) -> str:
    """The part of the fact that holds the figure, as a sentence of its own."""
    part = next((p for p in _PARTS.split(fact.text) if value in {v for v, _, _ in _figures(normalise_spoken(p))}), fact.text)
    part = part.strip().rstrip(";.")
    return part[:1].upper() + part[1:] + "."


def untold(question: Question, ask: str, earlier: Sequence[str]) -> dict[str, Fact]:
    """Each fact's sentence that gives a figure of `ask` no earlier turn said, with the fact."""
    said = {(v, m) for text in earlier for v, m, _ in _figures(normalise_spoken(text))}
    sentences: dict[str, Fact] = {}
    # a figure in words counts ("the six weeks": played blind, 2026-12-07, "What six weeks? Nobody mentioned that.")
    for value, mark, after in _figures(normalise_spoken(ask)):
        if (value, mark) in said or (value, "") in said:  # "5,000 opens" said counts for "$5,000"; not the other way
            continue
        fact = next((f for f in question.facts if _from_fact(value, mark, after, f)), None)
        if fact is not None:
            sentences.setdefault(_sentence(fact, value), fact)
    return sentences


def told_first(sentences: Sequence[str], text: str) -> str:
    """`text` with the details it quotes said first."""
    if not sentences:
        return text
    got = _SAID_FIRST.match(text)
    head, rest = (text[: got.end()], text[got.end():]) if got else ("", text)
    # "..., given dropping costs 3% of clicks?" just after "dropping recent activity costs about 3% of clicks." says it
    # twice (played blind, 2026-12-07): the detail told first, the question leaves its "given" out
    opening = _OPENING_GIVEN.match(rest)
    said = {(v, m) for v, m, _ in _figures(opening.group(0))} if opening else set()
    sentences = [s for s in sentences if not {(v, m) for v, m, _ in _figures(s)} <= said]
    if not sentences:
        return text
    told = {(v, m) for sentence in sentences for v, m, _ in _figures(sentence)}
    given = _GIVEN_CLAUSE.search(rest)
    if given and any((v, m) in told for v, m, _ in _figures(given.group(0))):
        rest = rest[: given.start()] + rest[given.end():]
    return head + GIVEN[len(sentences) > 1] + " ".join(sentences) + " " + rest
