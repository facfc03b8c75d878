"""One table of the product's speed figures: every benchmark as rows of (median, goal, met).

Each area has its benchmark here (llm.py, stt.py, scoring.py, store.py, tui.py);
this module only turns their results into rows and a dated report, for `interview-sim bench all` and the README.
"""

from __future__ import annotations

import datetime as dt
import os
import platform
from typing import Any

from pydantic import BaseModel


class BenchRow(BaseModel):
    area: str
    figure: str
    median: float | None
    p90: float | None = None
    unit: str
    goal: str
    met: bool | None


class BenchReport(BaseModel):
    date: str
    machine: str
    load_average: tuple[float, float, float] | None
    rows: list[BenchRow]

    @property
    def all_met(self) -> bool:
        return all(row.met is not False for row in self.rows)

    def markdown(self) -> str:
        lines = [
            f"Measured {self.date} on {self.machine}"
            + (f" (load average at start {self.load_average[0]:.2f})" if self.load_average else "")
            + " with `interview-sim bench all`.",
            "",
            "| area | figure | median | p90 | goal | met |",
            "|---|---|---|---|---|---|",
        ]
        for row in self.rows:
            median = "n/a" if row.median is None else f"{row.median:g} {row.unit}"
            p90 = "" if row.p90 is None else f"{row.p90:g} {row.unit}"
            met = {True: "yes", False: "**no**", None: "n/a"}[row.met]
            lines.append(f"| {row.area} | {row.figure} | {median} | {p90} | {row.goal} | {met} |")
        return "\n".join(lines)


def machine_description() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            cpu = next((line.split(":", 1)[1].strip() for line in handle if line.startswith("model name")), cpu)
    except OSError:
        pass
    memory = ""
    try:
        pages = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
        memory = f", {pages / 2**30:.0f} GiB"
    except (ValueError, OSError):
        pass
    return f"{os.cpu_count()} cores ({cpu}){memory}, {platform.system()} {platform.release()}, Python {platform.python_version()}"


def new_report(rows: list[BenchRow]) -> BenchReport:
    try:
        load = os.getloadavg()
    except OSError:
        load = None
    return BenchReport(date=dt.date.today().isoformat(), machine=machine_description(), load_average=load, rows=rows)


def llm_rows(result: Any) -> list[BenchRow]:
    """Each follow-up figure, then raw llama.cpp on the same prompts in the same run, then the ratio."""
    goals = result.goals
    label = result.model if not getattr(result, "embedded", None) else f"{result.model}: {result.embedded}"
    if getattr(result, "threads", None):
        label += f", {result.threads} threads"
    raw = getattr(result, "raw", None)
    rows: list[BenchRow] = []
    for key, figure, p90 in (("ttft_median_s", "follow-up time to first token", "ttft_p90_s"),
                             ("total_median_s", "whole follow-up", "total_p90_s")):
        rows.append(BenchRow(area="llm", figure=f"{figure} ({label})", median=getattr(result, key),
                             p90=getattr(result, p90), unit="s", goal=f"<= {goals[key]} s", met=result.met[key]))
        if raw is not None:
            rows.append(BenchRow(area="llm", figure=f"{figure}, raw llama.cpp same prompt, same run",
                                 median=getattr(raw, key), p90=getattr(raw, p90), unit="s", goal="-", met=None))
            ratio = result.ttft_ratio if key == "ttft_median_s" else result.total_ratio
            rows.append(BenchRow(area="llm", figure=f"{figure}: ours / raw llama.cpp", median=ratio,
                                 unit="x", goal="~1", met=None))
    if raw is not None and getattr(result, "client_cpu_ms_median", None) is not None:
        rows.append(BenchRow(area="llm", figure="client CPU per follow-up (ours; raw llama.cpp's HTTP client beside it)",
                             median=result.client_cpu_ms_median, unit="ms", goal=f"raw: {raw.client_cpu_ms_median:g} ms", met=None))
    return rows  # fmt: skip


def stt_rows(result: Any) -> list[BenchRow]:
    rows = []
    for device in result.devices:
        label = f"{device.model} on {device.device} {device.compute_type}"
        gpu = device.device == "cuda"
        rows.append(BenchRow(area="stt", figure=f"real-time factor ({label})", median=round(device.rtf, 4), unit="x",
                             goal="<= 0.1" if not gpu else "-", met=(device.rtf <= 0.1) if not gpu else None))
        if device.latency_median_s is not None:
            goal = result.silence_s + 0.5 if gpu else 1.0
            rows.append(BenchRow(
                area="stt", figure=f"end of speech to final text, incl. {result.silence_s:g} s hangover ({label})",
                median=round(device.latency_median_s, 3), p90=device.latency_p90_s and round(device.latency_p90_s, 3),
                unit="s", goal=f"<= {goal:g} s", met=device.latency_median_s <= goal,
            ))  # fmt: skip
    if result.jargon is not None:
        rows += jargon_rows(result.jargon)
    return rows


def jargon_rows(jargon: Any) -> list[BenchRow]:
    """WER with the round's vocabulary (prompt + domain correction) beside plain tiny.en on the same clips."""
    sets, goals = jargon.sets, jargon.goals
    rows = []
    for name, label in (("jargon", "jargon clips"), ("tuning", "jargon clips, tuning part"), ("held_out", "jargon clips, held out")):
        if name in sets:
            s = sets[name]
            limit = round((1 - 0.4) * s.plain_wer, 4)
            rows.append(BenchRow(area="stt", figure=f"WER, {label} ({s.clips}; plain tiny.en {s.plain_wer:g}, prompt alone {s.prompt_wer:g})",
                                 median=s.product_wer, unit="", goal=f"<= {limit:g} (40% below plain)",
                                 met=goals.get("jargon_wer_40pct_below_plain") if name == "jargon" else None))
    if "general" in sets:
        g = sets["general"]
        rows.append(BenchRow(area="stt", figure=f"WER, general speech ({g.clips} clips; plain tiny.en {g.plain_wer:g})",
                             median=g.product_wer, unit="", goal=f"<= {g.plain_wer + 0.01:.4g}", met=goals.get("general_wer_within_0.01_of_plain")))
    if "jfk" in sets:
        rows.append(BenchRow(area="stt", figure="WER, jfk.flac", median=sets["jfk"].product_wer, unit="", goal="0", met=goals.get("jfk_wer_0")))
    rows.append(BenchRow(area="stt", figure=f"real-time factor with the round's vocabulary / plain tiny.en ({jargon.product_rtf:g} / {jargon.plain_rtf:g})",
                         median=jargon.rtf_ratio, unit="x", goal="<= 1.2", met=goals.get("rtf_le_1.2x_plain")))
    return rows  # fmt: skip


def scoring_rows(result: Any) -> list[BenchRow]:
    return [
        BenchRow(area="scoring", figure=f"evidence scorer, {result.minutes}-minute round ({result.turns} turns, cold cache)",
                 median=round(result.median_s, 4), unit="s", goal=f"<= {result.goal_s:g} s", met=result.passed),
        BenchRow(area="scoring", figure="keyword (signals) scorer, same transcripts, same run",
                 median=round(result.signals_median_s, 4), unit="s", goal="anchor", met=None),
        BenchRow(area="scoring", figure="first scoring in the process (loads the embedding model once)",
                 median=round(result.first_use_s, 4), unit="s", goal="reported", met=None),
    ]  # fmt: skip


def store_rows(result: Any) -> list[BenchRow]:
    label = f"{result.sessions:,} sessions / {result.turns:,} turns"
    return [
        BenchRow(area="store", figure=f"full-text search ({label})", median=result.search.median_ms,
                 p90=None, unit="ms", goal=f"<= {result.search_goal_ms:g} ms",
                 met=result.search.median_ms <= result.search_goal_ms),
        BenchRow(area="store", figure="load one session for review", median=result.load_session.median_ms,
                 p90=None, unit="ms", goal=f"<= {result.load_goal_ms:g} ms",
                 met=result.load_session.median_ms <= result.load_goal_ms),
        BenchRow(area="store", figure="turn insert while a reader holds the db", median=result.insert_with_reader.median_ms,
                 p90=None, unit="ms", goal=f"<= {result.insert_goal_ms:g} ms",
                 met=result.insert_with_reader.median_ms <= result.insert_goal_ms),
    ]  # fmt: skip


def tui_rows(result: Any) -> list[BenchRow]:
    anchor = "n/a" if result.anchor_median_s is None else f"{result.anchor_median_s:g} s"
    return [
        BenchRow(area="tui", figure=f"trivial Textual app, spawn to first paint (tmux, {result.runs} runs): the anchor",
                 median=result.anchor_median_s, unit="s", goal="-", met=None),
        BenchRow(area="tui", figure=f"first frame (x{result.first_frame_ratio} the anchor)",
                 median=result.first_frame_median_s, unit="s", goal="-", met=None),
        BenchRow(area="tui", figure=f"loop picker usable: real loops, focused (x{result.loops_usable_ratio} the anchor)",
                 median=result.loops_usable_median_s, unit="s",
                 goal=f"<= {result.loops_usable_goal_ratio:g} x anchor ({anchor})", met=result.loops_usable_met),
        BenchRow(area="tui", figure="keypress to screen while a turn is written, scored and answered",
                 median=result.keypress_median_ms, p90=result.keypress_p90_ms, unit="ms",
                 goal=f"<= {result.keypress_goal_ms:g} ms", met=result.keypress_met),
    ]  # fmt: skip
