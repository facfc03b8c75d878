"""Domain correction after Whisper: low-confidence words that sound like a round's jargon become that jargon.

Why: a voice answer is scored from its transcript, and tiny.en hears jargon as everyday
words ("rancor" for ranker, "in justion" for ingestion, "expert success" for export
success) even with the terms in its prompt. The rubric already lists the terms a round
expects (see `vocabulary.correction_terms`), so the transcript's n-grams are compared with
them by sound and by spelling:

- sound: a phonetic key (a small Metaphone-like skeleton: voicing merged, vowel groups
  kept as one mark) of the spoken form, where acronyms may be read as letters ("NDCG"
  -> "en dee see gee") or as a word ("CLIP"), and digits are read as number words
  ("p95" -> "p ninety five");
- spelling: edit distance between the n-gram and the term, letters and digits only.

Only words Whisper itself doubted are replaced (faster-whisper's word probability below
`max_probability`, lower still for a weaker match), so general speech stays as Whisper
heard it. Spans that spell the term exactly apart from spaces, hyphens and case
("tensor RT", "in batch negatives", "P-95", "ndcg") are re-spelled whatever the
probability: the same words, written as the rubric writes them. An acronym that is also
an everyday word ("CLIP", "ROUGE", "STAR") is recased only next to other jargon, so "a
video clip" stays a clip.

Pure Python and no imports beyond the standard library: correcting a 30 s answer takes a
few milliseconds, so the real-time factor barely moves.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

# ---------------------------------------------------------------- spoken forms and keys

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


# ---------------------------------------------------------------- the lexicon


@dataclass(frozen=True)
class Term:
    """One rubric term as the correction uses it."""

    text: str
    """As the rubric writes it (casing kept): what a corrected span becomes."""
    rank: int
    """Position in the term list: the round's own terms come first and win ties."""
    spelled: str
    keys: tuple[str, ...]
    words: int
    everyday: bool
    """Also an everyday word ("CLIP", "STAR"): recased only next to other jargon."""


def _is_recasing_risky(text: str, common: Callable[[str], bool]) -> bool:
    return text != text.lower() and " " not in text and common(text.lower())


@dataclass
class Lexicon:
    """The terms a transcript is corrected towards, indexed for quick lookup."""

    terms: list[Term] = field(default_factory=list)
    common: Callable[[str], bool] = field(default=lambda _word: False)
    """Whether a lower-case word is everyday English (one Whisper token): such words need more doubt to replace."""
    _by_spelling: dict[str, Term] = field(default_factory=dict)
    _words: frozenset[str] = frozenset()

    @classmethod
    def build(cls, texts: Iterable[str], common: Callable[[str], bool] | None = None) -> Lexicon:
        """Terms in priority order; `common(word)` says whether a lower-case word is everyday English."""
        is_common = common or (lambda _word: False)
        lexicon = cls(common=is_common)
        words: set[str] = set()
        for text in texts:
            text = " ".join(text.split())
            spelled = spelling(text)
            if len(spelled) < 2 or spelled in lexicon._by_spelling or not re.fullmatch(r"[\w\s/.'@&+-]+", text):
                continue
            term = Term(
                text=text, rank=len(lexicon.terms), spelled=spelled, keys=phonetic_keys(text),
                words=len(re.split(r"[\s/-]+", text)), everyday=_is_recasing_risky(text, is_common),
            )  # fmt: skip
            lexicon.terms.append(term)
            lexicon._by_spelling[spelled] = term
            words.update(spelling(w) for w in text.split())
        lexicon._words = frozenset(words)
        return lexicon

    def exact(self, spelled: str) -> Term | None:
        return self._by_spelling.get(spelled)

    def is_jargon_word(self, word: str) -> bool:
        """Whether a word is (part of) one of the terms, for the everyday-acronym rule."""
        return spelling(word) in self._words


# ---------------------------------------------------------------- correcting a transcript


@dataclass(frozen=True)
class HeardWord:
    """A word as Whisper returned it: its text (leading space and punctuation kept), times and probability."""

    text: str
    start: float
    end: float
    probability: float


@dataclass(frozen=True)
class Replacement:
    """One correction, kept so the coach can see what was heard and what it became."""

    heard: str
    term: str
    start: float
    end: float
    probability: float
    score: float


@dataclass(frozen=True)
class CorrectionResult:
    words: list[HeardWord]
    replacements: list[Replacement]

    @property
    def text(self) -> str:
        return "".join(w.text for w in self.words).strip()


@dataclass(frozen=True)
class CorrectionSettings:
    """Thresholds, tuned on the jargon development set's tuning part (see jargon_set.py)."""

    min_score: float = 0.8
    """Match quality (sound and spelling, 0-1) a fuzzy correction of a span with a rare word needs."""
    min_score_everyday: float = 0.85
    """The same for a span of everyday words only: "ranger" (0.83 to ranker) is a word people say."""
    max_probability: float = 0.5
    """A fuzzy correction of everyday words needs one Whisper gave less than this."""
    max_probability_rare: float = 0.95
    """The same for a span with a word that is not everyday English ("rancor", "justion"): Whisper is often sure of those."""
    max_span: int = 4


@dataclass(frozen=True)
class Candidate:
    """A span of the transcript and the term it is closest to, with what the decision needs."""

    start: int
    stop: int
    term: Term
    score: float
    exact: bool
    probability: float
    rare: bool


def _strip(word: str) -> tuple[str, str, str]:
    """(leading space and punctuation, core, trailing punctuation)."""
    m = re.fullmatch(r"(\s*[^\w]*)(.*?)([^\w%]*)", word, flags=re.S)
    assert m is not None
    return m.group(1), m.group(2), m.group(3)


MIN_KEY = 3
"""Shorter keys ("A" for "IoU" read as a word) match too much to mean anything."""


def _score(span_text: str, term: Term, floor: float = 0.0) -> float:
    """Sound counts most (Whisper's errors sound right and spell wrong); spelling breaks ties.

    Below `floor` the exact value does not matter: the search stops early and returns less.
    """
    keys = [k for k in phonetic_keys(span_text) if len(k) >= MIN_KEY]
    least_sound = max(0.0, (floor - 0.3) / 0.7)  # what sound must reach even with a perfect spelling
    sound = max((bounded_similarity(a, b, least_sound) for a in keys for b in term.keys if len(b) >= MIN_KEY), default=0.0)
    if sound < least_sound or sound == 0.0:
        return 0.7 * sound
    return 0.7 * sound + 0.3 * similarity(spelling(span_text), term.spelled)


def _length_bound(a: int, b: int) -> float:
    """The best similarity two strings of these lengths can have."""
    return 1.0 - abs(a - b) / max(a, b, 1)


def _closest(text: str, spelled: str, words: int, lexicon: Lexicon, floor: float) -> tuple[float, Term] | None:
    """The best-scoring term at or above `floor`; terms whose lengths alone rule them out are skipped (most of them)."""
    keys = [k for k in phonetic_keys(text) if len(k) >= MIN_KEY]
    if not keys:
        return None
    best: tuple[float, Term] | None = None
    for term in lexicon.terms:
        if abs(term.words - words) > 2:
            continue
        sound_bound = max((_length_bound(len(k), len(t)) for k in keys for t in term.keys), default=0.0)
        if 0.7 * sound_bound + 0.3 * _length_bound(len(spelled), len(term.spelled)) < floor:
            continue
        score = _score(text, term, floor)
        if best is None or score > best[0]:
            best = (score, term)
    return best


def candidates(words: Sequence[HeardWord], lexicon: Lexicon, settings: CorrectionSettings | None = None) -> list[Candidate]:
    """Spans (up to max_span words) that re-spell a term, or whose closest term is a fuzzy match.

    A fuzzy span must be the tightest for its term (dropping its first or last word scores
    lower: "the rancor" is not a match for ranker, "rancor" is), and never touches words
    that already spell a term exactly.
    """
    settings = settings or CorrectionSettings()
    cores = [_strip(w.text)[1] for w in words]
    spans: dict[tuple[int, int], tuple[str, str]] = {}
    for start in range(len(words)):
        for stop in range(start + 1, min(start + settings.max_span, len(words)) + 1):
            if not all(cores[start:stop]):
                break
            text = " ".join(cores[start:stop])
            spans[(start, stop)] = (text, spelling(text))
    protected: set[int] = set()
    found: list[Candidate] = []
    fuzzy: list[tuple[int, int, float, Term]] = []
    for (start, stop), (text, spelled) in spans.items():
        exact = lexicon.exact(spelled)
        if exact is None:
            if not _doubted(words[start:stop], cores[start:stop], lexicon, settings):
                continue  # nothing Whisper doubted: no fuzzy match could be accepted
            best = _closest(text, spelled, stop - start, lexicon, settings.min_score)
            if best is not None and best[0] >= settings.min_score:
                fuzzy.append((start, stop, best[0], best[1]))
        elif _written_as(words[start:stop], exact.text):
            protected.update(range(start, stop))
        else:
            found.append(_candidate(words, cores, start, stop, exact, 1.0, True, lexicon))
    for start, stop, score, term in fuzzy:
        if not protected.isdisjoint(range(start, stop)) or _adds_words(spans[(start, stop)][1], term):
            continue
        trimmed = [spans[k] for k in ((start + 1, stop), (start, stop - 1)) if k in spans and k[0] < k[1]]
        if any(_score(text, term) >= score for text, _ in trimmed):
            continue
        found.append(_candidate(words, cores, start, stop, term, score, False, lexicon))
    return found


def _doubted(span: Sequence[HeardWord], cores: Sequence[str], lexicon: Lexicon, settings: CorrectionSettings) -> bool:
    lowest = min(w.probability for w in span)
    rare = any(not lexicon.common(spelling(c)) for c in cores if c.isalpha())
    return lowest < (settings.max_probability_rare if rare else settings.max_probability)


def _written_as(span: Sequence[HeardWord], term: str) -> bool:
    """The span already reads as the term ("two-tower" from " two" + "-tower"); a capital that starts a sentence does not count."""
    surface = _strip("".join(w.text for w in span).strip())[1]
    if term.islower():
        return surface.lower() == term
    return surface == term or (surface[:1].isupper() and surface[:1].lower() + surface[1:] == term)


def _adds_words(spelled: str, term: Term) -> bool:
    """The span says part of the term exactly ("negatives" for "hard negatives"): the rest was not heard.

    A swallowed letter of an acronym is the exception ("the B test" for "the A/B test").
    """
    parts = [spelling(p) for p in re.split(r"[\s/-]+", term.text)]
    for i in range(len(parts)):
        for j in range(i + 1, len(parts) + 1):
            if (i, j) != (0, len(parts)) and "".join(parts[i:j]) == spelled:
                missing = parts[:i] + parts[j:]
                return not all(len(m) == 1 for m in missing)
    return False


def _candidate(
    words: Sequence[HeardWord], cores: list[str], start: int, stop: int, term: Term, score: float, exact: bool, lexicon: Lexicon
) -> Candidate:
    lowest = min(w.probability for w in words[start:stop])
    rare = any(not lexicon.common(spelling(c)) for c in cores[start:stop] if c.isalpha())
    return Candidate(start, stop, term, score, exact, lowest, rare)


def accept(c: Candidate, settings: CorrectionSettings) -> bool:
    """Re-spellings always; fuzzy matches only where Whisper doubted a word (less sure of everyday words)."""
    if c.exact:
        return True
    if c.rare:
        return c.score >= settings.min_score and c.probability < settings.max_probability_rare
    return c.score >= settings.min_score_everyday and c.probability < settings.max_probability


def _choose(found: list[Candidate]) -> list[Candidate]:
    """Non-overlapping matches, best first: exact re-spellings, then higher scores, then longer spans."""
    chosen: list[Candidate] = []
    taken: set[int] = set()
    for m in sorted(found, key=lambda m: (not m.exact, -m.score, -(m.stop - m.start), m.term.rank)):
        if taken.isdisjoint(range(m.start, m.stop)):
            chosen.append(m)
            taken.update(range(m.start, m.stop))
    return sorted(chosen, key=lambda m: m.start)


def _spread(count: int, lengths: list[int], start: float, end: float) -> list[tuple[float, float]]:
    """Times for a replacement with a different word count: the span's time shared by length."""
    total = sum(lengths) or 1
    times, at = [], start
    for n in lengths[:count]:
        step = (end - start) * n / total
        times.append((round(at, 3), round(at + step, 3)))
        at += step
    return times


def correct(words: Sequence[HeardWord], lexicon: Lexicon, settings: CorrectionSettings | None = None) -> CorrectionResult:
    """The words with jargon corrected, and what was replaced. Word times stay on the audio."""
    settings = settings or CorrectionSettings()
    if not words or not lexicon.terms:
        return CorrectionResult(list(words), [])
    chosen = {
        c.start: c
        for c in _choose([c for c in candidates(words, lexicon, settings) if accept(c, settings)])
        if not (c.term.everyday and not _next_to_jargon(words, c, lexicon))
    }
    out: list[HeardWord] = []
    replacements: list[Replacement] = []
    i = 0
    while i < len(words):
        c = chosen.get(i)
        if c is None:
            out.append(words[i])
            i += 1
            continue
        span = words[c.start : c.stop]
        lead, first, _ = _strip(span[0].text)
        trail = _strip(span[-1].text)[2]
        text = c.term.text
        sentence_start = c.start == 0 or words[c.start - 1].text.rstrip().endswith((".", "?", "!"))
        if text == text.lower() and first[:1].isupper() and sentence_start:
            text = text[0].upper() + text[1:]  # "Rancor is..." -> "Ranker is...": the sentence still starts with a capital
        new = text.split()
        new = [(lead if k == 0 else " ") + w + (trail if k == len(new) - 1 else "") for k, w in enumerate(new)]
        if len(new) == len(span):
            times = [(w.start, w.end) for w in span]
        else:
            times = _spread(len(new), [len(w) for w in new], span[0].start, span[-1].end)
        out.extend(HeardWord(w, s, e, c.probability) for w, (s, e) in zip(new, times))
        replacements.append(
            Replacement(
                heard="".join(w.text for w in span).strip(), term=c.term.text, start=span[0].start, end=span[-1].end,
                probability=round(c.probability, 3), score=round(c.score, 3),
            )
        )  # fmt: skip
        i = c.stop
    return CorrectionResult(out, replacements)


def _next_to_jargon(words: Sequence[HeardWord], c: Candidate, lexicon: Lexicon) -> bool:
    """A neighbour is a word of another term and not everyday English: "CLIP embeddings", not "video clip"."""
    neighbours = [_strip(words[j].text)[1] for j in (c.start - 1, c.stop) if 0 <= j < len(words)]
    return any(lexicon.is_jargon_word(w) and not lexicon.common(spelling(w)) for w in neighbours)
