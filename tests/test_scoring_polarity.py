"""How far a wish reaches: what is only wished for stays apart from what was then done."""

from __future__ import annotations

from simulator.scoring.meaning.clauses import Polarity, split_clauses


def _polarities(text: str, story: bool = True) -> list[tuple[str, Polarity]]:
    return [(c.text, c.polarity) for c in split_clauses(text, story=story)]


def test_a_choice_told_after_the_options_is_something_done() -> None:
    read = _polarities("We could have cached answers or distilled, and I chose distillation since quality dropped "
                       "only one point on our eval set while cost was halved.")
    assert read[0][1] is Polarity.UNREALISED, read
    assert [p for _, p in read[1:]] == [Polarity.AFFIRMED] * (len(read) - 1), read


def test_a_wish_still_covers_the_rest_of_its_sentence() -> None:
    read = _polarities("Ideally you'd shadow it first, then ramp it with automatic rollbacks on the error rate.")
    assert [p for _, p in read] == [Polarity.UNREALISED] * len(read), read


def test_what_was_then_done_ends_a_missed_plan() -> None:
    read = _polarities("We never got around to a proper root cause; we rolled back and moved on.")
    assert read[0][1] is Polarity.UNREALISED and read[-1][1] is Polarity.AFFIRMED, read


def test_a_hoped_for_or_aimed_for_result_is_not_one_reached() -> None:
    """"We hoped to cut latency by 50%" read as a measured result before: a target told is not a result."""
    for said in ("We hoped to cut latency by 50%.", "The goal was to cut latency by half."):
        assert [p for _, p in _polarities(said)] == [Polarity.UNREALISED], said
    read = _polarities("The goal was to cut latency by half, and we got it down by 40%.")
    assert read[0][1] is Polarity.UNREALISED and read[-1][1] is Polarity.AFFIRMED, read


def test_my_call_and_my_part_say_who_acted() -> None:
    """"It was my call to drop the second model" read as nobody's decision, so ownership's "a decision the candidate
    made" (its actor must be the candidate) could never fire on it."""
    for said in ("It was my call to drop the second model and ship the simple one.", "My part was the features."):
        assert split_clauses(said, story=True)[0].subject == "self", said
    assert split_clauses("My team built the serving side.", story=True)[0].subject == "team"


def test_in_a_story_what_is_still_to_come_is_not_done() -> None:
    """Before evidence-2.9 "Next quarter I plan to add drift monitoring with alerts" read monitoring 3 in a story about a
    shipped model, and "once it launches we will run an A/B test and we expect a lift of 3%" read impact 3."""
    for said in ("Next quarter I plan to add drift monitoring with alerts on the feature distributions.",
                 "Once it launches we will run an A/B test.", "We're going to add a kill switch.",
                 "I'll set up alerts on calibration after the migration."):
        assert [p for _, p in _polarities(said)] == [Polarity.UNREALISED], said
        assert Polarity.UNREALISED not in [p for _, p in _polarities(said, story=False)], said  # a design's plan is its answer


def test_a_story_told_in_time_words_is_still_done() -> None:
    for said in ("Misrouted tickets fell from 14% to 6% over the next month.", "It shipped the next quarter.",
                 "Sure, so I'll tell you about the layout model I owned.", "Our PM wanted the whole next quarter on the feed."):
        assert Polarity.UNREALISED not in [p for _, p in _polarities(said)], said


def test_what_was_done_meanwhile_ends_the_plan() -> None:
    read = _polarities("the upstream fix was on another team's backlog for next quarter so um in the meantime i wrote a "
                       "mapping in our feature job that links an exchange back to the original order")
    assert read[0][1] is Polarity.UNREALISED and read[-1][1] is Polarity.AFFIRMED, read
