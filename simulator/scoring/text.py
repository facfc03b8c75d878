"""Text helpers the scorers share: sentences with exact offsets, clause subjects, normalised search.

Every span here is an offset into the original turn text, so any quote cut from
it is, by construction, a verbatim substring of what the candidate said.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# A sentence ends at . ! ? (not inside "3.2" or "e.g.x") followed by space, or at a line break.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]*\s+|\n+")
# Who does what: the last subject before a verb decides whose action it is.
_SUBJECT = re.compile(
    r"\b(?:(?P<self>I)(?:'(?:d|ve|m|ll))?(?! (?:mean|think|guess|suppose|believe)\b)"
    r"|(?P<team>we|we'(?:d|ve|re|ll)|(?:the|my|our|whole) team|team|everyone|everybody)"
    r"|(?P<other>they|he|she|you|teammates?|colleagues?|manager|lead|people|nobody|someone|somebody|something|everything)"
    # A subordinate clause starts a new subject we cannot name: "because the bigger one added ..."
    r"|(?P<boundary>because|since|which|who|while|whereas|so|but|when|if|although|though|that|where|until|unless))\b",
    re.IGNORECASE,
)
_WS = re.compile(r"\s+")
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"})


@dataclass(frozen=True)
class Span:
    start: int
    end: int


def sentences(text: str) -> list[Span]:
    """Sentence spans of `text`, stripped of surrounding whitespace, in order."""
    spans: list[Span] = []
    pos = 0
    for match in _SENTENCE_END.finditer(text):
        _add_stripped(text, pos, match.start(), spans)
        pos = match.end()
    _add_stripped(text, pos, len(text), spans)
    return spans


def _add_stripped(text: str, start: int, end: int, out: list[Span]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Span(start, end))


def clause_subject(sentence: str, upto: int) -> str | None:
    """'self', 'team', 'other' or None: the last grammatical subject in `sentence[:upto]`.

    "I" must be a capital I (a lowercase "i" is almost always a typo or a list
    marker); the other pronouns match in any case.
    """
    last: str | None = None
    for match in _SUBJECT.finditer(sentence, 0, upto):
        if match.group("self") is not None:
            if match.group("self") == "I" or match.group(0).startswith("I"):
                last = "self"
        elif match.group("team") is not None:
            last = "team"
        elif match.group("boundary") is not None:
            last = None
        else:
            last = "other"
    return last


def normalise(text: str) -> str:
    """Case-, whitespace- and quote-insensitive form used to verify quotes."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold()
    return _WS.sub(" ", text).strip()


def normalised_with_map(text: str) -> tuple[str, list[int]]:
    """`normalise(text)` plus, per normalised character, its offset in `text`.

    Lets a quote found in normalised form be mapped back to the exact original span.
    """
    out: list[str] = []
    where: list[int] = []
    pending_space = False
    for i, ch in enumerate(text):
        folded = unicodedata.normalize("NFKC", ch).translate(_QUOTES).casefold()
        if not folded or folded.isspace():
            pending_space = bool(out)
            continue
        if pending_space:
            out.append(" ")
            where.append(i)
            pending_space = False
        for part in folded:
            out.append(part)
            where.append(i)
    return "".join(out), where
