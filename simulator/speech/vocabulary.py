"""Domain vocabulary for the recogniser: built-in ML jargon plus a round's own terms.

Whisper's weak spot is jargon ("tensor RT", "rancor", "badge size"). Putting the
terms into the decoding prompt fixes most of it. The prompt is also written
disfluently ("Um, so, uh, ...") because Whisper copies the prompt's style: a clean
prompt makes it drop the fillers we want to count.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from ..catalog import Catalog, Round

BASE_ML_VOCABULARY: tuple[str, ...] = (
    "A/B test", "p95", "p99", "canary", "TensorRT", "ONNX", "PyTorch", "CUDA", "CLIP", "BERT",
    "LoRA", "transformer", "embeddings", "ANN", "ranker", "recall", "precision", "NDCG", "AUC",
    "ROUGE", "XGBoost", "batch size", "holdout", "feature drift", "error budget", "SLO",
    "Kubernetes", "inference", "fine-tuning", "quantization", "LLM", "RAG", "cold start",
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
    kept: list[str] = []
    length = len(lead) + 1
    for term in terms:
        if length + len(term) + 2 > max_chars:
            break
        kept.append(term)
        length += len(term) + 2
    if not kept:
        return "Um, uh, so, like, I mean..." if disfluent else ""
    return f"{lead} {', '.join(kept)}."


def find_round(catalog: Catalog, spec: str) -> Round:
    """`LOOP/ROUND`, or a round id that is unique across loops. Raises KeyError with the choices."""
    if "/" in spec:
        loop_id, round_id = spec.split("/", 1)
        return catalog.loop(loop_id).round(round_id)
    matches = [(loop.id, rnd) for loop in catalog.loops.values() for rnd in loop.rounds if rnd.id == spec]
    if len(matches) == 1:
        return matches[0][1]
    if not matches:
        known = sorted(f"{loop.id}/{rnd.id}" for loop in catalog.loops.values() for rnd in loop.rounds)
        raise KeyError(f"no round {spec!r}; rounds: {', '.join(known) or '(none)'}")
    raise KeyError(f"round {spec!r} is in several loops; say which: {', '.join(f'{l}/{spec}' for l, _ in matches)}")


def round_vocabulary(rnd: Round | None) -> list[str]:
    """The round's jargon first (it matters most), then the built-in ML list."""
    return merge_vocabulary(rnd.vocabulary if rnd else (), BASE_ML_VOCABULARY)


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
