"""Run a candidate's Python solution against hidden pytest tests in a sandboxed subprocess.

Headless (no Textual): the app calls `run_tests` from a thread worker. Why a
subprocess and not exec(): candidate code may loop forever, allocate 10 GB,
fork-bomb, open sockets or write anywhere; the interviewer app must survive all
of it. What is enforced is measured in the child and returned in
`SandboxResult.enforced`, so the report never claims more than happened.
"""

from __future__ import annotations

import json
import math
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Sequence
from functools import partial
from pathlib import Path
from typing import Literal, Protocol

from pydantic import BaseModel, Field

from .isolation import ChildPlan, apply_in_child, kill_cgroup, make_pids_cgroup

PLUGIN_SOURCE = Path(__file__).with_name("plugin.py")
PLUGIN_MODULE = "_isim_results"
"""The plugin's module name in the work dir: loaded with `-p`, so a repository's own conftest.py stays its own."""
Outcome = Literal["passed", "failed", "error", "skipped", "timeout", "not_run"]

SITECUSTOMIZE = '''\
"""Sandbox fallback network block: refuses IP connections even when no network namespace could be made."""
import socket as _socket

_real_connect = _socket.socket.connect
_real_connect_ex = _socket.socket.connect_ex


def _refuse(self, address, *args):
    if self.family in (_socket.AF_INET, _socket.AF_INET6):
        raise PermissionError(13, "network access is disabled in the sandbox")
    return _real_connect(self, address, *args)


def _refuse_ex(self, address, *args):
    if self.family in (_socket.AF_INET, _socket.AF_INET6):
        return 13
    return _real_connect_ex(self, address, *args)


_socket.socket.connect = _refuse
_socket.socket.connect_ex = _refuse_ex
'''


class TestSpec(Protocol):
    """A hidden test: the catalog's `TestCase` fits (name `test_*`, code)."""

    name: str
    code: str


class SandboxLimits(BaseModel):
    """Limits for one run. `wall_s` is the problem's time limit; pytest's own start-up gets `startup_grace_s`."""

    wall_s: float = Field(10.0, gt=0, le=600)
    startup_grace_s: float = Field(6.0, ge=0, le=60)
    memory_bytes: int = Field(1 << 30, gt=64 << 20, description="address space (RLIMIT_AS)")
    max_processes: int = Field(32, ge=4, description="RLIMIT_NPROC for the sandbox user")
    file_size_bytes: int = Field(16 << 20, gt=0, description="largest file the code may write (RLIMIT_FSIZE)")
    isolate_network: bool = True
    isolate_tmp: bool = True

    @property
    def deadline_s(self) -> float:
        return self.wall_s + self.startup_grace_s


class TestOutcome(BaseModel):
    name: str
    outcome: Outcome
    message: str = ""
    duration_s: float | None = None


class SandboxResult(BaseModel):
    """What the candidate sees and what is recorded in the round."""

    status: Literal["passed", "failed", "timeout", "error"]
    tests: list[TestOutcome]
    wall_s: float
    timed_out: bool
    returncode: int | None
    message: str = ""
    output_tail: str = ""
    enforced: list[str] = Field(default_factory=list, description="isolation steps that took effect in the child")
    not_enforced: list[str] = Field(default_factory=list, description="what this run could not enforce")

    @property
    def passed(self) -> int:
        return sum(t.outcome == "passed" for t in self.tests)

    @property
    def total(self) -> int:
        return len(self.tests)

    def summary(self) -> str:
        head = f"{self.passed}/{self.total} hidden tests passed"
        if self.timed_out:
            head += f"; stopped after {self.wall_s:.1f} s (time limit)"
        elif self.status == "error":
            head += f"; {self.message}"
        return head

    def notice_text(self) -> str:
        """The notice turn recorded in the round, so scoring's correctness criterion sees the result.

        Failure messages come from the candidate's code (an exception text can say
        anything), so `;` and parentheses are replaced in them: the entries stay
        unambiguous for `notice.parse_notice`, and a crafted message cannot pose
        as another test's entry.
        """
        head = f"{self.passed}/{self.total} hidden tests passed"
        if self.timed_out:
            head += f"; stopped after {self.wall_s:.1f} s (time limit)"
        elif self.status == "error":
            head += f"; {_plain(self.message)}"
        parts = [f"Hidden test results: {head}."]
        for test in self.tests:
            line = f"{test.name}: {test.outcome}"
            if test.outcome != "passed" and test.message:
                line += f" ({_plain(test.message.splitlines()[0][:120])})"
            parts.append(line)
        return " ".join(parts[:1]) + (" " + "; ".join(parts[1:]) + "." if parts[1:] else "")


def _plain(text: str) -> str:
    """Candidate-controlled text made safe for the notice's `name: outcome (message); ...` layout."""
    return text.replace(";", ",").replace("(", "[").replace(")", "]").replace("\n", " ")


def build_test_module(tests: Sequence[TestSpec], entrypoint: str | None = None) -> str:
    """One test file: imports the solution, then each test (a full `def test_x` or just its body)."""
    lines = ["import pytest", "from solution import *  # noqa: F401,F403", "import solution"]
    if entrypoint:
        lines.append(f"from solution import {entrypoint}")
    lines.append("")
    for test in tests:
        code = textwrap.dedent(test.code).strip("\n")
        if f"def {test.name}(" not in code:
            code = f"def {test.name}():\n" + textwrap.indent(code, "    ")
        lines += ["", code, ""]
    return "\n".join(lines)


def _kill_session(pgid: int) -> None:
    """Kill the run's process group and anything else still in its session (orphans of a fork bomb)."""
    try:
        os.killpg(pgid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if len(fields) > 3 and int(fields[3]) == pgid:  # fields[3] = session id
            try:
                os.kill(int(entry.name), signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass


def _read_results(path: Path, *, by_nodeid: bool = False) -> tuple[dict[str, TestOutcome], str | None, str]:
    """Outcomes keyed by test name (hidden tests), or by pytest node id (a repository's own tests), in run order."""
    results: dict[str, TestOutcome] = {}
    running: str | None = None
    collect_error = ""
    if not path.is_file():
        return results, running, collect_error
    key = "nodeid" if by_nodeid else "name"
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        try:
            rec = json.loads(line)
        except json.JSONDecodeError:
            continue
        if not isinstance(rec, dict):
            continue
        if rec.get("event") == "start":
            running = str(rec.get(key))
        elif rec.get("event") == "result":
            name = str(rec.get(key))
            outcome = rec.get("outcome") if rec.get("outcome") in ("passed", "failed", "skipped", "error") else "error"
            results[name] = TestOutcome(
                name=name, outcome=outcome, message=str(rec.get("message", "")), duration_s=rec.get("duration_s")
            )
            if running == name:
                running = None
        elif rec.get("event") == "collect_error":
            collect_error = str(rec.get("message", ""))
    return results, running, collect_error


def unenforced(enforced: list[str], is_root: bool) -> list[str]:
    """In words, what this run could not enforce (the sandbox's honest small print)."""
    missing = []
    if "network-namespace" not in enforced:
        missing.append("network namespace: only the sitecustomize socket block applies (bypassable)")
    if "private-filesystem" not in enforced:
        missing.append("read-only filesystem: writes are limited only by file permissions")
    if "pids-cgroup" not in enforced and "rlimit-processes" not in enforced:
        missing.append("process limit: a fork bomb is stopped only by the time limit")
    if "rlimit-address-space" not in enforced:
        missing.append("memory limit")
    if is_root:
        missing.append("no PID namespace: code running as root could signal other root processes")
    return missing


def _first_error_line(text: str) -> str:
    for line in reversed(text.splitlines()):
        line = line.strip()
        if line.startswith("E ") or "Error" in line:
            return line.lstrip("E ").strip()[:200]
    return text.strip().splitlines()[-1][:200] if text.strip() else "could not collect the tests"


def run_tests(
    solution: str,
    tests: Sequence[TestSpec],
    *,
    entrypoint: str | None = None,
    limits: SandboxLimits | None = None,
    python: str | None = None,
) -> SandboxResult:
    """Blocking: write solution.py and the tests to a fresh temp dir and run pytest there under limits."""
    files = {"solution.py": solution, "test_solution.py": build_test_module(tests, entrypoint)}
    return run_files(files, tests, target="test_solution.py", limits=limits, python=python)


def run_files(
    files: dict[str, str],
    tests: Sequence[TestSpec] | None,
    *,
    target: str,
    limits: SandboxLimits | None = None,
    python: str | None = None,
) -> SandboxResult:
    """Blocking: write `files` (relative path -> text) to a fresh temp dir and run pytest on `target` under limits.

    `tests`: the hidden tests expected to run, reported in that order (one not run
    says so); None reports whatever the files' own test suite ran, by node id (a
    take-home repository's provided and added tests).
    """
    limits = limits or SandboxLimits()
    python = python or sys.executable
    root = Path(tempfile.mkdtemp(prefix="isim-sandbox-"))
    work = root / "work"
    work.mkdir()
    (work / "tmp").mkdir()
    for relative, text in files.items():
        if Path(relative).is_absolute() or ".." in Path(relative).parts:
            raise ValueError(f"file path {relative!r} must stay inside the sandbox")
        path = work / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (work / f"{PLUGIN_MODULE}.py").write_text(PLUGIN_SOURCE.read_text(encoding="utf-8"), encoding="utf-8")
    (work / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    (work / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    is_root = os.geteuid() == 0
    cgroup = make_pids_cgroup(root.name, limits.max_processes) if is_root else None
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(work),
        "TMPDIR": str(work / "tmp"),
        "PYTHONPATH": str(work),
        "PYTHONDONTWRITEBYTECODE": "1",
        "PYTHONHASHSEED": "0",
        "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1",
        "LANG": "C.UTF-8",
        "http_proxy": "http://127.0.0.1:9",
        "https_proxy": "http://127.0.0.1:9",
        "HTTP_PROXY": "http://127.0.0.1:9",
        "HTTPS_PROXY": "http://127.0.0.1:9",
        "no_proxy": "",
    }
    status_r, status_w = os.pipe()
    plan = ChildPlan(
        workdir=str(work),
        cpu_s=math.ceil(limits.deadline_s) + 1,
        address_space_bytes=limits.memory_bytes,
        file_size_bytes=limits.file_size_bytes,
        max_processes=limits.max_processes,
        cgroup_procs=str(cgroup / "cgroup.procs") if cgroup else None,
        want_netns=limits.isolate_network,
        want_mountns=limits.isolate_tmp,
        status_fd=status_w,
    )
    cmd = [python, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", PLUGIN_MODULE, "--rootdir", str(work), target]
    output_path = root / "output.txt"
    started = time.monotonic()
    timed_out = False
    returncode: int | None = None
    try:
        with output_path.open("wb") as output:
            proc = subprocess.Popen(
                cmd, cwd=work, env=env, stdin=subprocess.DEVNULL, stdout=output, stderr=subprocess.STDOUT,
                start_new_session=True, preexec_fn=partial(apply_in_child, plan), pass_fds=(status_w,),
            )  # fmt: skip
            os.close(status_w)
            status_w = -1
            try:
                returncode = proc.wait(timeout=limits.deadline_s)
            except subprocess.TimeoutExpired:
                timed_out = True
            finally:
                if cgroup is not None:
                    kill_cgroup(cgroup)
                _kill_session(proc.pid)
                if timed_out:
                    proc.wait()
        wall = time.monotonic() - started
        with os.fdopen(status_r, "rb") as status:
            enforced = status.read().decode(errors="replace").split()
        status_r = -1
        output_text = output_path.read_text(encoding="utf-8", errors="replace")
        results, running, collect_error = _read_results(work / "results.jsonl", by_nodeid=tests is None)
    finally:
        for fd in (status_r, status_w):
            if fd >= 0:
                os.close(fd)
        shutil.rmtree(root, ignore_errors=True)
        if cgroup is not None and cgroup.exists():
            kill_cgroup(cgroup)
    outcomes: list[TestOutcome] = []
    for name in [t.name for t in tests] if tests is not None else list(results):
        if name in results:
            outcomes.append(results[name])
        elif timed_out and running == name:
            outcomes.append(TestOutcome(name=name, outcome="timeout", message=f"killed after {limits.wall_s:g} s time limit"))
        else:
            outcomes.append(TestOutcome(name=name, outcome="not_run", message="not run"))
    if tests is None and timed_out and running is not None and running not in results:
        outcomes.append(TestOutcome(name=running, outcome="timeout", message=f"killed after {limits.wall_s:g} s time limit"))
    message = ""
    if timed_out:
        status = "timeout"
        message = f"time limit {limits.wall_s:g} s exceeded; the run was killed"
    elif collect_error or (not results and returncode not in (0, None)):
        status = "error"
        message = _first_error_line(collect_error or output_text)
        outcomes = [t if t.outcome != "not_run" else t.model_copy(update={"outcome": "error", "message": message}) for t in outcomes]
    elif all(t.outcome == "passed" for t in outcomes):
        status = "passed"
    else:
        status = "failed"
    not_enforced = unenforced(enforced, is_root)
    return SandboxResult(
        status=status, tests=outcomes, wall_s=round(wall, 3), timed_out=timed_out, returncode=returncode,
        message=message, output_tail=output_text[-2000:], enforced=enforced, not_enforced=not_enforced,
    )  # fmt: skip
