"""Sandboxed runs of candidate code against a coding problem's hidden tests (no Textual here).

`run_tests(solution, tests, entrypoint=..., limits=SandboxLimits(wall_s=...))`
blocks for up to the limit plus pytest start-up: call it from a thread worker.
"""

from .notice import NOTICE_SOURCE, TestRunNotice, parse_notice
from .problems import run_problem
from .runner import SandboxLimits, SandboxResult, TestOutcome, build_test_module, run_files, run_tests

__all__ = [
    "NOTICE_SOURCE", "SandboxLimits", "SandboxResult", "TestOutcome", "TestRunNotice", "build_test_module", "parse_notice",
    "run_files", "run_problem", "run_tests",
]
