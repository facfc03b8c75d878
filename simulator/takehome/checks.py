"""What the app measures on a take-home: test runs before hand-in, then the hand-in itself.

Every run goes through the sandbox (pytest in a confined subprocess), like a
coding round's hidden tests. At hand-in: the hidden tests against the handed-in
module alone (never the candidate's conftest.py or other files, which could
rewrite what pytest reports); the candidate's own tests against
their code and against the original module (a test that fails there catches a
planted bug); static checks of the module; and the planted spec and test issues
looked for in the assumptions file.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass

from ..catalog.models import TakeHome
from ..sandbox import SandboxLimits, SandboxResult, run_files
from .report import CODE_CHECKS, HandInReport
from .workspace import Workspace

HIDDEN_FILE = "test_hidden_take_home.py"
MAX_FUNCTION_LINES = 40


def _limits(take_home: TakeHome) -> SandboxLimits:
    return SandboxLimits(wall_s=take_home.time_limit_s)


def _is_test_file(relative: str) -> bool:
    name = relative.rsplit("/", 1)[-1]
    return name.startswith("test_") and name.endswith(".py") or name.endswith("_test.py")


def run_repo_tests(workspace: Workspace, take_home: TakeHome, *, module_text: str | None = None) -> SandboxResult:
    """Blocking: the repository's own tests (provided and added) against its module, or against `module_text`."""
    files = workspace.python_files()
    if module_text is not None:
        files[take_home.module] = module_text
    return run_files(files, None, target=".", limits=_limits(take_home))


def run_provided_tests(workspace: Workspace, take_home: TakeHome) -> SandboxResult:
    """Blocking: what "Run tests" does before hand-in; each run is logged in the workspace."""
    result = run_repo_tests(workspace, take_home)
    workspace.record_run(result.passed, result.total)
    return result


def run_hidden_tests(workspace: Workspace, take_home: TakeHome) -> SandboxResult:
    """Blocking: the hidden tests against the handed-in module, alone.

    Only the module is copied: none of the candidate's test files, conftest.py or
    other modules, any of which could change what pytest reports. The brief says
    the solution lives in that one file.
    """
    files = {take_home.module: workspace.read(take_home.module), HIDDEN_FILE: "\n\n".join(t.code for t in take_home.hidden_tests)}
    return run_files(files, take_home.hidden_tests, target=HIDDEN_FILE, limits=_limits(take_home))


# ---------------------------------------------------------------- the candidate's own tests
def test_functions(relative: str, source: str) -> set[str]:
    """Node ids (`path::name`, `path::Class::name`) of the test functions a test file defines."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return set()
    found: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name.startswith("test"):
            found.add(f"{relative}::{node.name}")
        elif isinstance(node, ast.ClassDef) and node.name.startswith("Test"):
            found |= {f"{relative}::{node.name}::{item.name}" for item in node.body
                      if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef) and item.name.startswith("test")}  # fmt: skip
    return found


def own_tests(workspace: Workspace, take_home: TakeHome) -> set[str]:
    """The test functions the candidate added: in the repository now, not in the files as given."""
    given = set().union(*(test_functions(f.path, f.content) for f in take_home.files if _is_test_file(f.path)))
    now = set().union(*(test_functions(path, text) for path, text in workspace.python_files().items() if _is_test_file(path)))
    return now - given


def _function_outcomes(result: SandboxResult) -> dict[str, bool]:
    """Per test function (parametrised cases folded): True when every case passed."""
    outcomes: dict[str, bool] = {}
    for test in result.tests:
        function = re.sub(r"\[.*\]$", "", test.name)
        outcomes[function] = outcomes.get(function, True) and test.outcome == "passed"
    return outcomes


# ---------------------------------------------------------------- code and assumptions
def code_checks(source: str) -> tuple[bool, list[str], list[str]]:
    """(parses, passed, failed) over CODE_CHECKS for the handed-in module."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return False, [], list(CODE_CHECKS)
    functions = [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)]
    public = [f for f in functions if not f.name.startswith("_")]

    def typed(f: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
        params = [*f.args.posonlyargs, *f.args.args, *f.args.kwonlyargs]
        params = [p for p in params if p.arg not in ("self", "cls")]
        return f.returns is not None and all(p.annotation is not None for p in params)

    def stub(f: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
        body = [s for s in f.body if not (isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant) and isinstance(s.value.value, str))]
        if not body:
            return True
        only = body[0] if len(body) == 1 else None
        if isinstance(only, ast.Pass) or (isinstance(only, ast.Expr) and isinstance(only.value, ast.Constant) and only.value.value is Ellipsis):
            return True
        return isinstance(only, ast.Raise) and "NotImplementedError" in ast.unparse(only)

    results = {
        "typed": bool(public) and all(typed(f) for f in public),
        "documented": bool(public) and all(ast.get_docstring(f) for f in public),
        "validates_inputs": any(isinstance(n, ast.Raise) and n.exc is not None for n in ast.walk(tree)),
        "no_bare_except": not any(isinstance(n, ast.ExceptHandler) and n.type is None for n in ast.walk(tree)),
        "no_print": not any(isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "print" for n in ast.walk(tree)),
        "short_functions": all((f.end_lineno or f.lineno) - f.lineno + 1 <= MAX_FUNCTION_LINES for f in functions),
        "no_stubs": not any(stub(f) for f in functions) and not re.search(r"\b(?:TODO|FIXME|XXX)\b", source),
    }
    return True, [name for name in CODE_CHECKS if results[name]], [name for name in CODE_CHECKS if not results[name]]


def assumption_text(raw: str) -> str:
    """The assumptions file without HTML comments (the template's prompt) and Markdown heading marks."""
    text = re.sub(r"<!--.*?-->", " ", raw, flags=re.S)
    return re.sub(r"(?m)^\s*#+\s*", "", text)


def flagged_issues(take_home: TakeHome, raw: str) -> tuple[list[str], list[str]]:
    """(flagged, missed): the planted spec and test issues the assumptions file mentions, by their patterns."""
    text = assumption_text(raw)
    flagged, missed = [], []
    for issue in take_home.issues:
        if issue.kind == "bug":
            continue
        hit = any(re.search(p, text, flags=re.IGNORECASE) for p in issue.patterns)
        (flagged if hit else missed).append(issue.id)
    return flagged, missed


def words(text: str) -> int:
    return len(re.findall(r"[A-Za-z0-9][\w'-]*", text))


# ---------------------------------------------------------------- hand-in
@dataclass
class HandIn:
    """Everything measured at hand-in: the hidden-test run, the report, and the handed-in text for the transcript."""

    hidden: SandboxResult
    report: HandInReport
    answer: str


def handed_in_text(workspace: Workspace, take_home: TakeHome) -> str:
    """The candidate's side of the hand-in, as one answer turn: assumptions, module, added or changed test files."""
    assumptions = re.sub(r"<!--.*?-->\n?", "", workspace.read(take_home.assumptions_file), flags=re.S).strip()
    parts = [f"{take_home.assumptions_file}:\n{assumptions}",
             f"{take_home.module}:\n{workspace.read(take_home.module).rstrip()}"]  # fmt: skip
    given = {f.path for f in take_home.files}
    for path, text in workspace.python_files().items():
        if _is_test_file(path) and (path not in given or workspace.changed(path)):
            label = "added" if path not in given else "changed"
            parts.append(f"{path} ({label}):\n{text.rstrip()}")
    return "\n\n".join(parts)


def hand_in(workspace: Workspace, take_home: TakeHome, *, original_module: str | None = None) -> HandIn:
    """Blocking (three sandbox runs): measure the handed-in repository."""
    original = original_module if original_module is not None else next(f.content for f in take_home.files if f.path == take_home.module)
    hidden = run_hidden_tests(workspace, take_home)
    mine = own_tests(workspace, take_home)
    own_passing = own_catching = 0
    if mine:
        on_handed_in = _function_outcomes(run_repo_tests(workspace, take_home))
        on_original = _function_outcomes(run_repo_tests(workspace, take_home, module_text=original))
        passing = {t for t in mine if on_handed_in.get(t)}
        own_passing = len(passing)
        own_catching = sum(1 for t in passing if on_original.get(t) is False)
    parses, passed, failed = code_checks(workspace.read(take_home.module))
    raw = workspace.read(take_home.assumptions_file)
    flagged, missed = flagged_issues(take_home, raw)
    report = HandInReport(
        take_home=take_home.id, own_tests=len(mine), own_passing=own_passing, own_catching=own_catching,
        provided_runs=len(workspace.manifest.runs),
        edited_provided=sorted(f.path for f in take_home.files if _is_test_file(f.path) and workspace.changed(f.path)),
        code_passed=passed, code_failed=failed, parses=parses, readme_words=words(assumption_text(raw)),
        flagged=flagged, missed=missed, minutes_used=round(workspace.elapsed_s() / 60.0, 1), minutes=workspace.manifest.minutes,
    )  # fmt: skip
    return HandIn(hidden=hidden, report=report, answer=handed_in_text(workspace, take_home))
