"""The coding-round sandbox: real subprocess runs of candidate code under limits.

Each hostile case asserts two things: the run comes back (within the time
limit, with a per-test report saying why) and the host was not touched.
"""

from __future__ import annotations

import os
import socket
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest

from simulator.sandbox import SandboxLimits, run_tests


@dataclass
class Case:
    name: str
    code: str


ADD_TESTS = [
    Case("test_small", "assert add(1, 2) == 3"),
    Case("test_negative", "assert add(-4, 1) == -3"),
    Case("test_full_def", "def test_full_def():\n    assert add(0, 0) == 0\n"),
]
LIMITS = SandboxLimits(wall_s=3.0, startup_grace_s=6.0)


def test_correct_solution_passes_every_test() -> None:
    result = run_tests("def add(a, b):\n    return a + b\n", ADD_TESTS, entrypoint="add", limits=LIMITS)
    assert result.status == "passed", result.output_tail
    assert [t.outcome for t in result.tests] == ["passed"] * 3
    assert result.notice_text().startswith("Hidden test results: 3/3 hidden tests passed")


def test_incorrect_solution_fails_with_per_test_results() -> None:
    result = run_tests("def add(a, b):\n    return a + b if a > 0 else 0\n", ADD_TESTS, entrypoint="add", limits=LIMITS)
    assert result.status == "failed"
    outcomes = {t.name: t.outcome for t in result.tests}
    assert outcomes == {"test_small": "passed", "test_negative": "failed", "test_full_def": "passed"}
    failed = next(t for t in result.tests if t.name == "test_negative")
    assert "-3" in failed.message  # pytest's assertion rewrite shows the compared values
    assert "test_negative: failed" in result.notice_text()


def test_syntax_error_is_reported_not_raised() -> None:
    result = run_tests("def add(a, b)\n    return a + b\n", ADD_TESTS, entrypoint="add", limits=LIMITS)
    assert result.status == "error"
    assert all(t.outcome == "error" for t in result.tests)
    assert "SyntaxError" in result.message or "invalid syntax" in result.message.lower() or "expected" in result.message


def test_infinite_loop_is_killed_and_reported() -> None:
    tests = [Case("test_small", "assert add(1, 2) == 3"), Case("test_loops", "add(0, 0)")]
    solution = "def add(a, b):\n    while a == 0:\n        pass\n    return a + b\n"
    limits = SandboxLimits(wall_s=2.0, startup_grace_s=4.0)
    result = run_tests(solution, tests, entrypoint="add", limits=limits)  # returns at all: the loop was killed
    assert result.timed_out and result.status == "timeout"
    assert {t.name: t.outcome for t in result.tests} == {"test_small": "passed", "test_loops": "timeout"}
    assert "time limit" in result.summary()


def _sandbox_processes_left(marker: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if marker in (entry / "cmdline").read_bytes().decode(errors="ignore"):
                    found.append(int(entry.name))
            except OSError:
                pass
    return found


def test_fork_bomb_is_stopped_and_cleaned_up() -> None:
    bomb = (
        "import os\n"
        "def add(a, b):\n"
        "    while True:\n"
        "        os.fork()\n"
    )
    tests = [Case("test_bomb", "add(1, 2)")]
    limits = SandboxLimits(wall_s=2.0, startup_grace_s=4.0, max_processes=16)
    result = run_tests(bomb, tests, entrypoint="add", limits=limits)
    assert result.status in ("failed", "timeout")
    assert result.tests[0].outcome in ("failed", "timeout")
    if result.tests[0].outcome == "failed":  # the process limit refused a fork
        assert "Resource temporarily unavailable" in result.tests[0].message or "BlockingIOError" in result.tests[0].message
    assert "pids-cgroup" in result.enforced or "rlimit-processes" in result.enforced
    time.sleep(0.2)
    assert not _sandbox_processes_left("isim-sandbox-"), "sandbox processes survived the run"


def test_ten_gigabyte_allocation_is_refused() -> None:
    hog = "def add(a, b):\n    block = bytearray(10 * 1024 ** 3)\n    return len(block)\n"
    result = run_tests(hog, [Case("test_hog", "add(1, 2)")], entrypoint="add", limits=LIMITS)
    assert result.status == "failed"
    assert "MemoryError" in result.tests[0].message
    assert "rlimit-address-space" in result.enforced


def test_network_connection_is_blocked() -> None:
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    server.settimeout(0.2)
    port = server.getsockname()[1]
    accepted: list[object] = []
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                accepted.append(server.accept())
            except OSError:
                pass

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    code = (
        "import socket\n"
        "def add(a, b):\n"
        f"    socket.create_connection(('127.0.0.1', {port}), timeout=2).sendall(b'leak')\n"
        "    return a + b\n"
    )
    try:
        result = run_tests(code, [Case("test_net", "assert add(1, 2) == 3")], entrypoint="add", limits=LIMITS)
    finally:
        stop.set()
        thread.join()
        server.close()
    assert result.status == "failed"
    assert not accepted, "the sandbox reached a socket on the host"
    assert any(word in result.tests[0].message for word in ("unreachable", "disabled", "refused", "Network"))
    assert "network-namespace" in result.enforced


def test_writes_outside_the_work_dir_are_blocked() -> None:
    outside = Path(tempfile.mkdtemp(dir=Path.home(), prefix="isim-escape-"))
    target = outside / "escaped.txt"
    tmp_target = Path("/tmp") / f"isim-escape-{uuid.uuid4().hex}.txt"
    code = (
        "from pathlib import Path\n"
        "def add(a, b):\n"
        f"    Path({str(tmp_target)!r}).write_text('private tmp')\n"
        "    Path('inside.txt').write_text('allowed')\n"
        f"    Path({str(target)!r}).write_text('escaped')\n"
        "    return a + b\n"
    )
    try:
        result = run_tests(code, [Case("test_write", "assert add(1, 2) == 3")], entrypoint="add", limits=LIMITS)
        assert result.status == "failed"
        assert "Read-only file system" in result.tests[0].message or "Permission denied" in result.tests[0].message
        assert not target.exists()
        assert not tmp_target.exists(), "a /tmp write inside the sandbox reached the host's /tmp"
        assert "private-filesystem" in result.enforced
    finally:
        target.unlink(missing_ok=True)
        tmp_target.unlink(missing_ok=True)
        os.rmdir(outside)


@pytest.mark.parametrize("limit", [SandboxLimits(wall_s=1.0, isolate_network=False, isolate_tmp=False)])
def test_without_namespaces_the_small_print_says_so(limit: SandboxLimits) -> None:
    result = run_tests("def add(a, b):\n    return a + b\n", ADD_TESTS[:1], entrypoint="add", limits=limit)
    assert result.status == "passed"
    assert any("network namespace" in line for line in result.not_enforced)
    assert any("read-only filesystem" in line for line in result.not_enforced)
