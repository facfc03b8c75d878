"""What the home screen's pickers offer, cached on disk so they work in the app's first frame.

Why: reading the rubrics means importing the catalog models and parsing every
YAML file (0.6-1 s on 2 busy cores, measured), which the pickers would wait for.
They need only ids and labels, so those are kept in a small JSON file keyed by
the rubric and persona files' paths, sizes and mtimes (and the app's version).
While the files are unchanged the pickers are filled before the first frame;
the full catalog still loads in a worker and replaces the menu when it arrives.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import BaseModel, ValidationError

from .. import __version__
from .assumed import loop_details, round_details, round_option

if TYPE_CHECKING:
    from ..catalog import Catalog

CATALOG_SUFFIXES = {".yaml", ".yml", ".j2"}


class TakeHomeChoice(BaseModel):
    id: str
    title: str


class RoundChoice(BaseModel):
    id: str
    label: str
    info: list[str] = []
    """What the home screen says about the round (stage, interviewer, time box, answers), each marked when assumed."""
    take_homes: list[TakeHomeChoice] = []


class LoopChoice(BaseModel):
    id: str
    label: str
    levels: list[str]
    rounds: list[RoundChoice]
    info: list[str] = []
    """What the home screen says about the whole loop."""

    def round(self, round_id: str) -> RoundChoice | None:
        return next((r for r in self.rounds if r.id == round_id), None)


class PersonaChoice(BaseModel):
    id: str
    label: str


class HomeMenu(BaseModel):
    loops: list[LoopChoice]
    personas: list[PersonaChoice]

    @classmethod
    def from_catalog(cls, catalog: Catalog) -> HomeMenu:
        return cls(
            loops=[
                LoopChoice(
                    id=loop.id, label=f"{loop.company} — {loop.role}", levels=list(loop.levels), info=loop_details(loop),
                    rounds=[
                        RoundChoice(
                            id=r.id, label=round_option(loop, r), info=round_details(loop, r, catalog.personas.get(r.persona)),
                            take_homes=[TakeHomeChoice(id=th.id, title=th.title) for th in r.take_homes],
                        )
                        for r in loop.rounds
                    ],
                )  # fmt: skip
                for loop in catalog.loops.values()
            ],
            personas=[PersonaChoice(id=p.id, label=f"{p.name} ({p.role})") for p in sorted(catalog.personas.values(), key=lambda x: x.id)],
        )

    def loop(self, loop_id: str) -> LoopChoice | None:
        return next((loop for loop in self.loops if loop.id == loop_id), None)


class _CachedMenu(BaseModel):
    signature: str
    menu: HomeMenu


def catalog_signature(*dirs: Path) -> str:
    """Changes whenever a rubric, persona or template file is added, removed or edited (or the app is upgraded)."""
    entries = []
    for base in dirs:
        if not base.is_dir():
            continue
        for path in base.rglob("*"):
            if path.suffix in CATALOG_SUFFIXES and path.is_file():
                stat = path.stat()
                entries.append(f"{path.resolve()}\0{stat.st_size}\0{stat.st_mtime_ns}")
    digest = hashlib.sha256(__version__.encode())
    for entry in sorted(entries):
        digest.update(entry.encode())
    return digest.hexdigest()


def cache_path(data_dir: Path) -> Path:
    return data_dir / "cache" / "home-menu.json"


def read_cached_menu(data_dir: Path, signature: str) -> HomeMenu | None:
    """The menu saved for exactly these files, or None (none saved, files changed, unreadable)."""
    try:
        cached = _CachedMenu.model_validate_json(cache_path(data_dir).read_bytes())
    except (OSError, ValidationError):
        return None
    return cached.menu if cached.signature == signature else None


def write_cached_menu(data_dir: Path, signature: str, menu: HomeMenu) -> None:
    """Save atomically (a killed app leaves the old file or the new one). A read-only data dir just means no cache."""
    target = cache_path(data_dir)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(f".{os.getpid()}.tmp")
        partial.write_text(_CachedMenu(signature=signature, menu=menu).model_dump_json(), encoding="utf-8")
        os.replace(partial, target)
    except OSError:
        return
