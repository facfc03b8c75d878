"""Domain vocabulary for the recogniser: built-in ML jargon plus a round's own terms.

Whisper's weak spot is jargon ("tensor RT", "rancor", "badge size"). Putting the
terms into the decoding prompt fixes much of it (`whisper_prompt`: by default the rare
terms inside a sentence, since a bare term list costs everyday speech). The prompt is also written
disfluently ("Um, so, uh, ...") because Whisper copies the prompt's style: a clean
prompt makes it drop the fillers we want to count.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from typing import Any, Literal

from ..catalog import Catalog, Criterion, Loop, Round

BASE_ML_VOCABULARY: tuple[str, ...] = (
    "A/B test", "p95", "p99", "canary", "TensorRT", "ONNX", "PyTorch", "CUDA", "CLIP", "BERT",
    "LoRA", "transformer", "embeddings", "ANN", "ranker", "recall", "precision", "NDCG", "AUC",
    "ROUGE", "XGBoost", "batch size", "holdout", "feature drift", "error budget", "SLO",
    "Kubernetes", "inference", "fine-tuning", "quantization", "LLM", "RAG", "cold start",
    "two-tower", "in-batch negatives", "softmax", "ingestion",
)
"""Jargon Whisper gets wrong without help; kept short because every prompt token costs decode time."""

DISFLUENT_LEAD = "Um, so, uh, I mean, we talked about"
MAX_PROMPT_CHARS = 330
"""~110 tokens (jargon is ~3 chars a token). Whisper keeps at most 223 and each one slows decoding."""
DRAFT_TERMS = 8
"""Partial transcripts are replaced a second later: their prompt keeps only the round's first terms."""


def merge_vocabulary(*lists: Iterable[str]) -> list[str]:
    """Terms in order of first appearance, case-insensitively de-duplicated, blanks dropped."""
    seen: set[str] = set()
    merged: list[str] = []
    for terms in lists:
        for term in terms:
            term = term.strip()
            if term and term.lower() not in seen:
                seen.add(term.lower())
                merged.append(term)
    return merged


def build_prompt(terms: Sequence[str], *, disfluent: bool = True, max_chars: int = MAX_PROMPT_CHARS) -> str:
    """The initial prompt: a disfluent lead then as many terms as fit (earlier terms win)."""
    lead = DISFLUENT_LEAD if disfluent else "We talked about"
    kept = _fitting(terms, max_chars - len(lead) - 1)
    if not kept:
        return "Um, uh, so, like, I mean..." if disfluent else ""
    return f"{lead} {', '.join(kept)}."


PromptStyle = Literal["full", "short", "rare", "sentence", "hotwords", "lead"]
PROMPT_STYLES: tuple[PromptStyle, ...] = ("full", "short", "rare", "sentence", "hotwords", "lead")
"""How the round's terms reach Whisper (`stt.jargon_prompt`); the domain correction uses all terms whatever the style.

full: the disfluent lead then every term that fits (~110 tokens). short: the lead then the first
DRAFT_TERMS terms. rare: the lead then only terms Whisper's tokenizer splits (not everyday
English: "TensorRT", "ranker", not "canary", "batch size"). sentence: the rare terms said in
a sentence an answer could hold, not a bare list. hotwords: the lead as the prompt and the
terms as faster-whisper's `hotwords`. lead: the disfluent lead alone (no terms).
"""
RARE_PROMPT_CHARS = 160
"""The rare/sentence styles keep the prompt short: every prompt token costs decode time."""


def is_rare_term(term: str, everyday: Callable[[str], bool]) -> bool:
    """Whether a term has a word Whisper's tokenizer splits (a word everyday English lacks)."""
    return any(not everyday(word) for word in normalise_tokens(term))


def whisper_prompt(
    terms: Sequence[str], style: PromptStyle = "full", *, disfluent: bool = True, draft: bool = False
) -> tuple[str | None, str | None]:
    """(initial_prompt, hotwords) for faster-whisper: the round's terms written the way `style` says."""
    terms = list(terms)
    if draft:
        terms = terms[:DRAFT_TERMS]
    if style == "lead" or not terms:
        return (build_prompt([], disfluent=disfluent) or None), None
    if style == "hotwords":
        return (build_prompt([], disfluent=disfluent) or None), ", ".join(_fitting(terms, MAX_PROMPT_CHARS))
    if style == "short":
        return build_prompt(terms[:DRAFT_TERMS], disfluent=disfluent), None
    if style in ("rare", "sentence"):
        everyday = everyday_word()
        terms = [t for t in terms if is_rare_term(t, everyday)]
        if style == "rare":
            return build_prompt(terms, disfluent=disfluent, max_chars=RARE_PROMPT_CHARS), None
        return sentence_prompt(terms, disfluent=disfluent), None
    return build_prompt(terms, disfluent=disfluent), None


def sentence_prompt(terms: Sequence[str], *, disfluent: bool = True, max_chars: int = RARE_PROMPT_CHARS) -> str:
    """The terms inside a sentence of an answer ("..., we used TensorRT, p95 and the ranker, and ..."), not a bare list."""
    lead = "Um, so, uh, in that project we used" if disfluent else "In that project we used"
    kept = _fitting(terms, max_chars - len(lead) - len(" and, uh, it worked."))
    if not kept:
        return build_prompt([], disfluent=disfluent)
    listed = kept[0] if len(kept) == 1 else f"{', '.join(kept[:-1])} and {kept[-1]}"
    return f"{lead} {listed}, and, uh, it worked."


def _fitting(terms: Sequence[str], budget: int) -> list[str]:
    """The first terms whose comma-separated list fits in `budget` characters (earlier terms win)."""
    kept: list[str] = []
    length = 0
    for term in terms:
        if length + len(term) + 2 > budget:
            break
        kept.append(term)
        length += len(term) + 2
    return kept


def find_round(catalog: Catalog, spec: str) -> Round:
    """`LOOP/ROUND`, or a round id that is unique across loops. Raises KeyError with the choices."""
    return find_loop_round(catalog, spec)[1]


def find_loop_round(catalog: Catalog, spec: str) -> tuple[Loop, Round]:
    """The loop and round of `LOOP/ROUND`, or of a round id that is unique across loops. Raises KeyError with the choices."""
    if "/" in spec:
        loop_id, round_id = spec.split("/", 1)
        loop = catalog.loop(loop_id)
        return loop, loop.round(round_id)
    matches = [(loop, rnd) for loop in catalog.loops.values() for rnd in loop.rounds if rnd.id == spec]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        known = sorted(f"{loop.id}/{rnd.id}" for loop in catalog.loops.values() for rnd in loop.rounds)
        raise KeyError(f"no round {spec!r}; rounds: {', '.join(known) or '(none)'}")
    raise KeyError(f"round {spec!r} is in several loops; say which: {', '.join(f'{l.id}/{spec}' for l, _ in matches)}")


def round_vocabulary(rnd: Round | None) -> list[str]:
    """The round's jargon first (it matters most), then the built-in ML list."""
    return merge_vocabulary(rnd.vocabulary if rnd else (), BASE_ML_VOCABULARY)


def correction_terms(catalog: Catalog | None, loop: Loop | None, rnd: Round | None) -> list[str]:
    """Every term the rubric gives a round, most specific first: what a voice answer is transcribed with.

    The round's vocabulary and the built-in list come first, so the Whisper prompt (the first
    terms that fit, see `build_prompt`) is the same as `round_vocabulary`'s. The domain
    correction (correction.py) uses all of them: then the vocabulary of the loop's other
    rounds (candidates carry jargon from round to round), then the jargon in the evidence
    patterns of the criteria the round scores ("canary", "softmax", "heapq").
    """
    loop_terms = [term for other in (loop.rounds if loop else ()) for term in other.vocabulary]
    criteria: list[Criterion] = []
    if catalog is not None and loop is not None and rnd is not None:
        for weighted in rnd.criteria:
            try:
                criteria.append(catalog.criterion(loop, weighted.id))
            except KeyError:
                continue
    return merge_vocabulary(round_vocabulary(rnd), loop_terms, criteria_terms(criteria))


def criteria_terms(criteria: Iterable[Criterion]) -> list[str]:
    """Jargon spelled out in the criteria's signal regexes: single words of four letters or more that
    everyday English does not have (not one Whisper token), e.g. "kafka", "softmax", "runbook".
    Verb forms and plurals are left out: a regex lists them to catch how people talk, and
    correcting towards "debugged" or a British "-ise" would rewrite speech, not jargon.

    Regexes are case-insensitive and often allow several spellings (`fail[- ]?over`): words that
    are one of several spellings, and acronyms (whose casing a regex does not say), are left out.
    Each pattern is parsed once per process (`_literals` is cached).
    """
    common = everyday_word()
    spellings: dict[str, set[str]] = {}
    for criterion in criteria:
        for signal in criterion.signals:
            if signal.points <= 0:
                continue
            for pattern in signal.patterns:
                for literal in _literals(pattern):
                    spellings.setdefault(re.sub(r"[^a-z0-9]", "", literal.lower()), set()).add(literal)
    return [
        literal
        for forms in spellings.values()
        if len(forms) == 1
        and re.fullmatch(r"[a-z]{4,}", literal := next(iter(forms)))
        and len(re.findall(r"[aeiouy]+", literal)) >= 2  # "rmse", "kpis": acronyms in lower case
        and not re.search(r"(?:ed|ing|s|ise)$", literal)  # inflections ("debugged") and spellings ("optimise")
        and not common(literal)
    ]


@lru_cache(maxsize=4096)
def _literals(pattern: str) -> tuple[str, ...]:
    """Plain-text alternatives of a regex ("(?:kafka|queues?)" -> kafka, queue, queues) that it matches whole."""
    import re._parser as sre  # the stdlib's own regex parser: no new dependency

    try:
        tree = sre.parse(pattern)
    except re.error:
        return ()
    compiled = re.compile(pattern, re.IGNORECASE)
    found = []
    for text in sorted({" ".join(t.split()) for t in _expansions(tree)}):
        match = compiled.search(text)
        if re.search(r"[a-z]", text, re.I) and match is not None and match.group(0).strip() == text:
            found.append(text)
    return tuple(found)


def _expansions(items: Any) -> list[str]:
    """Literal strings of each alternative in a parsed regex, descending into groups that are not all literal."""
    from re._constants import BRANCH, MAX_REPEAT, MIN_REPEAT, SUBPATTERN

    whole = _expand(list(items))
    if whole is not None:
        return whole
    found: list[str] = []
    for op, av in items:
        if op is BRANCH:
            for alternative in av[1]:
                found += _expansions(alternative)
        elif op is SUBPATTERN:
            found += _expansions(av[3])
        elif op in (MAX_REPEAT, MIN_REPEAT):
            found += _expansions(av[2])
    return found


MAX_EXPANSIONS = 16


def _expand(items: list[Any]) -> list[str] | None:
    """Every string a regex piece matches, when it is literals, optional parts and alternatives only; else None."""
    from re._constants import AT, BRANCH, IN, LITERAL, MAX_REPEAT, MIN_REPEAT, SUBPATTERN

    outs = [""]
    for op, av in items:
        if op is LITERAL:
            options: list[str] | None = [chr(av)]
        elif op is IN:
            options = [chr(a) for o, a in av if o is LITERAL] if all(o is LITERAL for o, _ in av) else None
        elif op is SUBPATTERN:
            options = _expand(list(av[3]))
        elif op is BRANCH:
            expanded = [_expand(list(alt)) for alt in av[1]]
            options = None if any(e is None for e in expanded) else [x for e in expanded if e for x in e]
        elif op in (MAX_REPEAT, MIN_REPEAT) and av[:2] == (0, 1):
            inner = _expand(list(av[2]))
            options = None if inner is None else ["", *inner]
        elif op is AT:
            options = [""]
        else:
            options = None
        if options is None:
            return None
        outs = [o + x for o in outs for x in options]
        if len(outs) > MAX_EXPANSIONS:
            return None
    return outs


@lru_cache(maxsize=1)
def everyday_word() -> Callable[[str], bool]:
    """Whether a word is everyday English, by Whisper's own tokenizer: a common word is one token.

    Whisper's byte-pair vocabulary gives frequent words a token of their own (" clip", " export")
    and splits rarer ones (" ran" + "cor"). The embedded tiny.en model's tokenizer.json serves
    every English Whisper model (they share it); without it, no word counts as everyday.
    """
    from .model_files import embedded_tiny_en

    model_dir = embedded_tiny_en()
    path = model_dir / "tokenizer.json" if model_dir else None
    if path is None or not os.path.isfile(path):
        return lambda _word: False
    import tokenizers

    tokenizer = tokenizers.Tokenizer.from_file(str(path))

    @lru_cache(maxsize=16384)
    def common(word: str) -> bool:
        return len(tokenizer.encode(" " + word.lower(), add_special_tokens=False).ids) == 1

    return common


_TOKEN = re.compile(r"[a-z0-9]+(?:['/.-][a-z0-9]+)*")


def normalise_tokens(text: str) -> list[str]:
    """Lower-case word tokens for matching: "A/B" -> "ab", "fine-tuned" -> "fine tuned", "P95," -> "p95"."""
    tokens: list[str] = []
    for token in _TOKEN.findall(text.lower()):
        token = token.replace("/", "").replace(".", "")
        tokens.extend(part for part in token.split("-") if part)
    return tokens


def contains_term(text: str, term: str) -> bool:
    """Whether `term` appears in `text` as a whole-token sequence, spelled as written."""
    hay, needle = normalise_tokens(text), normalise_tokens(term)
    if not needle:
        return False
    return any(hay[i : i + len(needle)] == needle for i in range(len(hay) - len(needle) + 1))
