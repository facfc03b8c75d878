"""Report after a round (levels, quotes, what would raise each, delivery, red flags, tips, progress) and the loop summary."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Label, Sparkline, Static

from ...scoring.models import RoundScore
from ...scoring.verdict import summarise_loop
from .. import keys
from ..footer import KeysFooter
from ..host import Host, host
from ..messages import ContinueLoop, FinishLoop, LeaveLoop, RoundScored, ScoreReady
from ..outcome import RoundOutcome
from ..delivery import DeliverySummary


SPARK = " ▁▃▅█"
MAX_TREND_SESSIONS = 20


def level_text(level: int | None) -> str:
    return "insufficient evidence" if level is None else f"{level}/4"


def spark(levels: list[float]) -> str:
    return "".join(SPARK[max(0, min(4, int(round(v))))] for v in levels)


class ReportScreen(Screen[None]):
    BINDINGS = keys.REPORT

    def __init__(self, outcome: RoundOutcome, *, has_next: bool = False, whole_loop: bool = False) -> None:
        super().__init__()
        self.outcome = outcome
        self.has_next = has_next
        self.whole_loop = whole_loop

    @property
    def sim(self) -> Host:
        return host(self)

    def compose(self) -> ComposeResult:
        loop = self.sim.catalog.loop(self.outcome.loop_id)
        self.round = loop.round(self.outcome.round_id)
        self.loop = loop
        nxt = "next round" if self.has_next else ("loop summary" if self.whole_loop else "home")
        yield Label(f"Report · {loop.company} {loop.role} · {self.round.title} · {self.outcome.candidate}", classes="title")
        yield Label(f"Round closed: {self.outcome.reason} · enter: {nxt}", classes="muted")
        with VerticalScroll(id="report"):
            yield Static("Scoring the transcript…", id="verdict", classes="section")
            yield Static("", id="criteria", classes="section")
            yield Static("", id="flags", classes="section")
            yield Static("\n".join(["Delivery", *DeliverySummary(self.outcome.turns, self.round.answer_guidance_s).lines()]),
                         id="delivery", classes="section")  # fmt: skip
            tips = [*self.round.tips, *loop.tips][:8]
            yield Static("\n".join(["Tips for this round", *[f"• {t}" for t in tips]]) if tips else "No tips in the rubric.",
                         id="tips", classes="section")  # fmt: skip
            yield Static("", id="progress", classes="section")
            with Vertical(id="trend", classes="section hidden"):
                yield Label("", id="trend-label")
                yield Sparkline([], id="trend-chart")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.score()

    @work(thread=True, exclusive=True, group="scoring")
    def score(self) -> None:
        """Score (unless the outcome has its score), keep it and end the round, then read the levels so far: a thread."""
        outcome, rounds, desk = self.outcome, self.sim.rounds, self.sim.desk
        assert rounds is not None and desk is not None
        score = outcome.score
        if score is None:
            try:
                score = rounds.score(outcome.loop_id, outcome.round_id, outcome.turns)
            except Exception as exc:  # noqa: BLE001 - the report still shows the transcript's delivery and tips
                self.post_message(ScoreReady(None, f"{type(exc).__name__}: {exc}"))
                return
            save_error = None
            try:
                rounds.keep_score(outcome.round_row, score)
            except Exception as exc:  # noqa: BLE001
                save_error = str(exc)
        else:
            save_error = None
        try:
            levels, levels_error = desk.levels(outcome.candidate), None
        except Exception as exc:  # noqa: BLE001
            levels, levels_error = [], str(exc)
        self.post_message(ScoreReady(score, save_error=save_error, levels=levels, levels_error=levels_error))

    def on_score_ready(self, message: ScoreReady) -> None:
        if message.score is None:
            self.query_one("#verdict", Static).update(f"Could not score this round: {message.error}")
            self.notify(f"Scoring failed: {message.error}", severity="error")
            return
        if message.save_error:
            self.notify(f"Could not save the score: {message.save_error}", severity="error")
        self.outcome = self.outcome.model_copy(update={"score": message.score})
        self.post_message(RoundScored(self.outcome))
        self.show_score(message.score)
        if message.levels_error:
            self.query_one("#progress", Static).update(f"Progress unavailable: {message.levels_error}")
        else:
            self._show_progress(message.score, message.levels)

    def show_score(self, score: RoundScore) -> None:
        weighted = "-" if score.weighted is None else f"{score.weighted:.2f}/4"
        self.query_one("#verdict", Static).update(
            Text.assemble(("Verdict: ", "bold"), f"{score.band} · weighted {weighted}\n", score.rationale,
                          f"\nscored by the {score.scorer.scorer} scorer ({score.scorer.version})",
                          (f"\nthe scorer {score.scorer.agreement.line()}" if score.scorer.agreement else "", "dim"))  # fmt: skip
        )
        body = Text()
        for result in score.criteria:
            try:
                title = self.sim.catalog.criterion(self.loop, result.criterion).title
            except KeyError:
                title = result.criterion
            body.append(f"{title}", style="bold")
            body.append(f"  {level_text(result.level)}  (weight {result.weight:.2f})\n")
            for ev in result.evidence[:2]:
                body.append(f"   “{ev.quote}”", style="italic green")
                body.append(f"  turn {ev.turn_index}\n", style="dim")
            if result.missing:
                body.append(f"   To raise it: {result.missing}\n", style="yellow")
            elif result.level is None and result.note:
                body.append(f"   {result.note}\n", style="yellow")
        self.query_one("#criteria", Static).update(body)
        flags = [f"⚑ {f.text}" + (f" ({f.because})" if f.because else "") + (f" — “{f.evidence.quote}”" if f.evidence else "")
                 for f in score.red_flags]
        self.query_one("#flags", Static).update("\n".join(["Red flags", *flags]) if flags else "Red flags: none found")

    def _show_progress(self, score: RoundScore, rows: list[dict[str, Any]]) -> None:
        levels = self._round_levels(rows)
        lines = [f"Progress against earlier sessions ({self.outcome.candidate}, this round)"]
        for result in score.criteria:
            history = [value for _, criterion, value in levels if criterion == result.criterion]
            if len(history) <= 1:
                lines.append(f"  {result.criterion:<24} first scored session")
            else:
                change = history[-1] - history[-2]
                arrow = "↑" if change > 0 else "↓" if change < 0 else "→"
                lines.append(f"  {result.criterion:<24} {spark(history):<12} {' '.join(f'{v:g}' for v in history[-6:])} {arrow}")
        self.query_one("#progress", Static).update("\n".join(lines))
        self._show_trend(levels)

    def _round_levels(self, rows: list[dict[str, Any]]) -> list[tuple[Any, str, float]]:
        """(session, criterion, level) for this round, oldest session first; a coach's override wins."""
        return [
            (r["session_id"], r["criterion"], float(r["override"] or r["level"]))
            for r in rows
            if r["round_id"] == self.outcome.round_id and r["level"] is not None
        ]

    def _show_trend(self, levels: list[tuple[Any, str, float]]) -> None:
        """The round's mean level per session, oldest first, as a chart once there are two sessions to compare."""
        per_session: dict[Any, list[float]] = {}
        for session_id, _, value in levels:
            per_session.setdefault(session_id, []).append(value)
        means = [sum(values) / len(values) for values in per_session.values()][-MAX_TREND_SESSIONS:]
        if len(means) < 2:
            return
        self.query_one("#trend-label", Label).update(
            f"Mean level in this round, last {len(means)} sessions: {means[0]:.1f} → {means[-1]:.1f} (of 4)"
        )
        chart = self.query_one("#trend-chart", Sparkline)
        chart.data = means
        self.query_one("#trend").remove_class("hidden")

    def action_continue(self) -> None:
        self.post_message(ContinueLoop() if self.has_next or self.whole_loop else FinishLoop())

    def action_home(self) -> None:
        self.post_message(LeaveLoop() if self.has_next else FinishLoop())


class LoopSummaryScreen(Screen[None]):
    """Across the loop: each round's band and where to work first."""

    BINDINGS = keys.LOOP_SUMMARY

    def __init__(self, loop_id: str, outcomes: list[RoundOutcome]) -> None:
        super().__init__()
        self.loop_id = loop_id
        self.outcomes = outcomes

    def compose(self) -> ComposeResult:
        scores = [o.score for o in self.outcomes if o.score is not None]
        summary = summarise_loop(self.loop_id, scores)
        yield Label(f"Loop summary · {self.loop_id}", classes="title")
        with VerticalScroll(id="report"):
            weighted = "-" if summary.weighted is None else f"{summary.weighted:.2f}/4"
            yield Static(f"Overall: {summary.band} · {weighted}\n{summary.rationale}", classes="section")
            yield Static("\n".join(["Rounds", *[f"  {r.round:<28} {r.band:<10} {'-' if r.weighted is None else f'{r.weighted:.2f}'}"
                                                for r in summary.rounds]]), classes="section")  # fmt: skip
            yield Static("\n".join(["Per criterion (mean level)", *[f"  {c:<28} {v:.2f}" for c, v in sorted(summary.criteria.items())]]),
                         classes="section")  # fmt: skip
            yield Static("\n".join(["Red flags", *summary.red_flags]) if summary.red_flags else "Red flags: none", classes="section")
        yield KeysFooter()

    def action_home(self) -> None:
        self.run_action("app.home")
