"""The coding round's panel: the problem, the code editor, and the hidden tests' results.

A widget of its own so the interview screen only drives the round: the panel shows
a question's problem, runs the candidate's code against the hidden tests in the
sandbox (it blocks, so a thread worker) and posts `SandboxFinished` with the result,
which bubbles to the screen that turns it into the candidate's answer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static, TextArea
from textual.widgets.text_area import LanguageDoesNotExist

from .messages import SandboxFinished

if TYPE_CHECKING:
    from ..catalog import Question
    from ..sandbox import SandboxResult

IDLE_TEXT = "F5 runs the hidden tests and submits your solution."


class CodingPanel(Vertical):
    def __init__(self, **kwargs: str) -> None:
        super().__init__(**kwargs)
        self.loaded: str | None = None
        """The id of the question whose problem is shown."""
        self.running = False

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="problem-box"):
            yield Static("", id="problem")
        yield TextArea.code_editor("", language="python", id="code")
        yield Static(IDLE_TEXT, id="test-results")

    def show_problem(self, question: Question) -> None:
        """The problem statement and its starter code (once per question: the candidate's code is kept)."""
        if self.loaded == question.id:
            return
        self.loaded = question.id
        problem = question.problem
        statement = question.text
        if problem is not None:
            statement += f"\n\n{problem.brief()}"
        self.query_one("#problem", Static).update(statement)
        code = self.query_one("#code", TextArea)
        try:
            code.language = problem.language if problem else "python"
        except LanguageDoesNotExist:  # listed but no grammar installed (tree-sitter-sql): plain text
            code.language = None
        code.load_text(problem.starter if problem else "")
        self.query_one("#test-results", Static).update(IDLE_TEXT)

    def run_tests(self, question: Question) -> None:
        assert question.problem is not None
        self.running = True
        self.query_one("#test-results", Static).update(f"Running {len(question.problem.tests)} hidden tests…")
        self._run(self.query_one("#code", TextArea).text, question)

    @work(thread=True, exclusive=True, group="sandbox")
    def _run(self, code: str, question: Question) -> None:
        from ..sandbox import run_problem

        assert question.problem is not None
        try:
            result = run_problem(code, question.problem)  # Python or SQL: the same notice either way
        except Exception as exc:  # noqa: BLE001 - shown in the panel; the round goes on
            self.post_message(SandboxFinished(None, code, f"{type(exc).__name__}: {exc}"))
        else:
            self.post_message(SandboxFinished(result, code))

    def show_result(self, result: SandboxResult | None, error: str | None) -> None:
        self.running = False
        box = self.query_one("#test-results", Static)
        if result is None:
            box.update(f"Could not run the tests: {error}")
            return
        lines = [result.summary()]
        for test in result.tests:
            mark = "✓" if test.outcome == "passed" else "✗"
            detail = f" — {test.message.splitlines()[0][:70]}" if test.message and test.outcome != "passed" else ""
            lines.append(f"{mark} {test.name}: {test.outcome}{detail}")
        box.update("\n".join(lines))
