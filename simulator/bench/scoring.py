"""Scoring benchmark: how long the evidence scorer takes on a full 45-minute round.

`run_scoring_bench(repeats)` builds deterministic 45-minute transcripts
(interviewer questions from the round's bank, follow-ups, candidate answers at
~140 words per minute from the corpus's train sentences), a new one per repeat
with the embedding cache emptied, scores each with the evidence model and with
the keyword scorer, and returns the medians; the first scoring, which loads
the embedding model, is reported apart. `interview-sim bench
scoring` (simulator/commands/bench.py) prints it; the goal is <= 2 s on 2 cores.
"""

from __future__ import annotations

import random
import re
import statistics
import time
from pathlib import Path

from pydantic import BaseModel, Field

from ..catalog import Catalog, load_catalog
from ..catalog.models import Loop, Round
from ..config import PROJECT_ROOT
from ..engine.turns import Speaker, Turn, TurnKind
from ..scoring.meaning import default_model
from ..scoring.meaning.clauses import clear_split_cache
from ..scoring.score import score_round

GOAL_S = 2.0
ROUND_MINUTES = 45
WPM = 140
ANSWER_S = 150.0

# Sentence bank for generated answers: strong, middling and weak material, so every
# signal type is exercised (numbers, ownership, hedges, fillers, design words).
_SENTENCES = [
    "At my last job our checkout fraud model had too many false positives.",
    "I owned the retraining and rebuilt the label pipeline to handle chargeback delay.",
    "False positives went from 3.2% to 1.9% of orders at the same recall, measured over a month of holdout traffic.",
    "We built a recommendation model for templates and it performed better than the old one.",
    "I was involved in the search ranking project and I helped with some of the feature work.",
    "So, there was this thing, and, well, it's complicated, and, like, it kind of worked out.",
    "I'd alert on p95 latency over 180 ms and page the on-call, who can roll back to the previous model.",
    "Rollout would be shadow traffic first, then a 5% canary, then 25% and 100%, with rollback if conversion drops more than a point.",
    "Before designing, the requirements: online, 200 ms p95, about 5k QPS at peak, and success means export success rate.",
    "We could have cached answers or distilled, and I chose distillation since quality dropped only one point while cost was halved.",
    "Offline I'd use NDCG@10 on held-out sessions, and online an A/B test on conversion with latency as a guardrail.",
    "I'd segment by device and country and check confidence intervals, not just the p-value.",
    "The team discussed options like a staged release versus a full launch and we went with the staged one.",
    "I learned to bring data instead of opinions, and next time I would budget latency up front.",
    "We'd monitor it and deploy it with CI/CD.",
    "I'd use Kubernetes with GPUs and put the model behind a REST API with autoscaling.",
    "The product lead wanted a bigger model, but I argued for a smaller one because it doubled cost per request.",
    "Um, I think we had a lot of meetings and the data was messy, you know.",
    "I personally profiled the decoder, replaced it with a lighter one and quantised it to int8.",
    "Median queue time dropped from 3.5 hours to 40 minutes over the next quarter.",
]


class BenchResult(BaseModel):
    """Timing of the evidence scorer on one generated round transcript."""

    loop: str
    round: str
    minutes: int = Field(description="length of the generated round")
    turns: int
    candidate_words: int
    criteria: int
    repeats: int
    median_s: float
    min_s: float
    max_s: float
    first_use_s: float = Field(description="the first scoring in the process: the embedding model loads here, once")
    signals_median_s: float = Field(description="the keyword (signals) scorer on the same transcripts, same run")
    goal_s: float = GOAL_S
    passed: bool = Field(description="median_s <= goal_s")
    weighted: float | None = Field(description="the score it produced (a sanity check that it scored something)")


def _corpus_sentences() -> list[str]:
    """Sentences of the train split's answers: many voices, so no two repeats score the same text."""
    from ..scoring.meaning.train import load_split

    found = [p.strip() for item in load_split("train") for p in re.split(r"(?<=[.!?])\s+", item.answer)]
    return [p for p in found if len(p.split()) >= 4]


def generate_round(rnd: Round, minutes: int = ROUND_MINUTES, seed: int = 7, sentences: list[str] | None = None) -> list[Turn]:
    """A deterministic transcript of `minutes` minutes: bank questions, one follow-up each, long answers."""
    bank = sentences or _SENTENCES
    rng = random.Random(seed)
    turns: list[Turn] = []
    t = 0.0
    q = 0
    end = minutes * 60.0
    while t < end - 30:
        question = rnd.questions[q % len(rnd.questions)]
        q += 1
        for kind, text, crit in (
            (TurnKind.QUESTION, question.text, None),
            (TurnKind.FOLLOW_UP, "What changed in numbers, and what was your part?", question.criteria[0]),
        ):
            if t >= end - 30:
                break
            spoken = max(4.0, len(text.split()) / WPM * 60)
            turns.append(Turn(index=len(turns), speaker=Speaker.INTERVIEWER, kind=kind, text=text, t_start=t,
                              t_end=t + spoken, question_id=question.id, criterion=crit, source="bank"))
            t += spoken + 1.0
            words_wanted = int(min(ANSWER_S, end - t) / 60 * WPM)
            answer: list[str] = []
            while sum(len(s.split()) for s in answer) < words_wanted:
                answer.append(rng.choice(bank))
            duration = sum(len(s.split()) for s in answer) / WPM * 60
            turns.append(Turn(index=len(turns), speaker=Speaker.CANDIDATE, kind=TurnKind.ANSWER, text=" ".join(answer),
                              t_start=t, t_end=t + duration))
            t += duration + 2.0
    return turns


def _pick_round(catalog: Catalog) -> tuple[Loop, Round]:
    """The conversation round closest to 45 minutes with the most signal-bearing criteria."""
    best: tuple[float, Loop, Round] | None = None
    for loop in catalog.loops.values():
        for rnd in loop.rounds:
            if rnd.kind != "conversation":
                continue
            with_signals = sum(1 for rc in rnd.criteria if catalog.criterion(loop, rc.id).signals)
            key = abs(rnd.minutes - ROUND_MINUTES) - 10 * with_signals
            if best is None or key < best[0]:
                best = (key, loop, rnd)
    if best is None:
        raise LookupError("no conversation round in the catalog to benchmark")
    return best[1], best[2]


def run_scoring_bench(repeats: int = 5, catalog: Catalog | None = None) -> BenchResult:
    """Median time to score a generated 45-minute round with the evidence scorer, over `repeats` runs."""
    if repeats < 1:
        raise ValueError("repeats must be at least 1")
    catalog = catalog or load_catalog(Path(PROJECT_ROOT / "rubrics"), Path(PROJECT_ROOT / "personas"))
    loop, rnd = _pick_round(catalog)
    sentences = _corpus_sentences()
    embedder = default_model().embedder
    start = time.perf_counter()
    score_round(loop, rnd, generate_round(rnd, seed=0, sentences=sentences), catalog)
    first_use = time.perf_counter() - start
    times: list[float] = []
    signal_times: list[float] = []
    score = None
    turns: list[Turn] = []
    for seed in range(1, repeats + 1):
        turns = generate_round(rnd, seed=seed, sentences=sentences)
        embedder.clear_cache()  # cold: every answer is embedded and split again, as in a new round
        clear_split_cache()
        start = time.perf_counter()
        score = score_round(loop, rnd, turns, catalog)
        times.append(time.perf_counter() - start)
        start = time.perf_counter()
        score_round(loop, rnd, turns, catalog, scorer="signals")
        signal_times.append(time.perf_counter() - start)
    assert score is not None
    median = statistics.median(times)
    return BenchResult(
        loop=loop.id,
        round=rnd.id,
        minutes=ROUND_MINUTES,
        turns=len(turns),
        candidate_words=sum(len(t.text.split()) for t in turns if t.speaker == Speaker.CANDIDATE),
        criteria=len(rnd.criteria),
        repeats=repeats,
        median_s=round(median, 4),
        min_s=round(min(times), 4),
        max_s=round(max(times), 4),
        first_use_s=round(first_use, 4),
        signals_median_s=round(statistics.median(signal_times), 4),
        passed=median <= GOAL_S,
        weighted=score.weighted,
    )
