"""Crisis lines as the web pages show them, over the core's typed objects.

Which lines exist, their numbers and their details come from `waylight.core.resources`
(`CountryHelp`, `Service`, `EmergencyNumber`); `includes/help_panel.html` is the one template
that renders them. This module only decides the order on the page and builds the `sms:` links.

Order: the listening lines first (youth lines first after a questionnaire for young people),
then the emergency number for danger now. A person who is struggling is met by people who will
listen; the emergency number stays on the same panel, and in the footer of every page.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from django.http import HttpRequest
from django.utils.translation import gettext as _

from waylight.core.resources import CountryHelp, Service, TextLine, help_for
from waylight.web.country import SHOWN, CountryChoice, country_choice
from waylight.web.language import page_language

_YOUTH_WORDS = ("youth", "young", "child", "teen", "student")
_FAMILY_WORDS = ("parent", "famil", "carer", "worried", "concerned")


@dataclass(frozen=True)
class HelpPanel:
    """Everything `includes/help_panel.html` shows: one country's help, in page order."""

    help: CountryHelp
    services: tuple[Service, ...]
    choice: CountryChoice
    countries: tuple[tuple[str, str], ...]

    @property
    def for_someone_worried(self) -> Service | None:
        """The line to name for a person worried about someone else: one meant for families
        and carers where the directory lists one, else the first line a person can phone."""
        for service in self.services:
            if is_for_families(service) and (service.dial or service.texts):
                return service
        for service in self.services:
            if service.dial and not is_youth(service):
                return service
        return None

    @property
    def first_call(self) -> tuple[str, str] | None:
        """(number as shown, dial string) of the first line a person can phone, if any."""
        for service in self.services:
            if service.dial and service.phone:
                return service.phone, service.dial
        return None


def current_help(request: HttpRequest) -> CountryHelp:
    """Help for the country this person chose (or the one we guessed, or the fallback), in the
    page's language: where a country has several lines, those that answer in it come first."""
    return help_for(country_choice(request).code, lang=page_language(request))


def help_panel(
    request: HttpRequest, *, help_: CountryHelp | None = None, youth_first: bool = False
) -> HelpPanel:
    from waylight.core.resources import list_countries

    choice = country_choice(request)
    lang = page_language(request)
    if help_ is None:
        help_ = help_for(choice.code, lang=lang)
    elif help_.code != choice.code:
        choice = CountryChoice(help_.code, SHOWN)
    services = help_.services
    if youth_first:
        # sorted() is stable: the directory's own order holds within each group.
        services = tuple(sorted(services, key=lambda s: not is_youth(s)))
    return HelpPanel(help_, services, choice, tuple(list_countries(lang)))


def is_youth(service: Service) -> bool:
    """A line meant for children and young people (its audience says so)."""
    audience = (service.audience_key or service.audience).lower()
    return not service.for_everyone and any(word in audience for word in _YOUTH_WORDS)


def is_for_families(service: Service) -> bool:
    """A line meant for parents, families or carers of someone (its audience says so)."""
    audience = (service.audience_key or service.audience).lower()
    return any(word in audience for word in _FAMILY_WORDS)


def sms_href(text: TextLine) -> str | None:
    """An `sms:` link a phone can open, with the keyword typed in; None for WhatsApp."""
    if text.channel != "sms":
        return None
    # "?&body=" is understood by both Android and iOS messaging apps.
    return f"sms:{text.dial}?&body={quote(text.keyword)}" if text.keyword else f"sms:{text.dial}"


def reach_lines(help_: CountryHelp) -> list[str]:
    """Each line as one short printed line ("Samaritans: 116 123"): for the plan and its PDFs.

    The emergency number comes first on paper: a printed card is read in a hurry.
    """
    printed: list[str] = []
    if help_.emergency is not None:
        printed.append(_("Emergency services: {number}").format(number=help_.emergency.number))
    for service in help_.services:
        reach = [service.phone] if service.phone else []
        reach += [t.describe() for t in service.texts[:1]]
        if not reach and (service.chat_url or service.website):
            reach.append(service.chat_url or service.website or "")
        if reach:
            printed.append(f"{service.name}: {', '.join(r for r in reach if r)}")
    return printed
