"""What a clause denies: the part of it a negation covers, unless the negation denies nothing done.

"There were no alerts on it" says monitoring was missing; "no drop in conversion",
"we chose not to fine-tune", "so the queue never backs up" and "you didn't give me
the traffic" hold a negation and deny nothing the candidate did. Reading them as
denials cost candidates levels (played, 2026-12-03: "I didn't pick it first because
distillation takes weeks" scored as a missing decision). Spoken forms are read
after `normalise_spoken` ("didnt" is "didn't" by then).
"""

from __future__ import annotations

import re

_NEGATION = re.compile(
    r"\b(?:no|not|never|none|nobody|no-one|nothing|neither|nor|without|zero|cannot)\b|\b\w+n't\b|"
    r"(?<![\d.])\b0\b(?=\s+[a-z])|"
    r"\b(?:lack(?:ed|ing)?|skipp(?:ed|ing)|absent|ignored|forgot|omitted)\b",
    re.IGNORECASE,
)
_HARM_NOUN = (
    r"(?:real |measurable |significant |noticeable |statistically significant )?(?:regressions?|drops?|loss(?:es)?|incidents?|"
    r"outages?|complaints?|errors?|issues?|problems?|crash(?:es)?|failures?|bugs?|tickets?|degradation|harm|difference|change|impact|increase|decrease|rise|"
    r"spikes?|surprises?|downtime|false alarms?|noise|pages?|rollbacks?|effect)"
)
_HARM_VERB = r"(?:move[ds]?|budge[ds]?|change[ds]?|drop(?:ped|s)?|regress(?:ed)?|degrade[ds]?|increase[ds]?|rise|rose|grow|grew|" \
             r"get (?:any )?worse|got (?:any )?worse|get (?:any )?slower|got (?:any )?slower|break|broke|hurt|creep(?: up)?|crept(?: up)?|spike[ds]?|slow(?:ed)? down)"
# Negating something bad is a positive claim: "no drop in conversion", "latency didn't move", "not only".
_NEGATED_HARM = re.compile(
    rf"\b(?:no|zero|0|without|nothing|never any)\b(?:\s+\w+){{0,2}}?\s+{_HARM_NOUN}\b"
    rf"|(?:n't|\bnot|\bnever)(?: (?:see|saw|get|got|notice|noticed|observe|observed|hit|hear|heard|have|had))?"
    rf"(?: a single| any| one)(?:\s+[\w'-]+){{0,3}}?\s+{_HARM_NOUN}\b"
    rf"|(?:n't|\bnot|\bnever) (?:see|saw|get|got|notice|noticed|observe|observed|hit|hear|heard)(?:\s+[\w'-]+){{0,3}}?\s+{_HARM_NOUN}\b"
    rf"|(?:\b\w+n't\b|\bnot\b|\bnever\b)(?:\s+\w+)?\s+{_HARM_VERB}\b|\bnothing (?:broke|changed|regressed)\b"
    r"|\b(?:no|zero|0)\s+(?:dropped|failed|lost|missed|broken|duplicated?|timed out)\b|\bor not\b"
    r"|\b(?:zero|0|no)[- ]results?(?: rate| queries| searches)\b"  # a search metric's name, not a denial
    r"|(?:\bnot|n't) (?:only|just|merely|simply)\b|(?:\bnot|n't) stop (?:at|with)\b|\bno longer\b|\bno more than\b|\bnot more than\b"
    r"|\bnot exceed|\bnever (?:more|exceed)"
    # ...and so is a bad thing as the subject of a negation ("complaints didn't come in", "not a single run failed"):
    rf"|\b{_HARM_NOUN}\b(?:\s+[\w'-]+){{0,6}}?\s+(?:didn't|did not|never|don't|do not|wasn't|weren't|was not|were not)\b"
    r"|\b(?:nobody|no one|none|nothing|no (?:customer|user|merchant|seller|designer|client|one)s?|none of (?:them|the \w+|our \w+)|"
    r"not (?:a single|one))\b(?:\s+\w+){0,5}?\s+(?:noticed (?:the |a |any )?(?:switch|change|migration|difference|cutover|swap)|"
    r"complained|failed|lost|broke(?! (?:it|them|this|that|things) down)|crashed|churned|regressed|dropped|diverged|leaked|fired|timed out|went down|was lost)\b"
    r"|\b(?:never|not|n't) (?:went|go|goes|got|gone|get) (?:over|above|past|beyond|below|under)\b|\bnot (?:any )?(?:worse|slower)\b"
    # ...and a limit put on a claim still makes it ("wasn't perfect", "not every feature", "no fewer than three").
    r"|(?:\bnot|n't|\bnever) (?:(?:\w+ )?perfect|ideal|the (?:most|best|biggest|fastest)|every|all|fully|entirely|quite|huge|big|"
    r"large|great|fancy|sophisticated|elaborate|always|much|many|a lot|that (?:big|much|many|large)|as \w+ as)\b"
    r"|\bno (?:fewer|less) than\b|\bnever (?:under|below|above|over)\b",
    re.IGNORECASE,
)
# A negation that denies nothing done: a decision not to ("we chose not to fine-tune"), a safeguard or a constraint
# ("we don't let the model see the future", "PII must not leave the region"), a purpose or a condition ("so the queue
# never backs up", "in case the store isn't reachable"), words to the interviewer ("you didn't give me traffic", "I'm
# not sure I understood"), a claim about the field ("people worry embeddings don't capture..."), a correction ("it's
# not a classification problem, it's ranking") or what a system does not do ("the model doesn't see the country").
_DECISION_NOT = re.compile(
    r"\b(?:chose|choose|decided|decide|opted|opt|agreed|elected|prefer(?:red)?|recommend(?:ed)?|suggested|proposed|argued|"
    r"pushed|voted)\s+(?:\w+ly\s+)?(?:to\s+)?not\b|\b(?:decision|recommendation|call|choice|plan|advice|proposal|suggestion)"
    r" (?:was|is) (?:to )?not\b|\b(?:on purpose|intentionally|deliberately|by design|by choice)\b"
    r"|(?:n't|\bnot|\bnever) (?:let|allow)\b|(?:don't|didn't|do not|did not) need\b|\b(?:must not|mustn't|not allowed)\b",
    re.IGNORECASE,
)
# Not choosing an option is a decision when the sentence gives a reason or says what came instead.
_CHOICE_NOT = re.compile(
    r"(?:n't|\bnot|\bnever)\s+(?:\w+ly\s+)?(?:go(?:ing)? with|went with|pick(?:ed)?|choose|chose|select(?:ed)?|opt(?:ed)? for|"
    r"start(?:ed)? with|settle(?:d)? on|prefer(?:red)?|use|put)\b",
    re.IGNORECASE,
)
_REASON = re.compile(r"\b(?:because|since|as|given|instead|first|at first|for now|yet|over|until|rather|too)\b", re.IGNORECASE)
_CONDITION = re.compile(
    r"\b(?:so that|in case|otherwise|or else|to make sure|to ensure|to avoid|lest|unless|if|even if|whether|hypothetically)\b",
    re.IGNORECASE,
)
_RESULT_START = re.compile(r"^(?:(?:and|but|or)\s+)?(?:so|when|whenever)\b", re.IGNORECASE)
# Said as what happened, or as what the candidate will not do: "so we didn't run a holdout", "so I wouldn't add alerts".
_TOLD_AS_FACT = re.compile(
    r"\b(?:i|we)(?: would not| wouldn't|'d not| won't| will not)\b|\b(?:did|didn't|was|wasn't|were|weren't|had|hadn't|haven't|have not|went|ran|got|made|built|wrote|took|saw|understood|"
    r"knew|left|kept|found|set)\b|(?<!gets )(?<!get )(?<!be )(?<!is )(?<!are )(?<!being )\b\w+ed\b",
    re.IGNORECASE,
)
_TO_INTERVIEWER = re.compile(
    r"\b(?:if|unless|whether|as|since) you\b|\byou(?:'re|'ve)?\s+(?:\w+n't|not|never)\b|\bno (?:worries|problem)\b|\b(?:it's|its|that's|thats|this is) not (?:a problem|ok|okay)\b"
    r"|(?:\bnot|n't) (?:catch|follow|understand(?:ing)?)\b|\bnot sure (?:if |whether )?i (?:understood|understand|follow|got)\b"
    r"|(?:don't|do not) want to\b|(?:don't|do not) have (?:much|a lot of|enough) time\b|\bnot (?:like )?(?:a|an) (?:\w+ )?expert\b"
    r"|\bnot sure (?:my|it|this|that) (?:\w+ )?(?:was|is) the best\b",
    re.IGNORECASE,
)
_ABOUT_THE_FIELD = re.compile(
    r"\b(?:people|teams|companies|researchers|folks|the community|literature|papers?|argument|debate|"
    r"worry|worries|worried|concerns?|risks?|danger|known issue|issue (?:is|with)|problem (?:is|with)|in general|"
    r"generally|typically|tends? to|can happen|could happen|might happen|a model that|any model|any \w+ model|research|"
    r"stud(?:y|ies)|mistake|pitfall|trap|anti-pattern|industry|standard|off the shelf|open source)\b",
    re.IGNORECASE,
)
_FIELD_SUBJECT = re.compile(r"\b(?:industry|common mistake|in general|research|literature|state of the art)\b", re.IGNORECASE)
_CORRECTION = re.compile(r"\bactually\W*$|\b(?:i meant|in that sense|to be clear|not an accident)\b", re.IGNORECASE)
_RESTATED = re.compile(r"^\W*(?:it's|it is|that's|that is|they're|they are)\b", re.IGNORECASE)
# Who or what the negation is about: a person (a missing practice) or a thing (what a system does not do).
_PERSON = re.compile(r"\b(?:i|we|us|our|my|me|team|nobody|no one|everyone|they|he|she|people|someone|anyone|analysts?|"
                     r"engineers?|pms?|managers?|users?|customers?|merchants?|sellers?|designers?|leads?|stakeholders?|"
                     r"scientists?|reviewers?|annotators?|colleagues?|teammates?|partners?|folks)\b|"
                     r"^\W*(?:(?:and|but|so|or|then)\s+)?(?:there|no|zero|0|without|never|nothing|none)\b", re.IGNORECASE)
_ADVERB = r"(?:\s+(?:really|even|ever|actually|always|fully|properly|yet|been))*+"
_SYSTEM_VERB = re.compile(
    rf"^(?:\w+n't|not|never){_ADVERB}\s+(?!have\b|has\b|had\b|exist|happen|seem|get\b|got\b|there\b|in place\b|set up\b|available\b|mine\b|ours\b|my\b|our\b)"
    r"(?:(?:be|been)\s+)?(?!\w+ed\b|built\b|done\b|run\b|written\b|seen\b|set\b|kept\b|made\b|shown\b|taken\b)\w+",
    re.IGNORECASE,
)


# A practice said not to have been done to something, in the passive: "conversion and merchant satisfaction weren't
# tracked" denies tracking them; the subject is what went untracked, not something said as true (played, 2026-12-05:
# it was quoted as a user metric). Practices only: "p99 wasn't affected" still claims nothing went wrong.
_PASSIVE_PRACTICE = re.compile(
    r"^(?:wasn't|weren't|was not|were not|isn't|aren't|is not|are not|hasn't been|haven't been|has not been|have not been|"
    r"never (?:got |been |was |were )?)(?:\s+(?:really|even|ever|actually|properly|fully|formally|explicitly))*\s+"
    r"(?:tracked|measured|monitored|logged|tested|evaluated|checked|validated|versioned|defined|documented|reviewed|"
    r"labell?ed|sized|estimated|costed|alerted on|segmented|analy[sz]ed|instrumented|set up|considered|discussed|agreed|"
    r"planned|baselined|compared|recorded|computed|calculated|reported on|audited|benchmarked|profiled|load[- ]tested|"
    r"quantified|a/b tested|watched|looked at)\b",
    re.IGNORECASE,
)


def negation_split(norm: str, rest: str = "") -> tuple[str, str | None]:
    """(what is said as true, what is denied): a negation covers the clause from its word to the end.

    "scoring stores without taking action" keeps "scoring stores"; "there were no
    alerts or dashboards" keeps "there were" (nothing) and denies the rest.
    Negating something bad ("no drop in conversion") denies nothing. `rest` is the
    remainder of the sentence after the clause, where a reason or a correction may come.
    """
    harmless = [m.span() for m in _NEGATED_HARM.finditer(norm)]
    cues = [m for m in _NEGATION.finditer(norm) if not any(m.start() < b and a < m.end() for a, b in harmless)]
    if not cues:
        return norm, None
    cut = cues[0].start()
    if _denies_nothing_done(norm, cut, rest):
        return norm, None
    if _PASSIVE_PRACTICE.match(norm[cut:]):
        return "", norm
    return norm[:cut].rstrip(" ,;-"), norm[cut:]


def _denies_nothing_done(norm: str, cut: int, rest: str) -> bool:
    """The clause's negation is no practice the candidate says was missing (played, 2026-12-03: "I didn't pick it
    first because...", "so the human loop doesn't back up" and "You didn't give me traffic" all read as denials).

    A result or time clause said in the past is a denial after all: "so we didn't run a holdout", "when we never
    had alerts"; so is a thing that was not done to ("the data wasn't versioned") or did not exist.
    """
    lead = norm[:cut]
    if (_DECISION_NOT.search(norm) or _TO_INTERVIEWER.search(norm) or _ABOUT_THE_FIELD.search(lead) or _CONDITION.search(lead)
            or _FIELD_SUBJECT.search(norm) or _CORRECTION.search(norm) or _RESTATED.match(rest)):
        return True
    if _CHOICE_NOT.search(norm) and _REASON.search(norm[cut:] + " " + rest):
        return True
    if lead.strip() and not _PERSON.search(lead) and _SYSTEM_VERB.match(norm[cut:]):
        return True
    return bool(_RESULT_START.match(norm)) and not _TOLD_AS_FACT.search(norm)
