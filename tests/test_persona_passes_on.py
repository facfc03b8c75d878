"""A question about the job that no rubric fact answers is passed on in the persona's own words: a recruiter cannot say
"That's a good one to take to the recruiter after this round" (played blind, 2026-12-06: Maya "from the recruiting team"
said it twice in one screen)."""

from __future__ import annotations

import pytest
from test_round_session import catalog, played  # noqa: F401 - the module-scoped catalog fixture

from simulator.catalog import Catalog
from simulator.engine.turns import TurnKind
from simulator.interview.asks import Clarification
from simulator.interview.job_phrases import AFTER_THE_ROUND, PASSED_ON

TEAM = "How big is the team I'd be joining, and who would I work with most closely?"


@pytest.mark.parametrize(("loop", "round_id"), [("canva-em-recsys", "recruiter-screen"), ("shopify-mle", "recruiter-screen")])
async def test_a_recruiter_passes_a_job_question_on_in_its_own_words(catalog: Catalog, loop: str, round_id: str) -> None:
    rnd = catalog.loop(loop).round(round_id)
    persona = catalog.personas[rnd.persona]
    turns = await played(catalog, loop, round_id, rnd.questions[0].id, TEAM)
    reply = turns[-1]
    assert persona.passes_on and reply.kind is TurnKind.CLARIFICATION
    assert reply.text == persona.passes_on and "recruiter" not in reply.text.lower()


async def test_an_interviewer_without_its_own_words_still_takes_it_to_the_recruiter(catalog: Catalog) -> None:
    rnd = catalog.loop("shopify-mle").round("hiring-manager")
    assert catalog.personas[rnd.persona].passes_on is None
    turns = await played(catalog, "shopify-mle", "hiring-manager", rnd.questions[0].id, TEAM)
    assert turns[-1].kind is TurnKind.CLARIFICATION and turns[-1].text == AFTER_THE_ROUND


def test_the_persona_line_replaces_both_deferrals_once_and_keeps_the_facts() -> None:
    line = "I'll follow up in writing."
    for said in (f"A team of five. {AFTER_THE_ROUND}", f"A team of five. {PASSED_ON}", f"A team of five. {PASSED_ON} {AFTER_THE_ROUND}"):
        clarification = Clarification(asks=(), also_answer=False, reply=said)
        assert clarification.reply_at(600.0, line) == f"A team of five. {line}"
        assert clarification.reply_at(600.0) == said
