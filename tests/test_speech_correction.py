"""The domain correction on its own: Whisper-like words in, jargon out, general speech untouched.

Words carry made-up probabilities the way faster-whisper reports them (0-1 per word); the
lexicon is a real round's terms from the catalog. The real-model figures (WER on the
jargon and general sets) are in test_speech_jargon.py.
"""

from __future__ import annotations

import pytest

from simulator.catalog import Catalog
from simulator.config import Settings
from simulator.catalog.loader import load_catalog
from simulator.speech.correction import HeardWord, Lexicon, correct, phonetic_keys, spoken_variants
from simulator.speech.vocabulary import correction_terms, criteria_terms, everyday_word, find_loop_round


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    settings = Settings()
    return load_catalog(settings.rubrics_dir, settings.personas_dir)


@pytest.fixture(scope="module")
def lexicon(catalog: Catalog) -> Lexicon:
    loop, rnd = find_loop_round(catalog, "canva-mle/system-design")
    return Lexicon.build(correction_terms(catalog, loop, rnd), everyday_word())


def heard(*words: tuple[str, float]) -> list[HeardWord]:
    """Words as Whisper gives them: a leading space, 0.3 s each."""
    return [HeardWord(w if w.startswith("-") else " " + w, round(i * 0.3, 3), round(i * 0.3 + 0.25, 3), p) for i, (w, p) in enumerate(words)]


def sure(text: str) -> list[tuple[str, float]]:
    return [(w, 0.95) for w in text.split()]


def test_misheard_jargon_becomes_the_round_term(lexicon: Lexicon) -> None:
    words = heard(*sure("We moved the"), ("rancor", 0.83), *sure("to the new cluster."))
    result = correct(words, lexicon)
    assert result.text == "We moved the ranker to the new cluster."
    (fix,) = result.replacements
    assert (fix.heard, fix.term) == ("rancor", "ranker")
    assert result.words[3].start == words[3].start and result.words[3].end == words[3].end  # times kept


def test_split_and_joined_words_are_respelled_with_the_terms_casing(lexicon: Lexicon) -> None:
    words = heard(*sure("we built the"), ("tensor", 0.9), ("RT", 0.9), ("engine", 0.9), ("at", 0.9), ("P-95", 0.9))
    assert correct(words, lexicon).text == "we built the TensorRT engine at p95"
    words = heard(*sure("we used"), ("in", 0.4), ("batch", 0.7), ("negatives", 0.7), *sure("and the"), ("ndcg", 0.6), ("went", 0.9), ("up.", 0.9))
    assert correct(words, lexicon).text == "we used in-batch negatives and the NDCG went up."


def test_a_split_word_is_joined_and_its_times_cover_both(lexicon: Lexicon) -> None:
    words = heard(*sure("the data"), ("in", 0.3), ("justion", 0.4), ("pipeline", 0.9))
    result = correct(words, lexicon)
    assert result.text == "the data ingestion pipeline"
    joined = result.words[2]
    assert (joined.start, joined.end) == (words[2].start, words[3].end)
    assert [w.text.strip() for w in result.words] == ["the", "data", "ingestion", "pipeline"]


def test_one_heard_word_for_a_two_word_term_shares_its_time(lexicon: Lexicon) -> None:
    words = heard(*sure("we dropped"), ("latevents", 0.3), *sure("after an hour"))
    result = correct(words, lexicon)
    assert result.text == "we dropped late events after an hour"
    late, events = result.words[2], result.words[3]
    assert late.start == words[2].start and events.end == words[2].end and late.end == events.start


def test_everyday_words_need_doubt_before_they_are_replaced(lexicon: Lexicon) -> None:
    # "expert" is an everyday word: Whisper sure of it stays, Whisper doubting it becomes jargon
    confident = heard(*sure("the video"), ("expert", 0.9), ("success", 0.9), *sure("rate dropped"))
    doubtful = heard(*sure("the video"), ("expert", 0.3), ("success", 0.9), *sure("rate dropped"))
    assert correct(confident, lexicon).replacements == []
    assert correct(doubtful, lexicon).text == "the video export success rate dropped"


def test_general_speech_is_left_as_heard(lexicon: Lexicon) -> None:
    sentences = [
        [("The", 0.9), ("ranger", 0.3), ("showed", 0.8), ("us", 0.9), ("the", 0.9), ("map.", 0.9)],  # 0.83 like "ranker": not enough
        [("She", 0.9), ("filmed", 0.8), ("a", 0.9), ("short", 0.9), ("video", 0.9), ("clip", 0.6), ("of", 0.4), ("her", 0.9), ("garden.", 0.9)],
        [("We", 0.9), ("had", 0.4), ("a", 0.3), ("rough", 0.5), ("week,", 0.9), ("but", 0.9), ("it", 0.2), ("ended", 0.9), ("well.", 0.9)],
    ]
    for words in sentences:
        result = correct(heard(*words), lexicon)
        assert result.replacements == [], result.replacements
        assert result.text == " ".join(w for w, _ in words)


def test_an_everyday_acronym_is_recased_only_next_to_jargon(lexicon: Lexicon) -> None:
    assert correct(heard(*sure("we used clip embeddings")), lexicon).text == "we used CLIP embeddings"
    assert correct(heard(*sure("a short video clip")), lexicon).text == "a short video clip"


def test_words_already_spelling_a_term_are_not_swallowed_by_a_longer_match(lexicon: Lexicon) -> None:
    words = heard(("the", 0.3), ("ranker", 0.4), ("uses", 0.3), ("negatives", 0.2))
    result = correct(words, lexicon)
    assert result.replacements == []  # not "the ranker" -> ranker, not negatives -> "in-batch negatives"


def test_spoken_forms_read_acronyms_and_numbers() -> None:
    assert spoken_variants("NDCG") == ["en dee see jee"]
    assert spoken_variants("p95") == ["pee ninety five"]
    assert spoken_variants("CLIP") == ["clip", "see el eye pee"]
    assert phonetic_keys("rancor") == phonetic_keys("ranker")
    assert phonetic_keys("in justion") == phonetic_keys("ingestion")
    assert phonetic_keys("tensor RT") == phonetic_keys("TensorRT")


def test_correction_terms_put_the_round_first_then_the_loop_and_criteria(catalog: Catalog) -> None:
    loop, rnd = find_loop_round(catalog, "canva-mle/system-design")
    terms = correction_terms(catalog, loop, rnd)
    assert terms[: len(rnd.vocabulary)] == rnd.vocabulary
    assert "ROUGE-L" in terms  # another round of the loop (take-home)
    assert "kafka" in terms and "softmax" in criteria_terms(catalog.criteria.values())  # criteria regexes
    assert not any(t in terms for t in ("debugged", "nearrealtime", "failover"))  # verb forms, spelling variants


def test_no_lexicon_no_change() -> None:
    words = heard(("rancor", 0.1))
    assert correct(words, Lexicon.build([])).words == words
