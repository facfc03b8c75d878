"""Input devices through sounddevice (PortAudio), imported lazily and failing with clear messages."""

from __future__ import annotations

from types import ModuleType

from .errors import AudioUnavailableError
from .models import InputDevice

PORTAUDIO_HINT = "install PortAudio (Debian/Ubuntu: apt-get install libportaudio2) or answer by typing"


def import_sounddevice() -> ModuleType:
    """`import sounddevice`, which raises OSError when the PortAudio library is missing."""
    try:
        import sounddevice
    except OSError as exc:
        raise AudioUnavailableError(f"voice input needs the PortAudio library ({exc}); {PORTAUDIO_HINT}") from exc
    return sounddevice


def list_input_devices() -> list[InputDevice]:
    """Devices with input channels. Raises AudioUnavailableError without PortAudio."""
    sd = import_sounddevice()
    try:
        devices = sd.query_devices()
        default_in = sd.default.device[0] if sd.default.device else -1
    except Exception as exc:  # noqa: BLE001 - PortAudioError and friends
        raise AudioUnavailableError(f"cannot list audio devices: {exc}") from exc
    return [
        InputDevice(
            index=i,
            name=str(d["name"]),
            channels=int(d["max_input_channels"]),
            default_samplerate=float(d["default_samplerate"]),
            is_default=i == default_in,
        )
        for i, d in enumerate(devices)
        if int(d["max_input_channels"]) > 0
    ]


def resolve_input_device(spec: str | int | None, devices: list[InputDevice] | None = None) -> int | None:
    """None = the system default; an index; or a case-insensitive part of a device name."""
    if spec is None or spec == "":
        return None
    if isinstance(spec, int) or str(spec).strip().isdigit():
        return int(spec)
    devices = list_input_devices() if devices is None else devices
    wanted = str(spec).lower()
    matches = [d for d in devices if wanted in d.name.lower()]
    if not matches:
        names = ", ".join(f"{d.index}: {d.name}" for d in devices) or "none"
        raise AudioUnavailableError(f"no input device matches {spec!r}; input devices: {names}")
    exact = [d for d in matches if d.name.lower() == wanted]
    return (exact or matches)[0].index
