"""A finished round as the report screen needs it (kept out of models.py: it loads the scoring models)."""

from __future__ import annotations

from pydantic import BaseModel

from ..engine.turns import Turn
from ..scoring.models import RoundScore


class RoundOutcome(BaseModel):
    """A finished round as the report screen needs it."""

    session_id: str
    round_row: int
    loop_id: str
    round_id: str
    candidate: str
    reason: str
    turns: list[Turn]
    fallbacks: int = 0
    score: RoundScore | None = None
    notes: str = ""
