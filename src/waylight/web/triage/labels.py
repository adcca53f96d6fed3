"""The words a reviewer reads for the queue's stored codes, in the page's language.

Codes (tiers, levels, statuses, actions, signal kinds) stay English in the database, the API,
the webhook and the export: they are a contract. Only pages show these words; each is marked
for translation and read when a page is rendered, so it follows the page's language.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.utils.translation import gettext_lazy as _

from waylight.core.early_warning import ACCUMULATED, URGENT_POST
from waylight.web.triage.models import ESCALATED, FALSE_ALARM, NOT_RAISED, REVIEWED, WAITING

STATUS = {
    WAITING: _("Waiting"),
    NOT_RAISED: _("Not raised"),
    REVIEWED: _("Reviewed"),
    ESCALATED: _("Escalated"),
    FALSE_ALARM: _("False alarm"),
}
TAB = {"waiting": _("Waiting"), "escalated": _("Escalated"), "done": _("Done")}
# The detector's concern tier ("unread": a post the detector could not read).
TIER = {
    "none": _("none"),
    "watch": _("watch"),
    "concern": _("concern"),
    "urgent": _("urgent"),
    "unread": _("not read"),
}
SUICIDE_LEVEL = {
    "none": _("none"),
    "indicator": _("indicator"),
    "ideation": _("ideation"),
    "behavior": _("behaviour"),
    "attempt": _("attempt"),
}
DEPRESSION_LEVEL = {
    "none": _("none"),
    "mild": _("mild"),
    "moderate": _("moderate"),
    "severe": _("severe"),
}
SIGNAL_KIND = {
    "depression": _("depression"),
    "distress": _("distress"),
    "emoji": _("emoji"),
    "passive_ideation": _("passive ideation"),
    "self_harm": _("self-harm"),
    "self_harm_urge": _("self-harm urge"),
    "suicidal_ideation": _("suicidal ideation"),
    "suicide_attempt": _("suicide attempt"),
    "suicide_preparation": _("suicide preparation"),
}
SIGNAL_NOTE = {
    "negated": _("negated"),
    "hypothetical": _("hypothetical"),
    "other": _("about someone else"),
    "past": _("in the past"),
}
ALERT_REASON = {
    URGENT_POST: _("an urgent post"),
    ACCUMULATED: _("evidence that built up over several posts"),
}
FORMER_REVIEWER = _("a former reviewer")
UNREADABLE_NOTE = _("(this note cannot be read with the configured keys)")


def word(table: Mapping[str, object], code: str) -> str:
    """The word for `code` in the active language; an unknown code as it is, underscores
    as spaces (never an empty cell)."""
    found = table.get(code)
    return str(found) if found is not None else code.replace("_", " ")
