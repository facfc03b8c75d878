"""What a candidate asks about the question itself: for it again, which of two things it asks, whether the story they
told fits it, or how their answer is going. Each is answered with the question, with whether the story counts, or with
where the feedback comes, never with a fact."""

from __future__ import annotations

import re

# Asked for the bank question, not the last follow-up: "can you remind me what the original question was?"
ORIGINAL_QUESTION = re.compile(
    r"\b(?:remind me (?:of )?(?:what )?(?:the|your) (?:\w+ )?question|what (?:was|is) the (?:original|first|main|actual|initial|opening) "
    r"question|(?:the|your) (?:original|first|main|initial|opening) question(?: again| was)|(?:back to|repeat) the (?:original|first|main|"
    r"initial|opening) question|are we still on (?:the |that |this )?(?:\w+ ){0,3}(?:one|question|story)|which question are we on|"
    # "...i havent answered the ambiguous one yet can you say the question again" (played blind, 2026-12-07: the last
    # follow-up was said again)
    r"(?:haven'?t|have not|didn'?t|did not|(?:don'?t|do not) think i(?:'ve| have)?) (?:really |actually )?answer(?:ed)? (?:the|that|your) "
    r"(?:\w+ ){0,3}(?:one|question) yet)\b",
    re.IGNORECASE)  # "Are we still on the conflict one?" (played blind, 2026-12-07: a storytelling tip)
# Which of two things the question asks for, in a story round: "did you want my career story from the start, or decisions
# within this project?", "the question is about failure or about success?" (played blind, 2026-12-07: sent to the recruiter,
# and told "On success metric, that's your call"): the question again is the answer
WHICH_READING = re.compile(r"\b(?:did|do) you want (?:me to (?:start|talk|tell|walk|cover|describe|answer|focus)\b[^?]{0,60}?|my )"
                           r"[^?]{0,80}?\bor\b|\b(?:is|was) (?:the|this|your) question (?:about|asking|on|more)\b|"
                           r"\b(?:the|this|your) question (?:is|was) (?:about|asking|on)\b[^?]*\bor\b|"
                           # "Maybe I did not understand the question - you want a mistake that I made myself?"
                           r"^\W*(?:so |and |or )?(?:do )?you want (?:a|an|my) (?:story|example|mistake|time|case|project|failure)\b[^?]*\?", re.IGNORECASE)

# A story told in place of the one asked for, put to the interviewer: "...and we retrained it on new data. Is that close
# enough?", "So nobody really gave anything up. Is that a problem for this question?" (played blind, 2026-12-07: "That's
# your call — tell it the way that shows your own part best")
STORY_FITS_ASKED = re.compile(r"\b(?:is|would) (?:that|this|it) (?:be )?(?:close enough|good enough|ok(?:ay)?|fine|enough|a problem|an issue|"
                              r"acceptable|allowed)(?: for (?:this|the|your) question| that [^?]{1,50})?\W*$|\b(?:does|would|will) (?:that|this|it) "
                              r"(?:count|work|do)(?: for (?:this|the|your) question)?\W*$|"
                              r"\b(?:can|could|may) i (?:use|tell|take) (?:the )?same (?:story|example|one|project)\b|"
                              r"\bi can (?:use|tell|take) (?:the )?same (?:story|example|one|project)\b", re.IGNORECASE)  # "For conflict, I can use same story?"
STORY_FITS = "That works for this question: go on with it, and make clear what you did yourself."
# Asking how the round is going ("sorry, am I doing okay?", "did I get the bias and variance part right?"): played blind
# (2026-12-07) these drew "The rest is your call — state your assumption and go on." and "Let me come back to what I
# asked". A real interviewer in a mock round keeps the verdict for the feedback, and says so.
HOW_AM_I_DOING = re.compile(r"\b(?:am i doing (?:ok(?:ay)?|all ?right|alright|well|fine|good)|how am i doing|how(?:'m| am) i (?:doing|going) so far|"
                            r"did i get (?:the [\w\s-]{1,30}? (?:part|bit|one)|my answer|the (?:numbers?|maths?|estimate)) (?:right|correct)|"
                            # "It's the estimate. Did I get it right?" (played blind, 2026-12-07); "So, in my words: ... Did I get that
                            # right?" checks a restated problem, and is told the facts
                            r"\b(?:estimate|answer|numbers?|maths?|calculation|sum)\b[^?]{0,40}\bdid i get (?:it|that) right\b|was (?:my answer|that answer) "
                            r"(?:right|correct|ok(?:ay)?|good enough)\W*$|"
                            # "...is there anything in my answer you think was wrong? I'd rather hear it now." (played blind,
                            # 2026-12-07: the time left was told, the ask dropped)
                            r"(?:is there |was there )?anything (?:in (?:my|that|the) answer |i said |so far )?(?:that )?(?:you (?:think|thought|feel) )?"
                            r"(?:was|is|i got|i've got|looks?|sounds?) (?:wrong|off|incorrect|missing)|(?:what|where) did i get wrong|"
                            r"did i (?:get|say) anything wrong|(?:any|what) (?:feedback|mistakes) so far)", re.IGNORECASE)
# ("So, in my words: ... Did I get that right?" checks the problem as restated: the facts answer it)
FEEDBACK_AT_THE_END = "You'll get detailed feedback in the report at the end of the round; for now, keep going."
FEEDBACK_LATER = "You'll get detailed feedback in the report at the end of the round."  # said beside a pass: "keep going" with what?
# "I just answered that... Did you not hear that part?" drew "That's your call" (played blind, 2026-12-07)
HEARD_IT = re.compile(r"\b(?:did|didn'?t|did not) you (?:not )?(?:hear|catch|get|see) (?:that|it|this|what i said|my answer|(?:that|the) part)\b",
                      re.IGNORECASE)
HEARD = "Yes, I heard that part, thanks."
# "should I aim for breadth or depth on each question?" (played blind, 2026-12-07: told "Any scale is fine")
BREADTH_OR_DEPTH = re.compile(r"\b(?:breadth|broad|wide)\b[^?]{0,30}\b(?:or|versus|vs)\b[^?]{0,15}\b(?:depth|deep)\b|"
                              r"\b(?:depth|deep)\b[^?]{0,30}\b(?:or|versus|vs)\b[^?]{0,15}\b(?:breadth|broad|wide)\b", re.IGNORECASE)
DEPTH_WHERE_IT_MATTERS = ("Depth where it matters: say in a sentence what you'd cover, then go deep on the part you think "
                          "decides it. I'll steer you if I want more breadth.")
# "roughly how many questions do you have?", "How many questions more we have?" (played blind, 2026-12-07: told about
# scale, and "That's your call")
QUESTIONS_ASKED = re.compile(r"\bhow many (?:more )?questions\b|\bquestions (?:are )?(?:left|remaining)\b", re.IGNORECASE)
QUESTIONS_CHECK = "Let me count the questions."
# "keep going with what? you didn't say anything." after "for now, keep going" (played blind, 2026-12-07)
WITH_WHAT = re.compile(r"\b(?:keep going|go on|continue|carry on) with what\b|\bwhat (?:should|do you want) (?:me to|i) "
                       r"(?:keep going|go on|continue|carry on) (?:with|on)\b", re.IGNORECASE)
