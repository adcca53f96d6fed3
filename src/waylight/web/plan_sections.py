"""The safety plan's sections: the six steps of safety planning plus reasons for living.

The structure follows Stanley and Brown's Safety Planning Intervention; the words are
Waylight's own (their form's wording is copyrighted). Surroundings are described in general
terms only: a plan never names a method or means.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PlanSection:
    key: str
    title: str
    short_title: str
    hint: str
    example: str


SECTIONS: tuple[PlanSection, ...] = (
    PlanSection(
        "warning_signs",
        "1. My warning signs",
        "Warning signs",
        "Thoughts, feelings, places or things I do that tell me a hard time might be starting.",
        "For example:\nI stop answering messages\nI lie awake going over things",
    ),
    PlanSection(
        "coping_alone",
        "2. Things I can do on my own",
        "On my own",
        "Small things that help me ride out a wave of feelings by myself, even a little.",
        "For example:\nmusic\na hot shower\na walk outside",
    ),
    PlanSection(
        "distractions",
        "3. People and places that take my mind off things",
        "Take my mind off things",
        "People to be around and places to go where I don't have to talk about how I feel.",
        "For example:\nmy cousin\nthe library\nthe park near home",
    ),
    PlanSection(
        "helpers",
        "4. People I can ask for help",
        "People I can ask",
        "People I trust enough to tell that I'm struggling. Add their number if you like.",
        "For example:\nSam, 07700 900123\nmy aunt",
    ),
    PlanSection(
        "professionals",
        "5. Professionals and services I can contact",
        "Services",
        "My doctor, counsellor or school nurse, and crisis lines. We added your country's lines.",
        "For example: Dr Patel at the health centre.",
    ),
    PlanSection(
        "safer_surroundings",
        "6. Making my surroundings safer",
        "Safer surroundings",
        "Ways to make the place I'm in safer when things get hard, in general words.",
        "For example:\nask someone to look after things I could use to hurt myself\n"
        "stay where other people are",
    ),
    PlanSection(
        "reasons",
        "My reasons for living",
        "My reasons",
        "The people, pets, hopes, plans and small things that matter to me.",
        "For example:\nmy little brother\nseeing the sea again\nmy dog",
    ),
)

SECTION_KEYS = tuple(section.key for section in SECTIONS)
MAX_LINES = 15
MAX_LINE_CHARS = 200
