"""A hint asked on a named part ("Can you give me a hint on how to structure the CI matrix cheaply?"): the nudge is
about that part, not the weakest criterion's probe.

Played blind (2026-12-07, the third player): every one of the 14 hints asked on a part got the open question's
weakest-criterion probe instead: "a hint on a tricky test case" drew "what's the time and space complexity...?", "a hint
on the offline metric" drew "what label would you train the ranker on?". Read by meaning: the part's sentence vector
against each of the open question's own follow-ups and its criteria's probes not yet asked. On those 14 hints, the best
at cosine 0.4 or more was on the named part in 7 (0.46 to 0.63: the CI matrix on $1,000 a month, the uplift labels, the
mentoring, the offline metric, the tricky test, the experiment design); below it (0.16 to 0.39) none was, and the
weakest probe is asked as before. A part named by a criterion's title ("a hint on what you want for the tradeoff part",
nine such in the fourth player's rounds) is that criterion's. The question's own follow-up, worded in the scenario's
terms, is taken over a rubric probe up to OWN_MARGIN closer ("a tricky test case": the transitive chain, 0.47, over
"Which test would you add first?", 0.56). A hint on "the X question" names another question, which this one's probes
cannot answer.

A probe is not a hint, though. Played blind (2026-12-07, the sixth player): "For the fraud rings problem I am not sure
how to start. Can you give me a hint please?" drew "Here's a nudge: how would you structure this as a class another
team could reuse?", and "I'm not sure how to validate it without labels. Could you give me a hint?" another follow-up.
So a question's own `hints` in the rubric YAML (gentlest first: a way in, then the technique) are said first, one per
request; a part named that none of them is about goes to the probes as above; once they are all said, a nudge.
"""

from __future__ import annotations

import logging
import re

from ..engine.round import RoundEngine
from ..scoring.meaning import EmbedderUnavailable
from .drift import closeness
from .turn_phrases import WHICH_TECHNIQUE

log = logging.getLogger(__name__)

MIN_COSINE = 0.4
OWN_MARGIN = 0.1
_NAMED_PART = re.compile(r"\bhints?\s+(?:on|about|for|with|regarding|as to)\s+(?P<part>[^?.!]+)", re.IGNORECASE)
_ANOTHER_QUESTION = re.compile(r"\bquestions?\s*$", re.IGNORECASE)
# Words of criteria titles that name no skill of their own ("Requirements first", "Structured answer", "Debugging method")
_NOT_SKILLS = frozenset("first answer clear method role personal technical analysis discipline rigor action measured safe "
                        "sense correct solution what want your part like hear looking".split())


_WANTS_A_HINT = re.compile(r"\b(?:hints?|nudge|clue|pointers?|where (?:should|do|would) i (?:start|begin)|right direction|"
                           + WHICH_TECHNIQUE + r")\b", re.IGNORECASE)  # "...I still don't know which algorithm to use."
_THE_WHOLE = re.compile(r"\b(?:algorithm|approach|data structure|technique|method|where to start|how to (?:start|begin)|solution)\b",
                        re.IGNORECASE)
HINT_LEAD = "Here's a hint: "
NUDGE_LEAD = "Here's a nudge: "


def hint_said(engine: RoundEngine, asked: str, said: list[str]) -> str:
    """What the interviewer says to a hint asked for on the open question, marked on the engine; `said` holds the
    interviewer's turns so far (a hint already said is not said again)."""
    question = engine.current_question
    own = question.hints if question and _WANTS_A_HINT.search(asked) else []  # "what else do you want to know?": a probe
    unused = [hint for hint in own if not any(hint in text for text in said)]
    part = named_part(asked)
    part = None if part and _THE_WHOLE.search(part) else part  # "a hint on which algorithm" asks for a way into all of it
    hint = _closest(part, unused) if part else None
    probe = hint_on(engine, asked) if part and hint is None else None
    if hint is None and probe is None and unused:
        hint = unused[0]
    if hint is not None:
        engine.hinted()
        return HINT_LEAD + hint
    canned = engine.nudge(probe).canned
    engine.record_interviewer(canned)  # asked now: a later follow-up picks another probe
    return NUDGE_LEAD + (canned[0].lower() + canned[1:] if canned[1:2].islower() else canned)


def _closest(part: str, hints: list[str]) -> str | None:
    """The question's gentlest own hint about the part named (at MIN_COSINE or closer)."""
    cosines = _closeness(part, hints, "the first hint") if hints else None
    if cosines is None:
        return None
    return next((hint for hint, cosine in zip(hints, cosines, strict=True) if cosine >= MIN_COSINE), None)


def _closeness(part: str, texts: list[str], instead: str) -> list[float] | None:
    """The part's cosine to each text, or None when the model cannot read them (`instead` is said)."""
    try:
        return closeness([(part, text) for text in texts])
    except EmbedderUnavailable as exc:
        log.debug("hint's part not read: %s", exc)
    except Exception as exc:  # noqa: BLE001 - a model that fails to load must never stall a round
        log.warning("hint's part not read (%s): %s is said", exc, instead)
    return None


def named_part(asked: str) -> str | None:
    """The part a hint is asked on ("how to test training code without a full retrain"), if it names one."""
    match = _NAMED_PART.search(asked)
    part = match.group("part").strip(" ,;:") if match else ""
    return part if part and not _ANOTHER_QUESTION.search(part) else None


def _criterion_named(part: str, engine: RoundEngine) -> str | None:
    """The one criterion of the open question the part names by its title ("what you want for the tradeoff part",
    "the leadership part", "structure"), in words that name a skill, not "first", "answer" or "method"."""
    question = engine.current_question
    said = _stems(part)
    named = [c for c in (question.criteria if question else [])
             if _stems(f"{engine.catalog.criterion(engine.loop, c).title} {c.replace('_', ' ')}") & said]
    return named[0] if len(named) == 1 else None


def _stems(text: str) -> set[str]:
    return {w[:5] for w in re.findall(r"[a-z]+", text.lower()) if len(w) > 3 and w not in _NOT_SKILLS}


def hint_on(engine: RoundEngine, asked: str) -> tuple[str, str] | None:
    """The (criterion, probe) a hint on the part `asked` names points at, or None: the weakest criterion's then."""
    part, question = named_part(asked), engine.current_question
    if part is None or question is None:
        return None
    own = [(f.criterion, f.ask) for f in question.follow_ups if f.criterion in question.criteria and engine.unasked(f.ask)]
    probes = [(c, p) for c in question.criteria for p in engine.probe_options(c) if engine.unasked(p)]
    options = own + [o for o in probes if o not in own]
    named = _criterion_named(part, engine)
    if named is not None and (on_it := [o for o in options if o[0] == named]):
        return on_it[0]  # "a hint on the tradeoff part": its own follow-up on tradeoffs first, else the rubric's probe
    if not options:
        return None
    cosines = _closeness(part, [text for _, text in options], "the weakest criterion's probe")
    if cosines is None:
        return None
    best = max(cosines)
    if best < MIN_COSINE:
        return None
    own_best = max(range(len(own)), key=lambda i: cosines[i], default=None)
    if own_best is not None and cosines[own_best] >= max(MIN_COSINE, best - OWN_MARGIN):
        return own[own_best]
    return options[cosines.index(best)]
