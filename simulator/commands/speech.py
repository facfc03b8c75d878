"""CLI commands for voice input: `devices` lists microphones, `transcribe` runs a file through the recogniser."""

from __future__ import annotations

from pathlib import Path

import click

from .common import catalog_or_exit, echo_json, fail, state


def register(group: click.Group) -> None:
    """Add this area's commands to the main group."""
    group.add_command(devices)
    group.add_command(transcribe)


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def devices(as_json: bool) -> None:
    """List audio input devices (use the index or a part of the name as stt.input_device)."""
    from ..speech.devices import list_input_devices
    from ..speech.errors import AudioUnavailableError

    try:
        found = list_input_devices()
    except AudioUnavailableError as exc:
        fail(str(exc))
        return
    if as_json:
        echo_json([d.model_dump() for d in found])
        return
    if not found:
        fail("no audio input devices found (no microphone, or PortAudio cannot see it); answers can still be typed")
    for d in found:
        mark = "*" if d.is_default else " "
        click.echo(f"{mark} {d.index:>3}  {d.name}  ({d.channels} ch, {d.default_samplerate:.0f} Hz)")


@click.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--round", "round_spec", help="LOOP/ROUND (or a unique round id): add that round's vocabulary.")
@click.option("--model", help="tiny.en (default), base, a CTranslate2 directory, or a size name.")
@click.option("--no-vocabulary", is_flag=True, help="Plain decoding: no jargon prompt, no disfluent prompt, no correction.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON: text (corrected), raw_text (Whisper's), corrections, words, metrics, timing.")
@click.pass_context
def transcribe(
    ctx: click.Context, file: Path, round_spec: str | None, model: str | None, no_vocabulary: bool, as_json: bool
) -> None:
    """Transcribe an audio FILE with the configured speech model and report delivery metrics."""
    from ..speech.audio_files import load_audio
    from ..speech.errors import VoiceError
    from ..speech.metrics import delivery_metrics
    from ..speech.recognizer import make_recognizer
    from ..speech.vocabulary import correction_terms, find_loop_round

    settings = state(ctx).settings(**({"stt.model": model} if model else {}))
    catalog = loop = rnd = None
    if round_spec:
        catalog = catalog_or_exit(settings)
        try:
            loop, rnd = find_loop_round(catalog, round_spec)
        except KeyError as exc:
            fail(str(exc.args[0]))
    try:
        audio = load_audio(file)
    except Exception as exc:  # noqa: BLE001 - PyAV raises many kinds for a bad file
        fail(f"cannot read {file}: {exc}")
        return
    notices: list[str] = []
    recognizer = make_recognizer(settings, on_notice=notices.append)
    try:
        result = recognizer.transcribe(
            audio, vocabulary=None if no_vocabulary else correction_terms(catalog, loop, rnd), disfluent=not no_vocabulary
        )
    except VoiceError as exc:
        fail(str(exc))
        return
    for notice in notices:
        click.echo(f"notice: {notice}", err=True)
    metrics = delivery_metrics(result.words, settings.stt.fillers)
    payload = {
        "text": result.text,
        "raw_text": result.text if result.raw_text is None else result.raw_text,
        "corrections": [c.model_dump() for c in result.corrections],
        "words": [w.model_dump() for w in result.words],
        "metrics": {
            "wpm": metrics.wpm,
            "fillers_per_min": metrics.fillers_per_min,
            "pauses_over_2s": metrics.pauses_over_2s,
            "longest_pause_s": metrics.longest_pause_s,
            "duration_s": metrics.duration_s,
        },
        "timing": result.timing.model_dump(),
    }
    if as_json:
        echo_json(payload)
        return
    click.echo(result.text)
    for c in result.corrections:
        click.echo(f"corrected: {c.heard!r} -> {c.term!r} at {c.start:.1f} s", err=True)
    t = result.timing
    click.echo(
        f"\n{metrics.words} words in {metrics.duration_s:.1f} s: {metrics.wpm:.0f} wpm, "
        f"{metrics.filler_count} fillers ({metrics.fillers_per_min:.1f}/min), "
        f"{metrics.pauses_over_2s} pauses > 2 s (longest {metrics.longest_pause_s:.1f} s)",
        err=True,
    )
    click.echo(f"{t.model} on {t.device}: {t.transcribe_s:.2f} s for {t.audio_s:.1f} s of audio (RTF {t.rtf:.3f})", err=True)
