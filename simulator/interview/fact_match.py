"""Which scenario facts answer a candidate's question, read by meaning as well as by topic words.

Topic words catch "what's the QPS?", not "how many training pairs do we have?"
(the data fact: "about 400,000 triples of reference image, prompt and
thumbnail") or "where does p equal 1.0 go?" (the edge-case fact); and they
pick wrong ones too: "how long did the test run?" names a timeline, and the
timeline fact is the release date, while the fact that says "the test ran 14
days" is filed under the metric. The sentence embeddings the evidence model
reads answers with compare the question to every fact. Chosen on 230 written
candidate turns: the right fact sat at cosine 0.41-0.87, facts told for
questions they did not answer mostly below 0.45; a question with nothing close
gets "your call", which costs the candidate less than a wrong fact.
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np

from ..catalog.models import Fact, Question
from ..scoring.meaning import EmbedderUnavailable, default_model
from ..scoring.meaning.spoken import normalise_spoken
from ..catalog.topic_words import KEYWORD_ALIASES
from ..engine.guard import content_words

NEAREST_MIN = 0.45  # cosine a fact needs to be told for a question no topic word tied it to
TERM_NEAREST_MIN = 0.5  # ... for a question about a word no fact explains ("what does 'flat' mean: low or pegged?")
BETTER_BY = 0.1  # ... and to replace the facts topic words chose
KEEP_WITHIN = 0.2  # topic-chosen facts this far below the best of them answer something else
# An assumption put to the interviewer states what it is about: "I'd assume new GPU nodes come up in about 30 seconds,
# is that right?" is the node start-up fact (cosine 0.77), whatever its keyword "nodes" ties to the cluster's shape (0.47),
# and "we can just buy more gpus if we run out, is that right" is the GPU budget (0.66), not today's pool (0.40) (played,
# 2026-12-06). Of tests/data/fact_answers.yaml's 79 assumption turns it moves one, from the labelled fact to another
# (296 -> 295 of 464 facts told answer an ask; 325 -> 324 of 400 asks get one).
CLAIM_NEAREST_MIN = 0.6
CLAIM_BETTER_BY = 0.2
MIN_FIGURE = 10  # smaller numbers ("two hops", "3 pages") name no fact
_SCALE = {"k": 1e3, "thousand": 1e3, "m": 1e6, "million": 1e6, "b": 1e9, "bn": 1e9, "billion": 1e9}
# A number, or "a/one/the thousand", with its scale word; not the digits of a name ("p99", "v2", "1.5b" is 1.5 billion).
# "720p", "60fps", "3x", "2nd" name a resolution, a rate, a multiple or a rank, not a figure of the scenario.
_FIGURE = re.compile(r"(?<![\w.])(\d+(?:,\d{3})*(?:\.\d+)?(?![\d,]*\d)(?!(?:p|px|fps|x|th|st|nd|rd|gb|mb|tb|d)\b)|(?:a|one|the) (?=thousand|million|billion))"
                     r"(?:\s*(k|thousand|m|million|bn|b|billion)\b)?", re.IGNORECASE)
PIECES = re.compile(r"[.;!?]\s+|,\s+|\s+and\s+|\s+with\s+", re.IGNORECASE)  # the stretches one figure's unit is read in
UNITS = {
    # "as" is no "a s": "the same masks as today's" counted per second
    "per second": re.compile(r"\b(?:a|per|each|every)\s(?:second|sec|s)\b|(?:\bper|/)\s?(?:second|sec|s)\b|\b(?:qps|rps|tps)\b",
                             re.IGNORECASE),
    "per day": re.compile(r"\b(?:a|per|each|every|/)\s?day\b|\bdaily\b", re.IGNORECASE),
    "per month": re.compile(r"\b(?:a|per|each|every|/)\s?month\b|\bmonthly\b", re.IGNORECASE),
    "ms": re.compile(r"\d\s*ms\b|\bmilliseconds?\b", re.IGNORECASE),
    "money": re.compile(r"[$€£]\s?\d|\b(?:dollars?|euros?|pounds?)\b", re.IGNORECASE),
}
_SHARE = re.compile(r"\s?(?:%|per\s?cent\b)", re.IGNORECASE)
"""After a figure, what makes it a share: "about 40% today" is not "about 40 visits", nor "20 languages" beside "55%"."""
_MONEY_BEFORE = re.compile(r"[$€£]\s?$")
_MONEY_AFTER = re.compile(r"\s?(?:dollars?|euros?|pounds?|usd|bucks)\b", re.IGNORECASE)
"""Around a figure, what makes it money, whatever else its stretch counts: "$100,000 a month at 50,000 views a second"."""


_INFLECTED = "(?:s|es|ed|ing|ers?|ors?)?"
"""A keyword's word in the forms an ask says it in: "review" is named by "how many can the reviewers look at?"."""


@lru_cache(maxsize=4096)
def _keyword_pattern(keyword: str) -> re.Pattern[str]:
    """The keyword as written, as the clause reader normalises it ("zero" is read as "0", "one call" as "1 call"), and
    in its everyday words."""
    suffix = _INFLECTED if keyword[-1:].isalpha() else ""
    forms = {re.escape(keyword) + suffix, re.escape(normalise_spoken(keyword)) + suffix}
    if re.fullmatch(r"[a-z]+[^s]s", keyword):  # "labels" is named by "labelled" and "labeling" (a bare "label" names more)
        forms.add(re.escape(keyword[:-1]) + r"l?(?:ed|ing)")
    alias = KEYWORD_ALIASES.get(keyword.lower())
    return re.compile(rf"\b(?:{'|'.join(sorted(forms))}{'|' + alias if alias else ''})\b", re.IGNORECASE)


def names_keyword(keyword: str, text: str) -> bool:
    return bool(_keyword_pattern(keyword).search(text))


def words_beside_figures(text: str) -> set[str]:
    """What a text says a figure of: its content words, the figures left out."""
    return content_words(re.sub(r"\d[\d,.]*", " ", text))


def unique_facts(facts: list[Fact]) -> list[Fact]:
    """Facts in order, each once (facts hold lists, so they are compared, not hashed)."""
    out: list[Fact] = []
    for fact in facts:
        if fact not in out:
            out.append(fact)
    return out


def figures(text: str) -> set[float]:
    """The figures of 10 or more a text states, as numbers: "the thousand a day" and "1,000 orders" are one figure."""
    return {value for value, _, _ in _figures_at(normalise_spoken(text))}


def _figures_at(said: str, minimum: float = MIN_FIGURE) -> list[tuple[float, int, int]]:
    """Each figure of `minimum` or more in normalised text, with where it starts and ends."""
    found = []
    for match in _FIGURE.finditer(said):
        number, scale = match.group(1), match.group(2)
        if not number[0].isdigit() and scale is None:
            continue
        value = (float(number.replace(",", "")) if number[0].isdigit() else 1.0) * (_SCALE[scale.lower()] if scale else 1.0)
        if value >= minimum:
            found.append((value, match.start(), match.end()))
    return found


def unit(text: str) -> str | None:
    """The one unit a stretch of text counts in (per second, per day, ms, money), None where it names none or several."""
    found = [name for name, pattern in UNITS.items() if pattern.search(text)]
    return found[0] if len(found) == 1 else None


def figures_in_units(text: str, small_marked: bool = False) -> set[tuple[float, str | None]]:
    """Each figure of `text` with the unit of the stretch it is said in: "5k orders a second" is not "5,000 a day"."""
    return {pair for piece in PIECES.split(normalise_spoken(text)) for pair in piece_figures(piece, small_marked)}


MARKED = ("share", "money", "duration")  # units a figure carries itself, whatever its stretch counts
_DURATION = re.compile(r"\s?(?:(sec|second)|(min|minute)|(hr|hour)|(day)|(week|wk)|(month)|(year))s?\b", re.IGNORECASE)
SECONDS_IN = (1, 60, 3600, 86400, 7 * 86400, 30 * 86400, 365 * 86400)  # each of _DURATION's groups, in seconds


def piece_figures(piece: str, small_marked: bool = False) -> list[tuple[float, str | None]]:
    """The figures of one stretch, each with its unit: "share" for a figure said as a per cent, "money" for one said as
    an amount of money, else the stretch's.

    `small_marked`: a share, an amount or a stretch of time under 10 counts too ("fraud is about 1%, right?" against
    "about 0.1%"), and a stretch of time is one unit, in seconds ("30 seconds stale, right?" against "at most about 5
    minutes stale"), where the facts it is read against were chosen for the ask; said in passing, a small per cent ("a
    1% canary") or a stretch of time ("90 days of history" beside "5 minutes stale") names no fact of its own."""
    said = normalise_spoken(piece)
    stretch = unit(said)

    def with_unit(value: float, start: int, end: int) -> tuple[float, str | None]:
        if _SHARE.match(said, end):
            return value, "share"
        if _MONEY_BEFORE.search(said[:start]) or _MONEY_AFTER.match(said, end):
            return value, "money"
        if small_marked and (time := _DURATION.match(said, end)):
            return value * SECONDS_IN[time.lastindex - 1], "duration"
        return value, stretch

    found = [with_unit(*at) for at in _figures_at(said, 0.0 if small_marked else MIN_FIGURE)]
    rates = ("per second", "per day", "per month") if small_marked else ()  # "only like 4 orders a day" against 2 million
    return [(value, figure_unit) for value, figure_unit in found if value >= MIN_FIGURE or figure_unit in MARKED + rates]


def _same_figure(said: tuple[float, str | None], stated: tuple[float, str | None]) -> bool:
    if "share" in (said[1], stated[1]):  # "40%" is never "40 visits"
        return said == stated
    return said[0] == stated[0] and (said[1] is None or stated[1] is None or said[1] == stated[1])


def keyed_facts(asked: str, question: Question) -> list[Fact]:
    """The facts whose YAML keywords (or their everyday words, KEYWORD_ALIASES) the ask names, and the one fact that
    states a figure the ask quotes: "is the thousand a day with the current team?" asks about "handles 1,000 a day".

    A figure no fact states, in a unit only one fact states figures in, or counting what only one fact counts, is put to
    that fact: "I'd assume 5k orders a second, right?" checks the traffic (3,500 checkouts a second), not the reviewers'
    5,000 orders a day; "about 50,000 users per arm" checks "about 800,000 users per arm".
    """
    keyed = [f for f in question.facts if any(names_keyword(k, asked) for k in f.keywords)]
    quoted = figures_in_units(asked)
    stated = [(f, figures_in_units(f.text)) for f in question.facts] if quoted else []  # each fact's figures read once
    counts = counted(asked) if quoted else set()
    words = words_beside_figures(asked) if counts else set()
    counting = [f for f in question.facts if counted(f.text) & counts] if counts else []
    for figure in quoted:
        # "within 10 points of the previous model" is not "10 hours on 16 GPUs": a figure said of other things, in no
        # word the fact shares (played blind, 2026-12-07: the retrain's hours were told for the keep rate)
        stating = [f for f, numbers in stated if any(_same_figure(figure, number) for number in numbers)
                   and not (counts and (things := counted(f.text)) and not things & counts and not words & content_words(f.text))]
        if not stating and figure[1] is not None:
            stating = [f for f, numbers in stated if any(unit == figure[1] for _, unit in numbers)]
        if not stating:
            stating = counting
        if len(stating) == 1 and stating[0] not in keyed:  # a figure several facts state ("1,000") names none of them
            keyed.append(stating[0])
    return keyed


_COUNTED = re.compile(r"\s+(?:(?:more|extra|new|active|daily|monthly|weekly|unique|total|distinct|paying|labell?ed)\s+)?([a-z]{3,})",
                      re.IGNORECASE)
_NOT_COUNTED = {"per", "and", "the", "for", "with", "each", "every", "from", "over", "out", "than", "more", "less", "times",
                "time", "are", "were", "was", "has", "had", "have"}  # "2 million times 4%", "15,000 are harmful" count no thing


_COUNT = re.compile(r"\b(?:(?P<n>\d[\d,]*(?:\.\d+)?)|(?P<one>a single|one single|just one|only one|one))\s+(?P<noun>[a-z]{3,})\b",
                    re.IGNORECASE)
_NOT_THINGS = frozenset("hour minute second day week month year millisecond percent time million billion thousand hundred "
                        "more less other few".split())


def _singular(word: str) -> str:
    return word[:-3] + "y" if word.endswith("ies") else word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def counts_of(text: str) -> dict[str, set[float]]:
    """Each thing `text` counts, however small the count ("a single GPU", "3 rounds", "40,000 labels"), singular, with
    its counts; stretches of time and multipliers count no thing."""
    found: dict[str, set[float]] = {}
    for match in _COUNT.finditer(normalise_spoken(text)):
        noun = _singular(match.group("noun").lower())
        if noun not in _NOT_THINGS:
            found.setdefault(noun, set()).add(1.0 if match.group("one") else float(match.group("n").replace(",", "")))
    return found


def counted(text: str) -> set[str]:
    """What the figures of 10 or more in `text` count ("50,000 users per arm": "user"), singular."""
    said = normalise_spoken(text)
    found: set[str] = set()
    for match in _FIGURE.finditer(said):
        noun = _COUNTED.match(said, match.end())
        if noun and figures(match.group(0)) and noun.group(1).lower() not in _NOT_COUNTED and noun.group(1).lower() not in _SCALE:
            found.add(re.sub(r"(?<=[^s])s$", "", noun.group(1).lower()))
    return found


def _similarities(asked: str, facts: list[Fact]) -> np.ndarray | None:
    try:
        vectors = default_model().embedder.embed([asked, *(f.text for f in facts)])
    except EmbedderUnavailable:
        return None
    return vectors[1:] @ vectors[0]


def _names_topic(asked: str, fact: Fact) -> bool:
    """ "how much of the checkout latency can the fraud decision take?" names the latency fact's topic: meaning does not
    override it ("fraud" drew the data fact's "fraud is about 0.15%", played 2026-12-06)."""
    return re.search(rf"\b{re.escape(fact.topic.replace('_', ' '))}\b", asked, re.IGNORECASE) is not None


def choose_facts(asked: str, question: Question, by_topic: tuple[Fact, ...], *, nearest: float = NEAREST_MIN,
                 claims: bool = False) -> tuple[Fact, ...]:
    """The facts to tell for `asked`: the ones topic words chose, unless meaning points clearly elsewhere.

    Facts the ask names by their YAML keywords stay: the rubric's author tied them to those words, and a fact that
    only shares words with the ask ("what resolution do the frames come in at?" against request logs "with
    resolution, latency and...") is no better an answer. `claims`: the ask puts an assumption to check, which says
    in full what it is about: a fact far closer in meaning replaces the keyed ones.
    """
    keyed = bool(by_topic) and all(f in keyed_facts(asked, question) or _names_topic(asked, f) for f in by_topic)
    if keyed and not claims:
        return by_topic
    facts = [f for f in question.facts if f.topic != "term"]
    if not facts or not asked.strip() or any(f.topic == "term" for f in by_topic):
        return by_topic
    similarity = _similarities(asked, facts)
    if similarity is None:
        return by_topic
    best = int(similarity.argmax())
    chosen = [similarity[facts.index(f)] for f in by_topic]
    if keyed:  # an assumption put to check: meaning overrides the keywords only when it is clear
        if similarity[best] >= CLAIM_NEAREST_MIN and facts[best] not in by_topic and similarity[best] >= max(chosen) + CLAIM_BETTER_BY:
            return (facts[best],)
        return by_topic
    if similarity[best] >= nearest and (not chosen or similarity[best] > max(chosen) + BETTER_BY):
        return (facts[best],)
    if not chosen:
        return ()
    return tuple(f for f, s in zip(by_topic, chosen, strict=True) if s >= max(chosen) - KEEP_WITHIN)


_HOW_MANY = re.compile(r"\bhow many\b|\b(?:the )?number of\b", re.IGNORECASE)


def counting_facts(asked: str, question: Question, facts: list[Fact]) -> list[Fact]:
    """For "how many...", facts that count what it asks about, where the ones its words keyed count nothing: "How many
    labelled chargebacks do we actually have?" was told "A chargeback label is final after 120 days" (keyword "labels";
    played blind, 2026-12-07), where "About 30 million orders...; 0.3% had a chargeback" counts them. Only where every
    figure the chosen facts state is a stretch of time."""
    if not facts or not _HOW_MANY.search(asked) or any(_counts_things(f.text, amounts=True) for f in facts):
        return facts  # a share or an amount the keywords chose may still say it ("about 2% of paying merchants churn")
    words = content_words(asked)
    return [f for f in question.facts if _counts_things(f.text) and words & content_words(f.text)] or facts


def _counts_things(text: str, amounts: bool = False) -> bool:
    """`text` counts something: "30 million orders", "200 A100 GPUs", "about eight teams", not "after 120 days"; with
    `amounts`, a share or a sum of money counts too ("95%", "$50,000")."""
    said = normalise_spoken(text)
    kept = ("duration", "ms") if amounts else ("duration", "ms", "share", "money")
    return any(unit not in kept for _, unit in figures_in_units(said, small_marked=True)) or any(
        _singular(m.group("noun").lower()) not in _NOT_THINGS for m in _COUNT.finditer(said) if m.group("n"))
