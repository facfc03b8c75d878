"""The canned wording of a follow-up: what the interviewer says when no model words it, or the model's wording fails.

A rubric probe is said after what the candidate said ("You mentioned the two-tower model: ..."). The turns a real
interviewer says as they are (after a denial, a pass, an answer of a few words, a story told as "the team" or as a
plan) start from the candidate's own words where those can be said back.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..catalog import Catalog, Loop, Question
from ..engine.guard import content_words, safe_phrase
from ..engine.plan import AFTER_A_PASS, COME_TO_THAT, Probe
from ..engine.round import RoundEngine
from ..scoring.meaning.clauses import keyword_list, story_question
from .anchor import MIN_SCORE, Phrase, choose_anchor, phrases, related, written_as_code
from .anchor_lead import DEFAULT_LEAD, said_back, with_anchor
from .evidence_probe import MeaningEvidence, readable
from .fact_context import told_first, untold
from .premises import without_wrong_premises
from .terse import claimed, vague
from .turn_phrases import PRESS
from .verb_phrase import done_to

# After a pass on the question as first asked: a smaller piece of it (the probe a hint would give), or for a story,
# leave to tell a smaller one.
NARROWER = "That's all right; let's take a smaller piece of it first. "
STORY_WAY_IN = ("That's all right. It doesn't have to be a big one: a smaller moment from work, study or a side project "
                "works just as well. Which one comes to mind?")
# After an answer of a few words: how and why, or for a story, the story itself.
EXPLAIN = "What's the reasoning behind that, and how would you go about it in this case?"
PART_LEFT_OUT = "One part of the question you haven't touched: "
# ...unless the answer used the part's words: "we just need to double the team to two thousand reviews" drew "One part
# of the question you haven't touched: what would you do about fraud review capacity as holiday volume doubles?"
# (played blind, 2026-12-07). The evidence model read it weak, not absent: more is asked, nothing claimed about it.
PART_FURTHER = "One part I'd like more on: "
PART_WORDS_SAID = 3  # "check" and "model" said near a part on leakage are no sign of it (tests/test_question_parts.py)
COVERED = "You've covered {anchor}. "
EARLIER_LEAD = "Earlier you mentioned {anchor}:"  # an anchor from an answer before the last is not what was just said
EXPLAIN_VAGUE = "Which ones, concretely, and what would each of them catch in this case?"
EXPLAIN_CLAIM = "What changed, in numbers, and compared with what?"
EXPLAIN_LIST = "That's a list. Which of those matters most here, and how would it work in practice?"
EXPLAIN_LIST_CASE = "That's a list. Take one real case of yours: which of those decided it, and what did it show?"
EXPLAIN_STORY = "Tell me more about it. What was the situation, and what did you do yourself?"
# Before a probe about the company ("which Canva feature have you used recently?"): it follows on from nothing said, and
# "You talked about the A/B test: which Canva feature...?" is a non sequitur (played, 2026-12-05).
TURN_TO_COMPANY = "Thanks for walking me through {anchor}."
# ...after an answer of this many words: "Okay. Five years MLE. Ads ranking at a marketplace. Want commerce scale." drew
# "Thanks for walking me through commerce scale." (played blind, 2026-12-07)
WALKED_THROUGH_WORDS = 20
# Before a probe about something other than the anchor: "You mentioned 2 MB: how would you roll out the change safely?"
# reads as if the question were about 2 MB (graded blind, 2026-12-06: the most common fault of first follow-ups, in 60
# of 163). What was said is acknowledged, and the question stands on its own.
SWITCH_LEAD = "{anchor}, got it."
# Right after a given the candidate got wrong was corrected, what they built on it is neither "covered" nor "got it":
# "Not quite. A new GPU node takes about 6 to 8 minutes..." then "You've covered the HPA." credited "I'd just rely on the
# HPA", said on the 30-second premise (played, 2026-12-06). The probe asks on from the corrected given.
GIVEN_THAT = "With that in mind:"


# What a follow-up says before its question, acknowledging the answer: asked to repeat it or what it meant, the interviewer
# says the question alone ("Sure, again: The original frame, got it. What numbers...?", "I'm asking about code quality:
# negative deltas, got it. How would you...?" were played, 2026-12-06; "Sure, again: We'll come to that next. A weekly
# model...?", 2026-12-07)
_ACKNOWLEDGED = re.compile("^(?:" + "|".join(re.escape(lead).replace(re.escape("{anchor}"), ".+?") + r"\s*" for lead in (
    PRESS, COVERED, TURN_TO_COMPANY, SWITCH_LEAD, PART_LEFT_OUT, PART_FURTHER, EARLIER_LEAD, GIVEN_THAT, AFTER_A_PASS, COME_TO_THAT)) + ")+")


_YOUR_APPROACH = re.compile(r"\byour (?:approach|solution|design|work)\b", re.IGNORECASE)
_NAME_ONLY = re.compile(r"(?:the |a |an )?[A-Z][\w.+/-]*(?: [A-Z][\w.+/-]*)*")  # "PyTorch", "Background Remover"


def question_alone(asked: str) -> str:
    """A follow-up without what it said to the answer before its question."""
    lead = _ACKNOWLEDGED.match(asked)
    return asked if lead is None or lead.end() == len(asked) else asked[lead.end():][:1].upper() + asked[lead.end() + 1:]


class FollowUpWording:
    """Reads what the candidate said on a question for what a follow-up can name."""

    def __init__(self, catalog: Catalog, loop: Loop, engine: RoundEngine, evidence: MeaningEvidence) -> None:
        self.catalog = catalog
        self.loop = loop
        self.engine = engine
        self.evidence = evidence

    def anchor(self, question: Question, probe: Probe) -> Phrase | None:
        """What the follow-up names: the most specific thing said, near where the evidence model read the gap."""
        said = self.engine.answers(question.id)
        if probe.said_at is not None and (picked := self._picked_up(question, readable(said), probe.said_at)) is not None:
            return picked
        criterion = self.catalog.criterion(self.loop, probe.criterion)
        gap = self.evidence.gap(criterion, question.text, said)
        # Once something was answered, the candidate's own questions are not named back as said ("You mentioned thread
        # safe:" after "does it need to be thread safe?" and then code, played 2026-12-05); indices stay for `gap`.
        asked = self.engine.only_asked(question.id)
        answered = any(turn not in asked for turn in said)
        found = choose_anchor(
            ["" if answered and turn in asked else without_wrong_premises(text, question)
             for turn, text in zip(said, readable(said), strict=True)],
            question=question.text,
            gap=gap.span if gap else None, gap_answer=gap.answer_index if gap else None,
            avoid=self.engine.asked, sayable=safe_phrase, about=probe.canned,
        )  # fmt: skip
        # "Going back to PyTorch: how would you explain your approach...?" (played blind, 2026-12-07): a name is no approach
        return None if found is not None and _YOUR_APPROACH.search(probe.canned) and _NAME_ONLY.fullmatch(found.text) else found

    @staticmethod
    def _picked_up(question: Question, said: tuple[str, ...], at: tuple[int, int, int]) -> Phrase | None:
        """What a question's own follow-up picks up, as the phrase said there ("dynamic batching" where its trigger
        matched "batching"), or a verb matched with what it acted on ("caching the results per design", verb_phrase.py);
        None where no phrase there is specific enough to name ("You mentioned deploy:" would be
        said), and the anchor is chosen as for any probe."""
        index, start, end = at
        if written_as_code(said[index]):  # "On collections import OrderedDict class FeatureCache:" (played, 2026-12-06)
            return None
        near = [p for p in phrases(said[index], question=question.text, answer_index=index)
                if p.span.start < end and start < p.span.end and p.score >= MIN_SCORE and safe_phrase(p.spoken)]
        return max(near, key=lambda p: p.score) if near else done_to(said[index], start, end, index)

    def lead(self, question: Question, probe: Probe, anchor: Phrase | None, lead: str, corrected: bool = False,
             checked_in: bool = False) -> str:
        """GIVEN_THAT right after a given the candidate got wrong was `corrected`; SWITCH_LEAD before a question's
        own follow-up that names its own subject, not the anchor (the anchor is not
        what it picks up, and the ask does not say it), unless the answer's check-in was just answered (`checked_in`:
        "That's the right level of detail for now." then "9 million per day, got it. Between...?" acknowledged it twice,
        2026-12-07); else the persona's `lead`. A rubric probe is worded for any
        answer ("What changed in numbers?"): the anchor is its subject. Where a trigger matched no phrase to name
        ("min-heap" in a clause of verbs), "You mentioned the per-account counter: what happens to the complexity when
        k...?" made another phrase its subject (graded broken, 37 of 180 first follow-ups on untried triggers, 2026-12-06)."""
        if corrected:
            return GIVEN_THAT
        said = self.engine.answers(question.id)
        # An anchor from an answer before the last is no "X, got it.": "The 1,000 capacity, got it." came after
        # "Monitoring: drift, retrain. Standard." (played, 2026-12-06)
        # After a pass, so is any anchor: "That's fine. About 10,000 stores: at 40 visits...?" followed "I don't know how I'd
        # handle the languages" (played blind, 2026-12-07)
        stale = anchor is not None and (anchor.answer < len(said) - 1 or probe.lead == AFTER_A_PASS)
        if anchor is not None and probe.own_subject and not related(anchor.kept, probe.canned) and not (
                probe.said_at is not None and anchor == self._picked_up(question, readable(said), probe.said_at)):
            return "" if stale or probe.lead or checked_in else SWITCH_LEAD  # "That's fine. The A/B test, got it." says two things
        if anchor is not None and re.match(r"[\d$€£]", anchor.spoken) and lead.startswith(("About ", "On ")):
            return DEFAULT_LEAD  # "About 10,000 stores:" reads as a rough count, not a way in (played blind, 2026-12-07)
        return EARLIER_LEAD if stale and lead.startswith("{anchor}") else lead

    def looking_back(self, probe: Probe, anchor: Phrase | None) -> Probe:
        """The criterion's looking-back question in place of a rubric probe that asks for what the anchor says was
        never there: "You mentioned having no adoption numbers: what changed in numbers...?" (played, 2026-12-06: the
        evidence model read no denial in "We never had any metric on it after launch, no adoption numbers, nothing")."""
        back = self.catalog.criterion(self.loop, probe.criterion).looking_back
        if probe.kind != "probe" or anchor is None or not anchor.negated or not back or not related(anchor.kept, probe.canned) \
                or not self.engine.unasked(back):
            return probe
        return probe.model_copy(update={"canned": back, "kind": "looking_back", "own_subject": False, "said_at": None})

    def canned(self, question: Question, probe: Probe, anchor: Phrase | None, lead: str = DEFAULT_LEAD) -> str:
        """The follow-up as said without a model; `anchor` is what a rubric probe names (see `anchor`), after `lead`."""
        said = self.engine.answers(question.id)
        story = story_question(question.text)
        if probe.kind == "looking_back":  # after the candidate's own words: the point is they said it
            denial = self._sayable(self._denial(question, probe))
            if denial is None and anchor is not None and anchor.negated:  # a denial the evidence model did not read
                return with_anchor(probe.canned, anchor.spoken, lead)
            return said_back(probe.canned, denial)
        if probe.kind in ("plan_only", "failing_run", "other_half", "depends_on"):
            return probe.canned
        if probe.kind == "press":
            return PRESS + probe.canned
        if probe.kind == "part":  # after what was covered, so the candidate hears it was listened to
            ask = probe.canned if probe.canned[:2] in ("I ", "I'") or probe.canned[:2].isupper() else probe.canned[:1].lower() + probe.canned[1:]
            # not "You've covered having no free LLM agent.", nor a figure as if it were a part ("You've covered 40%.", played)
            covered = anchor is not None and not anchor.negated and lead != GIVEN_THAT and not re.match(r"[\d$€£]", anchor.spoken)
            touched = len(content_words(probe.canned) & content_words(" ".join(readable(said)))) >= PART_WORDS_SAID
            return (COVERED.format(anchor=anchor.spoken) if covered else "") + (PART_FURTHER if touched else PART_LEFT_OUT) + ask
        if probe.kind == "narrower":
            return STORY_WAY_IN if story else NARROWER + probe.canned
        if probe.kind == "explain":
            last = readable(said)[-1] if said else None
            if story and last is not None and (claim := claimed(last)) is not None:  # 'You said "it worked really well": what changed...?'
                return said_back(EXPLAIN_CLAIM, claim)
            if last is not None and vague(last):
                return said_back(EXPLAIN_VAGUE, self._sayable(last))
            if last is not None and keyword_list(last):  # a list of terms is not quoted back
                return EXPLAIN_LIST_CASE if story or not question.facts else EXPLAIN_LIST
            return said_back(EXPLAIN_STORY if story else EXPLAIN, self._sayable(last))
        if probe.kind == "own_part":  # it starts from what the team did; a model may word it around the anchor
            return said_back(probe.canned, self._sayable(self.evidence.team_clause(said)))
        if self.loop.company.lower() in probe.canned.lower():  # after a few words there was nothing to walk through
            walked = bool(said) and len(readable(said)[-1].split()) >= WALKED_THROUGH_WORDS
            return with_anchor(probe.canned, anchor.spoken if anchor and walked else None, TURN_TO_COMPANY)
        return with_anchor(probe.canned, anchor.spoken if anchor else None, lead)

    def given(self, question: Question, text: str, earlier: Sequence[str]) -> str:
        """`text` after the scenario details it quotes that no `earlier` turn said (fact_context.py); they are then told,
        so no probe asks back what they answer."""
        details = untold(question, text, earlier)
        self.engine.record_told([fact.topic for fact in details.values()])
        return told_first(list(details), text)

    def _denial(self, question: Question, probe: Probe) -> str | None:
        """The clause in which the candidate said the probed practice was not done."""
        criterion = self.catalog.criterion(self.loop, probe.criterion)
        gap = self.evidence.gap(criterion, question.text, self.engine.answers(question.id))
        return gap.text if gap is not None else None

    @staticmethod
    def _sayable(text: str | None) -> str | None:
        return text if text and safe_phrase(text) else None
