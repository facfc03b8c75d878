"""A premise the candidate builds on ("since X, I'd...") that gets the scenario's figure wrong, found for correction.

Played (2026-12-06, fifteen rounds): every wrong claim was left standing, 12 of 12, often after the interviewer had
said the fact itself: "Since new items only have to be tagged within a day of publishing, I'd drop the streaming
lane" (the fact: within an hour), "Because the user wait maximum 5 seconds, I will reduce candidates" (about 20),
"given we have like three seconds to first token" (1.5), "Because A/B test on this surface need only 3 days" (about two
weeks). Assumptions put as such ("I'll assume...") were corrected already (assumptions.py); a premise is said as what
everyone knows, and a whole answer then rests on it. Only a premise is read, not the design it leads to ("since the
budget is 100 ms, I'd give the ranker 30 ms" states the 30 ms as a choice), and only a figure in the same unit as one
fact's that shares a word with it ("wait", "first token", "test"), at least PREMISE_FAR times off, or PREMISE_NEAR where
it is no rounding of the fact's figure (a share: SHARE_POINTS points).
"""

from __future__ import annotations

import math
import re

from ..catalog.models import Fact, Question
from ..catalog.topic_words import TOPIC_RE
from ..scoring.meaning.spoken import normalise_spoken
from .arithmetic import without_worked_out
from .fact_match import PIECES, SECONDS_IN, counted, piece_figures, unique_facts
from .worded_premises import worded

PREMISE_FAR = 1.6  # said as a given, a figure this far from the fact's is a slip, not an estimate
# ... and one this far, where it is no rounding of the fact's: "since we have nine weeks" (about seven), played
# 2026-12-06; "since it's about 2 million a day" (1.5 million) and "100k qps" (80,000) round, and are left alone
PREMISE_NEAR = 1.25
_ROUND_MANTISSAS = (1.0, 2.0, 2.5, 5.0)
# "As you said, ..." puts a premise on the interviewer, with or without a comma (played 2026-12-06: "As you said, overtime
# gives 50% more capacity" where it never said so)
_PREMISE = re.compile(r"(?:^|[,;:.!?]\s*|\b(?:so|and|but|okay|ok|yeah|well)\s+)(?:since|because|given(?: that)?|with only|"
                      r"with a budget of(?: only)?|(?:(?:as|like) )?you (?:said|mentioned|told me|pointed out),?)\s+|"
                      # a sentence that opens on a figure and builds on it: "With 300 searches a second, ...", "300 qps, so..."
                      # ... after any acknowledgement ("okay cool so with like 8000 requests a second", played), or "so" mid-run
                      r"(?:(?:^|[.!?]\s+)(?:(?:ok|okay|right|so|and|well|cool|great|sure|alright|all right|yeah|yes|got it|thanks|"
                      r"makes sense)[.,!]?\s+)*|\bso,?\s+)(?:(?:with|at)\s+(?=(?:a |an |about |around |roughly |like |just |only )?\d)|"
                      r"(?=(?:about |around |roughly |like )?\d[^.!?;:]{0,60}?,\s*so\s))", re.IGNORECASE)
# A figure of the scenario stated as what is ("its p99 is like 1.2 seconds on bad days, so this one is the problem"), by
# a clause whose subject is not the candidate's own plan ("I", "my", "our timeout"): the clause is the premise
_STATED = re.compile(r"(?:(?:^|[,;:.!?]\s*)(?:(?:so|and|but)\s+)?|\b(?:so|and|but)\s+)(?=(?P<subject>(?!(?:i|i'd|i'll|we'd|we'll|my|our|mine|that|this|it)\b)"
                     r"[a-z][\w' -]{0,40}?\b(?:is|are|was|were|reaches|hits|have|has|got)\s+)(?:like |about |around |roughly |only |just |at )?\d)",
                     re.IGNORECASE)
# ... about the scenario's traffic, latency, budget, team or timeline ("traffic is around 20 requests per second", "its
# p99 is", "we have twelve weeks until the holidays"), whose subject is not an estimate's step ("which is about 7.5%",
# "lost GMV is 0.5%"), a condition or a supposition
_STATED_ABOUT = re.compile("|".join(rf"\b(?:{TOPIC_RE[topic].pattern})\b" for topic in ("scale", "latency", "budget", "team", "timeline")),
                           re.IGNORECASE)
_NOT_STATED = re.compile(r"\b(?:if|whether|when|which|what|that|say|assume|suppose|each|per|total|lost)\b|^\w+ing\b", re.IGNORECASE)
# The figures an estimate multiplies are its givens: "800,000 transactions a day times 0.6% declined is about 4,800".
_PRODUCT = re.compile(r"(?:^|[,;:.!?]\s+)(?=[^,;:.!?]{0,60}?\d(?:[^,;:!?]|,\d{3}){0,40}?\b(?:times|multiplied by)\s+(?:about |around |roughly |like )?(?:\d|one\b))",
                      re.IGNORECASE)
_PRODUCT_ENDS = re.compile(r"\s(?:is|=|gives|equals|comes to|that's|which is|makes)\s|,(?!\d{3})|[;:!?]|\.(?!\d)", re.IGNORECASE)
# Where the premise ends and what the candidate makes of it begins ("30,000" and "1.5" go on).
_ENDS = re.compile(r",(?!\d{3})|[;:!?]|\.(?!\d)|\s(?:i|i'd|id|i'll|i will|i would|i'm|we'd|we'll|we will|we would|we could|we can|"
                   r"we should|we might|so|then|"
                   r"which means|that means|my)\s", re.IGNORECASE)
# Shares and stretches said in words: "about half of the total", "half a second"
_WORDED = ((re.compile(r"\bhalf an? (sec|second|min|minute|hour|day|week|month|year)\b", re.IGNORECASE), r"0.5 \1s"),
           (re.compile(r"\b(?:a |one )?half of\b", re.IGNORECASE), "50% of"),
           (re.compile(r"\b(?:a|one) third of\b", re.IGNORECASE), "33% of"),
           (re.compile(r"\b(?:a|one) quarter of\b", re.IGNORECASE), "25% of"),
           (re.compile(r"\ba (?:few|couple(?: of)?) (thousand|million|hundred)\b", re.IGNORECASE), r"3 \1"))
_COMPARES = re.compile(r"\b(?:more|less|fewer|bigger|smaller|higher|lower|rather) than\b|\bversus\b|\bvs\b", re.IGNORECASE)
# ... or a change ("120 ms more at p95", "2x slower"): a difference is no figure of the scenario, unless a fact states
# one ("overtime can add about 20% capacity" against "as you said, overtime gives 50% more capacity", played 2026-12-06)
_CHANGE = re.compile(r"\d[\w%]*\s+(?:\w+\s+)?(?:more|less|extra|additional|slower|faster|longer|shorter|higher|lower)\b",
                     re.IGNORECASE)
_STATES_CHANGE = re.compile(rf"{_CHANGE.pattern}|\b(?:add|adds|added)\b", re.IGNORECASE)
SHARE_POINTS = 15.0  # a share this many points off is a slip, whatever the ratio ("70 percent" for "at least 90%")
# "within a day", "takes a week": one of them; "two runs a week" counts per week and is left alone
_ONE = re.compile(r"\b(within|in|for|takes?|took|about|under|than|needs?|only|up to|at most)\s+(?:a|an|one)\s+"
                  r"(?=(?:sec|second|min|minute|hour|hr|day|week|month|year)s?\b)", re.IGNORECASE)
_POINT = re.compile(r"(?<![\d.])\bpoint (\d)", re.IGNORECASE)  # "fraud is like point 4%": 0.4%
MAX_FIGURES = 2  # a premise with more is a chain of arithmetic ("usage up 30% and cost up 100% means..."), not a given
_WORD = re.compile(r"[a-z][a-z0-9-]{2,}")  # "p99" is a word two budgets share
_PLAIN = frozenset(
    "the and for with that this have has are was were will would about around roughly only just like maybe than then "
    "there their they them our your you its per each every within under over least most more less much many some any "
    "seconds second minutes minute hours hour days day weeks week months month years year percent dollars need needs "
    "needed take takes took get gets got since because given said".split()
)


def _said(text: str) -> str:
    said = normalise_spoken(text)
    for pattern, words in _WORDED:
        said = pattern.sub(words, said)
    return _POINT.sub(r"0.\1", _ONE.sub(r"\1 1 ", said))


def _words(text: str) -> set[str]:
    return {w[:5] for w in _WORD.findall(text.lower()) if w not in _PLAIN}


def _spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for match in _STATED.finditer(text):
        subject = match.group("subject")
        end = _ENDS.search(text, match.end() + len(subject))
        stop = end.start() if end else len(text)
        if _STATED_ABOUT.search(text, match.end(), stop) and not _NOT_STATED.search(subject):
            spans.append((match.end(), stop))
    for match in _PREMISE.finditer(text):
        end = _ENDS.search(text, match.end())
        spans.append((match.end(), end.start() if end else len(text)))
    for match in _PRODUCT.finditer(text):
        end = _PRODUCT_ENDS.search(text, match.end())
        if (match.end(), end.start() if end else len(text)) not in spans:
            spans.append((match.end(), end.start() if end else len(text)))
    return spans


def premises(text: str) -> list[str]:
    """The premises of `text`: what follows "since", "because", "given" up to the clause the candidate builds on it."""
    said = _said(text)
    return [said[start:end] for start, end in _spans(said)]


def without_wrong_premises(text: str, question: Question) -> str:
    """`text` with each premise a fact corrects blanked out (offsets kept): a follow-up names nothing from it ("The wait
    maximum 5 seconds, got it." was said right after the correction, played 2026-12-06)."""
    for start, end in _spans(text):
        if text[start:end].strip() and wrong_premises(f"since {text[start:end]}", question):
            text = text[:start] + " " * (end - start) + text[end:]
    return text


def _far(said: float, stated: float, unit: str | None) -> bool:
    if unit == "share":  # "40% of queries aren't English" is "60% are": a share is also its complement
        return all(abs(value - stated) >= SHARE_POINTS or _ratio(value, stated) >= PREMISE_FAR for value in (said, 100 - said))
    ratio = _ratio(said, stated)
    if ratio >= PREMISE_FAR:
        return True
    # a stretch of time is in seconds here: "10 weeks" rounds "about seven weeks" in weeks
    return ratio >= PREMISE_NEAR and not any(_rounds(said / s, stated / s) for s in (SECONDS_IN if unit == "duration" else (1,)))


def _rounds(said: float, stated: float) -> bool:
    """Whether `said` is what rounding `stated` gives: to one significant figure, or to a round 1, 2, 2.5 or 5."""
    if said <= 0 or stated <= 0:
        return False
    if math.isclose(said, float(f"{stated:.1g}")):
        return True
    scale = 10 ** math.floor(math.log10(said))
    return any(math.isclose(said, m * scale) for m in _ROUND_MANTISSAS)


def _ratio(said: float, stated: float) -> float:
    return max(said, stated) / max(min(said, stated), 1e-9)


def _figures(text: str) -> list[tuple[float, str | None, set[str]]]:
    """Each figure of `text` with its unit and the words of the stretch it is said in. A stretch of milliseconds is one
    of seconds ("half a second" against "100 ms"); a figure with no unit counts what follows it, where its stretch
    counts one thing ("a thousand gpus" against "about 100 GPUs")."""
    found = []
    for piece in PIECES.split(text):
        figures = piece_figures(piece, small_marked=True)
        things = counted(piece)
        for value, unit in figures:
            if unit == "ms":
                value, unit = value / 1000, "duration"
            elif unit is None and len(things) == 1 and sum(u is None for _, u in figures) == 1:
                unit = "count: " + next(iter(things))
            found.append((value, unit, _words(piece)))
    return found


def wrong_premises(text: str, question: Question) -> list[Fact]:
    """The facts a premise of `text` gets wrong: a figure in a fact's unit, on what the fact is about, far from every
    figure the fact states in that unit about it."""
    wrong: list[Fact] = []
    said_facts = [(fact, _said(fact.text)) for fact in question.facts]
    every = [(fact, _figures(said)) for fact, said in said_facts]
    changes = [(fact, figures) for (fact, said), (_, figures) in zip(said_facts, every) if _STATES_CHANGE.search(said)]
    for premise in premises(text):
        wrong += worded(premise, question)  # "since there's a big team on it", "since we don't have any labels"
        figures = _figures(without_worked_out(premise))
        if len(figures) > MAX_FIGURES or _COMPARES.search(premise):
            continue  # a chain of arithmetic, or figures said to compare ("a missed $2,000 order costs more than a $20 one")
        told = changes if _CHANGE.search(premise) else every
        for figure, unit, words in figures:
            if unit is None:
                continue  # "the current model is at 0.95": no unit says what it counts
            same_unit = [(value, fact_words) for _, said in told for value, fact_unit, fact_words in said if fact_unit == unit]
            exact = [fact_words for value, fact_words in same_unit if math.isclose(figure, value)]
            if exact and (any(words & fact_words for fact_words in exact) or not any(
                    len(words & fact_words) >= 2 for value, fact_words in same_unit if not math.isclose(figure, value))):
                # a figure of the scenario said as it is: "we have 40 ms for the features inside the 150"; not where
                # a fact states it about other things and another fact's figure about these ("the platform can add 100
                # ms" where surfaces have 100 to 200 ms and the platform's layer may add under 20, played 2026-12-06)
                continue
            # the facts' figures in its unit said about the most of the same things ("50% of declined buyers retry":
            # "a third of declined buyers retry", not "40% of declines were good buyers")
            stated = [(len(words & fact_words), value, fact) for fact, said in told
                      for value, fact_unit, fact_words in said if words & fact_words
                      and (fact_unit == unit or fact_unit is None and unit.startswith("count: ") and unit[7:12] in fact_words)]
            if not stated:  # "300 qps, so...", "a generous 2 second latency budget": no word shared, but the fact's topic named
                stated = [(0, value, fact) for fact, said in told if fact.topic in TOPIC_RE and TOPIC_RE[fact.topic].search(premise)
                          for value, fact_unit, _ in said if fact_unit == unit]
            nearest = [(value, fact) for shared, value, fact in stated if shared == max(s for s, _, _ in stated)]
            if any(not _far(figure, value, unit) for value, _ in nearest):
                continue  # "fraud is like 0.4%" is right by one fact, whatever the 25% of reviewed orders another states
            # three facts that each say "150 ms p99" correct it once; of several, the scale's ("4 orders a day" is the
            # volume, 2 million, not the 1,000 reviewers handle), or for a stretch of time the timeline's ("twelve weeks
            # until holidays": seven weeks away, not the six weeks the volume doubles for)
            first = "timeline" if unit == "duration" else "scale"
            wrong += [fact for _, fact in sorted(nearest, key=lambda pair: pair[1].topic != first)[:1]]
    return unique_facts(wrong)
