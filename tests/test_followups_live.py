"""Grounded follow-ups over the development cases with the REAL embedded model (llama.cpp, through litellm).

Slow: one real generation per case. The rates are printed (pytest -s) and
asserted; how many follow-ups the model worded itself (the guard kept them)
rather than the canned probe around the anchor is printed, not asserted:

    .venv/bin/python -m pytest tests/test_followups_live.py -s
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from followup_cases import measure, names_something_said, one_question

from simulator.catalog import Catalog, load_catalog
from simulator.config import PROJECT_ROOT, LLMSettings, Settings
from simulator.interview.evidence_probe import MeaningEvidence
from simulator.llm.client import EmbeddedRuntime, LLMClient

pytestmark = pytest.mark.slow

# Generous: these tests are about behaviour, not speed (`interview-sim bench llm` measures speed).
PATIENT = 120.0


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(PROJECT_ROOT / "rubrics", PROJECT_ROOT / "personas")


@pytest.fixture(scope="module")
def embedded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedRuntime]:
    runtime = EmbeddedRuntime(Settings().models_dir, log_path=tmp_path_factory.mktemp("logs") / "llm.log")
    runtime.ensure_started()
    yield runtime
    runtime.stop()


async def test_dev_cases_with_the_embedded_model(catalog: Catalog, embedded: EmbeddedRuntime) -> None:
    llm = LLMClient(LLMSettings(timeout_s=PATIENT), embedded=embedded)
    rates, played = await measure(catalog, llm, MeaningEvidence())
    print(f"\n[embedded] {rates.line()}\n  " + "\n  ".join(rates.misses))
    for case, turn in played:
        print(f"  {case.id}: [{turn.source if turn else '-'}] {turn.text if turn else '(no follow-up)'}")
    assert rates.cases >= 20
    assert rates.grounded / rates.cases >= 0.9, rates.misses
    assert rates.on_target / rates.cases >= 0.8, rates.misses
    for case, turn in played:
        if turn is not None and (turn.source or "").startswith("llm:"):
            # What the model worded passed the guard: one question, naming something said.
            assert one_question(turn.text) and names_something_said(turn.text, case.answer, ""), (case.id, turn.text)
