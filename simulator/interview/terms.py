"""The word a candidate asks the interviewer about ("what do you mean by fallback?"), and the fact that explains it."""

from __future__ import annotations

import re

from ..catalog.models import Fact, Question
from .turn_phrases import ASKS_MEANING, BY_TERM, CONTEXT_NOUN, QUOTED, TERM, TERM_DOES, WHEN_YOU_SAY
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
    match = TERM.search(text.strip()) or TERM_DOES.search(text.strip())
    return match.group("term").strip() if match else None


def term_fact(asked: str, question: Question) -> Fact | None:
    """The fact that explains the term: one written for it, else one that uses every word of it (stems)."""
    lowered = asked.lower()
    for fact in question.facts:
        if fact.term and (fact.term.lower() in lowered or lowered in fact.term.lower()):
            return fact
        if any(k.lower() == lowered for k in fact.keywords):
            return fact
    wanted = stems(asked)
    return next((f for f in question.facts if wanted and wanted <= stems(f.text)), None)
