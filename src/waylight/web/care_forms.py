"""Forms for sharing and for professional accounts. Choices come from the core's content
(waylight.core.care.consent) in the page's language, so the form, the API and the rules offer
the same things."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from waylight.core.care.consent import sharing_words
from waylight.web.account_forms import SignUpForm
from waylight.web.services.care import NAME_MAX_CHARS, NOTE_MAX_CHARS


class ProfessionalSignUpForm(SignUpForm):
    display_name = forms.CharField(
        label=_("Your name, as people will see it"),
        max_length=120,
        help_text=_("Your real name: the people who share with you need to know who you are."),
    )
    title = forms.CharField(
        label=_("Your role"), max_length=120, help_text=_("For example: school counsellor, GP.")
    )
    organisation = forms.CharField(
        label=_("Where you work"),
        max_length=160,
        help_text=_("A school, a practice, a service."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["bring"]  # a work account brings nothing from this device
        self.fields["username"].help_text = _(
            "Letters, digits and @ . + - _ only. You sign in with it and your second factor."
        )
        self.order_fields(["display_name", "title", "organisation", "username"])


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("The 6-digit code from your authenticator app"),
        min_length=6,
        max_length=8,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "pattern": "[0-9]*"}
        ),
    )

    def clean_token(self) -> str:
        token = "".join(str(self.cleaned_data.get("token", "")).split())
        if not (token.isascii() and token.isdigit()):
            raise forms.ValidationError(_("Please type the digits shown in your app."))
        return token


class PartsForm(forms.Form):
    parts = forms.MultipleChoiceField(
        label=_("What they see"),
        choices=(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, lang: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["parts"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = [(p.id, p.label) for p in sharing_words(lang).parts]


class InvitationForm(PartsForm):
    role = forms.ChoiceField(label=_("Who is it for?"), choices=(), widget=forms.RadioSelect)
    valid_for = forms.ChoiceField(
        label=_("How long the code works"), choices=(), widget=forms.RadioSelect
    )
    name = forms.CharField(
        label=_("The name they see for you (optional)"),
        max_length=NAME_MAX_CHARS,
        required=False,
        help_text=_("A first name or a nickname. Left empty, they see your user name."),
    )
    message = forms.CharField(
        label=_("A message with the code (optional)"),
        max_length=NOTE_MAX_CHARS,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, lang: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, lang=lang, **kwargs)
        words = sharing_words(lang)
        role, valid_for = self.fields["role"], self.fields["valid_for"]
        assert isinstance(role, forms.ChoiceField) and isinstance(valid_for, forms.ChoiceField)
        role.choices = [(r.id, f"{r.label} ({r.example})") for r in words.roles]
        valid_for.choices = [(v.id, v.label) for v in words.valid_for]
        valid_for.initial = words.default_valid_for
        self.fields["parts"].initial = sorted(words.default_parts)
        self.order_fields(["role", "parts", "valid_for", "name", "message"])


class AcceptForm(forms.Form):
    code = forms.CharField(
        label=_("The code the person gave you"),
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )


class AcknowledgeForm(forms.Form):
    flag = forms.CharField(max_length=80, widget=forms.HiddenInput)
    note = forms.CharField(
        label=_("Note (optional): what you did"),
        max_length=NOTE_MAX_CHARS,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class RequestForm(forms.Form):
    instrument = forms.ChoiceField(label=_("Questionnaire"), choices=())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from waylight.core.instruments import list_instruments

        field = self.fields["instrument"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(i.id, i.title) for i in list_instruments()]
