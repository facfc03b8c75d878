"""Per-criterion levels over a candidate's sessions: the data behind `progress` and the export charts.

A session's level for a criterion is the mean over its rounds that scored it
(criterion ids are shared across rubrics). `machine` uses the latest machine
scores only; `coach` applies coach overrides where present. Both are kept.
"""

from __future__ import annotations

from collections import defaultdict

from pydantic import BaseModel, ConfigDict, Field
from rich.table import Table
from rich.text import Text

from .store import Store

SPARK = {1: "▂", 2: "▄", 3: "▆", 4: "█"}
LEVEL_STYLE = {1: "red", 2: "yellow", 3: "green", 4: "bright_green"}


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ProgressSession(_Model):
    id: str
    started: str
    loop: str


class CriterionProgress(_Model):
    criterion: str
    machine: list[float | None] = Field(description="one per session, aligned with ProgressReport.sessions")
    coach: list[float | None] = Field(description="same, with coach overrides applied")

    @property
    def change(self) -> float | None:
        """Last scored level minus first scored level (coach view)."""
        scored = [v for v in self.coach if v is not None]
        return round(scored[-1] - scored[0], 2) if len(scored) >= 2 else None


class ProgressReport(_Model):
    candidate: str
    sessions: list[ProgressSession]
    criteria: list[CriterionProgress]


def _mean(values: list[int]) -> float | None:
    return round(sum(values) / len(values), 2) if values else None


def build_progress(store: Store, candidate: str | None = None, *, until_session: str | None = None) -> list[ProgressReport]:
    """One report per candidate (just the one when `candidate` is given), sessions oldest first.

    `until_session` cuts each report after that session: an export shows progress up to itself.
    """
    rows = store.criterion_levels(candidate)
    by_candidate: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        by_candidate[row["candidate"]].append(row)
    reports = []
    for name in sorted(by_candidate):
        sessions: dict[str, ProgressSession] = {}
        machine: dict[tuple[str, str], list[int]] = defaultdict(list)
        coach: dict[tuple[str, str], list[int]] = defaultdict(list)
        criteria: list[str] = []
        for row in by_candidate[name]:
            sid = row["session_id"]
            if until_session is not None and sid not in sessions and until_session in sessions:
                break
            sessions.setdefault(sid, ProgressSession(id=sid, started=row["started_at"], loop=row["loop"]))
            if row["criterion"] not in criteria:
                criteria.append(row["criterion"])
            if row["level"] is not None:
                machine[(sid, row["criterion"])].append(row["level"])
            effective = row["override"] if row["override"] is not None else row["level"]
            if effective is not None:
                coach[(sid, row["criterion"])].append(effective)
        order = list(sessions)
        reports.append(
            ProgressReport(
                candidate=name,
                sessions=list(sessions.values()),
                criteria=[
                    CriterionProgress(
                        criterion=c,
                        machine=[_mean(machine.get((s, c), [])) for s in order],
                        coach=[_mean(coach.get((s, c), [])) for s in order],
                    )
                    for c in criteria
                ],
            )
        )
    return reports


def _cell(machine: float | None, coach: float | None) -> Text:
    if coach is None:
        return Text("·", style="dim")
    level = max(1, min(4, round(coach)))
    text = Text(f"{SPARK[level]} {coach:g}", style=LEVEL_STYLE[level])
    if machine != coach:
        text.append("*", style="bold magenta")
    return text


def progress_table(report: ProgressReport, *, max_sessions: int = 12) -> Table:
    """The terminal chart: one row per criterion, one column per session (latest `max_sessions`)."""
    sessions = report.sessions[-max_sessions:]
    offset = len(report.sessions) - len(sessions)
    table = Table(title=Text(f"Progress: {report.candidate}"), caption="level 1-4 per session; * = coach override applied")
    table.add_column("criterion", style="bold")
    table.add_column("trend")
    for s in sessions:
        table.add_column(f"{s.started[5:10]}\n{s.id[:6]}", justify="center")
    table.add_column("change", justify="right")
    for crit in report.criteria:
        values = crit.coach[offset:]
        spark = "".join(SPARK[max(1, min(4, round(v)))] if v is not None else " " for v in values)
        change = crit.change
        change_text = Text("" if change is None else f"{change:+g}", style="green" if (change or 0) > 0 else "red" if (change or 0) < 0 else "")
        table.add_row(Text(crit.criterion), spark, *(_cell(m, c) for m, c in zip(crit.machine[offset:], values)), change_text)
    return table
