"""`interview-sim bench llm --compare`: the embedded models side by side, on quality and speed.

Quality: every development case (followup_cases.yaml: a bank question, an answer
with specific content that lacks one kind of evidence) goes through the real
round path (RoundSession: the engine plans the probe, prompts.py asks the
model, the guard checks it, the canned probe stands in when it fails), with
each embedded model in turn. For the first follow-up it counts:

- guard pass: the model's own wording was accepted;
- grounded: the follow-up names something the answer said (one of the case's anchors);
- on target: it probes the kind of evidence the answer lacks;
- one question: it ends in its only question mark.

Rates are given for what the candidate is shown (after the guard and any
canned fallback) and for the model's raw wording.

Speed: `run_llm_bench` per model (first token with the primed prefix, whole
follow-up), each beside raw llama.cpp on the same prompts in the same run.
"""

from __future__ import annotations

import asyncio
import re
import statistics
from collections.abc import Callable
from pathlib import Path

import yaml
from pydantic import BaseModel

from ..catalog import Catalog
from ..config import EMBEDDED_MODEL, LLMSettings, Settings
from ..engine.clock import SimulatedClock
from ..engine.turns import Speaker, TurnKind
from ..interview.round_session import RoundSession, TurnDiscarded, TurnDone, TurnStarted, TurnToken, speaking_seconds
from .llm import LLMBenchResult, run_llm_bench
from ..llm.client import EmbeddedRuntime, LLMClient
from ..llm.embedded_model import MODELS

CASES_FILE = Path(__file__).with_name("followup_cases.yaml")
HELDOUT_FILE = Path(__file__).with_name("followup_cases_heldout.yaml")  # written 2026-12-01 by hand, never tuned on

# What a follow-up that probes each kind of missing evidence says, in some words.
KIND_PATTERNS: dict[str, str] = {
    "impact": r"measur|metric|baseline|result|impact|improv|lift|numbers?\b|how much|by how|outcome|kpi|chang|moved?\b|compar",
    "ownership": r"you personally|your (own )?(part|role|contribution|decision|responsib|hands)|(did|do) you (yourself|own|do|decide|build|write|lead|drive)|you (yourself|owned|decided|built|wrote|led|drove)\b|what was your|which part",
    "requirements": r"requirement|scale|qps|traffic|latency (target|budget|requirement)|budget|how many|volume|constraint|\bsla\b|\bslo\b|assum|success metric|online or batch|users?\b.*(expect|serve)",
    "tradeoffs": r"alternativ|instead|other (option|approach)|trade-?off|why not|versus|\bvs\b|rather than|consider|give up|why did you (choose|pick)|compare|constraint drove",
    "monitoring": r"monitor|alert|dashboard|drift|detect|observ|watch|signal|page[sd]?\b|on-?call|threshold",
    "rollout": r"roll ?(it |this )?out|roll ?back|canary|ramp|shadow|launch|release|gradual|feature flag|guardrail|stage",
    "evaluation": r"evaluat|offline|online|metric|test set|holdout|validat|benchmark|a/b|experiment|measur|ground truth|label|slice|noise",
    # kinds the held-out sets ask about
    "product_sense": r"users?\b|customers?|merchants?|designers?|creators?|product|experience|\bneeds?\b|value|kpi|guardrail",
    "estimation": r"estimat|how many|how much|size|volume|back.of|rough|order of magnitude|cost|per (day|second)",
    "problem_framing": r"fram|label|target|objective|predict|problem|defin|success|baseline|rule|heuristic|without a model",
    "people_management": r"reports?\b|team member|engineer|coach|feedback|1:1|one.on.one|grow|career|perform|hir",
    "stakeholder_management": r"stakeholder|partner|align|disagree|convinc|product manager|\bpm\b|leadership|expectation|other (person|team|side)",
    "leadership": r"\blead|\bled\b|influenc|decid|decision|direction|drove|mentor|initiative|rall|plan\b|ambigu",
    # the rest of criteria.yaml's kinds, so that any held-out case file can be judged
    "structure": r"short version|situation|\bresult|how did (that|it) end|differently|next time|\bstar\b|summar",
    "correctness": r"return|edge case|empty|input|break|handle|correct|wrong|off.by.one|boundary",
    "code_quality": r"clean|refactor|extend|teammate|read(able|ability)|structur|naming|single function|maintain",
    "complexity": r"complexit|big.?o|\bo\(|memory|scale|ten million|how (fast|slow)|time and space|behave with",
    "testing": r"\btests?\b|testing|assert|boundary|catch|unit|edge case|verify",
    "debugging": r"reproduc|hypothes|root cause|debug|evidence|rule (it )?out|narrow|bisect|logs?\b|trace|isolat",
    "ml_fundamentals": r"why would|fail|overfit|bias|varian|labels?\b|noisy|imbalanc|loss|regulari|gradient|assum|distribution",
    "architecture": r"path|request|component|serv(e|ing)|pipeline|store|cache|feature|flow|architect|system|where (does|do|would)",
    "communication": r"explain|product manager|two sentences|assum|clarif|audience|non.?technical|summar",
    "motivation": r"\bwhy\b|products?|used|role|interest|motivat|excit|match|what draws",
    "values_alignment": r"what did you (actually )?do|who benefit|cost you|value|example|show(s|ed)? that|stand for",
}
KINDS = {"impact": "results", "ownership": "own part", "requirements": "requirements", "tradeoffs": "alternatives",
         "monitoring": "monitoring", "rollout": "rollout", "evaluation": "evaluation"}  # fmt: skip


class Case(BaseModel):
    id: str
    loop: str
    round: str
    question: str
    missing: str
    answer: str
    anchors: list[str]


class CaseResult(BaseModel):
    case: str
    missing: str
    planned: str | None  # the criterion the planner probed (None: no follow-up was planned)
    shown: str  # the follow-up the candidate saw
    source: str  # llm:... or canned
    model_text: str  # the model's own wording, before the guard
    guard_reason: str | None
    guard_pass: bool
    grounded: bool
    on_target: bool
    one_question: bool
    model_grounded: bool
    model_on_target: bool
    model_one_question: bool


class QualityFigures(BaseModel):
    cases: int
    guard_pass: float
    grounded: float
    on_target: float
    one_question: float
    planned_on_target: float  # the planner chose the missing kind (the same for every model)
    model_grounded: float
    model_on_target: float
    model_one_question: float


class ModelComparison(BaseModel):
    key: str
    title: str
    quality: QualityFigures | None = None
    speed: LLMBenchResult | None = None
    results: list[CaseResult] = []
    error: str | None = None


class CompareReport(BaseModel):
    threads: int
    requests: int
    samples: int = 1
    cases_file: str = ""
    """The cases YAML the quality rates are over (the built-in development cases or a held-out file)."""
    models: list[ModelComparison]

    def markdown(self) -> str:
        def pct(x: float) -> str:
            return f"{100 * x:.0f}%"

        lines = [
            f"| embedded model | guard pass | grounded | on target | one `?` | first token (raw llama.cpp) | whole follow-up (raw llama.cpp) |",
            "|---|---|---|---|---|---|---|",
        ]
        for m in self.models:
            if m.error:
                lines.append(f"| {m.title} | {m.error} | | | | | |")
                continue
            q, s = m.quality, m.speed
            quality = (
                f"{pct(q.guard_pass)} | {pct(q.grounded)} ({pct(q.model_grounded)}) | {pct(q.on_target)} ({pct(q.model_on_target)})"
                f" | {pct(q.one_question)} ({pct(q.model_one_question)})"
                if q else "- | - | - | -"
            )  # fmt: skip
            if s and s.raw:
                speed = (f"{s.ttft_median_s:.2f} s ({s.raw.ttft_median_s:.2f} s, x{s.ttft_ratio}) | "
                         f"{s.total_median_s:.2f} s ({s.raw.total_median_s:.2f} s, x{s.total_ratio})")  # fmt: skip
            elif s:
                speed = f"{s.ttft_median_s:.2f} s | {s.total_median_s:.2f} s"
            else:
                speed = "- | -"
            lines.append(f"| {m.title} | {quality} | {speed} |")
        n = next((m.quality.cases for m in self.models if m.quality), 0)
        planned = next((m.quality.planned_on_target for m in self.models if m.quality), None)
        lines += [
            "",
            f"{n // max(1, self.samples)} cases ({self.cases_file or CASES_FILE.name}) x {self.samples} sample(s); rates are of the follow-up shown (in brackets: the model's own wording, before the "
            "guard and the canned fallback)"
            + (f"; the planner chose the missing kind in {pct(planned)}" if planned is not None else "")
            + f". Speed: medians of {self.requests} follow-ups on {self.threads} threads, primed prefix, "
            "beside raw llama.cpp on the same prompts in the same run (ratio ours / raw).",
        ]
        return "\n".join(lines)


def load_cases(path: Path | None = None) -> list[Case]:
    data = yaml.safe_load((path or CASES_FILE).read_text(encoding="utf-8"))
    return [Case(**item) for item in data["cases"]]


# --- the measures --------------------------------------------------------------------
def _tokens(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower().replace("'s", ""))


def _same(word: str, said: str) -> bool:
    if word.isdigit() or said.isdigit():
        return word == said
    return word == said or (len(word) >= 5 and len(said) >= 5 and word[:5] == said[:5])


def names(text: str, anchor: str) -> bool:
    """Does `text` name `anchor`? Every word of it (numbers exactly, words by their first five letters)."""
    words = [w for w in _tokens(anchor) if len(w) > 1 or w.isdigit()]
    said = _tokens(text)
    return bool(words) and all(any(_same(w, s) for s in said) for w in words)


def grounded(text: str, anchors: list[str]) -> bool:
    return any(names(text, anchor) for anchor in anchors)


def on_target(text: str, kind: str) -> bool:
    return re.search(KIND_PATTERNS[kind], text, re.IGNORECASE) is not None


def one_question(text: str) -> bool:
    text = text.strip()
    return text.count("?") == 1 and text.endswith("?")


def case_anchors(case: Case, catalog: Catalog) -> list[str]:
    """The case's anchors, less any the question itself says (naming those proves no listening)."""
    question = catalog.loop(case.loop).round(case.round)
    text = next(q.text for q in question.questions if q.id == case.question)
    return [a for a in case.anchors if not names(text, a)]


# --- one case through the real round path -----------------------------------------------------
async def first_follow_up(case: Case, catalog: Catalog, llm: LLMClient | None, candidate: str = "Alex") -> CaseResult:
    loop = catalog.loop(case.loop)
    round_ = loop.round(case.round)
    clock = SimulatedClock()
    session = RoundSession(
        catalog=catalog, loop=loop, round_=round_, persona=catalog.personas[round_.persona],
        llm=llm, clock=clock, candidate=candidate, seed=1,
    )  # fmt: skip
    session.engine.fix_order([case.question])
    async for _ in session.open():
        pass
    assert session.engine.current_question is not None and session.engine.current_question.id == case.question
    start = session.engine.elapsed()
    clock.advance(speaking_seconds(case.answer))
    follow_up, streaming, model_text, reason = None, False, "", None
    async for event in session.answer(case.answer, t_start=start, t_end=session.engine.elapsed()):
        if isinstance(event, TurnStarted):
            streaming = event.kind is TurnKind.FOLLOW_UP
            model_text = ""
        elif isinstance(event, TurnToken) and streaming:
            model_text += event.text
        elif isinstance(event, TurnDiscarded) and streaming:
            if event.reason.startswith("guard"):
                reason = event.reason
            else:
                model_text = ""  # a failed route: its text is void
        elif isinstance(event, TurnDone) and event.turn.speaker is Speaker.INTERVIEWER:
            streaming = False
            if event.turn.kind is TurnKind.FOLLOW_UP and follow_up is None:
                follow_up = event.turn
    anchors = case_anchors(case, catalog)
    shown = follow_up.text if follow_up else ""
    source = follow_up.source if follow_up else "none"
    return CaseResult(
        case=case.id, missing=case.missing, planned=follow_up.criterion if follow_up else None,
        shown=shown, source=source or "", model_text=model_text.strip(), guard_reason=reason,
        guard_pass=bool(source and source.startswith("llm:")),
        grounded=grounded(shown, anchors), on_target=on_target(shown, case.missing), one_question=one_question(shown),
        model_grounded=grounded(model_text, anchors), model_on_target=on_target(model_text, case.missing),
        model_one_question=one_question(model_text),
    )  # fmt: skip


def quality(results: list[CaseResult]) -> QualityFigures:
    def rate(flag: str) -> float:
        return round(statistics.fmean(bool(getattr(r, flag)) for r in results), 3)

    return QualityFigures(
        cases=len(results),
        guard_pass=rate("guard_pass"), grounded=rate("grounded"), on_target=rate("on_target"),
        one_question=rate("one_question"),
        planned_on_target=round(statistics.fmean(r.planned == r.missing for r in results), 3),
        model_grounded=rate("model_grounded"), model_on_target=rate("model_on_target"),
        model_one_question=rate("model_one_question"),
    )  # fmt: skip


def run_quality(settings: Settings, catalog: Catalog, cases: list[Case], model: str, *, samples: int = 1,
                progress: Callable[[str], None] | None = None) -> list[CaseResult]:  # fmt: skip
    """Every case's first follow-up (`samples` times each: sampling varies) with embedded model `model`,
    through RoundSession and the guard."""
    llm_settings = LLMSettings.model_validate(
        settings.llm.model_dump() | {"model": EMBEDDED_MODEL, "embedded": model, "timeout_s": 600.0, "retries": 0}
    )
    runtime = EmbeddedRuntime(settings.models_dir, threads=settings.llm.threads, model=model,
                              log_path=settings.data_dir / "logs" / "embedded-llm.log")  # fmt: skip
    client = LLMClient(llm_settings, embedded=runtime)
    client.warm_up()

    async def main() -> list[CaseResult]:
        out = []
        for case in [c for c in cases for _ in range(samples)]:
            result = await first_follow_up(case, catalog, client, settings.interview.candidate)
            out.append(result)
            if progress:
                flags = "".join(f" {name}" for name in ("guard_pass", "grounded", "on_target") if getattr(result, name))
                progress(f"  {model} {case.id}: {result.shown!r} [{result.source}{flags}]")
        return out

    try:
        return asyncio.run(main())
    finally:
        runtime.stop()


def run_compare(
    settings: Settings,
    catalog: Catalog,
    *,
    cases: Path | None = None,
    models: list[str] | None = None,
    requests: int = 12,
    samples: int = 1,
    speed: bool = True,
    progress: Callable[[str], None] | None = None,
) -> CompareReport:
    """Quality over the cases (the development ones unless `cases` names another file) and speed beside raw llama.cpp, for each embedded model."""
    loaded = load_cases(cases)
    threads = settings.llm.threads or 2  # the goals are for 2 cores
    settings = settings.model_copy(update={"llm": settings.llm.model_copy(update={"threads": threads, "model": EMBEDDED_MODEL})})
    report = CompareReport(threads=threads, requests=requests, samples=samples, cases_file=(cases or CASES_FILE).name, models=[])
    for key in models or list(MODELS):
        spec = MODELS[key]
        entry = ModelComparison(key=key, title=spec.title)
        per_model = settings.model_copy(update={"llm": settings.llm.model_copy(update={"embedded": key})})
        try:
            if speed:
                if progress:
                    progress(f"{spec.title}: speed ({requests} follow-ups, raw llama.cpp beside each)")
                entry.speed = run_llm_bench(per_model, catalog, requests=requests, progress=progress)
            if progress:
                progress(f"{spec.title}: quality ({len(loaded)} cases x {samples})")
            entry.results = run_quality(per_model, catalog, loaded, key, samples=samples, progress=progress)
            entry.quality = quality(entry.results)
        except Exception as exc:  # noqa: BLE001 - one model missing must not hide the other's figures
            entry.error = f"{type(exc).__name__}: {exc}"[:200]
        report.models.append(entry)
    return report
