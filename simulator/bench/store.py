"""Store benchmark: is the database fast enough at 10,000 sessions (about a million turns)?

Signature (for `interview-sim bench store [--json]`, wired in simulator/commands/bench.py):

    run_store_bench(
        sessions: int = 10_000,          # sessions to generate
        *,
        turns_per_round: int = 25,       # 4 rounds x 25 = 100 turns a session -> 1,000,000 turns
        rounds_per_session: int = 4,
        path: Path | None = None,        # where the database goes; None = a temp dir, deleted afterwards
        reuse: bool = False,             # keep an existing database at `path` if it already has `sessions` sessions
        searches: int = 60,              # FTS queries timed
        loads: int = 60,                 # load_session calls timed
        inserts: int = 300,              # add_turn calls timed while another process holds a read transaction
        seed: int = 0,
        progress: Callable[[str], None] | None = None,   # called with a line per phase
    ) -> StoreBenchResult                # pydantic; .model_dump_json() for --json, .summary() for people

Goals (issue 6): median full-text search <= 50 ms and median load of one session for
review <= 50 ms on the 10,000-session database; median turn insert <= 5 ms while a
reader (another process, read transaction open) holds the database. `goals_met` says
whether all three held. Run stand-alone: `python -m simulator.bench.store --sessions 10000 [--json]`.

Generation is a bulk insert (one transaction, executemany, synchronous off while it
runs) with the FTS triggers live, so the index is built exactly as in real use.
Text comes from a fixed pool of ML-interview sentences with Zipf-distributed words,
so common words match hundreds of thousands of turns and rare ones a few.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

from pydantic import BaseModel, Field
from sqlite_utils import Database

from ..engine.turns import DeliveryMetrics, Speaker, Turn, TurnKind
from ..scoring.models import CriterionResult, Evidence, RoundScore, ScorerIdentity
from ..store.store import Store, utc_now

SEARCH_GOAL_MS = 50.0
LOAD_GOAL_MS = 50.0
INSERT_GOAL_MS = 5.0

_WORDS = """
model training data feature features latency throughput batch embedding embeddings retrieval ranking ranker
recommender candidate candidates index serving inference gpu cpu memory cache caching shard sharding replica
pipeline pipelines label labels labeling drift monitoring metric metrics precision recall auc ndcg calibration
loss gradient optimizer learning rate regularization dropout overfitting underfitting validation holdout test
experiment experiments a/b guardrail guardrails traffic users user click clicks watch time engagement revenue
baseline heuristic logistic regression tree boosting transformer attention encoder decoder tokenizer vocabulary
distillation quantization pruning onnx tensorrt kubernetes docker autoscaling queue kafka stream streaming
offline online freshness backfill feature-store warehouse spark sql join partition schema versioning rollback
canary shadow deployment deploy rollout alert alerts dashboard oncall incident postmortem tradeoff tradeoffs
budget cost p99 p50 sla slo bottleneck profiling vectorize parallel distributed allreduce checkpoint checkpoints
bias fairness privacy consent leakage imbalance sampling negative negatives hard-negative contrastive two-tower
cold-start exploration bandit thompson epsilon reward policy counterfactual ips logging position diversity novelty
""".split()
_GLUE = """
the a an and or but so we i you it this that to of in on for with by from at as is are was be would could should
will can then first next because if when while which what how about into over under than more less most very
""".split()
_RARE = [f"{a}{b}" for a in ("zeta", "kappa", "omni", "hyper", "meta", "proto") for b in ("gram", "flux", "node", "mesh", "core")]

QUERIES = [
    "latency", "ranking", "embedding", "calibration", "feature store", "guardrails", "two-tower retrieval",
    "cold-start", "distillation", "canary rollout", "p99 latency", "hard-negative sampling", "thompson", "kafka",
    "zetaflux", "omnimesh", "position bias", "offline online", "postmortem", "quantization",
]


class LatencyStats(BaseModel):
    samples: int
    median_ms: float
    p95_ms: float
    max_ms: float

    @classmethod
    def of(cls, seconds: list[float]) -> LatencyStats:
        ms = sorted(s * 1000 for s in seconds)
        return cls(
            samples=len(ms),
            median_ms=round(statistics.median(ms), 3),
            p95_ms=round(ms[min(len(ms) - 1, int(0.95 * len(ms)))], 3),
            max_ms=round(ms[-1], 3),
        )


class StoreBenchResult(BaseModel):
    sessions: int
    turns: int
    db_bytes: int
    generate_s: float = Field(description="time to build the database (0 when reused)")
    reused: bool
    search: LatencyStats = Field(description="Store.search_turns(query, limit=50) over all turns")
    search_hits_median: float
    load_session: LatencyStats = Field(description="Store.load_session(id): meta, rounds, turns, scores, notes")
    turns_per_loaded_session: float
    insert_with_reader: LatencyStats = Field(description="Store.add_turn, each committed, while another process reads")
    reader_held_snapshot: bool = Field(description="the reader's open transaction saw the same snapshot before and after")
    search_goal_ms: float = SEARCH_GOAL_MS
    load_goal_ms: float = LOAD_GOAL_MS
    insert_goal_ms: float = INSERT_GOAL_MS
    goals_met: bool
    machine: str
    sqlite_version: str

    def summary(self) -> str:
        def line(name: str, stats: LatencyStats, goal: float) -> str:
            verdict = "ok" if stats.median_ms <= goal else "OVER GOAL"
            return (f"{name:<28} median {stats.median_ms:8.2f} ms  p95 {stats.p95_ms:8.2f} ms  "
                    f"(goal <= {goal:g} ms: {verdict}, n={stats.samples})")

        return "\n".join(
            [
                f"database: {self.sessions:,} sessions, {self.turns:,} turns, {self.db_bytes / 1e6:,.0f} MB"
                + (" (reused)" if self.reused else f", generated in {self.generate_s:.1f} s"),
                line("full-text search", self.search, self.search_goal_ms) + f"  median hits {self.search_hits_median:g}",
                line("load session for review", self.load_session, self.load_goal_ms),
                line("turn insert, reader open", self.insert_with_reader, self.insert_goal_ms)
                + ("" if self.reader_held_snapshot else "  (reader lost its snapshot!)"),
                f"goals met: {'yes' if self.goals_met else 'NO'}   ({self.machine}, SQLite {self.sqlite_version})",
            ]
        )


# ----------------------------------------------------------------- generation


class _TextPool:
    """Sentences drawn once (Zipf over the vocabulary), reused to build turns fast."""

    def __init__(self, rng: random.Random, size: int = 20_000) -> None:
        vocab = _WORDS + _GLUE
        weights = [1.0 / (rank + 1) ** 1.1 for rank in range(len(_WORDS))] + [0.08] * len(_GLUE)
        rng.shuffle(vocab)  # which words are common differs by seed, not by list order
        cum: list[float] = []
        total = 0.0
        for w in weights:
            total += w
            cum.append(total)
        self.sentences = []
        for _ in range(size):
            words = rng.choices(vocab, cum_weights=cum, k=rng.randint(8, 20))
            if rng.random() < 0.01:
                words[rng.randrange(len(words))] = rng.choice(_RARE)
            sentence = " ".join(words)
            self.sentences.append(sentence[0].upper() + sentence[1:] + ".")
        self.rng = rng

    def text(self, sentences: int) -> str:
        return " ".join(self.rng.choice(self.sentences) for _ in range(sentences))


def _score(round_id: str, rng: random.Random, answer_index: int, quote: str) -> RoundScore:
    criteria = []
    for name, weight in (("problem_framing", 0.25), ("technical_depth", 0.35), ("evaluation", 0.25), ("communication", 0.15)):
        level = rng.choice([None, 1, 2, 2, 3, 3, 3, 4])
        criteria.append(
            CriterionResult(
                criterion=name, weight=weight, level=level,
                evidence=[Evidence(quote=quote, turn_index=answer_index, t_start=float(answer_index * 30))] if level else [],
                missing="Quantify the tradeoff." if level and level < 4 else "",
            )
        )
    scored = [c for c in criteria if c.level is not None]
    weighted = (sum(c.level * c.weight for c in scored) / sum(c.weight for c in scored)) if scored else None  # type: ignore[operator]
    return RoundScore(
        loop="mle-generalist", round=round_id, criteria=criteria, weighted=weighted,
        band="lean yes" if (weighted or 0) >= 2.5 else "lean no", rationale="Generated for the store benchmark.",
        scorer=ScorerIdentity(scorer="evidence", version="bench", rubric_hash="0" * 64), created_at=utc_now(),
    )


def _generate(store: Store, sessions: int, rounds_per_session: int, turns_per_round: int, rng: random.Random,
              progress: Callable[[str], None]) -> None:
    pool = _TextPool(rng)
    conn = store.conn
    candidates = [f"Candidate {i:03d}" for i in range(max(1, sessions // 50))]
    round_ids = ["coding", "ml-system-design", "ml-breadth", "behavioral", "research-deep-dive"][:max(1, rounds_per_session)]
    while len(round_ids) < rounds_per_session:
        round_ids.append(f"round-{len(round_ids)}")
    # A throwaway database: no journal while bulk loading (one write of each page, not WAL then checkpoint). Rows go in
    # by executemany, not sqlite-utils' insert_all, which the store itself uses: measured on 2026-12-05 (2 cores, busy),
    # 100,000 turn rows took 0.30 s by executemany and 1.12 s by insert_all, and this loads a million.
    conn.execute("PRAGMA journal_mode = OFF")
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("PRAGMA cache_size = -262144")
    metrics_json = DeliveryMetrics(duration_s=42.0, words=90, wpm=128.6, filler_count=3, fillers_per_min=4.3).model_dump_json()
    base = time.time() - sessions * 3600
    conn.execute("BEGIN")
    try:
        conn.executemany("INSERT INTO candidates (name, created_at) VALUES (?, ?)", [(c, utc_now()) for c in candidates])
        cand_ids = {name: cid for cid, name in conn.execute("SELECT id, name FROM candidates")}
        round_row = conn.execute("SELECT coalesce(max(id), 0) FROM rounds").fetchone()[0]
        for s in range(sessions):
            sid = uuid.UUID(int=rng.getrandbits(128), version=4).hex
            started = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(base + s * 3600)) + ".000000+00:00"
            conn.execute(
                "INSERT INTO sessions (id, candidate_id, loop, level, model, mode, config_json, status, started_at, ended_at)"
                " VALUES (?, ?, 'mle-generalist', 'senior', 'embedded', 'text', '{}', 'completed', ?, ?)",
                (sid, cand_ids[candidates[s % len(candidates)]], started, started),
            )
            turn_rows = []
            score_rows = []
            for position, rid in enumerate(round_ids):
                round_row += 1
                conn.execute(
                    "INSERT INTO rounds (id, session_id, position, round_id, persona, seed, status, started_at, ended_at)"
                    " VALUES (?, ?, ?, ?, 'staff-skeptic', ?, 'completed', ?, ?)",
                    (round_row, sid, position, rid, s, started, started),
                )
                quote = ""
                for i in range(turns_per_round):
                    asking = i % 2 == 0
                    text = pool.text(1 if asking else rng.randint(2, 4))
                    if not asking and not quote:
                        quote = text.split(".")[0]
                    turn_rows.append((
                        round_row, i, "interviewer" if asking else "candidate",
                        ("question" if i == 0 else "follow_up") if asking else "answer",
                        text, i * 30.0, i * 30.0 + 25.0, f"{rid}-q{rng.randrange(40)}", None, 0.5 if asking else None,
                        "bank" if asking else None, None, None if asking else metrics_json, started,
                    ))
                score = _score(rid, rng, 1, quote or "n/a")
                score_rows.append((round_row, score))
            conn.executemany(
                "INSERT INTO turns (round_row, idx, speaker, kind, text, t_start, t_end, question_id, criterion, latency_s,"
                " source, audio_path, metrics_json, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                turn_rows,
            )
            for row, score in score_rows:
                store._insert_score(row, score, started)
            if (s + 1) % 1000 == 0:
                progress(f"  generated {s + 1:,} / {sessions:,} sessions")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("ANALYZE")
    Database(conn)["turns"].optimize()  # merge the FTS b-trees, as a long-lived database ends up
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")


# ----------------------------------------------------------------- measurement

_READER = textwrap.dedent(
    """
    import sqlite3, sys
    conn = sqlite3.connect(sys.argv[1], isolation_level=None)
    conn.execute("BEGIN")
    before = conn.execute("SELECT count(*) FROM turns").fetchone()[0]
    print(before, flush=True)
    sys.stdin.readline()
    after = conn.execute("SELECT count(*) FROM turns").fetchone()[0]
    conn.execute("COMMIT")
    print(after, flush=True)
    """
)


def _timed(calls: Iterator[Callable[[], object]]) -> tuple[list[float], list[object]]:
    times, results = [], []
    for call in calls:
        start = time.perf_counter()
        results.append(call())
        times.append(time.perf_counter() - start)
    return times, results


def run_store_bench(
    sessions: int = 10_000,
    *,
    turns_per_round: int = 25,
    rounds_per_session: int = 4,
    path: Path | None = None,
    reuse: bool = False,
    searches: int = 60,
    loads: int = 60,
    inserts: int = 300,
    seed: int = 0,
    progress: Callable[[str], None] | None = None,
) -> StoreBenchResult:
    """Build (or reuse) a database of `sessions` sessions and time search, load and insert. See the module docstring."""
    say = progress or (lambda _line: None)
    tmpdir = None
    if path is None:
        tmpdir = Path(tempfile.mkdtemp(prefix="interview-sim-bench-"))
        path = tmpdir / "bench.db"
    path = Path(path)
    rng = random.Random(seed)
    try:
        reused = False
        generate_s = 0.0
        if path.exists() and reuse:
            with Store(path) as probe:
                reused = probe.conn.execute("SELECT count(*) FROM sessions").fetchone()[0] == sessions
        if not reused:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
            say(f"generating {sessions:,} sessions x {rounds_per_session * turns_per_round} turns into {path}")
            start = time.perf_counter()
            with Store(path) as store:
                _generate(store, sessions, rounds_per_session, turns_per_round, rng, say)
            generate_s = time.perf_counter() - start

        with Store(path) as store:
            conn = store.conn
            turns = conn.execute("SELECT count(*) FROM turns").fetchone()[0]
            ids = [r[0] for r in conn.execute("SELECT id FROM sessions")]

            say(f"timing {searches} full-text searches")
            queries = [QUERIES[i % len(QUERIES)] for i in range(searches)]
            store.search_turns(queries[0])  # open the FTS tables once
            search_times, hits = _timed(lambda q=q: store.search_turns(q, limit=50) for q in queries)

            say(f"timing {loads} session loads")
            picks = [rng.choice(ids) for _ in range(loads)]
            load_times, records = _timed(lambda sid=sid: store.load_session(sid) for sid in picks)

            say(f"timing {inserts} turn inserts while another process holds a read transaction")
            sid = store.create_session(candidate="Bench Writer", loop="mle-generalist", level=None, model="embedded",
                                       mode="text", config={})
            row = store.start_round(sid, round_id="coding", persona="friendly", seed=seed)
            reader = subprocess.Popen([sys.executable, "-c", _READER, str(path)], stdin=subprocess.PIPE,
                                      stdout=subprocess.PIPE, text=True)
            assert reader.stdout is not None and reader.stdin is not None
            before = int(reader.stdout.readline())
            pool = _TextPool(random.Random(seed + 1), size=200)
            new_turns = [
                Turn(index=i, speaker=Speaker.CANDIDATE if i % 2 else Speaker.INTERVIEWER,
                     kind=TurnKind.ANSWER if i % 2 else TurnKind.FOLLOW_UP, text=pool.text(3),
                     t_start=i * 20.0, t_end=i * 20.0 + 15.0)
                for i in range(inserts)
            ]
            insert_times, _ = _timed(lambda t=t: store.add_turn(row, t) for t in new_turns)
            reader.stdin.write("done\n")
            reader.stdin.flush()
            after = int(reader.stdout.readline())
            reader.wait(timeout=60)
            with store._write() as write:  # leave the database as generated, so `reuse` finds it again
                write.execute("DELETE FROM sessions WHERE id = ?", (sid,))
            store.checkpoint()
            db_bytes = path.stat().st_size

        search = LatencyStats.of(search_times)
        load = LatencyStats.of(load_times)
        insert = LatencyStats.of(insert_times)
        import sqlite3

        return StoreBenchResult(
            sessions=len(ids),
            turns=turns,
            db_bytes=db_bytes,
            generate_s=round(generate_s, 2),
            reused=reused,
            search=search,
            search_hits_median=statistics.median(len(h) for h in hits),  # type: ignore[arg-type]
            load_session=load,
            turns_per_loaded_session=statistics.mean(sum(len(r.turns) for r in rec.rounds) for rec in records),  # type: ignore[attr-defined]
            insert_with_reader=insert,
            reader_held_snapshot=before == after,
            goals_met=search.median_ms <= SEARCH_GOAL_MS and load.median_ms <= LOAD_GOAL_MS
            and insert.median_ms <= INSERT_GOAL_MS and before == after,
            machine=f"{platform.machine()} {os.cpu_count()} cpu, {platform.python_implementation()} {platform.python_version()}",
            sqlite_version=sqlite3.sqlite_version,
        )
    finally:
        if tmpdir is not None:
            shutil.rmtree(tmpdir, ignore_errors=True)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Benchmark the interview-sim store.")
    parser.add_argument("--sessions", type=int, default=10_000)
    parser.add_argument("--path", type=Path, help="keep the database here (default: a temp dir, deleted)")
    parser.add_argument("--reuse", action="store_true", help="reuse the database at --path if it has --sessions sessions")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    result = run_store_bench(args.sessions, path=args.path, reuse=args.reuse,
                             progress=None if args.json else lambda line: print(line, file=sys.stderr, flush=True))
    print(result.model_dump_json(indent=2) if args.json else result.summary())


if __name__ == "__main__":
    main()
