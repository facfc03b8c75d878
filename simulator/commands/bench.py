"""`interview-sim bench ...`: the product's speed claims, measured on this machine as medians."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import click
from rich.console import Console
from rich.table import Table

from ..config import PROJECT_ROOT, Settings
from .common import catalog_or_exit, echo_json, state

README_MARKERS = ("<!-- bench:start -->", "<!-- bench:end -->")


def _print_rows(title: str, rows: list[Any]) -> None:
    table = Table(title=title)
    for column in ("area", "figure", "median", "p90", "goal", "met"):
        table.add_column(column)
    for row in rows:
        median = "n/a" if row.median is None else f"{row.median:g} {row.unit}"
        p90 = "" if row.p90 is None else f"{row.p90:g} {row.unit}"
        met = {True: "[green]yes[/]", False: "[red]NO[/]", None: "n/a"}[row.met]
        table.add_row(row.area, row.figure, median, p90, row.goal, met)
    Console().print(table)


def _llm(settings: Settings, quick: bool) -> tuple[Any, list[Any]]:
    from ..bench.report import llm_rows
    from ..bench.llm import run_llm_bench

    result = run_llm_bench(settings, catalog_or_exit(settings), requests=6 if quick else 12)
    return result, llm_rows(result)


def _stt(settings: Settings, quick: bool) -> tuple[Any, list[Any]]:
    from ..bench.report import stt_rows
    from ..bench.stt import run_stt_bench

    result = run_stt_bench(settings=settings, rtf_repeats=1 if quick else 3, catalog=catalog_or_exit(settings),
                           progress=lambda line: click.echo(line, err=True))  # fmt: skip
    return result, stt_rows(result)


def _scoring(settings: Settings, quick: bool) -> tuple[Any, list[Any]]:
    from ..bench.report import scoring_rows
    from ..bench.scoring import run_scoring_bench

    result = run_scoring_bench(repeats=3 if quick else 7, catalog=catalog_or_exit(settings))
    return result, scoring_rows(result)


def _store(settings: Settings, quick: bool) -> tuple[Any, list[Any]]:
    from ..bench.report import store_rows
    from ..bench.store import run_store_bench

    result = run_store_bench(1_000 if quick else 10_000, progress=lambda line: click.echo(line, err=True))
    return result, store_rows(result)


def _tui(settings: Settings, quick: bool) -> tuple[Any, list[Any]]:
    from ..bench.report import tui_rows
    from ..bench.tui import run_tui_bench

    result = run_tui_bench(settings, runs=3 if quick else 7, presses=10 if quick else 30)
    return result, tui_rows(result)


AREAS: dict[str, Callable[[Settings, bool], tuple[Any, list[Any]]]] = {
    "llm": _llm, "stt": _stt, "scoring": _scoring, "store": _store, "tui": _tui,
}  # fmt: skip


def _area_command(name: str, help_text: str) -> click.Command:
    @click.command(name, help=help_text)
    @click.option("--json", "as_json", is_flag=True, help="The full result as JSON.")
    @click.option("--quick", is_flag=True, help="Fewer repetitions / smaller data, for a fast look.")
    @click.pass_context
    def command(ctx: click.Context, as_json: bool, quick: bool) -> None:
        result, rows = AREAS[name](state(ctx).settings(), quick)
        if as_json:
            echo_json(result.model_dump(mode="json"))
        else:
            _print_rows(f"bench {name}", rows)

    return command


@click.group("bench")
def bench_group() -> None:
    """Benchmarks (medians, with the goal beside each figure)."""


@bench_group.command("llm")
@click.option("--json", "as_json", is_flag=True, help="The full result as JSON.")
@click.option("--quick", is_flag=True, help="Fewer repetitions (6 instead of 12).")
@click.option("--requests", type=click.IntRange(1, 500), help="Timed follow-ups (default 12).")
@click.option("--embedded", "embedded", help="Which embedded model (llm.embedded): qwen2.5-coder-0.5b or qwen2.5-coder-1.5b.")
@click.option("--threads", type=click.IntRange(0, 256), help="llama.cpp threads (llm.threads; 0 = the cores idle when it starts).")
@click.option("--compare", is_flag=True, help="Both embedded models: follow-up quality on the development cases, and speed.")
@click.option("--cases", type=click.Path(exists=True, dir_okay=False), help="--compare: a cases YAML (default: the built-in one).")
@click.option("--markdown", is_flag=True, help="--compare: print the README table.")
@click.option("--samples", type=click.IntRange(1, 20), default=1, show_default=True, help="--compare: follow-ups per case.")
@click.option("--no-speed", is_flag=True, help="--compare: quality only.")
@click.pass_context
def bench_llm(ctx: click.Context, as_json: bool, quick: bool, requests: int | None, embedded: str | None,
              threads: int | None, compare: bool, cases: str | None, markdown: bool, samples: int, no_speed: bool) -> None:  # fmt: skip
    """Follow-up time to first token and to the whole question (prefix primed), beside raw llama.cpp on the same prompts."""
    flags: dict[str, Any] = {}
    if embedded:
        flags["llm.embedded"] = embedded
    if threads is not None:
        flags["llm.threads"] = threads
    settings = state(ctx).settings(**flags)  # validated like any layer: a wrong name lists the known ones
    if compare:
        from pathlib import Path

        from ..bench.llm_compare import run_compare

        report = run_compare(
            settings, catalog_or_exit(settings), cases=Path(cases) if cases else None,
            requests=requests or (6 if quick else 12), samples=samples, speed=not no_speed,
            progress=lambda line: click.echo(line, err=True),
        )  # fmt: skip
        if as_json:
            echo_json(report.model_dump(mode="json"))
        elif markdown:
            click.echo(report.markdown())
        else:
            Console().print(report.markdown(), markup=False, highlight=False)
        return
    from ..bench.report import llm_rows
    from ..bench.llm import run_llm_bench

    result = run_llm_bench(
        settings, catalog_or_exit(settings), requests=requests or (6 if quick else 12),
        progress=None if as_json else (lambda line: click.echo(line, err=True)),
    )  # fmt: skip
    if as_json:
        echo_json(result.model_dump(mode="json"))
    else:
        load = f" · load average {result.load_average:g}" if result.load_average is not None else ""
        _print_rows(f"bench llm{load}", llm_rows(result))


for _name, _help in {
    "stt": "Whisper real-time factor, end-of-speech to final-transcript latency, and jargon/general WER beside plain tiny.en.",
    "scoring": "Time to score a 45-minute round with the evidence scorer.",
    "store": "Search, session load and turn insert on a 10,000-session database.",
    "tui": "Launch beside a trivial Textual app (first frame, loop picker usable, ratios) and keypress latency mid-turn.",
}.items():
    bench_group.add_command(_area_command(_name, _help))


@bench_group.command("jargon")
@click.option("--styles", default=None, help="Prompt styles to compare, comma-separated (full, short, rare, sentence, hotwords, lead); "
              "default: stt.jargon_prompt. The first is the product the goals are checked on.")
@click.option("--repeats", default=1, show_default=True, type=click.IntRange(1, 9), help="Transcriptions per clip and style (median time).")
@click.option("--json", "as_json", is_flag=True, help="The full result as JSON.")
@click.pass_context
def bench_jargon(ctx: click.Context, styles: str | None, repeats: int, as_json: bool) -> None:
    """Jargon and general-speech WER and real-time factor beside plain tiny.en, per prompt style (CPU, minutes)."""
    from ..bench.jargon import run_jargon_bench
    from ..speech.vocabulary import PROMPT_STYLES

    settings = state(ctx).settings()
    chosen = [s.strip() for s in styles.split(",") if s.strip()] if styles else None
    for style in chosen or ():
        if style not in PROMPT_STYLES:
            raise click.BadParameter(f"{style!r}; choose from {', '.join(PROMPT_STYLES)}", param_hint="--styles")
    result = run_jargon_bench(catalog_or_exit(settings), settings=settings, styles=chosen, repeats=repeats,  # type: ignore[arg-type]
                              progress=lambda line: click.echo(line, err=True))  # fmt: skip
    if as_json:
        echo_json(result.model_dump(mode="json"))
        return
    table = Table(title=f"bench jargon ({result.model}, {result.device}; plain tiny.en RTF {result.plain_rtf:g})")
    for column in ("style", "general", "jargon", "tuning", "held out", "jfk", "RTF ratio", "median ratio", "goals met"):
        table.add_column(column)
    plain = result.sets
    table.add_row("plain tiny.en", *(f"{plain[n].plain_wer:.3f}" if n in plain else "n/a" for n in ("general", "jargon", "tuning", "held_out", "jfk")),
                  "1", "1", "")  # fmt: skip
    for score in result.styles.values():
        met = sum(score.goals.values())
        table.add_row(score.style, *(f"{score.wer[n]:.3f}" if n in score.wer else "n/a" for n in ("general", "jargon", "tuning", "held_out", "jfk")),
                      f"{score.rtf_ratio:g}", f"{score.rtf_ratio_median:g}", f"{met}/{len(score.goals)}")  # fmt: skip
    Console().print(table)


@bench_group.command("all")
@click.option("--json", "as_json", is_flag=True, help="The report as JSON.")
@click.option("--markdown", is_flag=True, help="The report as a Markdown table.")
@click.option("--write-readme", is_flag=True, help="Replace the README's Performance table with this run.")
@click.option("--quick", is_flag=True, help="Fewer repetitions / smaller data.")
@click.pass_context
def bench_all(ctx: click.Context, as_json: bool, markdown: bool, write_readme: bool, quick: bool) -> None:
    """Every benchmark, one table: median, goal, met."""
    from ..bench.report import new_report

    settings = state(ctx).settings()
    rows: list[Any] = []
    for name, run in AREAS.items():
        click.echo(f"bench {name} ...", err=True)
        rows.extend(run(settings, quick)[1])
    report = new_report(rows)
    if write_readme:
        readme = PROJECT_ROOT / "README.md"
        start, end = README_MARKERS
        text = readme.read_text()
        if start not in text or end not in text:
            raise click.ClickException(f"README.md has no {start} ... {end} section")
        text = re.sub(re.escape(start) + ".*?" + re.escape(end), f"{start}\n{report.markdown()}\n{end}", text, flags=re.S)
        readme.write_text(text)
    if as_json:
        echo_json(report.model_dump(mode="json") | {"all_met": report.all_met})
    elif markdown:
        click.echo(report.markdown())
    else:
        _print_rows(f"interview-sim bench all · {report.date} · {report.machine}", report.rows)


def register(group: click.Group) -> None:
    group.add_command(bench_group)
