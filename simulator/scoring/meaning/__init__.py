"""The evidence model: answers read by meaning (sentence embeddings, polarity, a small ordinal model).

`default_model()` is the process-wide model: its embedder loads lazily, once,
and `warm_up()` starts that load in the background so the first scored answer
does not wait for it. `configure(models_dir)` says where the converted model
lives (the scoring commands call it with their flags' models dir; elsewhere
the configured one is used).
"""

from __future__ import annotations

import threading
from pathlib import Path

from .detectors import load_detectors
from .embedder import Embedder, EmbedderUnavailable
from .model import Assessment, EvidenceModel, load_weights

__all__ = ["Assessment", "EmbedderUnavailable", "EvidenceModel", "configure", "default_model", "reload_default_model"]

_lock = threading.Lock()
_models_dir: Path | None = None
_model: EvidenceModel | None = None


def configure(models_dir: Path) -> None:
    """Use `models_dir` for the embedding model from now on (a new model is made on next use)."""
    global _models_dir, _model
    with _lock:
        if models_dir != _models_dir:
            _models_dir, _model = models_dir, None


def reload_default_model() -> None:
    """Read the weights and detectors again on next use (after train-scorer wrote new ones)."""
    global _model
    with _lock:
        _model = None


def _directory() -> Path:
    """Where no caller said (`run`, the app), the configured models dir: INTERVIEW_SIM_MODELS_DIR and the config file
    count. Played (2026-12-06): `run` wrote the 90 MB converted model into the checkout with both pointing elsewhere."""
    if _models_dir is not None:
        return _models_dir
    from ...config import ConfigError, default_data_dir, load_settings

    try:
        return load_settings().models_dir
    except ConfigError:  # a broken config is reported where it is read; the model still loads
        return default_data_dir() / "models"


def default_model() -> EvidenceModel:
    global _model
    with _lock:
        if _model is None:
            _model = EvidenceModel(Embedder(_directory()), load_weights(), load_detectors())
        return _model


def training_model() -> EvidenceModel:
    """The embedder without the committed weights: train-scorer must run when those are stale (new features)."""
    with _lock:
        return EvidenceModel(Embedder(_directory()), None)
