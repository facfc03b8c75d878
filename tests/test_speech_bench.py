"""`interview-sim bench stt`: the report's figures come from real runs of the real model.

Speed is not asserted here (a loaded CI machine says nothing about the product); the
benchmark command on an idle machine is where the figures come from.
"""

from __future__ import annotations

from click.testing import CliRunner
from speech_support import JFK, JFK_TEXT

from simulator.cli import main
from simulator.config import Settings
from simulator.bench.stt import ESPEAK_ANSWERS, BenchClip, run_stt_bench


def test_bench_measures_rtf_and_streaming_latency_on_real_speech() -> None:
    result = run_stt_bench([BenchClip(path=JFK, reference=JFK_TEXT)], settings=Settings(), devices=["cpu"], rtf_repeats=1, speed=2.0)

    (cpu,) = result.devices
    (row,) = cpu.files
    assert cpu.device == "cpu" and cpu.model == "tiny.en" and cpu.cpu_threads >= 1
    assert row.audio_s == 11.0 and 0 < row.transcribe_s and row.rtf == round(row.transcribe_s / row.audio_s, 4)
    assert row.wer is not None and row.wer <= 0.05
    assert row.stream_wer is not None and row.stream_wer <= 0.05, row.stream_text
    assert row.partials and row.partials >= 3
    # the end of turn came after the configured silence, counted from the offline end of speech
    assert row.hangover_s is not None and row.hangover_s >= result.silence_s - 0.05
    assert cpu.latency_median_s == row.stream_latency_s and row.stream_latency_s is not None
    # faster than real time says nothing about latency: no latency goal is claimed for it
    assert "cpu_latency_median_le_1.0s" not in result.goals and "cpu_rtf_le_0.1" in result.goals


def test_default_clips_include_a_whole_spoken_answer() -> None:
    words = [len(text.split()) for text in ESPEAK_ANSWERS]
    assert max(words) >= 80  # ~35 s at 150 wpm: the final text then follows committed pieces


def test_bench_stt_help_names_the_figures() -> None:
    out = CliRunner().invoke(main, ["bench", "stt", "--help"])
    assert out.exit_code == 0 and "real-time factor" in out.output and "--json" in out.output
