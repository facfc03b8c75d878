"""The hand-in report: what was measured on the handed-in repository, as a notice turn and back.

Why a notice: the round's transcript must hold everything its score depends on,
so `rescore` gives the same levels from the stored turns alone. The app records
this text as an interviewer notice (source "hand-in"), next to the sandbox's
hidden-test notice; `parse_report` reads it back. Every word of it is written by
the app from its own counts and the rubric's ids: no text of the candidate's
goes into it, so it cannot be forged from an answer.
"""

from __future__ import annotations

import re

from pydantic import BaseModel, Field

REPORT_SOURCE = "hand-in"
MIN_ASSUMPTION_WORDS = 15
"""Fewer words than this in the assumptions file is the untouched template, not a README of assumptions."""
CODE_CHECKS = ("typed", "documented", "validates_inputs", "no_bare_except", "no_print", "short_functions", "no_stubs")
CODE_CHECK_WORDS = {
    "typed": "every public function has type hints",
    "documented": "every public function has a docstring",
    "validates_inputs": "raises on invalid input",
    "no_bare_except": "no bare except",
    "no_print": "no print calls",
    "short_functions": "functions of at most 40 lines",
    "no_stubs": "no stubs or TODOs left",
}


class HandInReport(BaseModel):
    """Counts the app measured at hand-in (the hidden tests have their own notice)."""

    take_home: str
    own_tests: int = Field(ge=0, description="test functions the candidate added")
    own_passing: int = Field(ge=0, description="of those, passing on the handed-in code")
    own_catching: int = Field(ge=0, description="of those, failing on the original code: they catch a planted bug")
    provided_runs: int = Field(ge=0, description="test runs from the app before hand-in")
    edited_provided: list[str] = Field(default_factory=list, description="provided test files the candidate changed")
    code_passed: list[str] = Field(default_factory=list)
    code_failed: list[str] = Field(default_factory=list)
    parses: bool = True
    readme_words: int = Field(ge=0)
    flagged: list[str] = Field(default_factory=list, description="planted spec/test issues ASSUMPTIONS.md flags")
    missed: list[str] = Field(default_factory=list)
    minutes_used: float = Field(ge=0)
    minutes: int = Field(gt=0)

    def notice_text(self) -> str:
        code = "the module does not parse" if not self.parses else (
            f"{len(self.code_passed)}/{len(self.code_passed) + len(self.code_failed)} passed"
            f" (failed: {', '.join(self.code_failed) or 'none'})"
        )
        edited = ", ".join(self.edited_provided) or "none"
        return (
            f"Hand-in checks for {self.take_home}. "
            f"Own tests: {self.own_tests} added, {self.own_passing} pass on the handed-in code, "
            f"{self.own_catching} fail on the original code. "
            f"Test runs before hand-in: {self.provided_runs}. "
            f"Provided tests edited: {edited}. "
            f"Code checks: {code}. "
            f"Assumptions file: {self.readme_words} words; flags: {', '.join(self.flagged) or 'none'}; "
            f"misses: {', '.join(self.missed) or 'none'}. "
            f"Time used: {self.minutes_used:.1f} of {self.minutes} minutes."
        )

    def summary_lines(self) -> list[str]:
        """For people: the same facts, one a line, with the code checks in words."""
        lines = [
            f"Own tests: {self.own_tests} added; {self.own_passing} pass on your code; "
            f"{self.own_catching} fail on the original code (they catch a planted bug).",
            f"Test runs before hand-in: {self.provided_runs}.",
        ]
        if self.edited_provided:
            lines.append(f"Provided tests you edited (the brief asked not to): {', '.join(self.edited_provided)}.")
        if not self.parses:
            lines.append("Code: the module does not parse.")
        else:
            lines += [f"Code: {'✓' if name in self.code_passed else '✗'} {CODE_CHECK_WORDS[name]}" for name in CODE_CHECKS
                      if name in self.code_passed or name in self.code_failed]  # fmt: skip
        lines.append(f"Assumptions file: {self.readme_words} words; flags {', '.join(self.flagged) or 'none'} "
                     f"of the planted issues; misses {', '.join(self.missed) or 'none'}.")  # fmt: skip
        over = self.minutes_used - self.minutes
        lines.append(f"Time: {self.minutes_used:.0f} of {self.minutes} min" + (f" ({over:.0f} min over the time box)" if over > 0.5 else ""))
        return lines


_IDS = r"(?P<{}>none|[A-Za-z0-9_./-]+(?:, [A-Za-z0-9_./-]+)*)"
_REPORT = re.compile(
    r"^Hand-in checks for (?P<take_home>[a-z0-9-]+)\. "
    r"Own tests: (?P<own>\d+) added, (?P<passing>\d+) pass on the handed-in code, (?P<catching>\d+) fail on the original code\. "
    r"Test runs before hand-in: (?P<runs>\d+)\. "
    r"Provided tests edited: " + _IDS.format("edited") + r"\. "
    r"Code checks: (?:(?P<unparsed>the module does not parse)|(?P<passed>\d+)/(?P<checks>\d+) passed \(failed: " + _IDS.format("failed") + r"\))\. "
    r"Assumptions file: (?P<words>\d+) words; flags: " + _IDS.format("flagged") + r"; misses: " + _IDS.format("missed") + r"\. "
    r"Time used: (?P<used>\d+(?:\.\d+)?) of (?P<minutes>\d+) minutes\.$"
)


def _ids(text: str | None) -> list[str]:
    return [] if text in (None, "none") else text.split(", ")


def parse_report(text: str) -> HandInReport | None:
    """The report a hand-in notice records, or None when the text is not one."""
    m = _REPORT.match(text)
    if m is None:
        return None
    failed = _ids(m["failed"])
    passed_names = [name for name in CODE_CHECKS if name not in failed] if m["passed"] else []
    return HandInReport(
        take_home=m["take_home"], own_tests=int(m["own"]), own_passing=int(m["passing"]), own_catching=int(m["catching"]),
        provided_runs=int(m["runs"]), edited_provided=_ids(m["edited"]), code_passed=passed_names, code_failed=failed,
        parses=m["unparsed"] is None, readme_words=int(m["words"]), flagged=_ids(m["flagged"]), missed=_ids(m["missed"]),
        minutes_used=float(m["used"]), minutes=int(m["minutes"]),
    )  # fmt: skip
