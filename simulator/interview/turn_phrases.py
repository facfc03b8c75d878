"""The phrases that tell what a candidate's turn puts to the interviewer, and the lines said back.

Kept apart from the reader (clarify.py) so the vocabulary can grow, phrase by
phrase, without burying the logic; every pattern here was added for turns
candidates really type or say (see tests/test_clarify_reader.py).
"""

from __future__ import annotations

import re

# Asking to hear the question again. "Sorry." between two sentences apologises ("I'm not sure I remember the exact
# numbers. Sorry. Is it okay if...?" drew "Sure, again: ..." played blind, 2026-12-07): only "Sorry?" asks.
REPEAT = re.compile(
    r"\b(?:(?:you|please|pls|kindly|mind) (?:\w+ )?repeat|repeat (?:that|it|the|your|what|please|again|once|one)\b|^\W*repeat\W*$|say (?:that|it|the question) again|(?:read|read out|go over|run through|give me|paste|send|share|type|say) (?:\w+ ){0,6}(?:again|one more time)|come again|"
    r"one more time|once more|resend|send (?:it|that|the \w+) again|got cut off|"
    r"paste (?:the|it|that) (?:question|schema|prompt|problem|formula|task)|(?:didn'?t|did not) (?:catch|hear)(?=\W*$| (?:that|it|you|all|what (?:you|was)|the (?:question|last|first|end|start|second|middle)))|"
    r"what was the question)\b|"
    r"^\W*(?:sorry\s*\?+|pardon(?: me)?|come again|what|huh)\W*$|\bdid you say\b(?![^?]*\d)|\b(?:connection|audio|line|sound) (?:dropped|cut out)|"
    r"^(?:sorry|pardon)[,\s]+(?:was|is|did you say) (?:that|it)\b|\byou (?:cut|broke) (?:out|up)\b|\b(?:i )?lost you\b|"
    r"\bwhat (?:was|were) the (?:\w+ )?(?:part|bit|half|piece|sentence|one|thing|item|point)s?\b(?:.*\bagain\b)?|(?<!let me )(?<!i'll )(?<!i will )(?<!i'd )(?<!to )(?<!i )\bre-?(?:read|state)\b(?! (?:it|that|the \w+) (?:back|to check|as)\b)|"
    r"\b(?:i )?(?:missed|didn'?t get|lost) the (?:first|second|last|other) (?:half|part|bit)\b|\bwhat again\W*$|"
    r"\b(?:say|read|ask|speak|repeat|tell)(?: (?:it|that|the question|question))? (?:more |a (?:bit|little) )?(?:slow(?:ly|er)?|more slowly)\b|"
    r"^(?:sorry\W+)?(?:from|to|and) [\w\s.%-]{1,30}? to what\W*$|\bi missed (?:the (?:end|last part|start|beginning|first part|question)|that|what you said)\b|^(?:sorry\W+)?the [\w\s-]{1,30}? what\W*$",
    re.IGNORECASE,
)
# "I didn't ask you to repeat it. I asked if approximate numbers are fine." says what was not asked (played blind,
# 2026-12-07: "Sure, again: <the question>" a second time)
NOT_REPEAT = re.compile(r"\b(?:didn'?t|did not|don'?t|do not|wasn'?t|was not|not|no need to|never) (?:ask(?:ing)? (?:you )?to |want (?:you )?to |"
                        r"need (?:you )?to )?(?:repeat|hear (?:it|that|the question) again)", re.IGNORECASE)


def asks_repeat(text: str) -> bool:
    return bool(REPEAT.search(text)) and not NOT_REPEAT.search(text)


TERM = re.compile(
    r"\b(?:what(?: exactly| actually)?(?: (?:do |did )?you mean (?:by|with)| counts as| is (?:the )?meaning(?: of)?| is| are| means|"
    r"['’]?s| mean)|(?:can|could|would) you (?:explain|define|clarify)(?: what)?(?: exactly| actually)?(?: you mean by)?|"
    r"(?:please )?(?:explain|define))\s+(?:a |an |the )?[\"'“‘]?(?P<term>[\w\s/-]{2,40}?)\b[\"'”’]?"
    r"\s*(?:means?|stands? for|refers? to|is|are)?(?:\s*(?:exactly|here|in this case|in this context|for this|again))*"
    r"(?:\s*,\s*(?:like|as in|i mean|so|e\.?g\.?|i\.?e\.?)\b.*|(?:(?<=here)|(?<=exactly))\s+like\b.*|"
    r"\s*,?\s*(?:is (?:that|it)|do you mean)\b.*)?(?:\s*,?\s*(?:sorry|please))?\s*[?.]?$",  # "what is X exactly, like n-gram overlap?" guesses
    re.IGNORECASE,
)
# "What does X mean / stand for?": the meaning verb is what makes it a question about a word ("what does leadership
# want to move?", "what does success look like?" ask about the problem).
TERM_DOES = re.compile(  # "what does X mean", "remind me what NDCG stands for" (played, 2026-12-06: left unanswered)
    r"\bwhat (?:(?:does|do) )?(?:a |an |the )?[\"'“‘]?(?P<term>[\w\s/-]{2,40}?)\b[\"'”’]?\s*(?:mean|means|stands? for|refers? to)\b"
    r"\s*(?:exactly|here|in this case|in this context|for this|again)?[^?]*\??$",
    re.IGNORECASE,
)
# "can you remind me what NDCG is exactly?" (played, 2026-12-06: "That's your call")
TERM_IS = re.compile(r"\b(?:remind me|tell me|explain|recall)\s+what (?:a |an |the )?[\"'“‘]?(?P<term>[\w\s/-]{2,40}?)[\"'”’]?\s+(?:is|are)\b"
                     r"\s*(?:exactly|again|here|in this case)?\s*[?.]?\s*$", re.IGNORECASE)
# Asking leave to choose ("is it ok if I start with a baseline?") is the candidate's call: no fact answers it.
# "..., if that's fine with you."; not "I'd look at it and see if it's fine" (played, 2026-12-05: "That's your call")
_OKAY_WITH_YOU = (r"(?<!see )(?<!seeing )(?<!check )(?<!checking )(?<!tell )(?<!know )(?<!verify )(?<!test )(?<!judge )(?<!decide )"
                  r"if (?:that'?s|that is|it'?s) (?:ok|okay|fine|alright|all right)(?: with you)?\W*$")
OKAY_WITH_YOU = re.compile(r"\b" + _OKAY_WITH_YOU, re.IGNORECASE)
PERMISSION = re.compile(
    r"\b(?:is it (?:ok|okay|fine|alright|all right) (?:if|to)|would it be (?:ok|okay|fine|alright|all right) (?:if|to)|(?:do you )?mind if i|"
    r"(?:can|could|may|should) i (?:start|begin|go|use|focus|skip|cover|pick|choose|ignore|leave|scope|write|return|assume)|"
    r"(?:am i|are we) allowed to|" + _OKAY_WITH_YOU + "|"
    r"^is [\w\s.+#-]{1,30}? (?:ok|okay|fine|alright|all right|allowed)\W*$)",
    re.IGNORECASE,
)
CHOICE = re.compile(r"^(?:\w+,? )?(?:do|does|would|should|shall|are|is|did|can|could) (?:you|i|we|it|this|that)\b.*\bor\b", re.IGNORECASE)
# About the shape of the answer ("should it be a recent example?", "how long should my answer be?", "do you mean at
# work?"), and asking whether to go on: the interviewer says so, and the turn is not evidence.
ABOUT_THE_ANSWER = re.compile(
    r"^(?:\w+,? )?(?:should|does|do|must|can|could|may) (?:it|the (?:example|story|answer)|that|this|my (?:example|story|answer)) "
    r"(?:be|have to|need to|come|include)\b|\bhow (?:long|detailed|much detail|technical) should (?:my|the|i|it)\b|\bdo you mean\b|"
    # "Is this about someone on my current team, or can it be any past report?"
    r"\b(?:can|could|may) (?:it|the (?:example|story)|that|this) be (?:any|an?|from|about|someone|something)\b|"
    r"^(?:\w+,? )?(?:is|does) (?:this|it|that) (?:have to )?(?:be )?about (?:someone|somebody|a (?:time|report|person|project)|my (?:current|last|previous))\b|"
    # "do you want a case where I personally made the call, or one where I influenced it?"
    r"\b(?:do|would) you (?:want|prefer|rather have|like) (?:a|an|the|one|me to (?:pick|use|choose|tell|talk about)) (?:\w+ ){0,2}"
    r"(?:case|example|story|project|situation|time|one)\b|\b(?:do|would) you (?:want|prefer|rather have) (?:one|something) (?:that|where|about|more)\b",
    re.IGNORECASE,
)
# Asking leave to tell one story rather than another ("is it ok if I use the one where the promotion didn't go
# through?"): in a story round, a question about the answer too.
WHICH_STORY = re.compile(r"\b(?:use|pick|choose|talk about|tell|go with|share)\b.{0,40}\b(?:one|example|story|project)\b", re.IGNORECASE)
ASKS_TO_GO_ON = re.compile(r"^(?:\w+,? )?(?:(?:do|would|shall|should) (?:you (?:want|like) me to|i)|(?:you )?want me to) (?:go|dig|dive|say|talk|explain|elaborate|"
                    r"continue|keep going)\b", re.IGNORECASE)
# Checking in at the end of a thought ("does that make sense?"): go on. After an assumption, the same words confirm it.
# "makes sense?" checks in; "Makes sense." acknowledges (played, 2026-12-06: "Yes, please go on." to the questions after it)
CHECK_IN = re.compile(
    r"\bdoes (?:that|this|it) (?:make sense|sound (?:right|ok|okay|good|reasonable|fair))|\bmakes? sense(?:\W*\?|\s*$)|"
    r"\bam i on the right track|\bis (?:that|this) (?:the |a )?(?:kind of |sort of )?(?:[a-z-]+ ){0,2}?\w+ (?:you(?:'re| are| were) "
    r"(?:looking for|after)|you (?:wanted|want|had in mind))\b|\bdoes (?:that|this|it) (?:cover|answer) (?:it|that|this|the question|your question)\b|\bis (?:that|this) (?:what you(?:'re| are| were) (?:looking for|after|asking(?: for)?)|what you (?:wanted|meant|had in mind)|clear|enough|the kind of)|"
    r"\bany questions (?:so far|on that)|\b(?:should|shall) i (?:keep going|continue|go on)\b|"
    r"\bis (?:this|that|my) answer (?:ok(?:ay)?|fine|good|alright|all right|enough)\b|"  # "Is this answer ok? I am not sure..."
    r"\b(?:the )?(?:right )?(?:level|amount|depth) of detail\b|\bis (?:this|that|it) (?:too much|too little|deep enough|detailed enough|"
    r"too (?:high|low)[- ]level)\b|\b(?:should|shall) i go (?:deeper|into more detail)\b|\bkeep it (?:at a )?(?:higher|high)[- ]level\b|\bdo you want (?:more|less) (?:detail|depth)\b",
    re.IGNORECASE,
)
# "..., is that in the right range?" (played, 2026-12-06: no answer): put to the interviewer, even after "I'd guess"
_RANGE_CHECK = r"\b(?:is|are) (?:that|this|it|those) (?:roughly |about )?in the right (?:range|ballpark|ball park|order of magnitude)\b"
RANGE_CHECK = re.compile(_RANGE_CHECK, re.IGNORECASE)
CONFIRM = re.compile(
    r"\b(?:is|would) (?:that|this|it) (?:be )?(?:a )?(?:about |roughly |more or less )?(?:fair|right|correct|reasonable|ok|okay|safe|valid|true)\b|"
    r"\bcorrect me if\b|\b(?:right|fair|yes|correct)\W*$|\bsound (?:about |roughly )?(?:right|fair|reasonable)\b|\bcan i assume (?:that|so)\b|"
    r"\bunless (?:you (?:say|tell me)|that'?s wrong)|" + _RANGE_CHECK,
    re.IGNORECASE,
)
# "..., right?" hands a claim over to check; "So I'll assume yes.", "Okay, I'll assume it's right then." state one, and
# hand nothing over (played blind, 2026-12-07: both drew "That's your call — state your assumption and go on.")
STATES_ASSUMPTION = re.compile(r"\b(?:i'?ll|i will|i'?m going to|i am going to|let me|let's) (?:just )?assume\b(?![^?]*\b(?:unless|sounds?|"
                               r"(?:is|would|does) (?:that|it|this)|correct me)\b)[^?]*$",  # "...unless you tell me otherwise",
                               re.IGNORECASE)  # "...does that sound about right" (spoken, no question mark) hand it over
# An assumption handed to the interviewer to correct, in the imperative: "Correct me if I'm wrong, but I'm reading X as
# Y", "...; shout if not", "Stop me if that's off", "if you had something tighter in mind, tell me", "unless you tell
# me otherwise". Put to the interviewer wherever it sits, with or without a question mark.
INVITES_CORRECTION = re.compile(
    r"^(?:and |but |so |just |please |though )?(?:(?:correct|stop|tell|warn) me if|shout if|holler if|say so if|"
    r"let me know if (?:you|that|this|it|i'?m|not)|feel free to (?:correct|stop) me)\b|"
    r"^(?:and |so |just |please )?(?:tell me|let me know|say so|shout)\W*$|\bunless you (?:say|tell me|object|disagree)\b|"
    r"^(?:and |also |so |but )?(?:please |pls |kindly )(?:confirm|check)\b|^(?:and |also |so )?(?:can|could) you (?:please )?confirm\b|"
    r"\bif (?:you (?:had|have|want|prefer|'d prefer|see)|there'?s a (?:\w+ )?(?:reason|constraint|requirement))\b[^.?!]*,\s*"
    r"(?:tell me|let me know|say so|shout|flag it|stop me)\W*$",
    re.IGNORECASE,
)
# Checking a figure against the interviewer's own ("is a hundred milliseconds roughly what you had in mind"): asks,
# wherever it sits in a spoken run-on.
IN_MIND = re.compile(r"\b(?:what|the \w+|how) you (?:had|have) in mind\b|^(?:and |so )?(?:do|can|could|would|will) (?:we|you|i) (?:have|know|get|see|track|log|"
                     r"measure|keep)(?: \w+)? (?:those|these|them|that)(?: numbers?| figures?| data| metrics?| stats?| signals?)?\W*$|\bwhat you(?:'re| are| were) (?:expecting|picturing|thinking of)\b|"
                     r"\bin line with what you (?:have|had|expect|were thinking|see)\b|\bmatch(?:es)? what you (?:have|had|expect|see|want|need|meant|mean|intended)\b",
                     re.IGNORECASE)
ASSUMES = re.compile(r"\bassum(?:e|ing|ptions?)\b|\bi'?m guessing\b|\bi (?:guess|take it|suppose)\b|\bpresumably\b|\bi'?d expect\b",
                      re.IGNORECASE)
# A question of its own that checks what the sentence before it said: "I'll assume X. Is that the right picture?",
# "Can you confirm both?", "Does that match what happened?".
CHECKS_BACK = re.compile(
    r"^(?:\w+,? )?(?:(?:is|was|would) (?:that|this|it)|(?:does|do|did) (?:that|this|those|these)|are (?:those|these)|"
    r"(?:can|could|would) you (?:confirm|check)|am i right|(?:have|did) i (?:got|get) (?:that|it) right|is my (?:assumption|understanding|reading))\b",
    re.IGNORECASE,
)
# Asking in the shape of a statement ("I'm wondering whether we have labels", "I'd like to understand the budget first").
INDIRECT = re.compile(
    r"^(?:\w+,? )?(?:before (?:i|we|going|getting|diving|jumping|moving)\b[\w\s]{2,30}?,? )?(?:(?:i'?m |just |i'?m just )?curious|i'?m wondering|i was wondering|i wonder|"
    r"(?:the thing |what )i'?m (?:unsure|not sure) (?:about )?is (?:whether|how|what|if)|"
    r"(?:so )?just to (?:check|confirm|clarify|make sure|double[- ]check)\b|"
    r"(?:the (?:first |main |one |other )?thing |what )i(?:'d| would)? (?:want|like|need) to (?:know|understand|check|ask|confirm|pin down)"
    r"(?: first| up front| before (?:i|we) \w+(?: \w+)?)? is (?:whether|how|what|which|who|when|where|if)|"
    r"(?:i'?m|i am) (?:not sure|unsure) (?:yet )?(?:whether|if)|(?:i'?m|i am) (?:not (?:quite |really |totally )?sure|unsure) (?:i (?:get|follow|understand) )?what (?:you mean|is meant) by|"
    r"i (?:don'?t|do not) (?:quite |really |totally )?(?:get|follow|understand) what (?:you mean|is meant) by|i (?:don'?t|do not) (?:yet )?know (?:yet )?(?:whether|if|how (?:many|much|big|large|often|fast)|what (?:the|our|their))|"
    r"(?:i'?d|i would) (?:like|love|want) to (?:first |also |just |quickly )?(?:know|understand|check|ask|confirm|clarify|hear|learn|find out|pin (?:\w+ )?down|"
    r"get (?:a |an )?(?:sense|picture|feel|idea|read|handle))|(?:i'?d|i would) be (?:grateful|glad|thankful) if you (?:could|would|can)|"
    r"(?:i'?d|i would) find it (?:\w+ )?(?:helpful|useful) to (?:know|understand|hear)|"
    # "...and is there a signing bonus? I want to know what to expect." says why it asked (the success entry was told to it)
    r"i (?:want|need) to (?:know(?! what to (?:expect|prepare|bring|study|practi[cs]e|focus on)\b)|understand|check|confirm|clarify|get a sense)|you lost me (?:at|with|on|when you said)|"
    # said again when the reply missed it: "I ask how many milliseconds we have", "I was asking what the role involves"
    r"i (?:ask|asked|am asking|'m asking|was asking|meant) (?:you )?(?:how|what|which|whether|if|who|when|where)\b|"
    r"(?:i'?d|i would) need to (?:know|understand|check|confirm|clarify|get a sense|pin down)|i'?m trying to (?:understand|get a sense|figure out)|"
    r"(?:it )?would (?:also |really )?(?:help(?: me)?|be (?:good|useful|helpful)(?: for me)?) to (?:know|understand|hear)|i was hoping to (?:get a sense|understand|know|learn|hear)|tell me (?:a bit )?(?:more )?about)\b",
    re.IGNORECASE,
)
# A question the candidate answers at once ("why? because...", "traffic? probably spiky") asks nothing.
# What may open an answer to one's own question before it says anything: "Why Canva? Honestly, mostly because..."
_ANSWER_LEAD = r"(?:(?:honestly|frankly|to be honest|so|well|um+|uh+|mostly|mainly|partly|i think|i guess|for me|personally)\W+)*"
ANSWERS_ITSELF = re.compile(
    rf"^{_ANSWER_LEAD}(?:unless|otherwise|well|yes|yeah|no|nope|not really|it depends|probably|likely|the answer|simple|easy|"
    r"mostly|usually|in short|short answer|that'?s|that is)\b",
    re.IGNORECASE,
)
# "yeah" is a tag only asked ("..., yeah?"): spoken, "and then integration stuff, yeah" trails off (played, 2026-12-07)
TAG_RIGHT = re.compile(r"(?<!that's )(?<!that is )(?<!all )(?<!the )\b(?:(?:right|correct)\W*|yeah\s*\?\W*)$", re.IGNORECASE)
# Spoken, without a question mark, a restatement put to the interviewer ends on its tag: "so we're recommending
# templates on the homepage, is that the gist", "..., does that sound about right".
TAG_CONFIRM = re.compile(
    r"\b(?:is|would) (?:that|this|it) (?:be )?(?:a |an )?(?:fair|right|correct|accurate|reasonable|ok|okay|fine|alright|all right|"
    r"acceptable|available|possible|allowed|given|known|a problem|an issue|the gist|the idea|the problem|the ask|the goal|what you mean|what you meant|"
    r"the (?:intended|expected|right|correct|desired) (?:behaviou?r|semantics|reading|way|output|result))"
    r"(?: (?:summary|reading|read|framing|assumption|understanding|with you|for you|to us|to me|here|for (?:this|the|your) (?:team|role|job)))?\W*$|"
    r"\b(?:does|do) (?:that|this)(?: [\w-]+){0,3} (?:sound|seem|look) (?:about |roughly |more or less )?(?:right|fair|accurate|reasonable)(?: to you)?"
    r"(?: or (?:is|are|was|do|does|should) \w+.*)?\W*$",
    re.IGNORECASE,
)
OR_ASKS = re.compile(r"\bor (?:is|are|was|were|do|does|did|can|could|should|would|will) \w+", re.IGNORECASE)  # "..., or is it enough to..."
# Mid-answer, a yes/no or either-or question about the problem's facts ("Are account ids integers or strings?", "is the
# temperature fixed or learned in your setup?") is put to the interviewer; one about the candidate's own plan or
# reasoning ("is that enough?", "does that make sense?", "would I need a GPU for this?") is not. So is one the
# candidate marks ("Question: does the weekly update also change the tokenizer?").
_QUESTION_MARKERS = r"quick question|question|one question|my question is|i have a question"
POLAR_FACT = re.compile(
    rf"^(?:(?:and|but|so|also|oh|actually|{_QUESTION_MARKERS})\W+)*"
    r"(?:is|are|was|were|does|do|did|will|has|have|can) (?!i\b|that\b|this\b|it\b|we\b|you\b|there\b)(?:the|a|an|our|your|their|its|these|those|any|all|each|every)?\s*[\w-]+",
    re.IGNORECASE,
)
# Written, a sentence in the shape of a yes/no question asks even when it ends in a full stop ("Third, is the user
# waiting for the picks, and if so how long...").
POLAR_START = re.compile(
    r"^(?:(?:first|second|third|fourth|fifth|next|also|lastly|finally|and(?: last(?:ly)?)?),?\s+)*"
    r"(?:is|are|does|do|will|would|can|could|should) (?:the|there|we|you|they|our|your|these|those)\b",
    re.IGNORECASE,
)
MARKED_QUESTION = re.compile(rf"^(?:{_QUESTION_MARKERS})\W", re.IGNORECASE)
# Where one clause asks two things ("what's the gpu budget like and who's on the team"): each part gets its own facts.
SECOND_ASK = re.compile(  # "how many merchants a day, what's the latency budget, and ...": a comma before a wh-word too
    r",?\s+(?:and|or|also|plus)\s+(?=(?:who|what|how|when|where|which|whether|is|are|do|does|did|can|will|would)(?:'s|\b))|"
    r",\s+(?=(?:who|what|how|when|where|which)(?:'s|\b))|"
    # speech marks nothing: "how long does one review take what does a missed fraud cost us" (played, 2026-12-06)
    r"\s+(?=(?:who|what|how(?: much| many| long| big)?|when|where|which) (?:does|do|did|is|are|was|would|will|can|should)\b)",
    re.IGNORECASE,
)
BACK_REFERENCE = re.compile(r"\b(?:it|that|this|they|them|those|these|which (?:one|ones))\b", re.IGNORECASE)  # what the words before name
JOINED = re.compile(r"^(?:and|or|since|given|so|right|correct)\b", re.IGNORECASE)
# Speech has no '?': a clause in the shape of a question ("how many requests per second are we expecting at peak",
# "is the randomisation done per user") asks, unless it is the candidate's own plan ("what I'd do is...").
SPOKEN_QUESTION = re.compile(
    r"^(?:(?:ok|okay|so|and|um+|uh+|hm+|oh|right|sorry|also|then|yeah|yo|hey|first|like|i mean|quick question|question|quick one|"
    r"cool|great|nice|got it|alright|all right|actually|wait|one more thing|one more|another thing|by the way|"
    r"before i (?:get going|get started|start|begin|dive in|jump in|go on)|before (?:the|that|we|i|you|going|getting) (?:\w+ ){0,3}?(?:part|bit|step|stuff|question|into it|in|on))\W+)*(?:"
    r"(?:is|are|was|were|do|does|did|can|could|will|would|should)\s+(?!i\b)\w+|"
    r"(?:should|can|could|may|shall) (?:i|we)\b|(?:what|how|where|who)(?:'s|s)\b|(?:please )?(?:define|explain) (?!(?:it|that|this|how|why)\b)\w|"
    r"(?:roughly |about |approximately )?how (?:many|much|big|large|fast|often|long)\b|"
    r"(?:how|what|which|when|where|who)\b(?!\s+(?:i|we)\b)(?:\s+\w+){0,4}?\s+(?:is|are|was|were|do|does|did|can|could|will|would|should|has|have)\b|"
    r"who (?:\w+ly )?(?!is\b|was\b|has\b|does\b)[a-z]+s\b|what counts as\b|when you say\b|(?:which|what) (?!i\b|we\b)[a-z-]+(?=,|\W*$)|"
    r"what (?:happens|should happen) (?:if|when|with|to|for)\b|what if\b|what about\b)",  # "so who actually uses this"
    re.IGNORECASE,
)
# Speech puts the topic first ("the two hundred millisecond p95 is that per frame or the whole clip", "weekly updates
# meaning a full retrain, or is the base fixed", "label leakage meaning what here"): it asks all the same.
TOPIC_FIRST = re.compile(
    r"^(?:(?:ok|okay|so|and|um+|uh+|right|sorry)\W+)*[\w\s.-]{2,80}?\b(?:(?:is|are|was|were) (?:that|it|this|those|they)\b.*\bor\b|or (?:are|is) (?:we|you|they|it|there)\b|"
    r"meaning (?:what\b|.*\bor\b))",
    re.IGNORECASE,
)
# Speech without punctuation asks in the middle of a run-on: "...we just drop it right and can the same pair appear twice",
# or in place: "the recall at ten is measured on what like on a held out set".
TAG_THEN_ASKS = re.compile(r"\b(?:right|okay|ok|correct)\s+(?:and\s+|also\s+|plus\s+|so\s+)?(?:can|could|does|do|is|are|will|should|would|did)\s+"
                           r"(?:the|a|an|it|we|this|that|there|i|they)\b", re.IGNORECASE)
# A yes/no question about what exists, started mid-run-on: "...so we can change one thing at a time does the team today
# ship the model and the serving changes together", "...a tolerance of 0.99 do we have gpu runners in ci or cpu only".
POLAR_MID = re.compile(r"\b(?<!what )(?<!how )(?<!why )(?<!where )(?:do|does|did) (?:we|you|the team|they|the \w+ team) "
                       r"(?:already |today |currently |even |still )?(?:have|know|log|keep|track|store|record|ship|run|own)\b(?! to\b)",
                       re.IGNORECASE)
# Speech asks after a condition, or goes on asking: "if the gap is exactly 30 minutes is that still the same session",
# "...just checking and also what if the same user has 2 events in the same minute".
ASKED_AFTER_IF = re.compile(r"^(?:so )?if\b[^?]{3,80}?\s(?:is|are|does|do|would|will|should|can|could) (?:that|it|this|they|we) (?:still )?\w+|"
                            r"\b(?:and|also|plus) (?:also )?what if\b", re.IGNORECASE)
ASKED_IN_PLACE = re.compile(r"\b(?:on|by|with|from|against|for|at|to|in) what\b(?=\s+(?:like|exactly|or|again)\b|\W*$)", re.IGNORECASE)
# "so how do we handle cold start well we could fall back to...": thinking aloud, the question answered in the same breath.
ANSWERED_ALOUD = re.compile(r"^(?:so |and |ok |okay |now |then )?(?:how|what|what's|why|where|which|when)\b.{3,120}?\s"
                            r"well,? (?:we|i|you|it|the|that|there|so|basically|honestly|first|one)\b", re.IGNORECASE)
# A guess, put as a question or not, is a tentative answer: "Maybe CPU preprocessing?", "Is popularity bias, I think."
GUESSED = re.compile(r"^(?:\w+,? )?(?:maybe|perhaps|probably|possibly|my guess is|i'?d guess|i guess)\b(?! (?:you|i could ask|we could ask))|"
                     r"^(?:i'?m )?not sure,? (?:but )?(?:maybe|perhaps|probably)\b|"
                     r",? (?:i think|i guess|i believe|i'?d say)\W*$", re.IGNORECASE)
HEDGE = re.compile(r"^(?:i think|i guess|i believe|i'?d say)\W*$", re.IGNORECASE)  # a clause of its own after the guess
FILLER_RESTART = re.compile(r"\b(?:um+|uh+|erm|er|(?:no )?wait|(?<!what )i mean)\W+(?=\w)", re.IGNORECASE)  # where speech starts over mid-clause
# The candidate settles the question just asked: "Should it be technical or people? I'll take the technical one."
CHOOSES = re.compile(r"^(?:ok(?:ay)?,? |so |then |well,? )?(?:i'?ll|let me|i will|i'?m going to|i'?m gonna) (?:take|go with|pick|do|choose|use|"
                     r"talk about|focus on|tell|share|describe|start with)\b", re.IGNORECASE)
# Someone else's question told in a story ("The PM asked me, can we ship it anyway? I said no..."): not put to the interviewer.
REPORTED = re.compile(r"^(?:\w+ ){1,4}(?:asked|wondered|wanted to know|kept asking)(?: (?:me|us|him|her|them|the team|everyone))?\W+"
                      r"(?:if|whether|how|what|why|can|could|should|would|will|is|are|do|does|did)\b", re.IGNORECASE)
BECAUSE = re.compile(rf"^{_ANSWER_LEAD}(?:because|cause|since)\b", re.IGNORECASE)
WH_START = re.compile(r"^(?:\w+,? )?why\b", re.IGNORECASE)  # "why does it matter? because...": "how many? because..." says why it asks
ANY_STORY = "Any real example works: pick the one you can tell in the most detail. A couple of minutes is plenty."
GO_ON = "Yes, please go on."
ANOTHER_STORY = "Sure, go ahead with another one."
# Asking to tell another story for the same question: "Can we do a different one?", "Let me pick a better example."
ASKS_ANOTHER_STORY = re.compile(
    r"\b(?:(?:can|could|may|should|shall) (?:we|i)|(?:let me|i'?d (?:rather|like to)|i'?ll|i want to)) (?:maybe |just )?(?:do|use|pick|try|go with|"
    r"switch to|talk about|tell(?: you)?|share|give(?: you)?) (?:a |an )?(?:different|another|other|better|second)"
    r"(?: (?:one|example|story|project|situation|time))?\b(?! question)", re.IGNORECASE)
GO_AHEAD = "Sure, go ahead."  # "can I ask a couple of clarifying questions first?"
# Saying what comes next, with nothing of it yet: "Okay. I'll write it in one pass.", "Let me code it up." (played,
# 2026-12-05: taken as a terse answer, 'You said "okay. I'll write it in one pass": what's the reasoning...?').
ANNOUNCES_WORK = re.compile(
    r"^(?:\w+,? )?(?:i'?ll|i will|let me|i'?m going to|i'?m gonna|i'?d like to|i want to) (?:just |quickly |now |first )?"
    r"(?:write|code|type|sketch|implement|draft|jot|put|start|begin|get started)(?: (?:it|this|that|things|something|the (?:code|function|solution)|"
    r"a (?:solution|first version|quick version)))?(?: (?:up|out|down|in|on it|coding|writing))?"
    r"(?: (?:now|first|quickly|real quick|in one pass|in python|step by step|from scratch|then))*\W*$",
    re.IGNORECASE,
)
ACKNOWLEDGES = re.compile(r"^\W*(?:(?:ok(?:ay)?|alright|all right|sure|great|got it|thanks|thank you|cool|right|perfect|makes sense|good)\W*)+$",
                          re.IGNORECASE)
# The question turned back on the interviewer: a real one asks for the candidate's own take.
TURNED_BACK = re.compile(r"\bwhat would you (?:do|suggest|recommend|pick|choose|use|have done)\b|"
                          # "...isn't that a bigger signal than zero results? Which would you prioritise?" (played blind,
                          # 2026-12-07: "That's right.")
                          r"\bwhich (?:one )?(?:would|do|should) you (?:prioriti[sz]e|pick|choose|start with|go with|focus on|tackle first)\b|\bin my (?:place|shoes)\b|\bif you were me\b|\bhow would you (?:do|approach|solve|tackle)\b|"
                          r"\bwhat do you (?:think|suggest|recommend)\b|\bwhat'?s the (?:right|best|expected) (?:answer|approach)\b|\bwhat'?s your (?:own |personal )?(?:take|opinion|view)\b|"
                          r"\b(?:would|do) you (?:consider|call|think) (?:that|this|it)\b.*\b(?:good|bad|success|enough|right)\b|"
                          r"\b(?:tell me )?(?:how|what) you think\b|\bin your (?:opinion|view)\b|\bis (?:the|this|that|it|my) (?:\w+ ){0,2}a (?:good|bad) idea\b",
                          re.IGNORECASE)
YOUR_TAKE = "I'd rather hear your take: talk me through how you'd approach it."
# Before a rubric probe asked again, after a reply that said nothing of its point; asked to repeat it, the interviewer
# says the question alone ("Sure, again: Let me come back to what I asked. How would..." was played, 2026-12-05).
PRESS = "Let me come back to what I asked. "
PUT_TO_YOU = re.compile(r"\b(?:do|does|did|can|could|would) you (?:have|know|happen to (?:have|know)|keep|log|track|share|see)\b",
                        re.IGNORECASE)
ASKS_WHAT = re.compile(r"\b(?:how|what|which|who|when|where|whether)\b", re.IGNORECASE)  # "can I start by asking how much traffic..."
# Asking oneself ("how would I approach this?") is thinking aloud, not a question for the interviewer.
RHETORICAL = re.compile(r"^(?:so |and |now |okay |ok )?(?:how|what|where|why) (?:would|should|do|can|could) i\b(?! assume)",
                         re.IGNORECASE)
PREAMBLE = re.compile(
    r"^(?:before i (?:design|draw|sketch|propose|start|begin|dive|jump)\w*(?: in(?:to)?)?(?: anything| it| this)?(?:,? i (?:have|'ve got) (?:a few|some|a couple of|two|three|four) (?:quick )?questions)?|quick question|"
    r"(?:a |one |a couple of |two |some )?(?:quick )?(?:questions?|clarifications?)(?: first)?|sure|okay|ok|great|thanks|"
    r"first(?:,)? (?:a|some) (?:question|questions|clarification)s?|"
    r"(?:can|could|may) i (?:ask|start with|check)(?: (?:you )?(?:a|a couple of|a few|some|two|one|few))?(?: (?:quick|clarifying))?"
    r"(?: (?:questions?|things|clarifications?))?(?: first| before i (?:start|begin|design|dive in))?)[\s,.:!?-]*$",
    re.IGNORECASE,
)
# Talk around the asking, not about the solution: thanks, "interesting one", why the candidate asks first ("I've seen
# designs go wrong when the latency target is unclear", "I'd like to avoid jumping straight into models"). A polite
# turn that says only this and then asks is a question, not an answer.
META = re.compile(
    r"^(?:(?:so|and|but|okay|ok|well|great|also|though|really|honestly),? )*(?:"
    r"thanks?\b|thank you\b|(?:i )?(?:really )?appreciate\b|many thanks\b|"
    r"(?:(?:that|it|this)(?:'s| is| sounds like| seems like)|what) (?:a |an )?(?:really |very )?(?:great|good|interesting|fun|rich|nice|"
    r"tough|hard|neat|cool|big|open-ended|meaty|juicy) (?:question|problem|prompt|one|challenge|topic)\b|"
    r"(?:i'?m|i am) (?:excited|happy|glad|keen)\b|i'?d love to (?:dig|jump|dive|get) in(?:to)?\b|let'?s (?:dig|dive) in\b|"
    r"(?:i'?ve|i have) seen (?:[\w-]+ ){0,4}go (?:wrong|sideways|badly)\b|"
    r"(?:i'?d|i would|i) (?:really )?(?:like|want|prefer|rather|hate) (?:to )?(?:avoid|not (?:to )?(?:jump|rush|assume|guess)|make sure|"
    r"be (?:thoughtful|careful|sure|realistic)|ask (?:now|first|before)|agree on|get (?:this|it|that) right|align)\b|"
    r"i want to make sure\b|(?:just )?to make sure (?:i|we|my)\b|i don'?t want to (?:reinvent|jump|rush|assume|guess|over|under|design)\w*|"
    r"the (?:right|best) (?:answer|design|approach|solution) (?:usually |really |often |always )?depends\b|"
    r"because (?:i think )?(?:they|these|those|the answers?) (?:will |would |could |might |can )?(?:change|shape|affect|drive|decide|determine)\b|"
    r"to (?:keep|make) (?:my|the|this) (?:design|proposal|answer|first proposal|plan) \w+|"
    r"[\w\s]{2,30} is something i (?:like|want|try) to get right\b|i hope (?:this|that) (?:isn'?t|is not)\b|if you don'?t mind\b|"
    r"before (?:i|we) (?:\w+ ){0,4}(?:anything|further|solutions|models|an architecture|a design|in)\W*$|"
    r"(?:got it|understood|i see|sounds good|makes sense|fair enough)\W*$"
    r")",
    re.IGNORECASE,
)
# A question about a term just named ("'preprocessing' in the way you framed it — does that include decoding?").
GLOSS_QUESTION = re.compile(r"(?:does|do|is|would) (?:that|it|this) (?:include|cover|mean|count|refer)|(?:do )?you mean\b", re.IGNORECASE)
# A sentence that says why the candidate asks ("The reason I'm asking first is that attribution is much easier if...")
# explains the question: none of it is an answer, unless it says what the candidate would do (turn_shape.explaining).
WHY_I_ASK = re.compile(
    r"^(?:(?:so|and|but|okay|ok|well),? )*(?:the reason (?:i'?m|i am) asking(?: (?:this|that|first))?|(?:i'?m|i am) asking(?: (?:this|that))?(?: first)? because|"
    r"i ask(?: (?:this|that))?(?: first)? because)\b",
    re.IGNORECASE,
)
# What the answer to an ask is for, said right after it ("..., so I can see whether the gap is awareness or usefulness",
# "Because the comparison group is depend on this."): why the candidate asks, not an answer begun.
ASK_PURPOSE = re.compile(
    r"^(?:so(?: that)?|just so|that way|to) (?:i|we) (?:can|could|know|understand|see|judge|decide|size|pick|choose)\b|"
    r"^(?:because|cause|since|as) .{0,60}?\b(?:depends?|is depend|hinges?|changes?|decides?|affects?|drives?|determines?|matters?)"
    r"(?: (?:a lot|on|for))? (?:this|that|it|the answer)\b",
    re.IGNORECASE,
)
# Another ask joined to an indirect one ("I'd love to know what share use Sidekick, and what share of them use it for
# marketing"): it asks too, unless it says what the candidate would do ("and what I'd do is..."). After a direct question
# it need not: "So first place is data loading: how many workers, and whether images are fetched one by one" answers.
ASK_GOES_ON = re.compile(r"^(?:and|or|also|plus)(?: also)? (?:what|how|which|whether|who|when|where)\b(?! (?:i|we)(?:'?d| would)\b)",
                         re.IGNORECASE)
# Saying the problem back to check it ("Let me restate it to check I have it: one ranking system...", "I want to check
# I'm picturing the same outcome: ..."): what follows in the sentence is put to the interviewer, not an answer yet.
PLAYS_BACK = re.compile(
    r"^(?:\w+,? )?(?:let me|i'?ll|i want to|i'?d like to|i just want to|just to) (?:restate|play (?:it |that |this )?back|"
    r"repeat (?:it |that |this )?back|check (?:that )?i'?(?:m|ve| am| have)? (?:got|understood|understand|picturing|reading))\b|"
    r"\bto check i (?:have|got|understand|understood)\b|\b(?:check|make sure|confirm) (?:that )?(?:i'?m|we'?re) picturing\b",
    re.IGNORECASE,
)
# A question announced in the clause before it ("One thing I'd like to confirm with you: does support need bit-exact
# regeneration?") is put to the interviewer, even mid-answer.
# "I'd check three things. First, when does each input become known...?": the steps of a plan the candidate announced,
# said as questions to themselves. ORDINAL_STEP opens such a step.
PLAN_LIST = re.compile(r"\b(?:check|look at|verify|test|try|do|examine|inspect|investigate|rule out)\s+(?:two|three|four|five|"
                       r"a few|a couple of|several|\d)\s+(?:things|steps|checks|places|ways|hypotheses|causes)\b", re.IGNORECASE)
ORDINAL_STEP = re.compile(r"^(?:first|second|third|fourth|fifth|next|then|finally|lastly)(?:ly)?,", re.IGNORECASE)
ANNOUNCES_ASK = re.compile(
    r"^(?:\w+,? )?(?:(?:one|the|a|another) (?:last |other |more )?(?:thing|question|point) (?:i'?d|i would|i) (?:like|want|need) to "
    r"(?:confirm|check|ask|clarify|verify)(?: with you)?|(?:a |one )?(?:quick |last )?question for you)\W*$",
    re.IGNORECASE,
)
# Whole turns that are not answers: asking for time, for a hint, or passing ("I don't know").
THINKING = re.compile(
    r"^(?:\W*(?:um+|uh+|hmm+|okay|ok|so|right|sure|sorry)\b)*\W*(?:let me think|give me an? (?:moment|second|sec|minute)|"
    r"one (?:moment|second|sec)|bear with me|just an? (?:moment|second|sec)|let me (?:gather|collect) my thoughts|"
    r"i need an? (?:moment|second|minute)|can i (?:have|take) an? (?:moment|second|minute))\b|"
    r"^\W*(?:um+|uh+m*|hmm+|h?m{2,}|erm*|ah+)(?:\W+(?:um+|uh+m*|hmm+|h?m{2,}|erm*|ah+))*\W*$",  # "hmm...": thinking aloud
    re.IGNORECASE,
)
WHICH_TECHNIQUE = r"(?:know|tell|see|think of|figure out) (?:which|what) (?:algorithm|approach|data structure|technique)"
HINT = re.compile(r"\b(?:(?:give|get|have|offer|want|need) (?:me |us )?(?:a |an |one |some )?(?:small |little |quick |tiny )?hints?|an?y? hints?|"
                  r"(?:another|one more|other|bigger|stronger|clearer|second|further|more concrete|more specific) hints?(?! (?:don't|do not|won't|aren't|are not|didn't|weren't|wouldn't|matter))|a nudge|a clue|a pointer|any pointers|where (?:should|do|would) i (?:start|begin)|"
                   r"point me in the right direction|"  # "What else do you want to know?" asks what to say (played, 2026-12-06)
                   # "...But I still don't know which algorithm to use." after a hint (played blind, 2026-12-07: a follow-up on extending it)
                   r"i (?:still |really |just )?(?:don'?t|do not|can'?t|cannot) " + WHICH_TECHNIQUE + r" (?:to use|i should use|fits|would work)|"
                   r"what (?:else |more )?(?:do|would) you (?:want|like) (?:me )?to (?:know|hear|talk about|cover|say)|what (?:else|more) (?:do|would) you need(?: to know| from me)?)\b|"
                   r"\bhints?\s*\?",  # "Lost customer. Not sure how to measure it though. Hint?" (played blind, 2026-12-07: "That's your call")
                   re.IGNORECASE)
SHORT_WORDS = 12  # a turn that asks for time, a hint or to pass is short: a longer one is an answer
TAKE_YOUR_TIME = "Take your time."
# Taking a question back: "What's the bias-variance tradeoff got to do with this? Actually never mind." (played,
# 2026-12-05: "That's your call"); only what follows is read.
TAKES_BACK = re.compile(r"\b(?:actually,? |oh,? |wait,? )?(?:never ?mind|forget (?:it|that|i asked)|scratch that|"
                        r"ignore (?:that|my (?:last )?question))\b\W*", re.IGNORECASE)
SAY_MORE = "Could you say more? Take me through how you'd approach it."  # to a bare "No." or "Yes." after an open question
SAY_MORE_STORY = "Could you say more? Take me through what happened, and what you did."  # the same, asked for a story
NO_WORDS = re.compile(r"^\W*(?:[a-z]\W*)?$", re.IGNORECASE)  # "x", "...", "?": a slip of the keyboard, said nothing
BARE = re.compile(r"^\W*(?:yes|yeah|yep|no|nope|nah|ok(?:ay)?|sure|maybe|fine|right|correct|true|false)\W*$", re.IGNORECASE)
POLAR_ASK = re.compile(r"^\W*(?:you mentioned [^:]*:\s*)?(?:is|are|was|were|do|does|did|can|could|would|will|should|have|has|had)\b", re.IGNORECASE)
ANSWER_WORDS = 20  # statements beyond this many words make the turn an answer too
PLAN_WORDS = 8  # ... or this many, when they say what the candidate would do ("I'd build the graph over 30 days")
# What the candidate (or the team) would do: "I'd", "we'll", "let's".
_WOULD = r"i'?d|i would|i will|i'?ll|i'?m going to|i'?m gonna|let'?s|we'?d|we would|we'?ll"
ANSWER_MARK = re.compile(
    r"^(?:(?:so|then|and|first|next|assuming so|if so|in that case|with that),? )?(?:" + _WOULD + r") "
    r"(?!(?:like|love|want|rather|prefer|guess|say|need|have|be|assume|imagine|expect|think|probably|ask)\b)\w+|"
    r"^(?:for [\w ]{1,30}?,? )?(?:my|our|the) [\w -]{1,30}? (?:would|should|will) be\b|"
    r"^(?:(?:so|then|and|anyway|ok|okay),? )?(?:v0|v1|mvp|(?:the |my )?(?:baseline|plan|approach|options?))\s*(?:=|:|->)",  # typed: "anyway v1 = ..."
    re.IGNORECASE,
)
# Saying what the candidate would do, anywhere in a clause: a reason for asking that plans is an answer.
PLAN = re.compile(r"\b(?:" + _WOULD + r"|we should)\b", re.IGNORECASE)
# What an assumption leads to ("..., so features have to be precomputed"): the answer has begun.
CONSEQUENCE = re.compile(r"^(?:so|then|therefore|thus|which means|meaning|that means|hence)\b", re.IGNORECASE)
# "What's the business context here?" asks for the situation, not what a word means.
CONTEXT_NOUN = re.compile(r"^(?:\w+ )?(?:context|background|situation|set-?up|picture|goals?|motivation|use case|priorit(?:y|ies))$",
                          re.IGNORECASE)
# Said right after a question, the question goes on ("..., is that hard? like the team can't do 1,001").
ELABORATES = re.compile(r"^(?:like|i mean|as in|meaning)\b", re.IGNORECASE)
YOUR_CALL = "your call — state your assumption and go on"
YOUR_CALL_STORY = "your call — tell it the way that shows your own part best"  # "technical details or the business side?"
ACKNOWLEDGEMENT = "Good question."  # before the facts; the round says its persona's own in its place
MEAN_BY = re.compile(r"\b(?:what (?:do|did) you mean (?:by|with)|what means|define|what does [\w\s/-]{2,40} (?:mean|stand for|refer to))\b",
                     re.IGNORECASE)
QUOTED = re.compile(r"(?<!\w)[\"'“‘](?P<term>[^\"'“”‘’]{2,40})[\"'”’](?!\w)")  # not the apostrophes of "what's ... we're"
ASKS_MEANING = re.compile(r"\bwhat (?:do|does|did) (?:you|it|that|\w+) mean\b|\bwhat mean\b|\bwhat is (?:the )?meaning\b|\bmean(?:s|ing)? (?:here|exactly|in this)\b|\bmean by\b|"
                           r"\bwhat counts as\b|\bstands? for\b|\brefers? to\b|\byou mean\b|\bmeans\b|"
                           r"\bwhen you say\b|\bwhat (?:is|are|'s)\b|(?<!\bi )(?<!\bi'd )(?<!\bwe )\b(?:explain|define)\b|\b(?:in )?the way you (?:framed|phrased|put|meant|used) it\b", re.IGNORECASE)
# "By tradeoff, do you mean the U-shaped curve?", "what do you mean by slow here, consistently slow, or tail spikes?":
# the term, then the candidate's guesses.
BY_TERM = re.compile(
    r"^(?:\w+,? )?by (?P<term>[\w\s/-]{2,40}?),? (?:do you mean|you mean|are you (?:talking about|referring to)|does (?:that|it) mean)\b|"
    r"\bwhat (?:(?:do|did) )?you mean (?:by|with) (?:the )?[\"'“‘]?(?P<meant>[\w\s/-]{2,40}?)[\"'”’]?\s*(?:here|exactly|in this case)?\s*,",
    re.IGNORECASE,
)
WHEN_YOU_SAY = re.compile(r"\bwhen you say (?P<term>[\w\s/-]{2,40}?)\s*(?:,|(?=\s(?:do you mean|you mean|is that|is it|does that|are those|meaning)\b))|"
                          r"^(?:(?:sorry|so|ok|okay|quick one|quick question)\b)?\W*(?!(?:what|how|which|who|do|does|did|is|are|so|i|we|and|but|sorry|ok|okay|um+|uh+)\b)(?P<named>[\w/-]+(?: [\w/-]+){0,3}?)\s*(?:here )?(?:(?:-|—|,)?\s*(?:you mean|means|meaning|as in)|,\s*(?:is that|are those|are they) (?:the|a|an)\b)",
                          re.IGNORECASE)
# Asking whether figures the candidate cannot recall are needed ("Is it okay if I don't remember exact numbers?"): played
# blind (2026-12-07), it drew "Sure, again: <the question>" and "That's your call". A real interviewer says roughly is fine.
ROUGH_FIGURES = re.compile(r"\b(?:don'?t|do not|can'?t|cannot|couldn'?t) (?:\w+ ){0,2}(?:remember|recall)\b[^.?!]*?\b(?:numbers?|figures?|"
                           r"metrics?|stats?|percentages?|results?|numbers? exactly)\b", re.IGNORECASE)
ROUGHLY_IS_FINE = "Roughly is fine: give your best estimate, and say how sure you are."
