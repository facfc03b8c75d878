"""The follow-up's anchor: a phrase the candidate said, cut cleanly and sayable by the interviewer."""

from __future__ import annotations

from simulator.engine.guard import safe_phrase
from simulator.interview.anchor import choose_anchor, phrases


def test_a_phrase_the_interviewer_may_not_say_gives_way_to_the_next_best() -> None:
    """Played (held-out follow-up case): the best phrase was "the similarity-score distribution shifts", which the
    guard refuses (score talk), and the follow-up went out with no anchor at all."""
    answer = ("Rerank the top 300 per type with LightGBM. Alert if the similarity-score distribution shifts, "
              "paging the recs on-call.")
    unchecked = choose_anchor([answer])
    assert unchecked is not None and not safe_phrase(unchecked.spoken)
    anchor = choose_anchor([answer], sayable=safe_phrase)
    assert anchor is not None and safe_phrase(anchor.spoken)


def test_a_phrase_never_runs_through_a_negated_verb() -> None:
    """Was: "alone can't hold 300" from "prompting alone can't hold 300 pages"."""
    found = [p.text for p in phrases("Prompting alone can't hold 300 pages of policy, so I'd use retrieval.")]
    assert not any("can't" in text for text in found)
    assert "300 pages" in found


def test_a_bare_verb_after_a_plural_noun_is_the_verb() -> None:
    """"the feature store" is one noun; in "merchant messages reach the model", "reach" is the verb."""
    found = [p.text for p in phrases("Merchant messages reach the model only as quoted data, and the feature store keeps them.")]
    assert "Merchant messages" in found and not any("reach" in text for text in found)
    assert "the feature store" in found


def test_speech_without_apostrophes_or_commas_is_cut_into_phrases() -> None:
    """Held-out follow-up cases, as Whisper writes speech: "id try focal loss" was named as a phrase ("I'd" lost its
    apostrophe), and "bank holiday calendars processor batch times" ran two list items together."""
    found = [p.text for p in phrases(
        "so um id downsample negatives and id try focal loss with gamma around two then the team built a gradient "
        "boosted model on bank holiday calendars processor batch times and past settlement delays per bank and its "
        "about one and a half seconds twenty languages")]
    assert not any(text.split()[0] == "id" for text in found)
    assert "focal loss" in found and "bank holiday calendars" in found and "processor batch times" in found
    assert not any("twenty" in text or "half" in text for text in found)
    assert "the merchant id" in [p.text for p in phrases("we keyed the cache on the merchant id and the template id.")]
