"""The "worried about someone?" checklist: what to do next, never a score about a person.

The checklist (`content/observer/checklist.yaml`) is built from the seed's warning signs, forms
and links with depression. It is not a validated instrument and says so. `guide(checked_ids)`
turns what a parent, friend or teacher ticked into guidance: what to say, what not to say, how
to look after yourself and when it is an emergency. Talk of suicide or of wanting to die puts
help-now first; anything that may be an emergency says to call the emergency number.

`load_checklist("es")` and `guide(..., lang="es")` use the words of
`content/i18n/es/observer/checklist.yaml`, keyed by the same ids; levels never change.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any, Literal

from waylight.core.content import load_data
from waylight.core.errors import AnswerError, ContentError
from waylight.core.i18n import SOURCE_LANGUAGE, load_translation, normalise_language

if TYPE_CHECKING:
    from waylight.core.resources import CountryHelp

CHECKLIST_FILE = "observer/checklist.yaml"

Level = Literal["none", "notice", "help_now", "emergency"]
_RANK: dict[str, int] = {"none": 0, "notice": 1, "help_now": 2, "emergency": 3}

# Calm order for a first conversation; when help is needed now, the emergency section leads.
_CALM_ORDER = (
    "what_to_say",
    "what_not_to_say",
    "next_steps",
    "look_after_yourself",
    "when_it_is_an_emergency",
)


@dataclass(frozen=True)
class ObserverItem:
    id: str
    text: str
    group: str
    level: Level
    kb_ref: str | None
    lang: str = SOURCE_LANGUAGE  # the language of `text`


@dataclass(frozen=True)
class ObserverGroup:
    id: str
    title: str
    items: tuple[ObserverItem, ...]
    guidance: tuple[str, ...]
    lang: str = SOURCE_LANGUAGE


@dataclass(frozen=True)
class GuidanceSection:
    id: str
    title: str
    points: tuple[str, ...]
    lang: str = SOURCE_LANGUAGE

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "points": list(self.points)}


@dataclass(frozen=True)
class Checklist:
    title: str
    about: str
    intro: str
    validated: bool
    groups: tuple[ObserverGroup, ...]
    headlines: dict[str, str]
    sections: tuple[GuidanceSection, ...]
    lang: str = SOURCE_LANGUAGE

    def item(self, item_id: str) -> ObserverItem:
        for group in self.groups:
            for item in group.items:
                if item.id == item_id:
                    return item
        raise KeyError(item_id)

    @property
    def item_ids(self) -> tuple[str, ...]:
        return tuple(item.id for group in self.groups for item in group.items)

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "validated": self.validated,
            "about": self.about,
            "intro": self.intro,
            "groups": [
                {
                    "id": group.id,
                    "title": group.title,
                    "items": [
                        {"id": i.id, "text": i.text, "level": i.level, "kb_ref": i.kb_ref}
                        for i in group.items
                    ],
                }
                for group in self.groups
            ],
        }


@dataclass(frozen=True)
class ObserverGuidance:
    """What to do next, given what someone noticed. Deliberately has no score."""

    checked: tuple[ObserverItem, ...]
    level: Level
    headline: str
    group_guidance: tuple[GuidanceSection, ...]
    sections: tuple[GuidanceSection, ...]
    about: str
    resources: tuple[dict[str, Any], ...]
    country: str | None
    country_help: CountryHelp  # the typed help the shells render; `resources` is its JSON

    @property
    def help_now(self) -> bool:
        return self.level in ("help_now", "emergency")

    @property
    def emergency(self) -> bool:
        return self.level == "emergency"

    def to_dict(self) -> dict[str, Any]:
        return {
            "validated": False,
            "checked": [{"id": i.id, "text": i.text, "group": i.group} for i in self.checked],
            "level": self.level,
            "help_now": self.help_now,
            "headline": self.headline,
            "resources": [dict(r) for r in self.resources],
            "about_what_you_noticed": [s.to_dict() for s in self.group_guidance],
            "guidance": [s.to_dict() for s in self.sections],
            "about": self.about,
        }


def _clean(text: str) -> str:
    return " ".join(text.split())


@cache
def load_checklist(lang: str | None = None) -> Checklist:
    """The checklist in `lang` (default English); what is not translated stays in English."""
    code = normalise_language(lang)
    if code != SOURCE_LANGUAGE:
        return _translated(load_checklist(SOURCE_LANGUAGE), code)
    data = load_data(CHECKLIST_FILE, schema="observer_checklist")
    groups = tuple(
        ObserverGroup(
            id=g["id"],
            title=g["title"],
            items=tuple(
                ObserverItem(i["id"], i["text"], g["id"], i.get("level", "notice"), i.get("kb_ref"))
                for i in g["items"]
            ),
            guidance=tuple(_clean(p) for p in g["guidance"]),
        )
        for g in data["groups"]
    )
    return Checklist(
        title=data["title"],
        about=_clean(data["about"]),
        intro=_clean(data["intro"]),
        validated=data["validated"],
        groups=groups,
        headlines={k: _clean(v) for k, v in data["headlines"].items()},
        sections=tuple(
            GuidanceSection(s["id"], s["title"], tuple(_clean(p) for p in s["points"]))
            for s in data["guidance"]
        ),
    )


def guide(
    checked_ids: Iterable[str], *, country: str | None = None, lang: str | None = None
) -> ObserverGuidance:
    """Guidance for what was ticked. Unknown ids raise AnswerError listing the allowed ids."""
    # Imported here so that the checklist can be read without the crisis-line directory.
    from waylight.core.resources import help_for

    code = normalise_language(lang)
    checklist = load_checklist(code)
    wanted = list(dict.fromkeys(i.strip() for i in checked_ids if i.strip()))
    unknown = [i for i in wanted if i not in checklist.item_ids]
    if unknown:
        raise AnswerError(
            f"Unknown checklist item {', '.join(map(repr, unknown))}; "
            f"allowed: {', '.join(checklist.item_ids)}."
        )
    checked = tuple(checklist.item(i) for i in wanted)
    level: Level = "none"
    for item in checked:
        if _RANK[item.level] > _RANK[level]:
            level = item.level
    help_here = help_for(country, lang=code)
    return ObserverGuidance(
        checked=checked,
        level=level,
        headline=checklist.headlines[level],
        group_guidance=_group_guidance(checklist, checked),
        sections=_ordered_sections(checklist, urgent=_RANK[level] >= _RANK["help_now"]),
        about=checklist.about,
        resources=tuple(help_here.to_resources()),
        country=help_here.code,
        country_help=help_here,
    )


def _group_guidance(
    checklist: Checklist, checked: tuple[ObserverItem, ...]
) -> tuple[GuidanceSection, ...]:
    touched = {item.group for item in checked}
    return tuple(
        GuidanceSection(g.id, g.title, g.guidance, g.lang)
        for g in checklist.groups
        if g.id in touched
    )


def _ordered_sections(checklist: Checklist, *, urgent: bool) -> tuple[GuidanceSection, ...]:
    order = list(_CALM_ORDER)
    if urgent:
        order.remove("when_it_is_an_emergency")
        order.insert(0, "when_it_is_an_emergency")
    by_id = {s.id: s for s in checklist.sections}
    return tuple(by_id[i] for i in order if i in by_id)


def _translated(english: Checklist, lang: str) -> Checklist:
    raw = load_translation(CHECKLIST_FILE, lang, schema="observer_checklist_i18n")
    if raw is None:
        return english
    file = f"i18n/{lang}/{CHECKLIST_FILE}"
    known_groups = {g.id for g in english.groups}
    known_items = set(english.item_ids)
    known_sections = {s.id for s in english.sections}
    for name, given, known in (
        ("groups", set(raw["groups"]), known_groups),
        ("items", {i for g in raw["groups"].values() for i in g["items"]}, known_items),
        ("guidance", set(raw["guidance"]), known_sections),
    ):
        unknown = sorted(given - known)
        if unknown:
            raise ContentError(file, f"translates unknown id {unknown[0]!r}", field=name)
    groups: list[ObserverGroup] = []
    for group in english.groups:
        words = raw["groups"].get(group.id)
        if words is None:
            groups.append(group)
            continue
        items = tuple(
            ObserverItem(i.id, words["items"][i.id], i.group, i.level, i.kb_ref, lang)
            if i.id in words["items"]
            else i
            for i in group.items
        )
        groups.append(
            ObserverGroup(
                group.id, words["title"], items, tuple(_clean(p) for p in words["guidance"]), lang
            )
        )
    sections = tuple(
        GuidanceSection(
            s.id,
            raw["guidance"][s.id]["title"],
            tuple(_clean(p) for p in raw["guidance"][s.id]["points"]),
            lang,
        )
        if s.id in raw["guidance"]
        else s
        for s in english.sections
    )
    return Checklist(
        title=raw["title"],
        about=_clean(raw["about"]),
        intro=_clean(raw["intro"]),
        validated=english.validated,
        groups=tuple(groups),
        headlines={k: _clean(v) for k, v in raw["headlines"].items()},
        sections=sections,
        lang=lang,
    )
