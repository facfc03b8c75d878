"""The app's view of a round: RoundSession plus the few moves only a live candidate makes.

No Textual here, so it is testable on its own. The additions use the session's
own recording path (`_say`, `_record`) so every turn still goes through
`on_turn` and is committed to the store as it happens:
- `notice`: an interviewer notice from outside the planner (hidden-test
  results of a coding round, a repeated question, a clarification).
- `finish`: keep the answer typed so far and close the round without a
  follow-up (the time box or the candidate ended it).
"""

from __future__ import annotations

from collections.abc import AsyncIterator

from ..catalog import Catalog, Loop, Question
from ..engine.turns import DeliveryMetrics, Speaker, TurnKind
from ..interview.round_session import RoundEvent, RoundSession, TurnDone


class AppRoundSession(RoundSession):
    def notice(self, text: str, *, source: str) -> list[RoundEvent]:
        """Say and record an interviewer notice now (between turns only)."""
        return self._say(TurnKind.NOTICE, text, source=source)

    async def finish(
        self,
        reason: str,
        text: str = "",
        *,
        t_start: float | None = None,
        t_end: float | None = None,
        metrics: DeliveryMetrics | None = None,
        audio_path: str | None = None,
    ) -> AsyncIterator[RoundEvent]:
        """Keep the unfinished answer (if any words were given, typed or spoken), then the closing line."""
        if self.closed:
            return
        if text.strip():
            question = self.engine.current_question
            start = self.engine.elapsed() if t_start is None else t_start
            end = self.engine.elapsed() if t_end is None else t_end
            turn = self._record(
                Speaker.CANDIDATE, TurnKind.ANSWER, text, start, end,
                question_id=question.id if question else None, source="candidate", metrics=metrics,
                audio_path=audio_path,
            )  # fmt: skip
            yield TurnDone(turn)
        async for event in self.close(reason):
            yield event


def typed_metrics(text: str, duration_s: float) -> DeliveryMetrics:
    """Pace of a typed answer: words and words per minute over the time the candidate took."""
    words = len(text.split())
    duration = max(0.0, duration_s)
    wpm = words / duration * 60.0 if duration > 0 else 0.0
    return DeliveryMetrics(duration_s=round(duration, 2), words=words, wpm=round(wpm, 1))


def clarification_text(catalog: Catalog, loop: Loop, question: Question) -> str:
    """What the interviewer says when asked to clarify: the question again and what a good answer covers."""
    titles = []
    for crit_id in question.criteria:
        try:
            titles.append(catalog.criterion(loop, crit_id).title.lower())
        except KeyError:
            continue
    focus = ", ".join(titles[:3]) if titles else "your own reasoning"
    return f"Sure. The question is: {question.text} I'm mostly listening for {focus}."
