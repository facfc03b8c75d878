"""A bank question the candidate names: "For the influencing question, ...", "Let me go to the fraud rings one."

Why: a candidate with several questions in view (a coding round's two problems, a case's parts) says which one they
take, by a few of its words. Played blind (2026-12-07): "I think NDCG is done unless you want more. Let me go to the
fraud rings one. I'll use union-find over accounts..." drew "Union-find, got it." and a follow-up on NDCG, and the
rings code that came next was run against NDCG's hidden tests. The question is found by its words (their first five
letters), held by one question the round will still ask more than by any other and by the open one; code pasted for
a problem not yet open names it by what it defines.
"""

from __future__ import annotations

import re

from ..catalog.models import Question

FUNCTION_WORDS = frozenset(
    "a an the to of in on for and or with i we you your my our it is was be that this what how would do did when about "
    "time tell me have has as at by from".split())
# Words that place a question, not name it: "the next one", "the other problem", "the SQL question"
_PLACES = frozenset("next other second third first last previous same different another following remaining final easy easier "
                    "hard harder simple simpler coding sql python design".split())
# "For the influencing question, I got the search team to adopt...", "Also for the feature pipeline one, I'd use a
# streaming job...": the candidate names the question the answer is for (played blind, 2026-12-07: four such were
# followed up on the open question, and the named one then asked as if unanswered).
_NAMES_QUESTION = re.compile(r"^\W*(?:(?:also|and|so|ok|okay|now|oh|actually|then|going back|back)\W+)*(?:for|on|about|re|regarding|"
                             r"to answer) (?:the|your) (?P<name>[\w&/' -]{2,40}?) (?:question|one)\b", re.IGNORECASE)
# Headed by its words: "Sure. Prototype to production: a churn model for..." (played blind, 2026-12-07: the question was
# then asked word for word)
_HEADED = re.compile(r"^\W*(?:(?:sure|ok(?:ay)?|so|right|yes|yeah|alright|and|now)\W+)*(?P<name>[\w&/' -]{3,40}?)\s?:\s", re.IGNORECASE)
# Going to it, anywhere in the turn: "Let me go to the fraud rings one.", "can we switch to the sessionize problem?"
GOES_TO = re.compile(
    r"\b(?:let me|let'?s|i'?ll|i will|i'?m going to|i'?m gonna|i want to|i'?d like to|(?:can|could|shall|may|should) (?:we|i))\W+"
    r"(?:just |now |quickly |please )?(?:(?:go|move|switch|jump|skip|head|turn)(?: on| over| ahead| back)? to|(?:do|start|tackle|try|take) on|"
    r"(?:do|start|tackle|try|take)(?= the [\w&/' -]{2,40}? (?:question|problem|exercise)\b)) (?:the|your) (?P<name>[\w&/' -]{2,40}?) "
    r"(?:question|one|problem|exercise)\b", re.IGNORECASE)


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower())


def named_in(answer: str, open_question: Question, unasked: list[Question]) -> Question | None:
    """The question the answer opens by saying it is for, or goes to anywhere in it."""
    said = _NAMES_QUESTION.match(answer)
    if said:
        return _question_named(said.group("name"), open_question, unasked, 3)
    return goes_to(answer, open_question, unasked) or coded_for(answer, open_question, unasked)


_DEFINED = re.compile(r"^(?:def|class) (\w+)", re.MULTILINE)


def coded_for(text: str, open_question: Question, unasked: list[Question]) -> Question | None:
    """The problem not yet asked whose code the turn holds: its entrypoint defined, or a function named by words only
    that problem's text holds ("def net_revenue(orders, refunds):" pasted while the ECE problem was open drew "We'll come
    to that next." and the ECE follow-up again, played blind 2026-12-07)."""
    names = _DEFINED.findall(text)
    if not names or open_question.problem is None or open_question.problem.entrypoint in names:
        return None
    problems = [q for q in unasked if q.problem is not None]
    defined = next((q for q in problems if q.problem is not None and q.problem.entrypoint in names), None)
    if defined is not None:
        return defined
    stems = [{w[:5] for w in re.findall(r"[a-z]{3,}", name.lower())} for name in names]
    own = {w[:5] for w in words(open_question.text)}
    fits = [q for q in problems if any(len(s) > 1 and s <= {w[:5] for w in words(q.text)} and not s & own for s in stems)]
    return fits[0] if len(fits) == 1 else None


def headed_by(answer: str, open_question: Question, unasked: list[Question]) -> Question | None:
    """The question not yet asked whose words head the answer ("Prototype to production: a churn model..."): a weaker
    sign than naming it, since a point of the open question's answer may be headed so too ("Cold start: ...")."""
    headed = _HEADED.match(answer)
    return _question_named(headed.group("name"), open_question, unasked, 4, whole=True) if headed else None


def goes_to(text: str, open_question: Question, unasked: list[Question]) -> Question | None:
    """The question not yet asked that the turn says it goes to ("Let me go to the fraud rings one.")."""
    return next((q for m in GOES_TO.finditer(text) if (q := _question_named(m.group("name"), open_question, unasked, 4))), None)


def _question_named(name: str, open_question: Question, unasked: list[Question], min_letters: int, whole: bool = False) -> Question | None:
    """The one question not yet asked whose text holds most of the name's words (of `min_letters` or more: "the two-tower
    one" is no question's "two"; an acronym: "AI"), more of them than the open one holds; all of them, and two at
    least, for a heading (`whole`: "Cold start:" heads a point of the open question's answer, not another question)."""
    stems = {w[:5] for w in words(name) if w not in FUNCTION_WORDS | _PLACES and len(w) >= min_letters}
    stems |= {a.lower() for a in re.findall(r"\b[A-Z]{2,4}\b", name) if a.lower() not in _PLACES}  # "the AI shopping question"
    def held(question: Question) -> int:
        return len(stems & {w[:5] for w in words(question.text)})
    if not stems or not unasked or whole and len(stems) < 2:
        return None
    counts = [held(q) for q in unasked]
    best = max(counts)
    if held(open_question) >= best or whole and best < len(stems):
        return None  # the open question says as much of it
    return unasked[counts.index(best)] if best and counts.count(best) == 1 else None
