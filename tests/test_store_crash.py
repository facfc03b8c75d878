"""kill -9 of a process writing turns through Store: every turn it reported committed survives, once.

The headless-run version (kill `interview-sim run`, then `resume`) belongs with the
engine; this is the store-level guarantee that one rests on.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from simulator.engine.turns import Speaker, Turn, TurnKind
from simulator.store import Store

ROOT = Path(__file__).resolve().parents[1]

WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from simulator.engine.turns import Speaker, Turn, TurnKind
    from simulator.store import Store

    store = Store(Path(sys.argv[1]))
    sid = store.create_session(candidate="Crash Test", loop="mle-generalist", level=None, model="embedded",
                               mode="text", config={})
    row = store.start_round(sid, round_id="coding", persona="friendly", seed=3)
    print(f"session {sid} {row}", flush=True)
    for i in range(100_000):
        speaker = Speaker.INTERVIEWER if i % 2 == 0 else Speaker.CANDIDATE
        kind = TurnKind.QUESTION if i % 2 == 0 else TurnKind.ANSWER
        store.add_turn(row, Turn(index=i, speaker=speaker, kind=kind, text=f"utterance number {i} about sharding",
                                 t_start=float(i), t_end=i + 0.9))
        print(f"committed {i}", flush=True)
    """
)


def test_kill_9_mid_round_loses_no_committed_turn_and_resume_adds_no_duplicate(tmp_path: Path) -> None:
    db = tmp_path / "crash.db"
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(db)], cwd=ROOT, stdout=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert proc.stdout is not None
    header = proc.stdout.readline().split()
    assert header[0] == "session", header
    sid, row = header[1], int(header[2])
    committed: list[int] = []
    deadline = time.monotonic() + 60
    while len(committed) < 300 and time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        committed.append(int(line.split()[1]))
    os.kill(proc.pid, signal.SIGKILL)
    # Drain what it printed before dying: those turns were committed too.
    rest = proc.stdout.read()
    proc.wait(timeout=10)
    committed += [int(line.split()[1]) for line in rest.splitlines() if line.startswith("committed")]
    assert proc.returncode == -signal.SIGKILL
    assert len(committed) >= 300, "the writer was too slow to reach the kill point"

    with Store(db) as store:
        assert store.integrity_check() == "ok"
        stored = [
            r[0] for r in store.conn.execute("SELECT idx FROM turns WHERE round_row = ? ORDER BY idx", (row,))
        ]
        # every reported turn is there exactly once; at most the one in flight beyond them
        assert stored[: len(committed)] == committed == list(range(len(committed)))
        assert len(stored) - len(committed) in (0, 1)
        assert len(set(stored)) == len(stored)
        record = store.load_session(sid)
        assert record.status == "running" and sid in [s.id for s in store.unfinished_sessions()]

        # resume: the round reopens on the same row and replaying the last turns adds nothing
        again = store.start_round(sid, round_id="coding", persona="friendly", seed=3)
        assert again == row
        nxt = record.rounds[0].next_index
        for i in range(max(0, nxt - 3), nxt + 2):
            store.add_turn(again, Turn(index=i, speaker=Speaker.CANDIDATE, kind=TurnKind.ANSWER,
                                       text=f"utterance number {i} about sharding", t_start=float(i), t_end=i + 0.9))
        indexes = [t.index for t in store.load_session(sid).rounds[0].turns]
        assert indexes == list(range(nxt + 2))
        assert len(store.search_turns("sharding", limit=100_000)) == nxt + 2
