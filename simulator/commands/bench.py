"""`interview-sim bench ...`: the product's speed claims, measured on this machine as medians."""

from __future__ import annotations

import click
from rich.console import Console
from rich.table import Table

from .common import catalog_or_exit, echo_json, state


@click.group("bench")
def bench_group() -> None:
    """Benchmarks (medians, with the goal beside each figure)."""


@bench_group.command("llm")
@click.option("--json", "as_json", is_flag=True)
@click.option("--requests", default=12, show_default=True, help="Timed follow-ups after one warm-up.")
@click.option("--model", help='litellm model id, or "embedded".')
@click.pass_context
def bench_llm(ctx: click.Context, as_json: bool, requests: int, model: str | None) -> None:
    """Time to first token and to a whole follow-up question."""
    from ..llm.bench import run_llm_bench

    settings = state(ctx).settings(**{"llm.model": model})
    result = run_llm_bench(settings, catalog_or_exit(settings), requests=requests)
    if as_json:
        echo_json(result.model_dump())
        return
    table = Table(title=f"LLM follow-ups ({result.model}, {result.requests} requests, prefix reused)")
    for column in ("figure", "median", "p90", "goal", "met"):
        table.add_column(column)
    table.add_row("time to first token (s)", f"{result.ttft_median_s:.3f}", f"{result.ttft_p90_s:.3f}",
                  f"<= {result.goals['ttft_median_s']}", "yes" if result.met["ttft_median_s"] else "NO")
    table.add_row("whole follow-up (s)", f"{result.total_median_s:.3f}", f"{result.total_p90_s:.3f}",
                  f"<= {result.goals['total_median_s']}", "yes" if result.met["total_median_s"] else "NO")
    Console().print(table)


def register(group: click.Group) -> None:
    group.add_command(bench_group)
