"""A small, fixed loop (one conversation round, one coding round) for the app's tests.

Written to a temp rubrics dir so the app tests do not move when the real
rubrics are edited; the persona template is the project's own. The embedded
model is shared with the default data dir (assembled and verified once).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from simulator.config import PROJECT_ROOT, Settings
from simulator.llm.embedded_model import ensure_embedded_model

LOOP_YAML = """
kind: loop
id: demo-mle
company: Demo
role: Machine Learning Engineer
levels: [IC2, IC3]
sources:
  - {id: guide, title: Demo guide, ref: tests}
stages:
  - {id: screen, title: Screen}
  - {id: onsite, title: Onsite}
tips:
  - Lead with the measured result, then how you got it.
criteria:
  - id: impact
    title: Measured impact
    description: results with numbers and a baseline
    levels: {1: no result, 2: a vague result, 3: a number, 4: numbers against a baseline with a method}
    signals:
      - {id: number, description: a measured number, patterns: ['\\d+(\\.\\d+)?\\s*(%|percent|ms|x\\b)']}
      - {id: baseline, description: a comparison with a baseline, patterns: ['\\bfrom\\b.{1,40}\\bto\\b', '\\bbaseline\\b']}
      - {id: method, description: how it was measured, patterns: ['\\ba/?b test', '\\bexperiment']}
    scoring: {thresholds: {2: 1, 3: 2, 4: 3}}
    probes: ["What changed in numbers, and against what baseline?"]
  - id: ownership
    title: Personal ownership
    description: what the candidate personally did
    levels: {1: team only, 2: vague, 3: some own actions, 4: clear own decisions}
    signals:
      - {id: i_action, description: a first-person action, patterns: ['\\bI (built|wrote|led|owned|designed|ran|decided|chose|shipped)\\b']}
      - {id: i_decision, description: an own decision, patterns: ['\\bI (decided|chose|proposed)\\b']}
    scoring: {thresholds: {2: 1, 3: 2, 4: 3}}
    probes: ["Which part did you personally own?"]
  - id: correctness
    title: Correct code
    description: the solution passes the hidden tests
    levels: {1: fails, 2: some pass, 3: most pass, 4: all pass}
    signals:
      - {id: all_pass, description: every hidden test passed, patterns: ['(\\d+)/\\1 hidden tests passed']}
    scoring: {thresholds: {2: 1, 3: 2, 4: 3}, hidden_tests: {2: 0.2, 3: 0.65, 4: 1.0}}
    probes: ["Which inputs would break your function?"]
    after_failing_run: "Which input do you think the failing tests give it, and how would you fix it?"
  - id: complexity
    title: Complexity and edge cases
    description: time and space complexity, edge cases
    levels: {1: none, 2: one, 3: both, 4: both with tradeoffs}
    signals:
      - {id: big_o, description: states complexity, patterns: ['O\\(']}
      - {id: edge, description: names an edge case, patterns: ['\\bempty\\b', '\\bnegative\\b', '\\bedge case']}
    scoring: {thresholds: {2: 1, 3: 2, 4: 3}}
    probes: ["What is the time and space complexity, and which edge cases did you handle?"]
rounds:
  - id: hiring-manager
    title: Hiring Manager Screen
    stage: screen
    minutes: 10
    assesses: depth on past projects
    persona: demo-hm
    answer_guidance_s: [60, 180]
    questions:
      - {id: hm-project, text: "Tell me about an ML project you are proud of.", source: guide, criteria: [impact, ownership]}
      - {id: hm-failure, text: "Tell me about a model that failed in production.", source: guide, criteria: [ownership, impact]}
      - {id: hm-tradeoff, text: "Tell me about a hard tradeoff you made in an ML system.", source: guide, criteria: [impact, ownership]}
    criteria:
      - {id: impact, weight: 0.6}
      - {id: ownership, weight: 0.4}
    red_flags:
      - id: blames-others
        text: Blames teammates for the failure
        signals:
          - {id: blame, description: blame, patterns: ['\\b(their|his|her) fault\\b']}
      - id: rehearsed-script
        text: Answers sound recited from a script rather than recalled
        coach_only: true
    tips:
      - Say "I" for what you did and give the before/after number.
  - id: coding
    title: Coding & Algorithms
    stage: onsite
    minutes: 20
    kind: coding
    assesses: correct, clear code
    persona: demo-hm
    questions:
      - id: pair-sum
        text: "Write pair_sum(nums, target) returning True when two different elements add up to target."
        source: written
        criteria: [correctness, complexity]
        problem:
          entrypoint: pair_sum
          starter: |
            def pair_sum(nums, target):
                pass
          time_limit_s: 3
          tests:
            - {name: test_found, code: "assert pair_sum([1, 4, 6], 10) is True"}
            - {name: test_missing, code: "assert pair_sum([1, 4, 6], 3) is False"}
            - {name: test_same_element_twice, code: "assert pair_sum([5], 10) is False"}
    criteria:
      - {id: correctness, weight: 0.6}
      - {id: complexity, weight: 0.4}
"""

PERSONA_YAML = """
kind: persona
id: demo-hm
name: Priya
role: Engineering Manager
tone: warm but exacting
pacing: lets the candidate talk
voice: short, direct questions
max_follow_ups: 1
opening: "Hi {{ candidate }}, welcome to the {{ round }}."
closing: "That's time. Thanks {{ candidate }}."
never:
  - reveal a score
  - ask several questions at once
"""

CORRECT_PAIR_SUM = """def pair_sum(nums, target):
    seen = set()
    for n in nums:
        if target - n in seen:
            return True
        seen.add(n)
    return False
"""
WRONG_PAIR_SUM = """def pair_sum(nums, target):
    return any(a + b == target for a in nums for b in nums)
"""
LOOPING_PAIR_SUM = """def pair_sum(nums, target):
    while True:
        pass
"""


def write_catalog(root: Path) -> tuple[Path, Path]:
    rubrics = root / "rubrics"
    personas = root / "personas"
    rubrics.mkdir(parents=True, exist_ok=True)
    personas.mkdir(parents=True, exist_ok=True)
    (rubrics / "demo-mle.yaml").write_text(LOOP_YAML, encoding="utf-8")
    (personas / "demo-hm.yaml").write_text(PERSONA_YAML, encoding="utf-8")
    shutil.copytree(PROJECT_ROOT / "personas" / "templates", personas / "templates", dirs_exist_ok=True)
    return rubrics, personas


def shared_models_dir() -> Path:
    """The default data dir's models: the GGUF is assembled and hashed once, then reused by every test."""
    models = Settings().models_dir
    ensure_embedded_model(models)
    return models


def make_settings(root: Path, *, with_model: bool = False, **ui: object) -> Settings:
    rubrics, personas = write_catalog(root)
    data = root / "data"
    data.mkdir(parents=True, exist_ok=True)
    if with_model and not (data / "models").exists():
        (data / "models").symlink_to(shared_models_dir(), target_is_directory=True)
    return Settings(data_dir=data, rubrics_dir=rubrics, personas_dir=personas, ui={"theme": "textual-dark", **ui})
