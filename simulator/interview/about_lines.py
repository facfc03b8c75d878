"""What the interviewer tells a candidate who asks about the job, the team, the process or the culture: the loop's
`about` entries, chosen by meaning.

Played blind (2026-12-07, fourth player): most of 52 unanswered asks were questions like "is the role hybrid?" or "what
would I actually work on?" passed on with "I'll make sure you get the details in writing", though the seed guides say
each in a sentence. A question is compared with each entry's `asked` (question to question: MiniLM reads a question
far closer to another question than to the statement answering it); one close to none is still passed on, as pay,
visas and reporting lines are.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence

from ..catalog.models import AboutEntry, Question
from ..scoring.meaning import EmbedderUnavailable, default_model
from ..scoring.meaning.clauses import story_question
from .drift import sets_a_problem
from .job_phrases import AFTER_THE_ROUND, PASSED_ON

log = logging.getLogger(__name__)

ABOUT_MIN_COSINE = 0.55  # chosen on the first half of tests/data/job_questions_blind.yaml (see README, "About the job")
# ... and this much closer to an entry's questions than to the problem's own facts or question: "What's the culture of
# the merchants using this feature?" (0.57 to "What's the culture like?", 0.48 to the question's facts) asks about the
# problem, whatever the words it shares with a job question.
PROBLEM_MARGIN = 0.15


# Words that say a question is about the job, which it must have where the question sets a problem (job_asked)
_ABOUT_ME = re.compile(r"\b(?:i|i'?d|i'?m|i'?ll|me|my|here|role|job|position|career|promotions?|office|remote|hybrid|culture|interviews?|"
                       r"loop|hiring|recruiter|engineers|mles|people|folks)\b", re.IGNORECASE)
# "Sorry, the question is about failure or about success?" asks about the question, not the job (played blind,
# 2026-12-07: it was told what success after a year looks like)
_THE_QUESTION = re.compile(r"\b(?:the|this|your|that) question\b", re.IGNORECASE)


def _closest(question: str, about: Sequence[AboutEntry], problem: Sequence[str] = ()) -> tuple[AboutEntry | None, float, float]:
    """The entry whose example questions `question` is closest to, that cosine, and the best cosine to `problem`."""
    asked = [text for entry in about for text in entry.asked]
    if not asked or not question.strip():
        return None, 0.0, 0.0
    owners = [entry for entry in about for _ in entry.asked]
    vectors = default_model().embedder.embed([*asked, *problem, question])  # the embedder keeps each text's vector
    similarity = vectors[:-1] @ vectors[-1]
    best = int(similarity[: len(asked)].argmax())
    return owners[best], float(similarity[best]), float(similarity[len(asked):].max()) if problem else 0.0


def job_asked(asked: str, question: Question, about: Sequence[AboutEntry], company: str = "") -> bool:
    """`asked` is a question about the job an entry answers, not about the problem `question` sets (its text, its facts).
    Where the question sets a problem, the ask must say it is about the job (`_ABOUT_ME`, the `company`): "how many
    merchants does this affect, and what does success look like?" in a case study asks for its success metric."""
    if not about or _THE_QUESTION.search(asked):
        return False
    # a question with facts sets a problem whatever its criteria: "what's the baseline success rate?" on an ML question
    # was told what success after a year looks like (played blind, 2026-12-07)
    sets_one = sets_a_problem(question) or bool(question.facts)
    if sets_one and not (_ABOUT_ME.search(asked) or company and re.search(rf"\b{re.escape(company)}\b", asked, re.IGNORECASE)):
        return False
    try:
        # a question that sets no problem may itself be about the job ("...are you able to work from Sydney hybrid or
        # remotely?"): asked about, it is no problem of the round's to keep apart from
        own = [question.text] if sets_one else []
        _, cosine, problem = _closest(asked, about, [*own, *(f.text for f in question.facts if f.topic != "term")])
    except EmbedderUnavailable as exc:
        log.debug("job question not read: %s", exc)
        return False
    return cosine >= ABOUT_MIN_COSINE and cosine >= problem + PROBLEM_MARGIN


def about_company(asked: str, question: Question, company: str) -> bool:
    """In a story round, a question no fact answers that names the company ("what does Canva count as the main metric for
    recommendations?", "in Shopify how the ML team work with designers?") asks about the company, not about how to tell
    the story: "That's your call — tell it the way that shows your own part best." was said (played blind, 2026-12-07).
    In a round that sets a problem, the company's systems are the problem's: what no fact holds is the candidate's call.
    The caller reads it only for a question no fact answers."""
    if not story_question(question.text):
        return False
    return re.search(rf"\b(?:{re.escape(company)}|your (?:team|company|org)|you guys|(?:the )?team here)\b", asked, re.IGNORECASE) is not None


def about_answer(question: str, about: Sequence[AboutEntry], round_id: str = "") -> AboutEntry | None:
    """The entry whose example questions `question` is closest to, if close enough and said in round `round_id`; None
    when none is, or when the model cannot load (the question is then passed on, as before)."""
    try:
        entry, cosine, _ = _closest(question, about)
    except EmbedderUnavailable as exc:
        log.debug("job question not matched: %s", exc)
        return None
    return entry if cosine >= ABOUT_MIN_COSINE and entry is not None and entry.told_in(round_id) else None


def told_about(reply: str, job_asks: Sequence[str], about: Sequence[AboutEntry], round_id: str = "") -> str:
    """The reply with what the entries say in round `round_id` for the job questions `job_asks` (each passed on in
    `reply` by PASSED_ON or AFTER_THE_ROUND): said where the first deferral was, which stays only for a question no
    entry answers."""
    entries: list[AboutEntry] = []
    answered = 0
    for asked in job_asks:
        entry = about_answer(asked, about, round_id)
        answered += entry is not None
        if entry is not None and entry not in entries:
            entries.append(entry)
    deferrals = [line for line in (PASSED_ON, AFTER_THE_ROUND) if line in reply]
    if not entries or not deferrals:
        return reply
    first = min(reply.find(line) for line in deferrals)
    rest = reply[first:]
    if answered == len(job_asks):
        for line in deferrals:
            rest = rest.replace(line, "")
    return " ".join(part for part in (reply[:first].strip(), *(e.text or "" for e in entries), rest.strip()) if part)
