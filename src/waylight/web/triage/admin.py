"""The triage queue in the Django admin: API keys and webhook deliveries.

API keys are made (the key shown once, on the page that made it), listed and revoked. Keys are
never deleted here: `waylight queue purge --platform PREFIX` erases what a platform sent, and a
revoked key stays listed so its posts keep their platform's name.

Both are registered on Waylight's one admin site (`waylight.web.admin.site`: admins only, with
their second factor), whose admin group holds the permissions to use them
(`waylight.web.services.professionals.ADMIN_PERMISSIONS`). This module is imported when the app
is ready (`TriageConfig.ready`).

Webhook deliveries are listed read-only, so an admin sees which announcements failed and why
(a status or an error type; a delivery's body holds tiers, never text). Posts themselves are
not in the admin: only reviewers read them, in the queue.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from waylight.core.errors import InputError
from waylight.web.admin import site
from waylight.web.triage.models import ApiKey, WebhookDelivery
from waylight.web.triage.services import apikeys

CREATED_ATTR = "_waylight_created_key"


class ApiKeyForm(forms.ModelForm):  # type: ignore[type-arg]
    webhook_url = forms.URLField(
        required=False,
        assume_scheme="https",
        help_text=_("Optional: urgent posts are announced here, signed (https://)."),
    )

    class Meta:
        model = ApiKey
        fields = ("name", "keep_texts", "rate", "webhook_url")

    def _checked(self, name: str, check: Any) -> str:
        try:
            return str(check(self.cleaned_data.get(name, "")))
        except InputError as exc:
            raise forms.ValidationError(str(exc)) from None

    def clean_name(self) -> str:
        return self._checked("name", apikeys.check_name)

    def clean_rate(self) -> str:
        return self._checked("rate", apikeys.check_rate)

    def clean_webhook_url(self) -> str:
        return self._checked("webhook_url", apikeys.check_webhook_url)


@admin.register(ApiKey, site=site)
class ApiKeyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    form = ApiKeyForm
    list_display = ("name", "prefix", "created_at", "is_active", "keep_texts", "has_webhook")
    list_filter = ("keep_texts",)
    search_fields = ("name", "prefix")
    actions = ("revoke_keys",)

    @admin.display(boolean=True, description=_("active"))
    def is_active(self, obj: ApiKey) -> bool:
        return obj.active

    @admin.display(boolean=True, description=_("webhook"))
    def has_webhook(self, obj: ApiKey) -> bool:
        return bool(obj.webhook_url)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        made = ("prefix", "created_at", "created_by", "revoked_at")
        # A new webhook address needs a new secret, shown once: `waylight apikey webhook`.
        return (*made, "webhook_url") if obj is not None else ()

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is None:
            return ("name", "keep_texts", "rate", "webhook_url")
        return (
            "name",
            "prefix",
            "keep_texts",
            "rate",
            "webhook_url",
            "created_at",
            "created_by",
            "revoked_at",
        )

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: ApiKey, form: Any, change: bool) -> None:
        if change:
            super().save_model(request, obj, form, change)
            return
        created = apikeys.create_key(
            obj.name,
            created_by=request.user,
            keep_texts=obj.keep_texts,
            webhook_url=obj.webhook_url,
            rate=obj.rate,
        )
        obj.pk = created.api_key.pk
        obj.prefix = created.api_key.prefix
        setattr(request, CREATED_ATTR, created)

    def response_add(
        self, request: HttpRequest, obj: ApiKey, post_url_continue: str | None = None
    ) -> HttpResponse:
        created = getattr(request, CREATED_ATTR, None)
        if created is None:
            return super().response_add(request, obj, post_url_continue)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("API key made: copy it now"),
            "created": created,
        }
        return TemplateResponse(request, "triage/admin/key_created.html", context)

    @admin.action(
        description=_("Revoke the selected keys (they stop working at once)"),
        permissions=["change"],
    )
    def revoke_keys(self, request: HttpRequest, queryset: QuerySet[ApiKey]) -> None:
        count = sum(1 for key in queryset if apikeys.revoke(key.prefix))
        message = ngettext("Revoked %(count)d key.", "Revoked %(count)d keys.", count)
        self.message_user(request, message % {"count": count}, messages.SUCCESS)


@admin.register(WebhookDelivery, site=site)
class WebhookDeliveryAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = (
        "delivery_id",
        "api_key",
        "post_id_on_platform",
        "status",
        "attempts",
        "last_outcome",
        "next_attempt_at",
        "finished_at",
    )
    list_filter = ("status",)
    list_select_related = ("api_key", "post")
    fields = (*list_display, "created_at")
    readonly_fields = fields
    ordering = ("-created_at",)

    @admin.display(description=_("post"))
    def post_id_on_platform(self, obj: WebhookDelivery) -> str:
        return str(obj.post.external_id)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
