"""Logging to a file in the data dir, with every record passed through secret redaction.

Nothing is logged to the terminal: the app owns the screen and `--json`
commands own stdout. Problems users must see are shown as notices instead.
"""

from __future__ import annotations

import logging
from pathlib import Path

from .secrets import redact


class RedactingFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = redact(record.getMessage())
        record.args = None
        return True


def configure_logging(data_dir: Path, level: int = logging.INFO) -> Path:
    log_dir = data_dir / "logs"
    log_dir.mkdir(parents=True, exist_ok=True)
    path = log_dir / "interview-sim.log"
    root = logging.getLogger()
    if any(getattr(h, "_interview_sim", False) for h in root.handlers):
        return path
    handler = logging.FileHandler(path, encoding="utf-8")
    handler._interview_sim = True  # type: ignore[attr-defined]
    handler.addFilter(RedactingFilter())
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(level)
    for noisy in ("LiteLLM", "litellm", "httpx", "httpcore", "openai"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    return path
