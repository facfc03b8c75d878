"""The anchor of a follow-up: the most specific thing the candidate said, near the gap being probed.

A real interviewer's follow-up names something from the answer ("you mentioned the two-tower retrieval model: what did
it change, against what baseline?"). The anchor is chosen deterministically, without a model: the answer is cut into
noun phrases and numbers by a small rule-based chunker, each phrase is scored for specificity (numbers, technical terms,
proper names, long words; generic words like "the team" or "a great job" score almost nothing), phrases in or next to
the clause the evidence model found for the probed criterion get a bonus, and the best one wins, the earliest on a tie.

The anchor travels in the candidate's own words except that "our"/"my" become "your" and "a"/"an" become "the", so it
reads right in the interviewer's mouth.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from ..engine.guard import mentions
from ..scoring.text import Span
from .code_text import CODE_IN_PROSE, written_as_code
from .anchor_words import (FILLERS, FUNCTION_WORDS, GENERIC, GERUND_NOUNS, MULTIPLIERS, NOUN_VERBS, OBJECT_PRONOUNS,
                           ONLY_VERBS, ORDINAL_LEADS, AUXILIARIES, PER_UNITS, PLURAL_MODIFIERS, PREDICATE_ADJECTIVES, SPELLED_NUMBERS, TIME_LEADS,
                           TIME_WORDS, TRAILING_ADVERBS, TRAILING_GENERIC, UNITS, VERB_BASE_SET, VERB_LEADS, VERBS, modifier,
                           plural, ROLES, SUBJECTS)

__all__ = ["Phrase", "choose_anchor", "mentions", "phrases", "written_as_code"]

MAX_PHRASE_TOKENS = 5
MAX_SCAN_CHARS = 6000  # the anchor comes from the answer's first and last 3000 characters
GAP_BONUS = 1.5  # in the clause the evidence model pointed at
SENTENCE_BONUS = 0.5  # in the same sentence as that clause
# Shares a word with the question it leads: "You mentioned 2 MB: how would you roll out...?" named a thing the question
# is not about (graded blind, 2026-12-06: the most common fault of first follow-ups, 60 of 163).
ABOUT_BONUS = 1.0
MIN_SCORE = 1.5  # weaker than this and no anchor is better than a vague one
BARE_NUMBER_PENALTY = 1.0  # a number with no unit or noun beside it ("Recall at 100 on...", "Maybe 500.")
# An amount of time or a share with nothing it is of: "On 60 days: what exactly is the model predicting...?" (played,
# 2026-12-05), "You mentioned 5 percent: what did the other side want...?", "Going back to 50/50:"; a thing said beside
# it is the better handle, so such an amount scores no more than a two-word phrase of plain words.
QUANTITY_MAX = 2.0
_QUANTITY = re.compile(r"(?:\$?[\d.,/:]+(?:%|k|m|ms|s)?\s?)+(?:%|percent|percentage points?|points?|ms|milliseconds?|seconds?|"
                       r"minutes?|hours?|days?|weeks?|months?|years?)?", re.IGNORECASE)
NEGATION_WORDS = 5  # how far back a negation reaches a phrase ("not worse than production on the golden set" does not)
NEGATED_PENALTY = 1.5  # said not to exist ("we never set up an offline evaluation"): a poor handle for another probe
NEGATED_FRAME = "having no "
_PREPOSITIONS = frozenset("on in for of at from with about by to into over under after before why what how whether if that which who "
                          "when where".split())  # or a subordinate clause: "never asked her why | the campaign date mattered"
_NEGATED = re.compile(r"\b(?:never|no|not|without|nobody|none|neither|nor)\b|n['’]t\b|\b(?:didnt|dont|doesnt|wasnt|werent|havent|hadnt)\b", re.IGNORECASE)

_TOKEN = re.compile(
    r"\d+:\d+|\b[Aa] [Bb] test(?:s|ing)?\b|"  # 1:1, 9:30; "a b test" is how speech-to-text writes an A/B test
    r"\$?\d{1,3}(?:,\d{3})+(?:\.\d+)?%?|\$?\d+(?:\.\d+)?(?:%|[a-zA-Z]{1,3}\b)?|"  # 1,000 / 4.6% / 10k / 200ms / $3
    r"[A-Za-z][A-Za-z0-9]*(?:['’][a-z]+)?(?:[-/][A-Za-z0-9]+|=[\w.]*\w)*|[.,;:!?()\[\]\"“”—–=<>+*/]|\s-\s"
)
_AB_TEST = re.compile(r"\b[Aa] [Bb] test")
_BREAK = re.compile(r"^(?:[.,;:!?()\[\]\"“”—–=<>+*/]|\s-\s)$")  # "w = 1", "k < 1", "chi2 / 2": code read out is no phrase
_DETERMINERS = {"the", "a", "an", "our", "my", "their", "its", "his", "her", "your", "this", "these"}
_SPOKEN_DETERMINER = {"our": "your", "my": "your", "a": "the", "an": "the", "this": "the", "these": "the"}
_CONTRACTION = re.compile(r"(?:i|you|he|she|it|we|they|that|there|who|what)['’](?:ll|d|ve|re|s|m)")
SPEECH_WORDS_PER_MARK = 25  # fewer punctuation marks than one per this many words: a transcript, not writing
SPOKEN_LIST_WORDS = 4  # plain words in a row, in a transcript, that are more likely a list than one name


@dataclass(frozen=True)
class Phrase:
    text: str  # exactly as said
    span: Span  # offsets into the answer
    score: float
    answer: int = 0  # which answer it came from (0 = the latest)
    article: str = ""
    """The determiner said before words left out of the phrase ("a" of "a small pure function"), to say it with."""
    lower_first: bool = False
    """Capitalised only because it began a sentence ("Two-tower retrieval from ..."): said in lower case."""
    gerund: str = ""
    """The verb the phrase is the object of, said before it: "caching" of "cache the results per design"."""
    negated: bool = False
    """Said not to exist ("we had no per-call timeouts"): named as "having no per-call timeouts"."""

    @property
    def spoken(self) -> str:
        """The phrase as the interviewer says it: "our ranker" -> "your ranker", "a canary" -> "the canary"."""
        text = " ".join(w for w in self.text.split() if w.lower() not in FILLERS)
        text = text[0].lower() + text[1:] if self.lower_first else text
        if self.article or self.gerund:
            text = f"{self.article or self.gerund} {text}"
        text = _AB_TEST.sub("A/B test", text)  # as speech-to-text writes it: "the a b test"
        if re.fullmatch(r"A/B test", text):  # "I'd A/B test it": "Going back to A/B test:" was said (played, 2026-12-05)
            text = "the A/B test"
        first, _, rest = text.partition(" ")
        if self.negated:
            return f"{NEGATED_FRAME}{rest if first.lower() in _DETERMINERS and rest else text}"
        swap = _SPOKEN_DETERMINER.get(first.lower())
        return f"{swap} {rest}" if swap and rest else text

    @property
    def kept(self) -> str:
        """What a model's rewording must keep: the phrase as spoken, without the "having no" it is framed in."""
        return self.spoken.removeprefix(NEGATED_FRAME)


def _kind(token: str) -> str:
    low = token.lower()
    if _BREAK.match(token) or token in ("x", "×") or low in ("equal", "equals"):  # "orders x AOV x margin", "p equal 1.0": a formula
        return "break"
    if low in _DETERMINERS:
        return "det"
    if low in FUNCTION_WORDS or re.fullmatch(r"[a-z]+n['’]t", low) or _CONTRACTION.fullmatch(low):  # "can't", "doesn't": a phrase never runs through them
        return "function"
    if any(ch.isdigit() for ch in token):
        return "number"
    if low in GERUND_NOUNS:
        return "content"
    if low in VERBS or (low.endswith("ed") and len(low) > 4) or (low.endswith("ing") and len(low) > 5) or low.endswith("ly"):
        return "verb"
    return "content"


def _weight(token: str, question_words: set[str], sentence_start: bool) -> float:
    low = token.lower()
    if _AB_TEST.match(token):
        weight = 3.0  # "A/B" and "test" as written
    elif any(ch.isdigit() for ch in token):
        weight = 2.5
    elif re.search(r"[-/]", token) or re.fullmatch(r"[A-Z0-9]{2,}s?", token) or re.search(r"[a-z][A-Z]", token):
        weight = 2.5
    elif token[0].isupper() and not sentence_start:
        weight = 2.0
    elif low in GENERIC:
        weight = 0.2
    else:
        weight = 1.3 if len(low) >= 8 else 1.0
    if _stem(low) in question_words:
        weight *= 0.4  # the interviewer's own words are no proof of listening
    return weight


def _stem(word: str) -> str:
    """Enough of a word to know it again in another form: "evaluation" is the "evaluate" the interviewer said."""
    return word[:6] if word.isalpha() else word


_GREETING = re.compile(r"(?:\b(?:hi|hello|hey|dear|thanks|thank you|cheers)\W*$)|^(?:hi|hello|hey|thanks|cheers)\b", re.IGNORECASE)


def phrases(answer: str, *, question: str = "", answer_index: int = 0) -> list[Phrase]:
    """Noun phrases and numbers of `answer`, each with its specificity score, in order of appearance."""
    text = answer if len(answer) <= MAX_SCAN_CHARS else answer[: MAX_SCAN_CHARS // 2] + answer[-MAX_SCAN_CHARS // 2 :]
    offset_tail = len(answer) - MAX_SCAN_CHARS // 2
    question_words = {_stem(w.lower()) for w in re.findall(r"[A-Za-z0-9][A-Za-z0-9-]*", question)}
    found: list[Phrase] = []
    run: list[tuple[re.Match[str], str]] = []  # (token, role): det, noun, number or mod
    sentence_start = True
    starts_sentence: set[int] = set()
    previous = ""
    after_aux = False
    orphan = False  # the run so far lost its spelled-out number

    def flush() -> None:
        nonlocal run, orphan
        tokens = run
        run = []
        if orphan:
            orphan = False
            return
        # A phrase ends on a noun or a number: drop trailing modifiers, keep at most the last few words.
        while tokens and (tokens[-1][1] not in ("noun", "number") or tokens[-1][0].group().lower() in PREDICATE_ADJECTIVES
                          or len(tokens) > 1 and tokens[-1][0].group().lower() in TRAILING_GENERIC):
            tokens = tokens[:-1]
        if not tokens:
            return
        det = tokens[0][0] if tokens[0][1] == "det" else None
        body = [m for m, _ in (tokens[1:] if det is not None else tokens)]
        article = ""
        if sum(m.start() not in completing for m in body) > MAX_PHRASE_TOKENS:
            while sum(m.start() not in completing for m in body) > MAX_PHRASE_TOKENS:
                body = body[1:]
            article, det = det.group() if det else "", None
        while len(body) > 1 and re.fullmatch(r"[a-zA-Z]", body[0].group()) and body[0].group() not in ("A", "I"):
            body = body[1:]  # "n x d buffer" is no "D buffer" (played, 2026-12-06)
        # Leading generic adjectives ("a great ranker") add nothing: drop them when a noun follows, keeping the article.
        while len(body) > 1 and body[0].group().lower() in GENERIC and not body[1].group().lower().startswith("tun"):  # "fine tune"
            body, article, det = body[1:], (det.group() if det else article), None
        words = [m.group().lower() for m in body]
        if all(w in GENERIC or _stem(w) in question_words for w in words) or words[-1] in ROLES:
            return  # names nothing in particular, only repeats the interviewer's question, or names a person
        if any(len(w) == 1 and w.isalpha() for w in words) and all(len(w) == 1 or re.fullmatch(r"[\d.,]+", w) for w in words) \
                or any(re.fullmatch(r"[a-z]\w{0,2}=\S+", w) for w in words):
            return  # "with w 3 and k 2", "p 0.7", "k=3": a variable read out with its value
        # Words only kept so the phrase reads whole ("per second", "million", "human-annotated") add nothing to it.
        weights = [0.0 if m.start() in completing else _weight(m.group(), question_words, m.start() in starts_sentence)
                   for m in body]
        score = sum(weights)
        said = " ".join(m.group() for m in body)
        if len(body) == 1:
            score -= 0.5  # a lone word is a weaker handle than a phrase
        if re.fullmatch(r"[\d.,]+", said):
            score -= BARE_NUMBER_PENALTY  # "You mentioned 100:" names a number, not what it counts
        elif _QUANTITY.fullmatch(said):
            score = min(score, QUANTITY_MAX)
        if speech and len(body) >= SPOKEN_LIST_WORDS and all(re.fullmatch(r"[a-z]+", m.group()) for m in body):
            # "features like category template age creator quality": a spoken list that lost its commas, as good a
            # handle as one of its items (where they split is not known)
            score = max(weights) - 0.5
        first = det or body[0]
        start, end = first.start(), body[-1].end()
        if re.match(r"\s*=|/?\(", text[end:]) or re.search(r"=\s*$", text[:start]):
            return  # "F1 = 2PR/(P+R)", "softmax(x)": a formula's symbols (played blind, 2026-12-07: "You mentioned 2PR:")
        if _GREETING.match(said) or _GREETING.search(text[max(0, start - 12):start]):
            return  # "Hi Maya.": a greeting and a name (played blind, 2026-12-07: "You mentioned Hi Maya:")
        lower_first = first.start() in starts_sentence and _common_word(first.group(), text)
        if text is not answer and start >= MAX_SCAN_CHARS // 2:
            start, end = start + offset_tail, end + offset_tail
        found.append(Phrase(answer[start:end], Span(start=start, end=end), round(score, 3), answer_index,
                            article=article.lower(), lower_first=lower_first))

    tokens = list(_TOKEN.finditer(text))
    marks = sum(1 for m in tokens if _BREAK.match(m.group()))
    speech = marks * SPEECH_WORDS_PER_MARK < len(tokens) - marks
    skip = 0  # tokens taken with the one before them
    completing: set[int] = set()  # where the words are that complete a phrase without making it more specific
    for at, match in enumerate(tokens):
        token = match.group()
        low = token.lower()
        if skip or low in FILLERS:
            skip = max(0, skip - 1)
            continue
        kind = _kind(token)
        following = tokens[at + 1].group() if at + 1 < len(tokens) else ""
        if low in TIME_LEADS and re.sub(r"['’]s$", "", following.lower()) in TIME_WORDS and re.search(r"['’]s$", following):
            kind = "det"  # "last year's chargebacks" is one phrase, said as it was
        elif (low in TIME_LEADS and following.lower().rstrip("s") in TIME_WORDS) or (
            low in ("example", "instance") and previous == "for"
        ):
            kind = "function"  # "the project last year", "for example cross-border orders"
        if low in MULTIPLIERS and run and run[-1][1] == "number" and run[-1][0].group()[-1].isdigit():
            run.append((match, "number"))  # "1 million new shops"
            completing.add(match.start())
            previous = low
            continue
        if low == "per" and any(role == "number" for _, role in run) and following.lower().rstrip("s") in PER_UNITS:
            run += [(match, "mod"), (tokens[at + 1], "noun")]  # "20 requests per second" ("second" is no ordinal here)
            completing.update((match.start(), tokens[at + 1].start()))
            previous, skip = following.lower(), 1
            continue
        if low == "in" and len(run) == 1 and run[0][1] == "number" and re.fullmatch(r"[\d.,]+", following):
            run.append((match, "mod"))  # "1 in 10,000 positives" (played blind, 2026-12-08: "10,000 positive, got it.")
            completing.add(match.start())
            previous = low
            continue
        if low == "per" and any(role == "number" for _, role in run) and re.fullmatch(r"[\d.,]+", following) and at + 2 < len(tokens) \
                and _kind(tokens[at + 2].group()) == "content":  # "1 positive per 500 negatives" (played blind: "1 positive, got it.")
            run += [(match, "mod"), (tokens[at + 1], "number"), (tokens[at + 2], "noun")]
            completing.add(match.start())
            previous, skip = tokens[at + 2].group().lower(), 2
            continue
        if token == "id" and (not any(role == "noun" for _, role in run) or following.lower() in VERB_BASE_SET):
            kind = "function"  # "so id try focal loss", "for eval id build a golden set" is "I'd"; "the user id" is a noun
        if speech and kind in ("content", "verb") and run and run[-1][1] == "noun" and plural(run[-1][0].group()) \
                and run[-1][0].group().lower() not in PLURAL_MODIFIERS:
            flush()
        if sentence_start and kind != "break":
            starts_sentence.add(match.start())
        if kind == "break":
            flush()
            sentence_start = token in ".!?"
            previous = ""
            continue
        sentence_start = False
        if kind == "content" and low in TRAILING_ADVERBS and _kind(following) != "content":
            kind = "function"  # "for evaluation offline", "memorise noise late": no noun follows, so it ends the phrase
        if kind == "content" and (previous == "to" or previous in SUBJECTS and not run) and token.islower() and token not in GERUND_NOUNS:
            kind = "verb"  # "to distill", "I suspect training-serving skew" (played blind, 2026-12-07: "You mentioned suspect...")
        if kind == "verb" and not run and low in NOUN_VERBS and _kind(following) == "content" and following.lower() not in VERBS \
                and previous not in VERB_LEADS and not (plural(previous) and previous not in PLURAL_MODIFIERS):
            kind = "content"  # "check sample ratio mismatch"; after its subject, "people search sku codes" keeps the verb
        if kind == "verb" and low.endswith("ing") and run and run[-1][1] == "noun" and not plural(run[-1][0].group()) \
                and _kind(following) == "content" and following.lower() not in VERBS:
            kind = "content"  # "an AI image captioning feature" (played blind, 2026-12-07: "The AI image, got it.")
        if kind == "number" and previous in ORDINAL_LEADS and token.isdigit():
            kind = "break"  # "step 1": a label, and no phrase runs through it
        if kind == "content" and token.lower() in UNITS and previous in SPELLED_NUMBERS and not run:
            orphan = True  # "the ten percent extra gpu" cut at its spelled-out number is no phrase
        if not run:
            after_aux = previous in AUXILIARIES  # "does semantic search increase purchases": a verb will follow
        previous = token.lower()
        nouns_so_far = any(role in ("noun", "number") for _, role in run)
        after_det = bool(run) and not nouns_so_far
        # "the queue passes 200 frames", "the encoder embeds the query", "a ranker orders them": a word in -s between
        # a noun and a determiner, a number or an object pronoun is the verb.
        verb_s = (token.islower() and len(token) > 3 and token.endswith("s") and not token.endswith("ss")
                  and (_kind(following) == "number" or following.lower() in OBJECT_PRONOUNS | SPELLED_NUMBERS
                       or (_kind(following) == "det" and following.lower() not in ("a", "an"))))
        if kind == "content" and nouns_so_far and verb_s:
            kind = "verb"
        if kind == "det":
            flush()
            run = [(match, "det")]
        elif kind == "content":
            run.append((match, "noun"))
        elif kind == "number":
            run.append((match, "number"))
        elif kind == "verb" and "-" in token and modifier(token) and not after_det:
            run.append((match, "mod"))  # "the frozen 3k-frame human-annotated set"
            completing.add(match.start())
        elif kind == "verb" and run and (n := next((m for m, _ in run[-2:][::-1] if re.fullmatch(r"[\d,]+k?", m.group())), None)) \
                and plural(token) and token.lower() not in ("goes", "does", "has") and token.lower()[:-1] not in ONLY_VERBS \
                and text[n.start() - 1 : n.start()] in ("", " ") and (n is run[-1][0] or len(run) >= 2 and run[-1][1] == "noun"):
            run.append((match, "noun"))  # "300 pages", "10,000 new stores": a plural after a number is what it counts
        elif kind == "verb" and nouns_so_far and low[:-1] in NOUN_VERBS and low.endswith("s") and _kind(following) in ("break", "function") \
                and following.lower() not in SPELLED_NUMBERS:  # "a miss costs twenty times a false alarm": the verb
            run.append((match, "noun"))  # "the popular wrong tags, like...": a plural that is also a verb ends the phrase as its noun
        elif kind == "verb" and after_det and modifier(token):
            run.append((match, "mod"))  # "the distilled model"
        elif kind == "verb" and after_det and not verb_s:
            run.append((match, "noun"))  # "the test", "the cache"
        elif kind == "verb" and nouns_so_far and after_aux and token.lower() in VERB_BASE_SET and following \
                and _kind(following) not in ("function", "break") and following.lower() not in VERB_BASE_SET:
            flush()  # the verb of a question's subject: "does semantic search | increase purchases"
        elif kind == "verb" and nouns_so_far and token.lower() in VERB_BASE_SET - ONLY_VERBS and not plural(run[-1][0].group()) \
                and _kind(following) != "det" and following.lower() not in PREDICATE_ADJECTIVES \
                and not (run[-1][1] == "number" and run[0][1] != "det" and _kind(following) in ("function", "det", "break")) \
                and not (run[-1][0].group().lower() in TIME_WORDS and _kind(following) in ("number", "det")):
            # "a two-week A/B test", "the feature store": a bare verb after a noun is a noun; after a plural it is
            # the verb ("merchant messages reach the model", "mismatches go to a queue"), and after a bare number when
            # no noun follows it ("with k of 3 flag at that minute"; "3 test cases" is a noun), nor after a time before
            # its object ("at request time retrieve 200 candidates", played 2026-12-06), nor before one ("the set beat the
            # baseline", "the retraining cut false declines").
            run.append((match, "noun"))
        else:
            flush()
    flush()
    return found


def _common_word(word: str, text: str) -> bool:
    """A sentence's capitalised first word that is no name: hyphenated ("Two-tower"), or said in lower case elsewhere."""
    if not word[:1].isupper() or not word[1:2].islower():
        return False
    return "-" in word or re.search(rf"(?<![\w-]){re.escape(word[0].lower() + word[1:])}(?![\w-])", text) is not None


def choose_anchor(
    answers: list[str],
    *,
    question: str = "",
    gap: Span | None = None,
    gap_answer: int | None = None,
    avoid: list[str] | tuple[str, ...] = (),
    sayable: Callable[[str], bool] = lambda spoken: True,
    about: str = "",
) -> Phrase | None:
    """The most specific phrase of the latest answer (earlier answers to the same question if it has none).

    `answers` are oldest first; `gap` is the span, in answer `gap_answer`, of the clause
    the evidence model found for the probed criterion; a phrase any of `avoid` (what the
    interviewer already said) names is skipped: it is no proof of listening, or was asked about; so is one the
    interviewer may not say as it is (`sayable`, e.g. score talk), and the next best is named instead. A phrase sharing
    a word with `about`, the question it will lead, is preferred.
    """
    about_words = set(_content_stems(about))
    for back, answer in enumerate(reversed(answers)):
        index = len(answers) - 1 - back
        if written_as_code(answer):
            continue  # "You mentioned 1 return:" (played, 2026-12-04): code is run and read, not quoted back
        answer = CODE_IN_PROSE.sub(lambda m: " " * len(m.group()), answer)  # "0.0 ELSE ROUND, got it." (played, 2026-12-06)
        sentences = [m.span() for m in re.finditer(r"[^.!?]+[.!?]*", answer)]
        best: Phrase | None = None
        for phrase in phrases(answer, question=" ".join([question, *avoid]), answer_index=index):
            if any(mentions(earlier, phrase.text) for earlier in avoid) or not sayable(phrase.spoken):
                continue
            if any(s <= phrase.span.start < e and answer[s:e].rstrip().endswith("?") for s, e in sentences):
                continue  # the candidate's own question ("do you mean how I coach managers?") is no answer to name
            if _REJECTING.search(answer[max(0, phrase.span.start - 80):phrase.span.start]):
                continue  # "we didn't go with one giant LLM": a question about it is about the design not built
            end = next((e for s, e in sentences if s <= phrase.span.start < e), len(answer))
            if _RETRACTED.match(answer[end:end + 60]):
                continue  # "It's probably the empty list case... Actually wait, no, it fails on all of them." (played blind)
            if _UNKNOWING.search(answer[max(0, phrase.span.start - 80):phrase.span.start]):
                continue  # "I wouldn't know what the north star metric would be" (played, 2026-12-05): not said, only named
            score = phrase.score
            in_gap = gap is not None and gap_answer == index and gap.start <= phrase.span.start and phrase.span.end <= gap.end
            if in_gap:
                score += GAP_BONUS
            elif gap is not None and gap_answer == index and any(s <= gap.start < e and s <= phrase.span.start < e for s, e in sentences):
                score += SENTENCE_BONUS
            if about_words.intersection(_content_stems(phrase.text)):
                score += ABOUT_BONUS
            negated = _negated(answer, phrase.span.start)
            if negated and not in_gap:
                score -= NEGATED_PENALTY
            if score >= MIN_SCORE and (best is None or score > best.score):
                best = replace(phrase, score=round(score, 3), answer=index, negated=negated)
        if best is not None:
            return best
    return None


def _content_stems(text: str) -> list[str]:
    """Content words of four letters or more, cut to five: "batching" is the "batch" of "size a batch"."""
    return [w[:5] for w in re.findall(r"[a-z][a-z-]{3,}", text.lower()) if w not in FUNCTION_WORDS and w not in GENERIC]


def related(phrase: str, question: str) -> bool:
    """`question` says what `phrase` names (its last content word) or two of its words, so naming it first says what the
    question is about; one modifier is not enough ("the account's old tuple" before "...the larger account id?")."""
    words, asked = _content_stems(phrase), set(_content_stems(question))
    return bool(words) and (words[-1] in asked or len(asked.intersection(words)) >= 2)


def _negated(answer: str, at: int) -> bool:
    """A negation in the few words before offset `at`, in its clause, that governs what follows: "we never really set
    up | an offline evaluation", not "no alerts on | the nightly job" (the job was there) nor past "why", "that"..."""
    before = answer[max(0, at - 200) : at]
    clause = before[max(before.rfind(mark) for mark in (".", "!", "?", ";", ",", " but ")) + 1 :]
    words = clause.split()[-NEGATION_WORDS:]
    negations = [i for i, word in enumerate(words) if _NEGATED.search(word)]
    return bool(negations) and not any(w.lower() in _PREPOSITIONS for w in words[negations[-1] + 1 :])


_UNKNOWING = re.compile(
    r"\b(?:(?:wouldn'?t|don'?t|do not|didn'?t|did not|would not) (?:really |even )?know|not (?:really |quite )?sure|no idea|"
    r"can'?t (?:really )?(?:say|tell)|no clue)\b[^.!?;]*$",
    re.IGNORECASE,
)
_RETRACTED = re.compile(r"\s*(?:(?:actually|oh|hmm+|um+|so|sorry)[,\s]+)*(?:wait[,.\s]+no\b|no[,.\s]+wait\b|scratch that|i take (?:that|it) "
                        r"back|never ?mind|(?:actually|wait)[,.\s]+(?:no|not)\b|that'?s wrong|i'?m wrong)", re.IGNORECASE)
_REJECTING = re.compile(
    r"(?:n't|\bnot|\bnever)\s+(?:\w+\s+)?(?:go|going|went|gone)\s+with\s+(?:[\w-]+\s+){0,3}$"
    r"|\b(?:instead of|rather than|ruled out|rejected|dropped|decided against|chose against)\s+(?:[\w-]+\s+){0,3}$",
    re.IGNORECASE,
)
