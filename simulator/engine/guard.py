"""Checks every generated interviewer turn before a candidate sees it.

Small local models drift out of role (measured: "If you have any questions
about the recommender ... feel free to ask!"). A turn that is not one short
in-persona question, that leaks a score or an answer, or that repeats an
earlier question is rejected and the rubric's canned probe is used instead.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from pydantic import BaseModel

MAX_WORDS = 35
MIN_WORDS = 4
REPEAT_SIMILARITY = 0.85

_LEAKS = re.compile(
    r"\b(score[sd]?|scoring|rubric|grade[sd]?|level [1-4]|hire signal|strong yes|lean (yes|no)|"
    r"(good|great|correct|right|ideal|model) answer|the answer is|you should have|"
    r"as an ai|language model|i am an ai|i'm an ai|chatgpt)\b",
    re.IGNORECASE,
)
_OUT_OF_ROLE = re.compile(
    r"(feel free|let me know|happy to help|do you have any questions|any questions for me|"
    r"here is|here's|sure[,!]|certainly|of course|i will ignore|(my|your|previous) instructions|"
    r"system prompt|follow-up question:)",
    re.IGNORECASE,
)
_QUOTES = "\"'“”‘’`"


class GuardVerdict(BaseModel):
    ok: bool
    text: str
    reason: str | None = None


def _normalise(text: str) -> str:
    return re.sub(r"[^a-z0-9 ]+", "", text.lower()).strip()


def clean(raw: str) -> str:
    """Strip the wrapping a small model adds around an otherwise good question."""
    text = " ".join(raw.split())
    text = re.sub(r"^((?i:follow[- ]?up( question)?|question|interviewer)|[A-Z][a-z]+)\s*:\s*", "", text)
    return text.strip(_QUOTES + " ").strip()


def check_turn(raw: str, earlier_questions: list[str]) -> GuardVerdict:
    """Accept `raw` only if it is one short question, in role, new, and leaks nothing."""
    text = clean(raw)
    words = text.split()
    if not text:
        return GuardVerdict(ok=False, text=text, reason="empty")
    if text.count("?") != 1 or not text.endswith("?"):
        return GuardVerdict(ok=False, text=text, reason="not exactly one question ending in '?'")
    if len(words) > MAX_WORDS:
        return GuardVerdict(ok=False, text=text, reason=f"too long ({len(words)} words)")
    if len(words) < MIN_WORDS:
        return GuardVerdict(ok=False, text=text, reason=f"too short ({len(words)} words)")
    if _LEAKS.search(text):
        return GuardVerdict(ok=False, text=text, reason="reveals scoring or answers, or breaks character")
    if _OUT_OF_ROLE.search(text):
        return GuardVerdict(ok=False, text=text, reason="out of role")
    if any(ch in text for ch in "<>{}[]#*"):
        return GuardVerdict(ok=False, text=text, reason="markup in a spoken question")
    norm = _normalise(text)
    for earlier in earlier_questions:
        if SequenceMatcher(None, norm, _normalise(earlier)).ratio() >= REPEAT_SIMILARITY:
            return GuardVerdict(ok=False, text=text, reason="repeats an earlier question")
    return GuardVerdict(ok=True, text=text)
