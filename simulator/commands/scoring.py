"""CLI commands for rubric scoring: calibrate, score, rescore (issue 5).

Scoring is a pure function (simulator.scoring.score_round); these commands only
load inputs, pick the scorer and print. The LLM judge (and litellm) is only
imported when a command asks for the llm or combined scorer.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..config import Settings
from .common import catalog_or_exit, echo_json, fail, state

if TYPE_CHECKING:
    from ..scoring.judge import Judge
    from ..scoring.models import RoundScore

SCORERS = ("evidence", "signals", "llm", "combined")


def _judge(settings: Settings, scorer: str, model: str | None, samples: int) -> Judge | None:
    """The judge for llm/combined: --judge-model, else llm.judge_model, else llm.model (the embedded one by default)."""
    if scorer in ("evidence", "signals"):
        return None
    from ..scoring.judge import Judge

    name = model or settings.llm.judge_model or settings.llm.model
    key = settings.llm.api_key.get_secret_value() if settings.llm.api_key else None
    judge = Judge(name, api_base=settings.llm.api_base, api_key=key, samples=samples, timeout_s=settings.llm.timeout_s)
    if scorer == "llm" and judge.is_embedded:
        fail("the embedded model cannot grade (measured: it gives every answer a 4); "
             "set llm.judge_model / --judge-model, or use --scorer combined or evidence")
    return judge


def _scorer_options(func):  # type: ignore[no-untyped-def]
    func = click.option("--samples", type=click.IntRange(1, 9), default=1, show_default=True,
                        help="judge samples per criterion (self-consistency; llm/combined only)")(func)
    func = click.option("--judge-model", default=None, help="litellm model id for the judge (default: llm.judge_model)")(func)
    func = click.option("--scorer", type=click.Choice(SCORERS), default="evidence", show_default=True,
                        help="evidence: the offline evidence model (meaning); signals: rubric regexes only (the old scorer); "
                             "llm: the judge decides; combined: judge where verified")(func)
    return func


@click.command("calibrate")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path), required=False)
@click.option("--split", type=click.Choice(["validation", "train"]), default="validation", show_default=True,
              help="without FILE: which split of the scorer's corpus to measure (the README reports validation)")
@_scorer_options
@click.option("--json", "as_json", is_flag=True, help="print the report as JSON")
@click.pass_context
def calibrate_cmd(ctx: click.Context, file: Path | None, split: str, scorer: str, judge_model: str | None, samples: int,
                  as_json: bool) -> None:
    """Score a labelled answer set (answers.jsonl format) and measure agreement with its labels.

    Without FILE it measures the evidence model's own corpus: the validation split,
    which nothing was tuned on.
    """
    from ..scoring.calibration import calibrate, load_items
    from ..scoring.meaning.train import split_path

    settings = state(ctx).settings()
    catalog = catalog_or_exit(settings)
    _use_models_dir(settings)
    file = file or split_path(split)
    judge = _judge(settings, scorer, judge_model, samples)
    try:
        report = calibrate(file, catalog, scorer, judge)  # type: ignore[arg-type]
    except (ValueError, KeyError) as exc:
        fail(str(exc))
        return
    if as_json:
        echo_json(report.model_dump(mode="json"))
        return
    labels = {item.id: item.labels for item in load_items(file)}
    for item in report.items:
        cells = []
        for crit, level in item.predicted.items():
            ref = labels[item.id].get(crit)
            mark = "" if level == ref else " *"
            cells.append(f"{crit} {'-' if level is None else level}/{ref}{mark}")
        click.echo(f"{item.id:<8} " + "  ".join(cells))
    s = report.summary
    click.echo(f"\nscorer {report.scorer}: exact {s.exact:.3f}  within1 {s.within1:.3f}  spearman {s.spearman:.3f}  "
               f"pairwise_order {s.pairwise_order:.3f}  coverage {s.coverage:.3f}   (predicted/reference, * = differs)")


@click.command("train-scorer")
@click.option("--check", is_flag=True, help="refit and compare with the committed weights instead of writing them")
@click.option("--cv", "cross_validate_only", is_flag=True,
              help="report group 5-fold agreement on the train split instead (what tuning may look at)")
@click.pass_context
def train_scorer_cmd(ctx: click.Context, check: bool, cross_validate_only: bool) -> None:
    """Fit the evidence model's weights on the corpus's train split (never validation) and write them."""
    from ..scoring.meaning import reload_default_model, training_model
    from ..scoring.meaning.agreement import AGREEMENT_PATH, measure_agreement, write_agreement
    from ..scoring.meaning.detectors import DETECTORS_PATH, load_detectors
    from ..scoring.meaning.model import WEIGHTS_PATH, load_weights
    from ..scoring.meaning.train import cross_validate, prepare_train, same_fit, train, write_weights

    settings = state(ctx).settings()
    catalog = catalog_or_exit(settings)
    _use_models_dir(settings)
    if cross_validate_only:
        model = training_model()
        cv = cross_validate(model, prepare_train(model, catalog))
        click.echo(f"train split, group {cv.folds}-fold: spearman {cv.spearman:.3f}  pairwise_order {cv.pairwise_order:.3f}  "
                   f"exact {cv.exact:.3f}  within1 {cv.within1:.3f}  ({cv.labels} labels)")
        return
    weights, detectors = train(training_model(), catalog)
    if check:
        try:
            committed = load_weights()
        except ValueError as exc:  # weights of other features: stale by definition
            fail(str(exc))
        if committed is None or not same_fit(committed, load_detectors(), weights, detectors):
            fail(f"{WEIGHTS_PATH.name} and {DETECTORS_PATH.name} are not what the train split gives: "
                 "run interview-sim train-scorer")
        click.echo(f"{WEIGHTS_PATH.name} and {DETECTORS_PATH.name} match a fresh fit on the train split "
                   f"({weights.trained_on[:12]})")
        return
    write_weights(weights, WEIGHTS_PATH)
    detectors.save(DETECTORS_PATH)
    click.echo(f"wrote {WEIGHTS_PATH} ({len(weights.criteria)} criteria with own weights) and {DETECTORS_PATH} "
               f"({len(detectors.weights)} facet detectors, {len(detectors.precedents)} precedents), "
               f"train split {weights.trained_on[:12]}")
    reload_default_model()
    agreement = measure_agreement(catalog)
    write_agreement(agreement)
    click.echo(f"validation split (scored only, never fitted on): {agreement.line()}; wrote {AGREEMENT_PATH.name}")


def _use_models_dir(settings: Settings) -> None:
    from ..scoring.meaning import configure

    configure(settings.models_dir)


@click.command("score")
@click.argument("transcript", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--loop", "loop_id", required=True, help="loop id, e.g. canva-mle")
@click.option("--round", "round_id", required=True, help="round id of that loop")
@_scorer_options
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def score_cmd(ctx: click.Context, transcript: Path, loop_id: str, round_id: str, scorer: str, judge_model: str | None,
              samples: int, as_json: bool) -> None:
    """Score a round transcript (a JSON list of turns) against the current rubric."""
    from pydantic import TypeAdapter, ValidationError

    from ..engine.turns import Turn
    from ..scoring.score import score_round

    settings = state(ctx).settings()
    catalog = catalog_or_exit(settings)
    _use_models_dir(settings)
    try:
        turns = TypeAdapter(list[Turn]).validate_json(transcript.read_bytes())
        loop = catalog.loop(loop_id)
        rnd = loop.round(round_id)
    except (ValidationError, KeyError) as exc:
        fail(str(exc))
        return
    result = score_round(loop, rnd, turns, catalog, scorer=scorer, judge=_judge(settings, scorer, judge_model, samples))  # type: ignore[arg-type]
    if as_json:
        echo_json(result.model_dump(mode="json"))
    else:
        click.echo(render_text(result))


@click.command("rescore")
@click.argument("session")
@_scorer_options
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def rescore_cmd(ctx: click.Context, session: str, scorer: str, judge_model: str | None, samples: int, as_json: bool) -> None:
    """Re-score every round of SESSION with the current rubric/model; the old scores are kept for comparison."""
    from ..store import SchemaError, Store, StoreError
    from ..takehome.score import score_round_or_take_home

    settings = state(ctx).settings()
    if not settings.db_path.exists():
        fail(f"no database yet at {settings.db_path}: run an interview first (or pass --data-dir)")
    catalog = catalog_or_exit(settings)
    _use_models_dir(settings)
    judge = _judge(settings, scorer, judge_model, samples)
    try:
        store = Store(settings.db_path)
    except (StoreError, SchemaError) as exc:
        fail(str(exc))
        return
    out = []
    with store:
        try:
            record = store.load_session(store.resolve_session_id(session))
        except StoreError as exc:
            fail(str(exc))
            return
        for rnd in record.rounds:
            if not rnd.turns or rnd.row is None:
                continue
            try:
                new = score_round_or_take_home(catalog, record.loop, rnd.round_id, rnd.turns, scorer=scorer, judge=judge)  # type: ignore[arg-type]
            except KeyError as exc:
                fail(f"round {rnd.round_id}: {exc}")
                return
            store.save_score(rnd.row, new)
            out.append({"round": rnd.round_id, "previous": rnd.score, "current": new})
    if as_json:
        echo_json([{"round": o["round"], "previous": o["previous"].model_dump(mode="json") if o["previous"] else None,
                    "current": o["current"].model_dump(mode="json")} for o in out])
        return
    if not out:
        click.echo("no round with turns to score")
    for o in out:
        click.echo(_compare(o["round"], o["previous"], o["current"]))


def _compare(round_id: str, old: RoundScore | None, new: RoundScore) -> str:
    lines = [f"round {round_id}: {_short(old)} -> {_short(new)}"]
    if old is not None and old.scorer.rubric_hash != new.scorer.rubric_hash:
        lines.append("  rubric changed since the previous score")
    before = {c.criterion: c.level for c in old.criteria} if old else {}
    for c in new.criteria:
        prev = before.get(c.criterion, "-")
        lines.append(f"  {c.criterion:<16} {'-' if prev is None else prev} -> {'-' if c.level is None else c.level}")
    return "\n".join(lines)


def _short(score: RoundScore | None) -> str:
    if score is None:
        return "unscored"
    weighted = "-" if score.weighted is None else f"{score.weighted:.2f}"
    return f"{weighted} {score.band} ({score.scorer.scorer} {score.scorer.version}, rubric {score.scorer.rubric_hash[:8]})"


def render_text(score: RoundScore) -> str:
    """A plain-text report: levels, which scorer spoke, checks, quotes with turn and time, what was missing."""
    weighted = "-" if score.weighted is None else f"{score.weighted:.2f}"
    lines = [f"{score.loop} / {score.round}: {weighted} -> {score.band}", score.rationale]
    ident = score.scorer
    lines.append(f"scorer {ident.scorer} {ident.version}" + (f" model {ident.model}" if ident.model else "")
                 + f", rubric sha256 {ident.rubric_hash[:12]}")
    for c in score.criteria:
        lines.append(f"\n{c.criterion} (weight {c.weight:g}): level {'insufficient evidence' if c.level is None else c.level}"
                     f" [decided by {c.decided_by}{', UNVERIFIED' if c.unverified else ''}]")
        if c.note:
            lines.append(f"  note: {c.note}")
        for k in c.checks:
            lines.append(f"  [{'x' if k.passed else ' '}] {k.signal}: {k.description}" + (f" (x{k.count})" if k.count > 1 else ""))
        for e in c.evidence:
            flag = "" if e.verified else " (NOT FOUND IN TRANSCRIPT)"
            lines.append(f"  \"{e.quote}\" - turn {e.turn_index} at {e.t_start:.0f}s{flag}")
        if c.missing:
            lines.append(f"  missing: {c.missing}")
    for f in score.red_flags:
        lines.append(f"\nred flag {f.id}: {f.text}" + (f" ({f.because})" if f.because else "")
                     + (f" - \"{f.evidence.quote}\"" if f.evidence else ""))
    if score.grader_addressed:
        lines.append("\nignored (addressed to the grader): " + " | ".join(json.dumps(e.quote) for e in score.grader_addressed))
    return "\n".join(lines)


def register(group: click.Group) -> None:
    """Add this area's commands to the main group."""
    for command in (calibrate_cmd, train_scorer_cmd, score_cmd, rescore_cmd):
        group.add_command(command)
