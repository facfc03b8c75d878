"""Every validation error the catalog promises, checked as the exact `FILE:LINE: field.path: message` line.

A team editing a rubric relies on the line number to find the mistake, so each
test edits one known line of a small valid catalog (written out literally below,
with `edit` asserting the line's old text) and expects that line number back from
`interview-sim rubric validate`. The catalog lives in a tmp dir and is passed
with the global `--rubrics`/`--personas` flags, so the repo's own YAML (being
written by others) never affects these tests.
"""

from __future__ import annotations

import os

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from simulator.catalog import collect
from simulator.cli import main

REPO = Path(__file__).resolve().parents[1]

# Line numbers in the comments on the right are the ones the tests below expect.
LOOP = r"""kind: loop
id: acme-mle
company: Acme
role: Machine Learning Engineer
sources:
  - id: guide
    title: Acme MLE guide
    ref: seeds/acme.md
stages:
  - id: screen
    title: Initial Screen
  - id: onsite
    title: Onsite
criteria:
  - id: correctness
    title: Correctness
    description: The code passes the tests.
    levels:
      1: does not run
      2: runs, fails most tests
      3: passes most tests
      4: passes every test, edge cases included
    signals:
      - id: mentions_tests
        description: talks about testing the code
        patterns: ['\btests?\b', 'edge cases?']
rounds:
  - id: hiring-manager
    title: Hiring Manager Screen
    stage: screen
    minutes: 30
    assesses: past projects and ownership
    persona: hiring-manager
    questions:
      - id: proud-project
        text: Tell me about a project you are proud of.
        source: guide
        criteria: [impact, ownership]
    criteria:
      - id: impact
        weight: 0.5
      - id: ownership
        weight: 0.5
  - id: coding
    title: Coding & Algorithms
    stage: onsite
    minutes: 45
    kind: coding
    assesses: clean, correct code
    persona: hiring-manager
    questions:
      - id: two-sum
        text: Return the indices of the two numbers that add up to the target.
        source: written
        criteria: [correctness]
        problem:
          entrypoint: two_sum
          starter: "def two_sum(nums, target):\n    pass\n"
          tests:
            - name: test_basic
              code: "assert two_sum([1, 2], 3) == [0, 1]"
    criteria:
      - id: correctness
        weight: 1.0
"""

PERSONA = """kind: persona
id: hiring-manager
name: Priya
role: Engineering Manager, Machine Learning
tone: warm but exacting
pacing: one detail at a time
voice: short, direct questions
max_follow_ups: 2
opening: "Hi {{ candidate }}, I'm Priya. In this {{ round }} we go deep on your projects."
closing: "That's time. Thanks {{ candidate }}."
never:
  - give the answer
  - reveal a score
  - ask several questions at once
template: interviewer.j2
"""


def edit(text: str, line: int, old: str, new: str) -> str:
    """Replace line `line` (1-based), which must read `old`, by `new`: keeps every other line number."""
    lines = text.split("\n")
    assert lines[line - 1] == old, f"fixture line {line} is {lines[line - 1]!r}, not {old!r}"
    lines[line - 1] = new
    return "\n".join(lines)


def delete(text: str, first: int, last: int, first_old: str) -> str:
    """Remove lines first..last (1-based, inclusive); `first_old` guards against a stale line number."""
    lines = text.split("\n")
    assert lines[first - 1] == first_old, f"fixture line {first} is {lines[first - 1]!r}"
    del lines[first - 1 : last]
    return "\n".join(lines)


@dataclass
class CatalogDirs:
    """A small valid catalog in a tmp dir: the repo's criteria and template, our loop and persona."""

    rubrics: Path
    personas: Path

    @property
    def loop(self) -> Path:
        return self.rubrics / "acme-mle.yaml"

    @property
    def persona(self) -> Path:
        return self.personas / "hiring-manager.yaml"

    @property
    def templates(self) -> Path:
        return self.personas / "templates"


@pytest.fixture(autouse=True)
def isolated_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No user config file or INTERVIEW_SIM_* variable of the machine may change what is validated."""
    import os

    for name in list(os.environ):
        if name.upper().startswith("INTERVIEW_SIM_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("INTERVIEW_SIM_CONFIG", os.devnull)  # no config file, on purpose


@pytest.fixture
def cat(tmp_path: Path) -> CatalogDirs:
    dirs = CatalogDirs(tmp_path / "rubrics", tmp_path / "personas")
    dirs.rubrics.mkdir()
    shutil.copy(REPO / "rubrics" / "criteria.yaml", dirs.rubrics / "criteria.yaml")
    shutil.copytree(REPO / "personas" / "templates", dirs.templates)
    dirs.loop.write_text(LOOP, encoding="utf-8")
    dirs.persona.write_text(PERSONA, encoding="utf-8")
    return dirs


def validate(cat: CatalogDirs, *paths: Path) -> Result:
    """`interview-sim --rubrics R --personas P rubric validate [PATH...]`, as a user would type it."""
    args = ["--rubrics", str(cat.rubrics), "--personas", str(cat.personas), "rubric", "validate", *map(str, paths)]
    return CliRunner().invoke(main, args)


def assert_problems(result: Result, expected: list[str]) -> None:
    """Exit 1 and exactly these lines on stdout, in the sorted order the validator prints."""
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.stdout.splitlines() == expected
    assert result.exit_code == 1


def test_valid_catalog_exits_0_and_prints_no_problem(cat: CatalogDirs) -> None:
    result = validate(cat)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert "ok: 3 file(s), 1 loop(s), 1 persona(s)" in result.stderr
    catalog, problems = collect([cat.rubrics, cat.personas])
    assert problems == []
    assert [r.id for r in catalog.loops["acme-mle"].rounds] == ["hiring-manager", "coding"]


# --- unknown keys and missing fields ---------------------------------------------------------


def test_unknown_top_level_key(cat: CatalogDirs) -> None:
    cat.loop.write_text(LOOP + "colour: blue\n")  # line 65, after the last line of LOOP
    assert_problems(validate(cat), [f"{cat.loop}:65: colour: unknown key"])


def test_misspelt_nested_key_is_unknown_and_the_real_one_missing_at_its_parent(cat: CatalogDirs) -> None:
    cat.loop.write_text(edit(LOOP, 41, "        weight: 0.5", "        wieght: 0.5"))
    assert_problems(
        validate(cat),
        [
            f"{cat.loop}:40: rounds.0.criteria.0.weight: Field required",
            f"{cat.loop}:41: rounds.0.criteria.0.wieght: unknown key",
        ],
    )


def test_unknown_key_in_persona(cat: CatalogDirs) -> None:
    cat.persona.write_text(edit(PERSONA, 8, "max_follow_ups: 2", "max_followups: 2"))
    assert_problems(validate(cat), [f"{cat.persona}:8: max_followups: unknown key"])


def test_a_follow_up_lead_without_the_anchor_is_located(cat: CatalogDirs) -> None:
    cat.persona.write_text(PERSONA + 'anchor_leads: ["You mentioned {anchor}:", "Going back to it:"]\n')
    result = validate(cat)
    assert result.exit_code == 1 and result.stdout.startswith(f"{cat.persona}:16: anchor_leads: "), result.stdout
    assert "'Going back to it:'" in result.stdout and '"{anchor}"' in result.stdout


def test_a_question_after_failing_runs_needs_a_criterion_read_from_the_runs(cat: CatalogDirs) -> None:
    loop = edit(LOOP, 26, "        patterns: ['\\btests?\\b', 'edge cases?']",
                "        patterns: ['\\btests?\\b', 'edge cases?']\n    after_failing_run: Which input breaks it?")
    cat.loop.write_text(loop)
    result = validate(cat)
    assert result.exit_code == 1 and result.stdout.startswith(f"{cat.loop}:15: criteria.0: "), result.stdout
    assert "after_failing_run needs scoring.hidden_tests" in result.stdout


def test_missing_top_level_field_is_located_at_the_top_mapping(cat: CatalogDirs) -> None:
    cat.loop.write_text(edit(LOOP, 3, "company: Acme", "# company: forgotten"))
    assert_problems(validate(cat), [f"{cat.loop}:1: company: Field required"])


def test_missing_nested_field_is_located_at_its_parent_mapping(cat: CatalogDirs) -> None:
    cat.loop.write_text(edit(LOOP, 36, "        text: Tell me about a project you are proud of.", "        # no text"))
    assert_problems(validate(cat), [f"{cat.loop}:35: rounds.0.questions.0.text: Field required"])


# --- duplicate ids -----------------------------------------------------------------------------


def test_duplicate_round_id(cat: CatalogDirs) -> None:
    cat.loop.write_text(edit(LOOP, 44, "  - id: coding", "  - id: hiring-manager"))
    assert_problems(validate(cat), [f"{cat.loop}:44: rounds.1.id: duplicate id 'hiring-manager'"])


def test_duplicate_question_id_across_rounds_of_a_loop(cat: CatalogDirs) -> None:
    cat.loop.write_text(edit(LOOP, 52, "      - id: two-sum", "      - id: proud-project"))
    assert_problems(validate(cat), [f"{cat.loop}:52: rounds.1.questions.0.id: duplicate id 'proud-project'"])


def test_duplicate_criterion_in_a_round(cat: CatalogDirs) -> None:
    cat.loop.write_text(edit(LOOP, 42, "      - id: ownership", "      - id: impact"))
    assert_problems(
        validate(cat),
        [
            f"{cat.loop}:38: rounds.0.questions.0.criteria.1: criterion 'ownership' is not scored in round 'hiring-manager'",
            f"{cat.loop}:42: rounds.0.criteria.1.id: duplicate id 'impact'",
        ],
    )


def test_duplicate_stage_source_and_value_ids(cat: CatalogDirs) -> None:
    text = edit(LOOP, 8, "    ref: seeds/acme.md", "    ref: seeds/acme.md\n  - id: guide\n    title: again\n    ref: x.md")
    # Lines 9-11 are the second `guide`; everything below moved down by 3 (the `onsite` stage is on line 15).
    text = edit(text, 15, "  - id: onsite", "  - id: screen")
    text = edit(text, 49, "    stage: onsite", "    stage: screen")
    cat.loop.write_text(
        text
        + """values:
  - id: be-a-good-human
    name: Be a good human
    description: kind and fair
  - id: be-a-good-human
    name: Be a good human, again
    description: twice
"""
    )  # `values:` is line 68, the second value line 72
    assert_problems(
        validate(cat),
        [
            f"{cat.loop}:9: sources.1.id: duplicate id 'guide'",
            f"{cat.loop}:15: stages.1.id: duplicate id 'screen'",
            f"{cat.loop}:72: values.1.id: duplicate id 'be-a-good-human'",
        ],
    )


def test_duplicate_persona_id_across_files(cat: CatalogDirs, tmp_path: Path) -> None:
    more = tmp_path / "more-personas"
    more.mkdir()
    (more / "hiring-manager.yaml").write_text(PERSONA)
    assert_problems(
        validate(cat, cat.rubrics, cat.personas, more),
        [f"{more / 'hiring-manager.yaml'}:2: id: duplicate persona id 'hiring-manager'"],
    )


def test_persona_id_must_match_its_file_name(cat: CatalogDirs) -> None:
    (cat.personas / "priya.yaml").write_text(PERSONA)
    assert_problems(
        validate(cat),
        [
            f"{cat.personas / 'priya.yaml'}:2: id: duplicate persona id 'hiring-manager'",
            f"{cat.personas / 'priya.yaml'}:2: id: persona id 'hiring-manager' must match the file name 'priya'",
        ],
    )


def test_duplicate_loop_id_across_files(cat: CatalogDirs, tmp_path: Path) -> None:
    more = tmp_path / "more-rubrics"
    more.mkdir()
    (more / "acme-mle.yaml").write_text(LOOP)
    assert_problems(
        validate(cat, cat.rubrics, cat.personas, more),
        [f"{more / 'acme-mle.yaml'}:2: id: duplicate loop id 'acme-mle'"],
    )


def test_duplicate_criterion_across_criteria_files(cat: CatalogDirs) -> None:
    extra = cat.rubrics / "extra-criteria.yaml"
    extra.write_text(
        """kind: criteria
criteria:
  - id: impact
    title: Impact again
    description: a second definition of a shared id
    levels: {1: a, 2: b, 3: c, 4: d}
"""
    )
    problems = validate(cat).stdout.splitlines()
    # Which file counts as "second" follows the sorted file order: criteria.yaml < extra-criteria.yaml.
    assert problems == [f"{extra}:3: criteria.0.id: duplicate id 'impact'"]


def test_duplicate_yaml_key(cat: CatalogDirs) -> None:
    cat.loop.write_text(LOOP + "company: Acme Corp\n")  # line 65 repeats line 3's key
    assert_problems(validate(cat), [f"{cat.loop}:65: company: key written twice (only one value can count)"])


def test_duplicate_yaml_key_nested(cat: CatalogDirs) -> None:
    cat.loop.write_text(edit(LOOP, 32, "    assesses: past projects and ownership", "    minutes: 35"))
    assert_problems(
        validate(cat),
        [
            f"{cat.loop}:28: rounds.0.assesses: Field required",
            f"{cat.loop}:32: rounds.0.minutes: key written twice (only one value can count)",
        ],
    )


# --- cross references ------------------------------------------------------------------------


def test_weights_must_sum_to_1_within_a_round(cat: CatalogDirs) -> None:
    cat.loop.write_text(edit(LOOP, 43, "        weight: 0.5", "        weight: 0.4"))
    assert_problems(validate(cat), [f"{cat.loop}:39: rounds.0.criteria: criterion weights sum to 0.9, must sum to 1"])


def test_weights_that_sum_to_1_in_floating_point_are_accepted(cat: CatalogDirs) -> None:
    text = edit(LOOP, 41, "        weight: 0.5", "        weight: 0.7")
    cat.loop.write_text(edit(text, 43, "        weight: 0.5", "        weight: 0.3"))  # 0.7 + 0.3 != 1.0 exactly
    assert validate(cat).exit_code == 0


def test_unknown_persona(cat: CatalogDirs) -> None:
    cat.loop.write_text(edit(LOOP, 33, "    persona: hiring-manager", "    persona: nobody"))
    assert_problems(validate(cat), [f"{cat.loop}:33: rounds.0.persona: unknown persona 'nobody'; personas: hiring-manager"])


def test_unknown_criterion(cat: CatalogDirs) -> None:
    cat.loop.write_text(edit(LOOP, 42, "      - id: ownership", "      - id: ownrship"))
    assert_problems(
        validate(cat),
        [
            f"{cat.loop}:38: rounds.0.questions.0.criteria.1: criterion 'ownership' is not scored in round 'hiring-manager'",
            f"{cat.loop}:42: rounds.0.criteria.1.id: unknown criterion 'ownrship' (not in criteria.yaml or the loop)",
        ],
    )


def test_question_criterion_not_scored_in_its_round(cat: CatalogDirs) -> None:
    # `correctness` exists (the loop defines it) but the hiring-manager round does not weigh it.
    cat.loop.write_text(
        edit(LOOP, 38, "        criteria: [impact, ownership]", "        criteria: [impact, correctness]")
    )
    assert_problems(
        validate(cat),
        [f"{cat.loop}:38: rounds.0.questions.0.criteria.1: criterion 'correctness' is not scored in round 'hiring-manager'"],
    )


def test_unknown_stage(cat: CatalogDirs) -> None:
    cat.loop.write_text(edit(LOOP, 30, "    stage: screen", "    stage: final"))
    assert_problems(validate(cat), [f"{cat.loop}:30: rounds.0.stage: unknown stage 'final'; stages: onsite, screen"])


def test_unknown_source(cat: CatalogDirs) -> None:
    cat.loop.write_text(edit(LOOP, 37, "        source: guide", "        source: blog"))
    assert_problems(
        validate(cat), [f"{cat.loop}:37: rounds.0.questions.0.source: unknown source 'blog'; sources: guide, written"]
    )


def test_loop_id_must_match_its_file_name(cat: CatalogDirs) -> None:
    cat.loop.write_text(edit(LOOP, 2, "id: acme-mle", "id: acme-ml"))
    assert_problems(validate(cat), [f"{cat.loop}:2: id: loop id 'acme-ml' must match the file name 'acme-mle'"])


@pytest.mark.parametrize(
    ("pattern", "reason"),
    [
        ("(unclosed", "missing ), unterminated subpattern at position 0"),
        # re raises OverflowError, not re.error, for this one: it must still be a located problem.
        ("a{99999999999}", "the repetition number is too large"),
    ],
)
def test_invalid_regex_in_a_signal(cat: CatalogDirs, pattern: str, reason: str) -> None:
    cat.loop.write_text(edit(LOOP, 26, r"        patterns: ['\btests?\b', 'edge cases?']", f"        patterns: ['{pattern}']"))
    assert_problems(
        validate(cat), [f"{cat.loop}:26: criteria.0.signals.0.patterns: invalid regex {pattern!r}: {reason}"]
    )


def test_invalid_regex_in_a_probe_point(cat: CatalogDirs) -> None:
    """The guard searches every follow-up with it: a pattern that does not compile is found at load, not mid-round."""
    cat.loop.write_text(edit(LOOP, 26, r"        patterns: ['\btests?\b', 'edge cases?']",
                             r"        patterns: ['\btests?\b', 'edge cases?']" + "\n    probe_point: '(unclosed'"))
    assert_problems(
        validate(cat),
        [f"{cat.loop}:27: criteria.0.probe_point: invalid regex '(unclosed': missing ), unterminated subpattern at position 0"],
    )


def test_a_looking_back_probe_is_one_question(cat: CatalogDirs) -> None:
    """It is said as it is, after the candidate's own words: two questions in it would be two follow-ups at once."""
    cat.loop.write_text(edit(LOOP, 26, r"        patterns: ['\btests?\b', 'edge cases?']",
                             r"        patterns: ['\btests?\b', 'edge cases?']" + "\n    looking_back: 'What now? And why?'"))
    assert_problems(
        validate(cat),
        [f"{cat.loop}:27: criteria.0.looking_back: must be one question, ending in its only '?': 'What now? And why?'"],
    )


def test_coding_round_question_without_a_problem(cat: CatalogDirs) -> None:
    cat.loop.write_text(delete(LOOP, 56, 61, "        problem:"))
    assert_problems(
        validate(cat),
        [f"{cat.loop}:52: rounds.1.questions.0: a coding round's questions need a problem (starter code and tests)"],
    )


# --- templates -------------------------------------------------------------------------------

BROKEN_TEMPLATE = """You are {{ persona.name }}, {{ persona.role }}.
Tone: {{ persona.tone }}.
Rules: {{ persona.never | }}
"""

UNKNOWN_VARIABLE_TEMPLATE = """You are {{ persona.name }} at {{ company }}.
Your mood today: {{ interviewer_mood }}.
"""


def test_template_syntax_error_is_located_in_the_template_file(cat: CatalogDirs) -> None:
    (cat.templates / "broken.j2").write_text(BROKEN_TEMPLATE)
    cat.persona.write_text(edit(PERSONA, 15, "template: interviewer.j2", "template: broken.j2"))
    assert_problems(
        validate(cat), [f"{cat.templates / 'broken.j2'}:3: template: expected token 'name', got 'end of print statement'"]
    )


def test_template_unknown_variable_is_located_in_the_template_file(cat: CatalogDirs) -> None:
    (cat.templates / "unknown.j2").write_text(UNKNOWN_VARIABLE_TEMPLATE)
    cat.persona.write_text(edit(PERSONA, 15, "template: interviewer.j2", "template: unknown.j2"))
    assert_problems(
        validate(cat),
        [f"{cat.templates / 'unknown.j2'}:2: template: template uses an unknown variable: 'interviewer_mood' is undefined"],
    )


def test_template_that_fails_to_render_is_a_problem_not_a_crash(cat: CatalogDirs) -> None:
    (cat.templates / "typeerror.j2").write_text("Hello.\n{{ persona.max_follow_ups + persona.name }}\n")
    cat.persona.write_text(edit(PERSONA, 15, "template: interviewer.j2", "template: typeerror.j2"))
    assert_problems(
        validate(cat),
        [
            f"{cat.templates / 'typeerror.j2'}:2: template: template fails to render: "
            "TypeError: unsupported operand type(s) for +: 'int' and 'str'"
        ],
    )


def test_missing_template(cat: CatalogDirs) -> None:
    cat.persona.write_text(edit(PERSONA, 15, "template: interviewer.j2", "template: missing.j2"))
    assert_problems(validate(cat), [f"{cat.persona}:15: template: template 'missing.j2' not found"])


def test_unknown_variable_in_opening_line(cat: CatalogDirs) -> None:
    cat.persona.write_text(
        edit(
            PERSONA,
            9,
            """opening: "Hi {{ candidate }}, I'm Priya. In this {{ round }} we go deep on your projects.\"""",
            'opening: "Hi {{ candidate_name }}."',
        )
    )
    assert_problems(validate(cat), [f"{cat.persona}:9: opening: broken template text: 'candidate_name' is undefined"])


# --- YAML itself -----------------------------------------------------------------------------


def test_yaml_syntax_error_is_located(cat: CatalogDirs) -> None:
    cat.loop.write_text(edit(LOOP, 29, "    title: Hiring Manager Screen", "    title: Hiring: Manager: Screen"))
    assert_problems(validate(cat), [f"{cat.loop}:29: -: YAML syntax error: mapping values are not allowed here"])


def test_yaml_bad_indentation_is_located(cat: CatalogDirs) -> None:
    cat.persona.write_text(edit(PERSONA, 13, "  - reveal a score", " - reveal a score"))
    result = validate(cat)
    assert_problems(result, [f"{cat.persona}:13: -: YAML syntax error: expected <block end>, but found '<block sequence start>'"])


def test_control_character_is_located(cat: CatalogDirs) -> None:
    # PyYAML's reader rejects it before parsing, with only a character offset: the line must still be right.
    cat.loop.write_text(edit(LOOP, 36, "        text: Tell me about a project you are proud of.", "        text: Tell me\x00"))
    assert_problems(
        validate(cat),
        [f"{cat.loop}:36: -: YAML syntax error: unacceptable character #x0000: special characters are not allowed"],
    )


def test_wrong_top_level_kind(cat: CatalogDirs) -> None:
    cat.loop.write_text(edit(LOOP, 1, "kind: loop", "kind: rubric"))
    assert_problems(validate(cat), [f"{cat.loop}:1: kind: must be one of loop, criteria, persona, glossary (got 'rubric')"])


def test_top_level_must_be_a_mapping(cat: CatalogDirs) -> None:
    cat.loop.write_text("# Acme, written as a list by mistake\n- kind: loop\n- id: acme-mle\n")
    assert_problems(validate(cat), [f"{cat.loop}:2: -: expected a mapping at the top of the file"])


def test_recursive_alias_is_a_problem_not_a_crash(cat: CatalogDirs) -> None:
    cat.loop.write_text("kind: loop\nrounds: &r\n  - *r\n")
    result = validate(cat)
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    # The alias points back at the sequence anchored on line 2, so that is where its item "is".
    assert f"{cat.loop}:2: rounds.0: Input should be a valid dictionary or instance of Round" in result.stdout.splitlines()


def test_every_problem_of_several_files_is_reported_at_once(cat: CatalogDirs) -> None:
    cat.loop.write_text(edit(LOOP, 30, "    stage: screen", "    stage: final"))
    cat.persona.write_text(edit(PERSONA, 8, "max_follow_ups: 2", "max_followups: 2"))
    assert_problems(
        validate(cat),
        [  # sorted by file: personas/ before rubrics/
            f"{cat.persona}:8: max_followups: unknown key",
            f"{cat.loop}:30: rounds.0.stage: unknown stage 'final'; stages: onsite, screen",
        ],
    )


def test_a_broken_criteria_file_does_not_bury_its_error_under_unknown_criterion_lines(cat: CatalogDirs) -> None:
    # One typo in the shared library must give one line, not one "unknown criterion" per round that uses it.
    criteria = cat.rubrics / "criteria.yaml"
    text = criteria.read_text()
    assert "    title: Measured impact\n" in text
    criteria.write_text(text.replace("    title: Measured impact\n", "    titel: Measured impact\n", 1))
    line = text.split("\n").index("    title: Measured impact") + 1
    result = validate(cat)
    assert_problems(
        result,
        [
            f"{criteria}:{line - 1}: criteria.0.title: Field required",
            f"{criteria}:{line}: criteria.0.titel: unknown key",
        ],
    )


def test_a_broken_context_persona_is_named_at_the_reference(cat: CatalogDirs) -> None:
    # Validating only the loop: the persona comes from --personas and its own problems are not listed,
    # so the reference must say where the trouble is rather than pass or claim the persona is unknown.
    cat.persona.write_text(edit(PERSONA, 8, "max_follow_ups: 2", "max_followups: 2"))
    assert_problems(
        validate(cat, cat.loop),
        [
            f"{cat.loop}:33: rounds.0.persona: persona 'hiring-manager' is written in {cat.persona}, which has problems",
            f"{cat.loop}:50: rounds.1.persona: persona 'hiring-manager' is written in {cat.persona}, which has problems",
        ],
    )


# --- user-supplied directories ---------------------------------------------------------------


def test_validating_one_file_takes_criteria_and_personas_from_the_configured_dirs(cat: CatalogDirs) -> None:
    assert validate(cat, cat.loop).exit_code == 0
    cat.loop.write_text(edit(LOOP, 33, "    persona: hiring-manager", "    persona: nobody"))
    assert_problems(
        validate(cat, cat.loop), [f"{cat.loop}:33: rounds.0.persona: unknown persona 'nobody'; personas: hiring-manager"]
    )


def test_loops_lists_a_user_supplied_rubrics_dir(cat: CatalogDirs) -> None:
    result = CliRunner().invoke(main, ["--rubrics", str(cat.rubrics), "--personas", str(cat.personas), "loops", "--json"])
    assert result.exit_code == 0, result.output
    import json

    data = json.loads(result.stdout)
    assert [loop["id"] for loop in data["loops"]] == ["acme-mle"]
    assert data["loops"][0]["rounds"][1] == {
        "id": "coding",
        "title": "Coding & Algorithms",
        "stage": "onsite",
        "minutes": 45,
        "questions": 1,
    }


def test_loops_reports_problems_of_a_user_supplied_dir_the_same_way(cat: CatalogDirs) -> None:
    cat.loop.write_text(edit(LOOP, 30, "    stage: screen", "    stage: final"))
    result = CliRunner().invoke(main, ["--rubrics", str(cat.rubrics), "--personas", str(cat.personas), "loops", "--json"])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines()[0] == f"{cat.loop}:30: rounds.0.stage: unknown stage 'final'; stages: onsite, screen"


def test_rubrics_dir_from_the_config_file(cat: CatalogDirs, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "config.toml"
    config.write_text(f"rubrics_dir = {str(cat.rubrics)!r}\npersonas_dir = {str(cat.personas)!r}\n")
    monkeypatch.setenv("INTERVIEW_SIM_CONFIG", str(config))
    cat.loop.write_text(edit(LOOP, 37, "        source: guide", "        source: blog"))
    result = CliRunner().invoke(main, ["rubric", "validate"])
    assert_problems(
        result, [f"{cat.loop}:37: rounds.0.questions.0.source: unknown source 'blog'; sources: guide, written"]
    )


def test_a_question_part_is_one_question_on_one_of_its_criteria_with_patterns_that_compile(cat: CatalogDirs) -> None:
    """`parts:` (engine/question_parts.py): each is asked on its own when no answer says any of its `heard` words."""
    old = "        criteria: [impact, ownership]"
    part = "\n        parts:\n          - {ask: 'What did it change?', heard: ['(unclosed'], criterion: impact}"
    cat.loop.write_text(edit(LOOP, 38, old, old + part))
    assert_problems(validate(cat), [f"{cat.loop}:40: rounds.0.questions.0.parts.0.heard: invalid regex '(unclosed': "
                                    "missing ), unterminated subpattern at position 0"])
    cat.loop.write_text(edit(LOOP, 38, old, old + part.replace("'(unclosed'", "'chang'").replace("impact}", "tradeoffs}")))
    assert_problems(validate(cat), [f"{cat.loop}:35: rounds.0.questions.0: part 'What did it change?' names criterion "
                                    "'tradeoffs', not one of the question's ['impact', 'ownership']"])
