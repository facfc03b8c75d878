"""LLM provider faults against real servers on 127.0.0.1, driven through a real RoundSession.

Every fault is injected by a real HTTP server (tests/fault_server.py) or a real
llama.cpp server process that is SIGKILLed mid-stream, and reached through
litellm exactly as a remote provider would be. For each one the round must:
- fall back (canned probe, or the embedded model when the chain allows it),
- keep the candidate's answer (it reached `on_turn`, the store's hook, once),
- say what happened (a TurnDiscarded event and a counted fallback reason),
- go on (the next answer gets the next interviewer turn),
- give up by the route's own deadline: the fallback reason says it timed out, or was refused.
No upper bound on wall time is asserted (a busy machine makes any of them flaky); where
the behaviour *is* a wait (Retry-After honoured, a hang waited out), its lower bound is,
which load can only make longer.
"""

from __future__ import annotations

import asyncio
import re
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from fault_server import GOOD_QUESTION, RATE_LIMIT_RETRY_AFTER_S, FaultServer

from simulator.catalog import Catalog, load_catalog
from simulator.config import PROJECT_ROOT, LLMSettings, Settings
from simulator.engine.clock import SimulatedClock
from simulator.engine.turns import Speaker, Turn, TurnKind
from simulator.interview.round_session import RoundEvent, RoundSession, TurnDiscarded, TurnDone, TurnToken, speaking_seconds
from simulator.llm.client import EmbeddedRuntime, LLMClient
from simulator.llm.litellm_import import import_litellm
from simulator.llm.embedded_model import ensure_embedded_model
from simulator.llm.local_server import LocalServer

pytestmark = pytest.mark.live_llm  # the real model or litellm against a real server: see --cpu-hog

NO_NUMBERS = (
    "I led the migration of our template recommender to a two-tower model. I wrote the training pipeline, "
    "I chose the negative sampling scheme and I owned the rollout. It worked well and people liked it."
)
SECOND = "It went to production and the team was happy with it."
PATIENT_S = 120.0
"""A route deadline for the real model on a busy machine: these tests are about behaviour (`bench llm` is speed)."""


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(PROJECT_ROOT / "rubrics", PROJECT_ROOT / "personas")


@pytest.fixture(scope="module")
def server() -> Iterator[FaultServer]:
    import_litellm()  # pay the ~2 s import once, outside the timed sections
    srv = FaultServer().start()
    # litellm's first completion also builds its HTTP client and loads the provider's code: on a busy machine that
    # took longer than the first fault test's 2 s route deadline, which ran out before its request was sent.
    warm = LLMClient(settings_for(srv, "good", timeout_s=PATIENT_S), embedded=None)
    asyncio.run(warm.complete([{"role": "user", "content": "Ask one question."}]))
    yield srv
    srv.stop()


class Sink(list[Turn]):
    """Stands in for the store: `on_turn` appends, and a turn arriving twice is caught."""

    def __call__(self, turn: Turn) -> None:
        assert all(t.index != turn.index for t in self), f"turn {turn.index} recorded twice"
        self.append(turn)


def make_session(catalog: Catalog, llm: LLMClient) -> tuple[RoundSession, SimulatedClock, Sink]:
    loop = catalog.loop("canva-mle")
    round_ = loop.round("hiring-manager")
    clock = SimulatedClock()
    sink = Sink()
    session = RoundSession(
        catalog=catalog, loop=loop, round_=round_, persona=catalog.personas[round_.persona],
        llm=llm, clock=clock, candidate="Alex", seed=7, on_turn=sink,
    )  # fmt: skip
    # Open on a project question that probes impact: an answer without numbers must get a follow-up.
    project = next(q for q in round_.questions if {"impact", "ownership"} <= set(q.criteria))
    session.engine.fix_order([project.id])
    return session, clock, sink


async def answer(session: RoundSession, clock: SimulatedClock, text: str) -> tuple[list[RoundEvent], float]:
    """One candidate answer and the interviewer's reaction; returns the events and the wall time it took (a lower bound to check)."""
    start = session.engine.elapsed()
    clock.advance(speaking_seconds(text))
    began = time.monotonic()
    events = [e async for e in session.answer(text, t_start=start, t_end=session.engine.elapsed())]
    return events, time.monotonic() - began


def settings_for(server: FaultServer, mode: str, **extra: object) -> LLMSettings:
    values: dict[str, object] = {
        "model": f"openai/{mode}~{uuid.uuid4().hex[:8]}",  # a fresh name: its own request counter
        "api_base": server.api_base,
        "api_key": "fault-test-key",
        "timeout_s": 2.0,
        "retries": 1,
        "fallback_to_embedded": False,
    }
    values.update(extra)
    return LLMSettings(**values)  # type: ignore[arg-type]


def follow_ups(events: list[RoundEvent]) -> list[Turn]:
    return [e.turn for e in events if isinstance(e, TurnDone) and e.turn.kind is TurnKind.FOLLOW_UP]


def assert_round_goes_on(session: RoundSession, sink: Sink, events: list[RoundEvent], text: str) -> None:
    """The answer is stored once, in order, and the interviewer spoke after it."""
    answers = [t for t in sink if t.speaker is Speaker.CANDIDATE]
    assert answers and answers[-1].text == text
    assert [t.index for t in sink] == list(range(len(sink)))
    assert [t.text for t in sink] == [t.text for t in session.turns]
    done = [e.turn for e in events if isinstance(e, TurnDone)]
    assert done[0].speaker is Speaker.CANDIDATE and done[-1].speaker is Speaker.INTERVIEWER


FAULTS = {
    # mode: (what the fallback reason must say, retried by the client?)
    "hang": (r"timed out", False),
    "hang_mid": (r"timed out", False),
    "error500": (r"InternalServerError.*injected", True),
    "malformed": (r"APIConnectionError|Expecting property name", True),
    "drop": (r"APIConnectionError|not completed|TransferEncoding", True),
    "empty": (r"empty completion", False),
    "garbage": (r"guard: not exactly one question", False),
    "outofrole": (r"guard: reveals scoring or answers", False),
}


@pytest.mark.parametrize("mode", list(FAULTS))
async def test_provider_fault_falls_back_to_the_canned_probe_and_the_round_goes_on(
    catalog: Catalog, server: FaultServer, mode: str
) -> None:
    settings = settings_for(server, mode)
    session, clock, sink = make_session(catalog, LLMClient(settings, embedded=None))
    [e async for e in session.open()]

    events, stall = await answer(session, clock, NO_NUMBERS)

    expected, retried = FAULTS[mode]
    calls = server.calls(settings.model.removeprefix("openai/"))
    assert len(calls) == (2 if retried else 1), "the server was not reached as expected"
    (follow,) = follow_ups(events)
    assert follow.source == "canned" and follow.criterion == "impact" and follow.text.endswith("?")
    assert session.fallbacks == 1 and re.search(expected, session.fallback_reasons[0]), session.fallback_reasons
    assert any(isinstance(e, TurnDiscarded) for e in events), "no notice that the model's turn was dropped"
    assert_round_goes_on(session, sink, events, NO_NUMBERS)
    if mode.startswith("hang"):
        assert stall >= settings.timeout_s * 0.9, "a hanging provider must be waited for up to timeout_s, not given up on at once"
    if mode in ("hang_mid", "drop"):
        streamed = "".join(e.text for e in events if isinstance(e, TurnToken))
        assert "How did you" in streamed  # the partial turn was shown, then discarded

    events, _ = await answer(session, clock, SECOND)  # the round continues after the fault
    assert_round_goes_on(session, sink, events, SECOND)


async def test_429_retry_after_is_honoured_and_the_retry_is_used(catalog: Catalog, server: FaultServer) -> None:
    settings = settings_for(server, "ratelimit", timeout_s=5.0)
    session, clock, sink = make_session(catalog, LLMClient(settings, embedded=None))
    [e async for e in session.open()]

    events, _ = await answer(session, clock, NO_NUMBERS)

    calls = server.calls(settings.model.removeprefix("openai/"))
    assert len(calls) == 2, "a 429 must be retried"
    waited = calls[1].at - calls[0].at
    assert waited >= RATE_LIMIT_RETRY_AFTER_S - 0.05, f"retried after {waited:.2f} s, Retry-After said {RATE_LIMIT_RETRY_AFTER_S} s"
    (follow,) = follow_ups(events)
    assert follow.source == f"llm:{settings.model}" and follow.text == GOOD_QUESTION
    assert session.fallbacks == 0
    discarded = [e for e in events if isinstance(e, TurnDiscarded)]
    assert len(discarded) == 1 and "RateLimitError" in discarded[0].reason
    assert_round_goes_on(session, sink, events, NO_NUMBERS)


async def test_429_whose_retry_after_outlasts_the_deadline_falls_back_at_once(catalog: Catalog, server: FaultServer) -> None:
    """Waiting out Retry-After past the route deadline would stall the round: fall back instead."""
    settings = settings_for(server, "ratelimit", timeout_s=0.8)
    session, clock, sink = make_session(catalog, LLMClient(settings, embedded=None))
    [e async for e in session.open()]
    events, _ = await answer(session, clock, NO_NUMBERS)
    assert len(server.calls(settings.model.removeprefix("openai/"))) == 1, "no retry: it would outlast the deadline"
    (follow,) = follow_ups(events)
    assert follow.source == "canned" and "RateLimitError" in session.fallback_reasons[0]
    assert_round_goes_on(session, sink, events, NO_NUMBERS)


@pytest.fixture(scope="module")
def embedded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedRuntime]:
    runtime = EmbeddedRuntime(Settings().models_dir, log_path=tmp_path_factory.mktemp("llm") / "embedded.log")
    yield runtime
    runtime.stop()


@pytest.mark.slow
async def test_failed_provider_falls_back_to_the_embedded_model(
    catalog: Catalog, server: FaultServer, embedded: EmbeddedRuntime
) -> None:
    embedded.ensure_started()
    # Patient: the embedded route must answer, not time out, on a busy machine too.
    settings = settings_for(server, "drop", timeout_s=PATIENT_S, retries=0, fallback_to_embedded=True, temperature=0.0)
    session, clock, sink = make_session(catalog, LLMClient(settings, embedded=embedded))
    [e async for e in session.open()]

    events, _ = await answer(session, clock, NO_NUMBERS)

    discarded = [e.reason for e in events if isinstance(e, TurnDiscarded)]
    assert discarded and discarded[0].startswith(settings.model), discarded
    (follow,) = follow_ups(events)
    # The embedded model answered; its text may still be refused by the guard (then canned, with the reason).
    assert follow.source == "llm:embedded" or session.fallback_reasons[-1].startswith("guard"), (follow, session.fallback_reasons)
    assert follow.text.endswith("?")
    assert_round_goes_on(session, sink, events, NO_NUMBERS)


@pytest.mark.slow
async def test_llama_cpp_server_sigkilled_after_its_first_token(catalog: Catalog, tmp_path: Path) -> None:
    """The real llama.cpp server process dies mid-stream: canned probe, answer kept, refused not waited for."""
    remote = LocalServer(ensure_embedded_model(Settings().models_dir), alias="remote-qwen", log_path=tmp_path / "remote.log")
    remote.start(timeout_s=120)
    try:
        settings = LLMSettings(
            model="openai/remote-qwen", api_base=remote.api_base, api_key="local", timeout_s=PATIENT_S, retries=1,
            fallback_to_embedded=False, temperature=0.0,
        )  # fmt: skip
        session, clock, sink = make_session(catalog, LLMClient(settings, embedded=None))
        [e async for e in session.open()]
        start = session.engine.elapsed()
        clock.advance(speaking_seconds(NO_NUMBERS))
        events: list[RoundEvent] = []
        killed = False
        async for event in session.answer(NO_NUMBERS, t_start=start, t_end=session.engine.elapsed()):
            events.append(event)
            if isinstance(event, TurnToken) and not killed and session.turns[-1].speaker is Speaker.CANDIDATE:
                remote.kill()  # SIGKILL the whole process group, as a crash would
                killed = True

        assert killed, "the server never streamed a token"
        assert not remote.alive()
        assert any(isinstance(e, TurnDiscarded) and "remote-qwen" in e.reason for e in events)
        (follow,) = follow_ups(events)
        assert follow.source == "canned" and follow.text.endswith("?")
        assert session.fallbacks == 1 and "remote-qwen" in session.fallback_reasons[0]
        assert "timed out" not in session.fallback_reasons[0], "a dead server is a refused connection, not a wait"
        assert_round_goes_on(session, sink, events, NO_NUMBERS)

        events, _ = await answer(session, clock, SECOND)  # the server is gone: refused at once, not waited for
        assert_round_goes_on(session, sink, events, SECOND)
        assert "timed out" not in session.fallback_reasons[-1], session.fallback_reasons
    finally:
        remote.stop()
