"""Drives one round: the engine decides, the LLM phrases, the guard checks, turns are recorded.

Used by the headless runner and the app alike. Each step is an async iterator of events so the app can render tokens
as they stream; every finished turn is handed to `on_turn` (the store) before the next step begins, so a crash never
loses a turn already spoken.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator, Callable

from ..catalog import Catalog, Loop, Persona, Question, Round
from ..engine.clock import Clock, SimulatedClock
from ..config import EMBEDDED_MODEL
from ..engine.guard import GuardVerdict, check_turn, first_question, safe_phrase
from ..engine.plan import Plan, Probe
from ..engine.round import RoundEngine
from ..engine.turns import DeliveryMetrics, Speaker, Turn, TurnKind
from ..llm.client import AllRoutesFailed, Done, LLMClient, RouteFailed, Token
from ..sandbox.notice import NOTICE_SOURCE, parse_notice
from .ahead import ANSWERED_AHEAD, answers_ahead
from .anchor import MIN_SCORE, phrases
from .assumptions import correction, corrects, opener, with_slips
from .asks import Clarification
from .clarify import read_turn
from .hidden_tests import run_asked_about
from .hints import hint_said
from .turn_phrases import ACKNOWLEDGEMENT
from .drift import REDIRECT, drifted
from .evidence_probe import MAX_ANSWER_CHARS, MeaningEvidence, readable
from .follow_up_text import FollowUpWording
from .news import news_told
from .overclaims import challenged
from .pitfalls import pitfall_met, with_challenge
from .own_figures import checked_against_story
from .passing import CHECKED_IN, NOTICE_SOURCES, record_reply
from .persona_lines import render_line
from .prompts import follow_up_messages, priming_messages, system_prompt
from .rephrase import rephrased_for
from .round_events import RoundClosed, RoundEvent, TurnDiscarded, TurnDone, TurnStarted, TurnToken
from .round_replay import replay
from .terse import terse
from .turn_history import asking_time, last_asked

log = logging.getLogger(__name__)

SPEAKING_WPM = 150.0


def speaking_seconds(text: str, wpm: float = SPEAKING_WPM) -> float:
    return len(text.split()) / wpm * 60.0


class RoundSession:
    def __init__(
        self,
        *,
        catalog: Catalog,
        loop: Loop,
        round_: Round,
        persona: Persona,
        llm: LLMClient | None,
        clock: Clock,
        candidate: str,
        seed: int | None = None,
        level: str | None = None,
        recent_question_ids: set[str] | None = None,
        warn_minutes: list[float] | None = None,
        on_turn: Callable[[Turn], None] | None = None,
        evidence: MeaningEvidence | None = None,
    ) -> None:
        self.catalog = catalog
        self.loop = loop
        self.round = round_
        self.persona = persona
        self.llm = llm
        self.clock = clock
        self.candidate = candidate
        self.evidence = evidence if evidence is not None else MeaningEvidence()
        self.engine = RoundEngine(
            catalog, loop, round_, persona,
            clock=clock, seed=seed, level=level,
            recent_question_ids=recent_question_ids or set(), warn_minutes=warn_minutes,
            evidence=self.evidence, absent=self.evidence.absent, left_out=self.evidence.left_out, figures=self.evidence.figures,
            story_shape=self.evidence.story_shape, not_done=self.evidence.not_done, terse=terse,
            dodged=self.evidence.dodged, unanswered=self.evidence.unanswered, readable=lambda reply: readable([reply])[0],
            ahead=answers_ahead,
        )  # fmt: skip
        self.wording = FollowUpWording(catalog, loop, self.engine, self.evidence)
        self.on_turn = on_turn
        self.turns: list[Turn] = []
        self.fallbacks = 0
        self.fallback_reasons: list[str] = []
        self._system = system_prompt(catalog, loop, round_, persona, candidate)
        self._pending_question: Question | None = None
        self.last_answer = ""
        self._redirected: set[str] = set()  # questions asked again after an answer about something else
        self._priming: asyncio.Future[None] | None = None

    # --- public steps --------------------------------------------------------
    @property
    def closed(self) -> bool:
        return self.engine.phase.value == "closed"

    async def open(self) -> AsyncIterator[RoundEvent]:
        """Greeting and the first bank question."""
        question = self.engine.start()
        self.evidence.warm_up()
        greeting = self._render(self.persona.opening)
        for event in self._say(TurnKind.NOTICE, greeting, source="opening"):
            yield event
        for event in self._ask(question):
            yield event

    async def restore(self, turns: list[Turn]) -> AsyncIterator[RoundEvent]:
        """Continue a round from its stored turns (after a crash): replay, then finish any planned turn.

        The stored turns are replayed through the engine on a scratch clock (the
        planner is deterministic), so nothing already said is said or stored again.
        """
        if not turns:
            async for event in self.open():
                yield event
            return
        asked = [t.question_id for t in turns if t.kind is TurnKind.QUESTION and t.question_id]
        live_clock = self.engine.clock
        replay_clock = SimulatedClock()
        self.engine.fix_order(list(dict.fromkeys(asked)))
        self.engine.switch_clock(replay_clock)
        self.engine.start()
        self.turns = list(turns)
        replayed = replay(self, turns, replay_clock)
        plan, asked_last, replied, drift_pending = replayed.plan, replayed.asked_last, replayed.replied, replayed.drift_pending
        self.engine.due_warnings()  # marks passed before the crash are not announced again
        if isinstance(live_clock, SimulatedClock):
            live_clock.advance(max(0.0, replay_clock.now() - live_clock.now()))
        self.engine.switch_clock(live_clock)
        if turns[-1].source == "closing":
            self.engine.close()
            return
        if not asked and self.engine.current_question is not None:
            # Stopped between the greeting and the first question: the question was never said, so say it now.
            for event in self._ask(self.engine.current_question):
                yield event
            return
        if self.engine.current_question is not None:
            self._prime(self.engine.current_question)
        # A notice said before the planned turn ("Sure, let's move on.", a time mark) leaves that turn to say.
        pending = turns[-1].speaker is Speaker.CANDIDATE or turns[-1].kind is TurnKind.CLARIFICATION or plan is not None
        if not pending:
            return
        if asked_last is not None and not self.engine.time_up():
            if not replied:
                for event in self._reply(asked_last):
                    yield event
            if asked_last.leaves_the_floor:
                return  # the same question stays open for the answer
        if drift_pending and not self.engine.time_up():
            for event in self._redirect():
                yield event
            return
        if plan is None:
            async for event in self.close("time"):
                yield event
        else:
            async for event in self._follow(plan):
                yield event

    async def answer(self, text: str, *, t_start: float | None = None, t_end: float | None = None, metrics: DeliveryMetrics | None = None,
                     audio_path: str | None = None, raw_text: str | None = None, run_notice: str | None = None) -> AsyncIterator[RoundEvent]:
        """Record the candidate's answer, then produce the interviewer's next turn(s).

        raw_text: a voice answer's text as Whisper heard it, when the domain correction changed it. run_notice: the
        hidden tests' result for the code the answer holds, said after it and before the reply (headless: it came first).
        """
        if self.closed:
            raise RuntimeError("the round is closed")
        yield self._record_answer(text, t_start, t_end, metrics, audio_path, raw_text)
        for event in self.notice(run_notice, source=NOTICE_SOURCE) if run_notice else []:
            yield event
        if self.engine.time_up():
            async for event in self.close("time"):
                yield event
            return
        clarification = await asyncio.to_thread(self.clarification_in, text)  # may embed the question (fact_match)
        if clarification is not None:
            self.engine.record_told([f.topic for f in clarification.facts])  # no probe asks back what was told
            for event in self._reply(clarification):
                yield event
            if clarification.leaves_the_floor:
                self.keep_asked(clarification, text)
                return
        self.last_answer = text
        if await asyncio.to_thread(self.drifts, text):
            for event in self._redirect():
                yield event
            return
        # Planning reads the answer with the evidence model (embeddings): off the event loop, so the app stays live.
        plan, first = await asyncio.to_thread(record_reply, self.engine, text)
        if first is not None:  # "Sure, let's move on.", or a check-in answered: "Yes, that's the kind of thing I'm after."
            for event in self._say(TurnKind.NOTICE, first, source=NOTICE_SOURCES.get(first, CHECKED_IN)):
                yield event
        async for event in self._follow(plan):
            yield event

    async def finish(
        self,
        reason: str,
        text: str = "",
        *,
        t_start: float | None = None,
        t_end: float | None = None,
        metrics: DeliveryMetrics | None = None,
        audio_path: str | None = None,
        raw_text: str | None = None,
    ) -> AsyncIterator[RoundEvent]:
        """End the round now (time box, "end round" key), keeping an unfinished answer if it has words."""
        if self.closed:
            return
        if text.strip():
            yield self._record_answer(text, t_start, t_end, metrics, audio_path, raw_text)
        async for event in self.close(reason):
            yield event

    def notice(self, text: str, *, source: str) -> list[RoundEvent]:
        """Say and record an interviewer notice between turns (test results, a repeated question). It belongs to the
        question being discussed, so scoring files hidden-test results under it."""
        question = self.engine.current_question
        run = parse_notice(text) if source == NOTICE_SOURCE else None
        if run is not None:  # the planner sees the run, not only what the candidate says about it
            self.engine.record_run(run.passed, run.total)
        return self._say(TurnKind.NOTICE, text, source=source, question_id=question.id if question else None)

    async def close(self, reason: str) -> AsyncIterator[RoundEvent]:
        """Say the closing line (once) and close the round; the answer so far is already kept."""
        if self.closed:
            return
        for event in self._say(TurnKind.NOTICE, self._render(self.persona.closing), source="closing"):
            yield event
        self.engine.close()
        yield RoundClosed(reason)

    def warnings(self) -> list[RoundEvent]:
        """Time warnings that are due now, as interviewer notices."""
        events: list[RoundEvent] = []
        for notice in self.engine.due_warnings():
            events.extend(self._say(TurnKind.NOTICE, notice, source="clock"))
        return events

    # --- internals -----------------------------------------------------------
    def _record_answer(
        self,
        text: str,
        t_start: float | None,
        t_end: float | None,
        metrics: DeliveryMetrics | None,
        audio_path: str | None,
        raw_text: str | None = None,
    ) -> TurnDone:
        question = self.engine.current_question
        turn = self._record(Speaker.CANDIDATE, TurnKind.ANSWER, text, self.engine.elapsed() if t_start is None else t_start,
                            self.engine.elapsed() if t_end is None else t_end, question_id=question.id if question else None,
                            source="candidate", metrics=metrics, audio_path=audio_path, raw_text=raw_text)
        return TurnDone(turn)

    def _reply(self, clarification: Clarification) -> list[RoundEvent]:
        question = self.engine.current_question
        reply = clarification.reply_at(self.engine.time_left(), self.persona.passes_on, self.loop, self.round.id, self.engine.queue.progress)
        if clarification.hint:
            reply = hint_said(self.engine, clarification.hint, [t.text for t in self.turns if t.speaker is Speaker.INTERVIEWER])
        verdict = opener(clarification)
        if reply.startswith(ACKNOWLEDGEMENT) and verdict is not None:  # an assumption put to the interviewer: right or not
            reply = (verdict + reply[len(ACKNOWLEDGEMENT):]).strip()
        elif reply.startswith(ACKNOWLEDGEMENT):  # the persona's own words in turn (counted from the turns, so a resumed round says
            acks = self.persona.acknowledgements  # the same): one "Good question." every time is a script
            said = acks[sum(t.kind is TurnKind.CLARIFICATION for t in self.turns) % len(acks)]
            reply = (said + reply[len(ACKNOWLEDGEMENT):]).strip()
        return self._say(TurnKind.CLARIFICATION, reply, source="facts", question_id=question.id if question else None)

    def keep_asked(self, clarification: Clarification, text: str) -> None:
        """A turn that only asked: kept as evidence (and for follow-ups to name) when it asked about the problem;
        a request to hear the question again or a question about the job is neither. Asked to tell another story,
        the engine's follow-ups start over on the next one."""
        if clarification.new_story:
            self.engine.record_new_story()
        elif clarification.about_problem:
            self.engine.record_clarifying(text)
        elif clarification.also_answer:  # an answer whose claim was challenged (overclaims.py): evidence all the same
            self.engine.record_aside(text)

    def drifts(self, text: str, turns: list[Turn] | None = None) -> bool:
        """Once per question, an answer about something else is kept, nothing is planned on it, and the question is
        asked again (drift.py); a second one is followed up as any answer is. `turns`: the round up to it (on replay)."""
        question, asked = self.engine.current_question, last_asked(self.turns if turns is None else turns)
        follow_up = asked.text if asked is not None and asked.kind is TurnKind.FOLLOW_UP else None
        if question is None or question.id in self._redirected or not drifted(question, text, follow_up) or self.engine.answers_ahead(text):
            return False
        self._redirected.add(question.id)
        self.engine.record_aside(text)
        return True

    def _redirect(self) -> list[RoundEvent]:
        question = self.engine.current_question
        assert question is not None
        return self._say(TurnKind.FOLLOW_UP, REDIRECT.format(question=question.text), source="redirect", question_id=question.id)

    def clarification_in(self, text: str, turns: list[Turn] | None = None) -> Clarification | None:
        """The candidate's questions about the problem, answered from the open question's facts; else a wrong given
        the candidate assumed, corrected from them. `turns`: the round up to this turn (on replay; else all of it).
        Read in the turn's first MAX_ANSWER_CHARS: a pasted megabyte is an answer, and must not stall the round.
        """
        if (question := self.engine.current_question) is None:
            return None
        turns = self.turns if turns is None else turns
        # "Could you repeat the question?" after a follow-up means the follow-up; "what do you mean?" gets what it is after.
        last = last_asked(turns, text)
        asked = last.text if last is not None else None
        explained = rephrased_for(asked, last.criterion if last is not None else None, question,
                                 lambda c: self.catalog.criterion(self.loop, c), self.engine.probe_options)
        text, pitfall = text[:MAX_ANSWER_CHARS], pitfall_met(text[:MAX_ANSWER_CHARS], question, turns)
        read = run_asked_about(text, question, turns) or checked_against_story(text, question, turns) or (
            None if pitfall else challenged(text, question.id, turns)) or read_turn(
            text, question, asked, explained, self.catalog.glossary, asking_time(turns, question), self.loop) or correction(text, question) \
            or news_told(text, self.loop, self.round.id)
        return with_slips(with_challenge(read, pitfall, text), text)

    def _prime(self, question: Question) -> None:
        """While the candidate answers, the model reads the persona prompt and the question: follow-ups start fast."""
        if self.llm is not None:
            self._priming = asyncio.ensure_future(self.llm.prime(priming_messages(self._system, question)))

    async def _follow(self, plan: Plan) -> AsyncIterator[RoundEvent]:
        for event in self.warnings():
            yield event
        if plan.action == "wrap_up":
            async for event in self.close(plan.reason):
                yield event
        elif plan.action == "next_question":
            assert plan.question is not None
            for event in self._ask(plan.question, answered_ahead=plan.answered_ahead):
                yield event
            if plan.probe is not None:  # what was said for it before it was asked is pushed on (engine/question_queue.py)
                self.last_answer = self.engine.answers(plan.question.id)[-1]
                async for event in self._probe(plan.question, plan.probe):
                    yield event
        else:
            assert plan.probe is not None and plan.question is not None
            async for event in self._probe(plan.question, plan.probe):
                yield event

    def _ask(self, question: Question, *, answered_ahead: bool = False) -> list[RoundEvent]:
        self._prime(question)
        text = ANSWERED_AHEAD.format(question=question.text) if answered_ahead else question.text
        return self._say(TurnKind.QUESTION, text, source="bank", question_id=question.id)

    def _capable(self) -> bool:
        """A configured model other than the embedded one reads the whole answer and picks what to name itself."""
        return self.llm is not None and self.llm.primary_label != EMBEDDED_MODEL

    async def _probe(self, question: Question, probe: Probe) -> AsyncIterator[RoundEvent]:
        yield TurnStarted(Speaker.INTERVIEWER, TurnKind.FOLLOW_UP)
        started_wall = time.monotonic()
        start = self.engine.elapsed()
        source, reason = "canned", None
        # A model words only a rubric probe (and the own-part question) around the anchor; the rest are said as they are.
        anchor = self.wording.anchor(question, probe) if probe.kind in ("probe", "own_part", "part") else None
        probe = self.wording.looking_back(probe, anchor)  # it asked for what the anchor says was never there
        reworded = probe.kind in ("probe", "own_part")
        spoken = anchor.spoken if anchor else None
        leads = self.persona.anchor_leads  # the persona's ways in, one follow-up after another
        lead = self.wording.lead(question, probe, anchor, leads[sum(t.kind is TurnKind.FOLLOW_UP for t in self.turns) % len(leads)], corrects(self.turns[-1]),
                                 self.turns[-1].source == CHECKED_IN)
        text = self.wording.canned(question, probe, anchor, lead)
        if self.llm is not None and reworded:
            if self._priming is not None:
                await self._priming  # never raises; the cached prefix then serves this call
            whole = self._capable()
            messages = follow_up_messages(self._system, question, self.last_answer, probe, spoken, whole_answer=whole, lead=lead)
            # What the question may name: the anchor, or (a capable model picks itself) any specific phrase of the answer.
            anchors = [anchor.kept] if anchor else []
            if whole and anchors:
                said = readable([self.last_answer])[0]
                anchors += [p.text for p in phrases(said, question=question.text) if p.score >= MIN_SCORE and safe_phrase(p.text)]

            def check(raw: str) -> GuardVerdict:
                return check_turn(
                    raw, self.engine.asked,
                    planned=probe.canned, topic=f"{probe.criterion_title} {probe.missing}",
                    anchors=anchors or None, shown=messages[-1]["content"], context=f"{question.text} {self.last_answer}",
                    point=probe.point, keep_probe=not whole,
                )  # fmt: skip

            try:
                async for event in self.llm.stream(messages):
                    if isinstance(event, Token):
                        yield TurnToken(event.text)
                    elif isinstance(event, RouteFailed):
                        yield TurnDiscarded(f"{event.route} failed: {event.error}")
                    elif isinstance(event, Done):
                        verdict = check(event.completion.text)
                        first = first_question(event.completion.text) if not verdict.ok else None
                        if first is not None and check(first).ok:
                            verdict = check(first)  # one question at a time: the first one, when it stands alone
                        if verdict.ok:
                            text, source = verdict.text, f"llm:{event.completion.route}"
                        else:
                            reason = f"guard: {verdict.reason}: {verdict.text[:120]!r}"
                            yield TurnDiscarded(reason)
            except AllRoutesFailed as exc:
                reason = f"no model answered: {exc}"
        if reason is not None:
            self.fallbacks += 1
            self.fallback_reasons.append(reason)
            log.info("follow-up fallback to the canned probe (%s)", reason)
        latency = time.monotonic() - started_wall
        text = self.wording.given(question, probe.lead + text, [turn.text for turn in self.turns])
        self._advance_speaking(text)
        turn = self._record(
            Speaker.INTERVIEWER, TurnKind.FOLLOW_UP, text, start, self.engine.elapsed(),
            question_id=question.id, criterion=probe.criterion, latency_s=latency, source=source,
        )  # fmt: skip
        self.engine.record_interviewer(text)
        yield TurnDone(turn)

    def _say(self, kind: TurnKind, text: str, *, source: str, question_id: str | None = None) -> list[RoundEvent]:
        start = self.engine.elapsed()
        self._advance_speaking(text)
        turn = self._record(Speaker.INTERVIEWER, kind, text, start, self.engine.elapsed(), question_id=question_id, latency_s=0.0,
                            source=source)
        if kind is TurnKind.QUESTION:
            self.engine.record_interviewer(text)
        return [TurnStarted(Speaker.INTERVIEWER, kind), TurnToken(text), TurnDone(turn)]

    def _advance_speaking(self, text: str) -> None:
        """On a simulated clock the interviewer's words take time too."""
        if isinstance(self.clock, SimulatedClock):
            self.clock.advance(speaking_seconds(text))

    def _record(self, speaker: Speaker, kind: TurnKind, text: str, t_start: float, t_end: float, **extra: object) -> Turn:
        turn = Turn(index=len(self.turns), speaker=speaker, kind=kind, text=text, t_start=t_start, t_end=t_end, **extra)  # type: ignore[arg-type]
        self.turns.append(turn)
        if self.on_turn is not None:
            self.on_turn(turn)
        return turn

    def _render(self, text: str) -> str:
        return render_line(text, candidate=self.candidate, round_title=self.round.title, company=self.loop.company)
