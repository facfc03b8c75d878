"""Mutated rubric and persona files never crash the loader: they validate or give located problems.

Teams edit these files by hand, so half-written YAML is the normal case. The
mutations are the slips people make (a deleted or doubled line, wrong indent, a
list where a string belongs, stray text, a file cut short, swapped lines),
applied to the repo's real files, copied to a tmp dir with their cross-references
(criteria, personas, templates) so the loop and persona checks run too.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from simulator.catalog import collect
from simulator.catalog.yaml_nodes import duplicate_keys, parse

REPO = Path(__file__).resolve().parents[1]

# The files mutated, relative to the catalog root (the tmp copy mirrors rubrics/ and personas/).
TARGETS: dict[str, str] = {
    **{f"rubrics/{p.name}": p.read_text(encoding="utf-8") for p in sorted((REPO / "rubrics").glob("*.yaml"))},
    "personas/hiring-manager.yaml": (REPO / "personas" / "hiring-manager.yaml").read_text(encoding="utf-8"),
    "personas/templates/interviewer.j2": (REPO / "personas" / "templates" / "interviewer.j2").read_text(encoding="utf-8"),
}

KEY_VALUE = re.compile(r"^(\s*(?:-\s+)?[\w-]+:\s+)(\S.*)$")
OTHER_TYPES = ["[]", "{}", "[a, b]", "{a: 1}", "123", "-1.5", "1e400", ".nan", "true", "null", "~", "''", '"\\u2603"', "*x", "&x y", "!!binary aGk=", "|", "2024-01-01"]
YAML_BITS = [":", ": ", "- ", "-", "{", "}", "[", "]", ",", "&a ", "*a", "!!str ", "|", ">", "#", "'", '"', "\t", "? ", "---", "...", "%YAML 1.1", "{{", "}}", "{%", "%}", "{{ nope }}", "\x00", "\ufeff", "\u2028", "é", "🙂"]

Lines = list[str]
Mutation = Callable[[st.DrawFn, Lines], Lines]


def _index(draw: st.DrawFn, lines: Lines, extra: int = 0) -> int:
    return draw(st.integers(0, max(len(lines) - 1 + extra, 0)))


def delete_key(draw: st.DrawFn, lines: Lines) -> Lines:
    keyed = [i for i, line in enumerate(lines) if ":" in line] or list(range(len(lines)))
    if not keyed:
        return lines
    i = draw(st.sampled_from(keyed))
    return lines[:i] + lines[i + 1 :]


def duplicate_line(draw: st.DrawFn, lines: Lines) -> Lines:
    if not lines:
        return lines
    i = _index(draw, lines)
    return lines[: i + 1] + lines[i:]


def reindent(draw: st.DrawFn, lines: Lines) -> Lines:
    if not lines:
        return lines
    i = _index(draw, lines)
    delta = draw(st.integers(-4, 4))
    stripped = lines[i].lstrip(" ")
    indent = max(len(lines[i]) - len(stripped) + delta, 0)
    return lines[:i] + [" " * indent + stripped] + lines[i + 1 :]


def retype_scalar(draw: st.DrawFn, lines: Lines) -> Lines:
    keyed = [i for i, line in enumerate(lines) if KEY_VALUE.match(line)]
    if not keyed:
        return lines
    i = draw(st.sampled_from(keyed))
    match = KEY_VALUE.match(lines[i])
    assert match is not None
    value = draw(st.sampled_from(OTHER_TYPES) | st.text(max_size=12))
    return lines[:i] + [match.group(1) + value] + lines[i + 1 :]


def insert_text(draw: st.DrawFn, lines: Lines) -> Lines:
    text = "\n".join(lines)
    at = draw(st.integers(0, len(text)))
    junk = draw(st.lists(st.sampled_from(YAML_BITS) | st.text(max_size=8), min_size=1, max_size=4))
    return (text[:at] + "".join(junk) + text[at:]).split("\n")


def truncate(draw: st.DrawFn, lines: Lines) -> Lines:
    text = "\n".join(lines)
    return text[: draw(st.integers(0, len(text)))].split("\n")


def swap_lines(draw: st.DrawFn, lines: Lines) -> Lines:
    if len(lines) < 2:
        return lines
    i, j = _index(draw, lines), _index(draw, lines)
    lines = list(lines)
    lines[i], lines[j] = lines[j], lines[i]
    return lines


MUTATIONS: list[Mutation] = [delete_key, duplicate_line, reindent, retype_scalar, insert_text, truncate, swap_lines]


@st.composite
def mutated_file(draw: st.DrawFn) -> tuple[str, str]:
    """(relative path, mutated text) of one target, after one to three mutations."""
    name = draw(st.sampled_from(sorted(TARGETS)))
    lines = TARGETS[name].split("\n")
    for mutation in draw(st.lists(st.sampled_from(MUTATIONS), min_size=1, max_size=3)):
        lines = mutation(draw, lines)
    return name, "\n".join(lines)


@pytest.fixture(scope="module")
def catalog_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repo's criteria, loops, personas and templates, copied once: each example rewrites one file."""
    root = tmp_path_factory.mktemp("catalog")
    shutil.copytree(REPO / "personas", root / "personas")
    (root / "rubrics").mkdir()
    for name, text in TARGETS.items():
        (root / name).write_text(text, encoding="utf-8")
    return root


def _inputs(root: Path, name: str) -> list[Path]:
    """What to load for a mutated `name`: it plus what it refers to, and no more (keeps 150 examples fast)."""
    if name.startswith("personas/"):
        return [root / "personas"]
    if name == "rubrics/criteria.yaml":
        return [root / name]
    return [root / name, root / "rubrics" / "criteria.yaml", root / "personas"]


def _line_counts(root: Path) -> dict[str, int]:
    """Lines of every file a problem may name, counted generously (any Unicode line break counts)."""
    files = [*root.glob("rubrics/*.yaml"), *root.glob("personas/*.yaml"), *root.glob("personas/templates/*")]
    return {str(p): len(p.read_text(encoding="utf-8", errors="replace").splitlines()) for p in files}


@contextmanager
def written(path: Path, text: str) -> Iterator[None]:
    """`path` holds `text` for the block, then its original content again (the tmp catalog is shared)."""
    original = path.read_bytes()
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    try:
        yield
    finally:
        path.write_bytes(original)


@pytest.mark.parametrize("name", sorted(TARGETS))
def test_the_unmutated_copies_load_without_crashing(catalog_root: Path, name: str) -> None:
    collect(_inputs(catalog_root, name))


@settings(max_examples=150, deadline=None)
@given(mutated_file())
def test_mutated_files_never_crash_and_every_problem_is_located(catalog_root: Path, case: tuple[str, str]) -> None:
    name, text = case
    with written(catalog_root / name, text):
        _, problems = collect(_inputs(catalog_root, name))
        counts = _line_counts(catalog_root)
    for problem in problems:
        assert problem.file in counts, f"problem names a file outside the catalog: {problem}"
        assert 1 <= problem.line <= counts[problem.file] + 1, f"line out of range: {problem}"
        assert problem.path.strip(), f"empty field path: {problem}"
        assert problem.message.strip(), f"empty message: {problem}"
        assert "\n" not in str(problem), f"a problem must print as one line: {problem!r}"


def test_an_empty_key_written_twice_is_named() -> None:
    """Found by the fuzz test below (2026-12-06): "? # a" twice at the top of a persona file is an empty key written
    twice, and the problem had no field to point at."""
    assert duplicate_keys(parse("? # a\n? # b\nkind: persona\n").root) == [(2, "(empty key)")]
