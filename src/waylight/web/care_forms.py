"""Forms for sharing and for professional accounts. Choices come from the core's content
(waylight.core.care.consent), so the form, the API and the rules offer the same things."""

from __future__ import annotations

from typing import Any

from django import forms

from waylight.core.care.consent import sharing_words
from waylight.web.account_forms import SignUpForm
from waylight.web.services.care import NAME_MAX_CHARS, NOTE_MAX_CHARS


class ProfessionalSignUpForm(SignUpForm):
    display_name = forms.CharField(
        label="Your name, as people will see it",
        max_length=120,
        help_text="Your real name: the people who share with you need to know who you are.",
    )
    title = forms.CharField(
        label="Your role", max_length=120, help_text="For example: school counsellor, GP."
    )
    organisation = forms.CharField(
        label="Where you work", max_length=160, help_text="A school, a practice, a service."
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["bring"]  # a work account brings nothing from this device
        self.fields[
            "username"
        ].help_text = (
            "Letters, digits and @ . + - _ only. You sign in with it and your second factor."
        )
        self.order_fields(["display_name", "title", "organisation", "username"])


class TokenForm(forms.Form):
    token = forms.CharField(
        label="The 6-digit code from your authenticator app",
        min_length=6,
        max_length=8,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "pattern": "[0-9]*"}
        ),
    )

    def clean_token(self) -> str:
        token = "".join(str(self.cleaned_data.get("token", "")).split())
        if not (token.isascii() and token.isdigit()):
            raise forms.ValidationError("Please type the digits shown in your app.")
        return token


def _part_choices() -> list[tuple[str, str]]:
    return [(p.id, p.label) for p in sharing_words().parts]


class PartsForm(forms.Form):
    parts = forms.MultipleChoiceField(
        label="What they see",
        choices=_part_choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class InvitationForm(PartsForm):
    role = forms.ChoiceField(
        label="Who is it for?",
        choices=[(r.id, f"{r.label} ({r.example})") for r in sharing_words().roles],
        widget=forms.RadioSelect,
    )
    valid_for = forms.ChoiceField(
        label="How long the code works",
        choices=[(v.id, v.label) for v in sharing_words().valid_for],
        initial=sharing_words().default_valid_for,
        widget=forms.RadioSelect,
    )
    name = forms.CharField(
        label="The name they see for you (optional)",
        max_length=NAME_MAX_CHARS,
        required=False,
        help_text="A first name or a nickname. Left empty, they see your user name.",
    )
    message = forms.CharField(
        label="A message with the code (optional)",
        max_length=NOTE_MAX_CHARS,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["parts"].initial = sorted(sharing_words().default_parts)
        self.order_fields(["role", "parts", "valid_for", "name", "message"])


class AcceptForm(forms.Form):
    code = forms.CharField(
        label="The code the person gave you",
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )


class AcknowledgeForm(forms.Form):
    flag = forms.CharField(max_length=80, widget=forms.HiddenInput)
    note = forms.CharField(
        label="Note (optional): what you did",
        max_length=NOTE_MAX_CHARS,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class RequestForm(forms.Form):
    instrument = forms.ChoiceField(label="Questionnaire", choices=())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from waylight.core.instruments import list_instruments

        field = self.fields["instrument"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(i.id, i.title) for i in list_instruments()]
