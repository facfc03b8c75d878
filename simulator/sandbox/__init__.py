"""Sandboxed runs of candidate code against a coding problem's hidden tests (no Textual here).

`run_tests(solution, tests, entrypoint=..., limits=SandboxLimits(wall_s=...))`
blocks for up to the limit plus pytest start-up: call it from a thread worker.
"""

from .runner import SandboxLimits, SandboxResult, TestOutcome, build_test_module, run_tests

__all__ = ["SandboxLimits", "SandboxResult", "TestOutcome", "build_test_module", "run_tests"]
