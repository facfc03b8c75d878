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
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from pydantic import BaseModel, Field

from ..catalog import Catalog
from ..config import PROJECT_ROOT, Settings
from ..speech.audio_files import load_audio
from ..speech.jargon_set import GENERAL_SENTENCES, JARGON_SENTENCES, Clip, Sentence, make_clips
from ..speech.models import SAMPLE_RATE
from ..speech.transcriber import WhisperTranscriber
from ..speech.vocabulary import correction_terms, find_loop_round
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


class JargonBenchResult(BaseModel):
    model: str
    device: str
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
) -> JargonBenchResult:
    """Plain tiny.en and the product on every clip, interleaved. Blocking (minutes)."""
    settings = settings or Settings()
    say = progress or (lambda _msg: None)
    if recognizer is None:
        recognizer = WhisperTranscriber(settings.stt.model_copy(update={"device": "cpu", "compute_type": "auto"}), settings.models_dir)
        recognizer.warm_up()
    with tempfile.TemporaryDirectory(prefix="jargon-bench-") as tmp:
        if clips is None:
            say("making the jargon and general clips (espeak-ng, Piper when installed) ...")
            clips = bench_clips(Path(tmp), piper=piper)
        vocabularies: dict[str, list[str]] = {}
        times = {"plain": 0.0, "product": 0.0}
        audio_total = 0.0
        results: list[ClipResult] = []
        corrections: dict[str, int] = {}
        for set_name, members in clips.items():
            for clip in members:
                key = clip.round or ""
                if key not in vocabularies:
                    loop, rnd = find_loop_round(catalog, key) if key else (None, None)
                    vocabularies[key] = correction_terms(catalog, loop, rnd)
                audio = load_audio(clip.path)
                audio_total += len(audio) / SAMPLE_RATE
                started = time.perf_counter()
                plain = recognizer.transcribe(audio, vocabulary=None, disfluent=False)
                times["plain"] += time.perf_counter() - started
                started = time.perf_counter()
                product = recognizer.transcribe(audio, vocabulary=vocabularies[key])
                times["product"] += time.perf_counter() - started
                corrections[set_name] = corrections.get(set_name, 0) + len(product.corrections)
                results.append(
                    ClipResult(
                        name=f"{clip.path.parent.name}/{clip.path.name}", set=set_name, voice=clip.voice, reference=clip.reference,
                        plain=plain.text, raw=product.raw_text or product.text, product=product.text,
                    )
                )  # fmt: skip
            say(f"{set_name}: {len(members)} clips done")
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
    plain_rtf = times["plain"] / audio_total if audio_total else 0.0
    product_rtf = times["product"] / audio_total if audio_total else 0.0
    jargon = sets["jargon"]
    reduction = 1 - jargon.product_wer / jargon.plain_wer if jargon.plain_wer else 0.0
    goals = {
        "jargon_wer_40pct_below_plain": reduction >= GOAL_JARGON_REDUCTION,
        "general_wer_within_0.01_of_plain": sets["general"].product_wer <= sets["general"].plain_wer + GOAL_GENERAL_MARGIN,
        "rtf_le_1.2x_plain": product_rtf <= GOAL_RTF_RATIO * plain_rtf,
    }
    if "jfk" in sets:
        goals["jfk_wer_0"] = sets["jfk"].product_wer == 0.0
    return JargonBenchResult(
        model=recognizer.model_label, device=recognizer.device, sets=sets,
        plain_rtf=round(plain_rtf, 4), product_rtf=round(product_rtf, 4),
        rtf_ratio=round(product_rtf / plain_rtf, 3) if plain_rtf else 0.0,
        jargon_reduction=round(reduction, 3), goals=goals, clips=results,
    )  # fmt: skip
