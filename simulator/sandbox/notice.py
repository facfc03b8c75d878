"""Reading back the hidden-test notice a coding round records (the inverse of `SandboxResult.notice_text`).

Why this exists: the app records a sandbox run as an interviewer NOTICE turn with
`source="sandbox"` and the text of `SandboxResult.notice_text()`; the Turn record
has no field for structured results. Scoring must take correctness from that run,
not from what the candidate says, so the format is read here, next to the code
that writes it, and a test round-trips real `SandboxResult`s through both.

Trust: the head ("N/M hidden tests passed", the time-limit clause) is written by
the sandbox from its own counts, before any text the candidate's code controls
(failure messages), so the pass ratio comes from the head only. Per-test entries
name the failing tests as evidence. `notice_text` strips `;` and parentheses from
messages, so an entry is `name: outcome` plus an optional `(message)` followed by
`; ` or the final period, and text inside a message can never match that; when the
expected names are known (the round's problem) the entries must be exactly those,
in order, or none are used.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

NOTICE_SOURCE = "sandbox"
OUTCOMES = ("passed", "failed", "error", "skipped", "timeout", "not_run")

_HEAD = re.compile(
    r"^Hidden test results: (?P<passed>\d+)/(?P<total>\d+) hidden tests passed"
    r"(?P<timeout>; stopped after [\d.]+ s \(time limit\))?(?P<error>; (?!stopped after)[^\n]*?)?\.(?= |$)"
)
_ENTRY = re.compile(
    r"(?:(?<=\. )|(?<=; ))(?P<name>test_[a-z0-9_]+): (?P<outcome>" + "|".join(OUTCOMES) + r")(?: \([^();]*\))?(?=; |\.$)"
)


@dataclass(frozen=True)
class TestEntry:
    """One test's outcome as recorded, with the span of its entry in the notice text (for quoting)."""

    name: str
    outcome: str
    start: int
    end: int


@dataclass(frozen=True)
class TestRunNotice:
    """A recorded sandbox run: counts from the head, entries for evidence."""

    passed: int
    total: int
    timed_out: bool
    crashed: bool
    head_end: int
    entries: list[TestEntry] = field(default_factory=list)

    @property
    def ratio(self) -> float:
        return self.passed / self.total if self.total else 0.0

    @property
    def failing(self) -> list[TestEntry]:
        return [e for e in self.entries if e.outcome != "passed"]


def parse_notice(text: str, expected: Sequence[str] | None = None) -> TestRunNotice | None:
    """The run a notice describes, or None when the text is not a hidden-test notice.

    `expected`: the problem's test names in order, when known; only those are read.
    `crashed` means the run could not execute the tests at all (collection or
    import error: every test errored and none passed).
    """
    head = _HEAD.match(text)
    if head is None:
        return None
    passed, total = int(head["passed"]), int(head["total"])
    if total == 0 or passed > total:
        return None
    found = list(_ENTRY.finditer(text.rstrip(), head.end()))
    entries = [TestEntry(m["name"], m["outcome"], m.start(), m.end()) for m in found]
    if len(entries) != total or (expected is not None and [e.name for e in entries] != list(expected)):
        entries = []  # not the layout notice_text writes: keep the counts, name nothing
    crashed = head["error"] is not None and passed == 0 and all(e.outcome == "error" for e in entries)
    return TestRunNotice(
        passed=passed, total=total, timed_out=head["timeout"] is not None, crashed=crashed,
        head_end=head.end(), entries=entries,
    )  # fmt: skip

