"""A candidate's assumption that contradicts the scenario, corrected with the fact, as a real interviewer would.

"I'll assume about 1,000 requests a second and a 500 ms budget" in a design whose
facts say 50,000 views a second and 100 ms p95 builds the whole answer on the wrong
givens; an interviewer says so at once ("Let me correct that. About 50,000 product-page
views a second at peak...") and lets the candidate go on. Only figures are
compared, each with the fact stating a figure in the same unit (per second, per
day, ms, money), and only when they are far apart: "20k a second" for "about
50,000" is a fair estimate, not a mistake. The turn still counts as an answer.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..catalog.models import Fact, Question
from ..engine.turns import Turn, TurnKind
from ..scoring.meaning.spoken import normalise_spoken
from .arithmetic import rates, slips
from .asks import Ask, Clarification
from .assumption_words import MAX_ASSUMED_WORDS, denied_by
from .fact_match import (
    MARKED, PIECES, counted, counts_of, figures, figures_in_units, piece_figures, unique_facts, unit, words_beside_figures,
)
from .over_limit import STOP, broken_limits
from .premises import wrong_premises
from .turn_phrases import ASSUMES, CONFIRM

FAR = 3.0  # a figure this many times off the fact's (either way) is a wrong given, not an estimate
CORRECTION = "Let me correct that."
CLOSE = 1.15  # a figure checked with the interviewer this near the fact's is right ("about $90" for "about $85")
NOT_QUITE = "Not quite."
THAT_IS_RIGHT = "That's right."
CHECK = "Let me check that: "  # before the sums a turn works out wrong (arithmetic.py)
_FACT_CLAUSES = re.compile(r"[;:]\s+|,\s+(?:and|while|but|whereas)\s+|(?<=[.!?])\s+")
WHAT_WE_HAVE = "Here's what we have:"
MAY_I_WORDS = 8  # a request names what it would do and to what: longer than an assumption
NO = "No."  # to a request the facts refuse: "Can I pull a few of the affected users' videos?" ("Sure." was said, 2026-12-06)
# Asking leave to do something with the problem's data or systems, a yes-or-no question the facts may refuse; not asking
# leave to ask, assume or go on ("Can I ask what the budget is?", "Can we assume...", "Can I start with...").
_MAY_I = re.compile(r"^\W*(?:(?:and|so|but|also|ok|okay|then|um+|uh+|sorry)\W+)*(?:can|could|may) (?:i|we) (?:just |also |even |actually )?"
                    r"(?!ask|clarify|check|assume|confirm|get|have|start|take|go|think|repeat|skip|move|come|say|state|"
                    r"quickly|first|begin|talk|tell|walk|try|pass|do (?:a|the|this|that)\b)[a-z]", re.IGNORECASE)
_STATED = re.compile(r"\b(?:let'?s say|say we have|say we get|i'?d guess|my guess is|ballpark|i'?ll take|i'?ll go with)\b",
                     re.IGNORECASE)


_EITHER_OR = re.compile(r"\bor\b", re.IGNORECASE)
_WH_ASK = re.compile(r"^\W*(?:(?:and|so|but|also|ok|okay|then|like|um+|uh+|sorry|wait|hang on)\W+)*(?:how|what|what's|which|when|where|who|why)\b",
                     re.IGNORECASE)  # "...look like like where are the 250 milliseconds going" is no assumption to confirm
# Money said for one of something ("a sixteen core node is about five hundred dollars a month", "$0.002 per request") is
# compared only with a fact pricing the same thing: played (2026-12-06), it "corrected" a node's price with the fleet's.
_PRICED = re.compile(r"\b(?:a|an|one|each|per|every)\s+(?:[\w-]+\s+){0,2}?(node|machine|server|instance|gpu|cpu|core|box|vm|pod|"
                     r"host|seat|request|call|query|order|transaction|image|item|label|annotation|token)s?\b", re.IGNORECASE)


# A count of things said beside a figure that restates a fact, against that fact's count of the same things: "10 hours on
# a single GPU, right?" against "about 10 hours on 16 GPUs" was told "That's right." (played blind, 2026-12-07): counts
# under 10 are no figures to `_figures_against`. Any count put to check against any fact's count of the same noun also
# turned "if two attempts have the same timestamp they both count, right?" against "at most about 100,000 attempts" into
# "Not quite." (4 of 2,266 written turns read wrong that way): only the fact the piece restates is read.
def _counts_against(said: str, facts: list[Fact]) -> list[bool]:
    """For each thing `said` counts that a fact counts too, whether some count the fact states is near it."""
    stated: dict[str, set[float]] = {}
    for fact in facts:
        for noun, values in counts_of(fact.text).items():
            stated.setdefault(noun, set()).update(values)
    return [any(_ratio(value, s) <= CLOSE for s in stated[noun] for value in values)
            for noun, values in counts_of(said).items() if noun in stated and 0 not in values | stated[noun]]


# A figure said as a whole ("30 million rows in total") is not the fact's rate ("grows by about 30 million rows a day"):
# "That's right." was said (played blind, 2026-12-07).
_TOTAL = re.compile(r"\b(?:in total|total|overall|altogether|all together|all[- ]time|so far|to date|lifetime)\b", re.IGNORECASE)
_RATES = ("per second", "per day", "per month")


def _total_for_rate(piece: str, figure: float, figure_unit: str | None, facts: tuple[Fact, ...]) -> bool:
    """The piece says its figure as a whole, with no unit, and the facts state it only as a rate."""
    if figure_unit is not None or not _TOTAL.search(piece):
        return False
    near = [u for fact in facts for n, u in figures_in_units(fact.text) if _ratio(figure, n) <= CLOSE]
    return bool(near) and all(u in _RATES for u in near)


def _wrong_rate(piece: str, facts: tuple[Fact, ...]) -> bool:
    """A figure said per one stretch of time that the facts state, near it, only per another: "roughly 300 requests per
    day, is that right?" against "about 300 requests a second", and "the team does 1,000 per hour" against "1,000 orders
    a day", were told "Here's what we have:" (played blind, 2026-12-07)."""
    stated = [pair for fact in facts for pair in rates(fact.text)]
    for figure, figure_unit in rates(piece):
        near = {u for n, u in stated if _ratio(figure, n) <= CLOSE}
        if near and figure_unit not in near:
            return True
    return False


# A figure said of the whole ("300 ms for the whole generated answer, end to end, right?") that the fact gives to a part:
# "The 300 ms is to the first streamed token" was told "That's right." (played blind, 2026-12-07).
_WHOLE = re.compile(r"\b(?:whole|entire|end[- ]to[- ]end|in total|total|overall|all in)\b", re.IGNORECASE)
_PART = re.compile(r"\b(?:(?:to|until|for) the first (?:\w+ )?(?:token|byte|result|frame|chunk|response)|time to first|alone|only the|just the)\b",
                   re.IGNORECASE)


def _part_for_whole(piece: str, figure: float, facts: tuple[Fact, ...]) -> bool:
    """The piece says its figure of the whole, and every fact clause stating it gives it to a part."""
    if not _WHOLE.search(piece):
        return False
    stating = [clause for fact in facts for clause in _FACT_CLAUSES.split(fact.text)
               if any(_ratio(figure, n) <= CLOSE for n, _ in figures_in_units(clause, small_marked=True))]
    return bool(stating) and all(_PART.search(clause) and not _WHOLE.search(clause) for clause in stating)


def _ratio(figure: float, stated: float) -> float:
    return max(figure, stated) / min(figure, stated)


def _figures_against(text: str, facts: list[Fact], *, pooled: bool = False) -> list[tuple[Fact, float, set[float], str | None]]:
    """(fact, figure said, figures the fact states, the figure's unit) for each figure in `text` that has a unit one
    fact states a figure in; a figure with no unit, or whose unit several facts state, is about no fact for sure and is left out.

    `pooled`: the facts are the ones told in reply to the figure, so a unit several of them state is compared with all
    their figures ("50 ms, is that fair?" against "within 200 ms p99" and "the 200 ms p99 is the risk call's own"),
    and a figure with no unit with those of the facts that count the same thing ("50,000 users per arm").
    """
    stating = [(f, numbers, unit(f.text), units) for f in facts
               if (units := figures_in_units(f.text, small_marked=pooled)) and ((numbers := figures(f.text)) or pooled)]
    found = []
    for piece in PIECES.split(text):
        for figure, figure_unit in piece_figures(piece, small_marked=pooled):
            if figure_unit in MARKED:  # a per cent, an amount of money or a stretch of time: with the facts' own only
                item = _PRICED.search(piece) if figure_unit == "money" else None  # the price of one node is no fleet's
                same = [(f, marked) for f, _, _, units in stating if (marked := {n for n, u in units if u == figure_unit})
                        and (item is None or item.group(1).lower() in f.text.lower())]
            elif figure_unit is not None:
                same = [(f, numbers) for f, numbers, u, _ in stating if u == figure_unit and numbers]
            elif pooled and (things := counted(piece)):  # "50,000 users per arm" against "800,000 users per arm"
                same = [(f, numbers) for f, numbers, _, _ in stating if counted(f.text) & things and numbers]
            else:
                continue
            if len(same) == 1 or pooled and same:
                found.append((same[0][0], figure, set().union(*(numbers for _, numbers in same)), figure_unit))
    return found


def _given_to_another(said_text: str, figure: float, figure_unit: str | None, facts: list[Fact]) -> bool:
    """The facts give the figure to something else, and another figure to what the candidate said it of: "the forward
    pass is the bulk of it, around 170 ms, right?" against "the graph neighbourhood fetch takes about 170 ms ...; the
    forward pass is about 30 ms" was told "That's right." (played blind, 2026-12-07). Read clause by clause: the clause
    sharing most of the candidate's words (two at least) of those stating a figure in its unit states another, and none
    the candidate's."""
    said = words_beside_figures(said_text)
    best, holds = 1, False
    for fact in facts:
        for clause in _FACT_CLAUSES.split(fact.text):
            shared = len(said & words_beside_figures(clause))
            stated = {n for n, u in figures_in_units(clause, small_marked=True) if u == figure_unit}
            if not stated or shared < best:
                continue
            mine = any(_ratio(figure, s) <= CLOSE for s in stated)
            holds = mine if shared > best else holds or mine
            best = shared
    return best >= 2 and not holds


def contradicted(text: str, question: Question) -> list[Fact]:
    """The facts that an assumption stated in `text` gets wrong, each once.

    Only figures: assumptions stated in words are checked where the candidate puts them to the interviewer
    (`checked`). Said in passing inside an answer, a word denied in a fact that shares the assumption's words
    corrected 14 of 30 right assumptions (tests/data/assumptions_blind.yaml, 2026-12-05): a long spoken sentence
    shares words with many facts, and "the logits aren't bounded" is not read as "unbounded"."""
    wrong = [fact for sentence in re.split(r"(?<=[.!?])\s+", normalise_spoken(text))
             if ASSUMES.search(sentence) or _STATED.search(sentence)
             for fact, figure, stated, figure_unit in _figures_against(sentence, question.facts)
             if all(_ratio(figure, s) > FAR for s in stated) and (figure_unit != "share" or _shares_a_word(sentence, fact))]
    return unique_facts(wrong)


def _shares_a_word(sentence: str, fact: Fact) -> bool:
    """A share is of something: "I'd assume maybe 20% are signed-in Shop buyers" was corrected with "...about 70% mobile"
    (played blind, 2026-12-07), the one fact stating a share. Said in passing, it is checked against a fact about the
    same thing only: one sharing a word with it."""
    return bool(words_beside_figures(sentence) & words_beside_figures(fact.text))


def correction(text: str, question: Question) -> Clarification | None:
    """The interviewer's correction of a wrong given, assumed or built on as a premise (premises.py), or its stop at an
    estimate over a limit the facts state (over_limit.py), as a reply that lets the turn count as the answer it is."""
    wrong = unique_facts(contradicted(text, question) + wrong_premises(text, question))
    over = [(fact, assumed) for fact, assumed in broken_limits(text, question) if fact not in wrong]
    if not wrong and not over:
        return None
    facts = wrong + [fact for fact, _ in over]
    opener = CORRECTION if wrong or any(assumed for _, assumed in over) else STOP
    ask = Ask(text=text, topics=tuple(dict.fromkeys(f.topic for f in facts)), facts=tuple(facts))
    return Clarification(asks=(ask,), also_answer=True, reply=" ".join([opener, *(f.text for f in facts)]))


def corrects(turn: Turn) -> bool:
    """The interviewer's turn corrects a given the candidate got wrong, or stops an estimate over a stated limit."""
    return turn.kind is TurnKind.CLARIFICATION and turn.text.startswith((CORRECTION, NOT_QUITE, STOP))


def _put_to_check(said: str) -> bool:
    """Said as an assumption, or put to the interviewer to confirm ("I'll assume...", "..., right?")."""
    return bool(ASSUMES.search(said) or CONFIRM.search(said))


def checked(clarification: Clarification) -> str | None:
    """How the interviewer's reply should open when the candidate put an assumption to it ("I'll assume about $100 an
    order, is that right?"): NOT_QUITE where a figure is off the told fact's in the same unit, or a told fact denies
    what was assumed in words ("this runs on the device, right?" against "nothing runs on the device"); THAT_IS_RIGHT
    where every figure is near it; None where nothing was put. "Sure." before "about $85" confirmed a wrong $100
    (played, 2026-12-03)."""
    verdicts = []
    for ask in clarification.asks:
        said = ask.checks or ask.text
        if _EITHER_OR.search(said) and not _put_to_check(said):
            continue  # "Is 200 ms p99 the budget for the whole checkout or just for scoring?" is not yes or no
        if not ask.checks and _WH_ASK.match(said) and not _put_to_check(said):
            continue  # "How long does a test need to see a 1% change?" puts no figure to check ("That's right." was said)
        for piece in PIECES.split(normalise_spoken(said)):
            # "3,000 harmful designs a day out of 30 million": one figure near the fact's, the other (in the same unit)
            # worked out from it
            near: dict[str | None, list[bool]] = {}
            restated: list[Fact] = []  # facts a figure of the piece says again: its counts are checked against theirs
            for fact, figure, stated, figure_unit in _figures_against(piece, list(ask.facts), pooled=True):
                close = any(_ratio(figure, s) <= CLOSE for s in stated) and not _total_for_rate(piece, figure, figure_unit, ask.facts) \
                    and not _part_for_whole(piece, figure, ask.facts) and not _given_to_another(said, figure, figure_unit, list(ask.facts))
                near.setdefault(figure_unit, []).append(close)
                restated += [fact] if close else []
            verdicts += [any(v) for v in near.values()] + _counts_against(piece, restated) + ([False] if _wrong_rate(piece, ask.facts) else [])
    verdicts += [False for ask in clarification.asks if slips(ask.checks or ask.text)]  # "50,000 a second means 4 million a day"
    confirmed = bool(verdicts) and all(verdicts)  # "40% make a first sale, right?" beside "60% make no sale": figures win
    refused = False
    for ask in clarification.asks:
        assumed = ask.checks or ask.text
        asks_leave = not _put_to_check(assumed) and bool(_MAY_I.match(assumed))
        if (asks_leave or _put_to_check(assumed)) and not confirmed \
                and any(denied_by(assumed, fact.text, MAY_I_WORDS if asks_leave else MAX_ASSUMED_WORDS) for fact in ask.facts):
            verdicts.append(False)
            refused = refused or asks_leave
    if not verdicts:
        return None
    return THAT_IS_RIGHT if all(verdicts) else NO if refused and len(verdicts) == 1 else NOT_QUITE


def opener(clarification: Clarification) -> str | None:
    """How the reply opens in place of the persona's "Good question.": the verdict (`checked`), or, for an assumption
    put to the interviewer that the facts neither bear out nor deny in a way read here, a plain lead-in to them. "Good
    question." before "Frame masks come from the current segmentation model" praised "I'll assume the annotations are
    human-labelled ground truth, right?" (played, 2026-12-05)."""
    verdict = checked(clarification)
    if verdict is not None:
        return verdict
    put = any(ask.facts and (_put_to_check(ask.checks or ask.text) or _MAY_I.match(ask.checks or ask.text)) for ask in clarification.asks)
    return WHAT_WE_HAVE if put else None


def with_slips(read: Clarification | None, text: str) -> Clarification | None:
    """The reply to the turn (`read`, None for an answer that asks nothing) with the check of its wrong sums after it:
    alone, it lets the turn count as the answer it is. "50,000 per second means around 4 million per day, correct? ...
    What is latency budget?" needs both the check and the budget (played blind, 2026-12-07)."""
    lines = slips(text)
    if not lines:
        return read
    if read is None:
        return Clarification(asks=(Ask(text=text, topics=(), facts=()),), also_answer=True, reply=CHECK + " ".join(lines))
    return replace(read, reply=f"{read.reply} {CHECK}{' '.join(lines)}".strip())
