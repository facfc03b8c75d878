"""Build the LLM client the settings ask for, with the embedded model as the fallback."""

from __future__ import annotations

from ..config import Settings
from .client import EmbeddedRuntime, LLMClient


def build_llm(settings: Settings) -> LLMClient:
    embedded = EmbeddedRuntime(
        settings.models_dir,
        threads=settings.llm.threads,
        model=settings.llm.embedded,
        log_path=settings.data_dir / "logs" / "embedded-llm.log",
    )
    return LLMClient(settings.llm, embedded=embedded)
