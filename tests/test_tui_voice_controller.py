"""The voice-answer state machine on its own: no Textual, no microphone, no model."""

from __future__ import annotations

import threading

from simulator.engine.turns import DeliveryMetrics
from simulator.speech.models import VoiceAnswer
from simulator.tui.voice_controller import VoiceController

METRICS = DeliveryMetrics(duration_s=4.0, words=6, wpm=90.0)


def said(text: str, end_reason: str = "silence", *, audio: str | None = "a.flac", error: str | None = None) -> VoiceAnswer:
    return VoiceAnswer(text=text, audio_s=4.0, end_reason=end_reason, metrics=METRICS, audio_path=audio, error=error)  # type: ignore[arg-type]


class FakeSession:
    def __init__(self) -> None:
        self.stopped = 0

    def stop(self) -> None:
        self.stopped += 1


def test_a_spoken_answer_is_submitted_with_its_delivery() -> None:
    voice = VoiceController(input_mode="voice")
    assert voice.talk() == "start"
    voice.begin()
    assert voice.recording and voice.talk() == "stop"
    reply = voice.answer_ready(said("  I shipped the ranker  "), finishing=False)
    assert (reply.kind, reply.text, reply.metrics, reply.audio_path) == ("submit", "I shipped the ranker", METRICS, "a.flac")
    assert not voice.recording and voice.session is None and len(voice.answers) == 1


def test_a_stop_asked_before_the_session_exists_stops_it_when_it_arrives() -> None:
    voice = VoiceController(input_mode="voice")
    voice.begin()
    voice.release()  # the key came before the recording thread made its session
    session = FakeSession()
    voice.attach(session)
    assert session.stopped == 1 and voice.stopping
    assert voice.speech_started() is False, "already stopping: do not show 'hearing you'"


def test_release_from_another_thread_reaches_the_session() -> None:
    voice = VoiceController(input_mode="voice")
    voice.begin()
    session = FakeSession()
    voice.attach(session)
    worker = threading.Thread(target=voice.release)
    worker.start()
    worker.join()
    assert session.stopped == 1


def test_a_lost_microphone_keeps_the_words_for_typing() -> None:
    voice = VoiceController(input_mode="voice")
    voice.begin()
    reply = voice.answer_ready(said("we cached the features", "device_lost", error="stream died"), finishing=False)
    assert (reply.kind, reply.text, reply.error) == ("to_typing", "we cached the features", "stream died")
    assert voice.input_mode == "typing" and voice.pending is not None
    # Submitted unchanged: as said (metrics and audio); edited: a typed answer that keeps the audio link.
    assert voice.typed_submit("we cached the features") == (METRICS, "a.flac")
    voice.pending = said("we cached the features", "device_lost")
    assert voice.typed_submit("we cached the features in Redis") == (None, "a.flac")
    assert voice.pending is None and voice.typed_submit("anything") == (None, None)


def test_repeat_before_any_speech_is_deferred_until_the_empty_recording_closes() -> None:
    ran: list[str] = []
    voice = VoiceController(input_mode="voice", voice_mode="hands_free")
    assert voice.turn_begins(interviewer_speaking=True) == "wait"
    assert voice.turn_begins(interviewer_speaking=False) == "listen"
    voice.begin()
    assert voice.defer(lambda: ran.append("repeat"), finishing=False)
    reply = voice.answer_ready(said(""), finishing=False)
    assert reply.kind == "deferred" and reply.action is not None
    reply.action()
    assert ran == ["repeat"]


def test_once_speaking_keys_are_refused_and_nothing_heard_says_so() -> None:
    voice = VoiceController(input_mode="voice", voice_mode="hands_free")
    voice.begin()
    assert voice.speech_started() is True
    assert not voice.defer(lambda: None, finishing=False)
    assert voice.answer_ready(said(""), finishing=False).kind == "nothing_heard"


def test_the_time_box_closing_mid_answer_keeps_the_spoken_words() -> None:
    voice = VoiceController(input_mode="voice")
    voice.begin()
    voice.finish_reason = "time"
    reply = voice.answer_ready(said("and then we rolled back"), finishing=True)
    assert (reply.kind, reply.text, reply.reason, reply.metrics) == ("finish", "and then we rolled back", "time", METRICS)
    silent = VoiceController(input_mode="voice")
    silent.begin()
    assert silent.answer_ready(said(""), finishing=True).metrics is None, "no words: no delivery metrics"


def test_push_to_talk_waits_for_the_key_and_typing_ignores_it() -> None:
    voice = VoiceController(input_mode="voice", voice_mode="push_to_talk")
    assert voice.turn_begins(interviewer_speaking=False) == "idle"
    assert voice.toggle_voice_mode() == "hands_free"
    assert VoiceController(input_mode="typing").talk() == "ignore"
    voice.failed()
    assert voice.input_mode == "typing" and not voice.recording
