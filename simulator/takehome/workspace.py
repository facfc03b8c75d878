"""A take-home's working directory: the repository the app writes out, and what happened in it before hand-in.

The candidate works there in their own editor (or the app's). A manifest beside
the files says which take-home it is, when it started and every run of the
provided tests, so the hand-in can say "ran the tests 4 times, first after 3
minutes" and the time box is measured from the real start, not from hand-in.
"""

from __future__ import annotations

import hashlib
import time
from datetime import UTC, datetime
from pathlib import Path

from pydantic import BaseModel, Field

from ..catalog import Catalog
from ..catalog.models import Loop, Round, TakeHome

MANIFEST = ".interview-sim-take-home.json"
WORKSPACES = "take-homes"
"""Where the app and `takehome start` put repositories by default: under the data dir."""
SKIPPED_DIRS = {".git", "__pycache__", ".pytest_cache", ".venv", "venv", ".mypy_cache", ".ruff_cache", "node_modules"}
RUNNER_NAMES = {"pytest", "_pytest", "py", "pluggy", "iniconfig", "sitecustomize", "usercustomize"}
"""Top-level modules a repository may not shadow: the test runner itself and Python's start-up hooks."""
MAX_FILES = 200
MAX_BYTES = 1 << 20
"""What the sandbox copies of a workspace: enough for a small repository, never a stray virtualenv."""


class WorkspaceError(Exception):
    """A friendly, precise reason a workspace cannot be created or read."""


class TestRun(BaseModel):
    """One run of the repository's tests from the app, before hand-in."""

    at_s: float = Field(ge=0, description="seconds since the take-home started")
    passed: int = Field(ge=0)
    total: int = Field(ge=0)


class Manifest(BaseModel):
    loop: str
    round: str
    take_home: str
    candidate: str
    created_at: str
    started_epoch: float
    minutes: int = Field(gt=0, description="the round's time box (self-paced: shown, not enforced)")
    provided: dict[str, str] = Field(description="path -> sha256 of each file as given")
    runs: list[TestRun] = Field(default_factory=list)
    app_session: str | None = Field(None, description="the app's session this take-home belongs to (to resume it)")
    session_id: str | None = Field(None, description="the stored session, once handed in")


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Workspace:
    """A take-home's directory and its manifest."""

    def __init__(self, root: Path, manifest: Manifest) -> None:
        self.root = root
        self.manifest = manifest

    # ---------------------------------------------------------------- creation and loading
    @classmethod
    def create(
        cls,
        root: Path,
        loop: Loop,
        rnd: Round,
        take_home: TakeHome,
        *,
        candidate: str,
        app_session: str | None = None,
        now: float | None = None,
    ) -> Workspace:
        """Write the repository into `root` (new or empty) and start the clock."""
        if root.exists() and (not root.is_dir() or any(root.iterdir())):
            raise WorkspaceError(f"{root} already exists and is not an empty directory; choose another --dir")
        root.mkdir(parents=True, exist_ok=True)
        for item in take_home.files:
            path = root / item.path
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(item.content, encoding="utf-8")
        started = time.time() if now is None else now
        manifest = Manifest(
            loop=loop.id, round=rnd.id, take_home=take_home.id, candidate=candidate,
            created_at=datetime.fromtimestamp(started, UTC).isoformat(timespec="seconds"), started_epoch=started,
            minutes=rnd.minutes, provided={f.path: digest(f.content) for f in take_home.files}, app_session=app_session,
        )  # fmt: skip
        workspace = cls(root, manifest)
        workspace.save()
        return workspace

    @classmethod
    def open(cls, root: Path) -> Workspace:
        path = root / MANIFEST
        if not path.is_file():
            raise WorkspaceError(f"{root} is not a take-home directory (no {MANIFEST}); start one with `interview-sim takehome start`")
        try:
            manifest = Manifest.model_validate_json(path.read_text(encoding="utf-8"))
        except ValueError as exc:
            raise WorkspaceError(f"{path} is damaged: {exc}") from exc
        return cls(root, manifest)

    @classmethod
    def of_session(cls, base: Path, app_session: str, round_id: str) -> Workspace | None:
        """The app session's workspace for a round, if one was started (to resume it after a restart)."""
        for manifest in sorted(base.glob(f"*/{MANIFEST}")):
            try:
                found = cls.open(manifest.parent)
            except WorkspaceError:
                continue
            if found.manifest.app_session == app_session and found.manifest.round == round_id:
                return found
        return None

    def save(self) -> None:
        (self.root / MANIFEST).write_text(self.manifest.model_dump_json(indent=2), encoding="utf-8")

    # ---------------------------------------------------------------- time
    def elapsed_s(self, now: float | None = None) -> float:
        return max(0.0, (time.time() if now is None else now) - self.manifest.started_epoch)

    def time_left_s(self, now: float | None = None) -> float:
        """Negative once the time box is over: the take-home is self-paced, the overrun is reported, not refused."""
        return self.manifest.minutes * 60.0 - self.elapsed_s(now)

    def record_run(self, passed: int, total: int, now: float | None = None) -> None:
        self.manifest.runs.append(TestRun(at_s=round(self.elapsed_s(now), 1), passed=passed, total=total))
        self.save()

    # ---------------------------------------------------------------- files
    def read(self, relative: str) -> str:
        path = self.root / relative
        return path.read_text(encoding="utf-8", errors="replace") if path.is_file() else ""

    def python_files(self) -> dict[str, str]:
        """Every .py file of the repository (relative path -> text), as the sandbox gets them.

        Skips virtualenvs, caches and VCS folders, and refuses a tree too big to be
        the take-home (a stray copy of site-packages) with a precise message.
        """
        found: dict[str, str] = {}
        size = 0
        for path in sorted(self.root.rglob("*.py")):
            relative = path.relative_to(self.root)
            if any(part in SKIPPED_DIRS or part.startswith(".") for part in relative.parts[:-1]) or not path.is_file():
                continue
            if relative.parts[0].removesuffix(".py") in RUNNER_NAMES:
                continue  # a pytest.py beside the tests would run instead of pytest and could report anything
            text = path.read_text(encoding="utf-8", errors="replace")
            size += len(text.encode("utf-8"))
            found[relative.as_posix()] = text
            if len(found) > MAX_FILES or size > MAX_BYTES:
                raise WorkspaceError(f"{self.root} holds more than {MAX_FILES} Python files or {MAX_BYTES >> 10} KiB; "
                                     "keep the take-home's repository small (move virtualenvs elsewhere)")  # fmt: skip
        return found

    def changed(self, relative: str) -> bool:
        """Whether a provided file differs from what was given (a provided test the candidate edited)."""
        given = self.manifest.provided.get(relative)
        return given is not None and digest(self.read(relative)) != given


def take_home_of(catalog: Catalog, workspace: Workspace) -> tuple[Loop, Round, TakeHome]:
    """The loop, round and take-home a workspace was created for, or WorkspaceError when the rubric changed."""
    manifest = workspace.manifest
    try:
        loop = catalog.loop(manifest.loop)
        rnd = loop.round(manifest.round)
        return loop, rnd, rnd.take_home(manifest.take_home)
    except KeyError as exc:
        raise WorkspaceError(f"the rubrics no longer have this take-home: {exc.args[0]}") from None
