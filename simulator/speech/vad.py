"""Streaming Silero VAD: the ONNX model shipped in faster-whisper, run one 32 ms window at a time.

faster-whisper only offers whole-file VAD; this keeps the model's recurrent state and
the 64-sample context between windows, which gives the same probabilities as the batch
call (checked in the tests) while the candidate is speaking.
"""

from __future__ import annotations

import numpy as np

WINDOW = 512
CONTEXT = 64


class StreamingVad:
    """Feed any-sized blocks; get one speech probability per 512-sample window."""

    def __init__(self) -> None:
        from faster_whisper.vad import get_vad_model

        self._session = get_vad_model().session
        self._h = np.zeros((1, 1, 128), dtype=np.float32)
        self._c = np.zeros((1, 1, 128), dtype=np.float32)
        self._context = np.zeros(CONTEXT, dtype=np.float32)
        self._pending = np.zeros(0, dtype=np.float32)
        self.windows = 0

    def feed(self, block: np.ndarray) -> list[float]:
        """Probabilities for every complete window the new samples finish."""
        self._pending = np.concatenate([self._pending, np.asarray(block, dtype=np.float32)])
        probs: list[float] = []
        while len(self._pending) >= WINDOW:
            window, self._pending = self._pending[:WINDOW], self._pending[WINDOW:]
            x = np.concatenate([self._context, window])[None, :]
            out, self._h, self._c = self._session.run(None, {"input": x, "h": self._h, "c": self._c})
            self._context = window[-CONTEXT:]
            probs.append(float(np.asarray(out).reshape(-1)[0]))
            self.windows += 1
        return probs
