"""What every catalog model shares: the strict base model, the id patterns and the regex check."""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict

KEBAB = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
SNAKE = r"^[a-z][a-z0-9_]*$"


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def compiled_or_error(patterns: list[str]) -> list[str]:
    """The patterns unchanged, or a ValueError naming the first one that does not compile."""
    for pattern in patterns:
        try:
            re.compile(pattern)
        except (re.error, OverflowError, RecursionError) as exc:  # huge {n} or deep nesting raise the latter two
            raise ValueError(f"invalid regex {pattern!r}: {exc}") from exc
    return patterns
