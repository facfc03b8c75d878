"""Voice answers: microphone capture, end-of-turn detection, Whisper transcripts and delivery metrics.

How the TUI uses it
-------------------
At app start, in a thread worker (BLOCKING, ~0.5-2 s)::

    recognizer = make_recognizer(settings, on_notice=post_notice)   # instant, loads nothing
    recognizer.warm_up()        # loads the model and transcribes 1 s of silence; on a broken
                                # GPU this falls back to CPU and sets `recognizer.notice`
                                # (on_notice fires on the warm-up thread: post a message)

For each spoken answer, create a session and run it in a thread worker::

    session = VoiceAnswerSession(
        recognizer, settings.stt,                 # mode: "push_to_talk" | "hands_free"
        vocabulary=correction_terms(catalog, loop, rnd),  # the round's jargon first: prompt + domain correction
        data_dir=settings.data_dir,                # FLAC saved in data_dir/audio when stt.keep_audio
        answer_guidance_s=rnd.answer_guidance_s,
        callbacks=VoiceCallbacks(on_level=..., on_partial=..., on_speech_start=..., on_end_of_turn=...),
    )
    answer: VoiceAnswer = session.run()           # BLOCKING until end of turn / stop() / device loss

- `session.stop()` is thread-safe: the push-to-talk release, or "done" in hands-free mode.
- `on_level(dbfs)` fires on PortAudio's AUDIO THREAD every 32 ms: store it or post a message,
  nothing else (or poll `session.level_dbfs` from a timer instead).
- `on_partial`, `on_speech_start`, `on_end_of_turn` fire on the thread running `run()`:
  use `app.call_from_thread` / `post_message` to touch widgets.
- `run()` never raises for audio problems. `answer.end_reason` is "silence" or "stopped" normally;
  "unavailable" (no PortAudio / no device: `answer.error` says what to install; switch to typing)
  or "device_lost" (the words said before the loss are in `answer.text`, the audio is saved).
- `answer.text` is corrected towards the round's jargon (correction.py); `answer.raw_text` is what
  Whisper heard when that changed anything (store it with the turn), `answer.corrections` the changes.
- `answer.words` carry times from the recording start; `answer.metrics` is the `DeliveryMetrics`
  for the Turn, `answer.audio_path` its audio link, `answer.length_check` the guidance verdict.
- `talk_ratio(turns)` gives interviewer/candidate talk time for a round.

Other entry points: `list_input_devices()` (raises AudioUnavailableError), `load_audio(path)`,
`WhisperTranscriber.transcribe(audio, vocabulary=...)` (BLOCKING), `delivery_metrics(words, fillers)`,
and `simulator.bench.stt.run_stt_bench()` (BLOCKING, ~1 min) for `interview-sim bench stt`.
Nothing here imports faster-whisper, sounddevice or litellm until it is used.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "load_audio": "audio_files", "save_answer_audio": "audio_files",
    "list_input_devices": "devices", "resolve_input_device": "devices",
    "AudioDeviceLostError": "errors", "AudioUnavailableError": "errors",
    "ModelUnavailableError": "errors", "VoiceError": "errors",
    "count_fillers": "metrics", "delivery_metrics": "metrics", "length_check": "metrics", "talk_ratio": "metrics",
    "AnswerLengthCheck": "models", "InputDevice": "models", "PartialTranscript": "models", "TalkRatio": "models",
    "Transcript": "models", "VoiceAnswer": "models", "Word": "models",
    "Recognizer": "recognizer", "make_recognizer": "recognizer",
    "VoiceAnswerSession": "session", "VoiceCallbacks": "session",
    "WhisperTranscriber": "transcriber",
    "BASE_ML_VOCABULARY": "vocabulary", "correction_terms": "vocabulary", "find_round": "vocabulary",
    "round_vocabulary": "vocabulary",
}  # fmt: skip
"""The names above, loaded on first use: importing one light submodule (synthesis, piper_say)
must not pull numpy and the whole capture stack in through this package."""

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f".{module}", __name__), name)
