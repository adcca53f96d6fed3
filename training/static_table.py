"""Build the static token table (`model/static_table.npz`) by distilling the sentence encoder.

    python -m training.static_table [--data PATH] [--iterations 125] [--ridge 0.01]

Steps (the run-time side is `waylight.core.textrisk.static`):

1. every WordPiece token of the encoder's vocabulary is read alone by the encoder
   ("[CLS] token [SEP]", mean pooled): a first vector per token, which knows what the token
   means by itself but nothing about how it sits in a sentence;
2. a ridge regression fits one vector per token so that the mean of a sentence's token vectors
   reproduces the encoder's vector of the whole sentence, over the sentences of the training
   split of `../shared/data` (the same sentences and cached vectors as the sentence readers),
   pulled towards the first vectors (`--ridge`) so that rare tokens keep their own meaning;
   solved by conjugate gradients on the normal equations, all dimensions at once;
3. a PCA keeps `DIMENSIONS` directions; the table is stored as float16.

The written training corpus and the hand-written cases are not used here, so the table knows
nothing of the texts the cross-writer evaluation holds out. The report (cosine between the
pooled vector and the encoder's, on the validation split's sentences) is written beside the
model files as `static_table.json`.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
from scipy import sparse

from training import sentence_data
from training import train as train_module
from training.sentence_readers import encode_cached
from waylight.core.textrisk.encoder import HIDDEN, SentenceEncoder
from waylight.core.textrisk.static import DIMENSIONS, STATIC_NPZ
from waylight.core.textrisk.wordpiece import WordPiece

MODEL_DIR = train_module.MODEL_DIR
REPORT_JSON = "static_table.json"
SINGLE_BATCH = 256

F32 = npt.NDArray[np.float32]


def single_token_vectors(encoder: SentenceEncoder, *, log: bool = True) -> F32:
    """Each vocabulary token read alone by the encoder: shape (vocabulary, 384)."""
    tok = encoder.tokenizer
    size = len(tok.vocab)
    out = np.zeros((size, HIDDEN), dtype=np.float32)
    for start in range(0, size, SINGLE_BATCH):
        batch = [[tok.cls_id, i, tok.sep_id] for i in range(start, min(size, start + SINGLE_BATCH))]
        out[start : start + len(batch)] = encoder._encode_ids(batch)
        if log and start % (SINGLE_BATCH * 20) == 0:
            print(f"single tokens: {start} of {size}", flush=True)
    return out


def mean_matrix(texts: Sequence[str], tokenizer: WordPiece, max_tokens: int) -> sparse.csr_matrix:
    """Rows of token shares: entry (i, t) = how often token t is in text i / its token count.

    Cut like the encoder cuts (`max_tokens` including [CLS] and [SEP]), so each row describes
    exactly what the encoder read.
    """
    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    for i, text in enumerate(texts):
        ids = [j for w in tokenizer.tokens(text) for j in tokenizer.word_ids(w)][: max_tokens - 2]
        if not ids:
            ids = [tokenizer.unk_id]
        unique, counts = np.unique(ids, return_counts=True)
        rows.extend([i] * len(unique))
        cols.extend(unique.tolist())
        vals.extend((counts / len(ids)).tolist())
    return sparse.csr_matrix(
        (np.array(vals, dtype=np.float32), (rows, cols)),
        shape=(len(texts), len(tokenizer.vocab)),
    )


def ridge_towards(
    x: sparse.csr_matrix, y: F32, prior: F32, ridge: float, iterations: int, *, log: bool = True
) -> F32:
    """argmin_W |xW - y|^2 + ridge |W - prior|^2, by conjugate gradients (all columns at once)."""
    xt = x.T.tocsr()
    b = xt @ y + ridge * prior

    def apply(w: F32) -> F32:
        out: F32 = xt @ (x @ w) + ridge * w
        return out

    w = prior.copy()
    r = b - apply(w)
    p = r.copy()
    rs = (r * r).sum(axis=0)
    for it in range(iterations):
        ap = apply(p)
        alpha = rs / np.maximum((p * ap).sum(axis=0), 1e-30)
        w += p * alpha
        r -= ap * alpha
        rs_new = (r * r).sum(axis=0)
        p = r + p * (rs_new / np.maximum(rs, 1e-30))
        rs = rs_new
        if log and (it + 1) % 25 == 0:
            print(f"ridge: iteration {it + 1} of {iterations}", flush=True)
    return w


def pooled_cosine(x: sparse.csr_matrix, table: F32, y: F32) -> float:
    pooled = x @ table
    pooled /= np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-9)
    return float((pooled * y).sum(axis=1).mean())


def pca(table: F32, dimensions: int) -> tuple[F32, F32]:
    """The table projected on its first `dimensions` principal directions (not centred: the
    mean direction carries the shared part of every sentence and stays in), and the
    projection."""
    _, _, vt = np.linalg.svd(table.astype(np.float64), full_matrices=False)
    projection = vt[:dimensions].T.astype(np.float32)
    out: F32 = (table @ projection).astype(np.float32)
    return out, projection


def build(
    data: str | None, *, ridge: float, iterations: int, seed: int, log: bool = True
) -> dict[str, object]:
    started = time.time()
    _, examples = train_module.load_examples(data, seed=seed)
    table = sentence_data.sentence_table(examples)
    vectors = encode_cached(table.texts, train_module.CACHE_DIR, log=log).astype(np.float32)
    encoder = SentenceEncoder.load()
    prior = single_token_vectors(encoder, log=log)
    x = mean_matrix(table.texts, encoder.tokenizer, encoder.max_tokens)
    fit, check = table.split == "train", table.split == "val"
    full = ridge_towards(x[fit], vectors[fit], prior, ridge, iterations, log=log)
    reduced, projection = pca(full, DIMENSIONS)
    stored = reduced.astype(np.float16)
    cos_prior = pooled_cosine(x[check], prior, vectors[check])
    cos_full = pooled_cosine(x[check], full, vectors[check])
    # The stored table reproduces the encoder's vectors projected on the same directions.
    projected = vectors[check] @ projection
    projected /= np.maximum(np.linalg.norm(projected, axis=1, keepdims=True), 1e-9)
    cos_stored = pooled_cosine(x[check], stored.astype(np.float32), projected)
    MODEL_DIR.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(MODEL_DIR / STATIC_NPZ, table=stored)
    report = {
        "what": "static token table distilled from the sentence encoder",
        "sentences_fitted": int(fit.sum()),
        "sentences_checked": int(check.sum()),
        "ridge": ridge,
        "iterations": iterations,
        "dimensions": DIMENSIONS,
        "validation_cosine": {
            "tokens_read_alone": round(cos_prior, 4),
            "fitted_384": round(cos_full, 4),
            "stored_table_vs_projected_encoder": round(cos_stored, 4),
        },
        "seconds": round(time.time() - started, 1),
    }
    (MODEL_DIR / REPORT_JSON).write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return report


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--data", default=None, help="the research data folder")
    parser.add_argument("--ridge", type=float, default=0.01)
    parser.add_argument("--iterations", type=int, default=125)
    parser.add_argument("--seed", type=int, default=train_module.SEED)
    args = parser.parse_args(argv)
    report = build(args.data, ridge=args.ridge, iterations=args.iterations, seed=args.seed)
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
