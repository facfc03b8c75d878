"""Plain HTTP to the embedded model's own server on 127.0.0.1 (OpenAI chat-completions wire format).

The embedded model's server is ours and speaks one dialect, so its calls skip
litellm. Measured against a server that answers instantly (2 cores, see
`interview-sim bench llm`): litellm spent ~45 ms of CPU per streamed
follow-up (request set-up before the first byte, ~2 ms per chunk, ~20 ms after
the last one) where this client spends ~3 ms, and its first call in a process
took seconds of lazy set-up. Configured models (OpenAI, Anthropic, Ollama, any
OpenAI-compatible box) still go through litellm.

Failures raise like litellm's do, so the fallback chain treats them alike:
`LocalHTTPError` carries `status_code`; a refused connection is a
`ConnectionError`; a stream cut before its `[DONE]` (the server died) is a
`ConnectionError` too, never a quietly short question.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from typing import Any
from urllib.parse import urlsplit

_MAX_LINE = 1 << 20


class LocalHTTPError(Exception):
    def __init__(self, status_code: int, message: str) -> None:
        super().__init__(f"HTTP {status_code}: {message}")
        self.status_code = status_code


async def _open(api_base: str, path: str, body: dict[str, Any]) -> tuple[asyncio.StreamReader, asyncio.StreamWriter, dict[str, str]]:
    url = urlsplit(api_base.rstrip("/") + path)
    if url.scheme != "http" or not url.hostname:
        raise ValueError(f"the local model server is plain http on loopback, not {api_base!r}")
    reader, writer = await asyncio.open_connection(url.hostname, url.port or 80, limit=_MAX_LINE)
    data = json.dumps(body).encode()
    head = (
        f"POST {url.path} HTTP/1.1\r\nHost: {url.hostname}:{url.port}\r\nContent-Type: application/json\r\n"
        f"Accept: text/event-stream, application/json\r\nContent-Length: {len(data)}\r\nConnection: close\r\n\r\n"
    )
    writer.write(head.encode() + data)
    await writer.drain()
    status_line = await reader.readline()
    if not status_line:
        raise ConnectionError("the local model server closed the connection without answering")
    parts = status_line.decode("latin-1").split(" ", 2)
    status = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 0
    headers: dict[str, str] = {}
    while (line := await reader.readline()) not in (b"\r\n", b"\n", b""):
        name, _, value = line.decode("latin-1").partition(":")
        headers[name.strip().lower()] = value.strip()
    if status != 200:
        text = (await _read_body(reader, headers)).decode(errors="replace")
        writer.close()
        raise LocalHTTPError(status, text[:300])
    return reader, writer, headers


async def _body_chunks(reader: asyncio.StreamReader, headers: dict[str, str]) -> AsyncIterator[bytes]:
    """The response body as it arrives: chunked transfer encoding, a Content-Length, or until close."""
    if "chunked" in headers.get("transfer-encoding", "").lower():
        while True:
            size_line = await reader.readline()
            if not size_line:
                raise ConnectionError("the local model server cut the response short")
            size = int(size_line.split(b";", 1)[0].strip() or b"0", 16)
            if size == 0:
                await reader.readline()
                return
            chunk = await reader.readexactly(size)
            await reader.readexactly(2)  # CRLF after each chunk
            yield chunk
    elif "content-length" in headers:
        yield await reader.readexactly(int(headers["content-length"]))
    else:
        while chunk := await reader.read(65536):
            yield chunk


async def _read_body(reader: asyncio.StreamReader, headers: dict[str, str]) -> bytes:
    try:
        return b"".join([chunk async for chunk in _body_chunks(reader, headers)])
    except (asyncio.IncompleteReadError, ConnectionError):
        return b""


async def complete(api_base: str, body: dict[str, Any]) -> dict[str, Any]:
    """POST /chat/completions without streaming; the parsed JSON reply."""
    reader, writer, headers = await _open(api_base, "/chat/completions", {**body, "stream": False})
    try:
        return json.loads(b"".join([chunk async for chunk in _body_chunks(reader, headers)]))
    except asyncio.IncompleteReadError as exc:
        raise ConnectionError("the local model server cut the response short") from exc
    finally:
        writer.close()


async def stream_chat(api_base: str, body: dict[str, Any]) -> AsyncIterator[str]:
    """POST /chat/completions with `stream: true`; yields each content delta as it arrives."""
    reader, writer, headers = await _open(api_base, "/chat/completions", {**body, "stream": True})
    buffer = b""
    try:
        async for chunk in _body_chunks(reader, headers):
            buffer += chunk
            while b"\n" in buffer:
                line, buffer = buffer.split(b"\n", 1)
                line = line.strip()
                if not line.startswith(b"data:"):
                    continue
                payload = line[5:].strip()
                if payload == b"[DONE]":
                    return
                event = json.loads(payload)
                if "error" in event:
                    raise LocalHTTPError(500, str(event["error"])[:300])
                choices = event.get("choices") or [{}]
                delta = (choices[0].get("delta") or {}).get("content")
                if delta:
                    yield delta
        raise ConnectionError("the local model server ended the stream without [DONE]")
    except asyncio.IncompleteReadError as exc:
        raise ConnectionError("the local model server cut the stream short") from exc
    finally:
        writer.close()
