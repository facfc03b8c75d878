"""What the interviewer says from the loop, the round and the task rather than the problem's facts: the rounds, the
company's values, the clock, a coding task's language. Kept apart from the asks (asks.py), which only mark the line to say.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..catalog.glossary import normal_name
from ..catalog.models import CompanyValue, Question

# Which language a coding task is in ("Is this SQL or Python?"): the task says (played blind, 2026-12-07: "The rest is
# your call").
LANGUAGE_ASKED = re.compile(r"\b(?:which|what) (?:programming )?language\b|\b(?:sql|python|pandas) or (?:sql|python|pandas|plain python)\b|"
                            r"\b(?:is (?:this|it)(?: (?:meant|supposed|going) to be)?|(?:can|could|should|may) (?:i|we) (?:use|write (?:it |this )?in|do (?:it|this) in|"
                            r"answer in)) (?:in )?(?:sql|python|pandas|java|c\+\+|go|rust|javascript|typescript|scala)\b(?!['’]s)", re.IGNORECASE)
# ("Is this meant to be SQL, since it's a table, or Python...?" drew "That's your call", played blind 2026-12-07)


# Asking leave to start simple: "I'd like to start with a brute force to get something working, then optimise. Is that OK
# with you, or do you want the optimal solution straight away?" (played blind, 2026-12-07: "On success metric, that's
# your call")
_SIMPLE_FIRST = re.compile(r"\b(?:start|begin|go) with (?:a |the )?(?:brute[- ]?force|naive|simple|straightforward|quadratic)\b", re.IGNORECASE)
SIMPLE_FIRST = "Sure, start with it and say what it costs; then we'll look at making it faster."


def coding_line(text: str, question: Question) -> str | None:
    """What the interviewer says, on a coding task, to "Is this SQL or Python?" and to asking leave to start with brute
    force (None to anything else, and on any other question)."""
    if question.problem is None:
        return None
    if not LANGUAGE_ASKED.search(text):
        return SIMPLE_FIRST if _SIMPLE_FIRST.search(text) else None
    if question.problem.sql is not None:
        return "It's SQL: one SELECT query, run on SQLite."
    # headless, no starter code is on screen: "starting from the starter code" named nothing (played blind, 2026-12-07)
    signature = re.search(rf"^def ({re.escape(question.problem.entrypoint)}\([^\n]*?)(?=:\s*$)", question.problem.starter, re.MULTILINE)
    said = signature.group(1) if signature else question.problem.entrypoint
    return f"It's Python: implement {said}, starting from the starter code."


def rounds_line(titles: Sequence[str], current: str) -> str:
    """What the interviewer says to "how many rounds are there?": how many the loop has, which one this is, and the
    ones after it (played, 2026-12-07: "How many rounds is the Canva loop overall?" drew only "This is the last round")."""
    if current not in titles:
        return f"The loop has {len(titles)} rounds." if titles else "This round is the whole loop."
    index = titles.index(current)
    after = titles[index + 1:]
    if not after:
        return f"This is the last of the loop's {len(titles)} rounds." if len(titles) > 1 else "This round is the whole loop."
    named = after[0] if len(after) == 1 else ", ".join(after[:-1]) + " and " + after[-1]
    return f"This is round {index + 1} of {len(titles)}; after it {'comes' if len(after) == 1 else 'come'} {named}."


def values_line(company: str, values: Sequence[CompanyValue], asked: str) -> str:
    """What the interviewer says to a question about the company's values: the value it names, or all of them. Which
    value fits a question like "how people handle mistakes" was not read well enough to choose one (shared words picked
    "Be a force for good", and so did sentence vectors, 0.47 against 0.30 for "Be a good human"): naming them all is
    never wrong."""
    named = next((v for v in values if normal_name(v.name) in normal_name(asked)), None)
    if named is not None:
        return f'That\'s "{named.name}", one of {company}\'s {len(values)} values: {named.description}'
    names = [f'"{v.name}"' for v in values]
    listed = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
    return f"{company}'s values are {listed}; any of them can show in the story you tell."


def time_left_line(remaining_s: float) -> str:
    """What the interviewer says to "how much time do we have?", from the round's clock."""
    if remaining_s < 60:
        return "We're in the last minute of this round."
    minutes = round(remaining_s / 60)
    return f"About {minutes} minute{'s' if minutes != 1 else ''} left in this round."


def questions_line(asked: int, planned: int) -> str:
    """What the interviewer says to "how many questions do you have?": where the round is among its planned questions."""
    if asked >= planned:
        return "This is the last main question of the round, with a follow-up or two."
    return f"This is question {asked} of about {planned}, each with a few follow-ups."


def question_again(question: Question) -> str:
    """To a candidate who lost the thread or asks which of two things the question meant: the bank question itself."""
    return f"Sure. The question was: {question.text}"
