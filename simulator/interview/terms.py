"""The word a candidate asks the interviewer about ("what do you mean by fallback?"), and the fact that explains it."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..catalog.glossary import MIN_ASKED_CHARS, GlossaryTerm, lookup, name_pattern, normal_name
from ..catalog.models import Fact, Question
from .turn_phrases import ASKS_MEANING, BY_TERM, CONTEXT_NOUN, QUOTED, TERM, TERM_DOES, TERM_IS, WHEN_YOU_SAY
from .turn_shape import stems


def term_asked(text: str) -> str | None:
    """The term a "what do you mean by X?" / "could you explain X?" asks about, if the clause asks that.

    "What's driving this?" names no term: a phrase with a pronoun in it points back at something, it is not a word.
    """
    term = term_named(text)
    if term is None or re.search(r"\b(?:this|that|it|these|those|we|you|i|us)\b", term, re.IGNORECASE):
        return None
    return None if CONTEXT_NOUN.match(term.strip()) else term


LOST_AT = re.compile(r"\byou lost me (?:at|with|on|when you said) [\"'“‘]?(?P<term>[\w\s/-]{2,40}?)[\"'”’]?\s*(?:[.,;:!?]|$)", re.IGNORECASE)


def term_named(text: str) -> str | None:
    lost = LOST_AT.search(text)  # "sorry, you lost me at 'attention pooling'"
    if lost:
        return lost.group("term").strip()
    quoted = QUOTED.search(text)
    if quoted and ASKS_MEANING.search(text):  # "what do you mean by 'reproducible prompts' for support?"
        return quoted.group("term").strip()
    by = BY_TERM.search(text)
    if by:
        return (by.group("term") or by.group("meant")).strip()
    said = WHEN_YOU_SAY.search(text)
    if said and said.group("named"):  # "class-agnostic here means ...?", "adversarial adaptation - you mean ...?"
        return re.sub(r"^(?:the|a|an|this|that)\s+", "", said.group("named").strip(), flags=re.IGNORECASE)
    if said and (ASKS_MEANING.search(text[said.end():]) or re.match(r"\W*(?:is|are|does|do) (?:that|it|this|they|those)\b", text[said.end():], re.IGNORECASE)):
        return said.group("term").strip()
    match = TERM.search(text.strip()) or TERM_DOES.search(text.strip()) or TERM_IS.search(text.strip())
    return match.group("term").strip() if match else None


def _defines(fact: str, term: str) -> bool:
    """The fact opens by saying what the term means in this scenario: "Churn here means...", not "Sidekick is in about
    20 languages"."""
    opening = rf"^\W*(?:an?\s+|the\s+)?{re.escape(term)}(?:e?s)?\s+(?:here\s+|in this \w+\s+)?(?:means?|refers? to|counts? (?:as|when|if))\b"
    return bool(re.match(opening, fact, re.IGNORECASE))


_WHERE = re.compile(r"\s+(?:at|in|on|for)\s+\S+$", re.IGNORECASE)  # the company or product it is asked about, after the term


def defines(fact: Fact, term: str) -> bool:
    """The fact says what the term means (the glossary's, one written for it, or one opening "X here means..."), rather
    than only using it ("...with wrong takedowns as the guardrail")."""
    lowered = term.lower()
    return fact.topic == "term" or bool(fact.term) or any(k.lower() == lowered for k in fact.keywords) or _defines(fact.text, term)


def term_facts(asked: str, question: Question, glossary: Sequence[GlossaryTerm] = (), *, explicit: bool = True) -> tuple[Fact, ...]:
    """What explains the term: a fact written for it; else the glossary's explanation, and the scenario's fact that
    uses every word of it (stems) after it: "Sidekick is Shopify's AI assistant... About 20% of merchants use
    Sidekick in a month..." explains the word and says what the scenario holds about it.

    `explicit`: the candidate asked what the words mean ("what do you mean by kill-switch rollout plan?"), so a
    glossary name inside them is what they ask about; otherwise ("what's the total p99 budget?") only a name that is
    all of them is."""
    lowered = asked.lower()
    for fact in question.facts:
        if fact.term and (fact.term.lower() in lowered or lowered in fact.term.lower()):
            return (fact,)
        if any(k.lower() == lowered for k in fact.keywords):
            return (fact,)
    defining = next((f for f in question.facts if _defines(f.text, asked)), None)
    if defining is not None:  # "Churn here means cancelling the plan...": the scenario's own meaning, not the field's
        return (defining,)
    entry = lookup(asked, glossary, within=explicit)
    if entry is None and (where := _WHERE.search(asked)):  # "what exactly is a brand kit at canva"
        entry = lookup(asked[: where.start()], glossary, within=explicit)
    explained = (Fact(topic="term", term=entry.term, text=entry.text),) if entry is not None else ()
    wanted = stems(asked)
    used = next((f for f in question.facts if wanted and wanted <= stems(f.text)), None)
    return explained + ((used,) if used is not None else ())


FRAGMENT_WORDS = 6  # "Shopify's data science hierarchy of needs." said alone names a thing; a longer stretch says something
POINTS_BACK = re.compile(r"\bwhat(?:'s|’s| is| are) (?:that|it|this|those|they)\b|\b(?:define|explain) (?:it|that|this)\b|"
                         r"\bwhat (?:does|do) (?:that|it|this|those) (?:mean|stand for)\b|\bmeaning what\b", re.IGNORECASE)
_LEAD_FILLER = re.compile(r"^(?:(?:sorry|so|and|ok(?:ay)?|um+|uh+|hmm+|like|wait)\W+)+", re.IGNORECASE)


def term_before(asked: str, said_before: list[str], question: Question, glossary: Sequence[GlossaryTerm] = ()) -> str | None:
    """ "Sample ratio mismatch. What is that?", "sorry um kill switch what does that mean here", "Interleaving?
    Never used it. What is it?", '"expected cost objective" - define it as you mean it here?': the words a "what is that?" points back at, when they are said as a short fragment
    of their own that the question's text or the glossary names (so "Never used it." is not taken for a term)."""
    pointing = POINTS_BACK.search(asked)
    if pointing is None:
        return None
    before = _LEAD_FILLER.sub("", asked[: pointing.start()].strip())
    for said in ([before] if before else []) + [_LEAD_FILLER.sub("", s.strip()) for s in reversed(said_before)]:
        quoted = QUOTED.search(said)  # 'Quick one: "expected cost objective" - define it as you mean it here?'
        name = quoted.group("term") if quoted else " ".join(re.sub(r"[?!.,;:]+", " ", said).split())
        if len(name) >= MIN_ASKED_CHARS and len(name.split()) <= FRAGMENT_WORDS and (
                re.search(rf"\b{re.escape(normal_name(name))}\b", normal_name(question.text)) or lookup(name, glossary) is not None):
            return name
        if said is before:
            return None  # words before it in the same clause that name nothing: "...and what does that mean for latency"
    return None


EXPLAIN = re.compile(r"\b(?:(?:can|could|would|will) you (?:please |maybe |quickly )?(?:explain|define)|please (?:explain|define)|"
                     r"what (?:do|does) (?:\w+ ){1,3}(?:mean|stand for|refer to)|(?<!i )(?<!we )stands? for|(?<!i )(?<!we )refers? to)\b",
                     re.IGNORECASE)


def glossary_named(text: str, glossary: Sequence[GlossaryTerm]) -> str | None:
    """The glossary's longest name in a clause that asks for an explanation in words the term readers do not parse:
    "could you explain what collusive fake reviews are, as opposed to ordinary fake reviews?"."""
    if not EXPLAIN.search(text):
        return None
    said = normal_name(text)
    named = [name for entry in glossary for name in entry.names if name_pattern(name).search(said)]
    return max(named, key=len) if named else None
