"""Delivery metrics for a spoken answer, computed from word timestamps.

Speaking time runs from the first word's start to the last word's end, so a long
silence before the answer shows up as time to first word, not as slow speech.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..engine.turns import DeliveryMetrics, Speaker, Turn, TurnKind
from .models import AnswerLengthCheck, TalkRatio, Word

LONG_PAUSE_S = 2.0

_VARIANTS = (
    (re.compile(r"^u+m+$"), "um"),
    (re.compile(r"^(u+h+|a+h+)$"), "uh"),
    (re.compile(r"^e+r+m+$"), "erm"),
    (re.compile(r"^h+m+$"), "hmm"),
)


def filler_token(word: str) -> str:
    """A word as filler matching sees it: lower-case, no punctuation, "Umm," -> "um"."""
    token = re.sub(r"[^a-z']", "", word.lower())
    for pattern, canonical in _VARIANTS:
        if pattern.match(token):
            return canonical
    return token


_DETERMINERS = frozenset({"a", "an", "the", "this", "that", "what", "which", "some", "any", "one", "every", "each", "no"})
"""Before "kind of"/"sort of" these make a noun phrase ("what kind of model"), not a hedge."""
_LIKE_AS_WORD_AFTER = frozenset(
    {"i", "you", "we", "they", "would", "i'd", "you'd", "we'd", "they'd", "do", "does", "did", "don't", "doesn't",
     "didn't", "really", "also", "look", "looks", "looked", "seem", "seems", "seemed", "sound", "sounds", "sounded",
     "feel", "feels", "felt", "something", "anything", "nothing", "things", "more", "much", "just", "exactly"}
)  # fmt: skip
"""After these "like" is a verb or a comparison ("I'd like to", "looks like", "something like that")."""


def _is_filler_use(pattern: tuple[str, ...], raw: Sequence[str], tokens: Sequence[str], i: int, filler_words: set[str]) -> bool:
    """Whether an ambiguous filler at tokens[i] is used as one here.

    "like" counts only with a sign of a hedge (after a comma or at the start, with a
    comma after it, or beside another filler) and never as a verb or comparison;
    "kind of"/"sort of" count unless a determiner makes them a noun phrase.
    """
    prev = tokens[i - 1] if i > 0 else ""
    if pattern in (("kind", "of"), ("sort", "of")):
        return prev not in _DETERMINERS
    if pattern != ("like",):
        return True
    nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
    if prev in _LIKE_AS_WORD_AFTER or nxt == "to":
        return False
    set_off = i == 0 or raw[i - 1].rstrip().endswith((",", ".", "?", "!", ";", ":", "-")) or raw[i].rstrip().endswith((",", "..."))
    return set_off or prev in filler_words or nxt in filler_words


def count_fillers(words: Sequence[str], fillers: Sequence[str]) -> int:
    """Non-overlapping filler occurrences; multi-word fillers ("you know") match word sequences, longest first.

    Words that are fillers only sometimes ("like", "kind of") are counted from their context,
    so "I'd like to" and "what kind of model" cost the candidate nothing.
    """
    pairs = [(w, t) for w, t in ((w, filler_token(w)) for w in words) if t]
    raw, tokens = [w for w, _ in pairs], [t for _, t in pairs]
    patterns = sorted(
        ({tuple(filler_token(p) for p in f.split()) for f in fillers if f.strip()}), key=len, reverse=True
    )
    filler_words = {p[0] for p in patterns if len(p) == 1}
    count = 0
    i = 0
    while i < len(tokens):
        for pattern in patterns:
            if tuple(tokens[i : i + len(pattern)]) == pattern and _is_filler_use(pattern, raw, tokens, i, filler_words):
                count += 1
                i += len(pattern)
                break
        else:
            i += 1
    return count


def pauses(words: Sequence[Word], over_s: float = LONG_PAUSE_S) -> list[float]:
    """Gaps between consecutive words longer than `over_s`."""
    return [b.start - a.end for a, b in zip(words, words[1:]) if b.start - a.end > over_s]


def delivery_metrics(words: Sequence[Word], fillers: Sequence[str]) -> DeliveryMetrics:
    """wpm, fillers/min, long pauses and time to first word (word times are from the question's end)."""
    if not words:
        return DeliveryMetrics(duration_s=0.0, words=0, wpm=0.0)
    duration = max(words[-1].end - words[0].start, 0.0)
    minutes = duration / 60
    filler_count = count_fillers([w.w for w in words], fillers)
    long_pauses = pauses(words)
    return DeliveryMetrics(
        duration_s=round(duration, 2),
        words=len(words),
        wpm=round(len(words) / minutes, 1) if minutes > 0 else 0.0,
        filler_count=filler_count,
        fillers_per_min=round(filler_count / minutes, 2) if minutes > 0 else 0.0,
        pauses_over_2s=len(long_pauses),
        longest_pause_s=round(max(long_pauses, default=0.0), 2),
        time_to_first_word_s=round(words[0].start, 2),
    )


def length_check(duration_s: float, guidance_s: tuple[int, int]) -> AnswerLengthCheck:
    """Compare speaking time with a round's ideal answer range."""
    low, high = guidance_s
    verdict = "short" if duration_s < low else "long" if duration_s > high else "ok"
    return AnswerLengthCheck(duration_s=round(duration_s, 2), low_s=low, high_s=high, verdict=verdict)


def talk_ratio(turns: Sequence[Turn]) -> TalkRatio:
    """Interviewer vs candidate talk time over a round's turns (t_end - t_start of each; notices excluded)."""
    turns = [t for t in turns if t.kind != TurnKind.NOTICE]
    interviewer = sum(max(t.t_end - t.t_start, 0.0) for t in turns if t.speaker == Speaker.INTERVIEWER)
    candidate = sum(max(t.t_end - t.t_start, 0.0) for t in turns if t.speaker == Speaker.CANDIDATE)
    total = interviewer + candidate
    return TalkRatio(
        interviewer_s=round(interviewer, 2),
        candidate_s=round(candidate, 2),
        candidate_share=round(candidate / total, 3) if total > 0 else 0.0,
    )
