"""The report's delivery summary, without Textual (scoring itself is RoundService's)."""

from __future__ import annotations

from statistics import mean

from ..engine.turns import Speaker, Turn


class DeliverySummary:
    """Delivery over a round's answers: pace, fillers, pauses, length against the round's guidance, talk ratio."""

    def __init__(self, turns: list[Turn], guidance_s: tuple[int, int]) -> None:
        answers = [t for t in turns if t.speaker is Speaker.CANDIDATE and t.text.strip()]
        metrics = [t.metrics for t in answers if t.metrics is not None]
        self.answers = len(answers)
        self.wpm = round(mean(m.wpm for m in metrics), 1) if metrics else None
        self.fillers_per_min = round(mean(m.fillers_per_min for m in metrics), 2) if metrics else None
        self.pauses_over_2s = sum(m.pauses_over_2s for m in metrics)
        durations = [max(0.0, t.t_end - t.t_start) for t in answers]
        self.mean_answer_s = round(mean(durations), 1) if durations else None
        self.guidance_s = guidance_s
        words_cand = sum(len(t.text.split()) for t in answers)
        words_int = sum(len(t.text.split()) for t in turns if t.speaker is Speaker.INTERVIEWER)
        self.talk_ratio = round(words_int / words_cand, 2) if words_cand else None

    def lines(self) -> list[str]:
        low, high = self.guidance_s
        out = [f"Answers: {self.answers}"]
        if self.mean_answer_s is not None:
            verdict = "shorter than" if self.mean_answer_s < low else "longer than" if self.mean_answer_s > high else "within"
            out.append(f"Mean answer length: {self.mean_answer_s:.0f} s ({verdict} the {low}-{high} s guidance)")
        if self.wpm is not None:
            out.append(f"Pace: {self.wpm:.0f} words per minute")
        if self.fillers_per_min is not None:
            out.append(f"Fillers: {self.fillers_per_min:.1f} per minute; pauses over 2 s: {self.pauses_over_2s}")
        if self.talk_ratio is not None:
            out.append(f"Interviewer/candidate talk ratio (words): {self.talk_ratio:.2f}")
        return out
