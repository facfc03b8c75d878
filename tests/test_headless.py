"""The headless runner without a model (canned probes): storage, recent-question avoidance, time box, scoring."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from simulator.catalog import Catalog, load_catalog
from simulator.config import PROJECT_ROOT, Settings
from simulator.interview.anchor import choose_anchor
from simulator.interview.headless import fit_to_time, read_answers, run_round
from simulator.store import Store

ANSWERS = [
    "We built a recommendation model for templates and it went to production.",
    "I owned the rollout and click-through went from 4.1% to 4.6% in an A/B test against the old ranker.",
    "I decided to distill the model so p95 latency stayed at 60 ms; the lesson was to budget latency early.",
]


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(PROJECT_ROOT / "rubrics", PROJECT_ROOT / "personas")


def run(catalog: Catalog, store: Store, tmp_path: Path, seed: int, answers: list[str] | None = None, round_id: str = "hiring-manager"):  # noqa: ANN201
    settings = Settings(data_dir=tmp_path)
    return asyncio.run(run_round(
        settings=settings, catalog=catalog, store=store, llm=None, loop_id="canva-mle", round_id=round_id,
        answers=answers if answers is not None else ANSWERS, seed=seed, candidate="Dana",
    ))  # fmt: skip


def test_a_candidates_recent_questions_are_not_asked_again(catalog: Catalog, tmp_path: Path) -> None:
    with Store(tmp_path / "db.sqlite") as store:
        first = run(catalog, store, tmp_path, seed=1)
        second = run(catalog, store, tmp_path, seed=1)  # same seed: only the history can change the choice
        asked = lambda result: {t.text for t in result.turns if t.kind == "question"}  # noqa: E731
        assert asked(first) and asked(second)
        assert not asked(first) & asked(second)


def test_turns_are_stored_and_the_round_is_scored(catalog: Catalog, tmp_path: Path) -> None:
    with Store(tmp_path / "db.sqlite") as store:
        result = run(catalog, store, tmp_path, seed=2)
        record = store.load_session(result.session_id)
    assert record.status == "completed"
    assert [t.text for t in record.rounds[0].turns] == [t.text for t in result.turns]
    score = record.rounds[0].score
    assert score is not None
    scored = {c.criterion: c for c in score.criteria if c.level is not None}
    assert "impact" in scored
    for result_ in scored.values():
        for ev in result_.evidence:
            turn = record.rounds[0].turns[ev.turn_index]
            assert ev.quote in turn.text  # quotes are verbatim


def test_the_round_closes_at_its_time_box_mid_answer(catalog: Catalog, tmp_path: Path) -> None:
    talkative = [" ".join(["I kept explaining the feature pipeline in more and more detail."] * 60)] * 30
    with Store(tmp_path / "db.sqlite") as store:
        result = run(catalog, store, tmp_path, seed=3, answers=talkative)
    minutes = catalog.loop("canva-mle").round("hiring-manager").minutes
    answers = [t for t in result.turns if t.kind == "answer"]
    assert result.turns[-1].kind == "notice"
    assert max(t.t_end for t in answers) <= minutes * 60 + 1e-6
    assert len(answers[-1].text.split()) < len(talkative[0].split())  # cut at the time box, the part said is kept


def test_fit_to_time_and_read_answers(tmp_path: Path) -> None:
    assert fit_to_time("one two three four", 60.0) == "one two three four"
    assert fit_to_time(" ".join(["w"] * 300), 60.0) == " ".join(["w"] * 150)
    path = tmp_path / "a.txt"
    path.write_text("first answer\nwrapped line\n\n\n  second answer  \n\n")
    assert read_answers(path) == ["first answer wrapped line", "second answer"]


def test_code_in_an_answers_file_keeps_its_lines(tmp_path: Path) -> None:
    """Joined into one line, code handed in headless was named back as prose ("On python def ece: ...", played)."""
    path = tmp_path / "a.txt"
    path.write_text("Here it is:\n```python\ndef f(x):\n    return x\n\n\ndef g():\n    pass\n```\nDone.\n\nlast\n")
    code = "def f(x):\n    return x\n\n\ndef g():\n    pass"
    assert read_answers(path) == [f"Here it is:\n{code}\nDone.", "last"]
    assert choose_anchor(read_answers(path)[:1]) is None  # code is run and read, not named back
    path.write_text("```\ndef f(x):\n    return x\n")  # a fence left open keeps the code all the same
    assert read_answers(path) == ["def f(x):\n    return x"]


def test_code_typed_without_a_fence_keeps_its_lines(tmp_path: Path) -> None:
    """Played (2026-12-05): an unfenced function was joined into one line and named back as "np def top_k"."""
    path = tmp_path / "a.txt"
    path.write_text("import numpy as np\ndef top(x, k):\n    return np.argsort(x)[:k]\n\n"
                    "for x in xs:\n    print(x)\n\nI'd test ties:\nthe smaller id wins.\n")
    assert read_answers(path) == ["import numpy as np\ndef top(x, k):\n    return np.argsort(x)[:k]",
                                  "for x in xs:\n    print(x)", "I'd test ties: the smaller id wins."]
    assert choose_anchor(read_answers(path)[:1]) is None
