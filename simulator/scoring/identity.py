"""Scorer identity: which scorer, model and rubric produced a score (for re-scoring and comparison)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

from ..catalog.models import Criterion


def rubric_hash(files: Iterable[Path] = (), criteria: Iterable[Criterion] = ()) -> str:
    """sha256 over the rubric files' bytes (sorted by name), else over the criterion definitions used."""
    digest = hashlib.sha256()
    paths = sorted({Path(f) for f in files}, key=lambda p: (p.name, str(p)))
    if paths:
        for path in paths:
            digest.update(path.name.encode())
            digest.update(b"\0")
            digest.update(path.read_bytes())
            digest.update(b"\0")
    else:
        for crit in sorted(criteria, key=lambda c: c.id):
            digest.update(crit.model_dump_json().encode())
    return digest.hexdigest()


def rubric_files(all_files: Iterable[Path], loop_id: str | None) -> list[Path]:
    """The files a loop's scores depend on: the shared criteria file(s) and the loop's own file."""
    wanted = {"criteria.yaml", "criteria.yml"}
    if loop_id:
        wanted |= {f"{loop_id}.yaml", f"{loop_id}.yml"}
    return [p for p in all_files if Path(p).name in wanted]
