"""Home: choose a loop, a round (or the whole loop), level, persona, name and input mode; see model status; resume."""

from __future__ import annotations

import random
from typing import TYPE_CHECKING, Any

from textual import work
from textual.app import ComposeResult
from textual.message import Message
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.css.query import NoMatches
from textual.widgets import Button, Input, Label, RadioButton, RadioSet, Select, Static

from .. import keys
from ..first_show import FirstShowScreen
from ..footer import KeysFooter
from ..home_menu import HomeMenu, LoopChoice
from ..home_widgets import StartButton, TitleBar
from ..host import Host, host
from ..messages import DataChanged, ModelsChanged, Notice, StartInterview
from ..models import InterviewPlan

if TYPE_CHECKING:
    from textual.widgets import DataTable

    from ...store import SessionRecord, SessionSummary

WHOLE_LOOP = "__whole_loop__"
LOADING = "__loading__"
LOADING_OPTION = ("reading the rubrics…", LOADING)
NO_LOOPS_BROKEN = "no loops: a rubric has a problem (rubric validate)"
NO_LOOPS_EMPTY = "no loops in the rubrics folder"
TAKE_HOME = "::"
"""Round picker values "round-id::take-home-id": that round played as that take-home."""
RUBRIC_PERSONA = "__rubric__"
ANY_LEVEL = "__any__"


class RecentSessions(Message):
    def __init__(self, sessions: list[SessionSummary] | None, error: str | None = None) -> None:
        super().__init__()
        self.sessions = sessions
        self.error = error


class SessionToOpen(Message):
    """A session picked in the recent list, loaded: resume it when unfinished, otherwise review it."""

    def __init__(self, record: SessionRecord, take_homes: dict[str, str] | None = None) -> None:
        super().__init__()
        self.record = record
        self.take_homes = take_homes or {}
        """round id -> take-home id: the take-homes the session had started (resuming reopens their repositories)."""


class HomeScreen(FirstShowScreen):
    AUTO_FOCUS = "#loop"
    BINDINGS = keys.HOME
    _rounds_for: str | None = None
    """The loop whose rounds and levels the selects show (filled at once when the menu is known)."""
    _menu_shown: HomeMenu | None = None
    """The menu the pickers were last filled from: a refresh with the same menu leaves them (and any open list) alone."""
    _round_info_shown: str | None = None
    """What the round's info line shows now."""

    @property
    def sim(self) -> Host:
        return host(self)

    def compose(self) -> ComposeResult:
        loops, rounds, levels, personas = self._choices()
        yield TitleBar(self.app.format_title(self.app.title, self.app.sub_title))
        with Horizontal(id="home"):
            with VerticalScroll(id="setup", classes="section"):
                yield Label("Set up a mock interview", classes="title")
                # No blank entry: until the rubrics are read the one option says so, and it is replaced, not kept.
                yield Label("Company loop")
                yield Select[str](loops, id="loop", value=loops[0][1], allow_blank=False)
                yield Label("Round")
                yield Select[str](rounds, id="round", value=self._first_round(rounds), allow_blank=False)
                yield Static("", id="round-info", classes="muted")
                yield Label("Level")
                yield Select[str](levels, id="level", value=self._wanted_level(levels), allow_blank=False)
                yield Label("Interviewer")
                yield Select[str](personas, id="persona", value=RUBRIC_PERSONA, allow_blank=False)
                yield Label("Candidate name")
                yield Input(self.sim.settings.interview.candidate, id="candidate")
                yield Label("Answer by")
                with RadioSet(id="mode"):
                    yield RadioButton("typing", value=True, id="mode-typing")
                    yield RadioButton("voice", id="mode-voice")
                yield StartButton("Start interview (ctrl+n)", id="start")
            with Vertical(id="side"):
                with Vertical(id="models", classes="section"):
                    yield Label("Models", classes="title")
                    yield Static(self.sim.llm_status.line(), id="llm-status")
                    yield Static(self.sim.stt_status.line(), id="stt-status")
                with Vertical(id="recent-box", classes="section"):
                    yield Label("Recent sessions (enter: resume unfinished / review)", classes="title")
                    # The table is mounted when the database is open: it has nothing to show before, and
                    # leaving it out of the first frame makes that frame come sooner.
                    yield Label("opening the database…", id="recent-wait", classes="muted")
        yield KeysFooter()

    def _choices(self) -> tuple[list[tuple[str, str]], ...]:
        """The pickers' options from the menu (cached from the last run when the rubrics are unchanged)."""
        menu = self.sim.menu
        loop = menu.loops[0] if menu is not None and menu.loops else None
        if menu is None or loop is None:
            return [LOADING_OPTION], [LOADING_OPTION], [("any level", ANY_LEVEL)], [("the round's own persona", RUBRIC_PERSONA)]
        self._rounds_for = loop.id
        self._menu_shown = menu
        return (
            [(choice.label, choice.id) for choice in menu.loops],
            self._round_options(loop),
            [("any level", ANY_LEVEL)] + [(level, level) for level in loop.levels],
            [("the round's own persona", RUBRIC_PERSONA)] + [(p.label, p.id) for p in menu.personas],
        )

    @staticmethod
    def _round_options(loop: LoopChoice) -> list[tuple[str, str]]:
        """The whole loop, then each round; a round with take-homes offers each of them first, and itself as live problems."""
        options = [(f"Whole loop ({len(loop.rounds)} rounds)", WHOLE_LOOP)]
        for r in loop.rounds:
            options += [(f"Take-home · {th.title}", f"{r.id}{TAKE_HOME}{th.id}") for th in r.take_homes]
            options.append((r.label + (" · live problems" if r.take_homes else ""), r.id))
        return options

    def _first_round(self, options: list[tuple[str, str]]) -> str:
        """The loop's first round, played live (not the whole loop, not a take-home)."""
        menu = self.sim.menu
        loop = menu.loop(self._rounds_for) if menu is not None and self._rounds_for is not None else None
        if loop is None or not loop.rounds:
            return options[0][1]
        return loop.rounds[0].id

    def _wanted_level(self, levels: list[tuple[str, str]]) -> str:
        wanted = self.sim.settings.interview.level
        return wanted if any(value == wanted for _, value in levels) else ANY_LEVEL

    def on_mount(self) -> None:
        self._show_round_info()
        self._fill_recent()

    # ---------------------------------------------------------------- what the app tells the screen
    def on_models_changed(self, _: ModelsChanged) -> None:
        try:
            llm, stt = self.query_one("#llm-status", Static), self.query_one("#stt-status", Static)
        except NoMatches:  # a warm-up finishing while the app shuts down
            return
        llm.update(self.sim.llm_status.line())
        stt.update(self.sim.stt_status.line())

    def on_data_changed(self, _: DataChanged) -> None:
        self.data_ready()

    def data_ready(self) -> None:
        """The menu or the database changed (loaded, or a rubric edit reloaded): refill, keeping the picks that still exist."""
        menu = self.sim.menu
        if menu is not None and menu.loops and menu != self._menu_shown:
            self._menu_shown = menu
            loops = self.query_one("#loop", Select)
            previous = loops.value
            options = [(loop.label, loop.id) for loop in menu.loops]
            loops.set_options(options)
            keep = previous if any(value == previous for _, value in options) else options[0][1]
            loops.value = keep
            self._fill_rounds(str(keep))  # now, not on the Changed message: ready when the menu is
            personas = self.query_one("#persona", Select)
            chosen = personas.value
            persona_options = [("the round's own persona", RUBRIC_PERSONA)] + [(p.label, p.id) for p in menu.personas]
            personas.set_options(persona_options)
            personas.value = chosen if any(value == chosen for _, value in persona_options) else RUBRIC_PERSONA
        elif self._menu_shown is None and (self.sim.catalog_error or (menu is not None and not menu.loops)):
            # Loading is over and there is nothing to pick: say why, not "reading the rubrics…" for ever.
            why = NO_LOOPS_BROKEN if self.sim.catalog_error else NO_LOOPS_EMPTY
            for picker in ("#loop", "#round"):
                self.query_one(picker, Select).set_options([(why, LOADING)])
        self._fill_recent()

    def _recent_table(self) -> DataTable[str]:
        # Imported only now, when the database is open: DataTable's import is ~3 ms of the launch (`bench tui`).
        from textual.widgets import DataTable

        try:
            return self.query_one("#recent", DataTable)
        except NoMatches:
            pass
        self.query_one("#recent-wait").remove()
        table: DataTable[str] = DataTable(id="recent", cursor_type="row", zebra_stripes=True)
        self.query_one("#recent-box").mount(table)
        for name, width in (("started", 16), ("candidate", 12), ("loop", 12), ("rounds", 6), ("status", 11), ("score", 5)):
            table.add_column(name, width=width)
        return table

    def _fill_recent(self) -> None:
        if self.sim.desk is not None:
            self._load_recent()

    @work(thread=True, exclusive=True, group="home-recent")
    def _load_recent(self) -> None:
        desk = self.sim.desk
        assert desk is not None
        try:
            self.post_message(RecentSessions(desk.recent(limit=20)))
        except Exception as exc:  # noqa: BLE001
            self.post_message(RecentSessions(None, str(exc)))

    def on_recent_sessions(self, message: RecentSessions) -> None:
        if message.sessions is None:
            self.notify(f"Could not list sessions: {message.error}", severity="error")
            return
        table = self._recent_table()
        table.clear()
        for s in message.sessions:
            table.add_row(
                s.started[:16].replace("T", " "), s.candidate, s.loop, str(s.rounds), s.status,
                "-" if s.score is None else f"{s.score:.2f}", key=s.id,
            )  # fmt: skip

    # ---------------------------------------------------------------- reactions
    def on_select_changed(self, event: Select.Changed) -> None:
        if event.value in (Select.NULL, LOADING):
            return
        if event.select.id == "round":
            self._show_round_info()
        elif event.select.id == "loop" and event.value != self._rounds_for:
            self._fill_rounds(str(event.value))

    def _show_round_info(self) -> None:
        """The picked round's stage, interviewer, time box and answer length, each marked when assumed."""
        menu = self.sim.menu
        loop = menu.loop(self._rounds_for) if menu is not None and self._rounds_for is not None else None
        try:
            info, choice = self.query_one("#round-info", Static), self.query_one("#round", Select).value
        except NoMatches:
            return
        round_id, _, take_home_id = str(choice).partition(TAKE_HOME)
        rnd = loop.round(round_id) if loop is not None else None
        lines: list[str] = []
        if loop is not None and choice == WHOLE_LOOP:
            lines = list(loop.info)
        elif rnd is not None:
            lines = list(rnd.info)
            take_home = next((th for th in rnd.take_homes if th.id == take_home_id), None)
            if take_home is not None:
                lines = [f"Take-home: {take_home.title}", "Self-paced: a repository to work on, then a review", *lines]
            elif rnd.take_homes:
                lines.insert(0, "Live coding on the round's problems (not the take-home)")
        text = "\n".join(lines)
        # The picker's first Changed (its value set in compose) comes just after the first frame, as the first key
        # does: the same text again would lay the screen out again in between.
        if text != self._round_info_shown:
            self._round_info_shown = text
            info.update(text)

    def _fill_rounds(self, loop_id: str) -> None:
        loop = self.sim.menu.loop(loop_id) if self.sim.menu is not None else None
        if loop is None:
            return
        same_loop = loop_id == self._rounds_for
        self._rounds_for = loop_id
        for select_id, options, default in (
            ("#round", self._round_options(loop), loop.rounds[0].id),
            ("#level", [("any level", ANY_LEVEL)] + [(lv, lv) for lv in loop.levels], None),
        ):
            select = self.query_one(select_id, Select)
            chosen = select.value
            select.set_options(options)
            # The same loop refilled (its rubric reloaded): keep what the candidate picked if it is still offered.
            if same_loop and any(value == chosen for _, value in options):
                select.value = chosen
            else:
                select.value = default if default is not None else self._wanted_level(options)
        self._show_round_info()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "start":
            self.action_start()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self._open_session(str(event.row_key.value))

    def action_resume(self) -> None:
        from textual.widgets import DataTable

        try:
            table = self.query_one("#recent", DataTable)
        except NoMatches:  # the database is not open yet
            return
        if table.row_count:
            key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
            self._open_session(str(key.value))

    @work(thread=True, exclusive=True, group="home-open")
    def _open_session(self, session_id: str) -> None:
        desk = self.sim.desk
        assert desk is not None
        try:
            record = desk.load(session_id)
            self.post_message(SessionToOpen(record, self._started_take_homes(record)))
        except Exception as exc:  # noqa: BLE001
            self.post_message(Notice(f"Could not open the session: {exc}", severity="error"))

    def _started_take_homes(self, record: SessionRecord) -> dict[str, str]:
        """The take-homes an unfinished session had started (their repositories under the data dir). BLOCKING: a worker."""
        menu = self.sim.menu
        loop = menu.loop(record.loop) if menu is not None else None
        if not record.unfinished or loop is None or not any(r.take_homes for r in loop.rounds):
            return {}
        from ...takehome.workspace import WORKSPACES, Workspace

        base = self.sim.settings.data_dir / WORKSPACES
        found = {r.id: Workspace.of_session(base, record.id, r.id) for r in loop.rounds if r.take_homes}
        return {round_id: w.manifest.take_home for round_id, w in found.items() if w is not None}

    def on_session_to_open(self, message: SessionToOpen) -> None:
        record = message.record
        loop = self.sim.menu.loop(record.loop) if self.sim.menu is not None else None
        if record.unfinished and loop is not None:
            round_ids = [r.round_id for r in record.rounds] or [loop.rounds[0].id]
            whole = len(record.rounds) > 1 or len(round_ids) == len(loop.rounds)
            if whole:
                round_ids = [r.id for r in loop.rounds]
            plan = InterviewPlan(
                loop_id=record.loop, round_ids=round_ids, whole_loop=whole, level=record.level,
                candidate=record.candidate, mode="voice" if record.mode == "voice" else "typing",
                take_homes=message.take_homes,
            )  # fmt: skip
            self.post_message(StartInterview(plan, record.id))
        else:
            from .review import ReviewScreen

            self.app.push_screen(ReviewScreen(session_id=record.id))

    def current_plan(self) -> InterviewPlan | None:
        menu = self.sim.menu
        loop_id = self.query_one("#loop", Select).value
        round_choice = self.query_one("#round", Select).value
        loop = menu.loop(str(loop_id)) if menu is not None else None
        if loop is None or round_choice in (Select.NULL, LOADING):
            return None
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
        if self.sim.menu is None:
            self.notify("Still reading the rubrics…", severity="warning")
            return
        plan = self.current_plan()
        if plan is not None:
            self.post_message(StartInterview(plan))
