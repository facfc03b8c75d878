"""Notice rubric and persona edits so the app reloads them without a restart.

Teams edit YAML while the app is open; polling file signatures (path, size,
mtime) is enough at a one-second cadence and needs no extra dependency.
A reload that fails keeps the last good catalog and reports the problems.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .loader import Catalog, Problem, collect

WATCHED_SUFFIXES = {".yaml", ".yml", ".j2"}


def _signature(dirs: list[Path]) -> frozenset[tuple[str, int, int]]:
    entries = set()
    for base in dirs:
        if not base.is_dir():
            continue
        for path in base.rglob("*"):
            if path.suffix in WATCHED_SUFFIXES and path.is_file():
                stat = path.stat()
                entries.add((str(path), stat.st_size, stat.st_mtime_ns))
    return frozenset(entries)


@dataclass
class Reload:
    """The outcome of a changed catalog: the new one, or why the last good one is kept."""

    catalog: Catalog | None
    problems: list[Problem] = field(default_factory=list)


class CatalogWatcher:
    def __init__(self, rubrics_dir: Path, personas_dir: Path) -> None:
        self.dirs = [rubrics_dir, personas_dir]
        self._seen = _signature(self.dirs)

    def poll(self) -> Reload | None:
        """None when nothing changed; otherwise the reloaded catalog or its problems. Blocking (file I/O)."""
        current = _signature(self.dirs)
        if current == self._seen:
            return None
        self._seen = current
        catalog, problems = collect(self.dirs)
        return Reload(catalog=None if problems else catalog, problems=problems)
