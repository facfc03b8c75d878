"""An assumption put in words that the scenario's facts deny, told apart from one they bear out.

"I'll assume this runs on the device, right?" against "nothing runs on the device",
"I assume training the model is part of this?" against "training the model is out
of scope", "it's only web for now?" against "runs on web, desktop and the iOS and
Android apps", "deltas are always positive?" against "deltas ... can be negative":
an interviewer opens with "Not quite." before the fact, as for a wrong figure
(assumptions.py). Read without a model: the assumption and a sentence of the fact
share at least two content words and one of the two denies some of them while the
other denies none; or the assumption says "only X" where the fact lists X with
others; or a clause of the fact says of the same thing the opposite word
("unsorted" for "in order", "strings" for "integers"). Anything less leaves the
reply without a verdict: the fact still answers, and a wrong "Not quite." would
tell the candidate their right reading was wrong.
"""

from __future__ import annotations

import re

from ..engine.guard import content_words
from ..scoring.meaning.spoken import normalise_spoken

MIN_SHARED = 2  # content words the assumption and the fact's sentence must share to be about the same thing
# Only a short assumption is checked: one sentence of at most MAX_ASSUMED_WORDS content words. Longer ones share words
# with several of a fact's clauses, and on 2,100 turns written for other checks (tests/data/candidate_turns.yaml and
# the first-turn sets) the 11 longer ones this read as denied were 2 wrong assumptions and 9 right ones; on 123 written
# blind for it (tests/data/assumptions_asked_blind.yaml) those it caught were 3 to 8 words (one of 8 lost to the limit).
MAX_ASSUMED_WORDS = 7
DENIED_WORDS = 4  # a negation reaches this many content words: a spoken run-on has no comma to end its clause
_SENTENCES = re.compile(r"[.;!?]\s+")
# A negation's reach ends with its clause: "we can't draw on other stores' content when generating a store" denies the
# drawing, not the generating.
_CLAUSES = re.compile(r"[,:]\s+|\s+(?:but|while|whereas|when|whenever|because|since|if|unless|so that|after|before|until)\s+", re.IGNORECASE)
# "..., so assume a trained segmentation model exists" tells the candidate what to assume, not what is so.
_TELLS_TO_ASSUME = re.compile(r"^(?:so\s+)?(?:just\s+)?assume\b", re.IGNORECASE)
_WORD = re.compile(r"[a-z0-9][a-z0-9'-]*")
# A negation denies what follows it in its clause: "nothing runs on the device", "frames aren't stored", "not which
# enhancer version served it"; "training the model is out of scope" denies the whole clause.
_DENIES_AFTER = re.compile(r"^(?:no|not|never|nothing|nobody|without|zero|neither|nor|cannot|except|excluding|\w+n't)$")
_LIMITS = re.compile(r"^(?:just|only|merely|simply|always|every|all|quite|necessarily)$")  # "not just the current value" denies nothing
_SHORT_OF = re.compile(r"\b(?:short of|other than|apart from|but not)\b", re.IGNORECASE)  # "fair game, short of retraining"
_DENIES_CLAUSE = re.compile(r"\b(?:out of scope|off the table|out of bounds|not part of|isn't part of|aren't part of)\b", re.IGNORECASE)
# Words of the frame around an assumption, which say nothing about what is assumed.
_FRAME = content_words(
    "assume assuming assumption guess suppose presumably expect correct right fair okay sound reasonable "
    "safe true wrong confirm understand understanding reading picture think probably likely well yeah okay so"
    " none null"  # a value in code ("amount is None"), never what is denied
)
_ONLY = re.compile(r"\b(?:only|solely|exclusively)\s+(?:(?:on|for|in|the|a|an|our)\s+)*([a-z0-9][a-z0-9-]+)|"
                   r"\b([a-z0-9][a-z0-9-]+)(?:\s+[a-z0-9-]+)?\s+only\b(?=\s*(?:[,?.!]|$|for now|at first|to start|i (?:assume|guess)))",
                   re.IGNORECASE)  # "only web", "web admin only, I assume?"
# Words that say the opposite of each other about the same thing.
_OPPOSITES = [
    (re.compile(p, re.IGNORECASE), re.compile(q, re.IGNORECASE)) for p, q in (
        (r"\bpositive\b", r"\bnegative\b"),
        (r"\b(?:sorted|ordered|in (?:time )?order|in order of)\b", r"\b(?:unsorted|unordered|out of order|in any order|not sorted)\b"),
        (r"\b(?:integers?|ints?)\b", r"\bstrings?\b"),
        (r"\b(?:several|multiple|many|more than one)\b", r"\b(?:single|exactly one|only one|just one|(?:in|on|to|from) one)\b"),
        (r"\b(?:plenty|lots|abundant|a lot)\b", r"\b(?:scarce|few|rare|limited)\b"),
        (r"\brelative\b", r"\babsolute\b"),
    )
]
# A word in a list: "web, desktop and the iOS and Android apps"; not a clause going on ("are ignored, and an order's...").
_LISTED = r"(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)(?!(?:a|an|the|it|its|they|their|we|our|this|that|there|he|she)\b)"


def _stem(word: str) -> str | None:
    """The word as guard.content_words cuts it, plural or verb -s taken off first ("runs" meets "run")."""
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    return next(iter(content_words(word)), None)


def _stems(words: list[str]) -> list[str | None]:
    return [_stem(w) for w in words]


def _said(clause: str) -> dict[str, bool | None]:
    """Each content word of a clause (stemmed) and whether the clause denies it; None where it is said both ways."""
    words = _WORD.findall(_SHORT_OF.sub("except", clause.lower()))
    whole = bool(_DENIES_CLAUSE.search(clause))
    denied_from = next((i for i, w in enumerate(words) if _DENIES_AFTER.match(w) and not (i + 1 < len(words) and _LIMITS.match(words[i + 1]))),
                       len(words))
    said: dict[str, bool | None] = {}
    reached = 0
    for i, (word, stem) in enumerate(zip(words, _stems(words), strict=True)):
        if stem and stem not in _FRAME and not _DENIES_AFTER.match(word):
            denied = whole or (i > denied_from and reached < DENIED_WORDS)
            reached += i > denied_from
            said[stem] = denied if said.get(stem, denied) == denied else None
    return said


def _sentence_said(sentence: str) -> dict[str, bool | None]:
    """The sentence's words, each denied or not as its clause says it; None where it is said both ways."""
    whole: dict[str, bool | None] = {}
    for clause in _CLAUSES.split(sentence):
        if clause.strip() and not _TELLS_TO_ASSUME.match(clause.strip()):
            for stem, denied in _said(clause).items():
                whole[stem] = denied if whole.get(stem, denied) == denied else None
    return whole


def _sentences(text: str) -> list[str]:
    return [s for s in _SENTENCES.split(normalise_spoken(text)) if s.strip()]


def _shared(assumed: dict[str, bool | None], said: dict[str, bool | None]) -> list[str]:
    """Words both say, each one way only."""
    return [w for w, denied in assumed.items() if denied is not None and said.get(w) is not None]


def _verdict(assumed: dict[str, bool | None], said: dict[str, bool | None]) -> bool:
    """Denied: one of the two denies some of what they share and the other denies none of it."""
    shared = _shared(assumed, said)
    return any(assumed[w] for w in shared) != any(said[w] for w in shared)


def _only_one_of_many(assumption: str, fact_sentence: str) -> bool:
    """"only web" where the fact says "web, desktop and the iOS and Android apps" (and says "only" of nothing)."""
    for match in _ONLY.finditer(assumption):
        stem = _stem(match.group(1) or match.group(2))
        if stem is None:
            continue
        for word in _WORD.finditer(fact_sentence.lower()):
            if _stem(word.group()) != stem:
                continue
            before, after = fact_sentence[: word.start()], fact_sentence[word.end() :]
            if re.search(_LISTED + r"\S+$", before) or re.match(_LISTED + r"\S", after):
                return True
    return False


def _opposite_word(assumption: str, fact_sentence: str) -> bool:
    """A clause of the fact names what the assumption names, with the word opposite to the assumption's."""
    assumed = {w for w, denied in _sentence_said(assumption).items() if denied is not None}
    for clause in _CLAUSES.split(fact_sentence):
        about = [w for w in _said(clause) if w in assumed]
        for one, other in _OPPOSITES:
            for said, told in ((one, other), (other, one)):
                if about and said.search(assumption) and told.search(clause) and not said.search(clause):
                    return True
    return False


def denied_by(assumption: str, fact_text: str, max_words: int = MAX_ASSUMED_WORDS) -> bool:
    """Whether the fact says the opposite of the assumption (module docstring); False when unsure.

    The assumption (one short sentence) is read against the fact's sentences that share most words with it: "exact
    matches on brand names can't get worse" is about "exact matches on SKUs, brand names and product titles mustn't
    get worse", not about "...when their product can't be found by name" after it.
    """
    assumed = [said for s in _sentences(assumption) if (said := _sentence_said(s))]  # "Correct?" says nothing assumed
    if len(assumed) != 1 or len(assumed[0]) > max_words:
        return False
    fact_sentences = _sentences(fact_text)
    said = [_sentence_said(s) for s in fact_sentences]
    most = max((len(_shared(assumed[0], f)) for f in said), default=0)
    if most >= MIN_SHARED and all(_verdict(assumed[0], f) for f in said if len(_shared(assumed[0], f)) == most):
        return True
    said_plainly = normalise_spoken(assumption)
    listed = not _ONLY.search(normalise_spoken(fact_text)) and any(_only_one_of_many(said_plainly, s) for s in fact_sentences)
    return listed or any(_opposite_word(said_plainly, s) for s in fact_sentences)
