"""What the engine decides a turn must do: a follow-up's probe, or the next question, or the wrap-up.

The driver words and says it (the LLM may phrase a probe; the guard checks it keeps its point).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

from ..catalog import Question

AFTER_A_PASS = "That's fine. "  # before the next follow-up, after "I don't know" to the last one
# Asked when a story about past work was told only as what the candidate would do.
# Before what was asked, asked again after an answer given for a question not yet asked (engine/question_queue.py).
COME_TO_THAT = "We'll come to that next. "
PLAN_ONLY = "That's what you would do. When did you actually do something like it, and what happened?"


class Probe(BaseModel):
    """What a follow-up must find out; `canned` is the rubric's wording, used if the LLM's fails."""

    model_config = ConfigDict(frozen=True)

    criterion: str
    criterion_title: str
    missing: str
    canned: str
    point: str | None = None  # the criterion's probe_point: a rewording of `canned` must keep matching it
    # "probe": `canned` is a rubric probe, worded around what was said; said as it is otherwise: "looking_back" (the
    # criterion's looking_back, after the candidate's denial), "own_part" (after what "the team" did), "plan_only",
    # "narrower" (`canned` is the way in offered after a pass), "explain" (after an answer of a few words) or "press"
    # (the rubric probe asked again, after a reply that said nothing of it), "depends_on" (after a reply of only "it
    # depends": on what?), "other_half" (`canned` is the half of a two-part probe the reply left out: "And why?") or
    # "failing_run" (the criterion's after_failing_run, after the code failed hidden tests) or "part" (`canned` is a
    # part of the question no answer addressed: question_parts.py).
    kind: Literal["probe", "looking_back", "own_part", "plan_only", "narrower", "explain", "press", "other_half",
                  "depends_on", "failing_run", "part"] = "probe"
    lead: str = ""  # said before the follow-up, however it is worded: AFTER_A_PASS
    # Where the answers said what a question's own follow-up picks up (answer index, oldest first; start; end): what it
    # is led by ("You mentioned dynamic batching: ..."); None for the anchor the wording chooses.
    said_at: tuple[int, int, int] | None = None
    own_subject: bool = False  # a question's own follow-up: it names what it asks about ("the 30,000 requests a second")


class Plan(BaseModel):
    model_config = ConfigDict(frozen=True)

    action: Literal["follow_up", "next_question", "wrap_up"]
    probe: Probe | None = None
    question: Question | None = None
    answered_ahead: bool = False  # the next question, which the candidate has already started on
    reason: str
