"""The readings a candidate offers for a word the question leaves open: "what do you mean by underperforming, missing
deadlines or also behaviour stuff?", "Do you mean base or total comp?".

A real interviewer with no definition at hand takes a fair reading rather than asking the candidate to define it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..engine.guard import content_words

if TYPE_CHECKING:
    from .asks import Ask

# A term no fact explains, with the candidate's own reading of it: "what do you mean by underperforming, missing
# deadlines or also behaviour stuff?", "irreducible error in a fraud setting, is that label noise?" (played, 2026-12-07:
# seven such drew "I haven't pinned down "underperforming" for this one: say what you take it to mean", the meaning they
# had just offered). A real interviewer with no definition at hand takes a fair reading.
_MARKS_READING = r"(?:do you mean|you mean|meaning|as in|like|i\.?e\.?|is (?:that|it)(?: just| basically| also| like)?)\s+"
# "Real users means merchants or buyers?" offers its readings straight after "means" (played blind, 2026-12-07: "I
# haven't pinned down "Real users"")
_READINGS = re.compile(r"^[\"'”’]?\s*(?:what (?:does|do) (?:that|it|this) mean\s*|(?:mean|means|refers? to|stands? for)\s+)?"
                       r"(?:(?:here|exactly|in this context|in this case|again|then)\W*\s*)*"
                       rf"(?:[,;:—–-]+\s*(?:{_MARKS_READING})?|{_MARKS_READING}|(?:(?<=means )|(?<=mean ))(?!(?:in|here|exactly|for|by|to)\b))"
                       r"(?P<reading>(?!(?:what|what's|whats|how|which|who|when|where|why|do|does|did|can|could|should|would|will|are|am)\b)\w.*)",
                       re.IGNORECASE)  # "..., does a test order count?" asks a question of its own, it offers no reading
MEAN_OPTIONS = re.compile(r"(?i)^(?:\W*\w+\W+){0,3}?(?:do|did) you mean\b(?![^?]*\bby\b)[^?]*\bor\b(?! (?:some|any)thing else| not\b| what\b)")
EITHER = "Either reading is fair for this one: say which you're taking, and go on."
EITHER_STORY = "Either counts: take the example that fits best, and say which it is."
THAT_READING = "That reading works for this one: go on with it."


def reading_told(ask: Ask) -> bool:
    """A fact told for the word names the readings the candidate offered, in two of their words at least ("Any
    coordinated group counts, whether the merchant runs it or a review farm does"; "Harmful designs reaching public view"
    shares only "designs" with "the designs blocked that were actually fine, or the ones users appeal")."""
    at = ask.text.lower().find((ask.term or "").lower())
    offered = content_words(ask.text[at + len(ask.term or ""):]) - content_words(ask.term or "")
    return any(len(offered & content_words(f.text)) >= 2 for f in ask.facts)


def offered_reading(ask: Ask, question_has_code: bool = False) -> list[str]:
    """ "either" when the words after the term offer two readings ("A or B?"), "one" when they offer one ("is that
    X?", ", like X?"), nothing when they offer none ("what do you mean by salient here?")."""
    if question_has_code:
        return []  # a coding task's words have one meaning: "is conf_b the mean confidence, or...?" is not either way
    at = ask.text.lower().find(ask.term.lower()) if ask.term else -1
    after = ask.text[at + len(ask.term or ""):] if at >= 0 else ""
    reading = _READINGS.match(after.rstrip(" ?.!")) if len(after.split()) >= 2 else None
    if reading is None or len(reading.group("reading").split()) < 2:
        return []
    return ["either" if re.search(r"\b(?:or|versus|vs)\b", reading.group("reading"), re.IGNORECASE) else "one"]
