"""The coping toolbox's content: ride the urge, grounding, slow breathing, ideas by kind.

    >>> toolbox = load_toolbox()
    >>> [step.count for step in toolbox.grounding.steps]
    [5, 4, 3, 2, 1]

Ideas come from content/recover/toolbox.yaml; a kind with `from_kb` also lists that
knowledge-base item's own ideas (its `points`), so the toolbox and Learn never disagree.
`load_toolbox("es")` reads content/i18n/es/recover/toolbox.yaml, the same file with its words
in Spanish (same ids and numbers, checked); each tool's `lang` says the language it is in.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from waylight.core.errors import ContentError, InputError
from waylight.core.i18n import SOURCE_LANGUAGE, load_same_shape, normalise_language

TOOLBOX_FILE = "recover/toolbox.yaml"


@dataclass(frozen=True)
class UrgeTool:
    title: str
    minutes: int
    intro: str
    before: str
    after: str
    while_waiting: tuple[str, ...]
    no_script: str
    done: str
    lang: str = SOURCE_LANGUAGE  # the language of the words


@dataclass(frozen=True)
class GroundingStep:
    count: int
    sense: str
    prompt: str


@dataclass(frozen=True)
class Grounding:
    title: str
    intro: str
    steps: tuple[GroundingStep, ...]
    after: str
    lang: str = SOURCE_LANGUAGE  # the language of the words


@dataclass(frozen=True)
class Breathing:
    title: str
    intro: str
    in_seconds: int
    out_seconds: int
    rounds: int
    steps: tuple[str, ...]
    reduced_motion: str
    lang: str = SOURCE_LANGUAGE  # the language of the words


@dataclass(frozen=True)
class IdeaKind:
    id: str
    title: str
    ideas: tuple[str, ...]
    kb_item: str | None  # the knowledge-base item these ideas also come from
    kb_title: str | None


@dataclass(frozen=True)
class Ideas:
    title: str
    intro: str
    kinds: tuple[IdeaKind, ...]
    lang: str = SOURCE_LANGUAGE  # the language of the words


@dataclass(frozen=True)
class Reasons:
    title: str
    intro: str
    none: str
    lang: str = SOURCE_LANGUAGE  # the language of the words


@dataclass(frozen=True)
class Toolbox:
    urge: UrgeTool
    grounding: Grounding
    breathing: Breathing
    ideas: Ideas
    reasons: Reasons
    lang: str = SOURCE_LANGUAGE  # the language of the words


def _kind(raw: dict[str, Any], lang: str) -> IdeaKind:
    ideas = list(raw["ideas"])
    kb_item = raw.get("from_kb")
    kb_title = None
    if kb_item:
        from waylight.core.kb import load_knowledge_base

        try:
            item = load_knowledge_base(lang).item(kb_item)
        except InputError as exc:  # an unknown id is a content error, named as such
            raise ContentError(TOOLBOX_FILE, f"from_kb names an unknown item: {kb_item}") from exc
        kb_title = item.title
        # The knowledge base's own ideas first, then the toolbox's, without repeats.
        ideas = list(dict.fromkeys([*item.points, *ideas]))
    return IdeaKind(raw["id"], raw["title"], tuple(ideas), kb_item, kb_title)


def load_toolbox(lang: str | None = None) -> Toolbox:
    """The toolbox in `lang` (default English; English when not translated, `lang` says so)."""
    return _load_toolbox(normalise_language(lang))


@cache
def _load_toolbox(code: str) -> Toolbox:
    data, lang = load_same_shape(TOOLBOX_FILE, code, schema="recover_toolbox")
    urge, grounding, breathing = data["urge"], data["grounding"], data["breathing"]
    return Toolbox(
        urge=UrgeTool(
            title=urge["title"],
            minutes=urge["minutes"],
            intro=urge["intro"],
            before=urge["before"],
            after=urge["after"],
            while_waiting=tuple(urge["while_waiting"]),
            no_script=urge["no_script"],
            done=urge["done"],
            lang=lang,
        ),
        grounding=Grounding(
            title=grounding["title"],
            intro=grounding["intro"],
            steps=tuple(GroundingStep(**step) for step in grounding["steps"]),
            after=grounding["after"],
            lang=lang,
        ),
        breathing=Breathing(
            title=breathing["title"],
            intro=breathing["intro"],
            in_seconds=breathing["in_seconds"],
            out_seconds=breathing["out_seconds"],
            rounds=breathing["rounds"],
            steps=tuple(breathing["steps"]),
            reduced_motion=breathing["reduced_motion"],
            lang=lang,
        ),
        ideas=Ideas(
            title=data["ideas"]["title"],
            intro=data["ideas"]["intro"],
            kinds=tuple(_kind(raw, lang) for raw in data["ideas"]["kinds"]),
            lang=lang,
        ),
        reasons=Reasons(**data["reasons"], lang=lang),
        lang=lang,
    )
