"""A typed clarifying question in the app: the interviewer answers it from the rubric's facts, on screen.

Canva's System Design round from the project's own rubrics (its questions carry
`facts`). The provider is down on purpose (DownLLM): a clarification needs no
model. What it proves: the reply is a `clarification` turn shown in the
transcript with a number from the question's facts, the same bank question
stays open, the round clock keeps running through the exchange, and the report
credits the question as requirements evidence.
"""

from __future__ import annotations

import re
from pathlib import Path

from textual.widgets import Select, Static, TextArea

from simulator.config import PROJECT_ROOT, Settings
from simulator.engine.clock import SimulatedClock
from simulator.engine.turns import Speaker, TurnKind
from simulator.tui.app import InterviewApp
from simulator.tui.screens.interview import InterviewScreen
from simulator.tui.screens.report import ReportScreen
from simulator.tui.widgets import Countdown, TurnView
from tui_helpers import DownLLM, StubRecognizer, wait_for

ASK = "Before I design anything: how much traffic does this get at peak, and what is the latency budget?"
ANSWER = ("Given that, I'd put a two-stage design behind the API: candidate retrieval from an ANN index, then a "
          "small ranker, with a canary rollout and a rollback if p95 latency goes over the budget.")


def shown(screen: InterviewScreen) -> str:
    return " ".join(str(v.render()) for v in screen.query(TurnView))


async def test_a_typed_clarifying_question_is_answered_on_screen_and_credited(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data", rubrics_dir=PROJECT_ROOT / "rubrics",
                        personas_dir=PROJECT_ROOT / "personas", ui={"theme": "textual-dark"})  # fmt: skip
    clock = SimulatedClock()
    app = InterviewApp(settings, clock_factory=lambda: clock, llm=DownLLM(), recognizer=StubRecognizer(), seed=1,
                       warm_models=False)  # fmt: skip
    async with app.run_test(size=(160, 50)) as pilot:
        loops = app.screen.query_one("#loop", Select)
        await wait_for(pilot, lambda: app.store is not None and any(v == "canva-mle" for _, v in loops._options), 20, "the loops")
        loops.value = "canva-mle"
        rounds = app.screen.query_one("#round", Select)
        await wait_for(pilot, lambda: any(v == "system-design" for _, v in rounds._options), 10, "the rounds")
        rounds.value = "system-design"
        await pilot.pause()
        await pilot.press("ctrl+n")
        await wait_for(pilot, lambda: isinstance(app.screen, InterviewScreen), 10, "the interview")
        screen = app.screen
        assert isinstance(screen, InterviewScreen) and screen.round.id == "system-design"
        await wait_for(pilot, lambda: not screen.busy, 10, "the first question")
        question = screen.session.engine.current_question
        assert question is not None and question.facts
        countdown = screen.query_one("#countdown", Countdown)
        before = str(countdown.render())

        screen.query_one("#answer", TextArea).insert(ASK)
        clock.advance(15)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not screen.busy and any(t.kind is TurnKind.CLARIFICATION for t in screen.session.turns),
                       20, "the clarification")  # fmt: skip
        reply = next(t for t in screen.session.turns if t.kind is TurnKind.CLARIFICATION)
        assert reply.speaker is Speaker.INTERVIEWER and reply.source == "facts"
        numbers = set(re.findall(r"\d[\d,.]*\d|\d", " ".join(f.text for f in question.facts)))
        assert any(n in reply.text for n in numbers), (reply.text, numbers)  # a concrete fact from the YAML
        assert reply.text in shown(screen)  # on screen, under the persona's name
        assert screen.session.engine.current_question == question  # the same bank question stays open
        assert not any(t.kind is TurnKind.FOLLOW_UP for t in screen.session.turns)

        # The clock kept running: the question and its answer cost round time, and the countdown shows it.
        assert screen.session.engine.elapsed() >= 15
        clock.advance(30)
        await wait_for(pilot, lambda: str(countdown.render()) != before, 10, "the countdown to move")
        assert screen.session.engine.elapsed() >= 45

        screen.query_one("#answer", TextArea).insert(ANSWER)
        clock.advance(30)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not screen.busy, 20, "the interviewer's next turn")
        answers = [t for t in screen.session.turns if t.speaker is Speaker.CANDIDATE]
        assert [t.text for t in answers] == [ASK, ANSWER]
        assert all(t.question_id == question.id for t in answers)

        await pilot.press("f9")
        await wait_for(pilot, lambda: isinstance(app.screen, ReportScreen), 20, "the report")
        report = app.screen
        assert isinstance(report, ReportScreen)
        await wait_for(pilot, lambda: report.outcome.score is not None, 60, "the score")
        score = report.outcome.score
        assert score is not None
        requirements = next(c for c in score.criteria if c.criterion == "requirements")
        assert requirements.level is not None and requirements.level >= 2, requirements
        criteria = str(report.query_one("#criteria", Static).render())
        assert "Requirements first" in criteria and "Requirements first: insufficient evidence" not in criteria, criteria

