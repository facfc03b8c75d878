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
from dataclasses import dataclass

from ..catalog.models import Fact, Question
from ..scoring.meaning.clauses import Clause, split_clauses, story_question

# Words that say what a question is about, per fact topic.
TOPIC_WORDS: dict[str, str] = {
    "scale": r"traffic|qps|rps|requests?|queries|users?|how many|volume|scale|how big|size|daily|monthly|dau|mau|"
             r"throughput|peak|load|catalog(?:ue)?|items?|products?|listings?|merchants?|shops?|stores?|templates?|designs?",
    "latency": r"latency|how fast|response time|milliseconds?|ms|real[- ]?time|online|sla|slo|p9\d|p50|latency budget|time budget|"
               r"synchronous|batch|offline|how quickly|fresh|freshness",
    "data": r"data|logs?|logging|logged|labels?|labell?ed|annotat\w*|history|historical|dataset|features?|signals?|"
            r"tracked|track|record(?:ed|s)?|per[- ]version|ground truth|clicks?|feedback",
    "users": r"who (?:are|is) (?:the )?(?:users?|customers?|audience)|users?|customers?|audience|merchants?|designers?|"
             r"buyers?|shoppers?|personas?|who uses",
    "success_metric": r"metrics?|success|kpis?|measured?|goal|objective|north star|optimi[sz]e|target|win|judge",
    "team": r"team|engineers?|headcount|people|staff|who (?:else )?works",
    "timeline": r"timeline|deadline|how long|weeks?|months?|by when|launch date|when does",
    "budget": r"budget|cost|spend|gpus?|money|dollars?|expensive|cheap",
    "scope": r"scope|mvp|first version|v1|which features|in scope|out of scope|focus",
    "constraints": r"constraints?|limits?|limitations?|requirements?|on[- ]device|regulat\w*|compliance|must",
    "current_system": r"today|currently|existing|current|baseline|already|right now|in place|legacy|how is it done",
    "quality": r"quality|accuracy|precision|recall|error rate|false positives?|false negatives?|how good",
    "platform": r"platform|devices?|mobile|web|desktop|cloud|infra\w*|serving|hardware|stack|where does it run",
    "privacy": r"privacy|pii|gdpr|consent|personal data|retention|anonymi[sz]\w*",
    "languages": r"languages?|locales?|multilingual|english|international|countries",
    "input": r"inputs?|empty|null|none|nan|duplicates?|ties?|sorted|unsorted|negative|length|how (?:large|big|long) can|n|"
             r"edge cases?|format of",
    "output": r"outputs?|return(?:s|ed)?|format|order(?:ed|ing)?|print",
}
_TOPIC_RE = {topic: re.compile(rf"\b(?:{words})\b", re.IGNORECASE) for topic, words in TOPIC_WORDS.items()}
_REPEAT = re.compile(
    r"\b(?:repeat|say (?:that|it|the question) again|come again|one more time|rephrase|didn't (?:catch|hear)|what was the question)\b",
    re.IGNORECASE,
)
_TERM = re.compile(
    r"\b(?:what(?: do you mean by| does| is| are|['’]s)|(?:can|could|would) you (?:explain|define|clarify)(?: what)?(?: you mean by)?|"
    r"(?:please )?(?:explain|define))\s+(?:a |an |the )?[\"'“‘]?(?P<term>[\w\s/-]{2,40}?)[\"'”’]?"
    r"\s*(?:means?|stands? for|is|are)?\s*(?:exactly|here|in this case|for this)?\s*(?:exactly)?\s*\??$",
    re.IGNORECASE,
)
# Asking leave to choose ("is it ok if I start with a baseline?") is the candidate's call: no fact answers it.
_PERMISSION = re.compile(
    r"\b(?:is it (?:ok|okay|fine|alright|all right) (?:if|to)|would it be (?:ok|okay|fine) (?:if|to)|(?:do you )?mind if i|"
    r"(?:can|could|may|should) i (?:start|begin|go|use|focus|skip|cover|pick|choose|ignore|leave)|"
    r"^is [\w\s.+#-]{1,30}? (?:ok|okay|fine|alright|all right|allowed)\W*$)",
    re.IGNORECASE,
)
# About the job, not the problem ("is this role remote?", "what are the next steps?"): no rubric fact answers it,
# and a real interviewer passes it on rather than making it up.
_LOGISTICS = re.compile(
    r"\b(?:remote|hybrid|in[- ]office|relocat\w*|visas?|sponsor\w*|salary|salaries|compensation|pay (?:band|range)|equity|"
    r"benefits|start date|next steps?|notice period|(?:hiring|interview|recruiting) process|this (?:role|position|job)|"
    r"the (?:role|position|job) (?:is|be)|how (?:big|large) is (?:the|your) team|who (?:would|will) i (?:report|work) (?:to|with)|"
    r"reporting line|work(?:ing)? hours|time ?zones?)\b",
    re.IGNORECASE,
)
PASSED_ON = "I'll make sure you get the details in writing after this round; let's stay with the question."
_CHOICE = re.compile(r"^(?:\w+,? )?(?:do|does|would|should|shall|are|is|did|can|could) (?:you|i|we|it|this|that)\b.*\bor\b", re.IGNORECASE)
# About the shape of the answer ("should it be a recent example?", "how long should my answer be?", "do you mean at
# work?"), and asking whether to go on: the interviewer says so, and the turn is not evidence.
_ABOUT_THE_ANSWER = re.compile(
    r"^(?:\w+,? )?(?:should|does|do|must|can|could|may) (?:it|the (?:example|story|answer)|that|this|my (?:example|story|answer)) "
    r"(?:be|have to|need to|come|include)\b|\bhow (?:long|detailed|much detail|technical) should (?:my|the|i|it)\b|\bdo you mean\b",
    re.IGNORECASE,
)
_GO_ON = re.compile(r"^(?:\w+,? )?(?:do|would|shall|should) (?:you (?:want|like) me to|i) (?:go|dig|dive|say|talk|explain|elaborate|"
                    r"continue|keep going)\b", re.IGNORECASE)
ANY_STORY = "Any real example works: pick the one you can tell in the most detail. A couple of minutes is plenty."
GO_ON = "Yes, please go on."
# The question turned back on the interviewer: a real one asks for the candidate's own take.
_TURNED_BACK = re.compile(r"\bwhat would you (?:do|suggest|recommend|pick|choose|use)\b|\bhow would you (?:do|approach|solve|tackle)\b|"
                          r"\bwhat do you (?:think|suggest|recommend)\b|\bwhat'?s the (?:right|best|expected) (?:answer|approach)\b",
                          re.IGNORECASE)
YOUR_TAKE = "I'd rather hear your take: talk me through how you'd approach it."
_ASKS_WHAT = re.compile(r"\b(?:how|what|which|who|when|where|whether)\b", re.IGNORECASE)  # "can I start by asking how much traffic..."
# Asking oneself ("how would I approach this?") is thinking aloud, not a question for the interviewer.
_RHETORICAL = re.compile(r"^(?:so |and |now |okay |ok )?(?:how|what|where|why) (?:would|should|do|can|could) i\b(?! assume)",
                         re.IGNORECASE)
_PREAMBLE = re.compile(
    r"^(?:before i (?:design|start|begin|dive|jump)\w*(?: in(?:to)?)?(?: anything| it| this)?|quick question|"
    r"(?:a |one |a couple of |two |some )?(?:quick )?(?:questions?|clarifications?)(?: first)?|sure|okay|ok|great|thanks|"
    r"first(?:,)? (?:a|some) (?:question|questions|clarification)s?|can i ask(?: a few things)?(?: first)?)[\s,.:!-]*$",
    re.IGNORECASE,
)
# Whole turns that are not answers: asking for time, for a hint, or passing ("I don't know").
_THINKING = re.compile(
    r"^(?:\W*(?:um+|uh+|hmm+|okay|ok|so|right|sure|sorry)\b)*\W*(?:let me think|give me an? (?:moment|second|sec|minute)|"
    r"one (?:moment|second|sec)|bear with me|just an? (?:moment|second|sec)|let me (?:gather|collect) my thoughts|"
    r"i need an? (?:moment|second|minute)|can i (?:have|take) an? (?:moment|second|minute))\b",
    re.IGNORECASE,
)
_HINT = re.compile(r"\b(?:an?y? hints?|a nudge|a clue|a pointer|any pointers|where (?:should|do|would) i (?:start|begin)|"
                   r"point me in the right direction)\b", re.IGNORECASE)
_PASS = re.compile(
    r"^(?:\W*(?:honestly|sorry|um+|uh+|hmm+|well|so)\b)*\W*(?:i (?:really )?(?:don'?t|do not) know|(?:i have )?no idea|"
    r"i'?m not sure|not sure|i'?ll pass|pass|skip(?: this one| that one| it)?|can we skip (?:this|that|it)(?: one)?|"
    r"next question)\W*(?:honestly|sorry|to be honest)?\W*$",
    re.IGNORECASE,
)
SHORT_WORDS = 12  # a turn that asks for time, a hint or to pass is short: a longer one is an answer
TAKE_YOUR_TIME = "Take your time."
ANSWER_WORDS = 20  # statements beyond this many words make the turn an answer too
YOUR_CALL = "your call — state your assumption and go on"


@dataclass(frozen=True)
class Ask:
    """One question the candidate put to the interviewer, and the facts that answer it."""

    text: str
    topics: tuple[str, ...]
    facts: tuple[Fact, ...]
    repeat: bool = False
    term: str | None = None  # a term asked about that no fact explains: the candidate defines it
    said: str | None = None  # a line the interviewer says back to a question that is not about the problem


@dataclass(frozen=True)
class Clarification:
    asks: tuple[Ask, ...]
    also_answer: bool  # the turn carries an answer besides its questions
    reply: str
    hint: bool = False  # asked for a hint: the session adds a nudge from the rubric's probes

    @property
    def facts(self) -> list[Fact]:
        return _unique([f for a in self.asks for f in a.facts])

    @property
    def about_problem(self) -> bool:
        """Asked about the problem (evidence of scoping it), not only to hear it again, about the job or the like."""
        return any(not a.repeat and a.said is None for a in self.asks)


def _unique(facts: list[Fact]) -> list[Fact]:
    """Facts in order, each once (facts hold lists, so they are compared, not hashed)."""
    out: list[Fact] = []
    for fact in facts:
        if fact not in out:
            out.append(fact)
    return out


def _topics(text: str) -> tuple[str, ...]:
    return tuple(t for t, pattern in _TOPIC_RE.items() if pattern.search(text))


def _term_asked(text: str) -> str | None:
    """The term a "what do you mean by X?" / "could you explain X?" asks about, if the clause asks that."""
    match = _TERM.search(text.strip())
    return match.group("term").strip() if match else None


def _term_fact(asked: str, question: Question) -> Fact | None:
    lowered = asked.lower()
    for fact in question.facts:
        if fact.term and (fact.term.lower() in lowered or lowered in fact.term.lower()):
            return fact
    return None


def _facts_for(clause: Clause, question: Question) -> Ask | None:
    text = clause.norm
    if _REPEAT.search(text):
        return Ask(text=clause.text, topics=(), facts=(), repeat=True)
    term = _term_asked(text)
    explained = _term_fact(term, question) if term else None
    if explained is not None:
        return Ask(text=clause.text, topics=("term",), facts=(explained,))
    if _TURNED_BACK.search(text):
        return Ask(text=clause.text, topics=(), facts=(), said=YOUR_TAKE)
    if _GO_ON.search(text):
        return Ask(text=clause.text, topics=(), facts=(), said=GO_ON)
    if _ABOUT_THE_ANSWER.search(text) and story_question(question.text):
        return Ask(text=clause.text, topics=(), facts=(), said=ANY_STORY)
    if _PERMISSION.search(text) and not _ASKS_WHAT.search(text):
        return Ask(text=clause.text, topics=(), facts=())
    topics = _topics(text)
    keyed = [f for f in question.facts if f.keywords and any(re.search(rf"\b{re.escape(k)}\b", text, re.IGNORECASE) for k in f.keywords)]
    facts = keyed or [f for f in question.facts if f.topic in topics and f.topic != "term"]
    if facts:  # "what should I return if...?" is a question even in the form of thinking aloud, when a fact answers it
        return Ask(text=clause.text, topics=topics, facts=tuple(_unique(facts)))
    if _RHETORICAL.search(text):
        return None
    if _LOGISTICS.search(text):
        return Ask(text=clause.text, topics=(), facts=(), said=PASSED_ON)
    if _CHOICE.search(text):  # "do you want a technical failure or a people one?": either is the candidate's call
        return Ask(text=clause.text, topics=(), facts=())
    if topics:
        return Ask(text=clause.text, topics=topics, facts=())
    if term is not None:
        # A question about a word is a question to the interviewer even when no fact explains it.
        return Ask(text=clause.text, topics=("term",), facts=(), term=term)
    return None


def _answer_words(clauses: list[Clause]) -> int:
    return sum(len(c.norm.split()) for c in clauses if not c.question and not _PREAMBLE.match(c.norm))


def passes(text: str) -> bool:
    """The whole turn passes on the question ("I don't know, honestly", "can we skip this one?")."""
    return bool(_PASS.match(text.strip()))


def read_turn(text: str, question: Question) -> Clarification | None:
    """The turn as a clarification (its questions and the facts that answer them), or None if it asks nothing."""
    if len(text.split()) <= SHORT_WORDS:
        if _THINKING.match(text.strip()):
            return Clarification(asks=(), also_answer=False, reply=TAKE_YOUR_TIME)
        if _HINT.search(text):
            return Clarification(asks=(), also_answer=False, reply="", hint=True)
    clauses = split_clauses(text)
    asks = [ask for c in clauses if c.question and (ask := _facts_for(c, question)) is not None]
    also_answer = _answer_words(clauses) >= ANSWER_WORDS
    if also_answer:  # "...and that's how we shipped it. Should I go on?" checks in at the end of an answer
        asks = [ask for ask in asks if ask.said != GO_ON]
    if not asks:
        return None
    return Clarification(asks=tuple(asks), also_answer=also_answer, reply=compose_reply(asks, question))


def compose_reply(asks: list[Ask], question: Question) -> str:
    """What the interviewer says: the question again if asked, each fact once, the lines said back to questions that
    are not about the problem (each once), and "your call" for the rest."""
    parts: list[str] = []
    if any(a.repeat for a in asks):
        parts.append(f"Sure, again: {question.text}")
    given: list[Fact] = []
    open_topics: list[str] = []
    open_terms: list[str] = []
    for ask in asks:
        if ask.repeat:
            continue
        new = [f for f in ask.facts if f not in given]
        given.extend(new)
        if ask.term is not None:
            if ask.term.lower() not in (t.lower() for t in open_terms):
                open_terms.append(ask.term)
        elif not ask.facts and ask.said is None:
            open_topics.extend(t for t in ask.topics if t not in open_topics)
    if given:
        parts.append(("Good question. " if not parts else "") + " ".join(f.text.strip() for f in given))
    parts.extend(dict.fromkeys(a.said for a in asks if a.said is not None))
    if open_terms:
        named = " and ".join(f'"{t}"' for t in open_terms[:2])
        parts.append(f"I haven't pinned down {named} for this one: say what you take it to mean, then go on.")
    if open_topics or (not given and not parts):
        what = " and ".join(t.replace("_", " ") for t in open_topics[:2])
        parts.append((f"On {what}, that's " if what else "That's ") + YOUR_CALL + ".")
    return " ".join(parts)
