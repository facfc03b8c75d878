"""What a live round needs beyond RoundSession: typed-answer pace and the clarification line.

No Textual here, so it is testable on its own.
"""

from __future__ import annotations

from ..catalog import Catalog, Loop, Question
from ..engine.turns import DeliveryMetrics


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
