"""An answer of a few words: it names what ("PSI.", "Two-tower with ANN retrieval.") but says no how and no why.

A real interviewer asks such a candidate to unpack it before probing anything else: a rubric probe after
"Leakage, probably." asks about a gap in an answer that has not been given yet.
"""

from __future__ import annotations

import re

from ..scoring.injection import mask_grader_text
from ..scoring.meaning.clauses import keyword_list
from ..scoring.meaning.spoken import normalise_spoken

TERSE_WORDS = 12  # an answer of more words than this says some how or why, or is a story begun
# A reason or a mechanism, however short: "XGBoost, because the features are tabular" is an answer.
_REASONS = re.compile(r"\b(?:because|since|so that|so we|so i|which means|that way|in order to|otherwise|unless|"
                      r"by (?:\w+ing)|due to|given that|as long as)\b|\bcause\b|\bbc\b", re.IGNORECASE)
# Code is not read for its words: a short function ("def pair_sum(nums, target): ...") is an answer to run, not a claim.
_CODE = re.compile(r"^\s*(?:def|class|import|from|return|for|while|if)\b.*[:(]|[{};=]\s*$|\w\(.*\)\s*:", re.MULTILINE)
_WORDS = re.compile(r"[A-Za-z0-9][\w'@.%/+-]*")


LIST_WORDS = 2 * TERSE_WORDS  # a short list of terms names things as a terse answer does ("AUC, precision, recall, ...")


# "the usual things", "Standard.": a later answer this vague is asked to unpack too (played, 2026-12-06: "Monitoring,
# the usual things." drew a probe on something else)
_VAGUE = re.compile(r"\b(?:the usual|usual (?:stuff|things)|the normal (?:stuff|things)|typical (?:stuff|things)|stuff like that|"
                    r"things like that|etc|and so on)\b|\bstandard(?: stuff| things)?\W*$", re.IGNORECASE)


# A result claimed in words with nothing to show for it: "We shipped it and it worked really well, everyone was happy."
# drew a question on the stakeholders, and "We just kind of did it, it was fine." one on the candidate's own part, both
# already told (played, 2026-12-06). A real interviewer asks what "worked well" means.
_CLAIMED = re.compile(
    r"\b(?:(?:it|that|this|everything|things|all) (?:\w+ )?(?:worked|went|turned) (?:out )?(?:really |very |pretty |super |quite |just )?"
    r"(?:well|great|fine|smoothly|ok|okay)|(?:everyone|everybody|they|the team|people|stakeholders) (?:was|were) (?:really |very |pretty |super )?"
    r"(?:happy|pleased|satisfied|thrilled)|(?:it|that|this) was (?:really |pretty )?(?:fine|great|good|a (?:big |huge |real )?success|successful))\b",
    re.IGNORECASE)
_FIGURE = re.compile(r"\d|\b(?:percent|twice|double[ds]?|halved|half)\b", re.IGNORECASE)


def claimed(answer: str) -> str | None:
    """The clause claiming a result in words alone, where the answer gives no figure."""
    match = _CLAIMED.search(answer)
    if match is None or _FIGURE.search(normalise_spoken(answer)):
        return None
    return re.split(r"[,;.!?]\s*", answer[match.start():], maxsplit=1)[0]


def vague(answer: str) -> bool:
    return bool(_VAGUE.search(answer)) or claimed(answer) is not None


def terse(question: str, answer: str, first: bool = True) -> bool:
    """The answer names something in at most TERSE_WORDS words, or lists terms in at most LIST_WORDS, with no reason
    or mechanism in them (played, 2026-12-06: "offline metrics, AUC, precision, recall, calibration, A/B test,
    guardrails, monitoring, stakeholder sign-off" drew a hypothetical trade-off, not a request for one real case);
    after the first answer, only when it also says it is the usual thing. Read as the planner reads it: words said to
    the grader are no part of it."""
    answer = mask_grader_text(answer)[0]
    if _CODE.search(answer) or not first and not vague(answer):
        return False
    words = _WORDS.findall(normalise_spoken(answer))
    short = len(words) <= TERSE_WORDS or len(words) <= LIST_WORDS and keyword_list(answer)
    return 0 < len(words) and short and not _REASONS.search(answer)
