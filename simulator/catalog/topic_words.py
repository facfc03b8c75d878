"""What a question is about: the words of each fact topic, and the everyday words for YAML keywords.

The clarify reader ties a candidate's ask to the facts of these topics before
meaning has its say (interview/fact_match.py), and the engine reads its probes
with them, so none asks back a given the interviewer told. Here, beside the
facts' own schema, both layers can use them.
"""

from __future__ import annotations

import re

_A_CHANGE = r"(?: (?:of )?(?:a|an|is|was|the|that|this|of)){0,2} (?:drop|regression|decline|dip|fall|loss|hit|change|gap|lift|gain)\b"
# Words that say what a question is about, per fact topic.
TOPIC_WORDS: dict[str, str] = {
    # Amounts, not the things counted: "can merchants turn it off?" is no question about how many merchants there are.
    # ... "how big a drop?" asks the size of a change in the metric, not of the traffic.
    "scale": r"traffic|qps|rps|requests? (?:a|per) (?:second|minute|day)|how many|volume|scale|(?:how big|how large|(?<!team )(?<!teams )size)(?!"
             rf"{_A_CHANGE})(?! (?:is|are|of) (?:the |our |your |this )?(?:\w+ )?(?:team|org|organi[sz]ation|group|staff)\b)|daily|"
             r"monthly|dau|mau|throughput|peak|load|catalog(?:ue)? size|how much (?:\w+ )?traffic",
    "latency": r"latency|how fast|response time|milliseconds?|ms|real[- ]?time|(?:online|offline)(?! (?:eval\w*|metrics?|tests?|testing|experiments?|a/b|results?|sets?|numbers|gains?|wins?))|sla|slo|p9\d|p50|latency budget|time budget|"
               r"synchronous|batch|how quickly|fresh|freshness",
    "data": r"data|logs?|logging|logged|labels?|labell?ed|annotat\w*|history|historical|dataset|features?|signals?|"
            r"tracked|track|record(?:ed|s)?|per[- ]version|ground truth|clicks?|feedback|examples|samples|pairs|triples|"
            r"(?:confirmed |known |past )cases|training (?:set|data)|seed set",
    # Who the users are, not any mention of them ("how many users", "the merchant's orders" are about something else).
    "users": r"who (?:are|is) (?:the |our )?(?:\w+ )?(?:users?|customers?|audience|merchants?|designers?|buyers?|shoppers?|sellers?)|"
             r"who (?:are|is) (?:this|these|those|it|they)(?: \w+)? (?:for|aimed at|meant for)|"
             r"(?:which|what) (?:kinds? of |types? of |sorts? of )?(?:users?|customers?|merchants?|designers?|buyers?|shoppers?|people)\b(?! (?:count|per|a day|a month))|"
             r"(?:are|is) (?:the|our|these|those) (?:users?|customers?|merchants?|designers?|buyers?|shoppers?) (?!\d)|"
             r"(?:target|end|primary|main|typical|intended|core) (?:users?|customers?|audience|merchants?|buyers?|shoppers?)|"
             r"user base|audience|who (?:actually |really |mainly )?uses|who (?:we'?re|we are|i'?m|i am) (?:building|designing) (?:this|it) for|"
             r"(?:end )?consumers?|internal (?:folks|teams?|staff|users)|personas?|for whom",
    "success_metric": r"metrics?|success|kpis?|measured?|goal|objective|north star|optimi[sz](?:e[ds]?|ing)|target|win|judge|"
                      rf"(?:how big|how large|how bad|how much|size|magnitude){_A_CHANGE}|"
                      r"cares? (?:most )?about|wants? to (?:move|improve|grow|increase|reduce)|move the needle",
    # "what's the review team's capacity?" asks about the capacity, not who is on the team
    "team": r"team(?!['’]s\b)|engineers?|headcount|people|staff|who (?:else |would |will |should )?(?:works?|owns?)|"
            r"who (?:needs to |has to |must |would |will |should |gets to )?(?:approves?|signs? off|decides?)",
    # "how long are the clips?" asks a length, not the timeline
    "timeline": r"timeline|deadline|how long(?! (?:can|do|should|must|may|will) (?:we|you|i) (?:keep|retain|store|hold))"
                r"(?! (?:are|is) (?:the |a |an |each |typical |most |these |those )?(?:\w+ )?(?:clips?|videos?|sessions?|documents?|docs|"
                r"prompts?|texts?|quer(?:y|ies)|descriptions?|tickets?|conversations?|windows?|inputs?|sequences?|audio|recordings?|"
                r"frames?|songs?|tracks?|posts?|reviews?|answers?|responses?|outputs?|lists?|strings?|logs?)\b)|weeks?|months?|by when|launch date|when does|when'?s the (?:launch|deadline|release)|"
                r"when (?:do|does|will|must|should|can) (?:we|it|this|the \w+) (?:need to |have to )?(?:ship|launch|go live|be (?:ready|done|live))|"
                r"(?:must|need to|have to) (?:deliver|ship)|how much time (?:do )?(?:we|i) have (?:before|until|to)",
    # "latency budget" and "error budget" are not money; "spend more of the time on X" is not either
    "budget": r"(?<!latency )(?<!time )(?<!error )budget|cost|spend(?!\s+(?:\w+\s+){0,3}time\b)|gpus?|money|dollars?|expensive|cheap|"
              r"(?:compute|hardware)(?= (?:budget|resources?|capacity)|\W*$)",
    # "which surfaces - pdp, cart, home?": where the feature shows is what it covers
    "scope": r"scope|mvp|first (?:version|release|cut|iteration)|v1|which features|in scope|out of scope|focus|surfaces?|placements?|"
             r"what'?s in and what'?s out|minimum viable",
    # Build or buy is a constraint the facts settle ("we'd use a hosted LLM through the provider contract").
    "constraints": r"constraints?|limits?|limitations?|requirements?|on[- ]device|regulat\w*|compliance|in[- ]house|self[- ]host\w*|"
                   r"build (?:or|vs\.?|versus) buy|(?:vendor|third[- ]party|external|hosted|off[- ]the[- ]shelf|open[- ]source) (?:models?|llms?|apis?|providers?)|"
                   r"must (?!not get worse|not regress|not drop)(?:\w+ )?(?:run|work|support|comply|use|stay|fit|respect|reuse|integrate|avoid|be)",
    "current_system": r"today|currently|existing|current|baseline|already|right now|in place|legacy|how is it done",
    "quality": r"quality|accura(?:cy|te)|precision|recall|error rate|false positives?|false negatives?|how good|how wrong|"
               r"how (?:often|much) can it be wrong|good enough",
    "platform": r"platform|devices?|mobile|web|desktop|cloud|infra\w*|serving(?! (?:budget|costs?|spend|bill))|hardware|stack|where does it run|k8s|kubernetes|"
                r"clusters?|containers?|docker|server[- ]side|client[- ]side|(?:in|on) the browser|on the (?:phone|client)",
    "privacy": r"privacy|pii|gdpr|ccpa|consent|personal(?! (?:project|experience|opinion|view|take|preference)s?\b)|sensitive|(?:data |log )retention|retention (?:period|policy|policies|window|limits?|rules?)|anonymi[sz]\w*|"
               r"data[- ]residency|(?:keep|retain|store|hold|save|log) (?:it|them|that|(?:the |users?'? |their |customers?'? |merchants?'? |raw )?"
               r"(?:user |personal |customer )?(?:data|frames|videos?|images|photos|prompts|recordings?|audio|uploads|content))|"
               r"(?:train|retrain) on (?:users?'?|their|customers?'?|merchants?'?) (?:data|content|videos?|images|photos|prompts)",
    # "what language is the team most comfortable in?" asks about code, not the users' languages
    "languages": r"(?<!programming )(?<!coding )languages?(?! (?:is|are|does|do|would|should) (?:the |our |your )?(?:team|engineers?|we|they|you)\b)|"
                 # "a second region we could fail over to" is where it runs, not who it serves (played, 2026-12-06)
                 r"locales?|multilingual|english|international|countries|(?<!second )(?<!another )(?<!backup )(?<!failover )"
                 r"(?<!single )(?<!one )(?<!same )regions?(?! (?:we could |to )?fail)|markets?",
    "input": r"inputs?|empty|null|none|nan|duplicates?|ties?|sorted|unsorted|negative|length|how (?:large|big|long) can|n|"
             r"edge cases?|format of",
    "output": r"outputs?|return(?:s|ed)?|format|order(?:ed|ing)?|print",
}
# What a fact's YAML keyword is also called: the everyday words for it ("what's the base rate?" asks for the class balance).
KEYWORD_ALIASES: dict[str, str] = {
    "class balance": r"base rates?|positive rates?|prevalence|how (?:rare|common|often)(?! (?:do|does|did|should|would|will|can|is|are))|"
                     r"(?:fraud|harm|abuse|spam|churn|positive|negative) (?:rate|share|ratio)|imbalanced?|skew(?:ed)?|ratio of positives",
}
TOPIC_RE = {topic: re.compile(rf"\b(?:{words})\b", re.IGNORECASE) for topic, words in TOPIC_WORDS.items()}
