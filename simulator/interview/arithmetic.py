"""A sum the candidate works out aloud and gets wrong, checked as a real interviewer would: "Let me check that: 10,000
a day is about 3.7 million a year, not 300,000."

Played blind (2026-12-07, the fifth player): "With 10,000 new merchants a day, that's about 300,000 a year, so plenty
for an experiment" and "5,000 audits a month at 1 in 10,000 gives about 5 harmful per month, right?" went unremarked,
the second with "That's right.", and each plan was built on the slip. Two shapes are read, each said in one sentence
with a word that says the second figure is worked out from the first ("that's", "so", "which is", "gives"): a rate said
again per another stretch of time, and a count taken at a rate ("at 1 in 10,000", "at 2%"). A result within 1.6x of
the sum is a fair rounding; only one further off is a slip.
"""

from __future__ import annotations

import re

from ..scoring.meaning.spoken import normalise_spoken

SLIP = 1.6  # a worked-out figure this many times off the sum (either way) is a slip, not a rounding
_NUMBER = r"(?<![\w.-])\d[\d,]*(?:\.\d+)?(?:\s?(?:k|thousand|m|million|bn|b|billion)\b)?"
_SCALE = {"k": 1e3, "thousand": 1e3, "m": 1e6, "million": 1e6, "b": 1e9, "bn": 1e9, "billion": 1e9}
_SECONDS = {"second": 1, "sec": 1, "minute": 60, "min": 60, "hour": 3600, "day": 86400, "week": 7 * 86400,
            "month": 30 * 86400, "year": 365 * 86400}
_PER = r"(?:a|an|per|each|every|/)\s?(?P<{}>second|sec|minute|min|hour|day|week|month|year)\b"
# What says the next figure is worked out from the last; no "per" between ("2 per week per store is around 70,000 per day")
_WORKED_OUT = (r"(?:(?!\b(?:per|each|every)\b)[^.?!;]){0,30}?\b(?:that'?s|that is|which is|which means|so|gives|giving|means|comes to|is|=)"
               r"\s+(?:about |roughly |around |~|like |only |just |maybe )?")
_THINGS = r"(?P<{}>(?:\s+[a-z][\w'-]*){{0,3}}?)\s+"  # "10,000 new merchants a day"
_RATE_AGAIN = re.compile(rf"(?P<a>{_NUMBER}){_THINGS.format('ta')}{_PER.format('u1')}{_WORKED_OUT}(?P<b>{_NUMBER}){_THINGS.format('tb')}"
                         rf"{_PER.format('u2')}", re.IGNORECASE)
_AT_RATE = re.compile(rf"(?P<a>{_NUMBER}){_THINGS.format('t')}(?:{_PER.format('u')}\s+)?(?:at|times|x)\s+(?:(?:1|one) in (?P<one_in>{_NUMBER})|"
                      rf"(?P<share>{_NUMBER})\s?(?:%|percent\b|per cent\b)){_WORKED_OUT}(?P<c>{_NUMBER})", re.IGNORECASE)
_RATE = re.compile(rf"(?P<a>{_NUMBER}){_THINGS.format('t')}{_PER.format('u')}", re.IGNORECASE)
_SHARE = r"\s?(?:%|percent\b|per cent\b)"
# "35% of 40 million, about 1.4 million": an aside worked out from what precedes it, said without a connective
_OR_ASIDE = rf"(?:{_WORKED_OUT}|,\s*(?:about|roughly|around|approximately|~)\s*)"
_SHARE_OF = re.compile(rf"(?P<share>{_NUMBER}){_SHARE} of (?:the |our |all |those )?(?P<a>{_NUMBER}){_OR_ASIDE}(?P<c>{_NUMBER})", re.IGNORECASE)
# "from 6 minutes to 4.5, which is like a 35% drop": a change said as a share of where it started
# ("tail CTR went 9.0 to 8.1, only a 0.9 percent relative drop", played blind, 2026-12-07: "The 0.9 percent relative drop, got it.")
_CHANGE = re.compile(rf"\b(?:from |(?:went|goes|go|dropped|fell|rose|grew|moved) (?:from )?)(?P<a>{_NUMBER})(?P<pa>{_SHARE})?(?:\s[a-z]+)? to (?P<b>{_NUMBER})(?P<pb>{_SHARE})?[^.?!;]{{0,40}}?"
                     rf"(?P<c>{_NUMBER}){_SHARE}\s(?:relative\s)?(?:drop|decrease|reduction|cut|fall|decline|less|lower|fewer|faster|"
                     rf"increase|lift|gain|improvement|rise|more|higher|jump|uplift|boost|better|saving)", re.IGNORECASE)
# "caught 99.5% of them, so only about one in 2000 would slip through": a share said again as one in so many
_ONE_IN = re.compile(rf"(?P<p>{_NUMBER}){_SHARE}[^.?!;]{{0,80}}?\b(?:so|that'?s|that is|which is|which means|means|meaning|or)\s+"
                     rf"(?:(?:only|just|about|roughly|around|like|~)\s+)*(?:1|one|a) in (?P<n>{_NUMBER})", re.IGNORECASE)


def _money(group: str) -> str:
    return (rf"(?:\$\s?(?P<{group}>{_NUMBER})|(?P<{group}n>{_NUMBER})\s?(?P<{group}u>dollars?|cents?|usd)\b)")


# "$200 per million descriptions, so 2 cents per description": a cost per so many said again per one
_PER_MANY = re.compile(rf"{_money('a')}\s+(?:per|a|for (?:a|every|each)?)\s*(?P<many>million|thousand|billion|k|m|\d[\d,]*)\s+"
                       rf"(?P<things>[a-z][\w'-]*)[^.?!;]{{0,30}}?\b(?:that'?s|that is|which is|so|means|comes to|is|=|or)\s+"
                       rf"(?:(?:about|roughly|around|like|only|just|~)\s+)*{_money('c')}\s+(?:per|a|an|each|for each|every)\s+"
                       rf"(?P<thing>(?!(?:million|thousand|billion)\b)[a-z][\w'-]*)", re.IGNORECASE)


_PER_SECOND = re.compile(r"\b(?:qps|rps|req/s|requests/s)\b", re.IGNORECASE)


def _spoken(text: str) -> str:
    """`text` as spoken, "5,000 QPS" as "5,000 per second" (played blind, 2026-12-07: "5,000 requests per day, so about
    5,000 QPS" went unremarked), "4 and a half" as "4.5"."""
    return re.sub(r"\b(\d+) and a half\b", r"\1.5", _PER_SECOND.sub("per second", normalise_spoken(text)))


def without_worked_out(text: str) -> str:
    """`text` with each figure it works out from another blanked (offsets kept): "300 requests a second, that's about a
    million an hour" restates its premise, and a wrong sum is this module's to check, not a wrong given (played blind,
    2026-12-07: "Let me correct that." to a sum that was right). `text` is normalised already (normalise_spoken)."""
    for pattern, group in ((_RATE_AGAIN, "b"), (_AT_RATE, "c"), (_SHARE_OF, "c")):
        for m in pattern.finditer(text):
            text = text[: m.start(group)] + " " * (m.end(group) - m.start(group)) + text[m.end(group):]
    return text


def rates(text: str) -> list[tuple[float, str]]:
    """Each figure `text` says per a stretch of time ("1,000 orders per hour"), with the stretch ("hour")."""
    return [(_value(m.group("a")), {"sec": "second", "min": "minute"}.get(u, u))
            for m in _RATE.finditer(_spoken(text)) for u in [m.group("u").lower()]]


def _value(said: str) -> float:
    match = re.match(r"([\d,.]+)\s?([a-z]*)", said.strip(), re.IGNORECASE)
    assert match is not None  # every caller passes a _NUMBER match
    return float(match.group(1).replace(",", "")) * _SCALE.get(match.group(2).lower(), 1.0)


def _said(value: float) -> str:
    """A sum as an interviewer says it: two significant figures, "3.7 million", "3,700", "0.5"."""
    if value >= 1e6:
        return f"{float(f'{value / 1e6:.2g}'):g} million" if value < 1e9 else f"{float(f'{value / 1e9:.2g}'):g} billion"
    if value >= 100:
        return f"{int(float(f'{value:.2g}')):,}"
    return f"{float(f'{value:.2g}' if value >= 1 else f'{value:.1g}'):g}"  # "about 1.7 a second", not "about 1"


def _figure(said: str) -> str:
    """A figure of the candidate's as written back: "1000000" (spoken "one million", read as digits) as "1,000,000"."""
    return f"{int(said):,}" if said.isdigit() else said


def _off(said: float, worked: float) -> bool:
    return said > 0 and worked > 0 and max(said, worked) / min(said, worked) > SLIP


def _dollars(m: re.Match[str], group: str) -> float:
    if m.group(group) is not None:
        return _value(m.group(group))
    return _value(m.group(f"{group}n")) / (100 if m.group(f"{group}u").lower().startswith("cent") else 1)


def _cost(value: float) -> str:
    return f"{value * 100:.2g} cents" if 0.01 <= value < 1 else f"${_said(value)}"


def _share_slips(said: str) -> list[str]:
    """A share taken of a count, a change said as a share, a share said as one in so many, a cost per many said per
    one (played blind, 2026-12-07: "35% of 40 million, about 1.4 million", "from 6 minutes to 4.5, like a 35% drop", "99.5%
    caught, so about one in 2000 would slip through", "$200 per million descriptions, so 2 cents per description")."""
    lines = []
    for m in _SHARE_OF.finditer(said):
        worked = _value(m.group("a")) * _value(m.group("share")) / 100
        if _off(_value(m.group("c")), worked):
            lines.append(f"{m.group('share')}% of {_figure(m.group('a'))} is about {_said(worked)}, not {_figure(m.group('c'))}.")
    for m in _CHANGE.finditer(said):
        a, b, c = _value(m.group("a")), _value(m.group("b")), _value(m.group("c"))
        worked = [abs(b - a) / a * 100] if a else []
        if m.group("pa") or m.group("pb"):  # "from 61 to 74%, a 13% lift": points said as a share are no slip
            worked.append(abs(b - a))
        if worked and all(abs(c - w) > 3 and max(c, w) / max(min(c, w), 1e-9) > 1.25 for w in worked):
            lines.append(f"from {_figure(m.group('a'))} to {_figure(m.group('b'))} is about {_said(worked[0])}%, not {m.group('c')}%.")
    for m in _ONE_IN.finditer(said):
        share = min(_value(m.group("p")), 100 - _value(m.group("p")))
        if 0 < share and _off(_value(m.group("n")), 100 / share):
            lines.append(f"{m.group('p')}% leaves {share:g}%, about 1 in {_said(100 / share)}, not 1 in {_figure(m.group('n'))}."
                         if share != _value(m.group("p")) else f"{m.group('p')}% is about 1 in {_said(100 / share)}, not 1 in {_figure(m.group('n'))}.")
    for m in _PER_MANY.finditer(said):
        many = _SCALE.get(m.group("many").lower()) or _value(m.group("many"))
        worked, each = _dollars(m, "a") / many, _dollars(m, "c")
        if m.group("thing")[:4].lower() == m.group("things")[:4].lower() and _off(each, worked):
            lines.append(f"{_cost(_dollars(m, 'a'))} per {m.group('many')} {m.group('things')} is about {_cost(worked)} each, not {_cost(each)}.")
    return lines


# "50,000 views times 300 candidates is 1.5 million", "30 x 200 x 8 = 4,800" (played blind, 2026-12-07: each went
# unremarked, and the design was sized on it): a product said with its result
_FACTOR = r"\$?(?P<{0}>" + _NUMBER + r")(?P<{0}p>\s?%)?(?:\s+(?!(?:times|x|is|are|equals|gives|so|that'?s|which)\b)[a-z][\w'-]*){{0,3}}?"
_TIMES = r"\s*(?:(?<=\d)x|\bx\b|×|\*|\btimes\b|\bmultiplied by\b)\s*"
_PRODUCT = re.compile(r"(?<![/*×+=])(?<![/*×+=] )" + _FACTOR.format("a") + _TIMES + _FACTOR.format("b") + f"(?:{_TIMES}{_FACTOR.format('c')})?"
                      + rf"\s*(?:=|\bis\b|\bare\b|\bgives\b|\bequals\b|,?\s*(?:so|that'?s|which is)\b)\s*"
                      + rf"(?:(?:about|roughly|around|~|like|only|just|exactly)\s+)*\$?(?P<d>{_NUMBER})"
                      # a result in other units is a conversion ("...times four bytes is about 200 gigabytes", "900 x 6 minutes
                      # = 90 reviewer-hours"), not a product to check
                      + r"(?![\d,.]*\d)(?!\s*[/*×+-]\s*\d)(?!\s*(?:[kmgtp]b|[kmgtp]i?b|(?:kilo|mega|giga|tera|peta)?bytes?|[\w-]*hours?|days?|minutes?|mins?|weeks?|[\w-]*seconds?|[\w-]*secs?|ms|milliseconds?|microseconds?|us)\b)",
                      re.IGNORECASE)
# "30 ms for lookup, 40 ms for features and 50 ms for ranking, so exactly 100 ms total": a sum said with its total
_UNIT = r"(?:ms|milliseconds?|seconds?|secs?|minutes?|mins?|hours?|gb|mb|tb|cores?|gpus?|%)"
_TERM = re.compile(rf"(?P<n>{_NUMBER})\s?(?P<u>{_UNIT})(?![\w])", re.IGNORECASE)
_TOTAL = re.compile(rf"\b(?:so|that'?s|which is|gives|comes to|adds? up to|for a total of|=)\s+(?:(?:about|roughly|around|~|exactly|"
                    rf"only|just|like)\s+)*(?P<n>{_NUMBER})\s?(?P<u>{_UNIT})(?![\w])\s*(?:in )?(?:total|altogether|overall|end[- ]to[- ]end)\b",
                    re.IGNORECASE)
SUM_OFF = 0.1  # a total said more than this share away from the sum of its parts is a slip: "30 + 40 + 50 is exactly 100"


# "With 1 million searches a day, 10% for two weeks is 14 million searches" (played blind, 2026-12-07: a 10x slip let
# stand, and "plenty of power" built on it): a share of a rate over a stretch of time
_SHARE_FOR = re.compile(rf"(?P<a>{_NUMBER}){_THINGS.format('t')}{_PER.format('u')}[^.?!;]{{0,30}}?(?P<share>{_NUMBER}){_SHARE}"
                        rf"(?:\s+of (?:them|those|that|it|the \w+|traffic|users))?\s+(?:for|over) (?P<d>{_NUMBER}) (?P<du>day|week|month|year)s?\b"
                        rf"{_WORKED_OUT}(?P<c>{_NUMBER})", re.IGNORECASE)
# "30,000 of 1 million is 30%" (played blind, 2026-12-08: built on, "doubling gives 60%"): a count said as a share
_OF_IS = re.compile(rf"(?P<a>{_NUMBER})(?:\s[a-z]+)? (?:out )?of (?:the |our |all |those )?(?P<b>{_NUMBER})(?:\s[a-z]+)?\s?(?:is|=|are|that'?s|which is|,)\s"
                    rf"(?:(?:about|roughly|around|only|just|like|~)\s)*(?P<p>{_NUMBER}){_SHARE}", re.IGNORECASE)
# "So 40% of 48k = 19.2k good buyers declined. x $85 = $16M/day" (played blind, 2026-12-07): a product whose first factor
# is the figure said just before it
_TIMES_LAST = re.compile(rf"(?P<a>{_NUMBER})[^\d?!;]{{0,40}}?\s(?:x|×|times)\s?(?P<money>\$)?(?P<b>{_NUMBER})\s?=\s?~?\$?(?P<d>{_NUMBER})",
                         re.IGNORECASE)


def _unit(said: str) -> str:
    said = said.lower()
    return "%" if said == "%" else said.rstrip("s")[:3]


def _product_slips(said: str) -> list[str]:
    lines = []
    for m in _PRODUCT.finditer(said):
        factors = [g for g in "abc" if m.group(g)]
        worked = 1.0
        for g in factors:
            worked *= _value(m.group(g)) / (100 if m.group(f"{g}p") else 1)
        if _off(_value(m.group("d")), worked):
            lines.append(" times ".join(_figure(m.group(g)) + ("%" if m.group(f"{g}p") else "") for g in factors)
                         + f" is about {_said(worked)}, not {_figure(m.group('d'))}.")
    for m in _OF_IS.finditer(said):
        worked = _value(m.group("a")) / _value(m.group("b")) * 100 if _value(m.group("b")) else 0.0
        if worked and _off(_value(m.group("p")), worked):
            lines.append(f"{_figure(m.group('a'))} of {_figure(m.group('b'))} is about {_said(worked)}%, not {m.group('p')}%.")
    products = {m.start("d") for m in _PRODUCT.finditer(said)}
    for m in _TIMES_LAST.finditer(said):
        worked = _value(m.group("a")) * _value(m.group("b"))
        if m.start("d") not in products and _off(_value(m.group("d")), worked):
            money = m.group("money") or ""
            lines.append(f"{_figure(m.group('a'))} times {money}{_figure(m.group('b'))} is about {money}{_said(worked)}, not {money}{_figure(m.group('d'))}.")
    for m in _SHARE_FOR.finditer(said):
        worked = _value(m.group("a")) * _value(m.group("share")) / 100 * _value(m.group("d")) * _SECONDS[m.group("du").lower()] / _SECONDS[
            m.group("u").lower()]
        if _off(_value(m.group("c")), worked):
            lines.append(f"{m.group('share')}% of {_figure(m.group('a'))} a {m.group('u').lower()} for {m.group('d')} {m.group('du')}s is "
                         f"about {_said(worked)}, not {_figure(m.group('c'))}.")
    for sentence in re.split(r"(?<=[.!?;])\s+", said):
        total = _TOTAL.search(sentence)
        if total is None:
            continue
        unit = total.group("u")
        parts = [t for t in _TERM.finditer(sentence[: total.start()]) if _unit(t.group("u")) == _unit(unit)]
        worked, stated = sum(_value(t.group("n")) for t in parts), _value(total.group("n"))
        if len(parts) >= 2 and abs(stated - worked) > SUM_OFF * worked:
            lines.append(" + ".join(_figure(t.group("n")) for t in parts) + f" {unit} is {_said(worked)} {unit}, not {_figure(total.group('n'))} {unit}.")
    return lines


# Words for one request to the system: "50k views a second is about 430 million requests a day" counts one thing (played
# blind, 2026-12-07: a 10x slip let stand)
_TRAFFIC = {w: "requ" for w in ("view", "requ", "quer", "call", "sear", "hits", "page", "impr", "visi", "load", "look")}


def slips(text: str) -> list[str]:
    """The line checking each sum `text` works out wrong."""
    said = _spoken(text)
    lines = []
    for m in _RATE_AGAIN.finditer(said):
        a, b = _value(m.group("a")), _value(m.group("b"))
        u1, u2 = m.group("u1").lower(), m.group("u2").lower()
        worked = a * _SECONDS[u2] / _SECONDS[u1]
        # "10,000 merchants a day, so about 500 orders a second" counts two things; "2 million a day, around 2000 requests
        # a second" one (played blind, 2026-12-07)
        things, counted = ({_TRAFFIC.get(w[:4], w[:4]) for w in m.group(g).lower().split()} for g in ("tb", "ta"))
        if u1 != u2 and _off(b, worked) and (not things or not counted or things & counted):
            lines.append(f"{_figure(m.group('a'))} a {u1} is about {_said(worked)} a {u2}, not {_figure(m.group('b'))}.")
    for m in _AT_RATE.finditer(said):
        a, c = _value(m.group("a")), _value(m.group("c"))
        worked = a / _value(m.group("one_in")) if m.group("one_in") else a * _value(m.group("share")) / 100
        rate = f"1 in {m.group('one_in')}" if m.group("one_in") else f"{m.group('share')}%"
        if _off(c, worked):
            lines.append(f"{_figure(m.group('a'))} at {rate} is about {_said(worked)}, not {_figure(m.group('c'))}.")
    return lines + _share_slips(said) + _product_slips(said)
