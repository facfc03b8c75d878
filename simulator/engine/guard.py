"""Checks every generated interviewer turn before a candidate sees it.

Small local models drift out of role (measured: "If you have any questions
about the recommender ... feel free to ask!") and off topic (asked to probe
measured impact, the 0.5B model once asked "What did the team do with their
data?"). A turn that is not one short in-persona question, that leaks a score
or an answer, that repeats an earlier question, or that no longer asks what the
planner planned is rejected and the rubric's canned probe is used instead.
"""

from __future__ import annotations

import math
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
# The interviewer asks; a question about what *I* should do is the model talking as the candidate.
_WRONG_SIDE = re.compile(r"\b(do|should|can|could|would|will|shall|did|have) I\b|\bmy (project|model|team|answer)\b", re.IGNORECASE)
_STOPWORDS = frozenset(
    "a an and or the of to in on at for with by from as is are was were be been being it its this that these "
    "those what which who whom whose when where why how do does did done you your yours we our i me my they "
    "them their there here can could would should will shall may might must have has had not no so if then "
    "than about into over under up down out more most much many any some such very just also tell say".split()
)
ON_TOPIC_SHARE = 0.34


def content_words(text: str) -> set[str]:
    """Words that carry meaning, cut to a 5-letter stem so "measure" and "measured" meet."""
    return {w[:5] for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in _STOPWORDS and len(w) > 2}


def on_topic(text: str, planned: str, topic: str = "") -> bool:
    """Does the rephrased question still ask what the planned probe asks?

    It must reuse a share of the probe's content words; words of the criterion's
    name ("measured impact") count too, since a good rewording may say the point
    in those words instead.
    """
    wanted = content_words(planned)
    if not wanted:
        return True
    said = content_words(text)
    hits = len(said & wanted) + len((said & content_words(topic)) - wanted)
    return hits >= max(1, math.ceil(ON_TOPIC_SHARE * len(wanted)))


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


def check_turn(raw: str, earlier_questions: list[str], planned: str | None = None, topic: str = "") -> GuardVerdict:
    """Accept `raw` only if it is one short question, in role, new, on the planned probe, and leaks nothing."""
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
    if _WRONG_SIDE.search(text):
        return GuardVerdict(ok=False, text=text, reason="speaks as the candidate")
    if any(ch in text for ch in "<>{}[]#*«»"):
        return GuardVerdict(ok=False, text=text, reason="markup in a spoken question")
    if planned is not None and not on_topic(text, planned, topic):
        return GuardVerdict(ok=False, text=text, reason="drifted off the planned probe")
    norm = _normalise(text)
    for earlier in earlier_questions:
        if SequenceMatcher(None, norm, _normalise(earlier)).ratio() >= REPEAT_SIMILARITY:
            return GuardVerdict(ok=False, text=text, reason="repeats an earlier question")
    return GuardVerdict(ok=True, text=text)
