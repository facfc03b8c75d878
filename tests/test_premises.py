"""A premise the candidate builds on that gets the scenario's figure wrong is corrected (interview/premises.py).

Played (2026-12-06, fifteen rounds, a helper as the candidate): 12 of 12 wrong claims were left standing. These are
four of them, verbatim; the right premises beside them are the same sentences with the fact's figure.
"""

from __future__ import annotations

import glob
from pathlib import Path

import pytest
from test_round_session import played

from simulator.bench.llm_compare import load_cases
from simulator.catalog import Catalog, load_catalog
from simulator.config import PROJECT_ROOT
from simulator.engine.turns import TurnKind
from simulator.interview.assumptions import CORRECTION
from simulator.interview.premises import wrong_premises

WRONG = [
    ("canva-mle", "system-design", "sd-content-enrichment", "Since new items only have to be tagged within a day of "
     "publishing, I'd actually drop the streaming lane and just run new items through a nightly batch job", "within an hour"),
    ("canva-mle", "system-design", "sd-agentic-brand-workflow", "Because the user wait maximum 5 seconds, I will reduce "
     "candidates from 10 to 4", "about 20 seconds"),
    ("shopify-mle", "system-design", "sd-sidekick-rag", "yeah so given we have like three seconds to first token i'd do "
     "retrieval and tool calls in parallel then stream the answer", "1.5 seconds"),
    ("canva-em-recsys", "ml-depth", "ml-interleaving-vs-ab", "Because A/B test on this surface need only 3 days, interleaving "
     "is not so much needed for big locales.", "two weeks"),
    ("shopify-mle", "case-study", "cs-shop-pay-false-positives", "Ok. Because half of declined buyers retry with another "
     "card, only other half is real loss.", "a third"),
    # a second helper's rounds, the same day: after a first sentence, a comma in a figure, in words, in ms, a count
    ("shopify-mle", "system-design", "sd-shop-search-ranking", "Two-stage retrieval. Since peak is about 30,000 searches a "
     "second, that's roughly 300 nodes, so GPU reranking.", "3,000 searches a second"),
    ("canva-em-recsys", "recsys-system-design", "sd-font-recs", "ok so since the menu has like half a second to show i'd "
     "precompute per brand", "100 ms"),
    ("canva-em-recsys", "ml-depth", "ml-offline-win-online-loss", "With only 1 million users per arm, a 1.8% drop could be "
     "noise.", "10 million users per arm"),
    # a third helper's rounds (2026-12-06): a budget both call "p99", a figure the sentence builds on with "so" or "with",
    # the givens of an estimate
    ("canva-em-recsys", "recsys-system-design", "sd-java-python-aws", "Thanks. Given that we have a 500 ms p99 budget, there's "
     "plenty of headroom, so adding a separate model-serving service with a network hop is basically free.", "150 ms p99"),
    ("shopify-mle", "system-design", "sd-shop-search-ranking", "ok. 300 qps, so cross-encoder on GPU per query is fine. Plan: "
     "two-stage.", "3,000 searches a second"),
    ("shopify-mle", "system-design", "sd-shop-search-ranking", "With 300 searches a second, a GPU cross-encoder is fine.",
     "3,000 searches a second"),
    ("shopify-mle", "system-design", "sd-shop-search-ranking", "Since we have a generous 2 second latency budget, I'd also add a "
     "cross-encoder pass over the top 50.", "200 ms p95"),  # no word shared with the fact: its topic named
    # ... and in words: a team called big that a fact counts at one or three, something denied that a fact counts
    ("canva-mle", "system-design", "sd-prompt-enhancer-attribution", "okay so um since there's a big team on it i think we "
     "can just uh log everything", "One MLE owns the enhancer"),
    ("canva-mle", "system-design", "sd-diffusion-lifecycle", "so um given that we've got a decent sized team i'd start with a "
     "model registry like mlflow", "Two MLEs and a backend engineer"),
    ("shopify-mle", "ml-modeling", "ml-search-ranking-features", "okay so um since we don't really have any human labels here "
     "uh i'd build the label from the logs", "20,000 queries graded by raters"),
    # a fourth helper's rounds (2026-12-06): a count of the same noun, an estimate's product, "At"/"OK so with" openers,
    # money said to be no object, a capacity said to take everything, a settled opposite
    ("canva-mle", "ml-modeling", "ml-content-safety-imbalance", "okay so um since we only have like fifteen hundred harmful "
     "examples i'd uh oversample them pretty heavily", "15,000 are harmful"),
    ("canva-mle", "ml-modeling", "ml-content-safety-imbalance", "right so uh thirty thousand designs a day times one in ten "
     "thousand that's like three harmful designs a day", "30 million designs a day"),
    ("canva-em-recsys", "recsys-system-design", "sd-template-recs", "At 2,000 requests a second, a single ranking service with "
     "a handful of replicas is enough, so I'd keep it simple.", "20,000 requests a second"),
    ("canva-mle", "system-design", "sd-content-safety-at-scale", "OK so with a 2 second budget for the share path, we can just "
     "run the big GPU image classifier inline on every page.", "about 500 ms"),
    ("canva-em-recsys", "ml-depth", "ml-embedding-pipeline-gpus", "and um since budget isn't really a problem we could also just "
     "add more gpus to get under two days", "no budget for more GPUs"),
    ("shopify-mle", "coding", "lru-feature-cache", "since it's going to be multithreaded in the fraud service I added a lock "
     "anyway, so get and put both hold it.", "single-threaded"),
    ("canva-mle", "system-design", "sd-content-safety-at-scale", "Since review can check everything we flag, I'd set the "
     "threshold quite low on the second stage.", "30-person human review team"),
    ("shopify-mle", "coding", "ndcg-at-k", "Since k can never be larger than the list, as you said, the slice is only there for "
     "safety; I don't need any padding logic.", "k can be larger than the list"),
    ("shopify-mle", "case-study", "cs-review-capacity", "okay so since we don't have any budget for more reviewers um i'd focus "
     "on the queue itself", "about $50,000 for extra review staffing"),
    # a fifth helper's rounds (2026-12-06): money named in the budget fact, a small rate, "a few thousand"
    ("shopify-mle", "case-study", "cs-review-capacity", "Since budget isn't a problem here, I'd simply hire enough contractors "
     "to cover all 900 extra orders.", "about $50,000 for extra review staffing"),
    ("shopify-mle", "ml-modeling", "ml-review-capacity-threshold", "since its only like 4 orders a day at peak we could even "
     "review the predictions by hand", "About 2 million orders a day"),
    ("canva-em-recsys", "ml-depth", "ml-offline-win-online-loss", "Since it's only a few thousand users per arm, the 1.8% drop "
     "may just be noise, so I'd first check significance.", "10 million users per arm"),
    ("shopify-mle", "case-study", "cs-shop-pay-false-positives", "Thanks. So the rough cost: 800,000 transactions a day times "
     "0.6% declined is about 4,800 declines a day.", "8 million transactions a day"),
    # ... and less than 1.6 times off where the figure rounds nothing: nine weeks for "about seven weeks away"
    ("shopify-mle", "case-study", "cs-review-capacity", "The rest from contractors: they take four weeks to hire and train, "
     "and since we have nine weeks that's comfortable.", "about seven weeks away"),
    ("shopify-mle", "ml-modeling", "ml-leakage", "Since it's about 120,000 orders a day, a single CPU box does it.",
     "about 80,000 orders a day"),
    # spoken, after an acknowledgement the opener did not know ("cool"), and "so at" in a run
    ("canva-mle", "system-design", "sd-video-bg-remover-serving", "okay cool so um with like eight thousand requests a second "
     "at export peaks i'd uh split the preview path from the export path", "4,000 a second at export peaks"),
    ("canva-mle", "system-design", "sd-video-bg-remover-serving", "right so the pool is fine so at like eight thousand a second "
     "at export peaks we'd need more gpus", "4,000 a second at export peaks"),
    # a figure of the scenario stated as what is, and money said to be no issue (the sixth helper's rounds, 2026-12-06)
    ("canva-em-recsys", "recsys-system-design", "sd-fan-out-latency", "OK. So we have 40 ms for the features inside the 150. "
     "The recent activity service, its p99 is like 1.2 seconds on bad day, so this one is the problem.", "about 120 ms on bad days"),
    ("shopify-mle", "system-design", "sd-ato-latency", "Since there's no budget issue, I'd stand up a graph-store replica in "
     "Europe and Asia-Pacific today and point each region at its local copy.", "no new budget for the incident"),
    # a settled opposite in words: the fifth helper's "binary" against the task's graded labels
    ("shopify-mle", "coding", "ndcg-at-k", "Since relevance is binary here, 2^r - 1 is just r, so I could simplify the gain, "
     "but I kept the general form.", "graded labels"),
    ("shopify-mle", "coding", "ndcg-at-k", "Since relevances here are binary 0/1, I'll use rel directly, it's the same thing.",
     "graded labels"),
    ("shopify-mle", "case-study", "cs-review-capacity", "So the volume doubles, 950 flags becomes 1,900 per day and the team "
     "has 1,000. We have twelve weeks until holidays, so I think we hire contractors.", "weeks"),
    # put on the interviewer, with a comma ("As you said, overtime gives 50% more capacity", played: it never said so)
    ("shopify-mle", "system-design", "sd-shop-search-ranking", "As you said, we only get 300 searches a second at peak, so one "
     "GPU box is enough.", "3,000 searches a second"),
    ("shopify-mle", "system-design", "sd-shop-search-ranking", "like you mentioned we only get 300 searches a second at peak so "
     "one gpu box is enough", "3,000 searches a second"),
    # a change against a fact that states one, and a figure a fact states about something else (played, the same rounds)
    ("shopify-mle", "case-study", "cs-review-capacity", "As you said, overtime gives 50% more capacity, so with overtime we "
     "are at 1,500, and contractors give the rest.", "overtime can add about 20% capacity"),
    ("canva-em-recsys", "recsys-system-design", "sd-shared-platform", "Since the platform can add 100 ms of its own, we can "
     "put a feature service call in the middle without problem.", "should add under 20 ms p99"),
]
RIGHT = [
    ("shopify-mle", "case-study", "cs-review-capacity", "As you said, overtime gives 20% more capacity, so with overtime we "
     "are at 1,200."),
    ("shopify-mle", "system-design", "sd-shop-search-ranking", "As you said, we get 3,000 searches a second at peak, so one GPU "
     "box is not enough."),
    ("canva-mle", "system-design", "sd-content-enrichment", "Since new items have to be tagged within an hour, I'd keep a "
     "streaming lane for them and batch the backfill."),
    ("canva-mle", "system-design", "sd-agentic-brand-workflow", "Because users wait up to 20 seconds, I'd generate 10 candidates "
     "in parallel and give scoring 2 seconds."),
    ("shopify-mle", "system-design", "sd-sidekick-rag", "Since the first token has to come within 1.5 seconds, I'd give "
     "retrieval 300 ms."),
    ("shopify-mle", "ml-modeling", "ml-leakage", "so since the current model is at like point nine five the jump to point "
     "nine nine isnt even that crazy"),  # no unit says what 0.95 counts: nothing to compare
    ("canva-mle", "ml-modeling", "ml-retrieval-recall-vs-saves", "Since about 40% of queries aren't English, I'd slice recall by "
     "language."),  # 60% are: a share is also its complement
    ("canva-em-recsys", "ml-depth", "ml-embedding-pipeline-gpus", "since we don't have budget for more GPUs, I'd add CPU nodes "
     "for decoding"),  # the budget fact says so
    # a denial qualified ("for new queries") may be right; four MLEs and a PM are a small team
    ("shopify-mle", "ml-modeling", "ml-search-ranking-features", "since we don't have labels for new queries, i'd lean on clicks"),
    ("shopify-mle", "ml-modeling", "ml-search-ranking-features", "Because there's a small team, I'd keep the features simple."),
    # an estimate's own figures: per merchant, not the scenario's total; a difference; "a few times" multiplies nothing
    ("shopify-mle", "case-study", "cs-marketing-copy", "Cost per merchant then: a fraction of a cent per generation. A merchant "
     "with 200 products regenerating a few times is still well under a dollar."),
    ("shopify-mle", "case-study", "cs-sidekick-adoption", "So, sizing: with around 2 million active merchants, 3% is 60,000."),
    ("canva-mle", "ml-modeling", "ml-ab-iou-vs-exports", "I'd slice by video length, because 120 ms more at p95 could push "
     "long renders over a client timeout."),
    # a figure rounded, as an estimate rounds: 80,000 to 100,000, 1.5 million to 2 million, seven weeks to ten
    ("shopify-mle", "ml-modeling", "ml-leakage", "Since it's about 100,000 orders a day, a single CPU box scores them all."),
    ("canva-mle", "ml-modeling", "ml-diffusion-mode-collapse", "Since it's about 2 million requests a day, caching helps."),
    ("shopify-mle", "case-study", "cs-review-capacity", "Since we have about 10 weeks, contractors hired now are ready in time."),
    ("shopify-mle", "coding", "ndcg-at-k", "Since relevance is graded here, I kept the 2^r - 1 gain."),
    # stated right, or an estimate's own step, a supposition, the candidate's own plan
    ("canva-em-recsys", "recsys-system-design", "sd-fan-out-latency", "The recent activity service, its p99 is like 120 ms on "
     "bad days, so this one is the problem."),
    ("shopify-mle", "case-study", "cs-review-capacity", "Let's say holiday volume is 2,000 flagged orders a day, so capacity "
     "is short by half."),
    ("shopify-mle", "case-study", "cs-shop-pay-false-positives", "So lost GMV is 0.5% of volume, which is about $40,000 a day."),
    ("canva-em-recsys", "recsys-system-design", "sd-fan-out-latency", "My timeout is 35 ms per call, and the fallback is an "
     "empty history."),
    ("canva-em-recsys", "recsys-system-design", "sd-fan-out-latency", "OK. So we have 40 ms for the features inside the 150."),
]


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(PROJECT_ROOT / "rubrics", PROJECT_ROOT / "personas")


def _question(catalog: Catalog, loop: str, round_id: str, question_id: str):  # type: ignore[no-untyped-def]
    return next(q for q in catalog.loop(loop).round(round_id).questions if q.id == question_id)


@pytest.mark.parametrize(("loop", "round_id", "question_id", "said", "fact"), WRONG)
def test_a_wrong_premise_is_found_with_the_fact_it_gets_wrong(catalog: Catalog, loop: str, round_id: str, question_id: str,
                                                               said: str, fact: str) -> None:
    wrong = wrong_premises(said, _question(catalog, loop, round_id, question_id))
    assert wrong and fact in wrong[0].text, wrong


@pytest.mark.parametrize(("loop", "round_id", "question_id", "said"), RIGHT)
def test_a_right_premise_and_the_design_built_on_it_are_left_alone(catalog: Catalog, loop: str, round_id: str,
                                                                    question_id: str, said: str) -> None:
    assert wrong_premises(said, _question(catalog, loop, round_id, question_id)) == []


def test_no_development_answer_is_corrected(catalog: Catalog) -> None:
    """The 534 answers of the follow-up cases (158 of them with a premise) hold no wrong premise: five were corrected
    when this was first run (arithmetic chains, "two runs a week" read as a week, "as today's" read as per second,
    "point 4%" read as 4%), each mended in premises.py or fact_match.py; so this set was looked at, and is no blind one."""
    corrected = []
    for path in sorted(glob.glob(str(PROJECT_ROOT / "simulator/bench/followup_cases*.yaml"))):
        for case in load_cases(Path(path)):
            if wrong := wrong_premises(case.answer, _question(catalog, case.loop, case.round, case.question)):
                corrected.append((case.id, [fact.text for fact in wrong]))
    assert corrected == []


async def test_the_interviewer_corrects_the_premise_and_names_nothing_from_it(catalog: Catalog) -> None:
    correction, follow_up = (await played(catalog, "canva-mle", "system-design", "sd-agentic-brand-workflow", (
        "Because the user wait maximum 5 seconds, I will reduce candidates from 10 to 4 and use a distilled diffusion "
        "model with few steps. Every tool call have timeout and retry once, and every run write trace with all inputs, "
        "scores and the chosen images, so we can debug later.")))[-2:]
    assert correction.kind is TurnKind.CLARIFICATION and correction.text.startswith(CORRECTION) and "20 seconds" in correction.text
    assert follow_up.kind is TurnKind.FOLLOW_UP and "5 seconds" not in follow_up.text, follow_up.text  # the answer counted
