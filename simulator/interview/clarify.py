"""A candidate's clarifying questions, answered from the scenario's facts, with no model.

In a design, case-study or coding round a strong candidate asks before
answering ("how much traffic does it get?"). The interviewer answers from the
question's `facts` in the rubric YAML, or, when the YAML holds nothing on that
point, says it is the candidate's call. A turn that only asks leaves the same
bank question open; a turn that asks and then answers ("I'd assume 10k QPS, is
that right? Then I'd...") gets the facts and also counts as an answer.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from ..catalog.glossary import GlossaryTerm, normal_name
from ..catalog.models import Loop, Question
from ..catalog.topic_words import TOPIC_RE
from ..scoring.injection import mask_grader_text
from ..scoring.meaning.clauses import Clause, split_clauses, story_question
from ..scoring.meaning.spoken import normalise_spoken
from .rephrase import SHORT_TURN_WORDS, asks_what_was_meant, interviewers_word
from .passing import passes_in
from .turn_asks import SAID_ALREADY, asked_again, says_it_was_answered, with_readings
from .check_ins import DETAIL, asks_depth
from .moving_on import ends_the_session, move_on_at
from .about_lines import about_company, job_asked
from .asks import Ask, Clarification, asks_permission, compose_reply, facts_for
from .readings import offered_reading
from .fact_match import TERM_NEAREST_MIN, choose_facts, keyed_facts
from .terms import term_asked, term_before, term_named
from .told import story_tag
from .turn_shape import (assumed_before, checks_back, explaining, invited_assumption, put_to_confirm, sentence_start, starts_sentence,
                         statements, why_asked)
from .call_phrases import BREAK, BREAK_GRANTED, CALL_FIXED, CALL_TROUBLE, GREETED, GREETING, HEAR_YOU, HEARING
from .turn_phrases import (
    ACKNOWLEDGES, ANNOUNCES_WORK, ANOTHER_STORY, ASKS_ANOTHER_STORY, ASKED_AFTER_IF, ANNOUNCES_ASK, ANSWERS_ITSELF,
    ANSWER_MARK, ANSWER_WORDS, ANSWERED_ALOUD, ASK_GOES_ON, ASKED_IN_PLACE, ASSUMES, BARE, NO_WORDS, POLAR_ASK,
    SAY_MORE, SAY_MORE_STORY, ELABORATES, BECAUSE, BY_TERM, CHECK_IN, CHOOSES, CONFIRM, FILLER_RESTART,
    GLOSS_QUESTION, GUESSED, HEDGE, GO_AHEAD, GO_ON, HINT, IN_MIND, INDIRECT, BACK_REFERENCE, INVITES_CORRECTION,
    JOINED, MARKED_QUESTION, MEAN_BY, OKAY_WITH_YOU, ORDINAL_STEP, OR_ASKS, PLAN_LIST, PERMISSION, PLAN_WORDS,
    POLAR_FACT, POLAR_MID, POLAR_START, PREAMBLE, PUT_TO_YOU, QUOTED, RANGE_CHECK, REPEAT, REPORTED, RHETORICAL, asks_repeat,
    SECOND_ASK, SHORT_WORDS, SPOKEN_QUESTION, STATES_ASSUMPTION, TAG_CONFIRM, TAG_THEN_ASKS, TAG_RIGHT, TAKE_YOUR_TIME, TAKES_BACK,
    THINKING, TOPIC_FIRST, WH_START,
)
from .job_phrases import AFTER_THE_ROUND, PASSED_ON, TIME_CHECK, TIME_LEFT, VALUES_CHECK
from .question_phrases import FEEDBACK_AT_THE_END, FEEDBACK_LATER, HOW_AM_I_DOING, ORIGINAL_QUESTION, STORY_FITS
from .round_lines import question_again


# After "what?": the candidate says again what they asked, not asking to hear the question (played blind, 2026-12-07)
_RESTATES = re.compile(r"^(?:(?:sorry|no|oh|um+|uh+)\W+)*i (?:meant|mean|was asking|asked)\b", re.IGNORECASE)
OPTION_WORDS = 4  # "Weekly? Seasonal?", "Like one in a thousand?": options offered, not questions of their own


def _offers_options(clause: Clause, ask: Ask, question: Question) -> bool:
    """ "How often does the data drift? Weekly? Seasonal?": after a question, a few words naming no topic of their own
    offer answers to it (guesses, options), and the facts that answer it answer them."""
    words = clause.norm.split()
    return (len(words) <= OPTION_WORDS and not WH_START.match(clause.norm) and not ask.topics and ask.said is None
            and not ask.repeat and not keyed_facts(clause.norm, question))


def _told_not_asked(parts: list[Ask], clause: Clause, after: Clause | None, kinds_after: list[str | None]) -> bool:
    """In a turn that answers: a question the candidate answers at once ("How do we know it works? Offline recall at
    50...", "Random negatives are too easy, right? A random product is almost never relevant...") or one from a story
    ("The PM asked me, can we ship it anyway?").

    A question some fact answers stays asked ("What's the traffic? I'd guess 10k QPS, so..." wants the number), and
    so does one put to the interviewer ("are you dropping the conditions jointly?"), one the candidate goes on to
    assume an answer to or settle ("Technical or people? I'll take the technical one."), and (the caller leaves those out) an assumption to confirm or a yes/no question about the
    facts ("Are the scores floats or ints? Either way...")."""
    if any(a.facts or a.said is not None or a.repeat for a in parts) or QUOTED.search(clause.norm) or MEAN_BY.search(clause.norm):
        return False
    if REPORTED.match(clause.norm):
        return True
    if re.search(r"\byou\b", clause.norm, re.IGNORECASE) or asks_permission(clause.norm):  # "are you dropping the conditions
        return False  # jointly?", "is it ok if the promotion didn't go through the first time?" ask the interviewer
    return after is not None and kinds_after[:1] == [None] and not ASSUMES.search(after.norm) and not CHOOSES.match(after.norm)


# "What's the daily order volume and the base rate of risky orders?" asks two things (played blind, 2026-12-07: the base
# rate went untold): the wh-word heads the second noun phrase too
_WH_HEAD = re.compile(r"^(?:\w+,? )?(?:what(?:'s| is| are| was| were)|how (?:many|much|big|long) (?:is|are)) ", re.IGNORECASE)
_PAIRED = re.compile(r"\b(?:between|both|ratio|difference|gap|overlap|correlation|trade-?off)\b", re.IGNORECASE)  # one thing of two
_AND_NOUN = re.compile(r",?\s+and\s+(?=(?:the|its|their|our|your)\s)", re.IGNORECASE)


def _each_part(ask: Ask, asked: str, clause: Clause, question: Question, lead: str, glossary: Sequence[GlossaryTerm],
               claims: bool = False) -> list[Ask]:
    """The ask, or one per part when the clause asks two things and each part is answered by its own facts.

    Read whole, "what's the gpu budget like and who's on the team" is matched to the single fact closest to it;
    read in parts, the budget and the team each get theirs. `lead`: what the sentence said before the ask (below).
    """
    parts = [p for p in SECOND_ASK.split(asked) if p.strip()]
    joined = list(_AND_NOUN.finditer(asked)) if len(parts) == 1 else []
    # "what's the daily order volume and the base rate of fraud?" asks for each, "the gap between A and B" for one thing
    noun_phrases = len(joined) == 1 and (head := _WH_HEAD.match(asked)) is not None and not _PAIRED.search(asked[: joined[0].start()])
    if noun_phrases:
        parts = [asked[: joined[0].start()], head.group() + asked[joined[0].end() :]]
    found = [facts_for(replace(clause, norm=part), question, glossary) for part in parts] if len(parts) > 1 and (ask.facts or noun_phrases) else []
    if ask.facts and found and all(a is not None and a.facts for a in found):
        return [_by_meaning(a, part, question, lead, claims) for a, part in zip(found, parts, strict=True) if a is not None]
    if noun_phrases and ask.said is None and not ask.repeat and ask.term is None:
        # "...the number of orders scored each day and the share that are fraud": meaning finds each its fact
        read = [_by_meaning(a or replace(ask, facts=()), part, question, lead, claims) for a, part in zip(found, parts, strict=True)]
        if all(a.facts for a in read) and read[0].facts != read[1].facts:
            return read
    return [_by_meaning(ask, asked, question, lead, claims)]


def _by_meaning(ask: Ask, asked: str, question: Question, lead: str = "", claims: bool = False) -> Ask:
    """The facts an ask gets once meaning has had its say (fact_match): found, or swapped for clearly closer ones.

    Meaning reads an ask that refers back with its sentence's lead-in: in 'You said "many new merchants never make a
    first sale": over what time window do we call it "never"?' the ask alone says "it", and the lead-in says what it is.
    Only then: "For Sidekick, same thing first: ... what's the latency budget" would match every fact naming Sidekick.
    """
    read = f"{lead} {asked}".strip()
    if ask.term is not None and not ask.facts:  # a word no fact explains: a fact tied to it, or one that plainly answers the whole question
        keyed = keyed_facts(read, question)  # "what do you mean by audits?" is what the audit fact says (played, 2026-12-06)
        facts = tuple(keyed) if keyed else choose_facts(read, question, (), nearest=TERM_NEAREST_MIN)
        # chosen by meaning, a fact uses the word at most: one the candidate offered readings of stays open beside it
        return replace(ask, facts=facts, term=ask.term if offered_reading(ask, question.problem is not None) else None) if facts else ask
    if ask.repeat or ask.said is not None:
        return ask
    return replace(ask, facts=choose_facts(read, question, ask.facts, claims=claims))


def _lead_in(text: str, clauses: list[Clause], kinds: list[str | None], i: int, asked: str, ask: Ask) -> str:
    """For an ask that says "it", "that", "they" or "which one": the clauses just before it in its sentence that ask
    nothing, or, when it opens its sentence and names no topic of its own, the sentence before it if that asks nothing:
    in "A store that cancels its subscription and one that stops selling aren't the same problem. Which one is
    leadership asking about?" the ask alone names nothing a fact could answer. (One that names a topic, "Do they have
    any randomized traffic logged?", is read alone: the sentence before is the candidate's reasoning, not its subject.)"""
    if not BACK_REFERENCE.search(asked):
        return ""
    first, start = i, sentence_start(text, clauses, i)
    while first > start and kinds[first - 1] is None and clauses[first - 1].norm not in asked:
        first -= 1
    if first == i == start and i and not ask.topics and not ask.facts:
        before = sentence_start(text, clauses, i - 1)
        if all(k is None for k in kinds[before:i]):
            first = before
    return " ".join(c.norm for c in clauses[first:i])


def _asking(clause: Clause, previous: Clause | None, assumed: bool = False) -> str | None:
    """How a clause puts something to the interviewer: "check_in", "confirm", "question", "indirect", or None.

    `assumed`: an earlier clause of the same sentence states an assumption ("I'll assume X, and that Y — correct me").
    """
    text = clause.norm
    if GUESSED.search(text) and not RANGE_CHECK.search(text):  # "I'd guess ten cents, is that in the right range?" asks
        return None
    assumed = assumed or (previous is not None and bool(ASSUMES.search(previous.norm)))
    if CHECK_IN.search(text) and not assumed:
        return "check_in"
    if story_tag(text) and not assumed:  # "...and code fell by about 60 percent, right?" tells the story, asks nothing
        return None
    if IN_MIND.search(text) or INVITES_CORRECTION.search(text) or CONFIRM.search(text) and not STATES_ASSUMPTION.search(text) \
            and (clause.question or ASSUMES.search(text) or assumed):
        return "confirm"
    if clause.question and ASSUMES.search(text):  # "..., I assume, not torch tensors?" checks an assumption
        return "confirm"
    if clause.question or asks_repeat(text) or OKAY_WITH_YOU.search(text):
        return "question"
    return "indirect" if INDIRECT.search(text) else None


# "You tell me." on its own, not "could you tell me how many...?" nor "unless you tell me otherwise"
YOU_TELL_ME = re.compile(r"(?<!could )(?<!can )(?<!would )(?<!will )(?<!unless )(?<!if )\byou tell me(?=\s*(?:[.!?,;]|$))", re.IGNORECASE)
_NOT_ASKED = re.compile(r"(?:then|so|else|otherwise|because|first|second|third|next|finally|i|we|i'd|we'd|i'll|we'll|thanks|thank|ok|okay)\W*$",
                        re.IGNORECASE)


_LISTED = re.compile(r"^\(?\d+[).]\s")  # "1) is the 200 ms p95 per frame...?"


def _lead_in_only(text: str, clauses: list[Clause], i: int) -> bool:
    """A clause before a colon that announces the numbered questions after it, asking nothing itself ("I'd be grateful if
    you could share what data we have: what events are logged...?" asks in the clause itself)."""
    clause, after = clauses[i], clauses[i + 1] if i + 1 < len(clauses) else None
    return (after is not None and "?" not in clause.text and text[clause.span.end:].lstrip()[:1] == ":"
            and not SPOKEN_QUESTION.match(clause.norm) and bool(_LISTED.match(after.norm)))


def _topic_fragment(text: str) -> bool:
    """A few words naming what a fact is about, and nothing else: "latency budget", "and the team"."""
    words = re.sub(r"^(?:and|also|plus|\+)\s+", "", text.strip(" .,;-"), flags=re.IGNORECASE).split()
    return 0 < len(words) <= 3 and not _NOT_ASKED.match(words[0]) and any(p.search(" ".join(words)) for p in TOPIC_RE.values())


# "what would decide it is honestly data volume", "what I'd do is...": a pseudo-cleft says what something is, asking
# nothing (played, 2026-12-06: "Fair question." to a spoken answer that asked none); "what I'd like to know is..." asks.
_PSEUDO_CLEFT = re.compile(
    r"^(?:what|where)\s+(?:(?:i|we|they|i'd|we'd|they'd|i'm|we're|would|will|could|should|might|really|actually)\b"
    r"(?:(?!\byou\b|\bknow\b|\bunderstand|\bask|\bcheck|\bclarif|\bwonder|\bconfirm|\bif\b|\bwhen\b)[^,?]){0,40}?|"
    r"(?:matters|counts|decides|drives|happens|happened|worries|worked|helped|changed|broke)\s+(?:most\s+)?)(?:is|was|are|were)\b",
    re.IGNORECASE)


# A heading in the order a statement takes ("What interleaving can't tell you:", "Why it fails:"), not a question's ("what's
# the latency budget: is it per frame")
_HEADING = re.compile(r"^(?:what|why|how|where|when|which|who)\s+(?!(?:is|are|was|were|do|does|did|can|could|would|should|will|"
                      r"many|much|big|large|long|fast|often|about|if)\b)[\w-]+\s+\w", re.IGNORECASE)


def _spoken_question(clauses: list[Clause], i: int) -> bool:
    """A clause in the shape of a spoken question; "the p95 is that per frame | or the whole clip" is split at "or"."""
    text = clauses[i].norm
    if i + 1 < len(clauses) and re.match(r"or\b", clauses[i + 1].norm, re.IGNORECASE):
        text = f"{text} {clauses[i + 1].norm}"
    return bool(SPOKEN_QUESTION.match(text) or TOPIC_FIRST.match(text)) and not _PSEUDO_CLEFT.match(text)


def _restarts_asking(clause: Clause) -> bool:
    """Speech marks a new start with a filler: "...gpu util stays flat um is the flag ramped to everyone" asks."""
    return any(SPOKEN_QUESTION.match(rest := normalise_spoken(clause.text[m.end():])) and not _PSEUDO_CLEFT.match(rest)
               for m in FILLER_RESTART.finditer(clause.text) if m.start() > 0)


_WH_ASKED = re.compile(r"^(?:\w+,? ){0,2}(?:what|what's|why|which|who)\b", re.IGNORECASE)  # not "how much time is left? It's a long story"
# "Why would we need a GPU at all? We don't: ...", "So what's the real bottleneck here? It's label delay, ...", and in a
# story "What happened to the people? Nothing really, everyone moved on" (played, 2026-12-06: "That's your call"); not
# "What six weeks - is that the delivery deadline? Nobody mentioned that." (played blind, 2026-12-07: read as an answer)
_SAYS_WHAT = re.compile(r"^(?:nothing|nobody|no one|none|not much|everyone|everybody)\b(?! (?:mentioned|said|told|asked|gave))|"
                        r"^(?:we|you|they) (?:don'?t|do not|won'?t|wouldn'?t|can'?t|do|would)\b|^(?:it|that)(?:'s| is) (?!(?:a |an )?"
                        r"(?:good|fair|great) question|probably|maybe|likely|around|about|roughly|like|approximately)", re.IGNORECASE)


def _answers_itself(asked: str, after: Clause) -> bool:
    """Thinking aloud: "why does it matter? because..." (`asked`: how its sentence starts). After "is it web?", it says why."""
    if BECAUSE.match(after.norm):
        return bool(WH_START.match(asked))
    return bool(ANSWERS_ITSELF.match(after.norm) or _WH_ASKED.match(asked) and _SAYS_WHAT.match(after.norm))


def _problem_ask_apart(ask: Ask, asks: list[Ask], text: str, question: Question) -> bool:
    """Beside a question about the job, one about the problem still counts when a sentence of its own asks it in the
    rubric's keywords: "how many GPUs is Magic Expand on today...? And also, how big is the on-call rotation?" (played,
    2026-12-06: only the recruiter line was said); "Is the role remote? And how big is the team?" asks about the job."""
    if not ask.facts or not keyed_facts(ask.text, question):
        return False
    sentences = re.split(r"(?<=[.?!])\s+", text)
    about_job = [s for s in sentences if any(a.said is not None and a.text.strip() in s for a in asks)]
    return not any(ask.text.strip() in s for s in about_job)


def _story_told_aloud(text: str, question: Question, asks: list[Ask]) -> bool:
    """A story question has no facts to ask about: unpunctuated speech of some length whose "questions" are only
    about the problem ("...the success metric we picked was uh was click through rate at first at least", "...slower
    and noisier right because fewer people export") is the story being told (played, 2026-12-05: "That's your call
    — tell it the way that shows your own part best" three times in one round)."""
    return (story_question(question.text) and not question.facts and "?" not in text and len(text.split()) > 2 * SHORT_WORDS
            and all(a.said is None and not a.repeat and not a.term and not PERMISSION.search(a.text) for a in asks))


def read_turn(text: str, question: Question, last_asked: str | None = None, rephrased: str | None = None,
              glossary: Sequence[GlossaryTerm] = (), asking_time: bool = False, loop: Loop | None = None) -> Clarification | None:
    """The turn as a clarification (its questions and the facts that answer them), or None if it asks nothing.

    A turn that is only questions puts every one of them to the interviewer. In a turn that also answers, a
    question counts when it opens the turn, confirms an assumption, or names a topic the facts cover, and not
    when the candidate answers it at once (thinking aloud: "why does it matter? because..."). `asking_time`: the
    interviewer has just answered the candidate's questions or set the problem (turn_history.py), so a bare list of
    topics asks too. `loop`: the question's loop, whose `about` entries a question about the job is told from (about_lines.py).
    """
    taken_back = [m for m in TAKES_BACK.finditer(text) if "?" in text[: m.start()]]
    if taken_back:  # "What's X got to do with this? Actually never mind. ..." asks nothing; what follows is the turn
        text = text[taken_back[-1].end():]
        if not re.search(r"\w", text):
            return Clarification(asks=(), also_answer=False, reply=TAKE_YOUR_TIME)
    if GREETING.match(text):
        return Clarification(asks=(), also_answer=False, reply=GREETED)
    clauses = split_clauses(text)
    named = term_asked(text)
    if asks_what_was_meant(text, named) and len(text.split()) <= SHORT_TURN_WORDS:  # "I don't follow": no pass
        meant = [Ask(text=text.strip(), topics=(), facts=(), repeat=True, rephrase=True)]
        return Clarification(asks=tuple(meant), also_answer=False, reply=compose_reply(meant, question, last_asked, rephrased))
    another = ASKS_ANOTHER_STORY.search(text)
    rest = text[another.end():] if another else ""  # a reason for switching, not the other story ("...: when I led")
    if another and story_question(question.text) and len(re.findall(r"[\w']+", rest)) <= 2 * SHORT_WORDS and not re.match(r"\s*[:—]", rest):
        another = Ask(text=text.strip(), topics=(), facts=(), said=ANOTHER_STORY)  # before "can we try another one?" passes
        return Clarification(asks=(another,), also_answer=False, reply=ANOTHER_STORY)
    if YOU_TELL_ME.search(text):  # "Latency, no idea. Traffic, no idea. You tell me." asks for what it names (played blind)
        named_facts = [a for c in clauses if (a := facts_for(c, question, glossary)) is not None and a.facts]
        if named_facts:
            return Clarification(asks=tuple(named_facts), also_answer=False, reply=compose_reply(named_facts, question, last_asked, rephrased))
    if passes_in(text, clauses) and named is None:  # "I'm not sure what you mean by X" asks about X
        # "Okay, that's it from me. How long left?" moves on, and is told the time first (played blind, 2026-12-07)
        timed = [Ask(text=c.text, topics=(), facts=(), said=TIME_CHECK) for c in clauses if TIME_LEFT.search(c.norm)][:1]
        timed += [Ask(text=c.text, topics=(), facts=(), said=FEEDBACK_LATER) for c in clauses if HOW_AM_I_DOING.search(c.norm)][:1]
        return Clarification(asks=tuple(timed), also_answer=True, reply=" ".join(a.said for a in timed if a.said)) if timed else None
    if says_it_was_answered(text):
        return Clarification(asks=(), also_answer=True, reply=SAID_ALREADY)
    said = mask_grader_text(text)[0]  # words for the grader ("score this 4/4") say nothing to the interviewer
    if BARE.match(text) and last_asked and not POLAR_ASK.match(last_asked) or text.strip() and NO_WORDS.match(said):
        return Clarification(asks=(), also_answer=False, reply=SAY_MORE_STORY if story_question(question.text) else SAY_MORE)
    kinds = [_asking(c, clauses[i - 1] if i else None, assumed_before(text, clauses, i)) for i, c in enumerate(clauses)]
    # "Before I sketch anything, a few things I need pinned down: 1) is the...?": the lead-in asks nothing of its own
    # ("I'd need to know the traffic shape: steady or bursty?" asks in it, the options after the colon)
    kinds = [None if _lead_in_only(text, clauses, i) else k for i, k in enumerate(kinds)]
    asked_mid: set[int] = set()
    if "?" in text:  # written: "Third, is the user waiting for the picks, and if so..." asks, whatever ends it
        for i, clause in enumerate(clauses):
            if kinds[i] is None and starts_sentence(text, clauses, i) and POLAR_START.match(clause.norm):
                kinds[i] = "question"
    else:  # speech: a question starts the turn, a sentence, or follows another question
        for i, clause in enumerate(clauses):
            starts = starts_sentence(text, clauses, i) or kinds[i - 1] == "question"
            if ANSWERED_ALOUD.match(clause.norm) or i + 1 < len(clauses) and HEDGE.match(clauses[i + 1].norm):
                continue
            if i + 1 < len(clauses) and text[clause.span.end:].lstrip()[:1] == ":" and _HEADING.match(clause.norm):
                continue  # "What interleaving can't tell you: it gives..." (played, 2026-12-06: a fact was told to it)
            if kinds[i] is None and (starts and _spoken_question(clauses, i) or _restarts_asking(clause)):
                kinds[i] = "question"
            elif kinds[i] is None and starts and BY_TERM.match(clause.norm):
                kinds[i] = "question"  # "sorry by data problems do you mean data quality ... or ..."
            elif kinds[i] is None and (TAG_THEN_ASKS.search(clause.norm) or ASKED_IN_PLACE.search(clause.norm) or POLAR_MID.search(clause.norm)
                                     or ASKED_AFTER_IF.search(clause.norm) or term_before(clause.norm, [], question, glossary)):
                kinds[i] = "question"
                asked_mid.add(i)  # the question starts inside the clause: what comes before it in the turn is not part of it
            elif kinds[i] is None and i and kinds[i - 1] == "question" and OR_ASKS.search(clause.norm):
                kinds[i] = "question"  # "...do they need the exact same image | like pixel for pixel, or is it enough..."
            elif kinds[i] is None and (len(clause.norm.split()) >= 4 and TAG_RIGHT.search(clause.norm) or TAG_CONFIRM.search(clause.norm)) \
                    and not STATES_ASSUMPTION.search(clause.norm):
                kinds[i] = "confirm"  # "if two attempts have the same timestamp they both count right", "..., is that the gist"
    if asking_time and "?" not in text and all(_topic_fragment(c.norm) for c in clauses):
        kinds = ["question"] * len(clauses)  # "Latency budget. And compute.": more of what was just asked
    # "the 1,000 a day, is that hard? like the team can't do 1,001, or can we pull in temps": the question goes on, and so
    # does an indirect one ("I'd love to know what share use Sidekick, and what share of them use it for marketing")
    for i in range(1, len(clauses)):
        if kinds[i] is None and kinds[i - 1] == "question" and (ELABORATES.match(clauses[i].norm) or OR_ASKS.match(clauses[i].norm)):
            kinds[i] = "question"
        elif kinds[i] is None and kinds[i - 1] == "indirect" and ASK_GOES_ON.match(clauses[i].norm):
            kinds[i] = "indirect"
        elif kinds[i] is None and kinds[i - 1] == "question" and "?" in text and starts_sentence(text, clauses, i) \
                and re.match(r"\W*$|\s*[.?!]", text[clauses[i].span.end:]) and _topic_fragment(clauses[i].norm):
            kinds[i] = "question"  # typed chat: "which surfaces? latency budget" asks for the budget too
    # "so roughly how many products do they have, and how often...?" asks in both pieces of the sentence
    for i in range(1, len(clauses)):
        if kinds[i] == "question" and kinds[i - 1] is None and i not in asked_mid \
                and (JOINED.match(clauses[i].norm) or len(clauses[i].norm.split()) <= 3) \
                and not re.search(r"[.!?]", text[clauses[i - 1].span.end:clauses[i].span.start]) \
                and not ACKNOWLEDGES.match(clauses[i - 1].norm):  # "ok thanks. and how many...?" asks nothing in "ok thanks."
            kinds[i - 1] = "question"
    not_answers = explaining(text, clauses) | put_to_confirm(text, clauses, kinds) | why_asked(text, clauses, kinds)
    stating = statements(clauses, kinds, question, not_answers)
    stated = sum(len(clauses[i].norm.split()) for i in stating)
    # "I'd build the graph over the 30 days... Is there a seed set?": a short plan is an answer all the same
    also_answer = stated >= ANSWER_WORDS or (stated >= PLAN_WORDS and any(ANSWER_MARK.search(clauses[i].norm) for i in stating))
    if not also_answer and len(text.split()) <= SHORT_WORDS and THINKING.match(text.strip()):
        return Clarification(asks=(), also_answer=False, reply=TAKE_YOUR_TIME)
    if CALL_TROUBLE.search(text) and not REPEAT.search(text) and len(text.split()) <= 2 * SHORT_WORDS:  # "you froze, repeat it?"
        return Clarification(asks=(), also_answer=False, reply=CALL_FIXED)
    if HEARING.search(text) and len(text.split()) <= 2 * SHORT_WORDS:
        return Clarification(asks=(), also_answer=False, reply=HEAR_YOU)
    # "...I'm going to structure this like a consulting case, so bear with me. Could I have 30 seconds to think before I
    # start?" ends asking for time (played blind, 2026-12-07: "That's your call")
    if BREAK.search(text) and (len(text.split()) <= 2 * SHORT_WORDS or clauses and BREAK.search(clauses[-1].norm)):
        return Clarification(asks=(), also_answer=False, reply=BREAK_GRANTED)
    if any(HINT.search(c.norm) for c in clauses) and (HINT.search(clauses[-1].norm) and not any(kinds[:-1])  # "...Can I get a hint on
                                                      or sum(len(c.norm.split()) for c in clauses if not HINT.search(c.norm)) < ANSWER_WORDS):  # the reporting part?"
        return Clarification(asks=(), also_answer=False, reply="", hint=text)
    if any(ANNOUNCES_WORK.match(c.norm) for c in clauses) and all(ANNOUNCES_WORK.match(c.norm) or ACKNOWLEDGES.match(c.norm) for c in clauses):
        return Clarification(asks=(), also_answer=False, reply=GO_AHEAD)  # "Okay. Let me code it up."
    if clauses and all(PREAMBLE.match(c.norm) for c in clauses) and any(k == "question" for k in kinds):
        return Clarification(asks=(), also_answer=False, reply=GO_AHEAD)  # "can I ask a couple of questions first?"
    asks: list[Ask] = []
    waits, ends_asking = False, text.rstrip().endswith("?") or not re.search(r"[.!?]", text)  # speech marks nothing
    opening = True  # no statement yet: "Are brand kits small? I'll assume so, which means..." opens by asking
    moving_on = move_on_at(text)  # the clause that ends the answer by asking to move on asks nothing of the problem
    for i, (clause, kind) in enumerate(zip(clauses, kinds, strict=True)):
        if kind is None or PREAMBLE.match(clause.norm) or i == moving_on:
            opening = opening and i not in stating
            continue
        if i + 1 < len(clauses) and asks_repeat(clause.norm) and _RESTATES.match(clauses[i + 1].norm):
            continue  # "Um, what? Sorry, I meant, the other offer, can you speed things up?" says its own ask again
        if kind == "check_in":  # "How am I doing so far, is this the depth you want?" hears both (played blind, 2026-12-07)
            depth = stated and HOW_AM_I_DOING.search(text) and asks_depth(clause.norm)
            if not stated or depth:
                asks.append(Ask(text=clause.text, topics=(), facts=(), said=DETAIL if depth else GO_ON))
            continue
        after = next((j for j in range(i + 1, len(clauses)) if kinds[j] is None), None)  # past "A? B? C?" to what follows
        # "Would it be all right if I start with the scoring? That's where..." gives the reason for asking leave
        if after is not None and kind != "confirm" and not PERMISSION.search(clause.norm) and _answers_itself(clauses[sentence_start(text, clauses, i)].norm, clauses[after]):
            continue
        glossed = bool(i and re.match(r"(?:this|that|it|which) means?\b", clause.norm, re.IGNORECASE) and len(clauses[i - 1].norm.split()) <= 6)
        # "Sorry, 'preprocessing' in the way you framed it — does that include decoding?": the term, then the question
        glossed = glossed or bool(i and not starts_sentence(text, clauses, i) and GLOSS_QUESTION.match(clause.norm)
                                  and term_named(clauses[i - 1].norm) is not None and len(clauses[i - 1].norm.split()) <= 8)
        asked = f"{clauses[i - 1].norm} {clause.norm}" if glossed and i else clause.norm
        invited = invited_assumption(text, clauses, i) if kind == "confirm" else range(0)
        if invited:  # "Correct me if..., but X": what it checks follows it
            asked = " ".join(c.norm for c in clauses[i : invited.stop])
        elif i and (kind == "confirm" or checks_back(text, clauses, i)):  # checks the sentence before it, or its own start
            first = sentence_start(text, clauses, i - 1)
            asked = " ".join(c.norm for c in clauses[first : i + 1])
        pointed_at = term_before(clause.norm, [c.norm for c in clauses[:i]], question, glossary) if term_asked(asked) is None else None
        ask = facts_for(replace(clause, norm=f"what do you mean by {pointed_at}" if pointed_at else asked), question, glossary)
        # "I'm in another process that might give me an offer next week. Is that a problem?" is no story put to it
        if loop is not None and (ask is None or ask.said is None and not ask.repeat and ask.term is None or ask.said == STORY_FITS) \
                and (job_asked(asked, question, loop.about, loop.company) or not (ask and ask.facts) and about_company(asked, question, loop.company)):
            # "office or home?": the loop's `about` says; "...an offer next week. Is that a problem?" with what it points back to
            ask = Ask(text=clause.text if asked == clause.norm else asked, topics=(), facts=(), said=PASSED_ON)
        if loop is not None and (ask is None or ask.said is None) and any(normal_name(v.name) in normal_name(asked) for v in loop.values):
            ask = Ask(text=clause.text, topics=(), facts=(), said=VALUES_CHECK)  # "what is the empower-others value exactly?"
        if pointed_at:  # "Interleaving? ... What is it?" asks one thing: what the word means
            asks = [a for a in asks if normal_name(a.text) != normal_name(pointed_at)]
        # "...so, was anything else shipped that week?" ends the turn by asking (a "because..." after it says why)
        closing = all(kinds[j] is not None or BECAUSE.match(clauses[j].norm) for j in range(i + 1, len(clauses)))
        put = bool(PUT_TO_YOU.search(asked))  # "do you have a trace breakdown?" asks the interviewer, wherever it is
        put = put or (clause.question and bool(POLAR_FACT.match(asked) or MARKED_QUESTION.match(asked) or i and ANNOUNCES_ASK.match(clauses[i - 1].norm)))
        if ask is None and (not also_answer or opening or closing or put or kind == "confirm") and not RHETORICAL.search(asked):
            ask = Ask(text=clause.text, topics=(), facts=())
        if ask is not None and asks and _offers_options(clause, ask, question):
            continue
        if also_answer and not put and ORDINAL_STEP.match(clause.norm) and any(PLAN_LIST.search(c.norm) for c in clauses[:i]):
            continue  # "I'd check three things. First, when does each input become known...?" (played: it got a fact)
        claims = kind == "confirm" or bool(ASSUMES.search(asked))
        parts = _each_part(ask, asked, clause, question, _lead_in(text, clauses, kinds, i, asked, ask), glossary, claims) if ask is not None else []
        if asked != clause.norm:
            parts = [replace(part, checks=asked) for part in parts]
        checks_assumption = kind == "confirm" and (bool(invited) or bool(ASSUMES.search(asked)))  # "correct me if..." asks
        if also_answer and parts and not put and not checks_assumption and _told_not_asked(parts, clause, clauses[i + 1] if i + 1 < len(clauses) else None, kinds[i + 1:]):
            continue
        asks.extend(parts)
        waits = waits or (ends_asking and closing and any(a.said is None for a in parts))  # it ends by asking about the problem
    if stated:  # "...and that's how we shipped it. Should I go on?" checks in at the end of an answer
        asks = [ask for ask in asks if ask.said != GO_ON]
    elif any(a.said in (PASSED_ON, AFTER_THE_ROUND, TIME_CHECK) for a in asks):  # a turn about the job asks nothing about the problem
        asks = [a for a in asks if a.said is not None or a.repeat or _problem_ask_apart(a, asks, text, question)]
    asks = [Ask(text=a.text, topics=(), facts=(), repeat=True, rephrase=True)  # "what do you mean by signals?": its own word
            if a.term and not a.facts and interviewers_word(a.term, last_asked, question) and not offered_reading(a, question.problem is not None) else a
            for a in with_readings(asks)]
    if ORIGINAL_QUESTION.search(text) and last_asked != question.text:  # "...i havent answered the ambiguous one yet..."
        asks = [replace(a, repeat=False, said=question_again(question)) if a.repeat and not a.rephrase else a for a in asks]
    asks = asked_again(asks, text, question)
    if not asks or _story_told_aloud(text, question, asks):
        return None
    # "...How much time do we have left, and should I move on to the next problem?": told the time, then the next question;
    # "...can we wrap up? What are the next steps?": told the next steps, then the round closes (passing.record_reply)
    leaving = moving_on is not None or ends_the_session(text)
    if also_answer or leaving:  # a follow-up or the next question comes after it: no "for now, keep going"
        asks = [replace(a, said=FEEDBACK_LATER) if a.said == FEEDBACK_AT_THE_END else a for a in asks]
    return Clarification(asks=tuple(asks), also_answer=also_answer or leaving, reply=compose_reply(asks, question, last_asked, rephrased),
                         waits=waits and not leaving)
