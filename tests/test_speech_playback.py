"""Playback of a recorded answer: real decoding, and one clear message when there is nothing to play on."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from simulator.speech.playback import AudioPlaybackError, AudioPlayer

JFK = Path(__file__).resolve().parents[2] / "shared" / "audio" / "jfk.flac"


def test_the_decoded_answer_reaches_the_output() -> None:
    got: list[np.ndarray] = []
    seconds = AudioPlayer(lambda samples, rate: got.append(samples)).play(JFK)
    assert abs(seconds - 11.0) < 0.5 and got and got[0].dtype == np.float32 and np.abs(got[0]).max() > 0.1


def test_missing_and_undecodable_files_are_clear_errors(tmp_path: Path) -> None:
    player = AudioPlayer(lambda samples, rate: None)
    with pytest.raises(AudioPlaybackError, match="audio file is gone"):
        player.play(tmp_path / "nope.flac")
    junk = tmp_path / "junk.flac"
    junk.write_bytes(b"not audio at all")
    with pytest.raises(AudioPlaybackError, match="cannot decode junk.flac"):
        player.play(junk)


def test_this_machine_without_a_sound_card_gets_a_message_not_a_crash() -> None:
    """The real sounddevice path: CI and these machines have PortAudio but no output device."""
    import sounddevice

    if any(d["max_output_channels"] > 0 for d in sounddevice.query_devices()):
        # On a machine with speakers the real path must simply play (and be stoppable).
        player = AudioPlayer()
        assert player.play(JFK) > 10
        player.stop()
        return
    with pytest.raises(AudioPlaybackError, match="no audio output device"):
        AudioPlayer().play(JFK)
