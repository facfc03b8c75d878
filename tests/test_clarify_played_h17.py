"""Turns a ninth blind player's rounds (2026-12-08, `/tmp/h17`, played on main 3f7a062) showed answered wrong; each
played turn below drew the reply its test's docstring quotes there."""

from __future__ import annotations

from test_round_session import played

from simulator.catalog import load_catalog
from simulator.config import PROJECT_ROOT
from simulator.engine.turns import TurnKind
from simulator.interview.anchor import phrases
from simulator.interview.arithmetic import slips
from simulator.interview.moving_on import asks_to_move_on


def test_done_next_one_please_and_i_am_finished_move_on() -> None:
    """"Done, next one please." drew another follow-up ("Client timeout events, got it. ..."); "I am finished, thank
    you." (a non-native speaker's "that's all") drew "Text classifier, got it." and a new follow-up."""
    assert asks_to_move_on("Done, next one please.") and asks_to_move_on("I am finished, thank you.")
    assert not asks_to_move_on("The next one, please, is the harder part of the pipeline where we retrain daily and compare.")


def test_a_count_said_as_a_share_of_another_is_checked() -> None:
    """"30,000 of 1 million is 30%, isn't that few?" went unremarked, and "doubling gives 60%" was built on it."""
    assert slips("30,000 of 1 million is 30%, isn't that few?") == ["30,000 of 1 million is about 3%, not 30%."]
    assert slips("30,000 merchants out of 1 million merchants is 3%.") == []


def test_one_in_so_many_is_named_whole() -> None:
    """"...only 1 in 10,000 positive..." was named back as "10,000 positive, got it."."""
    found = [p.text for p in phrases("Only 1 in 10,000 positive, so accuracy at 99.99% shows the model is excellent.")]
    assert "1 in 10,000 positive" in found, found


async def test_an_answer_that_ends_asking_for_a_hint_gets_one() -> None:
    """"A harmful design going public is maybe 100 times worse than a false block, so I'd set the cost ratio 100:1 and
    choose the threshold that minimises expected cost... Can I get a hint on what you're looking for in the reporting
    part?" drew "That's your call — state your assumption and go on."."""
    catalog = load_catalog(PROJECT_ROOT / "rubrics", PROJECT_ROOT / "personas")
    turns = await played(catalog, "canva-mle", "ml-modeling", "ml-content-safety-imbalance", "A harmful design going public is maybe 100 "
                         "times worse than a false block, so I'd set the cost ratio 100:1 and choose the threshold that minimises expected "
                         "cost, with an appeal path for false blocks. Can I get a hint on what you're looking for in the reporting part?")
    reply = turns[-1]
    assert reply.kind is TurnKind.CLARIFICATION and reply.text.startswith("Here's a hint:") and "your call" not in reply.text, reply.text
