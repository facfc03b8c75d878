"""How a follow-up says what it picks up from the answer: "You mentioned the two-tower model: ...", 'You said "we never
A/B tested it": ...'.
"""

from __future__ import annotations

import re

DEFAULT_LEAD = "You mentioned {anchor}:"


def with_anchor(canned: str, anchor: str | None, lead: str = DEFAULT_LEAD) -> str:
    """The canned probe, grounded: "You mentioned the two-tower model: what changed in numbers, ...?".

    `lead` is the persona's way in ("Going back to {anchor}:"): the same "You mentioned" before every follow-up of a
    round reads as a script.
    """
    if not anchor:
        return canned
    runs_on = lead.rstrip().endswith(":")  # "You mentioned X: what...", but "Thanks for walking me through X. Which..."
    probe = canned[0].lower() + canned[1:] if runs_on and canned[:2] != "I " and not canned[:2].isupper() else canned
    text = f"{lead.replace('{anchor}', anchor)} {probe}".lstrip()  # no lead: the question alone
    return text[:1].upper() + text[1:]  # a lead that opens on the anchor: "{anchor}, got it."


_LEAD_IN = re.compile(r"^(?:(?:to be honest|honestly|and|so|but|well|also|um+|uh+|hmm+|yeah|like|as i said|again|sadly)\b[,\s]*)+",
                      re.IGNORECASE)


_FILLERS = re.compile(r",?\s*\b(?:um+|uh+|erm+|hmm+)\b,?", re.IGNORECASE)  # 'You said "we ran it for, um, two weeks"' was said


def said_back(canned: str, clause: str | None) -> str:
    """A probe after the candidate's own words: 'You said "we never A/B tested it": looking back, ...?'; a probe that
    already opens on them ('You said "we" a lot; ...') is said as it is."""
    said = _FILLERS.sub("", _LEAD_IN.sub("", clause or "")).strip().rstrip(".,;:!")
    if not said or canned.lower().startswith("you said"):
        return canned
    quoted = said if re.match(r"I\b|.[A-Z]", said) else said[0].lower() + said[1:]  # "I", "LLM-as-judge" stay as said
    return f'You said "{quoted}": {canned[0].lower()}{canned[1:]}'
