"""Import boundaries: a declared layer order, Textual kept in the UI, fast commands kept fast.

The layers, lowest first. A module may import its own layer and the layers below
it, never one above; packages within one layer must not import each other in a
cycle. Relative imports count as much as absolute ones, and so do imports under
`if TYPE_CHECKING:` (a type is a dependency too).

Textual belongs to simulator/tui/ only, so the engine, scoring and store run
headless (tests, `interview-sim run`, CI). And `interview-sim loops` or
`rubric validate` must not pay for loading litellm, Textual, Whisper or
llama.cpp, which take seconds: commands import them lazily, inside the command.
"""

from __future__ import annotations

import ast
import json
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "simulator"
HEAVY = ("litellm", "textual", "faster_whisper", "llama_cpp")

# Lowest first. The top-level modules (config, secrets, logs, textsafe, checksums, startup, cores) are
# leaves everything may use; sandbox runs candidate code and knows only the catalog.
# takehome (a take-home's repository, its measured hand-in and its score) sits beside
# scoring: the review conversation is a round, driven from interview/ like the others.
LAYERS: list[tuple[str, ...]] = [
    ("catalog", "config", "secrets", "logs", "textsafe", "checksums", "startup", "cores"),
    ("engine", "sandbox"),
    ("llm", "speech", "scoring", "takehome"),
    ("store",),
    ("interview",),
    ("tui", "commands", "bench"),
    ("cli", "__main__"),
]
RANK = {unit: rank for rank, units in enumerate(LAYERS) for unit in units}

# Imports against the order that are known and owned: (importing module, imported module prefix).
ALLOWED_UPWARD = {
    # `rubric validate` runs each SQL problem's reference query through the very harness the sandbox
    # runs (a stdlib-only module copied into the sandbox as a file), so a wrong expected result is
    # caught in the YAML; imported lazily, inside the check, and it imports nothing of simulator.
    ("simulator.catalog.exercise_checks", "simulator.sandbox.sql_harness"),
}


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def unit_of(module: str) -> str:
    """The layer unit of a simulator module: its subpackage, or the top-level module's name."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def imported_modules(tree: ast.AST) -> list[tuple[int, str]]:
    """(line, absolute module name) of every absolute import, including importlib.import_module("...") with a literal."""
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


def resolved_imports(path: Path, root: Path) -> list[tuple[int, str]]:
    """(line, absolute module) of every import in `path`, relative ones resolved against its package.

    `from . import x` yields `package.x` when x is a module, else `package` (x is a name in it).
    """
    module = module_name(path, root)
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = imported_modules(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level > 0:
            base = package[: len(package) - (node.level - 1)]
            if node.module:
                found.append((node.lineno, ".".join([*base, node.module])))
            else:
                for alias in node.names:
                    # `from .. import x`: a submodule if there is one, otherwise a name in the package itself.
                    candidate = root.joinpath(*base, alias.name)
                    is_module = candidate.with_suffix(".py").is_file() or candidate.is_dir()
                    found.append((node.lineno, ".".join([*base, alias.name] if is_module else base)))
    return found


def layer_violations(root: Path) -> list[str]:
    """Every import in `root`/simulator that goes up the declared order, or into an undeclared unit."""
    problems = []
    for path in sorted((root / "simulator").rglob("*.py")):
        importer = module_name(path, root)
        mine = unit_of(importer)
        if mine != "__init__" and mine not in RANK:
            problems.append(f"{path.relative_to(root)}: `{mine}` is in no layer; add it to LAYERS")
            continue
        for line, imported in resolved_imports(path, root):
            if imported.split(".")[0] != "simulator" or imported == "simulator":
                continue
            theirs = unit_of(imported)
            if theirs == mine or any(importer == a and imported.startswith(b) for a, b in ALLOWED_UPWARD):
                continue
            if theirs not in RANK:
                problems.append(f"{path.relative_to(root)}:{line}: imports {imported}, which is in no layer")
            elif mine != "__init__" and RANK[theirs] > RANK[mine]:
                problems.append(
                    f"{path.relative_to(root)}:{line}: {mine} (layer {RANK[mine]}) imports {imported} "
                    f"({theirs}, layer {RANK[theirs]}): only the same or lower layers"
                )
    return problems


def unit_cycles(root: Path) -> list[list[str]]:
    """Cycles between units (packages) of one layer, e.g. commands -> cli -> commands."""
    edges: dict[str, set[str]] = {}
    for path in (root / "simulator").rglob("*.py"):
        importer = module_name(path, root)
        mine = unit_of(importer)
        for _, imported in resolved_imports(path, root):
            allowed = any(importer == a and imported.startswith(b) for a, b in ALLOWED_UPWARD)
            if imported.startswith("simulator.") and unit_of(imported) != mine and not allowed:
                edges.setdefault(mine, set()).add(unit_of(imported))
    cycles = []
    for start in sorted(edges):
        stack = [(start, [start])]
        while stack:
            node, trail = stack.pop()
            for nxt in sorted(edges.get(node, ())):
                if nxt == start:
                    cycles.append([*trail, start])
                elif nxt not in trail and nxt > start:
                    stack.append((nxt, [*trail, nxt]))
    return cycles


def test_every_import_follows_the_declared_layer_order() -> None:
    problems = layer_violations(REPO)
    assert not problems, "imports against the layer order:\n" + "\n".join(problems)


def test_no_two_packages_import_each_other() -> None:
    cycles = unit_cycles(REPO)
    assert not cycles, "package import cycles:\n" + "\n".join(" -> ".join(cycle) for cycle in cycles)


def test_benchmarks_live_in_simulator_bench() -> None:
    strays = {
        str(path.relative_to(REPO))
        for path in PACKAGE.rglob("*bench*.py")
        # commands/bench.py is the click wiring of `interview-sim bench`, a command like the others
        if not path.is_relative_to(PACKAGE / "bench") and path != PACKAGE / "commands" / "bench.py"
    }
    assert not strays, strays


def test_the_layer_test_fails_on_a_planted_bad_import(tmp_path: Path) -> None:
    """Plant upward imports (absolute and relative) in a copy of the package and run this very file on it."""
    shutil.copytree(PACKAGE, tmp_path / "simulator", ignore=shutil.ignore_patterns("__pycache__"))
    (tmp_path / "tests").mkdir()
    shutil.copy(Path(__file__), tmp_path / "tests" / "test_architecture.py")
    engine = tmp_path / "simulator" / "engine"
    (engine / "planted_absolute.py").write_text("from simulator.store import Store\n")
    (engine / "planted_relative.py").write_text("from ..tui import app\n")
    (tmp_path / "simulator" / "store" / "planted_cycle.py").write_text("from ..interview import headless\n")
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_architecture.py",
         "-k", "declared_layer_order or import_each_other"],
        capture_output=True, text=True, cwd=tmp_path, timeout=300,
    )
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "2 failed" in proc.stdout, proc.stdout
    assert "simulator/engine/planted_absolute.py:1: engine (layer 1) imports simulator.store" in proc.stdout
    assert "simulator/engine/planted_relative.py:1: engine (layer 1) imports simulator.tui (tui, layer 5)" in proc.stdout
    assert "simulator/store/planted_cycle.py:1: store (layer 3) imports simulator.interview (interview, layer 4)" in proc.stdout
    assert "interview -> store -> interview" in proc.stdout


def test_the_import_scanner_sees_every_form() -> None:
    """Guards the check below against passing because the scanner went blind."""
    source = "import textual.app\nfrom textual import events\nimportlib.import_module('textual.widgets')\nfrom . import textual\n"
    assert [name for _, name in imported_modules(ast.parse(source))] == ["textual.app", "textual", "textual.widgets"]


def test_only_simulator_tui_imports_textual() -> None:
    """The UI and the benchmark that drives it (above every layer) may; nothing else."""
    files = sorted(PACKAGE.rglob("*.py"))
    assert len(files) > 10
    offenders = [
        f"{path.relative_to(REPO)}:{line}: imports {name}"
        for path in files
        if not path.is_relative_to(PACKAGE / "tui") and path != PACKAGE / "bench" / "tui.py"
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


MAX_MODULE_LINES = 450


def test_no_module_is_too_long_to_read() -> None:
    """A module that grows past this is doing two things; split it (issue 16)."""
    long = {
        str(path.relative_to(REPO)): n
        for path in PACKAGE.rglob("*.py")
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    }
    assert long == {}


def _imports_of(path: Path) -> set[str]:
    return {name for _, name in resolved_imports(path, REPO)}


def test_screens_know_the_host_protocol_not_the_app() -> None:
    screens = sorted((PACKAGE / "tui" / "screens").glob("*.py"))
    assert len(screens) > 5
    offenders = [str(path.relative_to(REPO)) for path in screens if "simulator.tui.app" in _imports_of(path)]
    assert offenders == []


def test_help_reads_the_key_lists_not_the_screens() -> None:
    imported = _imports_of(PACKAGE / "tui" / "screens" / "help.py")
    assert not any(name.startswith("simulator.tui.screens.") for name in imported), imported


def test_only_the_app_opens_the_store_and_screens_go_through_the_services() -> None:
    """The UI reads and writes sessions through RoundService and SessionDesk (simulator/interview/).

    Screens may use the store's pure formatting (render) and its record types; only app.py
    imports the package that opens the database, to hand it to the services.
    """
    allowed = {"simulator.store.render", "simulator.store.records"}
    offenders = [
        f"{path.relative_to(REPO)}: {name}"
        for path in sorted((PACKAGE / "tui").rglob("*.py"))
        if path.name != "app.py"
        for name in _imports_of(path)
        if name.startswith("simulator.store") and name not in allowed
        and not _only_for_types(path, name)
    ]
    assert offenders == []


def _only_for_types(path: Path, module: str) -> bool:
    """True when every import of `module` in `path` sits under `if TYPE_CHECKING:` (a type, not a call)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    guarded: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
            guarded.update(child.lineno for stmt in node.body for child in ast.walk(stmt) if hasattr(child, "lineno"))
    lines = [line for line, name in resolved_imports(path, REPO) if name == module]
    return bool(lines) and all(line in guarded for line in lines)


LIFECYCLE_CALLS = {"create_session", "start_round", "save_score", "end_round", "end_session", "TurnRecorder", "RoundSession", "score_round"}
# `interview-sim rescore` adds a score to a stored round's history with a scorer of the coach's choice:
# it is not a step of a run, and keeps the round as it is.
# A take-home is scored by the round scorer on its review round, then three criteria are
# replaced by what was measured on the repository: that module is a scorer, not a step of a run.
LIFECYCLE_ELSEWHERE = {
    ("simulator/commands/scoring.py", "save_score"), ("simulator/commands/scoring.py", "score_round"),
    ("simulator/takehome/score.py", "score_round"),
}


def test_each_step_of_a_rounds_life_is_coded_once() -> None:
    """Create session, start round, record turns, score, end: only RoundService does them (the store defines them).

    A step is a call on a store (`store.create_session(...)`, `self.store.end_round(...)`), the scorer
    called by name, or a TurnRecorder / RoundSession made. Benchmarks time the store's API itself.
    """
    home = PACKAGE / "interview" / "lifecycle.py"
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path == home or any(path.is_relative_to(PACKAGE / d) for d in ("store", "scoring", "bench")):
            continue
        where = str(path.relative_to(REPO))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            if isinstance(func, ast.Attribute) and "store" in ast.unparse(func.value).lower():
                name = func.attr
            elif isinstance(func, ast.Name):
                name = func.id
            else:
                continue
            if name in LIFECYCLE_CALLS and (where, name) not in LIFECYCLE_ELSEWHERE:
                found.append(f"{where}:{node.lineno}: {name}")
    assert not found, "\n".join(found)
