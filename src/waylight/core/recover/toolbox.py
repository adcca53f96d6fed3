"""The coping toolbox's content: ride the urge, grounding, slow breathing, ideas by kind.

    >>> toolbox = load_toolbox()
    >>> [step.count for step in toolbox.grounding.steps]
    [5, 4, 3, 2, 1]

Ideas come from content/recover/toolbox.yaml; a kind with `from_kb` also lists that
knowledge-base item's own ideas (its `points`), so the toolbox and Learn never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from waylight.core.content import load_data
from waylight.core.errors import ContentError, InputError

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


@dataclass(frozen=True)
class Breathing:
    title: str
    intro: str
    in_seconds: int
    out_seconds: int
    rounds: int
    steps: tuple[str, ...]
    reduced_motion: str


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


@dataclass(frozen=True)
class Reasons:
    title: str
    intro: str
    none: str


@dataclass(frozen=True)
class Toolbox:
    urge: UrgeTool
    grounding: Grounding
    breathing: Breathing
    ideas: Ideas
    reasons: Reasons


def _kind(raw: dict[str, Any]) -> IdeaKind:
    ideas = list(raw["ideas"])
    kb_item = raw.get("from_kb")
    kb_title = None
    if kb_item:
        from waylight.core.kb import load_knowledge_base

        try:
            item = load_knowledge_base().item(kb_item)
        except InputError as exc:  # an unknown id is a content error, named as such
            raise ContentError(TOOLBOX_FILE, f"from_kb names an unknown item: {kb_item}") from exc
        kb_title = item.title
        # The knowledge base's own ideas first, then the toolbox's, without repeats.
        ideas = list(dict.fromkeys([*item.points, *ideas]))
    return IdeaKind(raw["id"], raw["title"], tuple(ideas), kb_item, kb_title)


@cache
def load_toolbox() -> Toolbox:
    data = load_data(TOOLBOX_FILE, schema="recover_toolbox")
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
        ),
        grounding=Grounding(
            title=grounding["title"],
            intro=grounding["intro"],
            steps=tuple(GroundingStep(**step) for step in grounding["steps"]),
            after=grounding["after"],
        ),
        breathing=Breathing(
            title=breathing["title"],
            intro=breathing["intro"],
            in_seconds=breathing["in_seconds"],
            out_seconds=breathing["out_seconds"],
            rounds=breathing["rounds"],
            steps=tuple(breathing["steps"]),
            reduced_motion=breathing["reduced_motion"],
        ),
        ideas=Ideas(
            title=data["ideas"]["title"],
            intro=data["ideas"]["intro"],
            kinds=tuple(_kind(raw) for raw in data["ideas"]["kinds"]),
        ),
        reasons=Reasons(**data["reasons"]),
    )
