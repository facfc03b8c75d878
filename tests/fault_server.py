"""A real, deliberately misbehaving OpenAI-compatible server on 127.0.0.1 for fault-injection tests.

Why a real server and not a mock: the faults that matter (a socket that never
answers, a stream cut half-way, a 429 whose Retry-After must be honoured) only
show their true behaviour through litellm's real HTTP stack. The server is the
stdlib `ThreadingHTTPServer` in a daemon thread on a free loopback port.

The behaviour is chosen by the model name the client asks for, so one server
serves every fault: `openai/<mode>` with `api_base=server.api_base`. A suffix
after `~` is ignored (`openai/ratelimit~a` and `openai/ratelimit~b` keep separate
request counters). Modes:

- good        streams a well-formed, in-role follow-up question
- hang        accepts the request and never answers (until the server stops)
- hang_mid    streams one token, then goes silent
- error500    HTTP 500 with a JSON error body
- ratelimit   HTTP 429 + `Retry-After: <RATE_LIMIT_RETRY_AFTER_S>` on the first call, then `good`
- malformed   HTTP 200 event stream whose events are not JSON
- empty       a valid stream with no content at all
- garbage     a valid stream of word salad (no question)
- outofrole   a valid stream that breaks character and leaks a score
- drop        streams one token, then resets the TCP connection (a crash mid-stream)
- echoauth    HTTP 400 whose error message repeats the Authorization header verbatim
              (a careless provider: the key must still never be written anywhere)
"""

from __future__ import annotations

import json
import socket
import struct
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

GOOD_QUESTION = "How did you measure the impact of the two-tower model, in numbers?"  # names what the answer said
GARBAGE = "zxqv lorem 7 7 7 ipsum qwerty banana protocol ∆∆ asdf"
OUT_OF_ROLE = "As an AI language model I would say your score is 4 out of 4, so do you have any questions for me?"
RATE_LIMIT_RETRY_AFTER_S = 1


@dataclass
class Received:
    """One request as the server saw it (for assertions on retries and headers)."""

    model: str
    at: float  # time.monotonic() when the request arrived
    authorization: str | None
    body: dict[str, Any]


@dataclass
class FaultServer:
    """Start with `start()`, stop with `stop()`; `requests` records every chat request."""

    host: str = "127.0.0.1"
    requests: list[Received] = field(default_factory=list)
    _httpd: ThreadingHTTPServer | None = None
    _thread: threading.Thread | None = None
    _stopping: threading.Event = field(default_factory=threading.Event)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def port(self) -> int:
        assert self._httpd is not None
        return int(self._httpd.server_address[1])

    @property
    def api_base(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def start(self) -> FaultServer:
        server = self

        class Handler(_Handler):
            owner = server

        self._httpd = ThreadingHTTPServer((self.host, 0), Handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, name="fault-server", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()

    def calls(self, model: str) -> list[Received]:
        with self._lock:
            return [r for r in self.requests if r.model == model]

    def record(self, received: Received) -> int:
        """Store a request; returns how many requests this model name has had, this one included."""
        with self._lock:
            self.requests.append(received)
            return sum(1 for r in self.requests if r.model == received.model)


class _Handler(BaseHTTPRequestHandler):
    owner: FaultServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - keep test output clean
        return

    def do_GET(self) -> None:  # /v1/models, for clients that probe it
        self._json(200, {"object": "list", "data": [{"id": "fault", "object": "model"}]})

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b"{}"
        try:
            body = json.loads(raw)
        except ValueError:
            body = {}
        model = str(body.get("model", ""))
        count = self.owner.record(Received(model, time.monotonic(), self.headers.get("Authorization"), body))
        mode = model.split("~", 1)[0]
        if mode == "hang":
            self.owner._stopping.wait(120)
            return
        if mode == "error500":
            self._json(500, {"error": {"message": "internal server error (injected)", "type": "server_error"}})
        elif mode == "ratelimit" and count == 1:
            self._json(429, {"error": {"message": "rate limited (injected)", "type": "rate_limit"}},
                       {"Retry-After": str(RATE_LIMIT_RETRY_AFTER_S)})  # fmt: skip
        elif mode == "echoauth":
            auth = self.headers.get("Authorization")
            self._json(400, {"error": {"message": f"invalid credentials: {auth}", "type": "invalid_request_error"}})
        elif mode == "malformed":
            self._stream([b"data: {this is not json\n\n", b"data: \x00\xff<<garbage>>\n\n", b"data: [DONE]\n\n"])
        elif mode == "empty":
            self._stream([_chunk(model, None, role=True), _chunk(model, None, finish="stop"), b"data: [DONE]\n\n"])
        elif mode == "garbage":
            self._stream(_text_events(model, GARBAGE))
        elif mode == "outofrole":
            self._stream(_text_events(model, OUT_OF_ROLE))
        elif mode in ("drop", "hang_mid"):
            self._start_stream()
            self._write(_chunk(model, "How did you"))
            if mode == "hang_mid":
                self.owner._stopping.wait(120)
                return
            # RST instead of FIN: the peer sees a reset, as when a server process dies.
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()
            self.close_connection = True
        else:  # good (and ratelimit after its first call)
            self._stream(_text_events(model, GOOD_QUESTION))

    # ---------------------------------------------------------------- wire helpers
    def _json(self, status: int, payload: dict[str, Any], headers: dict[str, str] | None = None) -> None:
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def _start_stream(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-cache")
        # Chunked, as uvicorn (llama.cpp's server) and real providers send streams: a stream cut
        # before its terminating chunk is then visibly incomplete, not a clean end of body.
        self.send_header("Transfer-Encoding", "chunked")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True

    def _write(self, data: bytes) -> None:
        self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
        self.wfile.flush()

    def _end_stream(self) -> None:
        self.wfile.write(b"0\r\n\r\n")
        self.wfile.flush()

    def _stream(self, events: list[bytes]) -> None:
        self._start_stream()
        try:
            for event in events:
                self._write(event)
                time.sleep(0.005)
            self._end_stream()
        except OSError:  # the client gave up on a bad stream: fine
            pass


def _chunk(model: str, content: str | None, *, role: bool = False, finish: str | None = None) -> bytes:
    delta: dict[str, Any] = {}
    if role:
        delta["role"] = "assistant"
    if content is not None:
        delta["content"] = content
    payload = {
        "id": "chatcmpl-fault",
        "object": "chat.completion.chunk",
        "created": int(time.time()),
        "model": model,
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
    }
    return b"data: " + json.dumps(payload).encode() + b"\n\n"


def _text_events(model: str, text: str) -> list[bytes]:
    words = text.split(" ")
    events = [_chunk(model, None, role=True)]
    events += [_chunk(model, w if i == 0 else " " + w) for i, w in enumerate(words)]
    events += [_chunk(model, None, finish="stop"), b"data: [DONE]\n\n"]
    return events
