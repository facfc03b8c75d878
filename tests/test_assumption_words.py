"""An assumption put in words to the interviewer gets "Not quite." where a told fact denies it, and never where it holds."""

from __future__ import annotations

import pytest
import yaml

from simulator.catalog import Catalog, load_catalog
from simulator.config import PROJECT_ROOT
from simulator.engine.turns import TurnKind
from simulator.interview.assumption_words import denied_by
from simulator.interview.assumptions import NOT_QUITE, checked
from simulator.interview.clarify import read_turn

from test_round_session import answer, round_on

PLATFORM = ("The editor runs on web, desktop and the iOS and Android apps, and all of them call the same server-side "
            "service; nothing runs on the device. About two thirds of video editing is on web.")
PRIVACY = ("Videos are users' own content and often show people: frames are processed in memory, not stored, and never "
           "used for training unless the user allows it.")
SCOPE = ("A first version covers the serving service for preview frames and exports; training the model is out of scope, "
         "so assume a trained segmentation model exists.")
REGISTRY = ("Models are trained on Kubernetes and deployed by hand; there's no model registry, and rolling back means "
            "redeploying last week's container.")
LOGS = ("Request logs have the user's prompt, the enhanced prompt and the image model's version, but not which enhancer "
        "version served the request.")


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(PROJECT_ROOT / "rubrics", PROJECT_ROOT / "personas")


@pytest.mark.parametrize(("assumed", "fact", "denied"), [
    ("I'll assume this runs on the device, in the browser, right?", PLATFORM, True),
    ("So I'd assume it's only web for now. Correct?", PLATFORM, True),  # one of several
    ("I'm assuming we can store the frames to retrain later, is that fine?", PRIVACY, True),
    ("I'd assume frames aren't stored, right?", PRIVACY, False),  # denied both ways: borne out
    ("I assume training the model is part of this too?", SCOPE, True),
    ("Correct me if I'm wrong, but training the model is out of scope here?", SCOPE, False),
    ("I'll assume we have a model registry already, right?", REGISTRY, True),
    ("I assume there's no model registry today?", REGISTRY, False),
    ("I assume the logs tell us which enhancer version served each request?", LOGS, True),
    ("I assume the model runs on GPUs, right?", "Today an image background remover runs on a pool of about 40 A10G GPUs.",
     False),
    ("I assume users keep most cut-outs without touching them up?",  # "without" denies the same words in both
     "Users should keep at least 80% of cut-outs without touching them up.", False),
    ("Deltas are always positive, I'm assuming?", "Account ids are integers, and deltas are ints or floats that can be "
     "negative.", True),  # the opposite word, said of the same thing
    ("Retraining the model before the peak is off the table, I take it?", "Anything that can be ready before the peak "
     "is fair game, short of retraining.", False),
    ("um so exact matches on brand names and product titles can't get worse right", "Exact matches on SKUs, brand names "
     "and product titles mustn't get worse; merchants complain quickly when their product can't be found by name.", False),
    # Long, it shares words with several of a fact's clauses: not checked (MAX_ASSUMED_WORDS).
    ("I'll assume the mobile apps run the whole segmentation model locally on the device to save server GPU time and "
     "bandwidth, right?", PLATFORM, False),
])  # fmt: skip
def test_a_fact_denies_an_assumption_said_in_words(assumed: str, fact: str, denied: bool) -> None:
    assert denied_by(assumed, fact) is denied


def test_assumptions_put_to_the_interviewer_written_blind_are_said_wrong_only_where_they_are() -> None:
    """The set's right assumptions never hear "Not quite." (a right reading called wrong costs the candidate more
    than a wrong one let pass: the fact is told either way); of its 62 wrong ones 15 do (README, "Assumed givens":
    most deny in other words than the fact's, "plenty of labels" for "labels are scarce", and 45 got another fact or
    none)."""
    catalog = load_catalog(PROJECT_ROOT / "rubrics", PROJECT_ROOT / "personas")
    questions = {q.id: q for loop in catalog.loops.values() for r in loop.rounds for q in r.questions}
    cases = yaml.safe_load((PROJECT_ROOT / "tests" / "data" / "assumptions_asked_blind.yaml").read_text(encoding="utf-8"))
    said_wrong = {True: [], False: []}
    for case in cases:
        clarification = read_turn(case["turn"], questions[case["question"]], glossary=catalog.glossary)
        said_wrong[case["verdict"] == "wrong"].append(clarification is not None and checked(clarification) == NOT_QUITE)
    assert len(cases) == 123
    assert not any(said_wrong[False]), [c["turn"] for c, w in zip([c for c in cases if c["verdict"] == "right"],
                                                                  said_wrong[False], strict=True) if w]
    assert sum(said_wrong[True]) >= 15, sum(said_wrong[True])


async def test_the_interviewer_says_not_quite_before_the_fact_that_denies_an_assumption(catalog: Catalog) -> None:
    """Played (2026-12-05): "I'll assume this runs on the device, in the browser, right?" got "Good question." and the
    platform fact, as if the candidate had asked, not assumed wrong."""
    session, clock = round_on(catalog, "canva-mle", "system-design", "sd-video-bg-remover-serving", [])
    [e async for e in session.open()]
    await answer(session, clock, "I'll assume this runs on the device, in the browser, right?")
    reply = next(t for t in session.turns if t.kind is TurnKind.CLARIFICATION)
    assert reply.text.startswith(NOT_QUITE) and "nothing runs on the device" in reply.text, reply.text
