"""An answer as clauses: exact spans to quote, analysis text, and what kind of claim each one makes.

The evidence model reads clause by clause because meaning turns inside a
sentence: "there was no canary, but we ran an A/B test on 5%" says one thing
was not done and another was. Each clause records its polarity (affirmed,
negated, or unrealised: wished for, read about, "should have"), its grammatical
subject (the candidate, the team, someone else) and whether it is a question
to the interviewer. Spans are offsets into the candidate's own text, so any
quote is verbatim by construction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from ..text import Span, sentences
from .negation import negation_split
from .spoken import normalise_spoken

MAX_CLAUSE_WORDS = 28
MIN_SPLIT_WORDS = 3


class Polarity(StrEnum):
    AFFIRMED = "affirmed"
    NEGATED = "negated"
    UNREALISED = "unrealised"


@dataclass(frozen=True)
class Clause:
    span: Span
    text: str  # exactly as said
    norm: str  # spoken forms normalised, for reading
    polarity: Polarity
    kept: str  # what the clause says as true: `norm` without a denied part ("scoring stores without acting" -> "scoring stores")
    denied: str | None  # the denied part ("no alerts or dashboards on it"), if any
    subject: str | None  # "self", "team", "other" or None
    question: bool  # asks the interviewer something
    answer_index: int = 0  # which candidate turn of the exchange


# A question about the interview itself scopes no problem: it never counts as evidence, not even for the criteria a
# clarifying question counts for (played, 2026-12-05: "How much time is left?" quoted for problem framing).
ABOUT_THE_INTERVIEW = re.compile(
    r"\b(?:how (?:much time|long) (?:do we have|is left|have we got|should i)|time (?:left|remaining)|minutes (?:left|remaining)|"
    r"repeat (?:that|the question|it|your question)|say (?:that|it|the question) again|rephrase|"
    r"(?:what|which) (?:would|do|did) you (?:have )?expect(?:ed)?|(?:a |the )?(?:strong|good|ideal) answer|what you(?:'re| are) looking for|"
    r"next steps?|(?:this|the) (?:round|interview|call)\b)",
    re.IGNORECASE,
)
# Clause boundaries inside a sentence: the split keeps the connective with the clause it opens.
_BOUNDARY = re.compile(
    r"\s*[;:\u2014]\s*|\s+-\s+|,?\s+(?=(?:but|whereas|although|though|however|yet|except that|so that|so|"
    r"and then|then|which meant|because|since|while|until|unless|otherwise|instead)\b)|,\s+(?=and\b)|"
    r",\s+(?=(?:i|we|they|i'd|we'd|i'll|we'll|i'm|we're)\b)",
    re.IGNORECASE,
)
# In speech written down with no commas, the same boundaries as after a comma: "...the queue backs up and we page
# someone i picked clip..." (a run of UNPUNCTUATED_WORDS or more with no comma, semicolon or colon).
_SPOKEN_BOUNDARY = re.compile(r"\s+(?=(?:and|so|but)\s+(?:i|we|they|it|that|then)\b)|\s+(?=(?:i|we|they|i'd|we'd|i'll|we'll|i'm|we're)\s)",
                              re.IGNORECASE)
UNPUNCTUATED_WORDS = 20
_SOFT_BOUNDARY = re.compile(r",\s+|\s+(?=(?:and|or)\s)", re.IGNORECASE)

_UNREALISED = re.compile(
    r"\b(?:should|could|might|must) have\b|\b(?:should|could|might)'ve\b|\b(?:i|we)(?: would|'d) have (?:liked|loved|wanted|preferred)\b|"
    r"\bwish(?:ed)?\b|\bin theory\b|\bbest practices?\b|\btextbook\b|"
    r"\bi(?:'ve| have) (?:read|heard)\b|\bi (?:read|heard) (?:that|about|somewhere|a |an |it )|\bpeople (?:say|usually|recommend)\b|"
    r"\b(?:supposed|meant|planned|intended|hoped|hoping|aimed|aiming) to\b|\bthe (?:goal|aim|hope|plan) (?:was|is) to\b|\bnever got (?:a?round )?to\b|\bdidn't get (?:a?round )?to\b|"
    r"\bif (?:we|i) had\b|\bhad (?:we|i)\b|\bwould be nice\b|\bin an ideal world\b|\bthe (?:right|proper|correct) way (?:is|would be)\b|"
    r"\b(?:on|in) the roadmap\b|\bsomeday\b|\bone day\b|\bat some point\b|\b(?:i|we)(?:'d| would) like to have\b|"
    r"\b(?:the )?(?:papers?|literature|books?|blogs?|articles?) (?:say|says|suggest|suggests|show|shows|tell|tells|is)\b|"
    r"\b(?:the better|most|good|mature|big) (?:teams|companies|labs) (?:do|keep|run|use|would)\b",
    re.IGNORECASE,
)
# In a story about past work, generic advice ("ideally you'd A/B test it") is not something done, nor is what is
# still to come ("next quarter I plan to add drift alerts", "once it launches we will run an A/B test").
_GENERIC_ADVICE = re.compile(r"\bideally\b|\byou(?:'d| would| should| could)\b|\bone (?:would|should|could)\b|\bteams? (?:usually|typically|normally)\b", re.IGNORECASE)
_STILL_TO_COME = re.compile(
    r"\b(?:i|we|they|the team)(?: will|'ll|(?: am|'m| are|'re) going to| plan to| intend to| hope to| expect)\b"
    r"(?! (?:tell|talk|walk|try|keep|start|go through|give|describe|explain|focus|pick|use|say)\b)|"
    r"(?<!the )(?<!the whole )\b(?:next|this coming) (?:quarter|month|year|sprint|half)\b(?! (?:on|we|i)\b)|"
    r"\b(?:once|when|after) (?:it|this|that|the \w+) (?:launches|ships|goes live|is live)\b",
    re.IGNORECASE,
)
_QUESTION_START = re.compile(
    r"^(?:(?:and|so|but|also|first|quick question|before i (?:start|design|begin)[^,]*,)\s*)*"
    r"(?:do|does|did|is|are|was|were|can|could|should|would|will|have|has|how|what|which|who|where|when|why)\b",
    re.IGNORECASE,
)
_INTERVIEWER_ADDRESSED = re.compile(
    r"\b(?:can|could|may) i (?:ask|assume|check|clarify|confirm)\b|\bis (?:it|that) (?:right|correct|safe to assume|ok)\b|"
    r"\bdo (?:we|you) (?:have|know|care|need|want|expect)\b|\bwhat (?:is|are|'s) the\b|\bhow (?:many|much|big|fast|often)\b|"
    r"\bdo you mean\b|\bwhat do you mean\b|\bcould you (?:repeat|explain|clarify)\b|\bare we (?:talking|optimi[sz]ing|assuming)\b|"
    r"\bshould i (?:assume|focus|consider)\b|\bwould you like me\b|\bi'd like to (?:ask|clarify|check|confirm)\b",
    re.IGNORECASE,
)
_PAST_STORY_QUESTION = re.compile(
    r"\b(?:tell me about|walk me through (?:a|the|your) (?:project|time)|describe a time|a time when|a time you|"
    r"how did you|what did you|what was your|when did you|have you ever|give me an example)\b",
    re.IGNORECASE,
)


def story_question(question: str) -> bool:
    """Does the question ask about past work (a story), rather than for a plan or a design?"""
    return bool(_PAST_STORY_QUESTION.search(question))


def _pieces(text: str, span: Span, spoken_breaks: bool = False) -> list[Span]:
    """Split a sentence span at clause boundaries; long runs without punctuation are cut at soft ones."""
    out: list[Span] = []
    start = span.start
    sentence = text[span.start:span.end]
    spoken = spoken_breaks and len(sentence.split()) >= UNPUNCTUATED_WORDS and not re.search(r"[,;:]", sentence)
    boundaries = sorted([*_BOUNDARY.finditer(text, span.start, span.end),
                         *(_SPOKEN_BOUNDARY.finditer(text, span.start, span.end) if spoken else [])], key=lambda m: m.start())
    for match in boundaries:
        if match.start() < start:
            continue
        if len(text[start:match.start()].split()) >= MIN_SPLIT_WORDS:
            out.append(Span(start, match.start()))
            start = match.end()
    out.append(Span(start, span.end))
    cut: list[Span] = []
    for piece in out:
        cut.extend(_cut_long(text, piece))
    return [p for p in (_strip(text, p) for p in cut) if p.end > p.start]


def _cut_long(text: str, span: Span) -> list[Span]:
    if len(text[span.start:span.end].split()) <= MAX_CLAUSE_WORDS:
        return [span]
    cuts = [m for m in _SOFT_BOUNDARY.finditer(text, span.start, span.end)
            if len(text[span.start:m.start()].split()) >= MIN_SPLIT_WORDS and len(text[m.end():span.end].split()) >= MIN_SPLIT_WORDS]
    if not cuts:
        words = list(re.finditer(r"\S+", text[span.start:span.end]))
        middle = words[len(words) // 2]
        return _cut_long(text, Span(span.start, span.start + middle.start())) + _cut_long(text, Span(span.start + middle.start(), span.end))
    mid = (span.start + span.end) / 2
    best = min(cuts, key=lambda m: abs(m.start() - mid))
    return _cut_long(text, Span(span.start, best.start())) + _cut_long(text, Span(best.end(), span.end))


def _strip(text: str, span: Span) -> Span:
    start, end = span.start, span.end
    while start < end and (text[start].isspace() or text[start] in ",;:-"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:-"):
        end -= 1
    return Span(start, end)


_CONTRAST = re.compile(r"^(?:but|however|in practice|realistically|actually|instead|in reality|though|yet)\b", re.IGNORECASE)
# "We could have cached or distilled, and I chose distillation": a clause telling what someone then did ends the wish.
_DONE_START = re.compile(
    r"^(?:(?:and|so|but|then|in the end|eventually|finally|um|uh|in the meantime|meanwhile),?\s+)*(?:i|we|the team)\s+(?:\w+ly\s+)?"
    r"(?:\w+ed|chose|went|picked|took|ran|built|made|wrote|shipped|set|put|kept|got|found|did|led|drove|sent|spent|saw|"
    r"split|cut|won|began|brought|bought|held|told|met|paid|sold|let)\b",
    re.IGNORECASE,
)


def unrealised(norm: str, story: bool) -> bool:
    return bool(_UNREALISED.search(norm) or (story and (_GENERIC_ADVICE.search(norm) or _STILL_TO_COME.search(norm))))


_CONTENT = re.compile(r"[a-z0-9]{3,}", re.IGNORECASE)
_FUNCTION_WORDS = frozenset("the and but was were there had have has our its it's this that with for then just also "
                            "really honestly basically".split())


def has_content(text: str) -> bool:
    return sum(1 for w in _CONTENT.findall(text) if w.lower() not in _FUNCTION_WORDS) >= 2


def is_question(raw: str, norm: str) -> bool:
    """A question to the interviewer: ends in '?', or is phrased as one (speech has no '?')."""
    if raw.rstrip().endswith("?"):
        return True
    return bool(_QUESTION_START.match(norm) and _INTERVIEWER_ADDRESSED.search(norm))


def split_clauses(text: str, *, story: bool = False, answer_index: int = 0, spoken_breaks: bool = False) -> list[Clause]:
    """The clauses of one candidate turn, in order.

    spoken_breaks: a long run with no commas is also split where a new subject starts (_SPOKEN_BOUNDARY), as the
    evidence model reads answers; the clarification reader keeps such a run whole, since a spoken question runs on.
    """
    return list(_split(text, story, answer_index, spoken_breaks))


@lru_cache(maxsize=4096)
def _split(text: str, story: bool, answer_index: int, spoken_breaks: bool) -> tuple[Clause, ...]:
    """Cached: scoring a round reads each exchange once per criterion, and each read split it again (a third of a
    45-minute round's scoring time, `interview-sim bench scoring`). Clauses are frozen, so sharing them is safe."""
    clauses: list[Clause] = []
    transcript = writes_i_lowercase(text)
    for sentence in sentences(text):
        raw_sentence = text[sentence.start:sentence.end]
        asks = raw_sentence.rstrip().endswith("?")
        wishing = False  # "ideally you'd shadow it, then ramp with rollbacks": the wish covers the rest of the sentence
        for span in _pieces(text, sentence, spoken_breaks):
            raw = text[span.start:span.end]
            norm = normalise_spoken(raw)
            if not any(ch.isalnum() for ch in norm):
                continue
            wishing = unrealised(norm, story) or (wishing and not _CONTRAST.match(norm) and not _DONE_START.match(norm))
            kept, denied = negation_split(norm, normalise_spoken(text[span.end:sentence.end]))
            if wishing:
                polarity, kept, denied = Polarity.UNREALISED, norm, None
            elif denied is not None and not has_content(kept):
                polarity = Polarity.NEGATED
            else:
                polarity = Polarity.AFFIRMED
            clauses.append(Clause(
                span=span, text=raw, norm=norm, polarity=polarity, kept=kept, denied=denied,
                subject=first_subject(norm, transcript), question=(asks and (span.end == sentence.end or bool(_QUESTION_START.match(norm))
                                                                             or text[span.end:sentence.end].lstrip()[:1] == ":"))
                or is_question(raw, norm), answer_index=answer_index,  # "Sorry, I want to check: how many...?" asks throughout
            ))
    return tuple(clauses)


def clear_split_cache() -> None:
    """Forget every split: `interview-sim bench scoring` times a round as though none of it had been read before."""
    _split.cache_clear()


_SUBJECTS = re.compile(
    r"\b(?:(?P<own>my (?:own )?(?:call|decision|idea|choice|proposal|suggestion|recommendation|part|job|role|"
    r"responsibility)|(?:call|decision|choice|idea) was mine)|(?P<self>I|i)(?:'(?:d|ve|m|ll))?"
    r"|(?P<team>we|we'(?:d|ve|re|ll)|(?:the|my|our|whole) team|team|everyone|everybody)"
    r"|(?P<other>they|he|she|you|teammates?|colleagues?|manager|lead|people|nobody|someone|somebody|engineers?))\b",
    re.IGNORECASE,
)


def writes_i_lowercase(text: str) -> bool:
    """The answer says "i", never "I": a transcript, whose clauses may still hold capitals ("reviewed her PRs")."""
    return bool(re.search(r"\bi\b", text)) and not re.search(r"\bI\b", text)


def subjects(norm: str, transcript: bool = False) -> list[str]:
    """Who acts in the clause, each time a personal subject is named: "self", "team" or "other", in order.

    "My call", "my part was" say who acted as plainly as "I". Spoken transcripts write "i"; a lone
    lowercase "i" counts in an answer that never writes "I" (`transcript`, writes_i_lowercase) or in a clause
    with no capitals at all, never in written text where it is a typo or a list mark. Played (2026-12-05): "and
    then i stepped back and just reviewed her PRs" named nobody, and the mentoring story read as no own part.
    """
    transcript = transcript or norm == norm.lower()
    found: list[str] = []
    for match in _SUBJECTS.finditer(norm):
        if match.group("own") is not None:  # "it was my call", "my part was the features"
            found.append("self")
        elif match.group("self") is not None:
            if match.group("self").startswith("I") or transcript:
                found.append("self")
        else:
            found.append("team" if match.group("team") is not None else "other")
    return found


def first_subject(norm: str, transcript: bool = False) -> str | None:
    """Who acts in the clause: its first personal subject, or None."""
    named = subjects(norm, transcript)
    return named[0] if named else None


_VERB_CUE = re.compile(
    r"\b(?:i|we|they|he|she|it|you|team|is|are|was|were|be|been|being|am|have|has|had|do|does|did|will|would|should|"
    r"could|can|may|might|must|'d|'ll|'ve|'re|'s)\b|\b\w+(?:ed|ing)\b|\b(?:to|because|so|then|which|that)\b",
    re.IGNORECASE,
)


_HEDGE = re.compile(
    r"\b(?:i think|i guess|i suppose|i believe|maybe|probably|not sure|i don't remember|i can't remember|"
    r"something like|sort of|kind of|i remember|somehow|anyway|eventually|more or less|roughly)\b",
    re.IGNORECASE,
)


def hedged_share(clauses: list[Clause]) -> float:
    """Share of clauses said with a hedge ("I think", "something like", "not sure where it ended up").

    A rambling answer can hold every fact of a strong one and still be a weak
    answer: the facts come hedged, half-remembered and second-hand. Hedges are
    a property of how it was said, not of which facet, so they are one feature.
    """
    return sum(bool(_HEDGE.search(c.norm)) for c in clauses) / len(clauses) if clauses else 0.0


def listness(text: str) -> float:
    """Share of the answer's words in verbless fragments of a list ("latency, p99, drift, Datadog")."""
    segments = [s.strip() for s in re.split(r"[,;\n/]|\s+-\s+|\.\s+", text) if s.strip()]
    if len(segments) < 4:
        return 0.0
    words = sum(len(s.split()) for s in segments) or 1
    fragment_words = sum(len(s.split()) for s in segments if len(s.split()) <= 4 and not _VERB_CUE.search(s))
    return fragment_words / words


KEYWORD_LIST = 0.5
"""Listness from which an answer is a list of terms: in the train split, none of the 273 labels on such answers is
above level 2, and the level guides put claims and reasoning at level 3."""
_CODE_LINE = re.compile(r"^\s*(?:def |class |return\b|import |from \S+ import |(?:for|if|elif|while|with) .+:\s*$|else:|try:|"
                        r"except\b)|^\s*[\w.\[\]'\"]+\s*[-+*/]?=\s*\S")


def keyword_list(text: str) -> bool:
    """Terms with no claim or reasoning: most words in verbless list fragments. Lines of code are left out first: a
    function handed in is a short line after a short line, not a list."""
    return listness("\n".join(line for line in text.splitlines() if not _CODE_LINE.search(line))) >= KEYWORD_LIST
