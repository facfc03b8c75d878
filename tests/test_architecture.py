"""Import boundaries that keep the fast commands fast and the UI replaceable.

Textual belongs to simulator/tui/ only, so the engine, scoring and store run
headless (tests, `interview-sim run`, CI). And `interview-sim loops` or
`rubric validate` must not pay for loading litellm, Textual, Whisper or
llama.cpp, which take seconds: commands import them lazily, inside the command.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "simulator"
HEAVY = ("litellm", "textual", "faster_whisper", "llama_cpp")


def imported_modules(tree: ast.AST) -> list[tuple[int, str]]:
    """(line, absolute module name) of every import, including importlib.import_module("...") with a literal."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module))
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, (ast.Attribute, ast.Name))
            and (node.func.attr if isinstance(node.func, ast.Attribute) else node.func.id) in {"import_module", "__import__"}
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            found.append((node.lineno, node.args[0].value))
    return found


def test_the_import_scanner_sees_every_form() -> None:
    """Guards the check below against passing because the scanner went blind."""
    source = "import textual.app\nfrom textual import events\nimportlib.import_module('textual.widgets')\nfrom . import textual\n"
    assert [name for _, name in imported_modules(ast.parse(source))] == ["textual.app", "textual", "textual.widgets"]


def test_only_simulator_tui_imports_textual() -> None:
    files = sorted(PACKAGE.rglob("*.py"))
    assert len(files) > 10
    offenders = [
        f"{path.relative_to(REPO)}:{line}: imports {name}"
        for path in files
        if not path.is_relative_to(PACKAGE / "tui")
        for line, name in imported_modules(ast.parse(path.read_text(encoding="utf-8"), filename=str(path)))
        if name.split(".")[0] == "textual"
    ]
    assert offenders == []


def test_importing_the_cli_loads_no_heavy_library() -> None:
    code = (
        "import json, sys\n"
        "import simulator.cli\n"
        f"heavy = {HEAVY!r}\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in heavy)))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == []


def test_the_subprocess_check_would_see_a_heavy_import() -> None:
    """The same probe, importing one heavy library on purpose, must report it (so an empty list means something)."""
    code = "import json, sys\nimport textual.app\nprint(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] == 'textual')))\n"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "textual" in json.loads(proc.stdout)
