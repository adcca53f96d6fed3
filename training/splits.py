"""Group texts that are the same post, then split whole groups, so no text is on both sides.

Several data sets reuse each other's posts (see ../shared/data/MANIFEST.md): CAMS and IRF reuse
SDCNL posts, and Naseem is Dreaddit relabelled. A post may also appear with or without its title,
or cleaned differently. So each text gets several keys: the hash of its normalised words, and
of its first and of its last `EDGE_WORDS` words. Texts that share any key, across ALL files,
join one group (union-find), and a group goes wholly to train, validation or test.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence

EDGE_WORDS = 25
MIN_WORDS_FOR_EDGE_KEYS = 12
_WORD = re.compile(r"[a-z0-9]+")

SPLITS = ("train", "val", "test")
DEFAULT_FRACTIONS = (0.7, 0.1, 0.2)


def normalised_words(text: str) -> list[str]:
    return _WORD.findall(text.lower().replace("’", "").replace("'", ""))


def _digest(words: Iterable[str]) -> str:
    return hashlib.sha1(" ".join(words).encode("utf-8")).hexdigest()


def text_keys(text: str) -> list[str]:
    """Keys under which two texts count as the same post."""
    words = normalised_words(text)
    keys = ["all:" + _digest(words)]
    if len(words) >= MIN_WORDS_FOR_EDGE_KEYS:
        keys.append("head:" + _digest(words[:EDGE_WORDS]))
        keys.append("tail:" + _digest(words[-EDGE_WORDS:]))
    return keys


def group_ids(texts: Sequence[str]) -> list[int]:
    """A group id per text; texts sharing any key (transitively) share a group id."""
    parent = list(range(len(texts)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first_with_key: dict[str, int] = {}
    for index, text in enumerate(texts):
        for key in text_keys(text):
            other = first_with_key.setdefault(key, index)
            if other != index:
                a, b = find(index), find(other)
                if a != b:
                    parent[max(a, b)] = min(a, b)
    return [find(i) for i in range(len(texts))]


def split_of_group(
    group_key: str, *, seed: int, fractions: tuple[float, float, float] = DEFAULT_FRACTIONS
) -> str:
    """Deterministic split for a group, from a hash of its key and the seed."""
    digest = hashlib.sha256(f"{seed}:{group_key}".encode()).digest()
    u = int.from_bytes(digest[:8], "big") / 2**64
    if u < fractions[0]:
        return SPLITS[0]
    if u < fractions[0] + fractions[1]:
        return SPLITS[1]
    return SPLITS[2]


def assign_splits(
    texts: Sequence[str], *, seed: int, fractions: tuple[float, float, float] = DEFAULT_FRACTIONS
) -> tuple[list[int], list[str]]:
    """Group ids and a split name per text; every member of a group gets the same split.

    A group's split is drawn from the hash of its smallest normalised-text key, so it does not
    depend on the order the files were read in.
    """
    groups = group_ids(texts)
    group_key: dict[int, str] = {}
    for index, group in enumerate(groups):
        key = text_keys(texts[index])[0]
        if group not in group_key or key < group_key[group]:
            group_key[group] = key
    split_by_group = {
        g: split_of_group(k, seed=seed, fractions=fractions) for g, k in group_key.items()
    }
    return groups, [split_by_group[g] for g in groups]
