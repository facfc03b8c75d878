"""Copied into the sandbox and loaded with `-p`: writes one JSON line per test outcome.

Why a plugin and not pytest's junit XML: forked children of candidate code (a
fork bomb, a stray multiprocessing pool) inherit the pytest process and would
all write the same report file. Only the process that started the session
writes here, line by line, so outcomes survive a timeout kill mid-run.
Never imported by the app itself.
"""

import json
import os

_MAIN_PID = os.getpid()
_OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "results.jsonl")


def _emit(record):
    if os.getpid() != _MAIN_PID:
        return
    with open(_OUT, "a", encoding="utf-8") as handle:
        handle.write(json.dumps(record) + "\n")


def pytest_runtest_logstart(nodeid, location):
    _emit({"event": "start", "name": nodeid.split("::")[-1], "nodeid": nodeid})


def pytest_runtest_logreport(report):
    name = report.nodeid.split("::")[-1]
    if report.when == "call" or (report.when == "setup" and not report.passed):
        message = ""
        if not report.passed:
            crash = getattr(report.longrepr, "reprcrash", None)
            message = crash.message if crash is not None else str(report.longrepr)[-400:]
        outcome = report.outcome if report.when == "call" else "error"
        _emit({"event": "result", "name": name, "nodeid": report.nodeid, "outcome": outcome, "message": message[:400],
               "duration_s": round(report.duration, 4)})


def pytest_collectreport(report):
    if report.failed:
        _emit({"event": "collect_error", "message": str(report.longrepr)[-800:]})
