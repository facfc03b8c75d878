"""Make untrusted text safe to print: control characters become visible, never executed.

Candidate answers, imported sessions and coach notes are data. Printed raw, an
ESC sequence in them would drive the reader's terminal (colours, cursor moves,
clearing the screen, setting the window title, OSC 52 clipboard writes), and a
Markdown/HTML export would carry the same bytes to whoever `cat`s or opens it.
Every C0 control except newline and tab, DEL, and every C1 control (U+0080-U+009F,
which some terminals honour as 8-bit CSI/OSC) is replaced by a visible stand-in:
the Unicode control picture for C0 and DEL (ESC -> "␛"), `\\x9b`-style text for C1.
"""

from __future__ import annotations

import re
from typing import Any, TypeVar

from pydantic import BaseModel

_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\x80-\x9f]")

M = TypeVar("M", bound=BaseModel)


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # ␀ .. ␟
    if code == 0x7F:
        return "\u2421"  # ␡
    return f"\\x{code:02x}"


def printable(text: str) -> str:
    """`text` with every control character except newline and tab made visible."""
    return _UNSAFE.sub(_picture, text)


def printable_data(value: Any) -> Any:
    """`printable` applied to every string inside plain data (dicts, lists, tuples), keys included."""
    if isinstance(value, str):
        return printable(value)
    if isinstance(value, dict):
        return {printable_data(k): printable_data(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [printable_data(v) for v in value]
    return value


def printable_model(model: M) -> M:
    """A copy of a pydantic model with every string made printable (for renderers, not for storage)."""
    return type(model).model_validate(printable_data(model.model_dump(mode="python")))
