"""What the store hands out: pydantic records for sessions, rounds, scores, coach review and search hits.

Database row ids (`row` fields) are excluded from dumps: they are local to one
database file, so an exported session imported elsewhere dumps identically.
They are still on the objects because callers need them (`add_turn(round.row, ...)`).
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from ..engine.turns import Turn
from ..scoring.models import RoundScore

SESSION_RUNNING = "running"
SESSION_COMPLETED = "completed"
SESSION_INTERRUPTED = "interrupted"
UNFINISHED_STATUSES = (SESSION_RUNNING, SESSION_INTERRUPTED)


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ScoreRecord(_Record):
    """One stored machine score of a round; re-scoring adds another, never replaces."""

    row: int | None = Field(None, exclude=True)
    stored_at: str
    score: RoundScore


class NoteRecord(_Record):
    row: int | None = Field(None, exclude=True)
    round_id: str | None = None
    turn_index: int | None = Field(None, ge=0)
    coach: str
    text: str
    created_at: str


class OverrideRecord(_Record):
    """A coach's level for one criterion of one round, with the reason. The latest one wins."""

    row: int | None = Field(None, exclude=True)
    round_id: str
    criterion: str
    level: int = Field(ge=1, le=4)
    reason: str = Field(min_length=1)
    coach: str
    created_at: str


class CoachFlagRecord(_Record):
    """A coach ticking (or clearing) one of a round's coach-only red flags. The latest per flag holds."""

    row: int | None = Field(None, exclude=True)
    round_id: str
    flag: str = Field(min_length=1)
    raised: bool
    coach: str
    created_at: str


class RoundRecord(_Record):
    row: int | None = Field(None, exclude=True)
    position: int = Field(ge=0)
    round_id: str
    persona: str
    seed: int | None = None
    status: str
    started_at: str
    ended_at: str | None = None
    turns: list[Turn] = Field(default_factory=list)
    scores: list[ScoreRecord] = Field(default_factory=list, description="every machine score, oldest first")

    @property
    def score(self) -> RoundScore | None:
        """The latest machine score, if the round was scored."""
        return self.scores[-1].score if self.scores else None

    @property
    def next_index(self) -> int:
        """The turn index a resumed run continues with."""
        return self.turns[-1].index + 1 if self.turns else 0


class SessionRecord(_Record):
    """A whole session as stored: what review screens, exports and resume read."""

    id: str = Field(pattern=r"^[0-9a-f]{32}$")
    candidate: str = Field(min_length=1)
    loop: str
    level: str | None = None
    model: str
    mode: str
    config: dict[str, Any] = Field(default_factory=dict)
    status: str
    started_at: str
    ended_at: str | None = None
    rounds: list[RoundRecord] = Field(default_factory=list)
    notes: list[NoteRecord] = Field(default_factory=list)
    overrides: list[OverrideRecord] = Field(default_factory=list, description="oldest first; the latest per criterion wins")
    coach_flags: list[CoachFlagRecord] = Field(default_factory=list, description="oldest first; the latest per flag holds")

    def round(self, round_id: str) -> RoundRecord | None:
        return next((r for r in self.rounds if r.round_id == round_id), None)

    def raised_flags(self, round_id: str) -> list[str]:
        """The coach-only flags a coach has ticked on this round (latest tick or clear wins), in tick order."""
        latest: dict[str, bool] = {}
        for mark in self.coach_flags:
            if mark.round_id == round_id:
                latest.pop(mark.flag, None)
                latest[mark.flag] = mark.raised
        return [flag for flag, raised in latest.items() if raised]

    def override_for(self, round_id: str, criterion: str) -> OverrideRecord | None:
        """The coach's current override of a criterion's level, if any."""
        hits = [o for o in self.overrides if o.round_id == round_id and o.criterion == criterion]
        return hits[-1] if hits else None

    def effective_level(self, round_id: str, criterion: str) -> int | None:
        """The coach's level when overridden, else the latest machine level."""
        override = self.override_for(round_id, criterion)
        if override is not None:
            return override.level
        rnd = self.round(round_id)
        score = rnd.score if rnd else None
        if score is None:
            return None
        return next((c.level for c in score.criteria if c.criterion == criterion), None)

    @property
    def unfinished(self) -> bool:
        return self.status in UNFINISHED_STATUSES


class SessionSummary(_Record):
    """One line of `interview-sim sessions`. `score` is the mean latest machine weighted score of scored rounds."""

    id: str
    candidate: str
    loop: str
    level: str | None = None
    model: str
    mode: str
    status: str
    started: str
    ended: str | None = None
    rounds: int
    round_ids: list[str] = Field(default_factory=list)
    score: float | None = None

    def cli_json(self) -> dict[str, Any]:
        """The `sessions --json` shape: exactly id, candidate, loop, rounds, started, score."""
        return {
            "id": self.id,
            "candidate": self.candidate,
            "loop": self.loop,
            "rounds": self.rounds,
            "started": self.started,
            "score": self.score,
        }


class TurnHit(_Record):
    """A turn found by full-text search; `snippet` marks matches with [ and ]."""

    session_id: str
    candidate: str
    loop: str
    round_id: str
    round_row: int
    turn_index: int
    speaker: str
    kind: str
    text: str
    snippet: str
    started_at: str


class NoteHit(_Record):
    session_id: str
    candidate: str
    round_id: str | None
    coach: str
    text: str
    snippet: str
    created_at: str
