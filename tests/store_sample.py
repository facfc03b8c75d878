"""A realistic session for the store tests, built only through the public Store API."""

from __future__ import annotations

from simulator.engine.turns import DeliveryMetrics, Speaker, Turn, TurnKind
from simulator.scoring.models import (
    Check,
    CriterionResult,
    Evidence,
    RedFlagHit,
    RoundScore,
    ScorerIdentity,
)
from simulator.store import Store

FAKE_KEY = "sk-test-FAKE0123456789abcdefSECRET"

DESIGN_TURNS: list[Turn] = [
    Turn(index=0, speaker=Speaker.INTERVIEWER, kind=TurnKind.QUESTION, t_start=0.0, t_end=9.5,
         text="Design a recommender for a video platform's home feed. Start wherever you like.",
         question_id="recsys-home-feed", source="bank", latency_s=0.01),
    Turn(index=1, speaker=Speaker.CANDIDATE, kind=TurnKind.ANSWER, t_start=11.2, t_end=71.0,
         text=("I'd split it into candidate generation and ranking. Candidate generation uses a two-tower model "
               "over watch history, served from an approximate nearest neighbour index, so we retrieve about "
               "a thousand items in under 20 milliseconds. Then a ranker with cross features predicts watch time."),
         question_id="recsys-home-feed",
         metrics=DeliveryMetrics(duration_s=59.8, words=58, wpm=58.2, filler_count=2, fillers_per_min=2.0,
                                 pauses_over_2s=1, longest_pause_s=2.4, time_to_first_word_s=1.7)),
    Turn(index=2, speaker=Speaker.INTERVIEWER, kind=TurnKind.FOLLOW_UP, t_start=72.0, t_end=78.0,
         text="How would you know the new ranker is better before shipping it to everyone?",
         question_id="recsys-home-feed", criterion="evaluation", source="llm:embedded", latency_s=0.96),
    Turn(index=3, speaker=Speaker.CANDIDATE, kind=TurnKind.ANSWER, t_start=80.0, t_end=130.5,
         text=("Offline I'd check NDCG on a held-out week, but offline gains often don't transfer, so I'd run "
               "an A/B test on 5% of traffic with watch time per user as the primary metric and guardrails on "
               "latency and <script>alert('x')</script> creator diversity."),
         question_id="recsys-home-feed", criterion="evaluation",
         metrics=DeliveryMetrics(duration_s=50.5, words=44, wpm=52.3)),
    Turn(index=4, speaker=Speaker.INTERVIEWER, kind=TurnKind.NOTICE, t_start=131.0, t_end=131.0,
         text="Five minutes left.", source="canned"),
]


def design_score(*, created_at: str = "2026-05-10T10:00:00+00:00", evaluation_level: int = 3) -> RoundScore:
    return RoundScore(
        loop="mle-generalist",
        round="ml-system-design",
        criteria=[
            CriterionResult(
                criterion="problem_framing", weight=0.3, level=3,
                evidence=[Evidence(quote="split it into candidate generation and ranking", turn_index=1, t_start=11.2)],
                checks=[Check(signal="two-stage", description="Separates retrieval from ranking", passed=True,
                              evidence=Evidence(quote="candidate generation", turn_index=1, t_start=11.2))],
                missing="State the business objective and constraints before the architecture.",
            ),
            CriterionResult(
                criterion="evaluation", weight=0.4, level=evaluation_level,
                evidence=[
                    Evidence(quote="offline gains often don't transfer", turn_index=3, t_start=80.0),
                    Evidence(quote="A/B test on 5% of traffic", turn_index=3, t_start=80.0),
                ],
                missing="Name how long the test runs and the minimum detectable effect.",
                decided_by="evidence",
            ),
            CriterionResult(criterion="serving", weight=0.3, level=None, missing="Nothing said about serving cost."),
        ],
        weighted=3.0,
        band="lean yes",
        rationale="Clear two-stage design and a sound online evaluation plan; serving barely covered.",
        red_flags=[RedFlagHit(id="no-baseline", text="No baseline named")],
        scorer=ScorerIdentity(scorer="evidence", version="1.0", rubric_hash="ab" * 32),
        created_at=created_at,
    )


def build_session(store: Store, *, candidate: str = "Ada Lovelace", note: str | None = None) -> str:
    """A finished, scored, reviewed session; returns its id."""
    config = {
        "data_dir": "/tmp/x",
        "llm": {"model": "openai/gpt-4o-mini", "api_key": FAKE_KEY, "timeout_s": 20.0},
        "OPENAI_API_KEY": FAKE_KEY,
        "auth_token": FAKE_KEY,
        "nested": [{"password": FAKE_KEY, "ok": 1}],
    }
    sid = store.create_session(candidate=candidate, loop="mle-generalist", level="senior",
                               model="embedded", mode="text", config=config)
    row = store.start_round(sid, round_id="ml-system-design", persona="staff-skeptic", seed=7)
    for turn in DESIGN_TURNS:
        store.add_turn(row, turn)
    store.end_round(row, "completed")
    store.save_score(row, design_score(created_at="2026-05-10T10:00:00+00:00", evaluation_level=2))
    store.save_score(row, design_score(created_at="2026-05-10T10:05:00+00:00", evaluation_level=3))
    store.end_session(sid, "completed")
    store.add_note(sid, note or "Strong retrieval story; push on experiment duration next time.",
                   coach="Grace", round_id="ml-system-design")
    store.override_level(sid, "ml-system-design", "serving", 2, "Mentioned ANN latency, which is a serving point.",
                         coach="Grace")
    return sid
