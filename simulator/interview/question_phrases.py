"""What a candidate asks about the question itself: for it again, which of two things it asks, or whether the story
they told fits it. Each is answered with the question, or with whether the story counts, never with a fact."""

from __future__ import annotations

import re

# Asked for the bank question, not the last follow-up: "can you remind me what the original question was?"
ORIGINAL_QUESTION = re.compile(
    r"\b(?:remind me (?:of )?(?:what )?(?:the|your) (?:\w+ )?question|what (?:was|is) the (?:original|first|main|actual|initial|opening) "
    r"question|(?:the|your) (?:original|first|main|initial|opening) question(?: again| was)|(?:back to|repeat) the (?:original|first|main|"
    r"initial|opening) question|are we still on (?:the |that |this )?(?:\w+ ){0,3}(?:one|question|story)|which question are we on)\b",
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
                              r"(?:count|work|do)(?: for (?:this|the|your) question)?\W*$", re.IGNORECASE)
STORY_FITS = "That works for this question: go on with it, and make clear what you did yourself."
