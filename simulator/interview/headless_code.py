"""Code in a headless coding answer is run against the question's hidden tests, as the app's coding panel runs it.

Why: a coding round's correctness comes from the hidden tests' notice, and only the app ran them, so a round played
with `interview-sim run` read correctness "insufficient evidence" whatever the code (played, 2026-12-05: complete,
working solutions in three rounds). A paragraph that holds code (fenced in the answers file, or typed as code, or a
query to a SQL problem) is run first, and its result is said as the notice the app says; then the paragraph is the
answer, as the app sends the code after its run.
"""

from __future__ import annotations

import asyncio
import logging
import re
import textwrap

from ..catalog import Question
from ..sandbox import run_problem
from .named_question import coded_for
from .round_session import RoundSession

log = logging.getLogger(__name__)

PYTHON_START = re.compile(r"^\s*(?:import \w|from [\w.]+ import |def \w+\(|class \w+[:(]|@\w)")  # a line that opens code
_PYTHON_LINE = re.compile(r"^(?:\s+\S|\s*$|(?:import|from|def|class|return|if|elif|else|for|while|try|except|finally|with)\b|@\w|"
                          r"[A-Za-z_][\w.\[\]]*(?:, ?[A-Za-z_][\w.\[\]]*)*\s*(?:[-+*/]?=|\())")  # "x = ...", "a, b = ...", "f(...)"
_SQL_START = re.compile(r"^\s*(?:select|with)\b", re.IGNORECASE)
# A line that goes on a query: indented, a bracket or comma, or a clause's keyword. "Does that look right?" after the
# closing fence was run as SQL ("near "Does": syntax error" in every hidden test, played blind 2026-12-07).
_SQL_LINE = re.compile(r"^(?:\s+\S|\s*$|\s*[(),]|\s*--|\s*(?:select|from|join|inner|left|right|full|cross|natural|on|and|or|not|where|"
                       r"group|having|order|limit|offset|with|union|intersect|except|case|when|then|else|end|as|by|partition|over|"
                       r"window|distinct|values|using|lateral)\b)", re.IGNORECASE)


def code_in(answer: str, sql: bool) -> str | None:
    """The code of an answer: a query from its first line that opens as one to its ";" or its last line; Python
    from a line that opens as code to the last that reads as code, the last such block of the answer, dedented (code
    indented inside prose, "Here's the code:" then a fix after "That's the bug; fixed:", is what a candidate stands
    by: played, 2026-12-06, no such paragraph ran); None when it holds none."""
    lines = answer.split("\n")
    starts = [i for i, line in enumerate(lines) if (_SQL_START if sql else PYTHON_START).match(line)]
    if not starts:
        return None
    if sql:
        end = next((i for i in range(starts[0] + 1, len(lines)) if not _SQL_LINE.match(lines[i])), len(lines))
        query = "\n".join(lines[starts[0]:end]).rstrip()
        return query[: query.find(";") + 1] if ";" in query else query
    block, start = "", 0
    while (start := next((i for i in starts if i >= start), -1)) >= 0:
        end = start + 1
        while end < len(lines) and _PYTHON_LINE.match(lines[end]):
            end += 1
        block, start = textwrap.dedent("\n".join(lines[start:end])).rstrip(), end
    return block


_TOP_LEVEL = re.compile(r"^(def|class) (\w+)", re.MULTILINE)


def _named(code: str, entrypoint: str, others: set[str]) -> str | None:
    """Code defining one function or class under another name answers for the entrypoint: a headless candidate never
    saw the starter's signature ("def groups(pairs)" for `linked_accounts` failed every hidden test on the import).
    None for code that defines another problem's entrypoint of the round and not this one's: a candidate who jumps
    ahead has answered the next problem, and its code run against this one's tests failed them all (played, thirty-
    fourth session: `top_k_queries` run against the ECE tests, 2/5 -> 0/5)."""
    found = _TOP_LEVEL.findall(code)
    names = [name for _, name in found]
    if entrypoint in names:
        return code
    theirs = any(_words(n) & _words(o) and not _words(n) & _words(entrypoint) for n in names for o in others)
    if others & set(names) or theirs:
        return None  # `top_k_queries` is the top-queries problem's, not the ECE's
    if len(found) == 1 and (found[0][0] == "class") != entrypoint[:1].isupper():
        return None  # a class beside a function's problem ("for a live stream, a small class...") is more, not the answer
    return code if len(names) != 1 else f"{code}\n\n{entrypoint} = {names[0]}\n"


def _words(name: str) -> set[str]:
    """A Python name's words of three letters or more (top_k_queries: top, queries; RiskScoreboard: risk, scoreboard)."""
    return {w.lower() for w in re.findall(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])", name) if len(w) >= 3}


async def run_hidden_tests(session: RoundSession, question: Question | None, answer: str) -> str | None:
    """Run the answer's code, if it holds any: the result as the round's notice, said after the answer (None when it
    holds none); a sandbox that fails is logged and the round goes on, as in the app."""
    if session.round.kind != "coding" or question is None or question.problem is None:
        return None
    code = code_in(answer, question.problem.sql is not None)
    if code is None:
        return None
    if question.problem.sql is None:
        # "def fraud_rings" beside NDCG is the rings problem's (played blind, 2026-12-07: run against NDCG's tests, 0/4)
        planned = [q for q in session.engine.queue.questions[:session.engine.queue.planned + 1] if q.id != question.id]
        if coded_for(code, question, planned) is not None:
            return None
        others = {q.problem.entrypoint for q in session.round.questions if q.problem and q.id != question.id}
        code = _named(code, question.problem.entrypoint, others)
        if code is None:
            return None
    try:
        result = await asyncio.to_thread(run_problem, code, question.problem)
    except Exception as exc:  # noqa: BLE001 - the answer is still given; only its run is missing
        log.warning("hidden tests could not run for %s: %s", question.id, exc)
        return None
    return result.notice_text()
