"""How well voice answers hear jargon: the product's transcription against plain tiny.en, in one run.

`run_jargon_bench()` is part of `interview-sim bench stt`. Every clip (the jargon development
set and the general sentences of jargon_set.py, plus ../shared/audio/jfk.flac) is transcribed
twice, one right after the other so both see the same machine load:

- plain: faster-whisper with no prompt and no correction (`vocabulary=None, disfluent=False`);
- product: what a voice answer gets (`correction_terms` of the clip's round: the prompt, then
  the domain correction). Its `raw_text` is the prompt alone, so the prompt's share and the
  correction's share of the gain are both reported without a third pass.

Pooled WER (all edits over all reference words) per set, and the real-time factor of each
(total transcription time over total audio). Blocking, a few minutes on 2 cores.

`styles` compares ways of giving Whisper the terms (vocabulary.PROMPT_STYLES, e.g. `interview-sim
bench jargon --styles full,short,rare`) in the same interleaved run: the first is the product the
goals are checked on, every one gets a `StyleScore`. `repeats` transcribes each clip that many
times per configuration and keeps the median time (the text is the same every time).
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from pydantic import BaseModel, Field

from ..catalog import Catalog
from ..config import PROJECT_ROOT, Settings
from ..speech.audio_files import load_audio
from ..speech.jargon_set import GENERAL_SENTENCES, JARGON_SENTENCES, Clip, Sentence, make_clips
from ..speech.models import SAMPLE_RATE, Transcript
from ..speech.transcriber import WhisperTranscriber
from ..speech.vocabulary import PromptStyle, correction_terms, find_loop_round
from ..speech.wer import normalise_words, word_error_rate

GOAL_JARGON_REDUCTION = 0.4
"""Pooled WER on the jargon clips at least 40% below plain tiny.en's."""
GOAL_GENERAL_MARGIN = 0.01
"""Pooled WER on general speech at most this much above plain tiny.en's."""
GOAL_RTF_RATIO = 1.2
GENERAL_ROUND = "canva-mle/system-design"
"""General speech is transcribed as an answer in a jargon-heavy round would be: the hardest case for "no invented jargon"."""
JFK_REFERENCE = "And so my fellow Americans, ask not what your country can do for you, ask what you can do for your country."


class SetScore(BaseModel):
    """Pooled WER of one set of clips: plain tiny.en, the prompt alone, and prompt + correction (the product)."""

    clips: int
    words: int
    plain_wer: float
    prompt_wer: float
    product_wer: float
    corrections: int = Field(description="corrections the product made on these clips")


class ClipResult(BaseModel):
    name: str
    set: str
    voice: str
    reference: str
    plain: str
    raw: str
    product: str


class StyleScore(BaseModel):
    """One prompt style against plain tiny.en in the same run: WER per set (prompt + correction) and speed."""

    style: str
    wer: dict[str, float] = Field(description="pooled WER per set with the correction")
    prompt_wer: dict[str, float] = Field(description="pooled WER per set, Whisper's text before the correction")
    rtf: float
    rtf_ratio: float = Field(description="total time / plain tiny.en's total time")
    rtf_ratio_median: float = Field(description="median over clips of this style's time / plain's time on the clip")
    goals: dict[str, bool]


class JargonBenchResult(BaseModel):
    model: str
    device: str
    style: str = Field("full", description="the product's prompt style (stt.jargon_prompt)")
    styles: dict[str, StyleScore] = Field(default_factory=dict, description="every style compared, the product's first")
    sets: dict[str, SetScore] = Field(description="jargon (all), tuning, held_out, general, jfk")
    plain_rtf: float
    product_rtf: float
    rtf_ratio: float
    jargon_reduction: float = Field(description="1 - product WER / plain WER on all jargon clips")
    goals: dict[str, bool]
    clips: list[ClipResult] = Field(default_factory=list, description="every transcript, for reading the errors")


def _pooled(pairs: Sequence[tuple[str, str]]) -> float:
    words = sum(len(normalise_words(ref)) for ref, _ in pairs)
    edits = sum(word_error_rate(ref, hyp) * len(normalise_words(ref)) for ref, hyp in pairs)
    return round(edits / words, 4) if words else 0.0


def bench_clips(workdir: Path, *, piper: bool | None = None) -> dict[str, list[Clip]]:
    """The jargon clips split into tuning and held-out, the general clips, and jfk.flac when present."""
    jargon = make_clips(JARGON_SENTENCES, workdir / "jargon", piper=piper)
    general = make_clips([Sentence(text=t, round=GENERAL_ROUND) for t in GENERAL_SENTENCES], workdir / "general", piper=piper)
    sets = {
        "tuning": [c for c in jargon if not c.held_out],
        "held_out": [c for c in jargon if c.held_out],
        "general": general,
    }
    jfk = PROJECT_ROOT.parent / "shared" / "audio" / "jfk.flac"
    if jfk.is_file():
        sets["jfk"] = [Clip(path=jfk, reference=JFK_REFERENCE, round=GENERAL_ROUND, voice="JFK (real speech)")]
    return sets


def run_jargon_bench(
    catalog: Catalog,
    *,
    settings: Settings | None = None,
    recognizer: WhisperTranscriber | None = None,
    clips: dict[str, list[Clip]] | None = None,
    piper: bool | None = None,
    progress: Callable[[str], None] | None = None,
    styles: Sequence[PromptStyle] | None = None,
    repeats: int = 1,
) -> JargonBenchResult:
    """Plain tiny.en and the product (and any other prompt styles) on every clip, interleaved. Blocking (minutes)."""
    settings = settings or Settings()
    say = progress or (lambda _msg: None)
    if recognizer is None:
        recognizer = WhisperTranscriber(settings.stt.model_copy(update={"device": "cpu", "compute_type": "auto"}), settings.models_dir)
        recognizer.warm_up()
    styles = list(dict.fromkeys(styles or [recognizer.stt.jargon_prompt]))
    repeats = max(repeats, 1)
    with tempfile.TemporaryDirectory(prefix="jargon-bench-") as tmp:
        if clips is None:
            say("making the jargon and general clips (espeak-ng, Piper when installed) ...")
            clips = bench_clips(Path(tmp), piper=piper)
        vocabularies: dict[str, list[str]] = {}
        times: dict[str, list[float]] = {"plain": [], **{style: [] for style in styles}}
        audio_total = 0.0
        results: dict[str, list[ClipResult]] = {style: [] for style in styles}
        corrections: dict[str, dict[str, int]] = {style: {} for style in styles}
        for set_name, members in clips.items():
            for clip in members:
                key = clip.round or ""
                if key not in vocabularies:
                    loop, rnd = find_loop_round(catalog, key) if key else (None, None)
                    vocabularies[key] = correction_terms(catalog, loop, rnd)
                audio = load_audio(clip.path)
                audio_total += len(audio) / SAMPLE_RATE
                plain, took = _timed(repeats, lambda: recognizer.transcribe(audio, vocabulary=None, disfluent=False))
                times["plain"].append(took)
                for style in styles:
                    product, took = _timed(repeats, lambda: recognizer.transcribe(audio, vocabulary=vocabularies[key], prompt_style=style))
                    times[style].append(took)
                    corrections[style][set_name] = corrections[style].get(set_name, 0) + len(product.corrections)
                    results[style].append(
                        ClipResult(
                            name=f"{clip.path.parent.name}/{clip.path.name}", set=set_name, voice=clip.voice, reference=clip.reference,
                            plain=plain.text, raw=product.raw_text or product.text, product=product.text,
                        )
                    )  # fmt: skip
            say(f"{set_name}: {len(members)} clips done")
    plain_total = sum(times["plain"])
    plain_rtf = plain_total / audio_total if audio_total else 0.0
    scored: dict[str, tuple[dict[str, SetScore], dict[str, bool], float]] = {}
    summaries: dict[str, StyleScore] = {}
    for style in styles:
        sets = _set_scores(clips, results[style], corrections[style])
        rtf = sum(times[style]) / audio_total if audio_total else 0.0
        goals = _goals(sets, rtf, plain_rtf)
        scored[style] = (sets, goals, rtf)
        ratios = [t / p for t, p in zip(times[style], times["plain"]) if p > 0]
        summaries[style] = StyleScore(
            style=style, wer={n: v.product_wer for n, v in sets.items()}, prompt_wer={n: v.prompt_wer for n, v in sets.items()},
            rtf=round(rtf, 4), rtf_ratio=round(rtf / plain_rtf, 3) if plain_rtf else 0.0,
            rtf_ratio_median=round(statistics.median(ratios), 3) if ratios else 0.0, goals=goals,
        )  # fmt: skip
    sets, goals, product_rtf = scored[styles[0]]
    jargon = sets["jargon"]
    reduction = 1 - jargon.product_wer / jargon.plain_wer if jargon.plain_wer else 0.0
    return JargonBenchResult(
        model=recognizer.model_label, device=recognizer.device, style=styles[0], styles=summaries, sets=sets,
        plain_rtf=round(plain_rtf, 4), product_rtf=round(product_rtf, 4),
        rtf_ratio=round(product_rtf / plain_rtf, 3) if plain_rtf else 0.0,
        jargon_reduction=round(reduction, 3), goals=goals, clips=results[styles[0]],
    )  # fmt: skip


def _timed(repeats: int, call: Callable[[], Transcript]) -> tuple[Transcript, float]:
    """The call's result and its median wall time over `repeats` calls."""
    took: list[float] = []
    result: Transcript | None = None
    for _ in range(repeats):
        started = time.perf_counter()
        result = call()
        took.append(time.perf_counter() - started)
    assert result is not None
    return result, statistics.median(took)


def _set_scores(clips: dict[str, list[Clip]], results: list[ClipResult], corrections: dict[str, int]) -> dict[str, SetScore]:
    sets: dict[str, SetScore] = {}
    groups = {name: [r for r in results if r.set == name] for name in clips}
    groups["jargon"] = groups.get("tuning", []) + groups.get("held_out", [])
    for name, rows in groups.items():
        if not rows:
            continue
        sets[name] = SetScore(
            clips=len(rows),
            words=sum(len(normalise_words(r.reference)) for r in rows),
            plain_wer=_pooled([(r.reference, r.plain) for r in rows]),
            prompt_wer=_pooled([(r.reference, r.raw) for r in rows]),
            product_wer=_pooled([(r.reference, r.product) for r in rows]),
            corrections=sum(corrections.get(s, 0) for s in (("tuning", "held_out") if name == "jargon" else (name,))),
        )
    return sets


def _goals(sets: dict[str, SetScore], rtf: float, plain_rtf: float) -> dict[str, bool]:
    jargon = sets["jargon"]
    reduction = 1 - jargon.product_wer / jargon.plain_wer if jargon.plain_wer else 0.0
    goals = {
        "jargon_wer_40pct_below_plain": reduction >= GOAL_JARGON_REDUCTION,
        "general_wer_within_0.01_of_plain": sets["general"].product_wer <= sets["general"].plain_wer + GOAL_GENERAL_MARGIN,
        "rtf_le_1.2x_plain": rtf <= GOAL_RTF_RATIO * plain_rtf,
    }
    if "jfk" in sets:
        goals["jfk_wer_0"] = sets["jfk"].product_wer == 0.0
    return goals
