"""`interview-sim bench llm`: how fast the embedded model phrases a follow-up, beside raw llama.cpp.

Measured the way a round uses it: when a question is asked, the persona prompt
and the question are primed while the candidate answers (not timed: an answer
takes far longer); the follow-up then adds the end of the answer and the
planned probe, and that request is timed from send to first token and to the
last one, through the project's client (litellm, fallback chain).

In the same run, the same server gets exactly the same requests (same primed
prefix, same follow-up messages, same sampling fields) as plain HTTP from a
stopwatch: no litellm and no project code in between. That is the raw
llama.cpp anchor; the ratio project / raw says how much the app's own path
costs, whatever else the machine is doing. The two are interleaved (ABBA) so a
busy neighbour slows both alike. The first pair warms the model and is not
counted.
"""

from __future__ import annotations

import asyncio
import http.client
import json
import os
import statistics
import time
from collections.abc import Callable
from urllib.parse import urlsplit

from pydantic import BaseModel

from ..catalog import Catalog
from ..config import EMBEDDED_MODEL, Settings
from ..engine.plan import Probe
from ..interview.prompts import follow_up_messages, priming_messages, system_prompt
from ..llm.client import Done, LLMClient, Token
from ..llm.embedded_model import spec_for
from ..llm.factory import build_llm

ANSWERS = [
    "We built a recommender for templates and the team shipped it, people liked it more than the old one.",
    "I was involved in moving search ranking to a learned model and it went fine after some iterations.",
    "We trained a classifier for unsafe designs and it worked well offline, then we launched it to everyone.",
    "The team migrated the tagging model to a vision transformer and it was faster and more accurate overall.",
    "I helped build the caption suggestions and we tested it a bit before the launch in the holidays.",
    "We had a fraud model that was drifting so we retrained it more often and the issue went away eventually.",
]

GOALS = {"ttft_median_s": 0.5, "total_median_s": 1.5}
RAW_ANCHOR = "the same llama.cpp server (llama-cpp-python {version}), plain HTTP, same prompt"


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[index]


class PathFigures(BaseModel):
    """Medians of one way of asking for the follow-up."""

    ttft_median_s: float
    ttft_p90_s: float
    total_median_s: float
    total_p90_s: float
    tokens_median: float
    client_cpu_ms_median: float | None = None  # CPU the asking process spent per follow-up: overhead a busy box cannot hide


class LLMBenchResult(BaseModel):
    model: str
    embedded: str | None = None  # which embedded model served it
    threads: int | None = None
    requests: int
    warmup_ttft_s: float | None
    ttft_median_s: float
    ttft_p90_s: float
    total_median_s: float
    total_p90_s: float
    tokens_median: float | None = None
    client_cpu_ms_median: float | None = None
    raw: PathFigures | None = None  # raw llama.cpp on the same prompts, same run
    raw_anchor: str | None = None
    ttft_ratio: float | None = None  # project / raw
    total_ratio: float | None = None
    load_average: float | None = None  # 1-minute load at the start: how busy the machine was
    goals: dict[str, float] = GOALS
    met: dict[str, bool]


class Sample(BaseModel):
    ttft_s: float
    total_s: float
    tokens: int
    text: str
    cpu_s: float | None = None  # process CPU time spent on this request, stopwatch included


def _figures(samples: list[Sample]) -> PathFigures:
    ttfts = [s.ttft_s for s in samples]
    totals = [s.total_s for s in samples]
    return PathFigures(
        ttft_median_s=round(statistics.median(ttfts), 3),
        ttft_p90_s=round(percentile(ttfts, 0.9), 3),
        total_median_s=round(statistics.median(totals), 3),
        total_p90_s=round(percentile(totals, 0.9), 3),
        tokens_median=statistics.median(s.tokens for s in samples),
        client_cpu_ms_median=round(1000 * statistics.median(s.cpu_s or 0.0 for s in samples), 1),
    )


# --- raw llama.cpp: plain HTTP ---------------------------------------------------
def raw_request(api_base: str, body: dict[str, object], timeout_s: float = 120.0) -> Sample:
    """POST /chat/completions and read the server-sent events; times from send to first content and to [DONE]."""
    url = urlsplit(api_base.rstrip("/") + "/chat/completions")
    data = json.dumps(body).encode()
    started, cpu = time.monotonic(), time.process_time()
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=timeout_s)
    try:
        conn.request("POST", url.path, body=data, headers={"Content-Type": "application/json"})
        response = conn.getresponse()
        if response.status != 200:
            raise RuntimeError(f"raw llama.cpp request failed: HTTP {response.status} {response.read()[:200]!r}")
        ttft, text, tokens = None, "", 0
        if not body.get("stream"):
            payload = json.loads(response.read())
            text = payload["choices"][0]["message"]["content"] or ""
            total = time.monotonic() - started
            return Sample(ttft_s=total, total_s=total, tokens=int(payload.get("usage", {}).get("completion_tokens", 0)),
                          text=text, cpu_s=time.process_time() - cpu)  # fmt: skip
        for line in response:
            if not line.startswith(b"data:"):
                continue
            chunk = line[5:].strip()
            if chunk == b"[DONE]":
                break
            choices = json.loads(chunk).get("choices") or [{}]
            delta = (choices[0].get("delta") or {}).get("content") or ""
            if delta:
                ttft = ttft if ttft is not None else time.monotonic() - started
                text += delta
                tokens += 1
        total = time.monotonic() - started
        return Sample(ttft_s=total if ttft is None else ttft, total_s=total, tokens=tokens, text=text, cpu_s=time.process_time() - cpu)
    finally:
        conn.close()


def raw_body(messages: list[dict[str, str]], settings: Settings, *, prime: bool = False, seed: int | None = None) -> dict[str, object]:
    """The body the project's call puts on the wire (what litellm sends too; tests/test_llm_choice.py checks both)."""
    if prime:  # LLMClient.prime: one token, not streamed
        return {"messages": messages, "model": EMBEDDED_MODEL, "max_tokens": 1, "stream": False}
    body: dict[str, object] = {
        "messages": messages, "model": EMBEDDED_MODEL, "max_tokens": settings.llm.max_tokens,
        "stream": True, "temperature": settings.llm.temperature,
    }  # fmt: skip
    if seed is not None:
        body["seed"] = seed
    return body


# --- the project's path ------------------------------------------------------------
async def project_request(client: LLMClient, messages: list[dict[str, str]], seed: int | None = None) -> Sample:
    started, cpu = time.monotonic(), time.process_time()
    ttft, text, tokens = None, "", 0
    async for event in client.stream(messages, seed=seed):
        if isinstance(event, Token):
            ttft = ttft if ttft is not None else time.monotonic() - started
            text += event.text
            tokens += 1
        elif isinstance(event, Done):
            break
    total = time.monotonic() - started
    return Sample(ttft_s=total if ttft is None else ttft, total_s=total, tokens=tokens, text=text, cpu_s=time.process_time() - cpu)


def bench_prompts(settings: Settings, catalog: Catalog) -> tuple[str, list, list[Probe]]:
    """The persona system prompt, the questions and the planned probes of a conversation round."""
    loop = catalog.loops.get("canva-mle") or next(iter(catalog.loops.values()))
    round_ = next((r for r in loop.rounds if r.kind == "conversation"), loop.rounds[0])
    persona = catalog.personas[round_.persona]
    system = system_prompt(catalog, loop, round_, persona, settings.interview.candidate)
    probes = []
    for crit in round_.criteria:
        criterion = catalog.criterion(loop, crit.id)
        probes.append(
            Probe(criterion=crit.id, criterion_title=criterion.title, missing=criterion.levels[4],
                  canned=(crit.probes or criterion.probes or [f"Tell me more about {criterion.title}?"])[0])
        )  # fmt: skip
    return system, list(round_.questions), probes


def run_llm_bench(
    settings: Settings,
    catalog: Catalog,
    requests: int = 12,
    *,
    raw: bool = True,
    progress: Callable[[str], None] | None = None,
) -> LLMBenchResult:
    """Start the configured model (embedded by default), warm it once, then time `requests` follow-ups.

    With `raw` and the embedded model, each follow-up is also sent to the same server as plain HTTP.
    """
    # A busy machine may take long over the cold first request: the bench measures, it never falls back.
    settings = settings.model_copy(update={"llm": settings.llm.model_copy(update={"timeout_s": 600.0, "retries": 0})})
    client = build_llm(settings)
    client.warm_up()
    embedded = settings.llm.model == EMBEDDED_MODEL
    server = client.embedded.server if (embedded and client.embedded) else None
    with_raw = raw and server is not None
    system, questions, probes = bench_prompts(settings, catalog)
    try:
        load = os.getloadavg()[0]
    except OSError:
        load = None

    async def main() -> tuple[float | None, list[Sample], list[Sample]]:
        ours: list[Sample] = []
        theirs: list[Sample] = []
        warm: float | None = None
        for i in range(requests + 1):
            question = questions[i % len(questions)]
            priming = priming_messages(system, question)
            messages = follow_up_messages(system, question, ANSWERS[i % len(ANSWERS)], probes[i % len(probes)])

            seed = 1000 + i  # both paths draw the same sample, so their whole follow-ups are the same length

            async def project() -> Sample:
                await client.prime(priming)
                return await project_request(client, messages, seed=seed)

            def direct() -> Sample:
                assert server is not None
                raw_request(server.api_base, raw_body(priming, settings, prime=True))
                return raw_request(server.api_base, raw_body(messages, settings, seed=seed))

            # ABBA: which path goes first alternates, so a slow moment lands on both alike.
            if not with_raw:
                pair = (await project(), None)
            elif i % 2 == 0:
                a = await project()
                pair = (a, direct())
            else:
                b = direct()
                pair = (await project(), b)
            if i == 0:
                warm = pair[0].ttft_s
                continue
            ours.append(pair[0])
            if pair[1] is not None:
                theirs.append(pair[1])
            if progress:
                line = f"  {i}/{requests}: ours {pair[0].ttft_s:.3f}/{pair[0].total_s:.3f} s"
                if pair[1] is not None:
                    line += f", raw llama.cpp {pair[1].ttft_s:.3f}/{pair[1].total_s:.3f} s"
                progress(line)
        return warm, ours, theirs

    try:
        warm, ours, theirs = asyncio.run(main())
    finally:
        if client.embedded:
            client.embedded.stop()
    mine = _figures(ours)
    anchor = _figures(theirs) if theirs else None
    return LLMBenchResult(
        model=settings.llm.model,
        embedded=spec_for(settings.llm.embedded).key if embedded else None,
        threads=server.threads if server else None,
        requests=requests,
        warmup_ttft_s=warm,
        ttft_median_s=mine.ttft_median_s,
        ttft_p90_s=mine.ttft_p90_s,
        total_median_s=mine.total_median_s,
        total_p90_s=mine.total_p90_s,
        tokens_median=mine.tokens_median,
        client_cpu_ms_median=mine.client_cpu_ms_median,
        raw=anchor,
        raw_anchor=RAW_ANCHOR.format(version=_llama_cpp_version()) if anchor else None,
        ttft_ratio=_ratio(mine.ttft_median_s, anchor.ttft_median_s) if anchor else None,
        total_ratio=_ratio(mine.total_median_s, anchor.total_median_s) if anchor else None,
        load_average=None if load is None else round(load, 2),
        met={
            "ttft_median_s": mine.ttft_median_s <= GOALS["ttft_median_s"],
            "total_median_s": mine.total_median_s <= GOALS["total_median_s"],
        },
    )


def _ratio(ours: float, raw: float) -> float | None:
    return round(ours / raw, 2) if raw > 0 else None


def _llama_cpp_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("llama-cpp-python")
    except PackageNotFoundError:
        return "?"
