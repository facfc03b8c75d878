"""Values scored against the loop's own values (seed 000: "Vague STAR answers that could apply to any company get flagged").

The answers here are the ones VALUE_SHOWN was set on (simulator/scoring/company_values.py):
a development set, so these tests pin behaviour, not a measured accuracy. The last test measures
generic-star on the corpus's train split (never validation) and pins the figures the README gives.
"""

from __future__ import annotations

import pytest

from simulator.catalog import load_catalog
from simulator.config import PROJECT_ROOT
from simulator.engine.turns import Speaker, Turn, TurnKind
from simulator.scoring import score_round
from simulator.scoring.calibration import item_turns, load_items
from simulator.scoring.identity import rubric_files
from simulator.scoring.meaning.train import split_path
from simulator.scoring.score import company_values, score_transcript

CATALOG = load_catalog(PROJECT_ROOT / "rubrics", PROJECT_ROOT / "personas")
SPECIFIC = {
    "empower-others": "When a new graduate joined the team I paired with her on every code review for a month and wrote a "
                      "guide to our training pipeline. Three months later she owned the retraining job on her own.",
    "make-complex-things-simple": "Our designers could not understand why the background remover failed on hair, so I built a "
                                  "one-page demo that showed the failure cases side by side, and the product manager used it "
                                  "to set the launch bar.",
    "be-a-force-for-good": "I pushed to add a bias check to the image moderation model before launch, because it flagged "
                           "dark-skinned faces more often, and I held the launch a week until the false positive gap closed.",
    "set-crazy-big-goals": "I proposed cutting template search latency in half in one quarter, everyone said it was impossible, "
                           "and I broke it into six milestones and we shipped it.",
    "be-a-good-human": "Two engineers on my team kept clashing in design reviews, so I met each of them one to one, found the "
                       "disagreement was about on-call load, and we rotated it; the reviews got calmer and both stayed.",
}  # fmt: skip
GENERIC = [
    "I always try to do my best and help the team. On my last project we worked hard together, communicated well and "
    "delivered the project on time, and everyone was happy with the result.",
    "I believe teamwork is important. We had a tight deadline and the team came together, and we delivered. I learned "
    "that communication matters.",
    "I am a hard worker and I care about quality. I always go the extra mile and I make sure the work is done right, and "
    "my manager gave me good feedback.",
    # Added with VALUE_SHOWN 0.53: vague stories on a value's topic, or naming the values, with nothing done.
    "I really believe in empowering others and being a force for good. I think it is important to help the team and "
    "to keep things simple, and I always try to set big goals for myself.",
    "In my previous role there was a challenging project with a lot of stakeholders. I took ownership, aligned "
    "everyone, and we delivered great results that the business was happy with.",
    "I am passionate about users and I always put the customer first. I think good products come from caring about "
    "the people who use them, and that is what I try to do every day.",
    "There was a conflict in my team once. We talked it through, found a compromise and moved forward, and in the end "
    "the relationship was better than before.",
    "I like to mentor people and share knowledge. I think a good engineer makes the people around them better, so I "
    "try to be helpful whenever someone asks.",
    "We had an ambitious goal for the year. It was hard and there were setbacks, but we stayed focused, worked as a "
    "team and achieved it in the end.",
    "I explain things clearly to non-technical people. I avoid jargon, I focus on what matters for them, and they "
    "usually understand and appreciate it.",
    "I always act with integrity and I treat people with respect. If I make a mistake I own it and I learn from it.",
    "Honestly my biggest strength is that I care. I care about the users, I care about my teammates, and I care about "
    "doing things the right way, and people notice that.",
    "We were given a big, complex problem and not much time. I organised the work, kept everyone informed and we "
    "shipped it, and the stakeholders were pleased.",
    "I helped a colleague once when he was stuck. I gave him some advice, he took it, and things went well for him "
    "after that.",
]


def _values_result(answer: str, loop_id: str = "canva-mle", round_id: str = "behavioral"):  # type: ignore[no-untyped-def]
    loop = CATALOG.loop(loop_id)
    rnd = loop.round(round_id)
    question = next(q for q in rnd.questions if "values_alignment" in q.criteria)
    turns = [
        Turn(index=0, speaker=Speaker.INTERVIEWER, kind=TurnKind.QUESTION, text=question.text, t_start=0, t_end=5, question_id=question.id),
        Turn(index=1, speaker=Speaker.CANDIDATE, kind=TurnKind.ANSWER, text=answer, t_start=5, t_end=60, question_id=question.id),
    ]  # fmt: skip
    score = score_round(loop, rnd, turns, CATALOG)
    return next(r for r in score.criteria if r.criterion == "values_alignment"), score


@pytest.mark.parametrize("value", list(SPECIFIC))
def test_a_story_is_credited_with_the_canva_value_it_shows(value: str) -> None:
    result, _ = _values_result(SPECIFIC[value])
    shown = [c.signal for c in result.checks if c.signal.startswith("value:") and c.passed]
    assert shown == [f"value:{value}"], [(c.signal, c.passed) for c in result.checks]
    check = next(c for c in result.checks if c.signal == f"value:{value}")
    assert check.evidence is not None and check.evidence.quote in SPECIFIC[value]  # a verbatim quote


@pytest.mark.parametrize("answer", GENERIC)
def test_a_story_that_could_be_told_anywhere_shows_no_value_and_is_told_which_would_count(answer: str) -> None:
    result, _ = _values_result(answer)
    assert not any(c.passed for c in result.checks if c.signal.startswith("value:"))
    assert "Canva's own values" in result.missing and "Empower others" in result.missing


def test_a_canva_specific_answer_scores_above_a_generic_one() -> None:
    """Specific stories score above generic ones on average, and all but one at least 3.

    Not every specific one is above every generic one: the "be a good human" story quotes its value in the
    situation ("two engineers on my team kept clashing"), not in what the candidate did, so no floor lifts it, and the
    evidence model reads it as 2; two generic stories read as 3. A cap on stories showing no value was tried and
    measured: it capped 10 of the train split's 14 values stories labelled 3 or 4, so it is not applied."""
    specific = [_values_result(a)[0].level for a in SPECIFIC.values()]
    generic = [_values_result(a)[0].level for a in GENERIC]
    assert None not in specific and None not in generic
    assert sum(level >= 3 for level in specific) >= len(specific) - 1, specific  # type: ignore[operator]
    assert sum(specific) / len(specific) > sum(generic) / len(generic) + 0.5, (specific, generic)  # type: ignore[arg-type]


def test_the_em_values_round_reads_its_own_loop_values() -> None:
    coaching = ("I coached a senior engineer into her first tech lead role: we met weekly, I let her run planning while "
                "I reviewed her plans, and after two quarters she ran the team's planning on her own.")  # fmt: skip
    result, _ = _values_result(coaching, "canva-em-recsys", "values")
    assert [c.signal for c in result.checks if c.passed and c.signal.startswith("value:")] == ["value:empower-others"]


@pytest.mark.parametrize("answer", GENERIC)
def test_a_story_that_could_be_told_anywhere_raises_generic_star_saying_no_canva_value_was_shown(answer: str) -> None:
    """The seed's "Vague STAR answers that could apply to any company get flagged": these score 2-3, so only the
    value reading (`no_company_value`) tells them apart; the quote is the answer's own words."""
    _, score = _values_result(answer)
    flag = next((f for f in score.red_flags if f.id == "generic-star"), None)
    assert flag is not None, [f.id for f in score.red_flags]
    assert flag.because is not None and "no Canva value shown" in flag.because and "values_alignment" in flag.because
    assert flag.evidence is not None and flag.evidence.quote in answer


@pytest.mark.parametrize("value", list(SPECIFIC))
def test_a_story_that_shows_a_canva_value_raises_no_generic_star(value: str) -> None:
    _, score = _values_result(SPECIFIC[value])
    assert "generic-star" not in [f.id for f in score.red_flags]


def test_the_em_values_round_flags_a_generic_story_and_not_a_coaching_one() -> None:
    for answer in GENERIC:
        _, generic = _values_result(answer, "canva-em-recsys", "values")
        assert "generic-star" in [f.id for f in generic.red_flags], answer
    coaching = ("I coached a senior engineer into her first tech lead role: we met weekly, I let her run planning while "
                "I reviewed her plans, and after two quarters she ran the team's planning on her own.")  # fmt: skip
    _, specific = _values_result(coaching, "canva-em-recsys", "values")
    assert "generic-star" not in [f.id for f in specific.red_flags]


def train_values_stories() -> list[tuple[str, int, list[str], bool]]:
    """The train split's values_alignment answers scored in their own loop and round, as the product scores
    them: (id, label, values shown, whether generic-star was raised)."""
    rows = []
    for item in load_items(split_path("train")):
        label = item.labels.get("values_alignment")
        if label is None:
            continue
        loop = CATALOG.loop(item.loop)
        rnd = loop.round(item.round)
        criteria = [(CATALOG.criterion(loop, c), 1 / len(item.labels)) for c in item.labels]
        score = score_transcript(criteria, item_turns(item), loop_id=loop.id, round_id=rnd.id, rnd=rnd,
                                 files=rubric_files(CATALOG.files, loop.id), values=company_values(loop))  # fmt: skip
        result = next(r for r in score.criteria if r.criterion == "values_alignment")
        shown = [c.signal.removeprefix("value:") for c in result.checks if c.signal.startswith("value:") and c.passed]
        rows.append((item.id, label, shown, "generic-star" in [f.id for f in score.red_flags]))
    return rows


def test_generic_star_on_the_train_split() -> None:
    """Measured with VALUE_SHOWN 0.53, the YAML's examples and float32 embeddings (README, "Red flags fire"): a value
    shown in 12 of the 25 stories labelled 3-4 and 1 of the 12 labelled 1-2; generic-star raised on 11 of the 12
    labelled 1-2, 5 of the 12 labelled 3 (concrete stories the value reading still misses) and none of the 13
    labelled 4. With int8 embeddings one more showed its value: the Whisper transcript of rb-238 reads 0.528 in
    float32, over the line with int8 kernels on two CPUs. Refitted for evidence-2.9 (own_vs_team `needs`), rb-173b
    (labelled 3) reads values alignment 3 instead of 4 and is flagged too: 6 of the 12 labelled 3. Evidence-2.11's
    39 new stories (written blind from the level guides, 2026-12-05) read alike: flagged 18 of the 19 labelled 1-2,
    3 of the 10 labelled 3 and none of the 10 labelled 4; a value shown in 1 of the 19 and 14 of the 20 (the first 37:
    11 / 5 / 0 flagged, 1 and 13 shown)."""
    rows = train_values_stories()
    by_label = {level: [r for r in rows if r[1] == level] for level in (1, 2, 3, 4)}
    assert [len(by_label[level]) for level in (1, 2, 3, 4)] == [13, 18, 22, 23]
    flagged = {level: sum(r[3] for r in by_label[level]) for level in by_label}
    shown = {level: sum(bool(r[2]) for r in by_label[level]) for level in by_label}
    assert flagged[1] + flagged[2] >= 28, rows
    assert flagged[3] <= 9 and flagged[4] == 0, rows
    assert shown[1] + shown[2] <= 2 and shown[3] + shown[4] >= 26, rows
