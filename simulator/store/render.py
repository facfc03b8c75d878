"""Render a stored session for people: Markdown and HTML through Jinja2 templates, and rich for `show`.

Safety: the HTML template runs with autoescape on and every piece of candidate
text reaches it as plain strings (highlights are computed here as segments, not
as markup), so nothing a candidate says can inject HTML. Markdown escapes HTML
and Markdown syntax the same way. Charts are computed here as numbers and drawn
by the template as inline SVG: the HTML file needs nothing else to display.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ..engine.turns import Speaker, Turn
from ..textsafe import printable_model
from .progress import ProgressReport, progress_table
from .records import RoundRecord, SessionRecord

TEMPLATES = Path(__file__).resolve().parent / "templates"
MACHINE_COLOR = "#2563eb"
PALETTE = ["#2563eb", "#dc2626", "#16a34a", "#9333ea", "#ea580c", "#0891b2", "#ca8a04", "#db2777"]


# ----------------------------------------------------------------- evidence highlighting


@dataclass
class Segment:
    text: str
    criteria: list[str] = field(default_factory=list)  # empty = plain text


def _find(text: str, quote: str, hint: int | None = None) -> tuple[int, int] | None:
    """Where `quote` sits in `text`: at the scorer's offset, else verbatim, else ignoring case and spacing."""
    quote = quote.strip()
    if not quote:
        return None
    if hint is not None and text[hint : hint + len(quote)] == quote:
        return hint, hint + len(quote)
    at = text.find(quote)
    if at >= 0:
        return at, at + len(quote)
    pattern = r"\s+".join(re.escape(w) for w in quote.split())
    match = re.search(pattern, text, flags=re.IGNORECASE)
    return (match.start(), match.end()) if match else None


Quote = tuple[str, str, int | None]  # (quote, criterion, char offset if the scorer gave one)


def highlight_segments(text: str, quotes: list[Quote]) -> list[Segment]:
    """Split `text` into plain and highlighted runs. Overlapping quotes merge, labelled with every criterion."""
    marks: list[set[str]] = [set() for _ in text]
    for quote, criterion, hint in quotes:
        span = _find(text, quote, hint)
        if span is not None:
            for i in range(*span):
                marks[i].add(criterion)
    segments: list[Segment] = []
    for i, ch in enumerate(text):
        labels = sorted(marks[i])
        if segments and segments[-1].criteria == labels:
            segments[-1].text += ch
        else:
            segments.append(Segment(ch, labels))
    return segments


def evidence_by_turn(rnd: RoundRecord) -> dict[int, list[Quote]]:
    """The latest score's evidence quotes (and passed checks' quotes), by turn index."""
    score = rnd.score
    found: dict[int, list[Quote]] = {}
    if score is None:
        return found
    for crit in score.criteria:
        quotes = list(crit.evidence) + [c.evidence for c in crit.checks if c.passed and c.evidence is not None]
        for ev in quotes:
            found.setdefault(ev.turn_index, []).append((ev.quote, crit.criterion, getattr(ev, "char_start", None)))
    return found


# ----------------------------------------------------------------- view model


@dataclass
class Bar:
    criterion: str
    weight: float
    machine: int | None
    coach: int | None
    color: str
    override_reason: str | None


@dataclass
class Line:
    criterion: str
    color: str
    points: list[tuple[float, float]]  # (x, y) in SVG units
    labels: list[tuple[float, float, str]]


@dataclass
class ProgressChart:
    width: int
    height: int
    sessions: list[tuple[float, str]]  # x, label
    lines: list[Line]
    y_ticks: list[tuple[float, int]]


def clock(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    return f"{minutes:02d}:{secs:02d}"


def speaker_name(turn: Turn) -> str:
    return "Interviewer" if turn.speaker == Speaker.INTERVIEWER else "Candidate"


def criterion_bars(record: SessionRecord, rnd: RoundRecord) -> list[Bar]:
    score = rnd.score
    if score is None:
        return []
    bars = []
    for crit in score.criteria:
        override = record.override_for(rnd.round_id, crit.criterion)
        bars.append(
            Bar(
                criterion=crit.criterion,
                weight=crit.weight,
                machine=crit.level,
                coach=override.level if override else None,
                color=MACHINE_COLOR,
                override_reason=override.reason if override else None,
            )
        )
    return bars


def progress_chart(report: ProgressReport, *, width: int = 640, height: int = 240) -> ProgressChart | None:
    """Line chart geometry: x = session (oldest left), y = level 1 (bottom) .. 4 (top), coach view."""
    if not report.sessions:
        return None
    left, right, top, bottom = 40, 20, 16, 40
    n = len(report.sessions)

    def x_at(i: int) -> float:
        return left + (width - left - right) * (i / (n - 1) if n > 1 else 0.5)

    def y_at(level: float) -> float:
        return top + (height - top - bottom) * (4 - level) / 3

    lines = []
    for k, crit in enumerate(report.criteria):
        pts = [(round(x_at(i), 1), round(y_at(v), 1)) for i, v in enumerate(crit.coach) if v is not None]
        lines.append(
            Line(
                criterion=crit.criterion,
                color=PALETTE[k % len(PALETTE)],
                points=pts,
                labels=[(x, y, f"{v:g}") for (x, y), v in zip(pts, [v for v in crit.coach if v is not None])],
            )
        )
    return ProgressChart(
        width=width,
        height=height,
        sessions=[(round(x_at(i), 1), s.started[:10]) for i, s in enumerate(report.sessions)],
        lines=lines,
        y_ticks=[(round(y_at(level), 1), level) for level in (1, 2, 3, 4)],
    )


def _view(record: SessionRecord, progress: ProgressReport | None) -> dict:
    rounds = []
    for rnd in record.rounds:
        evidence = evidence_by_turn(rnd)
        rounds.append(
            {
                "record": rnd,
                "turns": [
                    {
                        "turn": t,
                        "who": speaker_name(t),
                        "clock": clock(t.t_start),
                        "segments": highlight_segments(t.text, evidence.get(t.index, []))
                        if t.speaker == Speaker.CANDIDATE
                        else [Segment(t.text)],
                    }
                    for t in rnd.turns
                ],
                "bars": criterion_bars(record, rnd),
                "history": rnd.scores[:-1],
            }
        )
    return {
        "s": record,
        "rounds": rounds,
        "progress": progress,
        "chart": progress_chart(progress) if progress else None,
        "clock": clock,
    }


# ----------------------------------------------------------------- Markdown and HTML

_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}#|>~])")


def md_escape(value: object) -> str:
    """Plain text safe inside Markdown: no HTML, no emphasis, links or tables from what a candidate said."""
    text = str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", text).replace("\n", " ")


def md_segments(segments: list[Segment]) -> str:
    """Turn text for Markdown: evidence in bold with its criteria in superscript."""
    return "".join(
        f"**{md_escape(seg.text)}**<sup>{md_escape(', '.join(seg.criteria))}</sup>" if seg.criteria else md_escape(seg.text)
        for seg in segments
    )


def _env(autoescape: bool) -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=autoescape,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = md_escape
    env.filters["md_segments"] = md_segments
    env.filters["level"] = lambda v: "–" if v is None else f"{v:g}"
    return env


def _printable(record: SessionRecord, progress: ProgressReport | None) -> tuple[SessionRecord, ProgressReport | None]:
    """Control characters in stored text (ESC sequences from an answer or an imported file) made visible."""
    return printable_model(record), printable_model(progress) if progress is not None else None


def render_markdown(record: SessionRecord, progress: ProgressReport | None = None) -> str:
    record, progress = _printable(record, progress)
    return _env(autoescape=False).get_template("session.md.j2").render(**_view(record, progress))


def render_html(record: SessionRecord, progress: ProgressReport | None = None) -> str:
    record, progress = _printable(record, progress)
    env = _env(autoescape=True)
    css = (TEMPLATES / "session.css").read_text(encoding="utf-8")
    return env.get_template("session.html.j2").render(css=css, **_view(record, progress))


# ----------------------------------------------------------------- rich (`interview-sim show`)


def _level_text(value: int | None) -> Text:
    if value is None:
        return Text("–", style="dim")
    return Text(str(value), style={1: "red", 2: "yellow", 3: "green", 4: "bright_green"}[value])


def print_session(record: SessionRecord, console: Console, progress: ProgressReport | None = None) -> None:
    """The transcript with evidence highlighted, then scores with coach overrides beside machine levels."""
    record, progress = _printable(record, progress)
    head = Table.grid(padding=(0, 2))
    for label, value in (
        ("candidate", record.candidate),
        ("loop", record.loop),
        ("level", record.level or "–"),
        ("model", f"{record.model} ({record.mode})"),
        ("status", record.status),
        ("started", record.started_at),
        ("ended", record.ended_at or "–"),
    ):
        head.add_row(Text(label, style="dim"), Text(value))
    console.print(Panel(head, title=f"session {record.id}", title_align="left"))
    for rnd in record.rounds:
        console.rule(Text(f"round {rnd.position + 1}: {rnd.round_id} · persona {rnd.persona} · {rnd.status}"))
        evidence = evidence_by_turn(rnd)
        for turn in rnd.turns:
            who = speaker_name(turn)
            line = Text(f"[{clock(turn.t_start)}] ", style="dim")
            line.append(f"{who}", style="bold cyan" if turn.speaker == Speaker.INTERVIEWER else "bold green")
            line.append(f" ({turn.kind.value}): ", style="dim")
            segments = highlight_segments(turn.text, evidence.get(turn.index, [])) if turn.speaker == Speaker.CANDIDATE else [Segment(turn.text)]
            for seg in segments:
                line.append(seg.text, style="black on yellow" if seg.criteria else "")
            if turn.metrics is not None:
                line.append(f"  [{turn.metrics.wpm:.0f} wpm, {turn.metrics.filler_count} fillers]", style="dim")
            console.print(line)
        score = rnd.score
        if score is None:
            console.print(Text("not scored", style="dim italic"))
            continue
        table = Table(
            title=Text(f"{score.band} · weighted {score.weighted if score.weighted is not None else '–'} · {score.scorer.scorer} {score.scorer.version}"),
            title_justify="left",
        )
        table.add_column("criterion", style="bold", no_wrap=True)
        table.add_column("weight", justify="right")
        table.add_column("machine", justify="center")
        table.add_column("coach", justify="center")
        table.add_column("evidence / missing")
        for crit in score.criteria:
            override = record.override_for(rnd.round_id, crit.criterion)
            detail = Text()
            for ev in crit.evidence:
                detail.append(f"“{ev.quote}”", style="yellow")
                detail.append(f" (turn {ev.turn_index})\n", style="dim")
            if crit.missing:
                detail.append(f"missing: {crit.missing}", style="dim")
            if override is not None:
                detail.append(f"\ncoach {override.coach}: {override.reason}", style="magenta")
            table.add_row(Text(crit.criterion), f"{crit.weight:g}", _level_text(crit.level),
                          _level_text(override.level if override else None), detail)
        console.print(table)
        console.print(Text(score.rationale, style="italic"))
        for flag in score.red_flags:
            console.print(Text(f"red flag: {flag.text}" + (f" ({flag.because})" if flag.because else ""), style="red"))
        for raised in record.raised_flags(rnd.round_id):
            console.print(Text(f"red flag raised by the coach: {raised}", style="bold red"))
        if len(rnd.scores) > 1:
            console.print(Text(f"{len(rnd.scores) - 1} earlier score(s) kept: " + ", ".join(
                f"{s.score.band} {s.score.weighted} ({s.stored_at[:16]})" for s in rnd.scores[:-1]), style="dim"))
    if record.notes:
        console.rule(Text("coach notes"))
        for note in record.notes:
            where = f" on {note.round_id}" if note.round_id else ""
            console.print(Text(f"{note.coach}{where} · {note.created_at[:16]}: ", style="magenta").append(Text(note.text, style="")))
    if progress is not None and progress.sessions:
        console.print(Group(progress_table(progress)))
