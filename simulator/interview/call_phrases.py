"""What a candidate says about the call itself rather than the problem: a break, whether they can be heard, the
connection. Each gets a short line back and the round's clock runs on; none of it is evidence."""

from __future__ import annotations

import re

# Asking for a break ("do you mind if we take a two minute break?"): granted, the clock runs on.
BREAK = re.compile(r"\b(?:take|have|get) a (?:short |quick |little |\w+[- ]minute )?break\b|"
                   r"\bmute (?:myself )?(?:for )?(?:like |about |just )?(?:a|one|two|a few|a couple of) (?:sec|secs|seconds?|moments?|minutes?)\b|"
                   r"\b(?:take|have|get|grab) (?:a |some )?(?:quick |little )?(?:sip|drink|glass|bottle) of water\b|\bgrab (?:some )?water\b|"
                   r"\btake (?:two|a couple of|a few|one) minutes?\b|\bneed a refill\b|\bgive me (?:one|a) (?:sec|second|moment|minute)\b|"
                   r"\b(?:turn|switch) (?:my|the) (?:camera|video|mic|microphone) off\b|\bpause (?:for )?(?:like |about |maybe |just )?(?:an?|one|two|\d+|ten|fifteen|twenty|thirty|a few|a couple of) ?(?:sec|secs|seconds?|moments?|minutes?)\b|"
                   r"\b(?:take|have|get) (?:a|one|two|a few|a couple of|\d+|ten|fifteen|twenty|thirty) (?:minutes?|moments?|seconds?|secs?) to (?:think|collect|gather|jot|write|organi[sz]e)\b|"
                   r"\b(?:can|could|may) i (?:just )?(?:take|have|get|grab) (?:a|one|two|a few|a couple of) (?:minutes?|moments?|seconds?|secs?)\b|"
                   r"\b(?:one|a|just a) (?:moment|sec|second|minute),? please\b|\bthink (?:quietly|silently|in silence)\b|"
                   r"\bthink for an? (?:minute|moment|sec|second)\b|\bi need to (?:close|shut|answer|plug in|charge)\b|"
                   r"\bat the door\b|\bbe right back\b|\b(?:some|a glass of) water\b|"
                    r"\b(?:bathroom|restroom|toilet)\b", re.IGNORECASE)
HEARING = re.compile(r"\bcan you (?:still )?hear me\b|\bam i (?:audible|breaking up|coming through)\b|"
                     r"\bis my (?:audio|mic|microphone|sound|connection) (?:ok|okay|fine|working|better)\b", re.IGNORECASE)
HEAR_YOU = "Yes, I can hear you fine. Go on whenever you're ready."
CALL_TROUBLE = re.compile(r"\b(?:your (?:audio|sound|mic|microphone|video|connection)(?:'s| is)? (?:echo\w*|cutting|breaking|choppy|bad|lagging)|"
                          r"you(?:'re| are) (?:breaking up|cutting out|echoing|frozen)|(?:can'?t|cannot) hear you|"
                          r"switch to headphones|you froze|(?:the )?call dropped|are you still there|lost (?:the |my )?connection|(?:my )?screen ?share (?:just )?(?:froze|frozen|stopped|dropped)|"
                          r"can you (?:still )?see (?:the|my) (?:doc|screen|code|editor|pad))\b", re.IGNORECASE)
CALL_FIXED = "Sorry about that: let me sort it out on my side. Please go on; the clock keeps running."
BREAK_GRANTED = "Of course, take a moment: the round's clock keeps running."
# Only a greeting ("hi, thanks for having me"): greeted back, and the question stays open (played, 2026-12-05: it was
# taken for an answer of a few words and asked "what's the reasoning behind that?").
# (fillers and "I'm ready" only beside a greeting word: "Okay, I'm ready." after "take your time" greets no one)
GREETING = re.compile(r"^(?=.*\b(?:hi|hello|hey|hiya|good (?:morning|afternoon|evening)|having me|meet|how are you|to be here|ready when you are)\b)\W*(?:(?:hi|hello|hey|hiya|good (?:morning|afternoon|evening)|(?:and )?thanks?(?: you)?(?: so much| very much)?"
                      r" for (?:having|inviting|meeting(?: with)?) me(?: today)?|(?:it'?s )?(?:really )?(?:nice|great|good|lovely) to "
                      r"(?:meet|see|talk to|speak with) you(?: too| as well)?|nice meeting you|likewise|(?:i'?m )?(?:happy|glad|excited) to be here|(?:i'?m )?(?:happy|glad|excited|ready) to (?:start|begin|get started)|"
                      r"how are you(?: doing)?(?: today)?|you too|there|everyone|all|"
                      # "um hi yeah so im ready i guess" (played blind, 2026-12-07: 'You said "hi yeah so im ready i guess": what's
                      # the reasoning behind that...?')
                      r"um+|uh+|yeah|yes|sure|so|ok(?:ay)?|i'?m ready|im ready|ready(?: when you are)?|i guess|go(?: ahead)?|let'?s (?:go|start|begin|do (?:it|this)))\W*)+$",
                      re.IGNORECASE)
GREETED = "Good to meet you. Whenever you're ready, go ahead."
