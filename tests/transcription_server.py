"""A real OpenAI-compatible transcription server on 127.0.0.1, for testing the remote speech path end to end.

Why: `RemoteTranscriber` talks to a shared GPU box through litellm -> the openai SDK -> httpx
-> multipart/form-data. A fake `transcription_fn` skips all of that, so a wrong field name,
a missing API key or a response shape litellm rewrites would only show up in production.
This server speaks the same wire protocol as OpenAI's `POST /v1/audio/transcriptions` and
transcribes with the real faster-whisper (the same `WhisperTranscriber` the app uses), so
a test through it proves the whole chain with no network beyond the loopback interface.

It records every request (form fields, the uploaded file, headers) for assertions, and can
be told to answer HTTP 500 or to hang, so the local fallback is tested against real
failures rather than an injected exception. Standard library only: `http.server` and
`email.parser` for the multipart body.
"""

from __future__ import annotations

import io
import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.message import Message
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Literal

import numpy as np
import pytest

from simulator.speech.models import SAMPLE_RATE
from simulator.speech.transcriber import WhisperTranscriber

Mode = Literal["ok", "fail", "hang"]
PATHS = ("/v1/audio/transcriptions", "/audio/transcriptions")
"""OpenAI's path under an api_base ending in /v1, and the same without the /v1 (some servers mount it so)."""


@dataclass
class SeenRequest:
    """One request as the server received it: what a test asserts the client really sent."""

    path: str
    headers: dict[str, str]
    fields: dict[str, str | list[str]]
    """Text form fields; repeated names (`timestamp_granularities[]`) keep every value as a list."""
    filename: str | None = None
    file: bytes = b""
    file_content_type: str | None = None


@dataclass
class TranscriptionServer:
    """OpenAI-compatible `POST /v1/audio/transcriptions` backed by a local `WhisperTranscriber`.

    `mode` may be changed at any time: "ok" transcribes, "fail" answers 500, "hang" holds the
    request open until `hang_s` passes or the server stops (so a client timeout is exercised
    without leaving a thread behind).
    """

    recognizer: WhisperTranscriber
    mode: Mode = "ok"
    hang_s: float = 30.0
    error_echoes_auth: bool = False
    """In "fail" mode, put the request's Authorization header in the error message, as some proxies
    do, so a test can prove a key echoed back by an endpoint never reaches what the app keeps."""
    requests: list[SeenRequest] = field(default_factory=list)
    _httpd: ThreadingHTTPServer | None = field(default=None, repr=False)
    _thread: threading.Thread | None = field(default=None, repr=False)
    _release: threading.Event = field(default_factory=threading.Event, repr=False)

    @property
    def port(self) -> int:
        assert self._httpd is not None, "server not started"
        return int(self._httpd.server_address[1])

    @property
    def api_base(self) -> str:
        """What goes into `stt.remote_api_base` (OpenAI style, ending in /v1)."""
        return f"http://127.0.0.1:{self.port}/v1"

    def start(self) -> TranscriptionServer:
        """Bind a free loopback port (port 0: the OS picks) and serve from a daemon thread."""
        server = self

        class Handler(_Handler):
            owner = server

        self._release.clear()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, name="transcription-server", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Release any hanging request, then shut the listener down and join its thread."""
        self._release.set()
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None
        if self._thread is not None:
            self._thread.join(timeout=10)
            self._thread = None

    def reset(self, mode: Mode = "ok") -> None:
        """Forget recorded requests and set the mode (between tests sharing one server)."""
        self._release.set()  # wake requests still hanging from an earlier test
        self._release.clear()
        self.requests.clear()
        self.mode = mode
        self.error_echoes_auth = False

    def answer(self, seen: SeenRequest) -> tuple[int, str, bytes]:
        """(status, content type, body) for one request in the current mode ("hang" is handled by the caller)."""
        if self.mode == "fail":
            message = "transcription backend crashed (test server told to fail)"
            if self.error_echoes_auth:
                message += f"; request had Authorization: {seen.headers.get('authorization', '')}"
            body = {"error": {"message": message, "type": "server_error"}}
            return 500, "application/json", json.dumps(body).encode()
        if not seen.file:
            return 400, "application/json", json.dumps({"error": {"message": "no file", "type": "invalid_request_error"}}).encode()
        audio = _decode_audio(seen.file)
        prompt = seen.fields.get("prompt")
        # the prompt goes in as `context`: WhisperTranscriber then uses it verbatim as Whisper's initial prompt
        result = self.recognizer.transcribe(audio, vocabulary=None, disfluent=False, context=prompt if isinstance(prompt, str) else "")
        duration = len(audio) / SAMPLE_RATE
        fmt = seen.fields.get("response_format", "json")
        if fmt == "text":
            return 200, "text/plain; charset=utf-8", result.text.encode()
        if fmt != "verbose_json":
            return 200, "application/json", json.dumps({"text": result.text}).encode()
        words = [{"word": w.w, "start": w.start, "end": w.end} for w in result.words]
        segment = {
            "id": 0,
            "seek": 0,
            "start": words[0]["start"] if words else 0.0,
            "end": words[-1]["end"] if words else 0.0,
            "text": result.text,
            "tokens": [],
            "temperature": 0.0,
            "avg_logprob": 0.0,
            "compression_ratio": 1.0,
            "no_speech_prob": 0.0,
        }
        granularities = seen.fields.get("timestamp_granularities[]", [])
        payload: dict[str, Any] = {
            "task": "transcribe",
            "language": "english",
            "duration": round(duration, 3),
            "text": result.text,
            "segments": [segment] if words else [],
        }
        if "word" in (granularities if isinstance(granularities, list) else [granularities]):
            payload["words"] = words
        return 200, "application/json", json.dumps(payload).encode()


class _Handler(BaseHTTPRequestHandler):
    """Parses the multipart upload, records it on `owner`, and answers per `owner.mode`."""

    owner: TranscriptionServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        """Quiet: pytest output should not fill with access-log lines."""

    def do_POST(self) -> None:  # noqa: N802 - http.server's naming
        body = self._read_body()
        path = self.path.split("?", 1)[0]
        if path not in PATHS:
            self._send(404, "application/json", json.dumps({"error": {"message": f"no route {path}"}}).encode())
            return
        seen = _parse_form(self.headers.get("Content-Type", ""), body)
        seen.path = path
        seen.headers = {k.lower(): v for k, v in self.headers.items()}
        self.owner.requests.append(seen)
        if self.owner.mode == "hang":
            self.owner._release.wait(self.owner.hang_s)
            self.close_connection = True
            return  # never answer: the client's timeout must end it
        try:
            status, ctype, payload = self.owner.answer(seen)
        except Exception as exc:  # noqa: BLE001 - a bug in the test server should be a 500 the test sees, not a hang
            status, ctype, payload = 500, "application/json", json.dumps({"error": {"message": repr(exc)}}).encode()
        self._send(status, ctype, payload)

    def _read_body(self) -> bytes:
        """Content-Length bodies (what httpx sends for multipart) and chunked ones, to be safe."""
        length = self.headers.get("Content-Length")
        if length is not None:
            return self.rfile.read(int(length))
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            return b"".join(_chunks(self.rfile))
        return b""

    def _send(self, status: int, ctype: str, payload: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)


def _chunks(stream: io.BufferedIOBase) -> Iterator[bytes]:
    while True:
        size = int(stream.readline().split(b";", 1)[0].strip() or b"0", 16)
        if size == 0:
            stream.readline()
            return
        yield stream.read(size)
        stream.readline()


def _parse_form(content_type: str, body: bytes) -> SeenRequest:
    """multipart/form-data -> fields and the file, with the email parser (no extra dependency)."""
    message: Message = BytesParser(policy=HTTP).parsebytes(b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + body)
    seen = SeenRequest(path="", headers={}, fields={})
    if not message.is_multipart():
        return seen
    for part in message.iter_parts():  # type: ignore[attr-defined] - EmailMessage under policy=HTTP
        name = part.get_param("name", header="content-disposition")
        if not name:
            continue
        data = part.get_payload(decode=True) or b""
        filename = part.get_filename()
        if filename is not None or name == "file":
            seen.filename, seen.file, seen.file_content_type = filename, data, part.get_content_type()
            continue
        value = data.decode(part.get_content_charset() or "utf-8")
        if name.endswith("[]"):
            listed = seen.fields.setdefault(name, [])
            assert isinstance(listed, list)
            listed.append(value)
        else:
            seen.fields[name] = value
    return seen


def _decode_audio(data: bytes) -> np.ndarray:
    """The upload (WAV from RemoteTranscriber) as 16 kHz mono float32, as the recogniser needs."""
    import soundfile

    audio, rate = soundfile.read(io.BytesIO(data), dtype="float32", always_2d=True)
    mono = audio.mean(axis=1)
    if rate != SAMPLE_RATE:  # not expected from the app; linear resampling keeps the helper dependency-free
        positions = np.arange(0, len(mono), rate / SAMPLE_RATE)
        mono = np.interp(positions, np.arange(len(mono)), mono).astype(np.float32)
    return np.ascontiguousarray(mono, dtype=np.float32)


@pytest.fixture(scope="module")
def transcription_server(recognizer: WhisperTranscriber) -> Iterator[TranscriptionServer]:
    """One server per test module, sharing the session's warmed tiny.en; reset to "ok" and no requests per use."""
    server = TranscriptionServer(recognizer).start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def live_server(transcription_server: TranscriptionServer) -> TranscriptionServer:
    """The module's server, cleared for this test."""
    transcription_server.reset("ok")
    return transcription_server
