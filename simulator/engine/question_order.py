"""Which bank questions a round asks, in what order, and how many: the level, what was seen recently, the seed."""

from __future__ import annotations

import random

from ..catalog import Question, Round

MINUTES_PER_QUESTION = {"conversation": 10.0, "coding": 25.0}


def planned_question_count(round_: Round, available: int) -> int:
    if round_.planned_questions is not None:
        return min(available, round_.planned_questions)
    per_question = MINUTES_PER_QUESTION[round_.kind]
    return max(1, min(available, round(round_.minutes / per_question)))


def choose_questions(round_: Round, *, level: str | None, recent: set[str], seed: int | None) -> list[Question]:
    """Bank questions in asking order: suited to the level, unseen recently first, shuffled by seed."""
    rng = random.Random(seed)
    suited = [q for q in round_.questions if not level or not q.levels or level in q.levels] or list(round_.questions)
    fresh = [q for q in suited if q.id not in recent]
    seen = [q for q in suited if q.id in recent]
    rng.shuffle(fresh)
    rng.shuffle(seen)
    return fresh + seen
