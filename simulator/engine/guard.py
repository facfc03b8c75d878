"""Checks every generated interviewer turn before a candidate sees it.

Small local models drift out of role (measured: "If you have any questions
about the recommender ... feel free to ask!"), off topic (asked to probe
measured impact, the 0.5B model once asked "What did the team do with their
data?") and into word salad that mixes the answer with the probe ("How does the
model handle latency and mask quality drifts in a single request?"). A turn
that is not one short in-persona question, that leaks a score or an answer,
that repeats an earlier question, that no longer asks what the planner planned,
that drops the anchor it was to name (the thing the candidate said), or that
brings in more content the model was never shown than a rewording needs is
rejected, and the rubric's canned probe (with the anchor) is asked instead.
"""

from __future__ import annotations

import math
import re
from difflib import SequenceMatcher

from pydantic import BaseModel

MAX_WORDS = 35
MIN_WORDS = 4
REPEAT_SIMILARITY = 0.85
# A small model frames the probe around the anchor ("Tell me about the two-tower model: what changed in numbers...?")
# and keeps the probe's own words at this word-sequence similarity or more. Measured with the 0.5B model on the
# development cases (tests/test_followups_live.py, 2026-12-04): of the 6 wordings the other checks passed, the 3 that
# kept the probe read 1.0; the 3 that reworded it were garbled, at 0.59-0.73 ("How did the ANN index impact the
# latency target, traffic and success metric?", "Can you explain how the default taxonomy changed in numbers and
# what were you comparing against?"), and so was "what was their comparison against?" (0.27), played that day.
PROBE_KEPT = 0.8

_LEAKS = re.compile(
    r"\b(score[sd]?|scoring|rubric|grade[sd]?|level [1-4]|hire signal|strong yes|lean (yes|no)|"
    r"(good|great|correct|right|ideal|model) answer|the answer is|you should have|"
    r"as an ai|language model|i am an ai|i'm an ai|chatgpt)\b",
    re.IGNORECASE,
)
_OUT_OF_ROLE = re.compile(
    r"(feel free|let me know|happy to help|do you have any questions|any questions for me|"
    r"here is|here's|sure[,!]|certainly|of course|i will ignore|(my|your|previous) instructions|"
    r"system prompt|follow-up question:|"
    # a probe asks what was done or would be done, not what the candidate fancies: "Are you interested in monitoring...?"
    r"are you interested|would you be interested|would you like to|do you want to)",
    re.IGNORECASE,
)
# "Sure, here's the follow-up question:" on a line of its own before the question: wrapping, not content.
_PREAMBLE = re.compile(
    r"^(?:(?:sure|certainly|of course|okay|ok|absolutely|great)[,!.]?\s*)?"
    r"here(?:'s| is) (?:a |the |my |your )?(?:\w+ ){0,2}(?:follow[- ]?up|question)(?: question)?\s*:[ \t]*\n\s*",
    re.IGNORECASE,
)
_QUOTES = "\"'“”‘’`"
# "On the 20% who act: What single KPI...?" (played, 2026-12-05): the question goes on after the framing, lower case.
_FRAMED_ASK = re.compile(r"^([^:?]{3,120}:\s+)(What|How|Which|Why|When|Where|Who|Did|Do|Does|Is|Are|Was|Were|Can|Could|Would|"
                         r"Should|Will|Have|Has)\b")
# The interviewer asks; a question about what *I* should do is the model talking as the candidate.
_WRONG_SIDE = re.compile(r"\b(do|should|can|could|would|will|shall|did|have) I\b|\bmy (project|model|team|answer)\b", re.IGNORECASE)
_STOPWORDS = frozenset(
    "a an and or the of to in on at for with by from as is are was were be been being it its this that these "
    "those what which who whom whose when where why how do does did done you your yours we our i me my they "
    "them their there here can could would should will shall may might must have has had not no so if then "
    "than about into over under up down out more most much many any some such very just also tell say".split()
)
ON_TOPIC_SHARE = 0.34
MAX_UNSHOWN = 2  # content words a rewording may bring that it was not shown (beyond plain interviewer words)
# Words any interviewer may use to reword a probe without inventing content.
_INTERVIEWER_WORDS = """
    mention mentioned mentions said saying talk talked walk explain describe tell share specific specifically exactly
    concretely example part parts piece role yourself personally own owned decide decided decision choose chose chosen
    pick picked consider considered option options alternative alternatives measure measured measuring number numbers
    result results change changed changes compare compared comparing baseline against before after happen happened
    know knew sure confident confidence think thought mean meant work worked worked approach call made make set
    look looked watch check checked next first then later end ended instead why whether kind sort thing things
    exact real actual actually single main biggest most least particular detail details again back going point
""".split()
# "20 requests: What signals would you watch...?": a bare phrase stuck before the question as a label; "You mentioned X:"
# and "On X:" introduce what follows, a bare "X:" reads as garbled.
_LABEL = re.compile(r"^(?!(?:you (?:mentioned|said|described|talked about|brought up)|on|about|for|earlier|back to|going back to|"
                    r"what|which|how|why|who|when|where|whether|did|do|does|is|are|was|were|can|could|would|will|should|have|has)\b)"
                    r"[\w$%.,/' -]{1,40}:\s", re.IGNORECASE)
_DANGLING = re.compile(r"\b(a|an|the|and|or|your|my|our|their|but|because|than)\s*\?$", re.IGNORECASE)
_STUTTER = re.compile(r"\b(\w+)\s+\1\b", re.IGNORECASE)
# A question asks with a question word, a verb or a prompt; "Model predicting the first-year cohort?" asks nothing.
_ASKS = re.compile(
    r"\b(?:what|what's|how|why|which|who|whom|whose|when|where|whether|is|are|was|were|do|does|did|can|could|would|"
    r"will|should|shall|have|has|had|may|might|tell|walk|talk|say|describe|explain|share|give)\b",
    re.IGNORECASE,
)
_TOKEN = re.compile(r"\$?\d+(?:[.,]\d+)*%?[a-zA-Z]{0,3}|[A-Za-z][A-Za-z0-9]*(?:['’][a-z]+)?(?:[-/][A-Za-z0-9]+)*")
_DETERMINERS = frozenset("the a an our my their its this that these those his her your".split())


def content_words(text: str) -> set[str]:
    """Words that carry meaning, cut to a 5-letter stem so "measure" and "measured" meet."""
    return {w[:5] for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in _STOPWORDS and len(w) > 2}


def on_topic(text: str, planned: str, topic: str = "", context: str = "") -> bool:
    """Does the rephrased question still ask what the planned probe asks?

    It must reuse a share of the probe's content words; words of the criterion's
    name ("measured impact") count too, since a good rewording may say the point
    in those words instead. And it must keep the probe's point: of the probe's words
    that `context` (the question and the answer) does not hold, at least one, or a word of the criterion's name.
    Measured on a held-out case: asked "who built the deploy pipeline and the monitoring, and what was your
    part?", the 0.5B model said "What was the deploy pipeline and the monitoring for your image upscaler?",
    the answer's own words with the candidate's part gone.
    """
    wanted = content_words(planned)
    if not wanted:
        return True
    said = content_words(text)
    hits = len(said & wanted) + len((said & content_words(topic)) - wanted)
    if hits < max(1, math.ceil(ON_TOPIC_SHARE * len(wanted))):
        return False
    point = wanted - content_words(context)
    return not point or bool(said & (point | content_words(topic)))


def keeps_probe(text: str, planned: str) -> bool:
    """The question after its framing ("You mentioned X: ...", the whole of it when there is none) says the planned
    probe in its own words: word sequences at PROBE_KEPT or more."""
    asked = text.split(": ", 1)[-1]
    return SequenceMatcher(None, _TOKEN.findall(asked.lower()), _TOKEN.findall(planned.lower())).ratio() >= PROBE_KEPT


def _words(text: str) -> list[str]:
    """Lower-cased tokens, a possessive cut off ("model's" -> "model")."""
    return [re.sub(r"['’]s$", "", w.lower()) for w in _TOKEN.findall(text)]


def anchor_words(anchor: str) -> list[str]:
    """The words of an anchor phrase that must survive a rewording: all but a leading determiner, lower-cased."""
    words = _words(anchor)
    return words[1:] if words and words[0] in _DETERMINERS else words


def mentions(text: str, anchor: str) -> bool:
    """Does `text` name `anchor`: its words in order, with at most one other word between two of them?"""
    wanted = anchor_words(anchor)
    if not wanted:
        return False
    said = _words(text)
    for start, word in enumerate(said):
        if word != wanted[0]:
            continue
        at = start
        for need in wanted[1:]:
            window = said[at + 1 : at + 3]
            if need not in window:
                break
            at += 1 + window.index(need)
        else:
            return True
    return False


def unshown(text: str, shown: str) -> set[str]:
    """Content words of `text` (as 5-letter stems) that are neither in `shown` nor plain interviewer words."""
    return content_words(text) - content_words(shown) - _PLAIN


_PLAIN = frozenset(w[:5] for w in _INTERVIEWER_WORDS)


def invented(text: str, shown: str) -> list[str]:
    """Names and numbers in `text` that `shown` does not hold: "Did you compare it to Google's results?"."""
    known = {w.lower() for w in _TOKEN.findall(shown)} | {re.sub(r"['’]s$", "", w.lower()) for w in _TOKEN.findall(shown)}
    found = []
    for i, match in enumerate(_TOKEN.finditer(text)):
        word = match.group()
        bare = re.sub(r"['’]s$", "", word)
        after_stop = text[: match.start()].rstrip()[-1:] in ("", ":", ".", "!", "?", ";", "-", "—")
        plain = bare.lower() in _STOPWORDS or bare.lower()[:5] in _PLAIN or bare.lower() in {"i", "i'd", "i'm"}
        name = i > 0 and word[0].isupper() and not after_stop and not plain
        if (name or any(ch.isdigit() for ch in word)) and bare.lower() not in known and word.lower() not in known:
            found.append(bare)
    return found


def incoherent(text: str) -> str | None:
    """A reason if `text` reads as broken: a stutter, or a question that stops mid-phrase."""
    if _STUTTER.search(text):
        return "a word repeated"
    if _DANGLING.search(text):
        return "stops mid-phrase"
    if _LABEL.match(text):
        return "a bare phrase stuck before the question"
    if not _ASKS.search(text):
        return "asks nothing: no question word, verb or prompt"
    return None


def safe_phrase(text: str) -> bool:
    """May the interviewer say `text` (a phrase of the candidate's) as it is: no score talk, no role talk, no markup?"""
    return not (_LEAKS.search(text) or _OUT_OF_ROLE.search(text) or _WRONG_SIDE.search(text) or any(ch in text for ch in "<>{}[]#*«»?"))


def first_question(raw: str) -> str | None:
    """The first of several questions in `raw` ("Which alternative did you weigh? Why not it?"), if it has another."""
    text = clean(raw)
    end = text.find("?")
    return text[: end + 1] if 0 < end < len(text) - 1 else None


class GuardVerdict(BaseModel):
    ok: bool
    text: str
    reason: str | None = None


def _normalise(text: str) -> str:
    return re.sub(r"[^a-z0-9 ]+", "", text.lower()).strip()


def clean(raw: str) -> str:
    """Strip the wrapping a small model adds around an otherwise good question."""
    text = " ".join(_PREAMBLE.sub("", raw.strip()).split())
    text = re.sub(r"^((?i:follow[- ]?up( question)?|question|interviewer)|[A-Z][a-z]+)\s*:\s*", "", text)
    return _FRAMED_ASK.sub(lambda m: m.group(1) + m.group(2).lower(), text.strip(_QUOTES + " ").strip())


def check_turn(
    raw: str,
    earlier_questions: list[str],
    planned: str | None = None,
    topic: str = "",
    *,
    anchors: list[str] | None = None,
    shown: str | None = None,
    context: str = "",
    point: str | None = None,
    keep_probe: bool = False,
) -> GuardVerdict:
    """Accept `raw` only if it is one short question, in role, new, on the planned probe, and leaks nothing.

    `anchors`: the question must name one of these (things the candidate said).
    `shown`: everything the model was shown (probe, question, anchor or answer);
    more than MAX_UNSHOWN content words from elsewhere is a made-up or garbled question.
    `context`: the bank question and the answer: the probe's words they hold are not its point.
    `point`: the criterion's probe_point regex (rubric YAML): when the planned probe matches it, so must the question.
    `keep_probe`: a small model's question must keep the planned probe's words after its framing (PROBE_KEPT).
    """
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
    broken = incoherent(text)
    if broken:
        return GuardVerdict(ok=False, text=text, reason=f"incoherent: {broken}")
    named = [a for a in anchors or [] if mentions(text, a)]
    if anchors and not named:
        return GuardVerdict(ok=False, text=text, reason="does not name what the candidate said")
    if planned is not None:
        # The anchor's own words do not make the question on topic: the probe's point must be there besides.
        rest = text
        for anchor in named:
            rest = re.sub(r"\b" + r"\W+(?:\w+\W+)?".join(map(re.escape, anchor_words(anchor))) + r"\b", " ", rest, flags=re.IGNORECASE)
        if not on_topic(rest, planned, topic, context):
            return GuardVerdict(ok=False, text=text, reason="drifted off the planned probe")
        if point and re.search(point, planned, re.IGNORECASE) and not re.search(point, rest, re.IGNORECASE):
            return GuardVerdict(ok=False, text=text, reason="drifted off the planned probe: its point is gone")
        if keep_probe and not keeps_probe(text, planned):
            return GuardVerdict(ok=False, text=text, reason="reworded the probe itself")
    if shown is not None:
        given = f"{shown} {planned or ''} {topic}"
        made_up = invented(text, given)
        if made_up:
            return GuardVerdict(ok=False, text=text, reason=f"invents a name or number it was not given ({', '.join(made_up)})")
        extra = unshown(text, given)
        if len(extra) > MAX_UNSHOWN:
            return GuardVerdict(ok=False, text=text, reason=f"incoherent: words it was not given ({', '.join(sorted(extra))})")
    norm = _normalise(text)
    for earlier in earlier_questions:
        if SequenceMatcher(None, norm, _normalise(earlier)).ratio() >= REPEAT_SIMILARITY:
            return GuardVerdict(ok=False, text=text, reason="repeats an earlier question")
    return GuardVerdict(ok=True, text=text)
