"""SQL exercises in coding rounds (issue 15): a query checked by comparing result sets with hidden expected rows.

The real sandbox runs each answer (pytest in the confined subprocess) and the
round records its notice exactly as for Python; the repo's scorer then decides
correctness from that notice. The harness's read-only and time-limit rules are
checked in-process, where a failure names the rule.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from simulator.catalog import load_catalog
from simulator.catalog.models import CodingProblem, Question
from simulator.engine.turns import Speaker, Turn, TurnKind
from simulator.sandbox import NOTICE_SOURCE, parse_notice, run_problem
from simulator.sandbox.sql_harness import QueryError, check, compare, load_database, run_query
from simulator.scoring import score_round
from test_catalog_validation import LOOP, CatalogDirs, assert_problems, cat, isolated_config, validate  # noqa: F401

REPO = Path(__file__).resolve().parents[1]
CATALOG = load_catalog(REPO / "rubrics", REPO / "personas")

RIGHT_EXPORT_RATE = """
SELECT t.category,
       COUNT(DISTINCT d.design_id) AS designs,
       COUNT(DISTINCT e.design_id) AS exported_designs,
       CASE WHEN COUNT(DISTINCT d.design_id) = 0 THEN 0.0
            ELSE ROUND(COUNT(DISTINCT e.design_id) * 1.0 / COUNT(DISTINCT d.design_id), 3) END AS export_rate
FROM templates AS t
LEFT JOIN designs AS d ON d.template_id = t.template_id
LEFT JOIN exports AS e ON e.design_id = d.design_id
GROUP BY t.category
ORDER BY export_rate DESC, t.category;
"""
# Counts export rows, not exported designs: right on data where no design is exported twice.
WRONG_EXPORT_RATE = """
SELECT t.category, COUNT(DISTINCT d.design_id), COUNT(e.export_id),
       COALESCE(ROUND(1.0 * COUNT(e.export_id) / COUNT(DISTINCT d.design_id), 3), 0.0) AS rate
FROM templates t LEFT JOIN designs d ON d.template_id = t.template_id LEFT JOIN exports e ON e.design_id = d.design_id
GROUP BY t.category ORDER BY rate DESC, t.category
"""


def question(loop_id: str, round_id: str, question_id: str) -> Question:
    found = next(q for q in CATALOG.loop(loop_id).round(round_id).questions if q.id == question_id)
    assert found.problem is not None and found.problem.sql is not None
    return found


def sql_problems(loop_id: str, round_id: str) -> list[Question]:
    return [q for q in CATALOG.loop(loop_id).round(round_id).questions if q.problem is not None and q.problem.sql is not None]


def test_the_loops_have_their_sql_problems() -> None:
    assert len(sql_problems("canva-mle", "take-home")) >= 3
    assert len(sql_problems("shopify-mle", "coding")) >= 2
    problems = [q.problem for loop, rnd in (("canva-mle", "take-home"), ("shopify-mle", "coding")) for q in sql_problems(loop, rnd)]
    assert any(p.sql.order_matters for p in problems if p and p.sql) and any(not p.sql.order_matters for p in problems if p and p.sql)
    references = " ".join(p.sql.reference.upper() for p in problems if p and p.sql)
    assert "JOIN" in references and "GROUP BY" in references and " OVER " in references.replace("\n", " ")


def coding_turns(q: Question, query: str, notice: str, remark: str = "") -> list[Turn]:
    text = query if not remark else f"{remark}\n{query}"
    return [
        Turn(index=0, speaker=Speaker.INTERVIEWER, kind=TurnKind.QUESTION, text=q.text, t_start=0, t_end=20,
             question_id=q.id, source="bank"),
        Turn(index=1, speaker=Speaker.INTERVIEWER, kind=TurnKind.NOTICE, text=notice, t_start=600, t_end=602,
             question_id=q.id, source=NOTICE_SOURCE),
        Turn(index=2, speaker=Speaker.CANDIDATE, kind=TurnKind.ANSWER, text=text, t_start=20, t_end=600,
             question_id=q.id, source="candidate"),
    ]  # fmt: skip


def correctness(turns: list[Turn]) -> int | None:
    score = score_round("canva-mle", "take-home", turns, CATALOG)
    return next(c.level for c in score.criteria if c.criterion == "correctness")


def test_a_right_sql_answer_passes_every_check_and_scores_correct() -> None:
    q = question("canva-mle", "take-home", "sql-template-export-rate")
    assert isinstance(q.problem, CodingProblem)
    result = run_problem(RIGHT_EXPORT_RATE, q.problem)
    assert result.status == "passed", result.output_tail
    assert result.passed == result.total == len(q.problem.sql.checks)  # type: ignore[union-attr]
    notice = result.notice_text()
    run = parse_notice(notice, [t.name for t in q.problem.tests])
    assert run is not None and run.ratio == 1.0
    own_check = "I checked it on my own examples: a design exported twice and a category with no designs."
    assert correctness(coding_turns(q, RIGHT_EXPORT_RATE, notice, own_check)) == 4


def test_a_wrong_sql_answer_fails_the_hidden_check_and_scores_low() -> None:
    q = question("canva-mle", "take-home", "sql-template-export-rate")
    assert isinstance(q.problem, CodingProblem)
    result = run_problem(WRONG_EXPORT_RATE, q.problem)
    assert result.status == "failed"
    outcomes = {t.name: t.outcome for t in result.tests}
    assert outcomes["test_design_exported_many_times_counts_once"] == "failed"
    notice = result.notice_text()
    assert notice.startswith(f"Hidden test results: {result.passed}/{result.total} hidden tests passed")
    failing = next(t for t in result.tests if t.name == "test_design_exported_many_times_counts_once")
    # The candidate sees their own wrong row, never the expected one ('social', 1, 1, 1.0).
    assert failing.message.endswith("row 1 differs from the expected result: ('poster', 2, 3, 1.5)")
    level = correctness(coding_turns(q, WRONG_EXPORT_RATE, notice))
    assert level is not None and level <= 2


def test_shopify_window_function_answer_passes_in_the_sandbox() -> None:
    q = question("shopify-mle", "coding", "sql-failed-payment-bursts")
    assert q.problem is not None and q.problem.sql is not None
    result = run_problem(q.problem.sql.reference, q.problem)
    assert result.status == "passed", result.output_tail
    # Counting successes too flags account 7 and flags 8 too early: the hidden check catches it.
    sloppy = q.problem.sql.reference.replace("WHERE status = 'failed'", "")
    assert run_problem(sloppy, q.problem).status == "failed"


def test_a_sql_error_is_a_failed_check_with_its_message_not_a_crash() -> None:
    q = question("shopify-mle", "coding", "sql-net-gmv-per-shop")
    assert q.problem is not None
    result = run_problem("SELECT name, paid_orders FROM shopz", q.problem)
    assert result.status == "failed"
    assert all(t.outcome == "failed" and "no such table: shopz" in t.message for t in result.tests)


# --- the harness, in-process -----------------------------------------------------------------

TABLES = [{"name": "t", "columns": ["k TEXT", "v INTEGER"], "rows": [["a", 1], ["b", 2], ["b", 3]]}]


@pytest.mark.parametrize(
    "query",
    [
        "DELETE FROM t",
        "INSERT INTO t VALUES ('c', 4)",
        "ATTACH DATABASE '/tmp/isim-sql-attack.db' AS x",
        "PRAGMA query_only = OFF",
        "CREATE TABLE u (x INTEGER)",
        "SELECT 1; DELETE FROM t",
    ],
)
def test_the_database_is_read_only_and_takes_one_statement(query: str) -> None:
    conn = load_database(TABLES)
    with pytest.raises(QueryError):
        run_query(conn, query, 1.0)
    assert conn.execute("SELECT COUNT(*) FROM t").fetchone() == (3,)
    assert not Path("/tmp/isim-sql-attack.db").exists()


def test_a_runaway_query_stops_at_its_time_limit() -> None:
    conn = load_database(TABLES)
    endless = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT COUNT(*) FROM n"
    with pytest.raises(QueryError, match="time limit"):
        run_query(conn, endless, 0.2)


def test_comparison_is_order_insensitive_unless_the_problem_says_so() -> None:
    expected = [["a", 1], ["b", 5]]
    assert compare(expected, [("b", 5.0), ("a", 1)], ordered=False) is None  # 5 and 5.0 are the same number
    assert compare(expected, [("b", 5), ("a", 1)], ordered=True) == "the right rows in the wrong order: the problem asks for an ORDER BY"
    assert compare(expected, [("a", 1)], ordered=False) == "expected 2 rows, got 1"
    assert compare(expected, [("a", 1, 0), ("b", 5, 0)], ordered=False) == "expected 2 columns, got 3"
    assert compare([[0.667]], [(2 / 3,)], ordered=False) is not None  # rounding is the query's job
    assert compare([[0.667]], [(0.6670000001,)], ordered=False) is None


def test_check_uses_the_checks_own_rows() -> None:
    exercise = {"tables": TABLES, "order_matters": False, "checks": [
        {"name": "test_given", "expected": [["b", 5], ["a", 1]]},
        {"name": "test_hidden", "rows": {"t": [["z", 9]]}, "expected": [["z", 9]]},
    ]}  # fmt: skip
    query = "SELECT k, SUM(v) FROM t GROUP BY k"
    assert check(exercise, "test_given", query, 1.0) is None
    assert check(exercise, "test_hidden", query, 1.0) is None
    assert check(exercise, "test_hidden", "SELECT 'z', 8", 1.0) is not None


# --- the YAML --------------------------------------------------------------------------------

SQL_QUESTION = """      - id: sql-sum
        text: Sum v per k.
        source: written
        criteria: [correctness]
        problem:
          starter: "SELECT"
          sql:
            tables:
              - {name: t, columns: [k TEXT, v INTEGER], rows: [[a, 1], [b, 2], [b, 3]]}
            checks:
              - {name: test_given, description: the table, expected: [[a, 1], [b, EXPECTED]]}
            reference: SELECT k, SUM(v) FROM t GROUP BY k"""


def with_sql_question(expected_b: int) -> tuple[str, int]:
    """LOOP with one SQL question added to its coding round; the line of its check."""
    lines = LOOP.split("\n")
    at = lines.index("    criteria:", lines.index("      - id: two-sum"))
    added = SQL_QUESTION.replace("EXPECTED", str(expected_b)).split("\n")
    lines[at:at] = added
    return "\n".join(lines), at + added.index("            checks:") + 2


def test_validate_runs_the_reference_query_and_locates_a_wrong_expected_result(cat: CatalogDirs) -> None:
    good, _ = with_sql_question(5)
    cat.loop.write_text(good)
    assert validate(cat).exit_code == 0
    bad, line = with_sql_question(6)
    cat.loop.write_text(bad)
    assert_problems(validate(cat), [
        f"{cat.loop}:{line}: rounds.1.questions.1.problem.sql.checks.0.expected: "
        "the reference query does not give this result: 1 of 2 rows differ from the expected result, e.g. ('b', 5)",
    ])  # fmt: skip


def test_a_sql_problem_may_not_also_list_python_tests(cat: CatalogDirs) -> None:
    text, _ = with_sql_question(5)
    cat.loop.write_text(text.replace('          starter: "SELECT"', '          starter: "SELECT"\n          tests: []'))
    result = validate(cat)
    assert result.exit_code == 1
    assert "a SQL problem's hidden tests are its sql.checks: remove `tests`" in result.stdout

