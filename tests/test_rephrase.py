"""Asked what it meant, the interviewer says what its last question is after; it never takes that for an answer."""

from __future__ import annotations

import pytest
import yaml
from followup_cases import Case, make_session
from test_followups import catalog, evidence  # noqa: F401 - the module-scoped fixtures, loaded once

from simulator.catalog import Catalog, Question
from simulator.config import PROJECT_ROOT
from simulator.engine.turns import Speaker, TurnKind
from simulator.interview.clarify import read_turn
from simulator.interview.evidence_probe import MeaningEvidence
from simulator.interview.rephrase import what_it_is_after, interviewers_word, rephrased_for
from simulator.interview.round_session import speaking_seconds

LOOP, ROUND, QUESTION = "canva-mle", "system-design", "sd-prompt-enhancer-attribution"
FOLLOW_UP = "You mentioned the A/B test: which signals would you watch in production, and at what threshold would you alert?"
PLANNED = "Which signals would you watch in production, and at what threshold would you alert?"

ASKS_WHAT_WAS_MEANT = [
    "What do you mean?",
    "What do you mean by that exactly?",
    "Sorry, what did you mean by that?",
    "Can you explain what you mean?",
    "Could you clarify the question?",
    "I'm not sure what you're asking.",
    "Sorry, I don't follow.",
    "um sorry i dont follow",
    "I'm not sure I follow.",
    "I didn't get what you mean.",
    "What are you looking for here?",
    "Could you give me an example of what kind of answer you're looking for?",  # played 2026-12-05: "That's your call"
    "not sure what kind of detail you are after",
    "Can you rephrase that?",
    "Could you put it another way?",
    "what do you mean by signals",  # the follow-up's own word, not one of the problem's
]


@pytest.fixture(scope="module")
def question(catalog: Catalog) -> Question:
    return next(q for q in catalog.loop(LOOP).round(ROUND).questions if q.id == QUESTION)


@pytest.mark.parametrize("turn", ASKS_WHAT_WAS_MEANT)
def test_asking_what_was_meant_gets_the_question_with_what_it_is_after(question: Question, turn: str) -> None:
    read = read_turn(turn, question, FOLLOW_UP, "REWORDED")
    assert read is not None and not read.also_answer and not read.about_problem, read
    assert [a.rephrase for a in read.asks] == [True] and read.reply == "REWORDED"


@pytest.mark.parametrize(("turn", "expect"), [
    ("What do you mean by BLEU-like proxy?", "n-gram overlap"),  # the problem's term: its fact
    ("What are you looking for in terms of latency?", "150 ms"),  # a requirement, asked
    ("When you say 'proxy scores', what do you mean exactly?", "n-gram overlap"),
])  # fmt: skip
def test_a_question_about_the_problem_is_not_asking_what_was_meant(question: Question, turn: str, expect: str) -> None:
    read = read_turn(turn, question, FOLLOW_UP, "REWORDED")
    assert read is not None and not any(a.rephrase for a in read.asks) and expect in read.reply, read


def test_an_answer_that_does_not_follow_something_is_an_answer(question: Question) -> None:
    assert read_turn("I don't understand why exports dropped, so first I would slice the metric by enhancer version "
                     "and check the tokenizer change.", question, FOLLOW_UP, "REWORDED") is None
    assert read_turn("I don't know.", question, FOLLOW_UP, "REWORDED") is None  # a pass, not a question


def test_only_a_interviewers_word_is_the_interviewers_own(question: Question) -> None:
    assert interviewers_word("signals", FOLLOW_UP, question)
    assert not interviewers_word("proxy", FOLLOW_UP, question)  # in the problem's own text
    assert not interviewers_word("signals", question.text, question)  # the bank question itself


def test_the_words_name_the_criterion_and_the_planned_probe(catalog: Catalog, question: Question) -> None:
    loop = catalog.loop(LOOP)
    monitoring = catalog.criterion(loop, "monitoring")
    said = what_it_is_after(FOLLOW_UP, monitoring, [PLANNED, "If your main alert fires at 2am, what happens next?"], question, [])
    assert said == f"I'm asking about monitoring: {PLANNED[0].lower()}{PLANNED[1:]}"  # after the colon, as probes are said
    criteria = [catalog.criterion(loop, c) for c in question.criteria]
    said = what_it_is_after(question.text, None, [], question, criteria)
    assert said.startswith("What I'm listening for: ") and said.endswith(question.text)
    assert all(c.title.lower() in said for c in criteria)


async def test_in_a_round_the_question_stays_open_and_is_said_again_with_its_point(catalog: Catalog, evidence: MeaningEvidence) -> None:
    case = Case(id="rephrase", loop=LOOP, round=ROUND, question=QUESTION, expect="", missing="", answer=(
        "First I'd stamp every request with the enhancer version, and each weekly release goes out as an A/B test on "
        "the experimentation platform, 5% of users for a week, so a drop in exports in the treatment arm is the model."))
    session, clock = make_session(catalog, case, None, evidence)
    [e async for e in session.open()]

    async def say(text: str) -> None:
        start = session.engine.elapsed()
        clock.advance(speaking_seconds(text))
        [e async for e in session.answer(text, t_start=start, t_end=session.engine.elapsed())]

    await say("Sorry, I don't follow.")
    reply = session.turns[-1]
    assert reply.kind is TurnKind.CLARIFICATION and reply.text.startswith("What I'm listening for: "), reply
    await say(case.answer)
    follow_up = session.turns[-1]
    assert follow_up.kind is TurnKind.FOLLOW_UP and follow_up.criterion, follow_up
    asked = len([t for t in session.turns if t.kind is TurnKind.FOLLOW_UP])
    await say("What do you mean by that exactly?")
    reply = session.turns[-1]
    title = catalog.criterion(catalog.loop(LOOP), follow_up.criterion).title.lower()
    assert reply.kind is TurnKind.CLARIFICATION and reply.text.startswith(f"I'm asking about {title}: "), reply
    assert session.engine.current_question is not None and session.engine.current_question.id == QUESTION
    assert len([t for t in session.turns if t.kind is TurnKind.FOLLOW_UP]) == asked  # nothing pressed, nothing counted
    said = [t for t in session.turns if t.speaker is Speaker.CANDIDATE]
    assert said[-1].text == "What do you mean by that exactly?"  # kept in the transcript as the candidate said it


BLIND = yaml.safe_load((PROJECT_ROOT / "tests" / "data" / "asks_what_was_meant_blind.yaml").read_text())
CONTEXTS = {  # the interviewer's last question in each of the blind set's contexts, and the follow-up's criterion
    "ctx1": (QUESTION, FOLLOW_UP, "monitoring"),
    "ctx2": (QUESTION, "Going back to the distilled model: what alternative did you consider, and why did you not choose it?",
             "tradeoffs"),
    "ctx3": (QUESTION, None, None),
    "ctx4": ("bh-pm-disagreed", None, None),
}
STORY = Question(id="bh-pm-disagreed", text="Tell me about a time you disagreed with a product manager about a launch. What happened?",
                 source="written", criteria=["stakeholder_management", "communication", "structure"])  # as the writer saw it
READ_AS = {  # what each label may be read as
    "meant": {"meant"}, "repeat": {"repeat", "meant"}, "problem": {"problem", "problem+answer"},
    "answer": {"answer", "problem+answer"}, "pass": {"answer"},
}


def test_a_blind_set_of_turns_is_read_as_its_writer_meant(catalog: Catalog) -> None:
    """First read 46 of 64 (asking what was meant 9 of 24); 63 now: "alternative in what sense?" names a word before
    it, which is read as a term of the problem, as "'dramatic' in what sense?" is."""
    loop = catalog.loop(LOOP)
    bank = {q.id: q for r in loop.rounds for q in r.questions} | {STORY.id: STORY}
    misses = []
    for case in BLIND:
        question_id, last, criterion = CONTEXTS[case["context"]]
        question = bank[question_id]
        round_ = next((r for r in loop.rounds if question in r.questions), loop.round("behavioral"))

        def probes(crit: str, round_=round_) -> list[str]:
            return [*next((c.probes for c in round_.criteria if c.id == crit), []), *catalog.criterion(loop, crit).probes]

        said = rephrased_for(last or question.text, criterion, question, lambda c: catalog.criterion(loop, c), probes)
        read = read_turn(case["turn"], question, last or question.text, said)
        kind = ("answer" if read is None else "meant" if any(a.rephrase for a in read.asks) else
                "repeat" if any(a.repeat for a in read.asks) else "problem+answer" if read.also_answer else "problem")
        if kind not in READ_AS[case["expect"]]:
            misses.append((case["id"], case["expect"], kind, case["turn"]))
    assert len(misses) <= 1, misses


def test_a_looking_back_question_is_named_as_it_was_planned(catalog: Catalog, question: Question) -> None:
    loop = catalog.loop(LOOP)
    impact = catalog.criterion(loop, "impact")
    assert impact.looking_back is not None
    asked = f'You said "we never looked at numbers": {impact.looking_back[0].lower()}{impact.looking_back[1:]}'
    said = rephrased_for(asked, "impact", question, lambda c: catalog.criterion(loop, c), lambda c: impact.probes)
    assert said == f"I'm asking about {impact.title.lower()}: {impact.looking_back[0].lower()}{impact.looking_back[1:]}"
