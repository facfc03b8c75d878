"""A small, fixed catalog for fast engine tests (independent of the evolving rubric YAML)."""

from __future__ import annotations

from simulator.catalog import Catalog, Criterion, Loop, Persona

IMPACT = Criterion.model_validate(
    {
        "id": "impact",
        "title": "Measured impact",
        "description": "measured results",
        "levels": {1: "none", 2: "vague", 3: "a number", 4: "numbers with a baseline and method"},
        "signals": [
            {"id": "number", "description": "a number", "patterns": [r"\d+(\.\d+)?\s*(%|percent|ms|x)"]},
            {"id": "baseline", "description": "a comparison", "patterns": [r"\bfrom\b.*\bto\b", r"\bbaseline\b"]},
            {"id": "method", "description": "how measured", "patterns": [r"\ba/?b test\b", r"\bexperiment\b"]},
        ],
        "probes": ["What changed in numbers, and against what baseline?"],
    }
)
OWNERSHIP = Criterion.model_validate(
    {
        "id": "ownership",
        "title": "Personal ownership",
        "description": "own actions",
        "levels": {1: "we only", 2: "vague I", 3: "some I", 4: "I throughout"},
        "signals": [
            {"id": "i_action", "description": "first-person action", "patterns": [r"\bI (built|wrote|led|owned|designed|ran|decided)\b"]},
            {"id": "i_decision", "description": "own decision", "patterns": [r"\bI (decided|chose|proposed)\b"]},
        ],
        "probes": ["Which part did you personally own?"],
    }
)
STRUCTURE = Criterion.model_validate(
    {
        "id": "structure",
        "title": "Structure",
        "description": "STAR",
        "levels": {1: "a", 2: "b", 3: "c", 4: "d"},
        "signals": [{"id": "lesson", "description": "lesson", "patterns": [r"\b(learned|lesson)\b"]}],
        "probes": ["What did you learn from it?"],
    }
)

PERSONA = Persona.model_validate(
    {
        "kind": "persona",
        "id": "hm",
        "name": "Priya",
        "role": "EM",
        "tone": "warm",
        "pacing": "steady",
        "voice": "direct",
        "max_follow_ups": 2,
        "opening": "Hi {{ candidate }}, welcome to the {{ round }}.",
        "closing": "That's time, thanks {{ candidate }}.",
        "never": ["reveal a score"],
    }
)


def make_loop(minutes: int = 30, questions: int = 4) -> Loop:
    return Loop.model_validate(
        {
            "kind": "loop",
            "id": "demo",
            "company": "Demo",
            "role": "MLE",
            "levels": ["IC2", "IC3"],
            "sources": [{"id": "guide", "title": "Guide", "ref": "x"}],
            "stages": [{"id": "onsite", "title": "Onsite"}],
            "rounds": [
                {
                    "id": "hm",
                    "title": "Hiring Manager Screen",
                    "stage": "onsite",
                    "minutes": minutes,
                    "assesses": "project depth",
                    "persona": "hm",
                    "questions": [
                        {
                            "id": f"q{i}",
                            "text": f"Question number {i}: tell me about project {i}?",
                            "source": "guide",
                            "criteria": ["impact", "ownership", "structure"],
                            **({"levels": ["IC3"]} if i == questions - 1 else {}),
                        }
                        for i in range(questions)
                    ],
                    "criteria": [
                        {"id": "impact", "weight": 0.4, "probes": ["How did you measure the improvement?"]},
                        {"id": "ownership", "weight": 0.35},
                        {"id": "structure", "weight": 0.25},
                    ],
                }
            ],
        }
    )


def make_catalog(minutes: int = 30, questions: int = 4) -> Catalog:
    loop = make_loop(minutes, questions)
    return Catalog(
        loops={loop.id: loop},
        personas={PERSONA.id: PERSONA},
        criteria={c.id: c for c in (IMPACT, OWNERSHIP, STRUCTURE)},
    )
