"""Turns a seventh blind player's rounds (2026-12-07, `/tmp/h14`, played on main 36139f2) showed answered wrong, on the
real rubrics. Each played turn below drew the reply its docstring quotes on 36139f2; the cases marked as guards hold
what must not change."""

from __future__ import annotations

import pytest
from test_round_session import played

from simulator.catalog import Catalog, load_catalog
from simulator.config import PROJECT_ROOT
from simulator.engine.turns import TurnKind
from simulator.interview.anchor import choose_anchor
from simulator.interview.arithmetic import slips
from simulator.interview.clarify import read_turn
from simulator.interview.hidden_tests import NO_RUN
from simulator.interview.terms import term_asked
from simulator.interview.turn_asks import SAID_ALREADY
from simulator.interview.question_phrases import FEEDBACK_AT_THE_END
from simulator.interview.turn_phrases import YOUR_TAKE


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(PROJECT_ROOT / "rubrics", PROJECT_ROOT / "personas")


async def _last(catalog: Catalog, loop_id: str, round_id: str, question_id: str, turn: str) -> tuple[TurnKind, str]:
    turns = await played(catalog, loop_id, round_id, question_id, turn)
    return turns[-1].kind, turns[-1].text


ROADMAP = [  # the played round's turns on "Describe a project where you influenced the roadmap." (r02, seed 121)
    "Um, yeah, so, uh, influencing the roadmap. So at my last company we, uh, we had this recommendation thing for, like, "
    "articles on the homepage, and um, the team was kind of, you know, we were thinking about whether to go to a two-tower "
    "model or keep the, uh, the matrix factorization. And, um, so we ended up doing the two-tower, and it went pretty well "
    "I think, the PM was happy. Uh, yeah.",
    "Uh, numbers, um, I don't remember exactly, I think clicks went up, like, a fair bit? The team did a lot of work on it, "
    "like, our data engineer built the, uh, the feature store stuff and the other ML guy did the training, and the PM, um, "
    "she ran the A/B test. It was a really good team effort, honestly.",
    "Um, I mean, I didn't really, like, convince her, she kind of already wanted it. Sorry, can you, uh, can you rephrase "
    "the question? I'm not totally sure what you're asking.",
    "Oh okay. Um, I guess my part was I, uh, I wrote the doc comparing the two approaches, like, two-tower versus MF, and "
    "I did the offline eval, recall at ten I think. So maybe that's, uh, that's the influence part. Is that what you wanted?",
    "Okay, um, so I'll assume yes. Uh, the offline eval, the two-tower had, like, better recall at ten, I think it was "
    "point three something versus point two something for MF.",
]


@pytest.mark.parametrize("upto", [4, 5])
async def test_an_answer_that_checks_in_or_states_an_assumption_is_followed_up(catalog: Catalog, upto: int) -> None:
    """Both the fourth and the fifth turn drew "That's your call — state your assumption and go on.": "Is that what you
    wanted?" asks whether the answer fits (a check-in, part of the answer), and "so I'll assume yes" states an
    assumption, handing nothing over."""
    turns = await played(catalog, "canva-mle", "hiring-manager", "hm-influenced-roadmap", *ROADMAP[:upto])
    last = max(i for i, t in enumerate(turns) if t.kind is TurnKind.ANSWER)
    said = turns[last + 1:]
    assert said and all(t.kind is not TurnKind.CLARIFICATION for t in said), [t.text for t in said]


async def test_an_assumption_handed_over_is_still_answered(catalog: Catalog) -> None:
    """Guard: "..., right?" after an assumption puts it to the interviewer."""
    kind, said = await _last(catalog, "canva-mle", "system-design", "sd-magic-expand-cost",
                             "I'd assume about 2 million expansions a day, right?")
    assert kind is TurnKind.CLARIFICATION and "9 million" in said, said


async def test_asked_the_interviewers_view_the_candidate_is_asked_for_theirs(catalog: Catalog) -> None:
    """"Can you tell me how you think, is the cache a good idea or no?" drew "That's your call — state your assumption"."""
    kind, said = await _last(catalog, "canva-mle", "system-design", "sd-magic-expand-cost",
                             "I think I am done with this design. Can you tell me how you think, is the cache a good idea or no?")
    assert kind is TurnKind.CLARIFICATION and said == YOUR_TAKE


async def test_a_spoken_request_to_hear_the_question_again_is_not_a_pass(catalog: Catalog) -> None:
    """Spoken, with no question mark: "i havent answered the ambiguous one yet" read as not knowing, and the round went
    on with "That's fine." and a probe about a story never told."""
    question = catalog.loop("canva-mle").round("behavioral")
    text = next(q.text for q in question.questions if q.id == "bh-ambiguity")
    kind, said = await _last(catalog, "canva-mle", "behavioral", "bh-ambiguity",
                             "wait sorry that was still about the ranker story i thought you wanted my part there i havent "
                             "answered the ambiguous one yet can you say the question again")
    assert kind is TurnKind.CLARIFICATION and said == f"Sure, again: {text}"


async def test_the_recruiter_tells_levels_location_and_next_steps(catalog: Catalog) -> None:
    """Each drew "Good question; I'll send you the details in writing after this call." (the three asks read below the
    entries' cosine); since the forty-eighth session the recruiter tells the pay band too (the loop's `pay` entry, said
    in the recruiter screen only)."""
    about = {entry.topic: entry.text for entry in catalog.loop("canva-mle").about}
    _, said = await _last(catalog, "canva-mle", "recruiter-screen", "rs-target-level",
                          "I'm targeting a senior MLE level. Before I go further, could you tell me how Canva's levels map, "
                          "and is this role remote or hybrid out of Sydney?")
    assert about["growth"] in said and about["location"] in said and "in writing" not in said, said
    _, said = await _last(catalog, "canva-mle", "recruiter-screen", "rs-target-level",
                          "Just one last thing: what are the next steps after this screen and how long does the loop usually take?")
    assert said == about["process"]
    _, said = await _last(catalog, "canva-mle", "recruiter-screen", "rs-target-level", "Canada. Toronto. What's the comp range?")
    assert said == about["pay"]


async def test_does_that_cover_it_after_an_answer_is_part_of_it(catalog: Catalog) -> None:
    """"...I never trust an offline gain that doesn't move online. Does that cover it, or did you want a framework?"
    drew "That's your call — tell it the way that shows your own part best."."""
    turns = await played(
        catalog, "shopify-mle", "hiring-manager", "hm-data-problems",
        "A good one: at my last company, a marketplace, I owned the search ranking model, and offline NDCG kept improving "
        "while online conversion was flat. I dug into the training data and found that about 18 percent of our positive "
        "labels were clicks from a bot that crawled our results pages, wait, no, let me correct that, it was 8 percent, 18 "
        "was the share of sessions it touched. The bot clicked the top results, so the model was learning to reinforce "
        "position. I added a bot filter on session features, retrained, and the next A/B test gave plus 1.9 percent conversion.",
        "Honestly I'd push back a little on \"in general\": data problems are mostly specific. But my habit is: before "
        "touching the model, I check the label-generating process, I slice metrics by source, and I never trust an offline "
        "gain that doesn't move online. Does that cover it, or did you want a framework?")
    assert turns[-1].kind is TurnKind.FOLLOW_UP, turns[-1].text


async def test_the_hiring_manager_tells_what_the_role_owns_first(catalog: Catalog) -> None:
    """"What would the person in this role own in the first six months, and how big is the team?" drew "I'll make sure
    you get the details in writing after this round"; the team's size is still passed on (`passed-on`)."""
    success = next(entry.text for entry in catalog.loop("shopify-mle").about if entry.topic == "success")
    _, said = await _last(catalog, "shopify-mle", "hiring-manager", "hm-data-problems",
                          "Can I ask about the team? What would the person in this role own in the first six months, and how "
                          "big is the team?")
    assert said.startswith(success), said


@pytest.mark.parametrize(("question_id", "turn"), [
    ("sd-sidekick-rag", "I think I covered that earlier: router, then tool calls scoped by shop_id, then the LLM with "
                        "streaming. Did you want something different, like the network hops and timeouts?"),
    ("ml-fraud-model-choice", "I think I answered that one already - the credit splitting between correlated features, and "
                              "grouping them. Is there something missing in that answer?"),  # the sixth player's (r07 t11)
])
async def test_told_it_was_answered_the_interviewer_takes_it_and_goes_on(catalog: Catalog, question_id: str, turn: str) -> None:
    """Both drew "That's your call — state your assumption and go on.", and the candidate was left to guess."""
    loop_id, round_id = next((lp.id, r.id) for lp in catalog.loops.values() for r in lp.rounds
                             if any(q.id == question_id for q in r.questions))
    turns = await played(catalog, loop_id, round_id, question_id, turn)
    said = turns[[t.kind for t in turns].index(TurnKind.ANSWER) + 1:]
    assert [t.text for t in said][:1] == [SAID_ALREADY] and said[-1].kind in (TurnKind.FOLLOW_UP, TurnKind.QUESTION), \
        [t.text for t in said]
    assert [t.text for t in turns if t.kind is TurnKind.ANSWER] == [turn]  # what they said again is the answer


def test_a_sum_is_checked_with_its_figures_as_said() -> None:
    """"One million conversations a week is about 100 per second on average" heard "1000000 a week is about 1 a second,
    not 100.": the figure read back as digits, and 1.65 cut to 1."""
    assert slips("Great. One million conversations a week is about 100 per second on average, so 150 at peak is a gentle "
                 "peak, good.") == ["1,000,000 a week is about 1.7 a second, not 100."]


async def test_is_that_the_kind_of_story_after_one_is_part_of_it(catalog: Catalog) -> None:
    """"...complaints about late orders dropped 22 percent over a month. Is that the kind of story you were looking for?"
    drew "That's your call — tell it the way that shows your own part best." ("kind of" is read as a filler, so the
    check-in read "Is that the story you were looking for?")."""
    turns = await played(
        catalog, "shopify-mle", "behavioral", "bh-shipped-for-merchants",
        "Sure. At a food-delivery company I shipped an ETA model that replaced a rules-based estimate. I owned it end to "
        "end: I built the gradient-boosted model on courier GPS pings, restaurant prep-time history and weather, and I "
        "pushed for us to measure the thing users felt, late-order complaints, not just MAE. After launch, MAE went from "
        "9.1 to 6.4 minutes and complaints about late orders dropped 22 percent over a month. Is that the kind of story "
        "you were looking for?")
    assert turns[-1].kind is TurnKind.FOLLOW_UP, turns[-1].text


async def test_a_question_on_remote_disagreements_is_told_the_culture(catalog: Catalog) -> None:
    """"Before the next one, quick question: how does the team here handle disagreements when everyone is remote?"
    drew "I'll make sure you get the details in writing after this round"."""
    culture = next(entry.text for entry in catalog.loop("shopify-mle").about if entry.topic == "culture")
    _, said = await _last(catalog, "shopify-mle", "behavioral", "bh-shipped-for-merchants",
                          "Before the next one, quick question: how does the team here handle disagreements when everyone "
                          "is remote? I've only worked in an office.")
    assert said == culture


async def test_a_coder_who_assumes_their_code_is_right_is_not_told_to_assume(catalog: Catalog) -> None:
    """In a coding round "So did my NDCG look right to you?" and "Okay, I'll assume it's right then. Same code as
    before: ..." both drew "That's your call — state your assumption and go on.". Asked, the interviewer points at the
    hidden tests (none has run here); stated, the assumption is part of the answer."""
    _, said = await _last(catalog, "shopify-mle", "coding", "ndcg-at-k", "So did my NDCG look right to you?")
    assert said == NO_RUN
    turns = await played(catalog, "shopify-mle", "coding", "ndcg-at-k",
                         "Okay, I'll assume it's right then. Same code as before: log2(i + 1) in the denominator, ideal is "
                         "sorted(rels)[:k], return 0.0 when the ideal DCG is zero.")
    assert all("your call" not in t.text for t in turns), [t.text for t in turns]


async def test_done_and_asking_the_time_is_told_it_then_moves_on(catalog: Catalog) -> None:
    """"Okay, that's it from me. How long left?" moved on with "Sure, let's move on." and left the time unsaid. (Said
    first on a question, as here, a pass is offered a smaller piece of it; later in it, the next question.)"""
    turns = await played(catalog, "canva-mle", "system-design", "sd-magic-expand-cost", "Okay, that's it from me. How long left?")
    said = turns[[t.kind for t in turns].index(TurnKind.ANSWER) + 1:]
    assert said[0].kind is TurnKind.CLARIFICATION and said[0].text.endswith("minutes left in this round."), said[0].text
    assert len(said) > 1 and said[-1].kind in (TurnKind.FOLLOW_UP, TurnKind.QUESTION), said[-1].text


async def test_you_tell_me_is_told_what_it_names(catalog: Catalog) -> None:
    """"Latency, no idea. Traffic, no idea. You tell me." read as a pass: "That's fine." and a probe asking the
    candidate for the scale the interviewer was asked to give."""
    question = next(q for q in catalog.loop("canva-mle").round("system-design").questions if q.id == "sd-magic-expand-cost")
    facts = [f.text for f in question.facts if f.topic in ("latency", "scale")]
    kind, said = await _last(catalog, "canva-mle", "system-design", "sd-magic-expand-cost",
                             "Latency, no idea. Traffic, no idea. You tell me.")
    assert kind is TurnKind.CLARIFICATION and all(f in said for f in facts), said


@pytest.mark.parametrize(("question_id", "turn"), [
    ("bh-conflict", "I mean, I think I was right to escalate? He wasn't going to listen to me. What would you have done?"),
    ("cs-semantic-search-decision", "Good point. Yes, I first try cheap baseline: spelling correction and synonyms on BM25, "
                                    "maybe this fix half of the zero results, with one engineer for two weeks. What do you "
                                    "think, is it better to start with this or go directly to semantic? I want to know your "
                                    "opinion as product partner."),
])
def test_asked_for_the_interviewers_view_the_rest_asks_nothing_more(catalog: Catalog, question_id: str, turn: str) -> None:
    """Both drew "I'd rather hear your take: talk me through how you'd approach it. The rest is your call — state your
    assumption and go on.": two canned lines, the second to a part that only asked the same view."""
    question = next(q for lp in catalog.loops.values() for r in lp.rounds for q in r.questions if q.id == question_id)
    clarification = read_turn(turn, question, glossary=catalog.glossary)
    assert clarification is not None and clarification.reply == YOUR_TAKE


def test_are_we_still_on_a_question_is_told_which(catalog: Catalog) -> None:
    """"I just said that: I'd talk to him directly first. Are we still on the conflict one?" drew "That's your call —
    tell it the way that shows your own part best."."""
    question = next(q for q in catalog.loop("canva-mle").round("behavioral").questions if q.id == "bh-conflict")
    clarification = read_turn("I just said that: I'd talk to him directly first. Are we still on the conflict one?", question,
                              glossary=catalog.glossary)
    assert clarification is not None and clarification.reply.endswith(question.text), clarification


@pytest.mark.parametrize(("answer", "not_named"), [
    ("For NDCG, in Python: def ndcg(rels, k): dcg = sum((2**r - 1) / math.log2(i + 1) for i, r in enumerate(rels[:k])); "
     "ideal = sorted(rels)[:k]; idcg = same formula on ideal; return dcg / idcg if idcg else 0.0. Sorting ascending gives "
     "the ideal order.", "idcg"),
    ("Fair, the partition sort makes it n log n per account, so O(n log n) overall; with 40 million a day I'd filter to "
     "failed first, which is probably a few percent, and an index on (account_id, minute) lets SQLite avoid the sort.", "log"),
])
def test_code_and_complexity_in_prose_are_not_named_back(answer: str, not_named: str) -> None:
    """"Idcg else 0.0, got it." and "Log n, got it." opened follow-ups: code written inline and a complexity said in an
    explanation were taken for the answer's most specific phrase."""
    anchor = choose_anchor([answer])
    assert anchor is None or not_named not in anchor.spoken.lower(), anchor


def test_asking_whether_the_answer_is_the_split_wanted_checks_in(catalog: Catalog) -> None:
    """r26 t7: "... I'd tag them separately and not count them. Is that the split you were after?" drew "That's your
    call — state your assumption and go on." (main 976db69); now the answer is followed up as a check-in's is."""
    loop = catalog.loop("canva-mle")
    question = next(q for q in loop.round("ml-modeling").questions if q.id == "ml-llm-hallucination-eval")
    turn = ("Prices, discounts, dates and claims like free shipping hurt, because a user posting unchanged makes a promise "
            "they can't keep. Superlatives like amazing are puffery, I'd tag them separately and not count them. Is that "
            "the split you were after?")
    assert read_turn(turn, question, glossary=catalog.glossary, loop=loop) is None


def test_what_mean_asks_what_the_words_mean() -> None:
    """r04 t19: 'Sorry, what mean "attribute the regression"?' drew "That's your call" (main 976db69)."""
    assert term_asked('Sorry, what mean "attribute the regression"?') == "attribute the regression"
    assert term_asked("what is meaning of canary?") == "canary"


@pytest.mark.parametrize(("turn", "told", "untold"), [
    # r20 t3 asked "What's the daily order volume and the base rate of risky orders?" and heard the volume alone
    ("Before I pick a threshold: what's the number of orders scored each day and the share of them that are fraud?",
     ["2 million orders", "0.4%"], []),
    ("What's the gap between the review capacity and the orders flagged today?", ["1,000 orders a day"], ["0.4%"]),  # one thing
])
def test_what_is_a_and_the_b_asks_for_each(catalog: Catalog, turn: str, told: list[str], untold: list[str]) -> None:
    question = next(q for r in catalog.loop("shopify-mle").rounds for q in r.questions if q.id == "ml-review-capacity-threshold")
    read = read_turn(turn, question, glossary=catalog.glossary, loop=catalog.loop("shopify-mle"))
    said = "" if read is None else read.reply
    assert all(t in said for t in told) and not any(t in said for t in untold), said


@pytest.mark.parametrize("turn", [
    "Two things: how long have we got, and did I say anything wrong so far? Better to know now.",
    "Before the next part, was there anything in that answer you thought was off?",
])
def test_asking_what_was_wrong_hears_where_the_feedback_comes(catalog: Catalog, turn: str) -> None:
    """r14 t16 "how much time is left, and is there anything in my answer you think was wrong?" heard the time alone."""
    question = next(q for r in catalog.loop("canva-mle").rounds for q in r.questions if q.id == "ml-llm-copy-variants")
    read = read_turn(turn, question, glossary=catalog.glossary, loop=catalog.loop("canva-mle"))
    assert read is not None and FEEDBACK_AT_THE_END in read.reply_at(1800.0, None, catalog.loop("canva-mle"), "ml-modeling"), read


async def test_still_not_knowing_the_algorithm_after_a_hint_gets_the_next_hint(catalog: Catalog) -> None:
    """r16 t7 "...But I still don't know which algorithm to use." after the first hint drew a follow-up on extending the
    (unwritten) solution; the question's second hint names the technique."""
    turns = await played(catalog, "shopify-mle", "coding", "linked-accounts",
                         "Could I have a hint? I'm not sure how to group them.",
                         "Okay, so I'd test a chain where the first and last accounts share nothing directly. I still can't "
                         "figure out what algorithm fits though.")
    assert turns[-1].kind is TurnKind.CLARIFICATION and "union-find" in turns[-1].text, turns[-1].text


@pytest.mark.parametrize("turn", ["Could I have a hint? I'm not sure how to group them.", "No idea honestly, can you give me a hint?"])
async def test_not_knowing_and_asking_for_a_hint_gets_the_hint(catalog: Catalog, turn: str) -> None:
    """Read as a pass, "Could I have a hint? I'm not sure how to group them." drew "That's all right; let's take a
    smaller piece of it first." and a follow-up; the question's first hint is the answer."""
    turns = await played(catalog, "shopify-mle", "coding", "linked-accounts", turn)
    assert turns[-1].kind is TurnKind.CLARIFICATION and turns[-1].text.startswith("Here's a hint: Treat each pair"), turns[-1].text


async def test_not_yet_answered_the_question_asks_for_the_bank_question(catalog: Catalog) -> None:
    """r05 t12 "...i havent answered the ambiguous one yet can you say the question again" heard the last follow-up."""
    question = next(q for r in catalog.loop("canva-mle").rounds for q in r.questions if q.id == "bh-ambiguity")
    turns = await played(catalog, "canva-mle", "behavioral", "bh-ambiguity",
                         "Sure. On my last team we had a recommender for templates and I rewrote the ranking features, which "
                         "took about three weeks and the click rate went up a bit.",
                         "Hold on, I don't think I've actually answered that question yet. Could you repeat it?")
    assert turns[-1].kind is TurnKind.CLARIFICATION and question.text in turns[-1].text, turns[-1].text


DATA_PROBLEM = [  # the played round's turns on "How do you think about data problems? Tell me about one you ran into." (r07)
    "A good one: at my last company, a marketplace, I owned the search ranking model, and offline NDCG kept improving while online conversion was flat. I dug into the training data and found that about 18 percent of our positive labels were clicks from a bot that crawled our results pages, wait, no, let me correct that, it was 8 percent, 18 was the share of sessions it touched. The bot clicked the top results, so the model was learning to reinforce position. I added a bot filter on session features, retrained, and the next A/B test gave plus 1.9 percent conversion.",
    "Honestly I'd push back a little on \"in general\": data problems are mostly specific. But my habit is: before touching the model, I check the label-generating process, I slice metrics by source, and I never trust an offline gain that doesn't move online. Does that cover it, or did you want a framework?",
]


async def test_after_a_check_in_is_answered_the_follow_up_does_not_acknowledge_again(catalog: Catalog) -> None:
    """After "Yes, that's the kind of thing I'm after." the follow-up said "The label-generating process, got it. How did
    you explain...?" (replayed on 8ec80dd, 2026-12-07): two acknowledgements in a row. The question stands alone."""
    turns = await played(catalog, "shopify-mle", "hiring-manager", "hm-data-problems", *DATA_PROBLEM)
    assert [t.source for t in turns[-2:]] == ["check-in", "canned"], [t.text for t in turns[-2:]]
    assert turns[-1].kind is TurnKind.FOLLOW_UP and ", got it." not in turns[-1].text, turns[-1].text
