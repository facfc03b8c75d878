"""Pydantic records the speech layer hands to the rest of the app (CLI JSON, store, TUI)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from ..engine.turns import DeliveryMetrics

SAMPLE_RATE = 16_000
"""Every array in this package is 16 kHz mono float32 in [-1, 1]."""


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Word(_Record):
    """One recognised word; times are seconds from the start of the audio given to the recogniser."""

    w: str
    start: float = Field(ge=0)
    end: float = Field(ge=0)


class Timing(_Record):
    """How long recognition took: rtf = transcribe_s / audio_s (lower is faster)."""

    audio_s: float = Field(ge=0)
    transcribe_s: float = Field(ge=0)
    rtf: float = Field(ge=0)
    device: str
    model: str


class Correction(_Record):
    """One domain correction: what Whisper heard (seconds from the start of the audio) and the rubric term it became."""

    heard: str
    term: str
    start: float = Field(ge=0)
    end: float = Field(ge=0)


class Transcript(_Record):
    text: str
    raw_text: str | None = Field(None, description="Whisper's own text when the domain correction changed it; None when it did not")
    corrections: list[Correction] = Field(default_factory=list)
    words: list[Word] = Field(default_factory=list, description="after the correction; times stay on the audio")
    timing: Timing


class AnswerLengthCheck(_Record):
    """The answer's speaking time against the round's `answer_guidance_s` range."""

    duration_s: float = Field(ge=0)
    low_s: int
    high_s: int
    verdict: Literal["short", "ok", "long"]


class TalkRatio(_Record):
    interviewer_s: float = Field(ge=0)
    candidate_s: float = Field(ge=0)
    candidate_share: float = Field(ge=0, le=1, description="candidate time / total talk time; 0 when nobody spoke")


class PartialTranscript(_Record):
    """What the candidate has said so far, while they are still speaking."""

    text: str
    audio_s: float = Field(ge=0, description="audio captured when this partial was produced")
    final: bool = False


EndReason = Literal["silence", "stopped", "device_lost", "unavailable", "max_duration"]


class VoiceAnswer(_Record):
    """One spoken answer: the final transcript, how it was delivered and where its audio is.

    Word times are seconds since the recording started (the question's end), so the first
    word's start is the time to first word.
    """

    text: str
    raw_text: str | None = Field(None, description="Whisper's own text when the domain correction changed it")
    corrections: list[Correction] = Field(default_factory=list)
    words: list[Word] = Field(default_factory=list)
    audio_s: float = Field(ge=0, description="audio captured")
    speech_start_s: float | None = Field(None, description="VAD: first speech, seconds into the recording")
    speech_end_s: float | None = Field(None, description="VAD: last speech, seconds into the recording")
    end_reason: EndReason
    error: str | None = Field(None, description="why voice input stopped early; show it and offer typing")
    audio_path: str | None = None
    metrics: DeliveryMetrics
    length_check: AnswerLengthCheck | None = None
    partials: int = Field(0, ge=0, description="partial transcripts emitted")
    device: str = ""
    model: str = ""


class InputDevice(_Record):
    index: int
    name: str
    channels: int
    default_samplerate: float
    is_default: bool = False
