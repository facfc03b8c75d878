"""Defensive secret stripping for config snapshots before they reach the database or an export.

`Settings.redacted()` already drops the API key; this is the second fence for any
caller that passes a raw dict: every key whose name mentions a secret is dropped,
and so is any SecretStr value, at any depth.
"""

from __future__ import annotations

from typing import Any

from pydantic import SecretBytes, SecretStr

SECRET_KEY_PARTS = ("key", "token", "secret", "password")


def is_secret_name(name: str) -> bool:
    lowered = name.lower()
    return any(part in lowered for part in SECRET_KEY_PARTS)


def strip_secrets(value: Any) -> Any:
    """A JSON-ready copy of `value` without secret-named keys or secret values."""
    if isinstance(value, dict):
        return {
            str(k): strip_secrets(v)
            for k, v in value.items()
            if not is_secret_name(str(k)) and not isinstance(v, (SecretStr, SecretBytes))
        }
    if isinstance(value, (list, tuple, set, frozenset)):
        return [strip_secrets(v) for v in value if not isinstance(v, (SecretStr, SecretBytes))]
    if isinstance(value, (SecretStr, SecretBytes)):
        return None
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)
