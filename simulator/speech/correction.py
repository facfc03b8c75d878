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

# Spoken forms, phonetic keys and spelling similarity live in phonetics.py (spoken_variants re-exported).
from .phonetics import bounded_similarity, phonetic_keys, similarity, spelling, spoken_variants  # noqa: F401


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
