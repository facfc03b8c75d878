"""The chunker's vocabulary: which words end a phrase an interviewer could name, which are verbs, which name nothing.

Kept apart from anchor.py, which holds how an anchor is chosen, so the lists can
grow with what candidates say without burying that logic.
"""

from __future__ import annotations

import re

FUNCTION_WORDS = frozenset(
    """
    this that these those i me we us you he she it they them him her its itself myself ourselves themselves yourself yourselves herself himself oneself who whom whose which what
    when where why how whether if then than so because since while until unless though although but and or nor yet also
    as at by for from in into of off on onto out over to under up down with within without about above across after
    against along among around before behind below beneath beside between beyond during except inside near per through
    toward towards upon via vs versus like just only even still already again ever never not no yes very really quite
    rather pretty too much more most less least many few several some any all both each every either neither other
    another such own same there here now once twice later soon back away maybe perhaps probably actually basically
    especially mostly mainly mainly roughly about almost around exactly instead otherwise however therefore thus
    am is are was were be been being have has had having do does did doing done would should could can may might must
    will shall wo ca 's 're 've 'd 'll n't i'd i'm i've i'll we'd we're we've we'll it's that's there's they're they'd
    let lets let's ok okay well um uh erm oh yeah sure right plus minus etc alone together apart ahead afterwards upfront anyway
    please kindly sorry wait hey hi hello
    meanwhile everyone everybody someone somebody anyone anybody nobody whatever whoever today yesterday tomorrow tonight
    earlier sooner beforehand afterward lately recently past sometimes always often usually generally typically occasionally
    frequently rarely seldom wise
    zero one two three four five six seven eight nine ten first second third
    im ive dont cant wont didnt doesnt isnt wasnt arent werent wouldnt couldnt shouldnt havent hasnt hadnt
    thats theres whats theyre youre weve theyve youve
    eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty
    seventy eighty ninety hundred thousand million billion half quarter
    """.split()
)
"""Speech-to-text drops apostrophes ("id try", "dont") and spells numbers out ("one and a half seconds twenty
languages"): neither is part of a name, and a spelled-out number runs into the words around it. "wise" is speech's
suffix ("timeline wise im hoping to move in two months" drew "Thanks for walking me through timeline wise.", played
blind, 2026-12-07)."""
# "people use MRR", "pms respond to risk": the verb follows them
IRREGULAR_PLURALS = frozenset("people men women children staff pms mles gpus cpus llms apis sres".split())
SPELLED_NUMBERS = frozenset(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen "
    "nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand million billion".split()
)
UNITS = frozenset(
    "percent percentage points ms milliseconds seconds minutes hours days weeks months years x times gb mb tb k "
    "millisecond second minute hour day week month year".split()  # "eight hour shifts" cut at its number is no "hour shifts"
)
"""Units a spelled-out number counts: "the ten percent extra gpu" cut at the number ("percent extra gpu") names
nothing the candidate said, so what follows the unit starts no phrase."""
TRAILING_ADVERBS = frozenset("offline online late early live overnight".split())
"""Said after a noun with no noun after them, they say when or how ("evaluation offline", "noise late"), not what; before one they
are part of it ("offline evaluation")."""
FILLERS = frozenset("um uh erm er uhm hmm".split())
"""Spoken fillers: skipped, so "this um image moderation classifier" stays one phrase with its determiner."""
TIME_WORDS = frozenset("year week month quarter summer winter spring autumn fall night time sprint".split())  # "the project last year"
TIME_LEADS = frozenset("last next this every each".split())
MULTIPLIERS = frozenset("hundred thousand million billion".split())
PER_UNITS = frozenset(
    "second minute hour day week month quarter year query request user order session merchant shop item image".split()
)
""""20 requests per second": a rate is one phrase, its unit included."""
OBJECT_PRONOUNS = frozenset("them it us him her me".split())  # "a ranker orders them": the -s word before one is a verb
AUXILIARIES = frozenset("do does did will would can could should might may must".split())
"""Before a subject, they say its verb follows: "does semantic search increase purchases", "can the model serve 300 QPS"."""
ONLY_VERBS = frozenset("mean give take make get go come say tell become seem let keep raise suppose sell buy look".split())
"""Verbs no phrase here uses as a noun: after a number ("1.0 give index B", "w 1 means ...") they are the verb."""
# Plural nouns that modify the next noun ("sales tax", "orders table"); any other plural ends a noun phrase in
# unpunctuated speech, where "bank holiday calendars processor batch times" is a list that lost its commas.
PLURAL_MODIFIERS = frozenset(
    "sales news analytics ads jobs orders payments metrics logs events embeddings features users systems operations "
    "ops goods series business access settings devices products items".split()
)
# Verbs that name a thing when a noun follows and no subject, modal or "to" comes before: "check sample ratio mismatch",
# "histograms, label arrival latency" (played, 2026-12-05: "On ratio mismatch", "About arrival latency"); "we label
# images" keeps the verb.
NOUN_VERBS = frozenset(
    "label sample score tag index cache store query flag gate log test batch stream shard cluster filter match group cost "
    "report review alert page block plan design drift spike lag split feed rank route sort pin diff swap load scale "
    "search rate churn weight decline pool bucket bin".split()
)
SUBJECTS = frozenset("i we they you he she".split())  # a lower-case word straight after one is its verb: "I suspect X"
VERB_LEADS = frozenset("i we you they he she it i'd we'd you'd they'd i'll we'll id to will would should can could must might "
                       "may let's please then just also and or first".split())
# A number after these is an ordinal label, not a quantity: "step 1 retrieve brand kit assets" (played, 2026-12-05:
# "You mentioned 1 retrieve brand kit assets").
ORDINAL_LEADS = frozenset("step stage phase part option point number no".split())
# Verbs an answer uses to tell what happened; their forms break a noun phrase unless a determiner came first.
VERB_BASES = """
    add adopt agree aim allow analyse analyze apply argue ask assume avoid become begin believe break bring build buy
    call cause change check choose claim collect compare complain consider convince cover create cut decide define
    deliver deploy design detect drive drop end ensure estimate expect explain feel find finish fit fix focus follow
    get give go grow handle happen help hire hit hold hurt implement improve include increase introduce join keep know
    land launch lead learn leave let like log look lose love make manage mean measure meet migrate miss move need note
    notice own pay pick plan prefer present propose prove push put raise reach read realise realize reduce remove
    replace report require review roll run save say see seem sell send serve set ship show shrink sit solve spend
    split start stay stop suggest switch take talk teach tell test think track train try turn understand use want
    watch win work write pass rise embed retrieve exceed monitor alert page fire route score rank tag label index
    cache store fetch query flag gate ramp promote register load cost halve double beat catch block decline reject
    approve compute precompute call return send receive feed push pull read write train retrain evaluate predict
    classify filter sort merge join group cluster sample shard scale batch stream serve rerank re-rank warm expose
    reach hold drift spike lag jump fall climb grow shrink trigger fail recover restore revert rollback roll-back
    process parse generate encode decode match recommend surface show hide block flag pin diff
    pool bucket bin accumulate randomize randomise aggregate backfill clamp
    treat hallucinate carry swap blend enrich rewrite replay skip ignore walk normalise normalize dedupe wrap
    suppose leverage utilize utilise incorporate integrate employ combine explore mix fuse concatenate
    behave perform matter differ vary depend degrade converge overfit underfit generalise generalize saturate collapse
    instrument narrow widen cross settle flatten plateau tank
    maximise maximize minimise minimize optimise optimize memorise memorize quantise quantize correct weight search
    rate churn come freeze tend contribute advance appear remain affect produce cap respond
"""
IRREGULAR = (
    "built began begun broke broken froze frozen brought bought chose chosen came cut did done drove driven fell felt found gave given "
    "got gotten grew grown had held hit hurt kept knew known led left lost made meant met paid put ran read said saw seen "
    "rebuilt rewritten rose sent set shown shrank fed sat sold spent split stood stuck taken took taught told thought understood went won wrote written "
    "caught fought sought struck shot spun swung woke wore drew drawn"
).split()
GERUND_NOUNS = frozenset(
    """
    training ranking sampling serving embedding embeddings logging monitoring scoring caching batching labelling labeling
    streaming matching routing indexing filtering learning tuning testing forecasting tagging pricing onboarding hashing
    encoding boosting pooling clustering bidding billing alerting sharding profiling benchmarking retraining reranking
    re-ranking fine-tuning preprocessing pre-training pretraining distillation building tracking shipping
    """.split()
)
# Words that name nothing in particular: a phrase made only of these is no anchor.
GENERIC = frozenset(
    """
    team teams job jobs work thing things stuff people person lot lots way ways time times bit part parts project
    projects end result results problem problems issue issues everyone everything something anything nothing idea ideas
    question questions answer answers case cases point points kind sort type production company manager colleague
    colleagues product products fine great good nice happy better best worse worst big small large new old whole real
    true important hard easy simple quick fast slow high low main key overall final initial next last same different
    model models system systems service services pipeline pipelines data approach solution solutions design designs
    thing users user customers customer folks stakeholders leadership business impact success win wins progress feedback
    change changes decision decisions option options plan plans step steps process stage phase version versions
    outcome outcomes experience experiences situation goal goals deal day days week weeks month months year years
    monday tuesday wednesday thursday friday saturday sunday usual typical various
    """.split()
)


# A person by their job: "the payments PM", "an ML engineer" carry no "what were you comparing against?" (played blind,
# 2026-12-07: "You mentioned the payments PM: what were you comparing against?", "Thanks for walking me through the ML engineer.")
ROLES = frozenset(  # one person: "the 30 human reviewers" or "senior engineers" did something worth asking about
    """
    pm engineer scientist analyst designer researcher manager lead director vp cto ceo cfo founder intern mentor reviewer
    recruiter architect owner developer sre mle specialist consultant officer teammate peer counterpart partner
    """.split()
)


# Said of a thing, never naming one: a phrase does not end on them ("the retraining cut false", "as high as possible").
PREDICATE_ADJECTIVES = frozenset("false true possible enough ready able likely unlikely sure clear wrong fine available necessary "
                                  "warm cold idle stale fresh".split())  # "keep double capacity warm": not "capacity warm"
TRAILING_GENERIC = frozenset("better worse best worst good bad fine great high low fast slow big small".split())
"""Said after a noun, they judge it ("the 0.3 AUC points better"), and a phrase ends before them."""


def _doubles(base: str) -> bool:
    """One short syllable ending in a consonant: "run" -> "running", "log" -> "logged"."""
    return re.fullmatch(r"[^aeiou]*[aeiou][bdgmnprt]", base) is not None


def _verb_forms() -> frozenset[str]:
    forms: set[str] = set(IRREGULAR)
    for base in VERB_BASES.split():
        stem = base[:-1] if base.endswith("e") else base
        doubled = base + base[-1] if _doubles(base) else base
        forms.update({base, base + "s", base + "es", stem + "ed", stem + "ing", doubled + "ed", doubled + "ing"})
        if base.endswith("y"):
            forms.update({base[:-1] + "ies", base[:-1] + "ied"})
    return frozenset(forms)


VERBS = _verb_forms()
VERB_BASE_SET = frozenset(VERB_BASES.split())


_STRESSED_LAST = frozenset("embed prefer commit submit begin control refer occur admit omit permit regret forget".split())


def gerund(word: str) -> str | None:
    """The -ing form of a verb said in any regular form ("cache", "cached", "caches" -> "caching"), or None."""
    low = word.lower()
    if low.endswith("ing") and low in VERBS:
        return low
    for base in (low, low[:-1], low[:-2], low[:-3], low[:-1] + "e", low[:-2] + "e"):
        if base in VERB_BASE_SET and base not in ONLY_VERBS and low in {base, base + "s", base + "es", base + "d", base + "ed",
                                                                      base + base[-1] + "ed"}:
            stem = base[:-1] if base.endswith("e") and not base.endswith("ee") else base
            doubled = _doubles(base) or base in _STRESSED_LAST
            return (base + base[-1] if doubled else stem) + "ing"
    return None


def plural(token: str) -> bool:
    low = token.lower()
    return low in IRREGULAR_PLURALS or len(low) > 3 and low.endswith("s") and not low.endswith(("ss", "us", "is"))


def modifier(token: str) -> bool:
    """ "the distilled model", "the frozen 3k-frame human-annotated set": a participle or a gerund before the noun."""
    low = token.lower()
    return low.endswith(("ed", "ing")) or low in GERUND_NOUNS
