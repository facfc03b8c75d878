"""Every LLM call, with timeouts, retries and a fallback chain.

Chain: the configured model -> the embedded model (a local server, see
local_server.py) -> nothing, in which case the caller uses a canned probe. A
dead provider never stalls a round for more than `timeout_s` per route.

Configured models go through litellm. The embedded model's own loopback server
is spoken to directly (local_http.py, the same OpenAI wire format): litellm cost
~45 ms of CPU per follow-up there, and its import (~2 s) is not paid at all
when only the embedded model is in use.
"""

from __future__ import annotations

import asyncio
import logging
import os
import threading
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from ..config import EMBEDDED_MODEL, LLMSettings
from ..secrets import MASK, redact
from . import local_http
from .embedded_model import ensure_embedded_model
from .litellm_import import import_litellm
from .local_server import LocalServer

log = logging.getLogger(__name__)

KEYLESS = "no-key-needed"


class Route(BaseModel):
    """One place a completion can come from."""

    label: str
    model: str
    api_base: str | None = None
    api_key: str | None = None

    def __repr__(self) -> str:  # never show the key
        return f"Route(label={self.label!r}, model={self.model!r}, api_base={self.api_base!r})"

    __str__ = __repr__


class Completion(BaseModel):
    text: str
    route: str
    ttft_s: float | None
    total_s: float
    failures: list[str] = []


class AllRoutesFailed(Exception):
    def __init__(self, failures: list[str]) -> None:
        super().__init__("; ".join(failures))
        self.failures = failures


@dataclass
class Token:
    text: str


@dataclass
class Done:
    completion: Completion


@dataclass
class RouteFailed:
    """A route failed mid-way: text streamed so far is void, the next route starts over."""

    route: str
    error: str


StreamEvent = Token | Done | RouteFailed


class EmbeddedRuntime:
    """The embedded model's server process, started on first use and shared by the app."""

    def __init__(self, models_dir: Path, threads: int = 0, log_path: Path | None = None, model: str | None = None) -> None:
        self.models_dir = models_dir
        self.model = model  # a key of embedded_model.MODELS; None = the default
        self.threads = threads
        self.log_path = log_path
        self.server: LocalServer | None = None
        self._lock = threading.Lock()

    def ensure_started(self) -> LocalServer:
        """Blocking (model assembly on first run, then ~1 s): call from a worker thread."""
        with self._lock:
            if self.server is None or not self.server.alive():
                model = ensure_embedded_model(self.models_dir, self.model)
                server = LocalServer(model, alias=EMBEDDED_MODEL, threads=self.threads, log_path=self.log_path)
                server.start()
                self.server = server
            return self.server

    def stop(self) -> None:
        with self._lock:
            if self.server:
                self.server.stop()
                self.server = None


def route_key(model: str, api_base: str | None, key: str | None) -> str | None:
    """The key to send: a local OpenAI-compatible server (vLLM, llama.cpp) usually needs none, but litellm insists."""
    if key is None and api_base and model.startswith("openai/") and not os.environ.get("OPENAI_API_KEY"):
        return KEYLESS
    return key


@dataclass
class LLMClient:
    settings: LLMSettings
    embedded: EmbeddedRuntime | None = None
    _litellm: Any = field(default=None, repr=False)

    def routes(self) -> list[Route]:
        routes: list[Route] = []
        if self.settings.model != EMBEDDED_MODEL:
            key = route_key(self.settings.model, self.settings.api_base,
                            self.settings.api_key.get_secret_value() if self.settings.api_key else None)
            routes.append(Route(label=self.settings.model, model=self.settings.model, api_base=self.settings.api_base, api_key=key))
        if self.embedded is not None and (self.settings.model == EMBEDDED_MODEL or self.settings.fallback_to_embedded):
            routes.append(Route(label=EMBEDDED_MODEL, model=f"openai/{EMBEDDED_MODEL}"))
        return routes

    @property
    def primary_label(self) -> str:
        return self.settings.model

    def warm_up(self) -> None:
        """Blocking: import litellm (when a configured model needs it) and start the embedded server. Run in a thread worker."""
        if any(route.label != EMBEDDED_MODEL for route in self.routes()):
            self._litellm = import_litellm()
        if self.embedded is not None and self.settings.model == EMBEDDED_MODEL:
            self.embedded.ensure_started()

    def _body(self, route: Route, messages: list[dict[str, str]], max_tokens: int | None, temperature: float | None,
              stop: list[str] | None, seed: int | None = None) -> dict[str, Any]:  # fmt: skip
        """The embedded server's request: the fields litellm would put on the wire for it."""
        body: dict[str, Any] = {
            "messages": messages,
            "model": route.model.split("/", 1)[-1],  # the server's alias
            "max_tokens": max_tokens or self.settings.max_tokens,
            "stream": True,
            "temperature": self.settings.temperature if temperature is None else temperature,
        }
        if stop:
            body["stop"] = stop
        if seed is not None:  # the bench: the same sample on every path, so whole follow-ups compare
            body["seed"] = seed
        return body

    async def _deltas(self, route: Route, messages: list[dict[str, str]], max_tokens: int | None,
                      temperature: float | None, stop: list[str] | None, seed: int | None = None) -> AsyncIterator[str]:  # fmt: skip
        """The route's text as it streams: plain HTTP to the embedded server, litellm for the rest."""
        resolved = await self._resolve(route)
        if route.label == EMBEDDED_MODEL:
            assert resolved.api_base is not None
            async for delta in local_http.stream_chat(resolved.api_base, self._body(resolved, messages, max_tokens, temperature, stop, seed)):
                yield delta
            return
        if self._litellm is None:
            self._litellm = await asyncio.to_thread(import_litellm)
        response = await self._litellm.acompletion(
            model=resolved.model,
            api_base=resolved.api_base,
            api_key=resolved.api_key,
            messages=messages,
            stream=True,
            max_tokens=max_tokens or self.settings.max_tokens,
            temperature=self.settings.temperature if temperature is None else temperature,
            stop=stop,
            timeout=self.settings.timeout_s,
            num_retries=0,
            **({"seed": seed} if seed is not None else {}),
        )
        async for chunk in response:
            choices = getattr(chunk, "choices", None)
            if not choices:
                continue
            delta = choices[0].delta.content or ""
            if delta:
                yield delta

    async def _resolve(self, route: Route) -> Route:
        if route.label != EMBEDDED_MODEL:
            return route
        assert self.embedded is not None
        server = await asyncio.to_thread(self.embedded.ensure_started)
        return route.model_copy(update={"model": f"openai/{server.alias}", "api_base": server.api_base, "api_key": KEYLESS})

    async def stream(
        self,
        messages: list[dict[str, str]],
        *,
        max_tokens: int | None = None,
        temperature: float | None = None,
        stop: list[str] | None = None,
        seed: int | None = None,
    ) -> AsyncIterator[StreamEvent]:
        """Yield tokens as they arrive, then Done; raise AllRoutesFailed if no route answers."""
        failures: list[str] = []
        loop = asyncio.get_running_loop()
        for route in self.routes():
            # Retries share the route's time budget: a dead provider costs at most timeout_s.
            deadline = loop.time() + self.settings.timeout_s
            for attempt in range(self.settings.retries + 1):
                started = time.monotonic()
                try:
                    text, ttft = "", None
                    async with asyncio.timeout_at(deadline):
                        async for delta in self._deltas(route, messages, max_tokens, temperature, stop, seed):
                            ttft = ttft if ttft is not None else time.monotonic() - started
                            text += delta
                            yield Token(delta)
                    if not text.strip():
                        raise ValueError("empty completion")
                    yield Done(Completion(text=text, route=route.label, ttft_s=ttft, total_s=time.monotonic() - started, failures=failures))
                    return
                except Exception as exc:  # noqa: BLE001 - any provider failure means: try the next
                    # A provider may echo the key in its error (seen in the fault tests); a key from the
                    # config file is not an environment variable, so `redact` alone would not know it.
                    reason = _describe(exc, secret=route.api_key)
                    failures.append(f"{route.label}: {reason}")
                    log.warning("LLM route %s failed (attempt %d): %s", route.label, attempt + 1, reason)
                    yield RouteFailed(route=route.label, error=reason)
                    pause = _backoff(exc, attempt)
                    if attempt < self.settings.retries and _retryable(exc) and loop.time() + pause < deadline:
                        await asyncio.sleep(pause)
                        continue
                    break
        raise AllRoutesFailed(failures or ["no LLM route configured"])

    async def prime(self, messages: list[dict[str, str]]) -> None:
        """Evaluate `messages` now so later calls that start the same way reuse the cached prefix.

        Only worth it for the embedded model (a local KV cache); best effort, never raises.
        """
        if self.settings.model != EMBEDDED_MODEL or self.embedded is None:
            return
        try:
            route = await self._resolve(self.routes()[0])
            assert route.api_base is not None
            async with asyncio.timeout(self.settings.timeout_s):
                await local_http.complete(route.api_base, {"messages": messages, "model": route.model.split("/", 1)[-1], "max_tokens": 1})
        except Exception as exc:  # noqa: BLE001 - priming is an optimisation only
            log.info("priming the prompt prefix failed (%s); the first follow-up will be slower", _describe(exc))

    async def complete(self, messages: list[dict[str, str]], on_token: Callable[[str], None] | None = None, **options: Any) -> Completion:
        async for event in self.stream(messages, **options):
            if isinstance(event, Token) and on_token:
                on_token(event.text)
            elif isinstance(event, Done):
                return event.completion
        raise AssertionError("stream ended without Done")


def _describe(exc: BaseException, secret: str | None = None) -> str:
    if isinstance(exc, TimeoutError):
        return "timed out"
    text = f"{type(exc).__name__}: {exc}"
    if secret and len(secret) >= 6:
        text = text.replace(secret, MASK)
    return redact(text)[:300]


def _status(exc: BaseException) -> int | None:
    status = getattr(exc, "status_code", None)
    return status if isinstance(status, int) else None


def _retryable(exc: BaseException) -> bool:
    status = _status(exc)
    if status is not None:
        return status == 429 or status >= 500
    return isinstance(exc, (TimeoutError, ConnectionError)) or "Connection" in type(exc).__name__


def _backoff(exc: BaseException, attempt: int) -> float:
    """Honour Retry-After when the provider sends one (capped), else exponential backoff."""
    # litellm keeps the provider's headers in `litellm_response_headers`; its `response` is a stub
    # without them (found by tests/test_faults_llm.py: Retry-After was ignored).
    retry_after = None
    for headers in (getattr(exc, "litellm_response_headers", None), getattr(getattr(exc, "response", None), "headers", None)):
        if headers is not None and hasattr(headers, "get") and headers.get("retry-after") is not None:
            retry_after = headers.get("retry-after")
            break
    try:
        if retry_after is not None:
            return min(float(retry_after), 5.0)
    except ValueError:
        pass
    return min(0.25 * (2**attempt), 2.0)
