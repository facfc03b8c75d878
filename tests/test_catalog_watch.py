"""Rubric edits are noticed and reloaded; a broken edit keeps the last good catalog and says why."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from simulator.catalog.watch import CatalogWatcher
from simulator.config import PROJECT_ROOT


def copy_catalog(tmp_path: Path) -> tuple[Path, Path]:
    rubrics, personas = tmp_path / "rubrics", tmp_path / "personas"
    shutil.copytree(PROJECT_ROOT / "rubrics", rubrics)
    shutil.copytree(PROJECT_ROOT / "personas", personas)
    return rubrics, personas


def touch_later(path: Path) -> None:
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))


def test_nothing_changed_means_no_reload(tmp_path: Path) -> None:
    watcher = CatalogWatcher(*copy_catalog(tmp_path))
    assert watcher.poll() is None


def test_an_edit_reloads_the_new_content(tmp_path: Path) -> None:
    rubrics, personas = copy_catalog(tmp_path)
    watcher = CatalogWatcher(rubrics, personas)
    loop_file = rubrics / "canva-mle.yaml"
    loop_file.write_text(loop_file.read_text().replace("minutes: 30", "minutes: 25", 1))
    touch_later(loop_file)
    reload = watcher.poll()
    assert reload is not None and reload.catalog is not None and not reload.problems
    assert reload.catalog.loop("canva-mle").rounds[0].minutes == 25
    assert watcher.poll() is None  # reported once


def test_a_broken_edit_reports_located_problems(tmp_path: Path) -> None:
    rubrics, personas = copy_catalog(tmp_path)
    watcher = CatalogWatcher(rubrics, personas)
    persona = personas / "recruiter.yaml"
    persona.write_text(persona.read_text() + "\nsurprise_key: 1\n")
    reload = watcher.poll()
    assert reload is not None and reload.catalog is None
    assert any(p.file.endswith("recruiter.yaml") and p.path == "surprise_key" and p.message == "unknown key" for p in reload.problems)
