"""When has the candidate finished? The hands-free end-of-turn rule.

A single silence threshold cuts people off while they think. The rule here waits
longer when the words so far say the answer is not finished:
- the last word is a filler or a connective ("um", "uh", "so", "and", "because" ...):
  the candidate is mid-thought -> `filler_hangover_s` (2 s by default);
- the answer is still short (less than `short_answer_s` of speech) -> `short_answer_hangover_s`;
- otherwise `silence_s` (0.8 s by default).
"""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict

from ..config import STTSettings
from .metrics import filler_token

CONTINUATION_WORDS = frozenset(
    {"um", "uh", "erm", "hmm", "so", "and", "but", "or", "because", "like", "the", "a", "an", "to", "of",
     "with", "which", "that", "then", "if", "when", "where", "is", "was", "we", "i", "my", "our"}
)


class Hangover(BaseModel):
    model_config = ConfigDict(frozen=True)

    seconds: float
    reason: str


class EndOfTurnPolicy(BaseModel):
    model_config = ConfigDict(frozen=True)

    silence_s: float = 0.8
    filler_hangover_s: float = 2.0
    short_answer_s: float = 3.0
    short_answer_hangover_s: float = 1.6
    fillers: tuple[str, ...] = ()

    @classmethod
    def from_settings(cls, stt: STTSettings) -> EndOfTurnPolicy:
        return cls(
            silence_s=stt.silence_s,
            filler_hangover_s=max(stt.filler_hangover_s, stt.silence_s),
            short_answer_s=stt.short_answer_s,
            short_answer_hangover_s=max(stt.short_answer_hangover_s, stt.silence_s),
            fillers=tuple(f for f in stt.fillers if " " not in f.strip()),
        )

    def hangover(self, speech_s: float, words: Sequence[str]) -> Hangover:
        """Silence needed to end the turn, given seconds of speech so far and the words recognised so far."""
        last = filler_token(words[-1]) if words else ""
        if words and words[-1].rstrip().endswith(("...", "-", ",")):
            return Hangover(seconds=self.filler_hangover_s, reason=f"trailing {words[-1]!r} sounds unfinished")
        if last and (last in CONTINUATION_WORDS or last in {filler_token(f) for f in self.fillers}):
            return Hangover(seconds=self.filler_hangover_s, reason=f"last word {last!r} sounds unfinished")
        if speech_s < self.short_answer_s or not words:
            return Hangover(seconds=self.short_answer_hangover_s, reason="answer is still short")
        return Hangover(seconds=self.silence_s, reason="silence")
