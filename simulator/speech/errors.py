"""Errors the voice layer raises or reports, each with a message a person can act on.

The UI shows `str(error)` as is and switches to typing mode; nothing here should
crash a session, so every audio-library failure is translated into one of these.
"""

from __future__ import annotations


class VoiceError(Exception):
    """Base class: something stopped voice input; the message says what and what to do."""


class AudioUnavailableError(VoiceError):
    """No PortAudio library, no input device, or the device would not open."""


class AudioDeviceLostError(VoiceError):
    """The input device stopped delivering audio in the middle of an answer (unplugged, muted by the OS ...)."""


class ModelUnavailableError(VoiceError):
    """The configured speech model cannot be found or loaded."""
