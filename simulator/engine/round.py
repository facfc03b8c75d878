"""A round as a state machine: opening, bank questions, planned follow-ups, wrap-up, closed.

Pure logic over an injected clock. The driver (headless runner or the app) asks the engine what to do next and
performs it: speaking, listening, calling the LLM. The engine decides *what* to probe; the LLM only phrases it.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from ..catalog import Catalog, Loop, Persona, Question, Round
from ..catalog.topic_words import TOPIC_RE
from .clock import Clock, RoundClock
from .evidence import Dodged, EvidenceAbsent, EvidenceStrength, FiguresShown, NotDone, Readable, StoryShape, Terse, Unanswered, strength
from .other_half import unanswered_half
from .plan import AFTER_A_PASS, COME_TO_THAT, PLAN_ONLY, Plan, Probe
from .probe_words import ASKS_FOR_FIGURES, ASSUMES_AN_ANSWER, GIVEN_TOPICS
from .pressing import Presser
from .question_follow_ups import question_follow_up
from .question_parts import LeftOutParts
from .question_order import choose_questions, planned_question_count
from .question_queue import AnswersAhead, QuestionQueue

WELL_EVIDENCED = 0.75
"""A criterion shown in part is probed while its strength is below this: an expected level under 3.25 of 4.

At 2/3 (level 3) an answer that showed every criterion in part drew no follow-up at all, though a
criterion read at level 3 still has its top level to earn: on the 197 follow-up cases of 2026-12-03,
four such answers (each missing one kind, read at 0.68-0.73) then moved on to the next question.
"""
TIE_MARGIN = 0.1  # strengths this close to the weakest are a tie: the rubric's order decides (readings are coarse)
CLOSING_RESERVE_S = 60.0
DEEP_DIVE_S = 15 * 60.0  # a question with this much of the round allows the persona's follow-ups again


class Phase(StrEnum):
    NOT_STARTED = "not_started"
    ASKING = "asking"
    CLOSED = "closed"


class RoundEngine:
    def __init__(
        self,
        catalog: Catalog,
        loop: Loop,
        round_: Round,
        persona: Persona,
        *,
        clock: Clock,
        seed: int | None = None,
        level: str | None = None,
        recent_question_ids: set[str] | frozenset[str] = frozenset(),
        warn_minutes: list[float] | None = None,
        evidence: EvidenceStrength = strength,
        absent: EvidenceAbsent | None = None, left_out: EvidenceAbsent | None = None,
        figures: FiguresShown | None = None, story_shape: StoryShape | None = None,
        not_done: NotDone | None = None, terse: Terse | None = None, dodged: Dodged | None = None,
        unanswered: Unanswered = unanswered_half, readable: Readable | None = None, ahead: AnswersAhead | None = None,
    ) -> None:
        self.catalog = catalog
        self.evidence = evidence
        self.absent: EvidenceAbsent = absent or (lambda c, q, a: evidence(c, q, a) == 0.0)
        self.left_out: EvidenceAbsent = left_out or self.absent
        self.figures: FiguresShown = figures or (lambda c, q, a: False)
        self.story_shape: StoryShape = story_shape or (lambda q, a: None)
        self.not_done: NotDone = not_done or (lambda c, q, a: False)
        self.terse: Terse = terse or (lambda q, a, first: False)
        self._presser = Presser(dodged or (lambda c, q, a: False), unanswered, readable)
        self._parts = LeftOutParts()
        self.loop = loop
        self.round = round_
        self.persona = persona
        self.timer = RoundClock(clock, round_.minutes * 60.0, warn_minutes)
        self.level = level
        questions = choose_questions(round_, level=level, recent=set(recent_question_ids), seed=seed)
        self.queue = QuestionQueue(questions, planned_question_count(round_, len(questions)), ahead)
        self.question_share_s = max(60.0, (self.timer.duration_s - CLOSING_RESERVE_S) / self.queue.planned)
        self.phase = Phase.NOT_STARTED
        self._q_started = 0.0
        self._answers: dict[str, list[str]] = {}
        self._clarifying: dict[str, list[str]] = {}  # per question, the turns that only asked about the problem
        self._told: dict[str, set[str]] = {}  # per question, the topics of the facts the interviewer told
        self._probed: dict[str, list[str]] = {}
        self._pushed_for_story: set[str] = set()  # questions PLAN_ONLY was asked on
        self._answered: set[str] = set()  # questions with an answer of some words (not a pass, not only a question)
        self._helped: set[str] = set()  # questions given a way in: a hint asked for, or a narrower start after a pass
        self._pressable: dict[str, Probe] = {}  # per question, the rubric probe just asked, until its reply is read
        self._runs: dict[str, tuple[int, int]] = {}  # per question, its code's last hidden-test run: (passed, total)
        self.asked: list[str] = []
        self._planned_probes: set[str] = set()  # canned probes follow-ups were planned on, however a model worded them

    # --- clock -------------------------------------------------------------
    @property
    def clock(self) -> Clock:
        return self.timer.clock

    def elapsed(self) -> float:
        return self.timer.elapsed()

    def time_left(self) -> float:
        return self.timer.time_left()

    def time_up(self) -> bool:
        return self.timer.time_up()

    def due_warnings(self) -> list[str]:
        return self.timer.due_warnings()

    # --- flow ----------------------------------------------------------------
    @property
    def current_question(self) -> Question | None:
        return self.queue.current

    def start(self) -> Question:
        if self.phase is not Phase.NOT_STARTED:
            raise RuntimeError("round already started")
        self.timer.start()
        self.phase = Phase.ASKING
        question = self._advance()
        assert question is not None  # choose_questions never returns an empty list
        return question

    def fix_order(self, asked_question_ids: list[str]) -> None:
        if self.phase is not Phase.NOT_STARTED:
            raise RuntimeError("fix the order before the round starts")
        self.queue.fix_order(asked_question_ids)

    def answers_ahead(self, text: str) -> bool:
        """Said after the open question's answer, it answers one not yet asked instead (question_queue.py)."""
        question = self.current_question
        return question is not None and question.id in self._answered and self.queue.ahead_of(text) is not None

    def switch_clock(self, clock: Clock) -> None:
        self.timer.switch(clock)  # replay -> live

    def answers(self, question_id: str) -> list[str]:
        """The candidate's turns on a bank question so far, oldest first (clarifying questions included)."""
        return list(self._answers.get(question_id, []))

    def only_asked(self, question_id: str) -> list[str]:
        """The turns on a bank question that only asked about the problem."""
        return list(self._clarifying.get(question_id, []))

    def record_interviewer(self, text: str) -> None:
        """Remember what was asked so no later turn repeats it."""
        self.asked.append(text)

    def record_answer(self, text: str, *, passed: bool = False, moving_on: bool = False) -> Plan:
        """Take the candidate's answer to the current question or follow-up and plan the next turn.

        passed: the candidate said they pass ("I don't know"; `text` is then empty), where an empty `text` alone is
        silence, or an answers file run out: offered a way in once, not moved on at once. moving_on: the pass asked
        to leave the question ("can we move on?"), or an answer ended by asking it: once answered, the next question comes.
        """
        if self.phase is not Phase.ASKING or self.current_question is None:
            raise RuntimeError(f"no question is open (phase {self.phase})")
        question = self.current_question
        first = question.id not in self._answered
        ahead = None if passed or first else self.queue.note(text)  # said for a question not yet asked: kept for it
        if ahead is None:
            self._answers.setdefault(question.id, []).append(text)
        if self.time_left() <= CLOSING_RESERVE_S:
            return Plan(action="wrap_up", reason="time is nearly up")
        if passed or not text.strip():
            if passed and first and question.id not in self._helped:
                return self._way_in(question, "narrower", "the candidate passed: a smaller piece of the question first")
            if not passed or first or moving_on:
                return self._next("the candidate asked to move on" if moving_on else "the candidate passed")
            # A pass on a follow-up leaves that point, not the problem: the next weakest criterion is probed, as a
            # real interviewer goes on after "I don't know" to one follow-up.
        else:
            self._answered.add(question.id)
            if not moving_on and (first or question.id not in self._helped) and self.terse(question.text, text, first):
                return self._way_in(question, "explain", "an answer of a few words: how and why, before anything else")
        pressable = self._pressable.pop(question.id, None)
        probed = self._probed.setdefault(question.id, [])
        if moving_on or self.clock.now() - self._q_started >= self.question_share_s:
            return self._next("the candidate answered and asked to move on" if moving_on else "this question has used its share of the time")
        if ahead is not None and pressable is not None:  # "We'll come to that next.": what was asked is asked again, once
            return Plan(action="follow_up", probe=pressable.model_copy(update={"lead": COME_TO_THAT}), question=question,
                        reason=f"the answer was for a question not yet asked ({ahead.id}): taken next")
        pressed = None if pressable is None or passed or self._after_failing_run(question, probed) else self._presser.press(
            self.catalog.criterion(self.loop, pressable.criterion), pressable, question, text)
        if pressed is not None:
            return Plan(action="follow_up", probe=pressed[0], question=question, reason=pressed[1])
        if len(probed) >= self._follow_up_limit():
            return self._next(f"{len(probed)} follow-ups already asked on this question")
        probe = self._weakest(question, probed)
        if probe is None:
            return self._next("every criterion of this question is evidenced")
        probe = self._planned(question, self._presser.trim(probe, text), probe.canned)
        if passed or ahead is not None:
            probe = probe.model_copy(update={"lead": AFTER_A_PASS if passed else COME_TO_THAT})
        return Plan(action="follow_up", probe=probe, question=question, reason=f"weakest evidence: {probe.criterion}")

    def _planned(self, question: Question, probe: Probe, whole: str) -> Probe:
        """Keep a follow-up planned: its words not asked again this round (whole or trimmed to a half), a rubric probe
        pressed if its reply talks round it or says only "it depends"."""
        self._probed.setdefault(question.id, []).append(probe.criterion)
        self._planned_probes.update((whole, probe.canned))
        if probe.kind == "plan_only":
            self._pushed_for_story.add(question.id)
        if probe.kind in ("probe", "part"):
            self._pressable[question.id] = probe
        return probe

    def _follow_up_limit(self) -> int:
        """The persona's follow-ups per question, for each DEEP_DIVE_S of the question's share of the round: a design
        given the hour is gone into in depth (played, 2026-12-03: a 60-minute case moved to a new case after 203 s)."""
        return self.persona.max_follow_ups * max(1, round(self.question_share_s / DEEP_DIVE_S))

    def record_clarifying(self, text: str) -> None:
        """Keep a turn that only asked about the problem: it is evidence, and the same question stays open. No follow-up
        is planned and nothing counts against the question's follow-ups."""
        if self.phase is not Phase.ASKING or self.current_question is None:
            raise RuntimeError(f"no question is open (phase {self.phase})")
        self._answers.setdefault(self.current_question.id, []).append(text)
        self._clarifying.setdefault(self.current_question.id, []).append(text)

    def record_new_story(self) -> None:
        """The candidate tells another story for the open question ("can we do a different one?"): follow-ups start
        over on it, planned on it alone; what was said of the first stays in the transcript as evidence."""
        if self.current_question is not None:
            qid = self.current_question.id
            self._answers[qid], self._probed[qid] = [], []
            self._presser.forget(qid)
            for kept in (self._answered, self._pushed_for_story, self._helped):
                kept.discard(qid)
            self._pressable.pop(qid, None)

    def record_aside(self, text: str) -> None:
        """Keep an answer that spoke of something else (interview/drift.py): evidence all the same, nothing planned on
        it, and the same question stays open."""
        if self.phase is not Phase.ASKING or self.current_question is None:
            raise RuntimeError(f"no question is open (phase {self.phase})")
        self._answers.setdefault(self.current_question.id, []).append(text)
        self.queue.note(text)  # kept for the question not yet asked that it answers, if any

    def record_run(self, passed: int, total: int) -> None:
        """The current question's code ran against its hidden tests (the sandbox's notice)."""
        if self.current_question is not None:
            self._runs[self.current_question.id] = (passed, total)

    def record_told(self, topics: list[str]) -> None:
        """Remember the fact topics the interviewer told on the open question, so no probe asks them back."""
        if self.current_question is not None:
            self._told.setdefault(self.current_question.id, set()).update(topics)

    def close(self) -> None:
        self.phase = Phase.CLOSED

    def _next(self, reason: str) -> Plan:
        """The next question; one the candidate answered ahead is asked with a follow-up on what was said for it."""
        question = self._advance()
        if question is None:
            return Plan(action="wrap_up", reason=f"{reason}; no question left")
        said = self.queue.said_ahead(question.id)
        if not said:
            return Plan(action="next_question", question=question, reason=reason)
        self._answers[question.id] = said
        self._answered.add(question.id)
        # A problem to code is asked alone, its code before any follow-up ("Let me go to the fraud rings one. I'll use
        # union-find...": played blind, 2026-12-07, the problem and a follow-up on it came in one breath)
        probe = None if question.problem is not None else self._weakest(question, [])
        return Plan(action="next_question", question=question, answered_ahead=True,
                    probe=None if probe is None else self._planned(question, probe, probe.canned),
                    reason=f"{reason}; answered ahead" + ("" if probe is None else ": a follow-up on what was said for it"))

    def _advance(self) -> Question | None:
        """The next bank question, unless the round has asked enough (QuestionQueue.advance) or has no time left."""
        if self.queue.asked_count > 0 and self.time_left() - CLOSING_RESERVE_S < 120.0:
            return None
        question = self.queue.advance()
        self._q_started = self.clock.now()
        return question

    def nudge(self, chosen: tuple[str, str] | None = None) -> Probe:
        """What a hint points at: `chosen` (criterion, probe), the part the candidate named (interview/hints.py), or the
        open question's least evidenced criterion (its first one when all are shown)."""
        question = self.hinted()
        return self._probe_of(*chosen) if chosen else self._weakest(question, []) or self._probe_for(question.criteria[0], question)

    def hinted(self) -> Question:
        """A hint was said on the open question (its own `hints` or a nudge): it has had its way in."""
        question = self.current_question
        if self.phase is not Phase.ASKING or question is None:
            raise RuntimeError(f"no question is open (phase {self.phase})")
        self._helped.add(question.id)
        return question

    def _way_in(self, question: Question, kind: Literal["narrower", "explain"], reason: str) -> Plan:
        """Once on a question, before any other follow-up (not counted against them): a candidate who passes at once is
        offered a smaller piece of it (the probe a hint would give), one who answers in a few words is asked how and why
        (played, 2026-12-03: "I don't know." went straight to the next question)."""
        self._helped.add(question.id)
        probe = (self._forward_probe(question) if kind == "narrower" else None) or self.nudge()
        return Plan(action="follow_up", probe=probe.model_copy(update={"kind": kind}), question=question, reason=reason)

    def _forward_probe(self, question: Question) -> Probe | None:
        """A smaller piece of the question: the first probe of its criteria (the round's order first) that asks what the
        candidate would do, not what they did ("What alternative did you consider?" assumes an answer not given)."""
        round_order = {c.id: i for i, c in enumerate(self.round.criteria)}
        for crit_id in sorted(question.criteria, key=lambda c: round_order.get(c, len(round_order))):
            probe = next((p for p in self.probe_options(crit_id) if self.unasked(p) and not ASSUMES_AN_ANSWER.search(p)), None)
            if probe is not None:
                return self._probe_of(crit_id, probe)
        return None

    def _weakest(self, question: Question, probed: list[str]) -> Probe | None:
        """The criterion of `question` with the least evidence so far, what a real interviewer would ask first.

        First code whose run failed; then a story told only as "we" is asked for the candidate's own part, one told as
        a plan for a time it was done; then a part of the question no answer addressed (question_parts.py). A
        criterion the answers left out (nothing said shows any of it clearly, or only its absence) comes before one
        shown in part, however strong the rest of the answer reads: an interviewer asks about what was left out before
        asking for more of what was said. Among those, the lowest strength; strengths within TIE_MARGIN of it count as
        a tie, broken by the round's criteria order, then the question's: the YAML lists what matters first (results
        before alternatives in a deep dive, requirements before architecture in a design), and the evidence model's
        readings are not so exact that a 0.1 difference should overrule it. A criterion shown in part is probed only
        below WELL_EVIDENCED. A criterion the candidate's own questions to the interviewer already show ("how much
        traffic, and what's the latency budget?" for requirements) is not probed: asking them back is not listening.
        Nor is one whose every canned probe was already asked this round: the same sentence again is no follow-up. One
        `probed_last` (communication: heard in how everything is told) waits until nothing else needs a probe. The own
        part comes before everything the question lists: a real interviewer asks "what did *you* do?" first; a plan is
        pushed for a story, since the parts of a story question ask about the story (both played, 2026-12-03).
        """
        said = self._answers.get(question.id, [])
        if (failing := self._after_failing_run(question, probed)) is not None:
            return failing
        shape = self.story_shape(question.text, said) if said else None
        own = self._own_part(probed) if shape == "team" else None
        if own is not None:
            probe = self._probe_for(own, question)
            return probe.model_copy(update={"kind": "own_part"}) if probe.kind == "probe" else probe
        if shape == "plan" and question.id not in self._pushed_for_story:  # once a question, on every question
            probe = self._probe_for(question.criteria[0], question)
            return probe.model_copy(update={"canned": PLAN_ONLY, "kind": "plan_only"})
        part = self._parts.next_probe(question, said, lambda crit_id: self.catalog.criterion(self.loop, crit_id))
        if part is not None:
            return part
        asked_about = self._clarifying.get(question.id, [])
        round_order = {c.id: i for i, c in enumerate(self.round.criteria)}
        untouched, partial, last = [], [], []
        for order, crit_id in enumerate(question.criteria):
            if crit_id in probed or self._unasked_probe(crit_id) is None:
                continue  # probed on this question, or every probe of it already asked this round: no new question
            criterion = self.catalog.criterion(self.loop, crit_id)
            if asked_about and not self.absent(criterion, question.text, asked_about):
                continue
            score = self.evidence(criterion, question.text, said)
            entry = (score, round_order.get(crit_id, len(round_order)), order, crit_id)
            if not criterion.probed_last and self.left_out(criterion, question.text, said):
                untouched.append(entry)
            elif score < WELL_EVIDENCED:
                (last if criterion.probed_last else partial).append(entry)
        candidates = untouched or partial or last or (self._again(question, probed, said, round_order) if self._deep() else [])
        if not candidates:
            return self._thread(question, said, probed) if self._deep() else None
        weakest = min(c[0] for c in candidates)
        crit_id = min(c[1:] for c in candidates if c[0] <= weakest + TIE_MARGIN)[2]
        return self._probe_for(crit_id, question)

    def _after_failing_run(self, question: Question, probed: list[str]) -> Probe | None:
        """Code whose last run failed hidden tests is asked about that first, whatever its words read: the planner
        saw only what was said, so a coding answer whose run failed drew its tests or its complexity (2026-12-04)."""
        passed, total = self._runs.get(question.id, (0, 0))
        for crit_id in question.criteria if passed < total else []:
            again = self.catalog.criterion(self.loop, crit_id).after_failing_run
            if again and crit_id not in probed:  # once a problem: the second problem's failing run is asked about too
                return self._probe_of(crit_id, again).model_copy(update={"kind": "failing_run"})
        return None

    def _thread(self, question: Question, said: list[str], probed: list[str]) -> Probe | None:
        """In a deep dive with every criterion evidenced, what a real interviewer does with the rest of the hour: follow what
        was said; else the question's own follow-up on its least probed criterion (played, 2026-12-06: four 60-minute
        rounds wrapped at 7-12 minutes)."""
        own = question_follow_up(question, None, said, self.unasked, picked_up_only=True)
        for crit_id in sorted(question.criteria, key=probed.count) if own is None else []:
            if (own := question_follow_up(question, crit_id, said, self.unasked)) is not None:
                break
        return None if own is None else self._probe_of(own.criterion, own.ask).model_copy(
            update={"said_at": own.said_at, "own_subject": True})

    def _deep(self) -> bool:
        return self.question_share_s >= 2 * DEEP_DIVE_S

    def _again(self, question: Question, probed: list[str], said: list[str],
               round_order: dict[str, int]) -> list[tuple[float, int, int, str]]:
        """In a deep dive (a question with half an hour or more), criteria probed once and still short of
        WELL_EVIDENCED, each with a probe not yet asked: the interviewer goes deeper before leaving the problem."""
        again = []
        for order, crit_id in enumerate(question.criteria):
            if probed.count(crit_id) != 1 or self._unasked_probe(crit_id) is None:
                continue
            score = self.evidence(self.catalog.criterion(self.loop, crit_id), question.text, said)
            if score < WELL_EVIDENCED:
                again.append((score, round_order.get(crit_id, len(round_order)), order, crit_id))
        return again

    def _own_part(self, probed: list[str]) -> str | None:
        """The round's criterion that reads the candidate's own part (most of its facets count only what "I" did),
        while it has a probe left and was probed at most once on this question: a candidate who goes on with "we"
        after "which part did you own?" is asked again (played, 2026-12-03: "we all contributed" went unchallenged)."""
        for listed in self.round.criteria:
            if probed.count(listed.id) > 1 or self._unasked_probe(listed.id) is None:
                continue
            meaning = self.catalog.criterion(self.loop, listed.id).meaning
            facets = meaning.facets if meaning is not None else []
            if facets and 2 * sum(f.actor == "self" for f in facets) > len(facets):
                return listed.id
        return None

    def probe_options(self, crit_id: str) -> list[str]:
        criterion, round_probes = self.catalog.criterion(self.loop, crit_id), next((c.probes for c in self.round.criteria if c.id == crit_id), [])
        return [*round_probes, *criterion.probes] or [f"Can you say more about {criterion.title.lower()}?"]

    def _unasked_probe(self, crit_id: str) -> str | None:
        """The criterion's first canned probe not yet asked this round: planned on (a model may have worded it
        its own way), or said, with or without an anchor before it."""
        return next((p for p in self.probe_options(crit_id) if self.unasked(p)), None)

    def unasked(self, probe: str) -> bool:
        return probe not in self._planned_probes and not any(probe.lower().rstrip("?") in s.lower() for s in self.asked)

    def _probe_for(self, crit_id: str, question: Question) -> Probe:
        """The criterion's first probe not yet asked; past one that asks for figures the answers already gave
        ("what changed in numbers?" after "we cut GPU spend by 40%"), or for a given the interviewer told
        (GIVEN_TOPICS), while another is left to ask. Where the candidate said the practice was not done ("we never
        A/B tested it, and I don't have numbers"), its looking-back question: "what changed in numbers?" asks for what
        was just said not to exist (played, 2026-12-03). Before the rubric's, the question's own follow-ups."""
        criterion = self.catalog.criterion(self.loop, crit_id)
        said = self._answers.get(question.id, [])
        if criterion.looking_back and self.unasked(criterion.looking_back) and self.not_done(criterion, question.text, said):
            return self._probe_of(crit_id, criterion.looking_back, "looking_back")
        if (own := question_follow_up(question, crit_id, said, self.unasked)) is not None:  # the question's own words
            return self._probe_of(crit_id, own.ask).model_copy(update={"said_at": own.said_at, "own_subject": True})
        unasked = [p for p in self.probe_options(crit_id) if self.unasked(p)]
        if len(unasked) > 1 and self.figures(criterion, question.text, said):
            unasked = [p for p in unasked if not ASKS_FOR_FIGURES.search(p)] or unasked
        told = [t for t in GIVEN_TOPICS if t in self._told.get(question.id, ())]
        if len(unasked) > 1 and told:  # "how many requests per second?" after the interviewer gave the traffic
            unasked = [p for p in unasked if not any(TOPIC_RE[t].search(p) for t in told)] or unasked
        return self._probe_of(crit_id, unasked[0] if unasked else self.probe_options(crit_id)[0])

    def _probe_of(self, crit_id: str, canned: str, kind: Literal["probe", "looking_back"] = "probe") -> Probe:
        criterion = self.catalog.criterion(self.loop, crit_id)
        return Probe(criterion=crit_id, criterion_title=criterion.title, missing=criterion.levels[4], canned=canned,
                     point=criterion.probe_point, kind=kind)
