"""A hint asked on a named part ("Can you give me a hint on how to structure the CI matrix cheaply?"): the nudge is
about that part, not the weakest criterion's probe.

Played blind (2026-12-07, the third player): every one of the 14 hints asked on a part got the open question's
weakest-criterion probe instead: "a hint on a tricky test case" drew "what's the time and space complexity...?", "a hint
on the offline metric" drew "what label would you train the ranker on?". Read by meaning: the part's sentence vector
against each of the open question's own follow-ups and its criteria's probes not yet asked. On those 14 hints, the best
at cosine 0.4 or more was on the named part in 7 (0.46 to 0.63: the CI matrix on $1,000 a month, the uplift labels, the
mentoring, the offline metric, the tricky test, the experiment design); below it (0.16 to 0.39) none was, and
the weakest probe is asked as before. The question's own follow-up, worded in the scenario's terms, is taken over a
rubric probe up to OWN_MARGIN closer ("a tricky test case": the transitive chain, 0.47, over "Which test would you add
first?", 0.56). A hint on "the X question" names another question, which this one's probes cannot answer.
"""

from __future__ import annotations

import logging
import re

from ..engine.round import RoundEngine
from ..scoring.meaning import EmbedderUnavailable
from .drift import closeness

log = logging.getLogger(__name__)

MIN_COSINE = 0.4
OWN_MARGIN = 0.1
_NAMED_PART = re.compile(r"\bhints?\s+(?:on|about|for|with|regarding|as to)\s+(?P<part>[^?.!]+)", re.IGNORECASE)
_ANOTHER_QUESTION = re.compile(r"\bquestions?\s*$", re.IGNORECASE)


def named_part(asked: str) -> str | None:
    """The part a hint is asked on ("how to test training code without a full retrain"), if it names one."""
    match = _NAMED_PART.search(asked)
    part = match.group("part").strip(" ,;:") if match else ""
    return part if part and not _ANOTHER_QUESTION.search(part) else None


def hint_on(engine: RoundEngine, asked: str) -> tuple[str, str] | None:
    """The (criterion, probe) a hint on the part `asked` names points at, or None: the weakest criterion's then."""
    part, question = named_part(asked), engine.current_question
    if part is None or question is None:
        return None
    own = [(f.criterion, f.ask) for f in question.follow_ups if f.criterion in question.criteria and engine.unasked(f.ask)]
    probes = [(c, p) for c in question.criteria for p in engine.probe_options(c) if engine.unasked(p)]
    options = own + [o for o in probes if o not in own]
    if not options:
        return None
    try:
        cosines = closeness([(part, text) for _, text in options])
    except EmbedderUnavailable as exc:
        log.debug("hint not read: %s", exc)
        return None
    except Exception as exc:  # noqa: BLE001 - a model that fails to load must never stall a round: the weakest probe is said
        log.warning("hint not read (%s): the weakest criterion's probe is said", exc)
        return None
    best = max(cosines)
    if best < MIN_COSINE:
        return None
    own_best = max(range(len(own)), key=lambda i: cosines[i], default=None)
    if own_best is not None and cosines[own_best] >= max(MIN_COSINE, best - OWN_MARGIN):
        return own[own_best]
    return options[cosines.index(best)]
