"""A coding round's second problem: asked when the candidate goes to it, and its code run against its own tests.

Played blind (2026-12-07, the eighth player's Shopify coding round): "...How much time do we have left, and should I
move on to the next problem?" heard the time and "I'll make sure you get the details in writing after this round";
"...Let me go to the fraud rings one. I'll use union-find over accounts..." drew "Union-find, got it." and a question
on NDCG; `def fraud_rings(pairs)` was then run against NDCG's hidden tests (0/4, TypeErrors) three times, and the
rings problem came at last with a follow-up in the same breath.
"""

from __future__ import annotations

import pytest
from test_round_session import answer, round_on

from simulator.catalog import Catalog, load_catalog
from simulator.config import PROJECT_ROOT
from simulator.engine.turns import Speaker, TurnKind
from simulator.interview.headless import play_answers
from simulator.interview.headless_code import _named
from simulator.interview.named_question import coded_for, goes_to

NDCG_PLAN = ("I'd compute DCG over the top k with the log2 discount, then divide by the ideal DCG from sorting relevances "
             "descending; k of zero or no relevant items returns zero.")
GOES_TO_RINGS = ("Ok, so staying with it: I think NDCG is done unless you want more. Let me go to the fraud rings one. I'll use "
                 "union-find over accounts, joining accounts that share an instrument.")
RINGS = """def fraud_rings(pairs):
    parent = {}
    def find(x):
        while parent[x] != x:
            x = parent[x]
        return x
    first = {}
    for a, ins in pairs:
        parent.setdefault(a, a)
        if ins in first:
            parent[find(a)] = find(first[ins])
        else:
            first[ins] = a
    groups = {}
    for a in parent:
        groups.setdefault(find(a), []).append(a)
    return sorted(sorted(g) for g in groups.values() if len(g) > 1)"""


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(PROJECT_ROOT / "rubrics", PROJECT_ROOT / "personas")


def _session(catalog: Catalog):
    """NDCG open, the sessionize problem next in the queue and the linked accounts (fraud rings) after it."""
    session, clock = round_on(catalog, "shopify-mle", "coding", "ndcg-at-k", [])
    session.engine.fix_order(["ndcg-at-k", "sessionize-events", "linked-accounts"])
    return session, clock


async def test_asking_the_time_and_whether_to_move_on_is_told_both(catalog: Catalog) -> None:
    session, clock = _session(catalog)
    [e async for e in session.open()]
    for text in (NDCG_PLAN, "It's one helper called on both lists. How much time do we have left, and should I move on to the next problem?"):
        await answer(session, clock, text)
    after = [t for t in session.turns if t.speaker is Speaker.INTERVIEWER][-3:]
    assert after[0].kind is TurnKind.CLARIFICATION and "minutes left" in after[0].text and "in writing" not in after[0].text
    assert after[1].text == "Sure, let's move on." and after[2].kind is TurnKind.QUESTION and after[2].question_id == "sessionize-events"


@pytest.mark.parametrize("turn", [GOES_TO_RINGS, "Let me go to the fraud rings one.", "Can we switch to the fraud rings problem?"])
async def test_going_to_a_problem_by_its_words_asks_that_one_and_no_follow_up_before_its_code(catalog: Catalog, turn: str) -> None:
    session, clock = _session(catalog)
    [e async for e in session.open()]
    for text in (NDCG_PLAN, turn):
        await answer(session, clock, text)
    last = session.turns[-1]
    assert last.kind is TurnKind.QUESTION and last.question_id == "linked-accounts", [t.text[:80] for t in session.turns]
    assert last.text.startswith("You've already started on my next question:") == (turn == GOES_TO_RINGS)
    assert session.turns[-2].text == "Sure, let's move on."
    assert turn not in session.engine.answers("ndcg-at-k") or turn != GOES_TO_RINGS  # the plan is kept for the rings
    assert session.engine.answers("linked-accounts") == ([GOES_TO_RINGS] if turn == GOES_TO_RINGS else [])


async def test_the_second_problems_code_runs_against_its_own_tests(catalog: Catalog) -> None:
    session, clock = _session(catalog)
    [e async for e in session.open()]
    await play_answers(session, clock, [NDCG_PLAN, GOES_TO_RINGS, RINGS])
    runs = [t.text for t in session.turns if t.kind is TurnKind.NOTICE and t.text.startswith("Hidden test results")]
    assert runs == [runs[0]] and runs[0].startswith("Hidden test results: 4/4") and "test_linked_" in runs[0], runs


def test_code_named_for_another_problem_of_the_round_is_that_problems(catalog: Catalog) -> None:
    """By its name's words, spoken only by the round's other problem ("fraud rings" beside NDCG); a one-word name
    ("solve") may be anyone's and still answers for the open problem."""
    coding = catalog.loop("shopify-mle").round("coding")
    ndcg, sessions, rings = (next(q for q in coding.questions if q.id == qid) for qid in ("ndcg-at-k", "sessionize-events", "linked-accounts"))
    assert coded_for("def fraud_rings(pairs):\n    return []", ndcg, [sessions, rings]) is rings
    assert coded_for("def solve(rels, k):\n    return 0.0", ndcg, [sessions, rings]) is None
    assert _named("def solve(rels, k):\n    return 0.0", "ndcg_at_k", {"linked_accounts"}).endswith("ndcg_at_k = solve\n")
    assert coded_for("def ndcg(rels, k):\n    return 0.0", ndcg, [sessions, rings]) is None


def test_a_question_is_gone_to_only_by_words_that_name_one_question_not_yet_asked(catalog: Catalog) -> None:
    coding = catalog.loop("shopify-mle").round("coding")
    ndcg, sessions, rings = (next(q for q in coding.questions if q.id == qid) for qid in ("ndcg-at-k", "sessionize-events", "linked-accounts"))
    assert goes_to("Let me go to the fraud rings one.", ndcg, [sessions, rings]) is rings
    assert goes_to("Let me go to the next one.", ndcg, [sessions, rings]) is None  # no question's words: the queue's next
    assert goes_to("Let me go to the NDCG one.", sessions, [ndcg, rings]) is ndcg
    assert goes_to("I'll go with the union-find one.", ndcg, [sessions]) is None  # not a question the round will ask
    assert goes_to("We did the fraud rings one at my last job, it was fine.", ndcg, [sessions, rings]) is None  # told, not gone to


async def test_the_second_problems_failing_run_is_asked_about_not_a_pressed_probe(catalog: Catalog) -> None:
    """After the rings code failed two hidden tests, the reply was "Let me come back to what I asked. How would you
    structure it so analysts could also link accounts on shipping address later?": the failing-run question had been
    asked on NDCG, and a reply that is code was pressed as if it talked round the probe."""
    session, clock = _session(catalog)
    [e async for e in session.open()]
    broken_ndcg = "def ndcg_at_k(rels, k):\n    return 1 / 0"
    singletons = RINGS.replace(" if len(g) > 1", "")
    await play_answers(session, clock, [NDCG_PLAN, broken_ndcg, GOES_TO_RINGS, singletons])
    runs = [t for t in session.turns if t.kind is TurnKind.NOTICE and t.text.startswith("Hidden test results")]
    assert len(runs) == 2 and "test_linked_" in runs[1].text and not runs[1].text.startswith("Hidden test results: 4/4"), runs
    reply = next(t for t in session.turns if t.index > runs[1].index and t.speaker is Speaker.INTERVIEWER)
    failing = catalog.criterion(session.loop, "correctness").after_failing_run
    assert reply.kind is TurnKind.FOLLOW_UP and reply.text.endswith(failing) and "come back" not in reply.text, reply.text


NET_REVENUE = """def net_revenue(orders, refunds):
    amt = {}
    merch = {}
    for oid, mid, a in orders:
        if a is None:
            continue
        amt[oid] = a
        merch[oid] = mid
    for oid, r in refunds:
        if oid in amt:
            amt[oid] -= min(r, amt[oid])
    out = {}
    for oid, a in amt.items():
        out[merch[oid]] = out.get(merch[oid], 0) + a
    return out"""


async def test_code_for_the_next_problem_pasted_unannounced_moves_to_that_problem(catalog: Catalog) -> None:
    """Played blind (2026-12-07, the eighth player's second coding round): `def net_revenue(orders, refunds)` pasted while
    the ECE problem was open drew "We'll come to that next." and the ECE follow-up again; the net revenue problem came
    later with a follow-up in the same breath."""
    session, clock = round_on(catalog, "shopify-mle", "coding", "expected-calibration-error", [])
    session.engine.fix_order(["expected-calibration-error", "net-revenue-join", "linked-accounts"])
    [e async for e in session.open()]
    for text in ("I'd bucket each probability into one of the bins, keep count, sum of confidences and sum of labels per bin, then "
                 "weight each bin's gap by its share of the samples.", NET_REVENUE):
        await answer(session, clock, text)
    after = [t for t in session.turns if t.index > max(t.index for t in session.turns if t.speaker is Speaker.CANDIDATE)]
    assert [t.kind for t in after] == [TurnKind.NOTICE, TurnKind.QUESTION] and after[1].question_id == "net-revenue-join", after
    assert "come to that next" not in " ".join(t.text for t in after)
