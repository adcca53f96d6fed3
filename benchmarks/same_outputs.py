"""Check that two checkouts of Waylight give the same text-detector output, byte for byte.

    .venv/bin/python benchmarks/same_outputs.py --before ../other-checkout/src
    .venv/bin/python benchmarks/same_outputs.py --before ../other-checkout/src --full none
    .venv/bin/python benchmarks/same_outputs.py --before ../other-checkout/src --split val \
        --ignore depression --ignore concern --ignore explanation --ignore model_version \
        --given depression

For speed work on the detector: a change meant only to make it faster must not change a single
answer. For a change meant to move one output only (a new depression level head), `--ignore`
leaves named top-level fields of each result out of the comparison, and `--given FIELD` counts,
for every field that differs, the lines where FIELD did not (a tier that moved with the
depression level is then told apart from one that moved on its own).

Both checkouts read the same texts, each in a fresh interpreter of this virtual environment
with its own `src` first on the path:

- every text of the case files (`tests/data/**/*.yaml`), the written training corpus
  (`training/corpus/*.yaml`), the benchmark's 10,000 synthetic posts, the short Spanish texts
  and a few edge cases (emoji, accents, a quotation, texts past the reader's and the rules'
  length limits); with `--split val` (or `test`, `train`) also every post of that split of
  the research data (`--data`, default `$WAYLIGHT_DATA` or `../shared/data`; read in memory,
  never written out);
- through the batch path as `check-text --jsonl` writes it (`answer_batch`, with and without the
  crisis list, a few malformed lines among them), and through the full detector
  (`Detector.default().analyse_many`: every layer, the encoder on every text). The full
  detector reads tens of texts a second, so by default it reads only the case files, the
  Spanish texts and the short edge cases (`--full all`: every text; `--full none`: none).

On a 2-core machine shared with other jobs one run takes ten to thirty minutes (`--full none`:
a few minutes).

The outputs are compared line by line; the first differences are printed field by field. Exit
status 0 when everything is identical, 1 otherwise. Nothing is written outside a temporary
folder.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BATCH_SIZE = 256


def _walk_texts(node: Any, out: list[str]) -> None:
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("text", "query") and isinstance(value, str):
                out.append(value)
            else:
                _walk_texts(value, out)
    elif isinstance(node, list):
        for value in node:
            _walk_texts(value, out)


def yaml_texts(paths: list[Path]) -> list[str]:
    import yaml

    out: list[str] = []
    for path in paths:
        _walk_texts(yaml.safe_load(path.read_text(encoding="utf-8")), out)
    return out


def edge_texts() -> list[str]:
    """Texts that take the rarer branches: emoji, accents, quotes, very long texts."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from bench_check_text import make_posts

    posts = [str(p["text"]) for p in make_posts(1200, seed=11)]
    long_history = " ".join(posts)  # past the reader's character limit, so it is truncated
    return [
        "kms 💀💀 this homework",
        "I feel so alone ⚰️ and tired 😔",
        "Je suis très fatigué, I just want to die honestly",
        'She said "I want to die" but she was laughing about the film',
        "\u00a0I   can't\tdo this anymore\n\nnobody would notice",
        "ＩＮ ＦＵＬＬ ＷＩＤＴＨ I hate myself",
        long_history,
        "I have been cutting again. " + long_history,
        ("nothing matters. " * 70_000) + "I want to die",  # past the rules' limit too
    ]


def split_texts(split: str, data: str | None) -> list[str]:
    """Every post of one split of the research data (the training code's split rule)."""
    sys.path.insert(0, str(ROOT))
    from training import train

    _, examples = train.load_examples(data, seed=train.SEED)
    return [e.text for e in examples if e.split == split]


def corpus(full: str, extra: list[str] | None = None) -> tuple[list[str], list[str]]:
    """The texts for the batch path, and the ones the full detector reads."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from bench_check_text import make_posts

    cases = yaml_texts(sorted((ROOT / "tests" / "data").rglob("*.yaml")))
    written = yaml_texts(sorted((ROOT / "training" / "corpus").glob("*.yaml")))
    spanish = [
        line.strip()
        for line in (ROOT / "tests" / "data" / "language_es_short.txt").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    posts = [str(p["text"]) for p in make_posts(10_000)]
    edges = edge_texts()
    batch = cases + written + spanish + edges + posts + (extra or [])
    chosen = {"all": batch, "cases": cases + spanish + edges[:6], "none": []}[full]
    return batch, chosen


def dump(texts_path: Path, full_path: Path, out: Path) -> None:
    """Run in the checkout under test: write every output line to `out`."""
    from waylight.cli.check_text import answer_batch, batch_detector
    from waylight.core.textrisk import Detector

    texts = json.loads(texts_path.read_text(encoding="utf-8"))
    full = json.loads(full_path.read_text(encoding="utf-8"))
    lines = [
        json.dumps({"id": i, "text": t}, ensure_ascii=False).encode() for i, t in enumerate(texts)
    ]
    # Malformed lines among the others: their error objects must not move either.
    lines[5:5] = [b"not json", b'{"id": "x"}', b'{"id": "y", "text": "   "}', b"[1, 2]"]
    detector = batch_detector(False)
    with out.open("w", encoding="utf-8") as handle:
        for resources in (False, True):
            for start in range(0, len(lines), BATCH_SIZE):
                batch = lines[start : start + BATCH_SIZE]
                written, _failed = answer_batch(
                    detector, batch, start + 1, "GB" if resources else None, resources=resources
                )
                handle.write(written)
        shipped = Detector.default()
        for start in range(0, len(full), 64):
            for result in shipped.analyse_many(full[start : start + 64]):
                handle.write(result.to_json() + "\n")


def run_checkout(src: Path, texts: Path, full: Path, out: Path) -> None:
    env = dict(os.environ, PYTHONPATH=str(src.resolve()))
    cmd = [sys.executable, __file__, "--dump", str(texts), str(full), str(out)]
    subprocess.run(cmd, env=env, check=True)


def differences(before: Any, after: Any, path: str = "") -> list[str]:
    if isinstance(before, dict) and isinstance(after, dict):
        found = []
        for key in list(before) + [k for k in after if k not in before]:
            if key not in before or key not in after:
                found.append(f"{path}.{key}: only in {'after' if key in after else 'before'}")
            else:
                found += differences(before[key], after[key], f"{path}.{key}")
        if list(before) != list(after) and not found:
            found.append(f"{path}: same keys in another order")
        return found
    if isinstance(before, list) and isinstance(after, list) and len(before) == len(after):
        pairs = enumerate(zip(before, after, strict=True))
        return [d for i, (b, a) in pairs for d in differences(b, a, f"{path}[{i}]")]
    return [] if before == after else [f"{path}: {before!r} -> {after!r}"]


def compare(
    before: list[bytes], after: list[bytes], ignore: list[str], given: str | None
) -> tuple[list[int], dict[str, list[int]]]:
    """Lines that differ outside the `ignore`d fields, and per top-level field, the lines in
    which it differs ([all, where `given` is the same])."""
    changed: list[int] = []
    per_field: dict[str, list[int]] = {}
    for i, (b, a) in enumerate(zip(before, after, strict=True)):
        if b == a:
            continue
        old, new = json.loads(b), json.loads(a)
        if not (isinstance(old, dict) and isinstance(new, dict)):
            changed.append(i)
            continue
        fields = [k for k in dict.fromkeys([*old, *new]) if old.get(k) != new.get(k)]
        same_given = given is not None and old.get(given) == new.get(given)
        for field in fields:
            counts = per_field.setdefault(field, [0, 0])
            counts[0] += 1
            counts[1] += int(same_given)
        if any(f not in ignore for f in fields) or list(old) != list(new):
            changed.append(i)
    return changed, per_field


def main() -> None:
    if len(sys.argv) == 5 and sys.argv[1] == "--dump":
        dump(Path(sys.argv[2]), Path(sys.argv[3]), Path(sys.argv[4]))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=Path, required=True, help="the other checkout's src")
    parser.add_argument("--after", type=Path, default=ROOT / "src", help="default: this one's")
    parser.add_argument("--full", choices=("all", "cases", "none"), default="cases")
    parser.add_argument(
        "--split", choices=("train", "val", "test"), help="also every post of this data split"
    )
    parser.add_argument("--data", help="research data folder (with --split)")
    parser.add_argument(
        "--ignore",
        action="append",
        default=[],
        metavar="FIELD",
        help="a top-level result field left out of the comparison (repeatable)",
    )
    parser.add_argument(
        "--given", metavar="FIELD", help="also count differing lines where FIELD is the same"
    )
    args = parser.parse_args()
    extra = split_texts(args.split, args.data) if args.split else []
    batch, full = corpus(args.full, extra)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        texts_path, full_path = folder / "texts.json", folder / "full.json"
        texts_path.write_text(json.dumps(batch), encoding="utf-8")
        full_path.write_text(json.dumps(full), encoding="utf-8")
        outputs = []
        for name, src in (("before", args.before), ("after", args.after)):
            out = folder / f"{name}.jsonl"
            run_checkout(src, texts_path, full_path, out)
            outputs.append(out.read_bytes().splitlines())
        before, after = outputs
    print(f"texts: {len(batch)} through the batch path (twice), {len(full)} through every layer")
    if extra:
        print(f"  of them {len(extra)} posts of the {args.split} split")
    if len(before) != len(after):
        print(f"DIFFERENT: {len(before)} lines before, {len(after)} after")
        sys.exit(1)
    changed, per_field = compare(before, after, args.ignore, args.given)
    for field, (lines, same_given) in sorted(per_field.items()):
        note = f" ({same_given} of them with `{args.given}` the same)" if args.given else ""
        left = " [ignored]" if field in args.ignore else ""
        print(f"field {field}: differs in {lines} lines{note}{left}")
    for i in changed[:10]:
        for line in differences(json.loads(before[i]), json.loads(after[i]))[:5]:
            print(f"line {i + 1}{line}")
    if changed:
        print(f"DIFFERENT: {len(changed)} of {len(before)} lines")
        sys.exit(1)
    if per_field:
        print(f"identical but for {', '.join(args.ignore)}: all {len(before)} lines")
    else:
        print(f"identical: all {len(before)} lines, byte for byte")


if __name__ == "__main__":
    main()
