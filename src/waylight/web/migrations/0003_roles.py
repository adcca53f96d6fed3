# Roles as Django groups (waylight.web.roles): made once, kept if this migration is undone.
# ruff: noqa: RUF012

from django.db import migrations

ROLES = ("person", "supporter", "professional", "admin")


def make_roles(apps, schema_editor):  # type: ignore[no-untyped-def]
    group = apps.get_model("auth", "Group")
    for name in ROLES:
        group.objects.get_or_create(name=name)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("waylight_web", "0002_recover"),
    ]

    operations = [migrations.RunPython(make_roles, migrations.RunPython.noop)]
