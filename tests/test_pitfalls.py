"""A wrong claim the rubric knows a question invites is challenged, once, with the rubric's own question.

Played blind (2026-12-07, the seventh player, `/tmp/h14`): "most_common already sorts by count and breaks ties
alphabetically", "union-find with path compression is O(n squared) in the worst case", "temperature 0 makes it fully
deterministic on any hardware and batch size", "KS's p-value doesn't depend on sample size" were each left standing,
some with "X, got it." (28 of 111 defects were wrong claims left standing). Main 976db69 had no `pitfalls`.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from test_catalog_validation import CatalogDirs, assert_problems, cat, isolated_config, validate  # noqa: F401
from test_round_session import played

from simulator.catalog import Catalog, load_catalog
from simulator.catalog.models import Question
from simulator.config import PROJECT_ROOT
from simulator.engine.turns import Speaker, TurnKind
from simulator.interview.pitfalls import said_in

TIES = [r"\bmost.?common\b[^.]{0,40}\bties\b[^.,]{0,20}\b(?:alphabetic|lexicographic)"]
DETERMINISTIC = [r"\btemperature (?:of )?0\b.{0,80}\bdeterministic"]
NO_RANDOMNESS = [r"\beval\w*\b.{0,60}\bno (?:randomness|nondeterminism)"]
# Measured 2026-12-07 on the held-out sentences (README): 0.70 of the wrong ones read, 1 of 591 right ones; a regex
# edit that reads fewer claims or challenges more correct candidates fails here
HELD_OUT_CAUGHT, HELD_OUT_FIRED = 0.68, 0.005


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(PROJECT_ROOT / "rubrics", PROJECT_ROOT / "personas")


def _question(catalog: Catalog, question_id: str) -> Question:
    return next(q for loop in catalog.loops.values() for r in loop.rounds for q in r.questions if q.id == question_id)


@pytest.mark.parametrize(("text", "patterns"), [
    ("most_common already sorts by count and breaks ties alphabetically, so that's the required order.", TIES),
    ("so temperature zero makes it fully deterministic on any hardware and batch size", DETERMINISTIC),
    ("Well, in eval mode there's no randomness anyway, because model.eval() turns off dropout.", NO_RANDOMNESS),
])
def test_a_claim_said_is_read(text: str, patterns: list[str]) -> None:
    assert said_in(text, patterns) is not None


@pytest.mark.parametrize(("text", "patterns"), [
    ("Is temperature 0 deterministic on any hardware?", DETERMINISTIC),  # asked, not claimed
    ("Temperature 0 isn't deterministic across batch sizes, because the kernels change.", DETERMINISTIC),
    ("I don't think temperature 0 is deterministic on a GPU.", DETERMINISTIC),
    ("A common mistake is assuming temperature 0 is deterministic.", DETERMINISTIC),
    ("most_common breaks ties by insertion order, so I sort by (-count, query) for the alphabetical order.", TIES),
    ("Even in eval mode there can be randomness from nondeterministic kernels.", NO_RANDOMNESS),
])
def test_a_claim_denied_asked_or_set_apart_is_not(text: str, patterns: list[str]) -> None:
    assert said_in(text, patterns) is None


@pytest.mark.parametrize(("pitfall", "problem"), [
    ("{claim: 'Sorting is O(n).', said: ['\\bsort\\w* is o\\(1\\)'], ask: 'What does a sort cost?'}",
     "pitfalls.0: none of the pitfall's `said` regexes matches its own claim 'Sorting is O(n).'"),
    ("{claim: 'Sorting is O(n).', said: ['\\bsort\\w* is o\\(n\\)'], ask: 'Sorting is O(n log n).'}",
     "pitfalls.0.ask: 'Sorting is O(n log n).' must be one question, ending in its only question mark"),
])
def test_a_broken_pitfall_is_refused_with_its_file_line_and_field(cat: CatalogDirs, pitfall: str, problem: str) -> None:  # noqa: F811
    """A regex that misses its own claim (a typo no team could see otherwise), a challenge that is no one question."""
    line_text = f"        pitfalls: [{pitfall}]"
    text = cat.loop.read_text(encoding="utf-8").replace("        criteria: [correctness]\n", f"        criteria: [correctness]\n{line_text}\n", 1)
    cat.loop.write_text(text, encoding="utf-8")
    line = text.splitlines().index(line_text) + 1
    assert_problems(validate(cat), [f"{cat.loop}:{line}: rounds.1.questions.0.{problem}"])


COUNTER = ("Code: from collections import Counter; def top_k(queries, k): c = Counter(' '.join(q.split()).lower() for q in "
           "queries if q.strip()); return c.most_common(k). most_common already sorts by count and breaks ties alphabetically, "
           "so that's the required order. It's O(n) overall because Counter is a hash map.")


async def test_a_pitfall_played_is_challenged_once(catalog: Catalog) -> None:
    """r28 t5: the tie-order claim drew "You mentioned collections import Counter: which test would you add first?"."""
    ask = _question(catalog, "top-search-queries").pitfalls[0].ask
    turns = await played(catalog, "shopify-mle", "coding", "top-search-queries", COUNTER,
                         "Same as before: most_common breaks ties alphabetically, so the order is right.")
    first = next(i for i, t in enumerate(turns) if t.speaker is Speaker.CANDIDATE)
    challenge = turns[first + 1]
    assert challenge.kind is TurnKind.CLARIFICATION and challenge.text == ask, challenge.text
    assert [t.text for t in turns].count(ask) == 1  # said again, the claim is not challenged twice
    assert turns[-1].speaker is Speaker.INTERVIEWER  # ... and the round goes on


async def test_the_same_claim_on_another_question_is_not_its_pitfall(catalog: Catalog) -> None:
    """A question's pitfalls are its own: the tie claim on the NDCG problem draws no Counter challenge."""
    ask = _question(catalog, "top-search-queries").pitfalls[0].ask
    turns = await played(catalog, "shopify-mle", "coding", "ndcg-at-k", COUNTER)
    assert ask not in [t.text for t in turns]


async def test_a_pitfall_beside_a_question_about_the_problem_gets_both(catalog: Catalog) -> None:
    """The facts asked for first, then the challenge: the question about the log is not lost to it."""
    ask = _question(catalog, "top-search-queries").pitfalls[0].ask
    turns = await played(catalog, "shopify-mle", "coding", "top-search-queries",
                         "most_common already breaks ties alphabetically, so I return it directly. How many queries are in a day's log?")
    reply = turns[-1].text
    assert reply.endswith(ask) and len(reply) > len(ask) + 20, reply


PITFALL_ROUNDS = {"coding", "ml-modeling", "system-design", "case-study", "ml-depth", "recsys-system-design"}


def test_every_question_of_the_technical_rounds_has_a_pitfall(catalog: Catalog) -> None:
    missing = [f"{loop.id}/{r.id}/{q.id}" for loop in catalog.loops.values() for r in loop.rounds if r.id in PITFALL_ROUNDS
               for q in r.questions if not q.pitfalls]
    assert missing == []


def test_no_pitfall_reads_its_own_question_or_the_rubrics_words(catalog: Catalog) -> None:
    """The question's own text, facts, hints and asks say nothing wrong: a pitfall reading them reads too much."""
    read = []
    for loop in catalog.loops.values():
        for r in loop.rounds:
            for q in r.questions:
                texts = [q.text, *q.hints, *(f.text for f in q.facts), *(a.ask for a in (*q.parts, *q.follow_ups)),
                         *(p.ask for p in q.pitfalls)]
                read += [f"{q.id}#{i}: {t}" for i, p in enumerate(q.pitfalls) for t in texts if said_in(t, p.said)]
    assert read == []


HELDOUT = yaml.safe_load((Path(__file__).parent / "data" / "pitfalls_heldout.yaml").read_text(encoding="utf-8"))


def held_out_rates(catalog: Catalog) -> tuple[float, float, int]:
    """The share of held-out wrong sentences read as their claim, the share of right ones read as it, and how many
    pitfalls were measured (`tests/data/pitfalls_heldout.yaml`, written by helpers who never saw the regexes)."""
    by_claim = {(q.id, p.claim): p for loop in catalog.loops.values() for r in loop.rounds for q in r.questions for p in q.pitfalls}
    caught = fired = wrong = right = measured = 0
    for case in HELDOUT:
        pitfall = by_claim.get((case["question"], case["claim"]))
        if pitfall is None:
            continue
        measured += 1
        caught += sum(said_in(s, pitfall.said) is not None for s in case["wrong"])
        fired += sum(said_in(s, pitfall.said) is not None for s in case["right"])
        wrong, right = wrong + len(case["wrong"]), right + len(case["right"])
    return caught / wrong, fired / right, measured


def test_held_out_claims_are_read_and_right_statements_left_alone(catalog: Catalog) -> None:
    caught, fired, measured = held_out_rates(catalog)
    print(f"held out: {measured} pitfalls, wrong read {caught:.2f}, right read {fired:.3f}")
    assert measured == len(HELDOUT)  # every held-out claim is still a pitfall of its question
    assert caught >= HELD_OUT_CAUGHT and fired <= HELD_OUT_FIRED


@pytest.mark.parametrize(("question_id", "said"), [
    ("hm-good-enough-to-ship", "As I said, ship when the A/B is significant at 95 percent, meaning 95 percent chance it's better, plus guardrails hold."),
    ("sd-sidekick-rag", "Filtering on shop_id in a shared HNSW index is airtight: the filter is applied after retrieval, so there's no way for "
                        "another shop's vectors to leak into the top-k."),
    ("cs-semantic-search-decision", "Because we have 3000 searches per second, we can finish the test in one hour, because after one hour we have "
                                    "around 10 million searches and that is enough for significance."),
    ("sql-failed-payment-bursts", "The window is ten minutes so the difference must be at most 10."),
    ("cs-marketing-copy", "If sales go up by any amount with p below 0.05, we've proven it's worth it."),
    ("sd-library-regression", "Okay, I'll go with KS then, because its p-value doesn't depend on sample size, so with millions of logged "
                              "requests it won't give false alarms."),
    ("ml-flaky-eval-in-ci", "Well, in eval mode there's no randomness anyway, because model.eval() turns off dropout and batch norm."),
    ("ml-rag-vs-fine-tuning", "So RAG is when you, uh, retrain the LLM on your documents every night so it, like, knows them. And fine-tuning "
                              "is when you just put the documents in the prompt."),
])
def test_the_seventh_players_wrong_claims_left_standing_are_pitfalls(catalog: Catalog, question_id: str, said: str) -> None:
    """Wrong claims a blind player made (2026-12-07, /tmp/h14: WRONG-LEFT) that no pitfall of the question foresaw; each
    question now has one for it (written from these turns, so this is no held-out figure: the held-out set's rates are
    unchanged, 0.70 read and 1 of 591 right statements, and none of its 42 right statements on these questions fires a
    new one)."""
    assert any(said_in(said, p.said) for p in _question(catalog, question_id).pitfalls)


@pytest.mark.parametrize(("question_id", "said"), [
    ("rs-background-narrative", "We ran a two week A/B test, CTR went up 4 percent relative, p value was 0.3 so we were very confident it was real."),
    ("sd-diffusion-lifecycle", "A/B: split users 50/50 by user id hash, measure download rate, run for two days. If the p-value is under 0.05 at any point during those two days we stop early and ship the winner, that's the efficient way."),
    ("hm-prototype-to-production", "Sure. Prototype to production: a churn model for a subscription app. Only 2% of users churn each month, and we got 98% accuracy, which is really good, so we shipped it. It ran as a nightly batch job in Airflow writing scores to a table the CRM team used."),
    ("ml-bias-variance", "Oh, that was me saying I'm ready. The bias-variance tradeoff: expected test error decomposes into bias squared, variance and irreducible noise. A very flexible model like a deep tree has high bias and underfits, a simple linear model has high variance and overfits; regularization, more data or ensembling move you along the curve."),
    ("ml-research-to-product", "I already picked a paper, focal loss. I guess class weighting, we didn't try it because focal loss is mathematically the same as class weighting with gamma set to the class ratio anyway."),
    ("ml-diffusion-mode-collapse", "oh sorry that was just me saying hi um so for the diffusion thing like the mode collapse i think its because the guidance scale is too low so id crank classifier free guidance up to like twenty and that fixes diversity and for the style drift um id add like a clip loss between the output and the reference image"),
    ("ndcg-at-k", "heapq.nlargest would be O(k) overall instead of O(n log n), since it only looks at k elements."),
    ("linked-accounts", "Sorry, I first want to fix the singleton thing, I forgot to drop groups with one account. Change the last line to: return sorted(sorted(g) for g in groups.values() if len(g) >= 2). Complexity is O(n) time and space for a million pairs because union-find is constant time per operation, even without path compression."),
    ("sd-diffusion-lifecycle", "Honestly I'd push back on weekly model updates. Nobody does weekly updates for diffusion models, it's way too risky; monthly is the industry standard. But fine: model registry in MLflow, every model gets a hash, datasets in DVC, prompts logged with the seed. Diffusion models are deterministic given the prompt, so storing the prompt alone is enough to reproduce any image for support."),
    ("sd-diffusion-lifecycle", "Wait, what do you think about my A/B plan, is stopping early okay in your experience? Safety filters: one prompt classifier before generation, that's enough, since if the prompt is safe the image is safe."),
    ("hm-prototype-to-production", "None, there was no production path. Ok, let me just go to data problems: honestly I don't worry much about them, deep networks are robust to label noise so with enough data noisy labels just average out."),
    ("ml-ab-iou-vs-exports", "ok cool. so the background remover one um i mean point three percent is less than one percent so thats basically noise right so id just ship it and the p ninety five going up by a hundred twenty millis is fine cuz like users dont notice anything under a second"),
    ("ml-ab-iou-vs-exports", "i kinda answered this already like earlier. point three percent is under one percent so its noise and id ship it, latency under a second doesnt matter"),
])  # fmt: skip
def test_the_eighth_players_wrong_claims_left_standing_are_pitfalls(catalog: Catalog, question_id: str, said: str) -> None:
    """Wrong claims an eighth blind player made (2026-12-07, /tmp/h16: WRONG-LEFT) that no pitfall of the question read; each
    question now has one for it (written from these turns, so this is no held-out figure: test_held_out_claims_are_read_
    and_right_statements_left_alone measures the held-out set's rates, unchanged)."""
    assert any(said_in(said, p.said) for p in _question(catalog, question_id).pitfalls)
