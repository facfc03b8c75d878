"""Speech benchmark: real-time factor and end-of-speech -> final-transcript latency.

`run_stt_bench()` is what `interview-sim bench stt [--json]` calls (wired in
simulator/commands/bench.py). Signature::

    run_stt_bench(
        files: Sequence[BenchClip] | None = None,   # default: jfk.flac + espeak-ng answers (if installed)
        *,
        settings: Settings | None = None,           # stt.* (model, beam_size, silence_s ...) and models_dir
        model: str | None = None,                   # override stt.model ("tiny.en", "base", a dir ...)
        devices: Sequence[str] | None = None,       # default ["cpu"] plus "cuda" when CTranslate2 sees a GPU
        rtf_repeats: int = 3,                       # whole-file transcriptions per clip (median taken)
        stream: bool = True,                        # also stream every clip in real time for latency
        speed: float = 1.0,                         # >1 plays faster than real time (tests only: latency then is not real)
        progress: Callable[[str], None] | None = None,
        catalog: Catalog | None = None,             # given: also the jargon bench on CPU (bench/jargon.py)
    ) -> SttBenchResult                             # pydantic; .model_dump() for --json

Latency is measured the way a candidate feels it: each clip is played through the real
capture path (`MicCapture` on a `FileInputStream` delivering 32 ms blocks in real time,
followed by silence), the hands-free session decides the end of the turn, and the
latency is the wall time from the delivery of the block holding the clip's last speech
sample (offline Silero VAD) to `run()` returning the final transcript. It includes the
silence hangover (`stt.silence_s`, 0.8 s by default). Blocking for ~1 minute: run it in a worker.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from ..catalog import Catalog
from ..config import PROJECT_ROOT, Settings
from ..speech.audio_files import load_audio
from ..speech.file_stream import FileStreamFactory
from ..speech.models import SAMPLE_RATE
from ..speech.session import VoiceAnswerSession
from ..cores import usable_cores
from ..speech.transcriber import WhisperTranscriber, cuda_device_count
from ..speech.vocabulary import round_vocabulary
from ..speech.wer import word_error_rate
from .jargon import JargonBenchResult, run_jargon_bench

JFK_REFERENCE = "And so my fellow Americans, ask not what your country can do for you, ask what you can do for your country."
ESPEAK_ANSWERS = (
    "We deployed the model behind a canary and watched the p95 latency for a week before the full rollout.",
    "I would start with a simple baseline, measure recall on a holdout set, and then try a larger transformer.",
    "The ranker used XGBoost on top of the embeddings, and we tracked NDCG and AUC in every experiment.",
    # A whole answer (~40 s with sentence pauses): the final transcript then comes from the
    # last committed piece onwards, as in a real round, not from one short clip.
    "The main problem was latency. Our ranking model took two hundred milliseconds at p95, and the product "
    "needed fifty. First I profiled the service and found that feature fetching, not the model, took most "
    "of the time. So we cached the user features in Redis and batched the item lookups. Then we distilled "
    "the transformer into a smaller model and quantized it with TensorRT. We shipped it behind a canary, "
    "compared click-through rate in an A/B test for two weeks, and the p95 latency ended at forty milliseconds.",
)
GOAL_RTF_CPU = 0.1
GOAL_LATENCY_CPU_S = 1.0


class BenchClip(BaseModel):
    model_config = ConfigDict(frozen=True)

    path: Path
    reference: str | None = None


class BenchFile(BaseModel):
    name: str
    audio_s: float
    transcribe_s: float = Field(description="median whole-file transcription time")
    rtf: float
    wer: float | None = None
    stream_latency_s: float | None = Field(None, description="end of speech -> final transcript, wall time")
    hangover_s: float | None = Field(None, description="audio silence waited before deciding the end of turn")
    stream_wer: float | None = None
    stream_text: str | None = None
    partials: int | None = None


class BenchDevice(BaseModel):
    device: str
    compute_type: str
    model: str
    cpu_threads: int
    load_s: float
    notice: str | None = None
    rtf: float = Field(description="total transcribe time / total audio")
    latency_median_s: float | None = None
    latency_p90_s: float | None = None
    files: list[BenchFile]


class SttBenchResult(BaseModel):
    cores: int
    load_average: tuple[float, float, float] | None = Field(None, description="1/5/15 min, at the start: other work skews timings")
    silence_s: float
    devices: list[BenchDevice]
    jargon: JargonBenchResult | None = Field(None, description="jargon and general WER against plain tiny.en (bench/jargon.py)")
    goals: dict[str, bool] = Field(default_factory=dict)


def default_clips(workdir: Path) -> list[BenchClip]:
    """jfk.flac from ../shared when present, plus espeak-ng answers when espeak-ng is installed."""
    clips: list[BenchClip] = []
    jfk = PROJECT_ROOT.parent / "shared" / "audio" / "jfk.flac"
    if jfk.is_file():
        clips.append(BenchClip(path=jfk, reference=JFK_REFERENCE))
    espeak = shutil.which("espeak-ng")
    if espeak:
        for i, text in enumerate(ESPEAK_ANSWERS):
            path = workdir / f"answer{i}.wav"
            subprocess.run([espeak, "-v", "en-us", "-s", "150", "-w", str(path), text], check=True, capture_output=True)
            clips.append(BenchClip(path=path, reference=text))
    if not clips:
        raise FileNotFoundError("no benchmark audio: pass files, or install espeak-ng / provide ../shared/audio/jfk.flac")
    return clips


def speech_end_sample(audio: np.ndarray) -> int:
    """Last speech sample by offline Silero VAD (no padding): where the candidate stopped talking."""
    from faster_whisper.vad import VadOptions, get_speech_timestamps

    spans = get_speech_timestamps(audio, VadOptions(min_silence_duration_ms=100, speech_pad_ms=0))
    return int(spans[-1]["end"]) if spans else len(audio)


def _percentile(values: list[float], q: float) -> float:
    return float(np.percentile(np.asarray(values), q)) if values else 0.0


def run_stt_bench(
    files: Sequence[BenchClip] | None = None,
    *,
    settings: Settings | None = None,
    model: str | None = None,
    devices: Sequence[str] | None = None,
    rtf_repeats: int = 3,
    stream: bool = True,
    speed: float = 1.0,
    progress: Callable[[str], None] | None = None,
    catalog: Catalog | None = None,
) -> SttBenchResult:
    """Measure RTF and streaming latency per device, and jargon WER when a catalog is given. Blocking; see the module docstring."""
    settings = settings or Settings()
    say = progress or (lambda _msg: None)
    stt = settings.stt.model_copy(update={"model": model} if model else {})
    devices = list(devices) if devices else (["cpu", "cuda"] if cuda_device_count() > 0 else ["cpu"])
    vocabulary = round_vocabulary(None)
    try:
        load_avg: tuple[float, float, float] | None = os.getloadavg()
    except OSError:
        load_avg = None
    with tempfile.TemporaryDirectory(prefix="stt-bench-") as tmp:
        clips = list(files) if files else default_clips(Path(tmp))
        audios = [load_audio(c.path) for c in clips]
        results: list[BenchDevice] = []
        jargon: JargonBenchResult | None = None
        for device in devices:
            dev_stt = stt.model_copy(update={"device": device, "compute_type": "auto"})
            started = time.perf_counter()
            recognizer = WhisperTranscriber(dev_stt, settings.models_dir)
            recognizer.warm_up()
            load_s = time.perf_counter() - started
            say(f"{device}: {recognizer.model_label} ready in {load_s:.1f} s ({recognizer.device}, {recognizer.compute_type})")
            rows: list[BenchFile] = []
            for clip, audio in zip(clips, audios):
                times, text = [], ""
                for _ in range(max(rtf_repeats, 1)):
                    t = recognizer.transcribe(audio, vocabulary=vocabulary)
                    times.append(t.timing.transcribe_s)
                    text = t.text
                audio_s = len(audio) / SAMPLE_RATE
                row = BenchFile(
                    name=clip.path.name,
                    audio_s=round(audio_s, 2),
                    transcribe_s=round(statistics.median(times), 3),
                    rtf=round(statistics.median(times) / audio_s, 4),
                    wer=round(word_error_rate(clip.reference, text), 3) if clip.reference else None,
                )
                if stream:
                    row = _stream_clip(row, clip, audio, recognizer, dev_stt, vocabulary, speed)
                say(f"{device}: {row.name}: RTF {row.rtf:.3f}" + (f", latency {row.stream_latency_s:.2f} s" if row.stream_latency_s is not None else ""))
                rows.append(row)
            if catalog is not None and recognizer.device == "cpu":
                jargon = run_jargon_bench(catalog, settings=settings, recognizer=recognizer, progress=say)
            latencies = [r.stream_latency_s for r in rows if r.stream_latency_s is not None]
            results.append(
                BenchDevice(
                    device=recognizer.device,
                    compute_type=recognizer.compute_type,
                    model=recognizer.model_label,
                    cpu_threads=recognizer.cpu_threads,
                    load_s=round(load_s, 2),
                    notice=recognizer.notice,
                    rtf=round(sum(r.transcribe_s for r in rows) / sum(r.audio_s for r in rows), 4),
                    latency_median_s=round(statistics.median(latencies), 3) if latencies else None,
                    latency_p90_s=round(_percentile(latencies, 90), 3) if latencies else None,
                    files=rows,
                )
            )
    goals: dict[str, bool] = {}
    for res in results:
        if res.device == "cpu":
            goals["cpu_rtf_le_0.1"] = res.rtf <= GOAL_RTF_CPU
            if res.latency_median_s is not None and speed == 1.0:
                goals["cpu_latency_median_le_1.0s"] = res.latency_median_s <= GOAL_LATENCY_CPU_S
        if res.device == "cuda" and res.latency_median_s is not None and speed == 1.0:
            goals["gpu_latency_median_le_0.5s_plus_hangover"] = res.latency_median_s <= 0.5 + stt.silence_s
    if jargon is not None:
        goals.update(jargon.goals)
    return SttBenchResult(cores=usable_cores(), load_average=load_avg, silence_s=stt.silence_s, devices=results, jargon=jargon, goals=goals)


def _stream_clip(
    row: BenchFile,
    clip: BenchClip,
    audio: np.ndarray,
    recognizer: WhisperTranscriber,
    stt: object,
    vocabulary: list[str],
    speed: float,
) -> BenchFile:
    from ..config import STTSettings

    assert isinstance(stt, STTSettings)
    end = speech_end_sample(audio)
    factory = FileStreamFactory(audio, speed=speed)
    session = VoiceAnswerSession(
        recognizer, stt.model_copy(update={"mode": "hands_free", "keep_audio": False}), vocabulary=vocabulary, stream_factory=factory
    )
    answer = session.run()
    done = time.perf_counter()
    delivered = factory.stream.wall_time_at(end) if factory.stream else None
    return row.model_copy(
        update={
            "stream_latency_s": round(done - delivered, 3) if delivered is not None and answer.end_reason == "silence" else None,
            "hangover_s": round(session.end_decided_at_s - end / SAMPLE_RATE, 3) if session.end_decided_at_s else None,
            "stream_wer": round(word_error_rate(clip.reference, answer.text), 3) if clip.reference else None,
            "stream_text": answer.text,
            "partials": answer.partials,
        }
    )
