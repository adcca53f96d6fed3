"""Hurried spellings read as the words they stand for, in one regex pass.

Quick posts drop letters ("cuttin", "killin"), write numbers for words ("2nite", "b4", "need 2
buy") and use chat spellings ("wer", "frm", "scrachs"). The rules are written in standard
spelling, so the detector respells a text once (`Respeller.respell`) before the rules read it
and maps every span back to the writer's own words (`Respelled.origin`). The table is content
(`content/text/spelling.yaml`); the "-ing" words a dropped g may stand for are taken from the
rules' own patterns, so only words the rules can read are ever respelled.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from waylight.core.content import load_data

SPELLING_FILE = "text/spelling.yaml"
_RULE_FILES = ("text/signals.yaml", "text/context.yaml")
# An "-ing" word as the patterns spell it: letters, then "ing", at a word edge.
_ING_WORD = re.compile(r"(?<![a-z\\])([a-z]{2,})ing(?![a-z])")
# A stem before a group of endings, one of them "ing" or ending in it ("kill(?:ed|ing)",
# "cut(?:s|ting)").
_ING_GROUP = re.compile(r"(?<![a-z\\])([a-z]{2,})\(\?:([a-z|]+)\)")
_VOWEL = re.compile(r"[aeiouy]")
# What may stand for a letter in a masked word: a star for any letter, look-alike digits and
# signs for some ("su1cide", "$uicide" is left out: the first letter stays as written).
_MASKS = {"a": "4@", "e": "3", "i": "1!|l", "l": "1|", "o": "0", "s": "5$", "t": "7"}
# The marks set between every letter of a spaced-out word ("s.u.i.c.i.d.e", "s-u-i-c-i-d-e").
_SPACERS = ".*_-"


@dataclass(frozen=True)
class Respelled:
    """A text as the rules read it, and where each of its characters came from."""

    text: str
    # `origin[i]` is the offset in the original text of `text[i]` (one more entry for the end);
    # None where nothing was respelled, so the offsets are the same.
    origin: tuple[int, ...] | None = None

    def at(self, index: int) -> int:
        """The original offset of `index` in the respelled text."""
        return index if self.origin is None else self.origin[index]


class Respeller:
    """One compiled pass over a lower-cased text that respells whole words from a table."""

    def __init__(
        self,
        table: dict[str, str],
        to_after: list[str],
        masked: Iterable[str] = (),
        read_after: dict[str, tuple[str, list[str]]] | None = None,
        cased: dict[str, tuple[str, list[str]]] | None = None,
    ) -> None:
        self._table = table
        # Shorthands read only as written, capitals and all ("SI" for suicidal ideation, not
        # the "si" of Italian or Spanish): found in the writer's own text, not the lowered one;
        # not before a word that makes it something else ("SI units", "SI joint"), nor among
        # other words in capitals (a shouted "SI, LO SO").
        self._cased = {word: reads for word, (reads, _) in (cased or {}).items()}
        self._cased_pattern = (
            re.compile(
                "|".join(
                    rf"(?<![\w'])(?<![A-Z]{{2}} )(?<![A-Z]{{2}}, ){re.escape(word)}(?![\w'])"
                    rf"(?!,? [A-Z]{{2}})"
                    + (rf"(?! (?i:{'|'.join(map(re.escape, nots))})\b)" if nots else "")
                    for word, (_, nots) in (cased or {}).items()
                )
            )
            if cased
            else None
        )
        # Every respelled word is a whole run of word letters and apostrophes, as is the lone
        # "2": a text none of whose runs is one of them is left as it is, without the pass.
        self._runs = re.compile(r"[\w']+")
        # A word that is also a word in its own sense ("bout") is read as another only after
        # one of its own words and not before "of" ("thinkin bout it": about; "a bout of flu"
        # stays).
        self._read_after = dict(read_after or {})
        self._words = frozenset(table) | {"2"} | frozenset(self._read_after)
        words, before = _trie(table), _trie(to_after)
        after = "".join(
            f"|(?P<a{i}>(?:{_trie(befores)}) ){re.escape(word)}(?! of\\b)"
            for i, (word, (_, befores)) in enumerate(self._read_after.items())
        )
        # A lone "2" is "to" only after a word that takes "to" and before a word ("need 2 buy");
        # tried first, so the word before it may be respelled with it ("wantin 2").
        self._pattern = re.compile(
            rf"(?<![\w'])(?:(?P<to>(?:{before}) )2(?= [a-z]){after}|(?P<word>{words}))(?![\w'])"
        )
        self._after_reads = [reads for reads, _ in self._read_after.values()]
        # Masked words ("s*icidal", "s.u.i.c.i.d.e") are read first, as the word they hide.
        self._masked = {word: masked_pattern(word) for word in masked}
        self._mask = (
            re.compile("|".join(f"(?P<m{i}>{p})" for i, p in enumerate(self._masked.values())))
            if self._masked
            else None
        )

    def respell(self, lowered: str, original: str | None = None) -> Respelled:
        """`lowered` (a `rules.normalise`d text) with its hurried spellings respelled; given
        the `original` it was lowered from (as long as it), its cased shorthands too."""
        if (
            self._cased_pattern is not None
            and original is not None
            and len(original) == len(lowered)
        ):
            spans = [
                (m.start(), m.end(), self._cased[m.group()])
                for m in self._cased_pattern.finditer(original)
            ]
            if spans:
                cased = _replace(lowered, spans)
                respelled = self.respell(cased.text)
                if respelled.origin is None:
                    return cased
                return Respelled(respelled.text, tuple(cased.at(i) for i in respelled.origin))
        if self._mask is None or not self._mask.search(lowered):
            return self._respell_words(lowered)
        unmasked = self._unmask(lowered)
        respelled = self._respell_words(unmasked.text)
        if respelled.origin is None:
            return unmasked
        # Each character's offset in the unmasked text, then in the writer's own.
        origin = tuple(unmasked.at(i) for i in respelled.origin)
        return Respelled(respelled.text, origin)

    def _unmask(self, lowered: str) -> Respelled:
        """`lowered` with its masked words read as the words they hide."""
        assert self._mask is not None
        words = list(self._masked)
        spans: list[tuple[int, int, str]] = []
        for m in self._mask.finditer(lowered):
            word = words[int(str(m.lastgroup)[1:])]
            # Up to two masked letters: more is a word no one can read back ("s*******").
            if masks(m.group(), word) <= 2:
                spans.append((m.start(), m.end(), word))
        return _replace(lowered, spans)

    def _respell_words(self, lowered: str) -> Respelled:
        if self._words.isdisjoint(self._runs.findall(lowered)):
            return Respelled(lowered)
        spans: list[tuple[int, int, str]] = []
        for m in self._pattern.finditer(lowered):
            before = m.group("to")
            group = m.lastgroup or ""
            if before is not None:
                # The word before "2" is respelled too ("wantin 2" -> "wanting to").
                new = self._table.get(before[:-1], before[:-1]) + " to"
            elif group.startswith("a"):
                # So is the word before a word read only after it ("thinkin bout"), each word
                # kept as its own span so that both map back to the writer's words.
                opener = m.group(group)
                word_start = m.start() + len(opener)
                if opener[:-1] in self._table:
                    spans.append((m.start(), word_start - 1, self._table[opener[:-1]]))
                spans.append((word_start, m.end(), self._after_reads[int(group[1:])]))
                continue
            else:
                new = self._table[m.group("word")]
            spans.append((m.start(), m.end(), new))
        return _replace(lowered, spans)


def _replace(text: str, spans: list[tuple[int, int, str]]) -> Respelled:
    """`text` with each (start, end) span, in order and apart, replaced by its new words."""
    if not spans:
        return Respelled(text)
    parts: list[str] = []
    origin: list[int] = []
    last = 0
    for start, end, new in spans:
        parts.append(text[last:start])
        origin.extend(range(last, start))
        parts.append(new)
        # Each respelled character comes from the word it respells, the last ones from its
        # last letter, so a span that ends inside or after the word ends with it.
        origin.extend(min(start + i, end - 1) for i in range(len(new)))
        last = end
    parts.append(text[last:])
    origin.extend(range(last, len(text) + 1))
    return Respelled("".join(parts), tuple(origin))


def masked_pattern(word: str) -> str:
    """A regex for `word` (lower-case letters) written masked: its first letter as written and
    the others each as itself, a star or a look-alike ("s*icidal", "su1c1de"), or every letter
    with the same mark between them ("s.u.i.c.i.d.e", "s-u-i-c-i-d-a-l"). The word as written
    does not match, so a text that only spells it plainly skips the unmasking pass; only whole
    words match. `masks` says how many letters a match masks."""
    head, rest = re.escape(word[0]), word[1:]
    plain = head + "".join(f"[{re.escape(ch + _MASKS.get(ch, ''))}*]" for ch in rest)
    spaced = "|".join(
        head + "".join(re.escape(sep) + re.escape(ch) for ch in rest) for sep in _SPACERS
    )
    edge = r"[\w*@$!|]"
    return rf"(?<!{edge})(?!{re.escape(word)}(?!{edge}))(?:{plain}|{spaced})(?!{edge})"


def masks(found: str, word: str) -> int:
    """How many of `word`'s letters `found` (a `masked_pattern` match) masks; a spaced-out
    word counts as none."""
    if len(found) != len(word):
        return 0
    return sum(a != b for a, b in zip(found, word, strict=True))


def _trie(words: Iterable[str]) -> str:
    """One regex for `words` as a trie ("cutt(?:in|ing)"): a long alternation of words is tried
    word by word at every position, a trie letter by letter, so the pass stays cheap."""
    root: dict[str, Any] = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _branch(root)


def _branch(node: dict[str, Any]) -> str:
    # Longer words first, so "cuttin'" is tried before "cuttin" (a word ends where "" is).
    options = [re.escape(ch) + _branch(child) for ch, child in sorted(node.items()) if ch]
    if "" in node:
        options.append("")
    if len(options) == 1:
        return options[0]
    return "(?:" + "|".join(options) + ")"


def ing_words(texts: list[str]) -> set[str]:
    """The "-ing" words in `texts` (rule patterns) whose stem holds a vowel ("cutting", not
    "thing"): the words a dropped final g may stand for."""
    found = {stem + "ing" for text in texts for stem in _ING_WORD.findall(text)}
    for text in texts:
        for stem, endings in _ING_GROUP.findall(text):
            found.update(stem + e for e in endings.split("|") if e.endswith("ing"))
    return {word for word in found if _VOWEL.search(word[:-3])}


@cache
def load_respeller() -> Respeller:
    """The shipped respeller: the content's table plus the dropped-g forms of the rules'
    "-ing" words ("cuttin", "cuttin'"), less those that are words in their own right."""
    data = load_data(SPELLING_FILE, schema="text_spelling")
    table: dict[str, str] = dict(data["words"])
    keep = set(data["not_dropped"])
    rule_texts = [str(load_data(name)) for name in _RULE_FILES]
    for word in ing_words(rule_texts):
        dropped = word[:-1]
        if dropped not in keep and dropped not in table:
            table[dropped] = word
            table[dropped + "'"] = word
    # "wantin 2 die" as "wanting 2 die": the dropped-g forms of the "-ing" words take "2" too.
    to_after = list(data["to_after"])
    to_after += [word[:-1] for word in to_after if word.endswith("ing")]
    read_after = {
        word: (
            str(entry["reads"]),
            [*entry["after"], *(w[:-1] for w in entry["after"] if w.endswith("ing"))],
        )
        for word, entry in data.get("read_after", {}).items()
    }
    return Respeller(
        table,
        to_after,
        data.get("masked", []),
        read_after,
        {
            word: (str(entry["reads"]), [str(w) for w in entry.get("not_before", [])])
            for word, entry in data.get("cased", {}).items()
        },
    )
