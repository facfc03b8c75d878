"""The jargon development set: interview sentences dense with each loop's vocabulary, spoken by TTS.

Why it exists: a voice answer is scored from its transcript, so the domain correction
(correction.py) is measured on sentences a candidate might say, drawn from every loop's
round vocabulary, spoken by Piper (when the optional `voice` extra is installed) and
espeak-ng at two speeds each. Sentences marked `held_out` were written together with the
others, before any tuning, and were not looked at while the correction was tuned: their
figure is reported apart, as the honest estimate for speech nobody tuned against.

`spoken` is what the TTS voice is given when it would otherwise misread the written form
("A/B" read as "A slash B", "OKRs" read as a word); the reference is always `text`.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from .synthesis import PIPER_SAY, piper_available


class Sentence(BaseModel):
    model_config = ConfigDict(frozen=True)

    text: str
    round: str
    """LOOP/ROUND whose vocabulary the sentence draws on (the correction uses that round's terms)."""
    spoken: str | None = None
    held_out: bool = False


class Clip(BaseModel):
    """One synthesised recording of a sentence, with what it must be transcribed as."""

    model_config = ConfigDict(frozen=True)

    path: Path
    reference: str
    round: str | None
    voice: str
    held_out: bool = False


JARGON_SENTENCES: tuple[Sentence, ...] = (
    Sentence(text="We served the CLIP embeddings from a vector database and kept the p99 latency low.", round="canva-mle/system-design"),
    Sentence(text="The ingestion pipeline wrote features to the feature store, and a canary caught the drift before the rollback.", round="canva-mle/system-design"),
    Sentence(text="We tracked ROUGE and BLEU on the captions, and the hallucination rate dropped after prompt versioning.", round="canva-mle/ml-modeling"),
    Sentence(text="Label leakage inflated the AUC, so we fixed the backfill and checked the calibration again.", round="canva-mle/ml-modeling"),
    Sentence(text="I computed the IoU for each box, applied non-maximum suppression, and tested it with pytest.", round="canva-mle/take-home"),
    Sentence(text="We distilled the vision transformer into a ResNet and confirmed the gain with an A/B test.", round="canva-mle/hiring-manager", spoken="We distilled the vision transformer into a ResNet and confirmed the gain with an A B test."),
    Sentence(text="The two-tower model used in-batch negatives and sampled softmax, and NDCG went up on the holdout.", round="shopify-mle/ml-modeling"),
    Sentence(text="We moved the ranker to Kubernetes with autoscaling and kept the QPS steady behind a kill switch.", round="shopify-mle/system-design"),
    Sentence(text="Training-serving skew showed up in BigQuery, so we added shadow traffic before the launch.", round="shopify-mle/system-design"),
    Sentence(text="Conversion rate and GMV were the main KPI, with chargebacks as the guardrail.", round="shopify-mle/case-study"),
    Sentence(text="Candidate generation used an ANN index, and the ranking stage optimized CTR with a bandit for exploration.", round="canva-em-recsys/recsys-system-design"),
    Sentence(text="We compared supervised fine-tuning with RLHF, using a reward model and an LLM as a judge.", round="canva-em-recsys/ml-depth"),
    # Held out: not looked at while tuning.
    Sentence(text="Dynamic batching on TensorRT doubled the throughput, and the error budget stayed within the SLO.", round="canva-mle/system-design", held_out=True),
    Sentence(text="Embedding collapse hurt the recall, so we switched from mean pooling to attention pooling.", round="canva-mle/ml-modeling", held_out=True),
    Sentence(text="Gradient-boosted trees with XGBoost beat the baseline on PR AUC despite the label delay.", round="shopify-mle/ml-modeling", spoken="Gradient-boosted trees with XGBoost beat the baseline on P R A U C despite the label delay.", held_out=True),
    Sentence(text="The RAG service on Vertex AI had a circuit breaker and a fallback for prompt injection.", round="shopify-mle/system-design", held_out=True),
    Sentence(text="Popularity bias created a feedback loop, so we fixed the cold start with a two-tower retrieval.", round="canva-em-recsys/recsys-system-design", held_out=True),
    Sentence(text="After the post-incident review we updated the on-call runbook and the OKR for the season.", round="canva-em-recsys/hiring-manager", spoken="After the post-incident review we updated the on-call runbook and the O K R for the season.", held_out=True),
)  # fmt: skip

GENERAL_SENTENCES: tuple[str, ...] = (
    "The weather was lovely, so we walked to the park after lunch.",
    "She filmed a short video clip of her garden for her grandmother.",
    "The ranger showed us a map of the river and the old bridge.",
    "We had a rough week, but the whole team pulled together in the end.",
    "My brother used to work at a bank downtown before he moved away.",
    "The kids played outside until dinner was ready.",
    "I read the report twice before the meeting started.",
    "He took the train to the city and met an old friend for coffee.",
    "Our neighbor painted the fence a bright shade of red last spring.",
    "The store was closed, so we bought fresh bread at the market instead.",
    "Please send me the slides before the call on Friday morning.",
    "Last summer we drove along the coast and stopped at every small town.",
)
"""Everyday speech with a few words that sound like jargon ("clip", "ranger"): the correction must leave it alone."""

ESPEAK_SPEEDS_WPM = (150, 185)
PIPER_LENGTH_SCALES = (1.0, 0.8)
"""Piper's phoneme length: 1.0 is the voice's own pace, 0.8 is 25% faster."""


def make_clips(sentences: Sequence[Sentence], out_dir: Path, *, piper: bool | None = None) -> list[Clip]:
    """Each sentence by espeak-ng at two speeds and (when installed, or when piper=True) Piper at two speeds.

    Files already in out_dir are reused, so a test session synthesises each clip once.
    Raises FileNotFoundError when espeak-ng is missing.
    """
    espeak = shutil.which("espeak-ng")
    if espeak is None:
        raise FileNotFoundError("espeak-ng is needed to make the jargon clips (apt-get install espeak-ng)")
    out_dir.mkdir(parents=True, exist_ok=True)
    clips: list[Clip] = []
    for i, sentence in enumerate(sentences):
        for wpm in ESPEAK_SPEEDS_WPM:
            path = out_dir / f"s{i:02d}-espeak-{wpm}.wav"
            if not path.is_file():
                subprocess.run([espeak, "-v", "en-us", "-s", str(wpm), "-w", str(path), sentence.spoken or sentence.text], check=True, capture_output=True)
            clips.append(Clip(path=path, reference=sentence.text, round=sentence.round, voice=f"espeak-ng {wpm} wpm", held_out=sentence.held_out))
    use_piper = piper_available() if piper is None else piper
    if use_piper:
        for scale in PIPER_LENGTH_SCALES:
            folder = out_dir / f"piper-{scale:g}"
            texts = [s.spoken or s.text for s in sentences]
            paths = [folder / f"{n:03d}.wav" for n in range(1, len(texts) + 1)]
            if not all(p.is_file() for p in paths):
                _piper_batch(texts, folder, scale)
            for sentence, path in zip(sentences, paths):
                clips.append(Clip(path=path, reference=sentence.text, round=sentence.round, voice=f"piper joe x{1 / scale:.3g}", held_out=sentence.held_out))
    return clips


def _piper_batch(texts: Sequence[str], folder: Path, length_scale: float) -> None:
    """Piper in its own process (GPL-3.0, never imported here), voice loaded once for all texts."""
    proc = subprocess.run(
        [sys.executable, "-P", str(PIPER_SAY), "--batch", str(folder), "--length-scale", str(length_scale)],
        input="\n".join(" ".join(t.split()) for t in texts) + "\n",
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    if proc.returncode != 0:
        raise RuntimeError(f"piper_say --batch failed ({proc.returncode}): {proc.stderr.strip()[-300:]}")
