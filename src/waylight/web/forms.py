"""Forms with clear messages: bad input is shown on the same page and changes nothing."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext as _

from waylight.web.language import page_language
from waylight.web.plan_sections import MAX_LINE_CHARS, MAX_LINES, PlanSection, sections_for


def lines_of(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class SafetyPlanForm(forms.Form):
    """One text box per section, one entry per line, in the page's language (the stored keys are
    the same in every language)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.plan_sections: tuple[PlanSection, ...] = sections_for(page_language()).sections
        for section in self.plan_sections:
            self.fields[section.key] = forms.CharField(
                label=section.title,
                help_text=section.hint,
                required=False,
                max_length=MAX_LINES * (MAX_LINE_CHARS + 2),
                widget=forms.Textarea(attrs={"rows": 4, "placeholder": section.example}),
                error_messages={
                    "max_length": _(
                        "This part is too long. Please keep it to {lines} short lines."
                    ).format(lines=MAX_LINES)
                },
            )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for section in self.plan_sections:
            lines = lines_of(cleaned.get(section.key) or "")
            if len(lines) > MAX_LINES:
                self.add_error(
                    section.key,
                    _("Please use at most {lines} lines here (one idea per line).").format(
                        lines=MAX_LINES
                    ),
                )
            elif any(len(line) > MAX_LINE_CHARS for line in lines):
                self.add_error(
                    section.key,
                    _(
                        "One line here is very long. Please keep each line under {chars} "
                        "characters."
                    ).format(chars=MAX_LINE_CHARS),
                )
            elif any("\x00" in line for line in lines):
                self.add_error(section.key, _("This part has characters we cannot keep."))
        if not self.errors and not any(
            lines_of(cleaned.get(s.key) or "") for s in self.plan_sections
        ):
            raise forms.ValidationError(
                _("Your plan is empty. Write at least one thing in any part, then save.")
            )
        return cleaned

    def sections(self) -> dict[str, list[str]]:
        """The cleaned plan: section key -> its lines."""
        return {s.key: lines_of(self.cleaned_data.get(s.key) or "") for s in self.plan_sections}
