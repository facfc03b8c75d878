"""Spoken answers in the written form the evidence model reads: fillers out, number words as digits.

Whisper and people typing a transcript write "p ninety nine", "two hundred
milliseconds", "um, so, like". The evidence model must give such an answer the
level its content earns, so before any clause is read its number words become
digits and its fillers go. This is analysis text only: quotes are always cut
from what the candidate said.
"""

from __future__ import annotations

import re

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fifth": 5, "tenth": 10, "ninetieth": 90, "ninety-ninth": 99,
             "ninety ninth": 99, "ninety fifth": 95, "ninety-fifth": 95, "fiftieth": 50}
_NUMBER_WORD = "|".join(sorted([*_UNITS, *_TENS, *_SCALES, "a", "and", "point"], key=len, reverse=True))
# A run of number words: "two hundred and fifty", "three point five", "ninety nine".
_STARTS = "|".join(sorted([*_UNITS, *_TENS], key=len, reverse=True))
_RUN = re.compile(rf"\b(?:a\s+(?=hundred|thousand|million|billion))?(?:{_STARTS}|hundred|thousand|million|billion)\b(?:[\s-]+(?:{_NUMBER_WORD})\b)*",
                  re.IGNORECASE)
_FILLERS = re.compile(
    r"(?<![\w'])(?:um+|uh+|erm+|er|hmm+|mm+|ah+|you know|(?<!what )i mean|kind of|sort of|basically|like(?=,)|okay so|so yeah|yeah so)(?![\w'])[,.]?\s*",
    re.IGNORECASE,
)
_PERCENT = re.compile(r"(\d)\s*(?:per\s?cent|percent)\b", re.IGNORECASE)
_PERCENTILE = re.compile(r"\bp\s+(\d{2,3})\b", re.IGNORECASE)
_SPOKEN_ORDINAL = re.compile(r"\b(ninety[\s-](?:ninth|fifth)|fiftieth)\s+percentile\b", re.IGNORECASE)
_QUANTITY_NEXT = re.compile(r"\s*(?:%|percent|per cent|x\b|times\b|point\b|ms\b|millisecond|second|minute|hour|day|week|month|year|k\b|percentage)", re.IGNORECASE)
# Typed transcripts drop the apostrophe ("we didnt version the data"): the clause reader looks for "n't".
_BARE_NOT = re.compile(r"\b(did|do|does|was|were|have|has|had|could|would|should|is|are|ca|wo)nt\b", re.IGNORECASE)
_REPEATS = re.compile(r"\b(\w+)(?:\s+\1\b)+", re.IGNORECASE)
_SPACES = re.compile(r"[ \t]+")


def _parse(words: list[str]) -> tuple[float, int]:
    """The value of the longest number prefix of `words`, and how many words it used."""
    total, current, used, decimals = 0.0, 0.0, 0, None
    for i, raw in enumerate(words):
        word = raw.lower()
        if word in _UNITS or word in _TENS:
            value = _UNITS.get(word, _TENS.get(word, 0))
            if decimals is not None:
                decimals += str(value)
            elif word in _UNITS and current % 100 and current % 10 == 0 and current >= 20:
                current += value  # "ninety nine"
            elif current % 100 == 0 or current == 0:
                current += value
            else:
                break
            used = i + 1
        elif word in _SCALES and used:
            scale = _SCALES[word]
            if scale == 100:
                current = max(current, 1) * 100
            else:
                total += max(current, 1) * scale
                current = 0
            used = i + 1
        elif word == "and" and used and i + 1 < len(words) and words[i + 1].lower() in {**_UNITS, **_TENS}:
            continue
        elif word == "point" and used and decimals is None and i + 1 < len(words) and words[i + 1].lower() in _UNITS:
            decimals = ""
        else:
            break
    value = total + current
    if decimals:
        value = float(f"{int(value)}.{decimals}")
    return value, used


def _digits(match: re.Match[str]) -> str:
    words = re.split(r"[\s-]+", match.group(0))
    if words[0].lower() == "a":
        words[0] = "one"
    value, used = _parse(words)
    if not used or (used == 1 and words[0].lower() == "one" and not _QUANTITY_NEXT.match(match.string, match.end())):
        return match.group(0)  # "one of the", "no one": a pronoun, not a figure
    number = f"{value:g}" if value != int(value) else str(int(value))
    rest = " ".join(words[used:])
    return number + (" " + rest if rest else "")


def normalise_spoken(text: str) -> str:
    """Digits for number words, no fillers or stutters; written answers pass through almost unchanged."""
    out = _FILLERS.sub("", text)
    out = _BARE_NOT.sub(r"\1n't", out)
    out = _REPEATS.sub(r"\1", out)
    out = _SPOKEN_ORDINAL.sub(lambda m: f"{_ORDINALS[m.group(1).lower().replace('-', ' ')] if m.group(1).lower().replace('-', ' ') in _ORDINALS else _ORDINALS[m.group(1).lower()]}th percentile", out)
    out = _RUN.sub(_digits, out)
    out = _PERCENT.sub(r"\1%", out)
    out = _PERCENTILE.sub(r"p\1", out)
    return _SPACES.sub(" ", out).strip()
