"""A reply that says nothing of the follow-up it answers is asked that follow-up again, once a question.

A real interviewer presses ("Let me come back to what I asked...") where the candidate talks round the point: asked
how they would know the model degraded, they describe the architecture again; asked for their own part, the team's.
The reply is read by the evidence model for the probed criterion alone (interview/evidence_probe.py, `dodged`).
Measured on replies written and labelled by people who never saw this code (tests/data/dodge_blind*.yaml):

    .venv/bin/python -m pytest tests/test_dodged_reply.py -s
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from followup_cases import Case, make_session, without_follow_ups
from test_followups import catalog, evidence, say  # noqa: F401 - the module-scoped fixtures, loaded once

from simulator.catalog import Catalog
from simulator.engine.turns import TurnKind
from simulator.interview.evidence_probe import MeaningEvidence
from simulator.interview.follow_up_text import PRESS

DATA = Path(__file__).resolve().parent / "data"
# (file, least share of dodges pressed, most share of answers pressed). The first set chose the rule's second
# threshold (its first rule, run once before it was read: 23 of 60 dodges, 1 of 70 answers); the second, run once
# blind on that rule, pressed 19 of 55 dodges and 2 of 65 answers, both answers of eight or nine words to a coding
# follow-up, so replies of a dozen words or fewer are no longer read: 25 of 60 and 1 of 70, 14 of 55 and 0 of 65 now.
# The third, run once blind on the rule as shipped: 20 of 50 dodges and 2 of 50 answers (both answers in plain words
# the detectors did not read: "keep a to-do list of accounts to visit instead", "gave each one to the team that knew
# that area best"). The fourth, run once blind on 2026-12-04: 24 of 50 dodges, 4 of 50 answers (all four in plain words).
# A reply read as a whole under DODGE_READ is a dodge too (chosen on the four sets before the fifth was written): 33 of
# 60 and 3 of 70, 26 of 55 and 3 of 65, 27 of 50 and 2 of 50, 32 of 50 and 4 of 50; the fifth, run once blind on both
# rules: 21 of 50 dodges and 3 of 50 answers by the facet rule alone, 30 and 5 with DODGE_READ. Floors: each set's
# reading, two dodges fewer and one answer more, for what a refit of the evidence model may move. Evidence-2.11 (468
# more train answers) pressed 40 / 37 / 36 / 38 / 37 dodges and 5 / 6 / 4 / 4 / 6 answers at the same thresholds; with
# the facet rule's re-chosen on these sets (evidence_probe.py): 38 of 60 and 2 of 70, 34 of 55 and 4 of 65, 31 of 50
# and 1 of 50, 38 of 50 and 2 of 50, 35 of 50 and 6 of 50 (176 of 265 dodges, 15 of 285 answers; evidence-2.10 151, 17).
SETS = [("dodge_blind.yaml", 0.51, 0.06), ("dodge_blind2.yaml", 0.43, 0.07), ("dodge_blind3.yaml", 0.50, 0.06),
        ("dodge_blind4.yaml", 0.60, 0.10), ("dodge_blind5.yaml", 0.56, 0.12)]

DESIGN_ANSWER = (
    "I'd split it into candidate retrieval and ranking. A two-tower model embeds the user's recent designs and each "
    "template into a FAISS index, we pull five hundred candidates, and a gradient-boosted ranker orders them on "
    "features like recency, locale and the user's brand colours. Offline I'd compare recall at fifty against the "
    "popularity baseline, then run an A/B test on template clicks and designs published."
)
PLATITUDE = ("Honestly the team was great and we all really enjoyed working on it together, everyone learned a lot "
             "and the stakeholders were happy with how it went.")


@pytest.mark.parametrize(("name", "least_pressed", "most_false"), SETS)
def test_replies_written_blind(catalog: Catalog, evidence: MeaningEvidence, name: str, least_pressed: float,
                               most_false: float) -> None:
    cases = yaml.safe_load((DATA / name).read_text())
    pressed = {"dodged": [], "addressed": []}
    for case in cases:
        criterion = catalog.criterion(catalog.loop(case["loop"]), case["criterion"])
        pressed[case["label"]].append(evidence.dodged(criterion, case["question"], case["reply"]))
    dodges, answers = pressed["dodged"], pressed["addressed"]
    print(f"\n{name}: {sum(dodges)} of {len(dodges)} dodges pressed, {sum(answers)} of {len(answers)} answers pressed")
    assert sum(dodges) >= least_pressed * len(dodges)
    assert sum(answers) <= most_false * len(answers)


def _session(catalog: Catalog, evidence: MeaningEvidence):  # noqa: ANN202
    # A design whose YAML lists no parts, its own follow-ups taken out: its first follow-up is a rubric probe, the kind a
    # dodge is pressed on as read by the criterion (a reply to a question's own follow-up: test_question_follow_ups.py).
    question = next(q for q in catalog.loop("canva-mle").round("system-design").questions if not q.parts)
    case = Case(id="dodge", loop="canva-mle", round="system-design", question=question.id, expect="", missing="", answer="")
    return make_session(without_follow_ups(catalog, case.loop, case.question), case, None, evidence)


async def test_a_dodged_follow_up_is_asked_again_once(catalog: Catalog, evidence: MeaningEvidence) -> None:
    session, clock = _session(catalog, evidence)
    [e async for e in session.open()]
    await say(session, clock, DESIGN_ANSWER)
    probe = session.turns[-1]
    assert probe.kind is TurnKind.FOLLOW_UP and probe.criterion
    await say(session, clock, PLATITUDE)
    press = session.turns[-1]
    assert press.kind is TurnKind.FOLLOW_UP and press.text.startswith(PRESS) and press.criterion == probe.criterion
    assert press.question_id == probe.question_id and press.text.endswith("?")
    await say(session, clock, PLATITUDE)  # pressed once: the round goes on
    assert not session.turns[-1].text.startswith(PRESS)
    assert session.engine.answers(probe.question_id or "")[1:] == [PLATITUDE, PLATITUDE]  # every reply is kept as said


@pytest.mark.parametrize("reply", [
    "Say a few thousand requests a second at peak, about a fifth of a second to answer, and success is more designs "
    "finished from a suggested template.",
    "I didn't pin those down, to be honest. I'd guess traffic is in the thousands a second, we'd want each answer "
    "back within a couple of hundred milliseconds, and success is more designs started from the suggestions.",
])
async def test_a_reply_on_the_point_in_plain_words_is_not_pressed(catalog: Catalog, evidence: MeaningEvidence, reply: str) -> None:
    session, clock = _session(catalog, evidence)
    [e async for e in session.open()]
    await say(session, clock, DESIGN_ANSWER)
    assert session.turns[-1].kind is TurnKind.FOLLOW_UP and session.turns[-1].criterion == "requirements"
    await say(session, clock, reply)
    assert not session.turns[-1].text.startswith(PRESS)


async def test_a_vague_guess_that_reads_weak_as_a_whole_is_pressed(catalog: Catalog, evidence: MeaningEvidence) -> None:
    """The cost of DODGE_READ, kept in view: a reply that says the point was not pinned down and guesses only "thousands
    a second" and "fast" reads level 1 on requirements as a whole, and is asked the follow-up again (it was not pressed
    when only a reply with no part of the criterion was; the reply is kept as evidence either way)."""
    session, clock = _session(catalog, evidence)
    [e async for e in session.open()]
    await say(session, clock, DESIGN_ANSWER)
    assert session.turns[-1].criterion == "requirements"
    await say(session, clock, "I didn't pin those down, to be honest. I'd guess traffic is in the thousands a second and we'd want it back fast.")
    assert session.turns[-1].text.startswith(PRESS)


async def test_a_round_resumed_around_a_press_presses_once(catalog: Catalog, evidence: MeaningEvidence) -> None:
    session, clock = _session(catalog, evidence)
    [e async for e in session.open()]
    await say(session, clock, DESIGN_ANSWER)
    await say(session, clock, PLATITUDE)
    full = list(session.turns)
    assert full[-1].text.startswith(PRESS)
    resumed, _ = _session(catalog, evidence)
    [e async for e in resumed.restore(full[:-1])]  # stopped after the dodge, before the interviewer spoke
    assert [t.text for t in resumed.turns] == [t.text for t in full]
    again, clock2 = _session(catalog, evidence)
    [e async for e in again.restore(full)]
    await say(again, clock2, PLATITUDE)
    assert not again.turns[-1].text.startswith(PRESS)  # pressed before the crash: not twice


async def test_saying_one_does_not_know_is_an_answer_not_a_dodge(catalog: Catalog, evidence: MeaningEvidence) -> None:
    """Played (2026-12-04): asked which merchants felt a change, "honestly i'm not sure, we never really looked at
    numbers after launch" was first taken for a pass ("That's fine." and "what changed in numbers?"), then pressed
    with the same question. It is an honest answer: the interviewer asks how it could have been measured."""
    case = Case(id="not-sure", loop="shopify-mle", round="behavioral", question="bh-shipped-for-merchants", expect="",
                missing="", answer="")
    session, clock = make_session(catalog, case, None, evidence)
    [e async for e in session.open()]
    for reply in ("so um at my last job we built a new product tagging model for a marketplace, uh, the team replaced "
                  "the old keyword rules with a fine tuned bert model and it went live for all sellers in march",
                  "i wrote the training pipeline and i picked the label set with the pm, and i ran the shadow test "
                  "myself for two weeks"):
        await say(session, clock, reply)
    assert session.turns[-1].criterion == "product_sense", session.turns[-1]
    await say(session, clock, "honestly i'm not sure, we never really looked at numbers after launch, people just said "
                              "it was better")
    follow_up = session.turns[-1]
    impact = catalog.criterion(catalog.loop("shopify-mle"), "impact")
    assert follow_up.kind is TurnKind.FOLLOW_UP and not follow_up.text.startswith(PRESS), follow_up
    assert follow_up.criterion == "impact" and impact.looking_back is not None
    assert follow_up.text.endswith(impact.looking_back[0].lower() + impact.looking_back[1:]), follow_up.text
