"""Code in a headless coding answer runs against the hidden tests, as the app's coding panel runs it (headless_code.py).

Played (2026-12-05): three coding rounds through `interview-sim run` with complete, working code read correctness
"insufficient evidence": only the app ran the hidden tests.
"""

from __future__ import annotations

import pytest
from test_round_session import round_on

from simulator.catalog import Catalog, load_catalog
from simulator.config import PROJECT_ROOT
from simulator.engine.turns import TurnKind
from simulator.interview.headless import play_answers
from simulator.interview.headless_code import _named, code_in

NDCG = """import math

def ndcg_at_k(relevances, k):
    if k <= 0 or not relevances:
        return 0.0
    def dcg(rels):
        return sum((2 ** r - 1) / math.log2(i + 2) for i, r in enumerate(rels[:k]))
    ideal = dcg(sorted(relevances, reverse=True))
    if ideal == 0:
        return 0.0
    return dcg(relevances) / ideal"""


def test_the_code_of_an_answer_is_what_opens_as_code_up_to_the_prose_after_it() -> None:
    said = f"Here is my solution, sorting once for the ideal order.\n{NDCG}\nIt runs in O(n log n) for the sort."
    assert code_in(said, sql=False) == NDCG
    assert code_in("I'd sort the list and divide by the ideal DCG.", sql=False) is None
    query = "The query:\nselect s.name, sum(o.total) as gmv\nfrom shops s join orders o on o.shop_id = s.id\ngroup by s.name;\nThen..."
    assert code_in(query, sql=True) == "select s.name, sum(o.total) as gmv\nfrom shops s join orders o on o.shop_id = s.id\ngroup by s.name;"
    # Played (2026-12-06): code indented inside prose never ran; the fix after "That's the bug" is what is stood by.
    indented = "\n".join("    " + line for line in NDCG.split("\n"))
    buggy = "    def ndcg(relevances):\n        return 1.0"
    assert code_in(f"Here's the code:\n{buggy}\nThat's the bug; fixed:\n{indented}\nDone.", sql=False) == NDCG


def test_a_lone_class_beside_a_functions_problem_is_not_run_as_its_answer() -> None:
    """Played (2026-12-06): "For a live stream I'd make it a small class..." ran as the answer to a function's problem
    and was told 0/5 hidden tests passed; a lone function under another name still answers for a function's problem,
    a lone class for a class's."""
    stream = "class WindowFlagger:\n    def add(self, t):\n        return False"
    assert _named(stream, "earliest_flag_minute", set()) is None
    assert _named("def flag(ts, k, w):\n    return -1", "earliest_flag_minute", set()).endswith("earliest_flag_minute = flag\n")
    assert _named("class Board:\n    pass", "RiskScoreboard", set()).endswith("RiskScoreboard = Board\n")


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(PROJECT_ROOT / "rubrics", PROJECT_ROOT / "personas")


@pytest.mark.parametrize("name", ["ndcg_at_k", "ndcg"])  # under another name, a lone function answers for the entrypoint
async def test_code_in_an_answer_is_run_and_its_result_said_after_it(catalog: Catalog, name: str) -> None:
    """The answer, then its run, then the reply: said before the answer, the result read as a run of code not yet given
    (played blind, 2026-12-07: flagged in every coding round by two players)."""
    session, clock = round_on(catalog, "shopify-mle", "coding", "ndcg-at-k", [])
    [e async for e in session.open()]
    code = NDCG.replace("def ndcg_at_k(", f"def {name}(")
    await play_answers(session, clock, [f"Here's my solution:\n{code}", "I'd add a test for an empty list first."])
    notices = [t for t in session.turns if t.kind is TurnKind.NOTICE and t.text.startswith("Hidden test results")]
    assert notices and notices[0].text.startswith("Hidden test results: 4/4 hidden tests passed."), notices
    answered = [t for t in session.turns if t.kind is TurnKind.ANSWER]
    assert answered[0].text.endswith(code) and answered[0].index < notices[0].index  # the answer, then its run
    replies = [t for t in session.turns if t.speaker.value == "interviewer" and t.index > answered[0].index]
    assert replies and replies[0].index == notices[0].index  # said before the interviewer's reply
    assert len(notices) == 1  # prose alone runs nothing


async def test_code_for_another_problem_of_the_round_is_not_run_against_this_ones_tests(catalog: Catalog) -> None:
    """Played (thirty-fourth session): a candidate who jumped ahead posted `top_k_queries` while the ECE problem was open;
    its run against the ECE tests turned 2/5 into 0/5. Code of another problem's entrypoint, or named like it, runs nothing."""
    session, clock = round_on(catalog, "shopify-mle", "coding", "expected-calibration-error", [])
    [e async for e in session.open()]
    jumped = ("from collections import Counter\n\ndef top_k_queries(queries, k):\n    counts = Counter(q.lower() for q in queries)\n"
              "    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:k]")
    await play_answers(session, clock, [f"For the next one:\n{jumped}"])
    assert not [t for t in session.turns if t.kind is TurnKind.NOTICE and t.text.startswith("Hidden test results")]
