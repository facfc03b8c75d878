"""What a candidate asks about the job, the loop or the clock rather than the problem, and the lines said back.

No rubric fact answers "is this role remote?" or "what's it like working here?": a real interviewer passes such
questions on, or checks the clock, rather than making an answer up. Kept apart from the problem's phrases
(turn_phrases.py); each pattern was added for turns candidates really type or say.
"""

from __future__ import annotations

import re

# About the job, not the problem ("is this role remote?", "what are the next steps?"): no rubric fact answers it,
# and a real interviewer passes it on rather than making it up.
LOGISTICS = re.compile(
    r"\b(?:remote (?:role|work|working|position|job|first|friendly)|work(?:ing)? (?:remotely|from home)|(?:is|be) (?:this |the )?"
    r"(?:role |position |job )?(?:remote|hybrid)\b|hybrid (?:role|work|working|schedule)|in[- ]office|relocat\w*|visas?|sponsor\w*|salary|salaries|compensation|pay (?:band|range)|equity|"
    r"benefits|start date|next steps?|notice period|(?:hiring|interview|recruiting) process|this (?:role|position|job)|"
    r"the (?:role|position|job) (?:is|be)|who (?:would|will) i (?:report|work) (?:to|with)|"
    r"reporting line|direct reports|remote policy|digital by design|how long (?:does|will|would) (?:the )?(?:whole |entire |full )?(?:\w+ )?(?:process|loop) (?:usually )?take|"
    r"the (?:whole |entire |full )?(?:hiring |interview )?process (?:is|takes|lasts) (?:about |roughly |around )?(?:\d+|a|one|two|three|four|five|six) (?:days?|weeks?|months?)|work(?:ing)? hours|(?:which|what) time ?zones?|time ?zones? (?:is|are|does|do) (?:the |your )?(?:team|you|everyone))\b",
    re.IGNORECASE,
)
PASSED_ON = "I'll make sure you get the details in writing after this round; let's stay with the question."
# What the company does, put to its interviewer: "do you actually hire in Portugal?" (played blind, 2026-12-07: "That's
# your call — state your assumption and go on.")
ABOUT_THE_COMPANY = re.compile(
    r"\b(?:do|does|did|will|would|can|could) (?:you|canva|shopify|the company|they|y'?all)(?: guys)? (?:actually |really |even |currently |"
    r"still |also )?(?:hire|employ|sponsor|offer|pay|allow|let (?:people|engineers|employees)|have (?:an? )?(?:office|entity|team|people))\b|"
    r"\bis (?:that|it|this|the (?:range|band|salary|offer|pay)) (?:in|before|after) (?:aud|usd|cad|eur|gbp|\w+ dollars|dollars|euros|pounds|tax)\b",
    re.IGNORECASE)
# About the interviewer, the loop or the clock ("is this based on a real incident you had?", "will later rounds go
# deeper?", "how much time do we have?"): said back, not answered from the problem's facts.
ABOUT_US = re.compile(
    r"\b(?:(?:later|next|other|following|remaining) rounds?|(?:the )?last question (?:in|of) (?:the|this)|how many (?:questions |rounds )?(?:are )?left\b|left in the (?:loop|round|interview)|(?:the )?(?:last|final) (?:\w+ )?(?:one|round|interview) (?:today|of the day|in the loop)|"
    r"(?:this|is this) (?:\w+ ){0,3}(?:the )?(?:last|final) (?:\w+ )?(?:one|round)|(?:a|another) (?:\w+ )?round (?:after|later|next)|daily work|typical (?:day|week)|i'?d be joining|if i join|different org|"
    r"i'?d (?:actually )?be (?:owning|working on|joining)|(?:actually|really) building|real (?:versus|vs|or) hypothetical|"
    r"do you guys|submit (?:it )?whenever|when i'?m done|career|ladder|promotions?|staff track|reading group|"
    r"work[- ]life|on-?call (?:rotation|look like|like|load)|(?<!\bdo )(?<!\bdoes )day[- ]to[- ]day|(?:i|you|we|i'd|you'd) (?:\w+ ){0,2}do (?:all )?day[- ]to[- ]day|if i (?:joined|got the (?:job|role|offer))|is the role|"
    r"the role (?:is|be|mostly|involve)\w*|for (?:mles|engineers|ml engineers|data scientists) (?:at|here)|"
    r"(?:is|will) (?:the take-home|this|it) (?:be )?(?:graded|scored|assessed|marked)|graded on|"
    r"rest of the (?:loop|interview|process)|(?:my|some|a few) questions (?:for you|at the end)|at the end if there'?s time|"
    r"(?:do|will) we (?:still )?have time for|(?:will|would|is) there (?:be )?(?:time|a chance|a few minutes) (?:at the end|for (?:me|questions|my))|which team|what team|"
    r"this round|a (?:coding|technical) part|(?:feedback|interview|hiring) process|hear back|the recruiter|after (?:this|the) (?:round|interview|call)|"
    r"walk (?:me )?through it with me|interviewing for|the team i'?d (?:be|join|manage)|team i'?d be|how much say|"
    r"(?:would|will) report to me|who (?:i'?d|i would|i will|i'?ll|would i|will i|do i) (?:be )?report(?:ing)? to|how many (?:people )?(?:would|will) i (?:manage|have|lead)|"
    r"as (?:the|an?) (?:em|manager|lead|hiring manager)|(?:are|will) you (?:be )?(?:grading|scoring|assessing|judging|evaluating)\b|grad(?:ing|ed) (?:\w+ )?on\b|"
    r"what level (?:the loop|you|this round|the round) (?:expects?|wants?|is looking for)|(?:do|would) you personally\b|you personally prefer|"
    r"(?:(?:is|was) (?:this|it|that)|based on|from) (?:\w+ ){0,2}?(?:a )?real (?:incident|problem|case|story)|(?:you|your team) (?:actually |really |ever )?(?:had(?! in mind)|faced|hit|handled|saw|ran into)|(?:close to|similar to|like) what (?:you|your team) (?:\w+ )?(?:run|do|use|built|build|have)\w*|how you'?d (?:approach|do|handle|solve) (?:it|this) internally|you (?:\w+ )?ended up|"
    r"the team (?:actually )?(?:ended up|did)|(?:the|your) (?:\w+ ){0,2}team (?:is |are )?(?:actually|currently|really) working on|"
    r"in this role|this role)\b",
    re.IGNORECASE,
)
# The loop's rounds ("what's the interview process from here, how many rounds?"): the loop says, not the problem's facts
# (played, 2026-12-06: a recruiter said "I'll make sure you get the details in writing"). The reader marks the ask.
ROUNDS_ASKED = re.compile(
    r"\b(?:how many (?:more |other |further )?(?:rounds|interviews|stages)|(?:interview|hiring|recruiting) (?:process|loop|stages)|"
    r"what(?:'s| is| are) (?:the )?(?:next|remaining|other|later) (?:rounds?|stages?|interviews?)|(?:later|next|remaining|following|other) rounds?\b(?! of)|"
    r"rounds? (?:left|after this|to go|are there)|(?:what|which) (?:rounds|interviews) (?:come|are) (?:next|after)|"
    r"(?:is this|is it) (?:the )?(?:last|final) (?:round|interview)|(?:is|are) the (?:[\w&-]+ ){1,2}(?:round|interview) (?:next|after this|later)\b|"
    r"\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten) (?:more |interview )?rounds\b[^.?!]*\b(?:right|correct|true)\W*$)",
    re.IGNORECASE,
)
ROUNDS_CHECK = "Let me name the rounds."
# The company's values ("What does Canva value most in how people handle mistakes, is there a value for that?"): the
# loop's YAML names them (played, 2026-12-07: "That's your call" and "I haven't pinned down "Canva""). The reader marks
# the ask; the round says the value that fits, or passes the question on where the loop names none.
VALUES_ASKED = re.compile(
    r"\b(?:what (?:does|do) (?:\w+ ){1,2}value\b|(?:company|core|canva'?s|shopify'?s|your|our|its) values\b|is there a value (?:for|about|that)|"
    r"one of (?:the|your|its|their) (?:company |core )?values\b|values? (?:you|they|we) (?:assess|look for|screen|hire)\w*|\bvalues? (?:the )?most\b)",
    re.IGNORECASE,
)
VALUES_CHECK = "Let me name the value."
# No round ends with time for the candidate's questions: promising it was a promise broken (played, 2026-12-05).
AFTER_THE_ROUND = "That's a good one to take to the recruiter after this round. For now, let's stay with the question."
# The clock ("how many minutes do we have left?"): the round says how long is left (the reader marks the ask).
TIME_LEFT = re.compile(
    r"\b(?:minutes (?:do we have |are |have we got )?left|how long do (?:we|i) have|how long (?:is |have we )?left|"
    r"how long (?:is|will|does) (?:this|the) (?:call|interview|round|session|chat|conversation)(?: (?:take|last|be|go|run))?|"
    r"how long (?:this|the) (?:call|interview|round|session|chat|conversation) (?:is|will (?:take|last|be)|lasts|takes)|"
    r"how much time (?:(?:do )?(?:we|i) have|is left|have we got|(?:do we|have we) got left)|time (?:left|remaining)|how (?:much time|long) should i (?:spend|take)|time budget for (?:this|the) (?:question|round|part|exercise))\b"
    # "how much time do we have before the first launch?", "how much time do we have, like is this a one quarter thing?"
    # ask about the project's timeline, not the round's clock (played, 2026-12-06: "About 59 minutes left in this round.")
    r"(?!\s+(?:before|until|till|to (?:build|ship|launch|deliver|get|have|do)|for (?:building|shipping|(?:the|this) (?:project|launch|build|feature|system|work|first version|v1))\b))"
    r"(?![^.?!]*\b(?:quarters?|months?|weeks?|years?|sprints?|deadline)\b)",
    re.IGNORECASE,
)
TIME_CHECK = "Let me check the clock."
# The job itself, asked as the interviewer's opinion ("What do you think is the hardest part of working at Shopify as an
# ML engineer?" drew YOUR_TAKE, played 2026-12-06): about the job, not the problem, whatever TURNED_BACK reads in it.
WORKING_THERE = re.compile(r"\b(?:hardest|best|worst|toughest|favou?rite|most (?:fun|rewarding|frustrating)) (?:part|thing)s? (?:about|of) "
                           r"(?:working|being|the job|the role)\b|\bwhat(?:'s| is) it (?:really )?like (?:to work|working)\b|"
                           r"\b(?:like|enjoy|love) (?:about )?working (?:here|there)\b|\b(?:company|team|engineering|canva'?s|shopify'?s|the) culture\b(?! of)|"
                           r"\bculture (?:is |be )?like\b", re.IGNORECASE)
