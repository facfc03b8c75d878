"""The "assumed" marker: a value no seed gives (written for the exercise) says so wherever the app shows it.

Why: the loops follow published interview guides, but some values are filled in
(Shopify's guide gives no round lengths; the Canva EM loop is derived from a job
posting). A candidate must be able to tell a company's published loop from the
product's guess. What is assumed comes from the rubric (`provenance`, a stage's
`source`), never from here. Plain strings only: no Textual, no catalog import,
so the home screen's launch path stays light.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..catalog.models import Loop, Persona, Round

ASSUMED = "assumed"


def mark(text: str, assumed: bool) -> str:
    """`text`, followed by "(assumed)" when it was written for the exercise."""
    return f"{text} ({ASSUMED})" if assumed else text


def round_option(loop: Loop, rnd: Round) -> str:
    """A round as the round picker lists it: title, time box and kind, each marked when assumed."""
    title = mark(rnd.title, loop.assumed(rnd, "round"))
    minutes = mark(f"{rnd.minutes} min", loop.assumed(rnd, "minutes"))
    return f"{title} · {minutes} · {rnd.kind}"


def stage_title(loop: Loop, rnd: Round) -> str:
    stage = next((s for s in loop.stages if s.id == rnd.stage), None)
    return rnd.stage if stage is None else mark(stage.title, stage.assumed)


def interviewer(loop: Loop, rnd: Round, persona: Persona) -> str:
    """"Name, title" of who interviews, marked when the round's interviewer title is not in a seed."""
    return mark(f"{persona.name}, {persona.role}", loop.assumed(rnd, "persona"))


def round_heading(loop: Loop, rnd: Round, persona: Persona, position: str = "") -> str:
    """The interview screen's title line: company, role, stage, round, an assumed time box, interviewer.

    The interviewer's title is marked only for the round's own persona: one the
    candidate picked on the home screen is their choice, not the loop's claim.
    """
    stage = stage_title(loop, rnd)
    title = mark(rnd.title, loop.assumed(rnd, "round"))
    # The countdown shows the time box; the title only says when it is assumed.
    minutes = f" · {mark(f'{rnd.minutes} min', True)}" if loop.assumed(rnd, "minutes") else ""
    who = f"{persona.name}, {persona.role}"
    if persona.id == rnd.persona:
        who = interviewer(loop, rnd, persona)
    return f"{loop.company} {loop.role} · {position}{stage}: {title}{minutes} · {who}"


def round_details(loop: Loop, rnd: Round, persona: Persona | None) -> list[str]:
    """What the home screen says about the picked round, one fact a line, each marked when assumed."""
    low, high = rnd.answer_guidance_s
    lines = [
        f"Stage: {stage_title(loop, rnd)}",
        f"Time box: {mark(f'{rnd.minutes} min', loop.assumed(rnd, 'minutes'))}",
        f"Answers: {mark(f'{low}-{high} s', loop.assumed(rnd, 'answer_guidance_s'))}",
    ]
    if persona is not None:
        lines.insert(1, f"Interviewer: {interviewer(loop, rnd, persona)}")
    if loop.assumed(rnd, "round"):
        lines.insert(0, mark("Round derived from the sources, not published", True))
    return lines


def loop_details(loop: Loop) -> list[str]:
    """The whole loop in the picker: its length, and how much of it is assumed."""
    minutes = sum(r.minutes for r in loop.rounds)
    assumed = [r for r in loop.rounds if loop.assumed(r, "minutes")]
    lines = [f"{len(loop.rounds)} rounds, {minutes} min in all"]
    if loop.derived:
        lines.append(mark("Derived loop: the company publishes no rounds for this role", True))
    if assumed:
        lines.append(mark(f"Time boxes of {len(assumed)} of {len(loop.rounds)} rounds", True))
    return lines
