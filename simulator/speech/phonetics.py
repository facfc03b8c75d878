"""How a term sounds and how alike two spellings are: the keys the domain correction (correction.py) compares.

- spoken forms: an acronym read as letters ("NDCG" -> "en dee see gee") or as a word
  ("CLIP"), digits read as number words ("p95" -> "p ninety five"), CamelCase split;
- a phonetic key: a small Metaphone-like skeleton (voicing merged, vowel groups kept as one mark);
- spelling similarity: edit distance over letters and digits only.

Pure Python, standard library only.
"""

from __future__ import annotations

import re
from functools import lru_cache

_LETTER_NAMES = {
    "a": "ay", "b": "bee", "c": "see", "d": "dee", "e": "ee", "f": "ef", "g": "jee", "h": "aych", "i": "eye",
    "j": "jay", "k": "kay", "l": "el", "m": "em", "n": "en", "o": "oh", "p": "pee", "q": "cue", "r": "ar",
    "s": "ess", "t": "tee", "u": "you", "v": "vee", "w": "double you", "x": "ex", "y": "why", "z": "zee",
}  # fmt: skip
_ONES = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()
_VOWELS = frozenset("aeiouy")
_PARTS = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+")
"""CamelCase and digit runs: "TensorRT" -> Tensor RT, "XGBoost" -> XG Boost, "p95" -> p 95."""
MAX_VARIANTS = 4


def number_words(digits: str) -> str:
    """How a number is read: 95 -> "ninety five", 2026 -> "two zero two six" (long numbers digit by digit)."""
    n = int(digits)
    if len(digits) > 3 or (digits.startswith("0") and len(digits) > 1):
        return " ".join(_ONES[int(d)] for d in digits)
    words: list[str] = []
    if n >= 100:
        words += [_ONES[n // 100], "hundred"]
        n %= 100
        if n == 0:
            return " ".join(words)
    if n < 20:
        words.append(_ONES[n])
    else:
        words.append(_TENS[n // 10])
        if n % 10:
            words.append(_ONES[n % 10])
    return " ".join(words)


def _spell(letters: str) -> str:
    return " ".join(_LETTER_NAMES[c] for c in letters.lower() if c in _LETTER_NAMES)


def _part_variants(part: str, *, dotted: bool) -> list[str]:
    """How one word part may be said: a number read out, a lone letter by name, an acronym spelled or read as a word.

    Short acronyms are spelled ("SKU", "AUC", "QPS"), and read as a word too only when they
    sound like one ("RAG"); longer ones with a vowel are read as words ("ROUGE"), and spelled
    too when short enough to be either ("CLIP", "BERT").
    """
    if part.isdigit():
        return [number_words(part)]
    if dotted or len(part) == 1:
        return [_spell(part)]
    if part.isupper():
        lower = part.lower()
        has_vowel = any(c in _VOWELS for c in lower)
        if len(part) <= 3:
            sayable = len(part) == 3 and lower[0] not in _VOWELS and lower[1] in _VOWELS and lower[2] not in _VOWELS
            return [_spell(part), lower] if sayable else [_spell(part)]
        if not has_vowel:
            return [_spell(part)]
        return [lower, _spell(part)] if len(part) == 4 else [lower]
    return [part.lower()]


def spoken_variants(text: str) -> list[str]:
    """The ways `text` may be said aloud, at most MAX_VARIANTS: "NDCG" -> ["en dee see gee", "ndcg"]? no vowel, so one.

    The same function reads the rubric's terms and Whisper's words, so both sides are compared alike.
    """
    variants = [""]
    for token in re.split(r"[\s/-]+", text):
        dotted = bool(re.fullmatch(r"(?:[A-Za-z]\.){2,}", token))
        core = re.sub(r"[^A-Za-z0-9]", "", token)
        if not core:
            continue
        mixed_acronym = len(core) <= 4 and sum(c.isupper() for c in core) >= 2 and not core.isupper()
        options = [_spell(core), core.lower()] if mixed_acronym else [""]
        if not mixed_acronym:
            for part in _PARTS.findall(core):
                said = _part_variants(part, dotted=dotted)
                options = [f"{o} {s}".strip() for o in options for s in said][:MAX_VARIANTS]
        variants = [f"{v} {o}".strip() for v in variants for o in options][:MAX_VARIANTS]
    return [v for v in variants if v]


_MERGE = {"b": "P", "p": "P", "d": "T", "t": "T", "g": "K", "k": "K", "q": "K", "v": "F", "f": "F", "z": "S", "s": "S", "j": "J"}


def _word_key(word: str) -> str:
    """A consonant skeleton with one mark (A) per vowel group, voiced and voiceless sounds merged."""
    w = re.sub(r"[^a-z]", "", word.lower())
    silent_e = len(w) > 3 and w.endswith("e") and w[-2] not in _VOWELS
    if w[:2] in ("kn", "gn", "wr", "ps"):
        w = w[1:]
    out: list[str] = []
    i = 0
    while i < len(w):
        rest, c = w[i:], w[i]
        nxt = w[i + 1] if i + 1 < len(w) else ""
        step, sound = 1, ""
        if silent_e and i == len(w) - 1:
            sound = ""
        elif rest.startswith(("tion", "sion", "cion", "tian", "sian")):
            step, sound = 4, "XAN"
        elif rest.startswith(("sch", "tch")):
            step, sound = 3, "X"
        elif rest.startswith(("sh", "ch")):
            step, sound = 2, "X"
        elif rest.startswith("ph"):
            step, sound = 2, "F"
        elif rest.startswith("th"):
            step, sound = 2, "0"
        elif rest.startswith("gh"):
            step = 2
        elif rest.startswith("ck"):
            step, sound = 2, "K"
        elif rest.startswith("dg"):
            step, sound = 2, "J"
        elif rest.startswith("qu"):
            step, sound = 2, "KW"
        elif rest.startswith("wh"):
            step, sound = 2, "W"
        elif c in _VOWELS and not (c == "y" and nxt in _VOWELS):
            sound = "A"
        elif c == "c":
            sound = "S" if nxt in ("e", "i", "y") else "K"
        elif c == "g":
            sound = "J" if nxt in ("e", "i", "y") else "K"
        elif c == "x":
            sound = "KS" if i else "S"
        elif c in ("w", "y"):
            sound = c.upper() if nxt in _VOWELS else ""
        elif c == "h":
            sound = ""
        else:
            sound = _MERGE.get(c, c.upper())
        for s in sound:
            if not out or out[-1] != s:
                out.append(s)
        i += step
    return "".join(out)


@lru_cache(maxsize=4096)
def phonetic_keys(text: str) -> tuple[str, ...]:
    """One key per spoken variant of `text`, words run together (so "in justion" and "ingestion" meet)."""
    keys: list[str] = []
    for variant in spoken_variants(text):
        key = "".join(_word_key(w) for w in variant.split())
        if key and key not in keys:
            keys.append(key)
    return tuple(keys)


def spelling(text: str) -> str:
    """Letters and digits only, lower case: "in-batch" and "in batch" spell the same."""
    return re.sub(r"[^a-z0-9]", "", text.lower())


def levenshtein(a: str, b: str) -> int:
    if len(a) < len(b):
        a, b = b, a
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def bounded_similarity(a: str, b: str, least: float) -> float:
    """`similarity`, or 0.0 as soon as it is sure to fall below `least` (a banded edit distance: fast for misses)."""
    longest = max(len(a), len(b))
    if not a or not b:
        return 0.0
    k = int((1.0 - least) * longest)
    if abs(len(a) - len(b)) > k:
        return 0.0
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [k + 1] * len(b)
        for j in range(max(1, i - k), min(len(b), i + k) + 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != b[j - 1]))
        if min(current) > k:
            return 0.0
        previous = current
    distance = previous[-1]
    return 0.0 if distance > k else 1.0 - distance / longest


def similarity(a: str, b: str) -> float:
    """1 - edit distance / the longer length (1.0 = same, 0.0 = nothing alike)."""
    if not a or not b:
        return 0.0
    return 1.0 - levenshtein(a, b) / max(len(a), len(b))
