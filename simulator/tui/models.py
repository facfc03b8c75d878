"""Plain pydantic records the screens pass around (no Textual, no I/O).

Only what the home screen needs lives here, because this module is on the launch
path: `RoundOutcome` pulls in the scoring models (and through them the catalog and
jinja2), so it lives in `outcome.py` and loads with the interview and report screens.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

ModelState = Literal["idle", "warming", "ready", "failed", "off"]


class ModelStatus(BaseModel):
    """What the home screen shows about one model: which, where, and whether it is usable yet."""

    kind: Literal["llm", "stt"]
    label: str
    state: ModelState
    detail: str = ""

    def line(self) -> str:
        marks = {"idle": "·", "warming": "…", "ready": "✓", "failed": "✗", "off": "-"}
        what = "LLM" if self.kind == "llm" else "Whisper"
        text = f"{marks[self.state]} {what}: {self.label} — {self.state}"
        return f"{text} ({self.detail})" if self.detail else text


class InterviewPlan(BaseModel):
    """What the home screen asked for: a loop, its rounds in order, and who is interviewed how."""

    loop_id: str
    round_ids: list[str] = Field(min_length=1)
    whole_loop: bool = False
    level: str | None = None
    persona: str | None = Field(None, description="persona id overriding each round's own")
    candidate: str = Field(min_length=1)
    mode: Literal["typing", "voice"] = "typing"
    seed: int | None = None
    take_homes: dict[str, str] = Field(
        default_factory=dict, description="round id -> take-home id: those rounds are played as a take-home"
    )

