"""The persona's opening and closing lines, rendered for the candidate, named or not.

With no name given, the config's placeholder would be said as one: "Hi candidate,
I'm Ines" and "We're at time, candidate." read as a form letter. An unnamed
candidate is greeted without a name instead ("Hi, I'm Ines", "We're at time."),
so teams keep writing `{{ candidate }}` where a name goes and nothing else.
"""

from __future__ import annotations

import re

import jinja2

from ..config import UNNAMED_CANDIDATE

_NAME = "\x00"  # rendered in the name's place, then taken out with the comma or space before it
_NAME_SAID = re.compile(rf",?[ \t]*{_NAME}")


def named(candidate: str) -> bool:
    return bool(candidate.strip()) and candidate.strip().lower() != UNNAMED_CANDIDATE


def render_line(text: str, *, candidate: str, round_title: str, company: str) -> str:
    """`text` rendered with Jinja2; an unnamed candidate's name is left out with the comma or space before it."""
    said = jinja2.Environment(autoescape=False).from_string(text).render(
        candidate=candidate.strip() if named(candidate) else _NAME, round=round_title, company=company
    )
    return _NAME_SAID.sub("", said).replace(_NAME, "")
