"""Home: choose a loop, a round (or the whole loop), level, persona, name and input mode; see model status; resume."""

from __future__ import annotations

import random
from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widgets import Button, DataTable, Footer, Header, Input, Label, RadioButton, RadioSet, Select, Static

from ..assumed import loop_details, round_details, round_option
from ..models import InterviewPlan

if TYPE_CHECKING:
    from ..app import InterviewApp

WHOLE_LOOP = "__whole_loop__"
TAKE_HOME = "::"
"""Round picker values "round-id::take-home-id": that round played as that take-home."""
RUBRIC_PERSONA = "__rubric__"
ANY_LEVEL = "__any__"


class HomeScreen(Screen[None]):
    CSS_PATH = "home.tcss"
    BINDINGS = [
        Binding("ctrl+n", "start", "Start", id="start", priority=True),
        Binding("ctrl+t", "resume", "Resume selected", id="resume"),
    ]
    _rounds_for: str | None = None
    """The loop whose rounds and levels the selects show (filled at once when the catalog arrives)."""

    @property
    def sim(self) -> InterviewApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        with Horizontal(id="home"):
            with VerticalScroll(id="setup", classes="section"):
                yield Label("Set up a mock interview", classes="title")
                yield Label("Company loop")
                yield Select[str]([], prompt="loading rubrics…", id="loop", allow_blank=True)
                yield Label("Round")
                yield Select[str]([], prompt="pick a loop first", id="round", allow_blank=True)
                yield Static("", id="round-info", classes="muted")
                yield Label("Level")
                yield Select[str]([("any level", ANY_LEVEL)], id="level", value=ANY_LEVEL, allow_blank=False)
                yield Label("Interviewer")
                yield Select[str]([("the round's own persona", RUBRIC_PERSONA)], id="persona", value=RUBRIC_PERSONA, allow_blank=False)
                yield Label("Candidate name")
                yield Input(self.sim.settings.interview.candidate, id="candidate")
                yield Label("Answer by")
                with RadioSet(id="mode"):
                    yield RadioButton("typing", value=True, id="mode-typing")
                    yield RadioButton("voice", id="mode-voice")
                yield Button("Start interview (ctrl+n)", id="start", variant="primary")
            with Vertical(id="side"):
                with Vertical(id="models", classes="section"):
                    yield Label("Models", classes="title")
                    yield Static(id="llm-status")
                    yield Static(id="stt-status")
                with Vertical(id="recent-box", classes="section"):
                    yield Label("Recent sessions (enter: resume unfinished / review)", classes="title")
                    yield DataTable(id="recent", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#recent", DataTable)
        table.add_column("started", width=16)
        table.add_column("candidate", width=12)
        table.add_column("loop", width=12)
        table.add_column("rounds", width=6)
        table.add_column("status", width=11)
        table.add_column("score", width=5)
        self.models_changed()
        self.data_ready()

    # ---------------------------------------------------------------- refresh hooks (called by the app)
    def models_changed(self) -> None:
        try:
            llm, stt = self.query_one("#llm-status", Static), self.query_one("#stt-status", Static)
        except NoMatches:  # a warm-up finishing while the app shuts down
            return
        llm.update(self.sim.llm_status.line())
        stt.update(self.sim.stt_status.line())

    def data_ready(self) -> None:
        catalog = self.sim.catalog
        if catalog is not None:
            # Also called after a rubric edit is reloaded: keep the candidate's picks where they still exist.
            loops = self.query_one("#loop", Select)
            previous = loops.value
            options = [(f"{lp.company} — {lp.role}", lp.id) for lp in catalog.loops.values()]
            loops.set_options(options)
            if options:
                keep = previous if any(value == previous for _, value in options) else options[0][1]
                loops.value = keep
                self._fill_rounds(str(keep))  # now, not on the Changed message: ready when data is
            personas = self.query_one("#persona", Select)
            chosen = personas.value
            persona_options = [("the round's own persona", RUBRIC_PERSONA)] + [
                (f"{p.name} ({p.role})", p.id) for p in sorted(catalog.personas.values(), key=lambda x: x.id)
            ]
            personas.set_options(persona_options)
            personas.value = chosen if any(value == chosen for _, value in persona_options) else RUBRIC_PERSONA
        self._fill_recent()

    def _fill_recent(self) -> None:
        store = self.sim.store
        table = self.query_one("#recent", DataTable)
        table.clear()
        if store is None:
            return
        try:
            sessions = store.list_sessions(limit=20)
        except Exception as exc:  # noqa: BLE001
            self.notify(f"Could not list sessions: {exc}", severity="error")
            return
        for s in sessions:
            table.add_row(
                s.started[:16].replace("T", " "), s.candidate, s.loop, str(s.rounds), s.status,
                "-" if s.score is None else f"{s.score:.2f}", key=s.id,
            )  # fmt: skip

    # ---------------------------------------------------------------- reactions
    def on_select_changed(self, event: Select.Changed) -> None:
        if self.sim.catalog is None or event.value is Select.NULL:
            return
        if event.select.id == "round":
            self._show_round_info()
        elif event.select.id == "loop" and event.value != self._rounds_for:
            self._fill_rounds(str(event.value))

    def _show_round_info(self) -> None:
        """The picked round's stage, interviewer, time box and answer length, each marked when assumed."""
        if self._rounds_for is None:
            return
        loop = self.sim.catalog.loop(self._rounds_for)
        choice = self.query_one("#round", Select).value
        round_id, _, take_home_id = str(choice).partition(TAKE_HOME)
        if choice == WHOLE_LOOP:
            lines = loop_details(loop)
        elif any(r.id == round_id for r in loop.rounds):
            rnd = loop.round(round_id)
            lines = round_details(loop, rnd, self.sim.catalog.personas.get(rnd.persona))
            if take_home_id:
                lines = [f"Take-home: {rnd.take_home(take_home_id).title}", "Self-paced: a repository to work on, then a review",
                         *lines]  # fmt: skip
            elif rnd.take_homes:
                lines.insert(0, "Live coding on the round's problems (not the take-home)")
        else:
            lines = []
        self.query_one("#round-info", Static).update("\n".join(lines))

    def _fill_rounds(self, loop_id: str) -> None:
        self._rounds_for = loop_id
        loop = self.sim.catalog.loop(loop_id)
        rounds = self.query_one("#round", Select)
        options = [(f"Whole loop ({len(loop.rounds)} rounds)", WHOLE_LOOP)]
        for r in loop.rounds:
            options += [(f"Take-home · {th.title}", f"{r.id}{TAKE_HOME}{th.id}") for th in r.take_homes]
            options.append((round_option(loop, r) + (" · live problems" if r.take_homes else ""), r.id))
        rounds.set_options(options)
        rounds.value = loop.rounds[0].id
        self._show_round_info()
        levels = self.query_one("#level", Select)
        levels.set_options([("any level", ANY_LEVEL)] + [(lv, lv) for lv in loop.levels])
        wanted = self.sim.settings.interview.level
        levels.value = wanted if wanted in loop.levels else ANY_LEVEL

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "start":
            self.action_start()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self._open_session(str(event.row_key.value))

    def action_resume(self) -> None:
        table = self.query_one("#recent", DataTable)
        if table.row_count:
            key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
            self._open_session(str(key.value))

    def _open_session(self, session_id: str) -> None:
        store = self.sim.store
        catalog = self.sim.catalog
        try:
            record = store.load_session(session_id)
        except Exception as exc:  # noqa: BLE001
            self.notify(f"Could not open the session: {exc}", severity="error")
            return
        if record.unfinished and catalog is not None and record.loop in catalog.loops:
            loop = catalog.loop(record.loop)
            round_ids = [r.round_id for r in record.rounds] or [loop.rounds[0].id]
            whole = len(record.rounds) > 1 or len(round_ids) == len(loop.rounds)
            if whole:
                round_ids = [r.id for r in loop.rounds]
            plan = InterviewPlan(
                loop_id=record.loop, round_ids=round_ids, whole_loop=whole, level=record.level,
                candidate=record.candidate, mode="voice" if record.mode == "voice" else "typing",
                take_homes=self._started_take_homes(record.id, loop),
            )  # fmt: skip
            self.sim.start_interview(plan, session_id=record.id)
        else:
            from .review import ReviewScreen

            self.app.push_screen(ReviewScreen(session_id=session_id))

    def _started_take_homes(self, session_id: str, loop: Any) -> dict[str, str]:
        """The take-homes an unfinished session had started: resuming reopens their repositories."""
        from ...takehome.workspace import WORKSPACES, Workspace

        base = self.sim.settings.data_dir / WORKSPACES
        found = {r.id: Workspace.of_session(base, session_id, r.id) for r in loop.rounds if r.take_homes}
        return {round_id: w.manifest.take_home for round_id, w in found.items() if w is not None}

    def current_plan(self) -> InterviewPlan | None:
        catalog = self.sim.catalog
        loop_id = self.query_one("#loop", Select).value
        round_choice = self.query_one("#round", Select).value
        if catalog is None or loop_id is Select.NULL or round_choice is Select.NULL:
            return None
        loop = catalog.loop(str(loop_id))
        whole = round_choice == WHOLE_LOOP
        level: Any = self.query_one("#level", Select).value
        persona: Any = self.query_one("#persona", Select).value
        candidate = self.query_one("#candidate", Input).value.strip()
        if not candidate:
            self.notify("Enter the candidate's name.", severity="warning")
            return None
        voice = self.query_one("#mode-voice", RadioButton).value
        round_id, _, take_home_id = str(round_choice).partition(TAKE_HOME)
        if whole:  # a whole loop plays each take-home round as a take-home, the seed picking which
            rng = random.Random(self.sim.seed)
            take_homes = {r.id: rng.choice(r.take_homes).id for r in loop.rounds if r.take_homes}
        else:
            take_homes = {round_id: take_home_id} if take_home_id else {}
        return InterviewPlan(
            loop_id=loop.id,
            round_ids=[r.id for r in loop.rounds] if whole else [round_id],
            take_homes=take_homes,
            whole_loop=whole,
            level=None if level in (ANY_LEVEL, Select.NULL) else str(level),
            persona=None if persona in (RUBRIC_PERSONA, Select.NULL) else str(persona),
            candidate=candidate,
            mode="voice" if voice else "typing",
            seed=self.sim.seed,
        )

    def action_start(self) -> None:
        if self.sim.catalog is None:
            self.notify("Still loading the rubrics…", severity="warning")
            return
        plan = self.current_plan()
        if plan is not None:
            self.sim.start_interview(plan)
