"""Load rubrics/ and personas/ into a validated Catalog, or a list of located problems.

A team editing YAML gets every problem at once, each as `FILE:LINE: field.path: message`.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from pydantic import BaseModel, ValidationError

from .exercise_checks import WEIGHT_TOLERANCE, check_sql_reference, check_take_homes
from .glossary import Glossary, GlossaryTerm
from .models import WRITTEN, CriteriaLibrary, Criterion, Loop, Persona
from .templates import template_env, template_line
from .yaml_nodes import LocatedDocument, YamlSyntaxError, duplicate_keys, parse

KINDS: dict[str, type[BaseModel]] = {"loop": Loop, "criteria": CriteriaLibrary, "persona": Persona, "glossary": Glossary}
# The variables a persona's system-prompt template may use (the engine passes exactly these).
TEMPLATE_SAMPLE = {
    "candidate": "Alex",
    "company": "Company",
    "loop_role": "Machine Learning Engineer",
    "round_title": "Round",
    "round_assesses": "what the round assesses",
}


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.path}: {self.message}"


class CatalogError(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(map(str, self.problems)))


@dataclass
class Catalog:
    loops: dict[str, Loop] = field(default_factory=dict)
    personas: dict[str, Persona] = field(default_factory=dict)
    criteria: dict[str, Criterion] = field(default_factory=dict)
    templates: jinja2.Environment | None = None
    glossary: list[GlossaryTerm] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)

    def loop(self, loop_id: str) -> Loop:
        try:
            return self.loops[loop_id]
        except KeyError:
            raise KeyError(f"no loop {loop_id!r}; loops: {', '.join(sorted(self.loops))}") from None

    def criterion(self, loop: Loop, criterion_id: str) -> Criterion:
        """A loop's own definition wins over the shared library's."""
        for crit in loop.criteria:
            if crit.id == criterion_id:
                return crit
        return self.criteria[criterion_id]

    def system_prompt(self, persona: Persona, **context: Any) -> str:
        assert self.templates is not None
        return self.templates.get_template(persona.template).render(persona=persona, **context)


@dataclass
class _Parsed:
    path: Path
    doc: LocatedDocument
    model: BaseModel


def _yaml_files(paths: Iterable[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.glob("*.yaml") if p.is_file()))
            files.extend(sorted(p for p in path.glob("*.yml") if p.is_file()))
        else:
            files.append(path)
    return files


def _loc_path(loc: tuple[Any, ...]) -> tuple[str | int, ...]:
    # Discriminated/union errors put the type name in loc; field paths are str/int only.
    return tuple(part for part in loc if isinstance(part, (str, int)))


# (kind, id) -> file, for ids written in a file that failed validation: see _declared_ids.
Broken = dict[tuple[str, str], Path]


def _declared_ids(kind: str, data: dict[Any, Any]) -> list[tuple[str, str]]:
    """The persona/criterion ids a file that failed validation still visibly declares.

    A loop that refers to them must not also get "unknown persona"/"unknown
    criterion" lines: one typo in criteria.yaml would otherwise bury its own
    message under one such line per round of every loop.
    """
    if kind == "persona" and isinstance(data.get("id"), str):
        return [("persona", data["id"])]
    if kind == "criteria" and isinstance(data.get("criteria"), list):
        return [("criterion", c["id"]) for c in data["criteria"] if isinstance(c, dict) and isinstance(c.get("id"), str)]
    return []


def _parse_file(path: Path, problems: list[Problem], broken: Broken | None = None) -> _Parsed | None:
    """The validated model of one file, or None with its problems appended (and its ids to `broken`)."""
    name = str(path)

    def unknown_kind() -> None:
        # The file's kind is unknown, but if it is a persona its id is its file name.
        if broken is not None:
            broken.setdefault(("persona", path.stem), path)

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(Problem(name, 1, "-", f"cannot read file: {exc}"))
        unknown_kind()
        return None
    try:
        doc = parse(text)
    except YamlSyntaxError as exc:
        problems.append(Problem(name, exc.line, "-", f"YAML syntax error: {exc.message}"))
        unknown_kind()
        return None
    dups = duplicate_keys(doc.root)
    for line, dotted in dups:
        problems.append(Problem(name, line, dotted, "key written twice (only one value can count)"))
    if not isinstance(doc.data, dict):
        problems.append(Problem(name, doc.line_of(()), "-", "expected a mapping at the top of the file"))
        unknown_kind()
        return None
    kind = doc.data.get("kind")
    model_cls = KINDS.get(kind) if isinstance(kind, str) else None
    if model_cls is None:
        problems.append(
            Problem(name, doc.line_of(("kind",)), "kind", f"must be one of {', '.join(KINDS)} (got {kind!r})")
        )
        unknown_kind()
        return None
    model: BaseModel | None
    try:
        model = model_cls.model_validate(doc.data)
    except ValidationError as exc:
        for err in exc.errors():
            loc = _loc_path(err["loc"])
            dotted = ".".join(map(str, loc)) or "-"
            message = err["msg"]
            if err["type"] == "extra_forbidden":
                message = "unknown key"
            elif err["type"] == "value_error":
                message = message.removeprefix("Value error, ")  # our validators' own words read better bare
            problems.append(Problem(name, doc.line_of(loc), dotted, message))
        model = None
    if model is None or dups:
        if broken is not None:
            for key in _declared_ids(kind, doc.data):
                broken.setdefault(key, path)
        return None
    return _Parsed(path, doc, model)


def _check_persona_template(parsed: _Parsed, env: jinja2.Environment, problems: list[Problem]) -> None:
    """Compile and render the persona's system prompt and its opening/closing lines.

    Errors inside a template file are reported at that file and line (where the
    fix goes); a missing or unreadable template at the persona's `template` key.
    """
    persona = parsed.model
    assert isinstance(persona, Persona)
    name = str(parsed.path)
    template_key_line = parsed.doc.line_of(("template",))
    loader = env.loader
    search_dirs = [os.path.join(d, "") for d in loader.searchpath] if isinstance(loader, jinja2.FileSystemLoader) else []
    try:
        template = env.get_template(persona.template)
        template.render(persona=persona, **TEMPLATE_SAMPLE)
    except jinja2.TemplateNotFound:
        problems.append(Problem(name, template_key_line, "template", f"template {persona.template!r} not found"))
    except jinja2.TemplateSyntaxError as exc:
        problems.append(
            Problem(exc.filename or persona.template, exc.lineno or 1, "template", exc.message or str(exc))
        )
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(Problem(name, template_key_line, "template", f"cannot read template {persona.template!r}: {exc}"))
    except Exception as exc:  # any render failure is the template's fault, never a crash of the validator
        if isinstance(exc, jinja2.UndefinedError):
            message = f"template uses an unknown variable: {exc}"
        else:
            message = f"template fails to render: {type(exc).__name__}: {exc}"
        where = template_line(exc, search_dirs)
        if where is None:
            problems.append(Problem(name, template_key_line, "template", message))
        else:
            problems.append(Problem(where[0], where[1], "template", message))
    for key in ("opening", "closing"):
        try:
            env.from_string(getattr(persona, key)).render(candidate="Alex", round="Round", company="Company")
        except Exception as exc:  # syntax, unknown variable or render failure: all the YAML text's fault
            problems.append(Problem(name, parsed.doc.line_of((key,)), key, f"broken template text: {exc}"))


def _check_loop(
    parsed: _Parsed,
    criteria: dict[str, Criterion],
    personas: dict[str, Persona],
    problems: list[Problem],
    broken: dict[tuple[str, str], Path | None] | None = None,
) -> None:
    """Cross-references inside a loop and to the criteria and personas.

    `broken` holds ids written in files that failed validation: None for a file
    being validated (its own problems are already reported), else the context
    file to point the user at.
    """
    broken = broken or {}
    loop = parsed.model
    assert isinstance(loop, Loop)
    name = str(parsed.path)
    doc = parsed.doc

    def report(path: tuple[str | int, ...], message: str) -> None:
        problems.append(Problem(name, doc.line_of(path), ".".join(map(str, path)), message))

    if parsed.path.stem != loop.id:
        report(("id",), f"loop id {loop.id!r} must match the file name {parsed.path.stem!r}")
    if loop.derived and not loop.derived_reason:
        report(("derived_reason",), "a derived loop must say why (derived_reason)")
    _report_duplicates([s.id for s in loop.sources], ("sources",), report)
    _report_duplicates([s.id for s in loop.stages], ("stages",), report)
    _report_duplicates([v.id for v in loop.values], ("values",), report)
    _report_duplicates([c.id for c in loop.criteria], ("criteria",), report)
    _report_duplicates([a.topic for a in loop.about], None, report, locations=[("about", i, "topic") for i in range(len(loop.about))])
    _report_duplicates([r.id for r in loop.rounds], ("rounds",), report)
    _report_duplicates(
        [q.id for r in loop.rounds for q in r.questions],
        None,
        report,
        locations=[("rounds", ri, "questions", qi, "id") for ri, r in enumerate(loop.rounds) for qi in range(len(r.questions))],
    )
    known_criteria = set(criteria) | {c.id for c in loop.criteria}
    source_ids = {s.id for s in loop.sources} | {WRITTEN}
    stage_ids = {s.id for s in loop.stages}
    for si, stage in enumerate(loop.stages):
        if stage.source is not None and stage.source not in source_ids:
            report(("stages", si, "source"), f"unknown source {stage.source!r}; sources: {', '.join(sorted(source_ids))}")
    round_ids = [r.id for r in loop.rounds]
    for ai, entry in enumerate(loop.about):
        if entry.source not in source_ids:
            report(("about", ai, "source"), f"unknown source {entry.source!r}; sources: {', '.join(sorted(source_ids))}")
        for k, round_id in enumerate(entry.rounds):
            if round_id not in round_ids:
                report(("about", ai, "rounds", k), f"unknown round {round_id!r}; rounds: {', '.join(round_ids)}")
    for ri, rnd in enumerate(loop.rounds):
        base: tuple[str | int, ...] = ("rounds", ri)
        for field_name, value in rnd.provenance.named_sources().items():
            if value not in source_ids:
                report((*base, "provenance", field_name), f"unknown source {value!r}; sources: {', '.join(sorted(source_ids))}")
        if rnd.stage not in stage_ids:
            report((*base, "stage"), f"unknown stage {rnd.stage!r}; stages: {', '.join(sorted(stage_ids))}")
        if rnd.persona not in personas and ("persona", rnd.persona) not in broken:
            report((*base, "persona"), f"unknown persona {rnd.persona!r}; personas: {', '.join(sorted(personas))}")
        elif rnd.persona not in personas and (where := broken[("persona", rnd.persona)]) is not None:
            report((*base, "persona"), f"persona {rnd.persona!r} is written in {where}, which has problems")
        total = sum(c.weight for c in rnd.criteria)
        if abs(total - 1.0) > WEIGHT_TOLERANCE:
            report((*base, "criteria"), f"criterion weights sum to {total:g}, must sum to 1")
        _report_duplicates([c.id for c in rnd.criteria], (*base, "criteria"), report)
        _report_duplicates([f.id for f in rnd.red_flags], (*base, "red_flags"), report)
        round_criteria = {c.id for c in rnd.criteria}
        for fi, flag in enumerate(rnd.red_flags):
            for wi, condition in enumerate(flag.when):
                if condition.criterion not in round_criteria:
                    report((*base, "red_flags", fi, "when", wi, "criterion"),
                           f"{condition.criterion!r} is not a criterion of this round ({', '.join(sorted(round_criteria))})")
                elif condition.no_company_value and (why := _not_read_against_values(loop, criteria, condition.criterion)):
                    report((*base, "red_flags", fi, "when", wi, "no_company_value"), why)
        for ci, crit in enumerate(rnd.criteria):
            if crit.id not in known_criteria and ("criterion", crit.id) not in broken:
                report((*base, "criteria", ci, "id"), f"unknown criterion {crit.id!r} (not in criteria.yaml or the loop)")
            elif crit.id not in known_criteria and (where := broken[("criterion", crit.id)]) is not None:
                report((*base, "criteria", ci, "id"), f"criterion {crit.id!r} is written in {where}, which has problems")
        low, high = rnd.answer_guidance_s
        if low >= high:
            report((*base, "answer_guidance_s"), "range must be [shortest, longest] with shortest < longest")
        for qi, question in enumerate(rnd.questions):
            qpath = (*base, "questions", qi)
            if question.source not in source_ids:
                report((*qpath, "source"), f"unknown source {question.source!r}; sources: {', '.join(sorted(source_ids))}")
            for k, crit_id in enumerate(question.criteria):
                if crit_id not in round_criteria:
                    report((*qpath, "criteria", k), f"criterion {crit_id!r} is not scored in round {rnd.id!r}")
            bad_levels = [lvl for lvl in question.levels if loop.levels and lvl not in loop.levels]
            if bad_levels:
                report((*qpath, "levels"), f"levels {bad_levels} not in the loop's levels {loop.levels}")
            if rnd.kind == "coding" and question.problem is None:
                report(qpath, "a coding round's questions need a problem (starter code and tests)")
            if rnd.scenario and not question.facts:
                report((*qpath, "facts"), "a scenario round's questions need facts (scale, latency, data, success metric...)")
            for fi, fact in enumerate(question.facts):
                if fact.source not in source_ids:
                    report((*qpath, "facts", fi, "source"),
                           f"unknown source {fact.source!r}; sources: {', '.join(sorted(source_ids))}")
            if question.problem is not None and question.problem.sql is not None:
                for where, message in check_sql_reference(question.problem.sql):
                    report((*qpath, "problem", "sql", *where), message)
        loop_question_ids = {q.id for r in loop.rounds for q in r.questions}
        _report_duplicates([t.id for t in rnd.take_homes], (*base, "take_homes"), report)
        check_take_homes(rnd, base, report, source_ids=source_ids, known_criteria=known_criteria, broken=broken,
                         loop_question_ids=loop_question_ids)  # fmt: skip


def _not_read_against_values(loop: Loop, criteria: dict[str, Criterion], criterion_id: str) -> str | None:
    """Why `no_company_value` on this criterion could never hold, or None: the scorer adds value checks only to a
    criterion whose `meaning` says `company_values: true`, and only for loop values that have `examples`."""
    crit = next((c for c in loop.criteria if c.id == criterion_id), criteria.get(criterion_id))
    if crit is None:
        return None  # an unknown criterion is reported where the round lists it
    if crit.meaning is None or not crit.meaning.company_values:
        return (f"{criterion_id!r} is not read against the company's values (its meaning has no company_values: true), "
                "so no_company_value could never hold")
    if not any(v.examples for v in loop.values):
        return (f"loop {loop.id!r} has no values with examples to read {criterion_id!r} against, "
                "so no_company_value could never hold")
    return None


def _report_duplicates(
    ids: list[str],
    base: tuple[str | int, ...] | None,
    report: Any,
    locations: list[tuple[str | int, ...]] | None = None,
) -> None:
    seen: set[str] = set()
    for index, ident in enumerate(ids):
        if ident in seen:
            path = locations[index] if locations else (*(base or ()), index, "id")
            report(path, f"duplicate id {ident!r}")
        seen.add(ident)


def collect(paths: Iterable[Path], context_dirs: Iterable[Path] = ()) -> tuple[Catalog, list[Problem]]:
    """Parse and cross-check the given files and dirs.

    `context_dirs` supply the criteria library and personas a loop refers to when
    only some files are named (e.g. `rubric validate rubrics/canva-mle.yaml`).
    """
    problems: list[Problem] = []
    explicit = _yaml_files(paths)
    broken_given: Broken = {}
    parsed = [item for item in (_parse_file(path, problems, broken_given) for path in explicit) if item]
    given_kinds = {type(item.model) for item in parsed}
    given_files = {path.resolve() for path in explicit}
    broken_context: Broken = {}
    for path in _yaml_files(context_dirs):
        if path.resolve() in given_files:
            continue
        context_broken: Broken = {}
        item = _parse_file(path, [], context_broken)  # context file problems are reported when that file is validated
        if item and not isinstance(item.model, Loop) and type(item.model) not in given_kinds:
            parsed.append(item)
        for (kind, ident), where in context_broken.items():
            if {"persona": Persona, "criterion": CriteriaLibrary}[kind] not in given_kinds:
                broken_context.setdefault((kind, ident), where)
    # Ids of broken files being validated: say nothing at the reference (the file's own lines explain it).
    broken: dict[tuple[str, str], Path | None] = {**broken_context, **dict.fromkeys(broken_given)}

    catalog = Catalog(files=[p.path for p in parsed])
    criteria_docs = [p for p in parsed if isinstance(p.model, CriteriaLibrary)]
    persona_docs = [p for p in parsed if isinstance(p.model, Persona)]
    # Published loops before derived ones, then by id: what pickers and `loops` show first.
    loop_docs = sorted(
        (p for p in parsed if isinstance(p.model, Loop)),
        key=lambda p: (p.model.derived, p.model.id),  # type: ignore[attr-defined]
    )

    for doc in criteria_docs:
        lib = doc.model
        assert isinstance(lib, CriteriaLibrary)
        for ci, crit in enumerate(lib.criteria):
            if crit.id in catalog.criteria:
                problems.append(
                    Problem(str(doc.path), doc.doc.line_of(("criteria", ci, "id")), f"criteria.{ci}.id", f"duplicate id {crit.id!r}")
                )
            catalog.criteria[crit.id] = crit

    for doc in parsed:
        if isinstance(doc.model, Glossary):
            catalog.glossary.extend(doc.model.terms)

    persona_dirs = sorted({p.path.parent for p in persona_docs}, key=str)
    catalog.templates = template_env(persona_dirs)
    for doc in persona_docs:
        persona = doc.model
        assert isinstance(persona, Persona)
        if persona.id in catalog.personas:
            problems.append(Problem(str(doc.path), doc.doc.line_of(("id",)), "id", f"duplicate persona id {persona.id!r}"))
        if doc.path.stem != persona.id:
            problems.append(
                Problem(str(doc.path), doc.doc.line_of(("id",)), "id", f"persona id {persona.id!r} must match the file name {doc.path.stem!r}")
            )
        catalog.personas[persona.id] = persona
        _check_persona_template(doc, catalog.templates, problems)

    for doc in loop_docs:
        loop = doc.model
        assert isinstance(loop, Loop)
        if loop.id in catalog.loops:
            problems.append(Problem(str(doc.path), doc.doc.line_of(("id",)), "id", f"duplicate loop id {loop.id!r}"))
        _check_loop(doc, catalog.criteria, catalog.personas, problems, broken)
        catalog.loops[loop.id] = loop
    return catalog, sorted(set(problems))


def load_catalog(rubrics_dir: Path, personas_dir: Path) -> Catalog:
    """The whole catalog, or CatalogError listing every located problem."""
    catalog, problems = collect([rubrics_dir, personas_dir])
    if problems:
        raise CatalogError(problems)
    return catalog
