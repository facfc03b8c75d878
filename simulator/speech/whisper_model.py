"""faster-whisper's `WhisperModel`, minus work a spoken answer does not need.

1. No second pass over the end of the audio.

Whisper often ends its last window with end-of-text and no closing timestamp. With
`word_timestamps=True`, faster-whisper (like openai-whisper) then seeks back to the last
word's end and runs a whole new 30 s window (a full encoder pass) over the few hundred
milliseconds of silence left after it. For one spoken answer that pass costs as much
as the real one: 0.33 s of the 0.95 s a 7 s answer took with tiny.en on 2 cores, and
it sits right on the path between the candidate's last word and the final text.

When the window already reaches the end of the audio, the model has heard everything
there is; ending without a timestamp means "nothing more", so the window is closed at
the end of the audio instead. Windows before the last one are untouched.

2. A short encoder window for drafts. Whisper pads every window to 30 s, so the
encoder costs the same for 3 s of audio as for 30 s (0.33 s with tiny.en on 2 cores).
Partial transcripts are replaced a second later, so `draft_window()` lets the encoder
see the audio plus `DRAFT_MARGIN_FRAMES` of padding instead: a draft drops from 0.51 s
to 0.21-0.24 s with the same word error rate (measured on jfk.flac and espeak answers),
which leaves the CPU to the final transcript and the interviewer's LLM. Final
transcripts keep the full window: trimmed, beam search hallucinated more
(WER 0.14 vs 0.10 on the same clips).

Imported only when a model is loaded (it pulls in faster-whisper and CTranslate2).
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import ctranslate2
import numpy as np
from faster_whisper import WhisperModel
from faster_whisper.tokenizer import Tokenizer


DRAFT_MARGIN_FRAMES = 600
"""6 s of padding after the audio: shorter contexts made the model hallucinate endings."""


class SinglePassWhisperModel(WhisperModel):
    _encoder_frames: int | None = None

    @contextmanager
    def draft_window(self, audio_s: float) -> Iterator[None]:
        """Within this block (while the segments are consumed), encode only the audio plus a margin.

        Not thread-safe on its own: the caller holds the model's lock for the whole block.
        """
        frames = math.ceil((audio_s * self.frames_per_second + DRAFT_MARGIN_FRAMES) / 100) * 100
        self._encoder_frames = min(frames, self.feature_extractor.nb_max_frames)
        try:
            yield
        finally:
            self._encoder_frames = None

    def encode(self, features: np.ndarray) -> ctranslate2.StorageView:
        if self._encoder_frames is not None:
            features = features[..., : self._encoder_frames]
        return super().encode(features)

    def _split_segments_by_timestamps(  # type: ignore[override]
        self,
        tokenizer: Tokenizer,
        tokens: list[int],
        time_offset: float,
        segment_size: int,
        segment_duration: float,
        seek: int,
    ) -> Any:
        reaches_end = segment_size < self.feature_extractor.nb_max_frames
        unclosed = len(tokens) >= 1 and tokens[-1] < tokenizer.timestamp_begin
        if reaches_end and unclosed:
            last_position = min(round(segment_duration / self.time_precision), self.feature_extractor.nb_max_frames // self.input_stride)
            tokens = [*tokens, tokenizer.timestamp_begin + last_position]
        return super()._split_segments_by_timestamps(
            tokenizer=tokenizer,
            tokens=tokens,
            time_offset=time_offset,
            segment_size=segment_size,
            segment_duration=segment_duration,
            seek=seek,
        )
