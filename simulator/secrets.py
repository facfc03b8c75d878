"""Keep API keys out of logs, errors, the database and exports.

Keys are only read from the environment; anything printed or stored passes
through `redact`, which removes the values of every key-like environment
variable and anything shaped like a provider key.
"""

from __future__ import annotations

import os
import re

_KEY_NAME = re.compile(r"(API_KEY|_TOKEN|SECRET|PASSWORD)", re.IGNORECASE)
_KEY_SHAPE = re.compile(r"\b(sk|pk|rk|sess|key|ghp|gho|xox[abp])[-_][A-Za-z0-9_\-]{12,}\b")
MASK = "****"


def secret_values() -> list[str]:
    """Values of environment variables whose names look like credentials (longest first)."""
    values = {v for k, v in os.environ.items() if _KEY_NAME.search(k) and len(v) >= 6}
    return sorted(values, key=len, reverse=True)


def redact(text: str) -> str:
    for value in secret_values():
        text = text.replace(value, MASK)
    return _KEY_SHAPE.sub(MASK, text)

