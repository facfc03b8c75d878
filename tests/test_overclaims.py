"""A sweeping claim about a technique is challenged once per question (simulator/interview/overclaims.py): the six the
fifth and sixth blind players made were each left standing (2026-12-07)."""

from __future__ import annotations

import glob
import json
import re

import pytest
import yaml
from test_clarify_played_h8 import catalog  # noqa: F401 - the module-scoped catalog fixture
from test_round_session import answer, round_on

from simulator.catalog import Catalog
from simulator.config import PROJECT_ROOT
from simulator.engine.turns import Speaker, Turn, TurnKind
from simulator.interview.overclaims import CHALLENGE, _SWEEPING, challenged


@pytest.mark.parametrize(("turn", "claim"), [
    ("Oh sorry, I misheard. I'd start with gradient-boosted trees. Actually, I've read deep models always beat GBTs on "
     "tabular data, so maybe I should just start with a deep model?", "deep models always beat GBTs on tabular data"),
    ("Fine-tuning is better for a style. And honestly, fine-tuning basically always eliminates hallucinations.",
     "fine-tuning basically always eliminates hallucinations"),
    ("A bot opens upgrade PRs. Since minor versions don't break anything by definition, upgrades are always safe.",
     "minor versions don't break anything by definition"),
    ("We checked that mean error stayed near zero. Also honestly, MAPE is the best metric for any forecast, it has no weaknesses.",
     "MAPE is the best metric for any forecast"),
    ("Lambda is also always more expensive than containers at any traffic level.",
     "Lambda is also always more expensive than containers at any traffic level"),
    ("Group split by card fixes that. Random splits are always fine for tabular data otherwise.",
     "Random splits are always fine for tabular data otherwise"),
])
def test_the_played_sweeping_claims_are_challenged(turn: str, claim: str) -> None:
    read = challenged(turn, "q", [])
    assert read is not None and read.reply == f'You said "{claim}". {CHALLENGE}', read


@pytest.mark.parametrize("turn", [
    "We always ran a canary first, and it was always safe that way.",  # the candidate's own practice
    "Is fine-tuning always better than RAG here?",  # a question
    "I'd rank the queue by expected loss so reviewers always work the highest-value orders first.",
    "The thumbnails are generated asynchronously so editors never see a blank preview.",
])
def test_practice_questions_and_designs_are_not_challenged(turn: str) -> None:
    assert challenged(turn, "q", []) is None


def test_once_per_question() -> None:
    said = Turn(index=1, speaker=Speaker.INTERVIEWER, kind=TurnKind.CLARIFICATION, text=f'You said "x". {CHALLENGE}', t_start=0.0,
                t_end=1.0, question_id="q")
    assert challenged("Random splits are always fine for tabular data.", "q", [said]) is None
    assert challenged("Random splits are always fine for tabular data.", "other", [said]) is not None


def test_the_shapes_fire_rarely_on_the_corpus_and_test_data() -> None:
    """Measured 2026-12-07: 3 sentences of 5,325 texts (one of them a labelled wrong claim); a shape that fires on more
    than a handful would challenge ordinary design talk."""
    texts: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                texts.append(value) if isinstance(value, str) and key in ("turn", "text", "answer", "said") else walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    for path in glob.glob(str(PROJECT_ROOT / "tests" / "data" / "*.yaml")):
        walk(yaml.safe_load(open(path, encoding="utf-8")))
    for path in glob.glob(str(PROJECT_ROOT / "simulator" / "scoring" / "corpus" / "*.jsonl")):
        texts += [json.loads(line).get("answer", "") for line in open(path, encoding="utf-8")]
    fired = [t for t in dict.fromkeys(texts) if challenged(t, "q", []) is not None]
    assert len(texts) > 5000 and len(fired) <= 5, fired
    assert any(_SWEEPING.search(s) for s in fired for s in re.split(r"(?<=[.!?])\s+", s))


async def test_a_challenge_played_keeps_the_answer_and_the_question_open(catalog: Catalog) -> None:  # noqa: F811
    """Played through the round: the challenge is said, the answer counts as evidence, the reply to it is followed up,
    and a second sweeping claim on the same question is not challenged again."""
    stored: list[Turn] = []
    session, clock = round_on(catalog, "shopify-mle", "ml-modeling", "ml-fraud-model-choice", stored)
    [e async for e in session.open()]
    claim = ("I'd start with gradient-boosted trees on the order features, since risk needs readable reasons. Actually, I've "
             "read deep models always beat GBTs on tabular data, so maybe a deep model later.")
    await answer(session, clock, claim)
    assert session.turns[-1].kind is TurnKind.CLARIFICATION and session.turns[-1].text.endswith(CHALLENGE), session.turns[-1]
    assert claim in session.engine.answers("ml-fraud-model-choice")
    await answer(session, clock, "Fair, not always: on small tabular data with strong hand-made features, trees usually win, "
                 "and they train in minutes. Deep models are always better with huge data, I think.")
    assert session.turns[-1].kind is TurnKind.FOLLOW_UP, session.turns[-1]
