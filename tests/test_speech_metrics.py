"""Delivery metrics, the end-of-turn rule and vocabulary helpers (pure functions, no model)."""

from __future__ import annotations

import pytest

from simulator.catalog import Catalog, Loop, Round
from simulator.config import STTSettings
from simulator.engine.turns import Speaker, Turn, TurnKind
from simulator.speech.metrics import count_fillers, delivery_metrics, length_check, talk_ratio
from simulator.speech.models import Word
from simulator.speech.turn_policy import EndOfTurnPolicy
from simulator.speech.vocabulary import (
    BASE_ML_VOCABULARY,
    DRAFT_TERMS,
    build_prompt,
    contains_term,
    everyday_word,
    find_round,
    is_rare_term,
    round_vocabulary,
    whisper_prompt,
)

FILLERS = STTSettings().fillers


def words(spec: list[tuple[str, float, float]]) -> list[Word]:
    return [Word(w=w, start=s, end=e) for w, s, e in spec]


def test_fillers_single_multi_word_and_variants() -> None:
    said = "Umm, so you know, I, uh, sort of like basically tuned it. You know?".split()
    # umm, you know, uh, sort of, like, basically, You know
    assert count_fillers(said, FILLERS) == 7
    assert count_fillers("you know what I mean".split(), ["you know", "i mean"]) == 2
    assert count_fillers("known unknowns".split(), ["you know"]) == 0


def test_like_and_kind_of_count_only_as_hedges() -> None:
    def n(text: str) -> int:
        return count_fillers(text.split(), FILLERS)

    assert n("I would like to talk about the ranker.") == 0
    assert n("We'd like to ship it, it looks like a cache, something like that.") == 0
    assert n("Models like BERT were too slow.") == 0
    assert n("What kind of model? A sort of ensemble.") == 0
    assert n("It was, like, really slow.") == 1
    assert n("Like, we shipped it anyway.") == 1
    assert n("it was like um two weeks") == 2  # like beside another filler, and um
    assert n("It's kind of slow and sort of flaky.") == 2


def test_delivery_metrics_from_word_times() -> None:
    ws = words([("So,", 1.5, 1.8), ("um,", 1.9, 2.2), ("we", 2.3, 2.5), ("shipped", 5.0, 5.4), ("it.", 5.5, 13.5)])
    m = delivery_metrics(ws, FILLERS)
    assert m.time_to_first_word_s == 1.5
    assert m.duration_s == 12.0 and m.words == 5 and m.wpm == 25.0
    assert m.filler_count == 1 and m.fillers_per_min == 5.0
    assert m.pauses_over_2s == 1 and m.longest_pause_s == 2.5
    assert delivery_metrics([], FILLERS).words == 0


def test_length_check_and_talk_ratio() -> None:
    assert length_check(30, (60, 180)).verdict == "short"
    assert length_check(90, (60, 180)).verdict == "ok"
    assert length_check(200, (60, 180)).verdict == "long"
    turns = [
        Turn(index=0, speaker=Speaker.INTERVIEWER, kind=TurnKind.QUESTION, text="q", t_start=0, t_end=10),
        Turn(index=1, speaker=Speaker.CANDIDATE, kind=TurnKind.ANSWER, text="a", t_start=12, t_end=42),
        Turn(index=2, speaker=Speaker.INTERVIEWER, kind=TurnKind.NOTICE, text="1 minute left", t_start=42, t_end=50),
    ]
    ratio = talk_ratio(turns)
    assert (ratio.interviewer_s, ratio.candidate_s, ratio.candidate_share) == (10.0, 30.0, 0.75)
    assert talk_ratio([]).candidate_share == 0.0


def test_end_of_turn_rule_waits_longer_after_fillers_and_short_answers() -> None:
    policy = EndOfTurnPolicy.from_settings(STTSettings())
    assert policy.hangover(10.0, ["we", "shipped", "it."]).seconds == 0.8
    assert policy.hangover(10.0, ["and", "then,", "um,"]).seconds == 2.0
    assert policy.hangover(10.0, ["the", "data", "and"]).seconds == 2.0
    assert policy.hangover(10.0, ["look", "at", "the..."]).seconds == 2.0
    assert policy.hangover(1.5, ["Yes."]).seconds == 1.6
    custom = EndOfTurnPolicy.from_settings(STTSettings(silence_s=1.2, filler_hangover_s=0.5))
    assert custom.hangover(10.0, ["um"]).seconds == 1.2  # never shorter than the base silence


def test_vocabulary_prompt_and_term_matching() -> None:
    terms = round_vocabulary(None)
    assert terms[: len(BASE_ML_VOCABULARY)] == list(BASE_ML_VOCABULARY)
    prompt = build_prompt(["Two-Tower", *terms])
    assert prompt.startswith("Um, so, uh,") and "Two-Tower" in prompt and len(prompt) <= 330
    assert build_prompt(["x" * 400]) == "Um, uh, so, like, I mean..."
    assert contains_term("checked P95 latency in the A/B test.", "p95")
    assert contains_term("checked P95 latency in the A/B test.", "A/B test")
    assert not contains_term("and the NNNG index", "ANN")
    assert contains_term("we fine tuned it", "fine-tuning") is False


def _catalog() -> Catalog:
    def rnd(rid: str, vocab: list[str]) -> Round:
        return Round.model_construct(id=rid, vocabulary=vocab, answer_guidance_s=(60, 180))

    loops = {
        "canva-mle": Loop.model_construct(id="canva-mle", rounds=[rnd("ml-design", ["CLIP", "canary"]), rnd("coding", [])]),
        "shopify-mle": Loop.model_construct(id="shopify-mle", rounds=[rnd("coding", ["pandas"])]),
    }
    return Catalog(loops=loops)


def test_find_round_by_path_or_unique_id() -> None:
    cat = _catalog()
    ml = find_round(cat, "ml-design")
    assert ml.vocabulary == ["CLIP", "canary"]
    assert round_vocabulary(ml)[:2] == ["CLIP", "canary"] and len(round_vocabulary(ml)) == len(BASE_ML_VOCABULARY)
    assert find_round(cat, "shopify-mle/coding").vocabulary == ["pandas"]
    with pytest.raises(KeyError, match="several loops"):
        find_round(cat, "coding")
    with pytest.raises(KeyError, match="no round 'x'"):
        find_round(cat, "x")


def test_prompt_styles_give_whisper_the_terms_their_own_way() -> None:
    terms = ["p95", "error budget", "TensorRT", "canary", "batch size", "Kubernetes", "GPU", "QPS", "SLO", "ranker"]
    full, hot = whisper_prompt(terms, "full")
    assert full == build_prompt(terms) and hot is None
    short, _ = whisper_prompt(terms, "short")
    assert short == build_prompt(terms[:DRAFT_TERMS])
    lead, hot = whisper_prompt(terms, "hotwords")
    assert lead == build_prompt([]) and hot is not None and hot.startswith("p95, error budget, TensorRT")
    assert whisper_prompt(terms, "lead") == (build_prompt([]), None)
    rare, _ = whisper_prompt(terms, "rare")
    everyday = everyday_word()
    assert all(is_rare_term(t, everyday) == (t in rare) for t in terms if t != "p95")
    sentence, _ = whisper_prompt(terms, "sentence")
    assert sentence.startswith("Um, so, uh,") and sentence.endswith("it worked.") and ", " in sentence
    assert whisper_prompt(terms, "full", draft=True)[0] == build_prompt(terms[:DRAFT_TERMS])
    assert whisper_prompt([], "rare") == (build_prompt([]), None)
    assert whisper_prompt(terms, "lead", disfluent=False) == (None, None)
