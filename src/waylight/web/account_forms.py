"""Forms for accounts: a user name and a password, nothing else."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm, UserCreationForm
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

BRING_LABEL = gettext_lazy(
    "Bring what is on this device into my account (safety plan, kept results, journal)"
)
BRING_HELP = gettext_lazy(
    "They move in one step. Afterwards they show only when you are signed in."
)


class SignUpForm(UserCreationForm):  # type: ignore[type-arg]
    bring = forms.BooleanField(
        label=BRING_LABEL, help_text=BRING_HELP, required=False, initial=True
    )

    class Meta(UserCreationForm.Meta):
        model = get_user_model()
        fields = ("username",)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        name = self.fields["username"]
        name.label = _("User name")
        name.help_text = _(
            "Any name you like; it does not have to be your real name. Letters, digits and "
            "@ . + - _ only, up to 150 characters. No email or phone number is needed."
        )
        name.widget.attrs.update({"autocomplete": "username", "autocapitalize": "none"})

    def clean_username(self) -> str:
        username = str(self.cleaned_data.get("username", ""))
        if get_user_model().objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("That user name is taken. Please choose another one."))
        return username


class SignInForm(AuthenticationForm):
    bring = forms.BooleanField(
        label=BRING_LABEL, help_text=BRING_HELP, required=False, initial=True
    )
    error_messages = {  # noqa: RUF012 - Django reads this class attribute
        **AuthenticationForm.error_messages,
        "invalid_login": gettext_lazy(
            "That user name and password do not match. Please try again."
        ),
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("User name")
        self.fields["username"].widget.attrs["autocapitalize"] = "none"


class ChangePasswordForm(PasswordChangeForm):
    pass


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=gettext_lazy("Your password, to confirm"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, user: Any, *args: Any, **kwargs: Any) -> None:
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self) -> str:
        password = str(self.cleaned_data.get("password", ""))
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That is not your password. Nothing was deleted."))
        return password
