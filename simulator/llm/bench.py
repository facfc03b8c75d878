"""`interview-sim bench llm`: how fast the embedded model phrases a follow-up.

Measured the way a round uses it: when a question is asked, the persona prompt
and the question are primed while the candidate answers (not timed: an answer
takes far longer); the follow-up then adds the end of the answer and the
planned probe, and that request is timed from send to first token and to the
last one. The first request warms the model and is reported apart.
"""

from __future__ import annotations

import asyncio
import statistics
import time

from pydantic import BaseModel

from ..catalog import Catalog
from ..config import Settings
from ..engine.round import Probe
from ..interview.prompts import follow_up_messages, priming_messages, system_prompt
from .client import Done, LLMClient, Token
from .factory import build_llm

ANSWERS = [
    "We built a recommender for templates and the team shipped it, people liked it more than the old one.",
    "I was involved in moving search ranking to a learned model and it went fine after some iterations.",
    "We trained a classifier for unsafe designs and it worked well offline, then we launched it to everyone.",
    "The team migrated the tagging model to a vision transformer and it was faster and more accurate overall.",
    "I helped build the caption suggestions and we tested it a bit before the launch in the holidays.",
    "We had a fraud model that was drifting so we retrained it more often and the issue went away eventually.",
]

GOALS = {"ttft_median_s": 0.5, "total_median_s": 1.5}


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[index]


class LLMBenchResult(BaseModel):
    model: str
    requests: int
    warmup_ttft_s: float | None
    ttft_median_s: float
    ttft_p90_s: float
    total_median_s: float
    total_p90_s: float
    goals: dict[str, float] = GOALS
    met: dict[str, bool]


async def _measure(client: LLMClient, messages: list[dict[str, str]]) -> tuple[float | None, float]:
    started = time.monotonic()
    ttft = None
    async for event in client.stream(messages):
        if isinstance(event, Token) and ttft is None:
            ttft = time.monotonic() - started
        elif isinstance(event, Done):
            break
    return ttft, time.monotonic() - started


def run_llm_bench(settings: Settings, catalog: Catalog, requests: int = 12) -> LLMBenchResult:
    """Start the configured model (embedded by default), warm it once, then time `requests` follow-ups."""
    client = build_llm(settings)
    client.warm_up()
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

    async def main() -> tuple[float | None, list[float], list[float]]:
        ttfts: list[float] = []
        totals: list[float] = []
        warm: float | None = None
        for i in range(requests + 1):
            question = round_.questions[i % len(round_.questions)]
            await client.prime(priming_messages(system, question))
            messages = follow_up_messages(system, question, ANSWERS[i % len(ANSWERS)], probes[i % len(probes)])
            ttft, total = await _measure(client, messages)
            if i == 0:
                warm = ttft
                continue
            ttfts.append(ttft if ttft is not None else total)
            totals.append(total)
        return warm, ttfts, totals

    try:
        warm, ttfts, totals = asyncio.run(main())
    finally:
        if client.embedded:
            client.embedded.stop()
    ttft_median = statistics.median(ttfts)
    total_median = statistics.median(totals)
    return LLMBenchResult(
        model=settings.llm.model,
        requests=requests,
        warmup_ttft_s=warm,
        ttft_median_s=round(ttft_median, 3),
        ttft_p90_s=round(percentile(ttfts, 0.9), 3),
        total_median_s=round(total_median, 3),
        total_p90_s=round(percentile(totals, 0.9), 3),
        met={"ttft_median_s": ttft_median <= GOALS["ttft_median_s"], "total_median_s": total_median <= GOALS["total_median_s"]},
    )
