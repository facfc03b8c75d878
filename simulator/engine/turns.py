"""What is said in a round: the turn record every layer (store, scoring, TUI, exports) shares."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field


class Speaker(StrEnum):
    INTERVIEWER = "interviewer"
    CANDIDATE = "candidate"


class TurnKind(StrEnum):
    QUESTION = "question"
    FOLLOW_UP = "follow_up"
    ANSWER = "answer"
    NOTICE = "notice"
    CLARIFICATION = "clarification"  # the interviewer answers a candidate's question about the problem


class DeliveryMetrics(BaseModel):
    """How an answer was spoken (voice answers) or paced (typed answers: wpm only)."""

    model_config = ConfigDict(extra="forbid")

    duration_s: float = Field(ge=0)
    words: int = Field(ge=0)
    wpm: float = Field(ge=0)
    filler_count: int = Field(0, ge=0)
    fillers_per_min: float = Field(0.0, ge=0)
    pauses_over_2s: int = Field(0, ge=0)
    longest_pause_s: float = Field(0.0, ge=0)
    time_to_first_word_s: float | None = None


class Turn(BaseModel):
    """One utterance. Times are seconds since the round started, on the round's clock."""

    model_config = ConfigDict(extra="forbid")

    index: int = Field(ge=0, description="position within the round, from 0")
    speaker: Speaker
    kind: TurnKind
    text: str
    t_start: float = Field(ge=0)
    t_end: float = Field(ge=0)
    question_id: str | None = Field(None, description="the bank question this turn belongs to")
    criterion: str | None = Field(None, description="for a follow-up: the criterion it probes")
    latency_s: float | None = Field(None, description="wall time to produce an interviewer turn")
    source: str | None = Field(None, description='who wrote an interviewer turn: "bank", "llm:<model>", "canned"')
    audio_path: str | None = None
    metrics: DeliveryMetrics | None = None
    raw_text: str | None = Field(
        None, description="a voice answer's text as Whisper heard it, when the domain correction changed it (text is the corrected one)"
    )
