"""Where the evidence model's embedder lives when no command said: the configured models dir, not the checkout."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.scoring import meaning


def test_the_configured_models_dir_is_used_where_no_caller_said(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Played (2026-12-06): `interview-sim run` wrote the 90 MB converted embedding model into the checkout's
    transcripts/models while INTERVIEW_SIM_MODELS_DIR pointed elsewhere."""
    monkeypatch.setattr(meaning, "_model", meaning._model)  # restored after the test, as is the directory
    monkeypatch.setattr(meaning, "_models_dir", None)
    monkeypatch.setenv("INTERVIEW_SIM_MODELS_DIR", str(tmp_path / "models"))
    assert meaning._directory() == tmp_path / "models"
    meaning.configure(tmp_path / "other")  # a command's own flag wins
    assert meaning._directory() == tmp_path / "other"
