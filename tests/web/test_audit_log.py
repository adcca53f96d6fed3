"""The audit log: append-only in the database itself, hash-chained, checked by
`waylight audit verify`, and still verifiable after a person deletes their account."""

from __future__ import annotations

from typing import Any

import pytest
from click.testing import CliRunner
from django.db import DatabaseError, connection, transaction
from django.test import Client
from tests.web.care_helpers import accept, invite, person, professional

from waylight.web.models import AuditEvent, AuditHead, AuditSubject, CareLink, Invitation
from waylight.web.services import accounts as account_service
from waylight.web.services import audit

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def quick_passwords(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def some_entries() -> tuple[Any, Any, str]:
    sam_client, pro_client = Client(), Client()
    sam = person(sam_client)
    pro = professional(pro_client)
    ref = accept(pro_client, invite(sam_client))
    pro_client.get(f"/care/people/{ref}/")
    return sam, pro, ref


def run_verify(monkeypatch: pytest.MonkeyPatch, *args: str) -> Any:
    from waylight.cli import audit as audit_cli

    monkeypatch.setattr("waylight.cli.serve.prepare", lambda: "")
    return CliRunner().invoke(audit_cli.audit, ["verify", *args])


def test_reads_are_chained_in_order_and_verify(monkeypatch: pytest.MonkeyPatch) -> None:
    some_entries()
    seqs = list(AuditEvent.objects.values_list("seq", flat=True))
    assert seqs == list(range(1, len(seqs) + 1)) and len(seqs) >= 5
    head = AuditHead.objects.get()
    assert head.seq == seqs[-1] and head.hash == AuditEvent.objects.last().hash
    result = run_verify(monkeypatch)
    assert result.exit_code == 0, result.output
    assert f"intact: {len(seqs)} entries" in result.output and head.hash in result.output


@pytest.mark.parametrize("statement", ["UPDATE {t} SET what = 'tampered'", "DELETE FROM {t}"])
def test_the_database_refuses_to_change_or_delete_entries(statement: str) -> None:
    some_entries()
    table = AuditEvent._meta.db_table
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(statement.format(t=table))
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(seq=1).update(what="tampered")
    assert AuditEvent.objects.filter(what="tampered").count() == 0


def _drop_guard() -> None:
    # What someone with the database's own rights could do; the test's transaction undoes it.
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("DROP TRIGGER audit_no_update")
            cursor.execute("DROP TRIGGER audit_no_delete")
        else:
            cursor.execute(f"DROP TRIGGER audit_append_only ON {AuditEvent._meta.db_table}")


def test_verify_finds_an_edit_and_says_where(monkeypatch: pytest.MonkeyPatch) -> None:
    some_entries()
    _drop_guard()
    AuditEvent.objects.filter(seq=3).update(actor_name="somebody else")
    result = run_verify(monkeypatch)
    assert result.exit_code == 1
    assert "broken at entry 3" in result.output and "changed" in result.output
    as_json = run_verify(monkeypatch, "--json")
    assert as_json.exit_code == 1 and '"broken_at": 3' in as_json.output


def test_verify_finds_a_deleted_entry(monkeypatch: pytest.MonkeyPatch) -> None:
    some_entries()
    _drop_guard()
    AuditEvent.objects.filter(seq=2).delete()
    result = run_verify(monkeypatch)
    assert result.exit_code == 1 and "broken at entry 2" in result.output


def test_verify_finds_entries_cut_from_the_end(monkeypatch: pytest.MonkeyPatch) -> None:
    some_entries()
    _drop_guard()
    last = AuditHead.objects.get().seq
    AuditEvent.objects.filter(seq=last).delete()
    result = run_verify(monkeypatch)
    assert result.exit_code == 1 and f"broken at entry {last}" in result.output


def test_deleting_the_account_ends_sharing_and_unlinks_the_log_which_still_verifies(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sam, _, _ = some_entries()
    ref = AuditSubject.objects.get(user=sam).ref
    entries = AuditEvent.objects.filter(subject_ref=ref).count()
    assert entries >= 4
    account_service.delete_account(sam)
    assert CareLink.objects.count() == 0 and Invitation.objects.count() == 0
    assert not AuditSubject.objects.filter(ref=ref).exists()  # nothing links the entries to anyone
    assert AuditEvent.objects.filter(subject_ref=ref).count() == entries  # the log is whole
    assert run_verify(monkeypatch).exit_code == 0


def test_delete_everything_ends_sharing_but_keeps_the_account_and_the_log(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sam_client, pro_client = Client(), Client()
    sam = person(sam_client)
    professional(pro_client)
    ref = accept(pro_client, invite(sam_client))
    invite(sam_client)  # an unused one goes too
    before = AuditEvent.objects.count()
    sam_client.post("/delete-everything/")
    assert not CareLink.objects.filter(person=sam).exists()
    assert not Invitation.objects.filter(person=sam).exists()
    assert pro_client.get(f"/care/people/{ref}/").status_code == 404
    assert AuditEvent.objects.count() == before
    assert run_verify(monkeypatch).exit_code == 0


def test_an_entry_is_written_before_the_data_is_shown(monkeypatch: pytest.MonkeyPatch) -> None:
    sam_client, pro_client = Client(), Client()
    person(sam_client)
    professional(pro_client)
    ref = accept(pro_client, invite(sam_client))

    def fail(*args: object, **kwargs: object) -> None:
        raise DatabaseError("database is locked")

    monkeypatch.setattr(audit, "record_many", fail)
    response = pro_client.get(f"/care/people/{ref}/")
    assert response.status_code == 503
    assert "Safety plan" not in response.content.decode()
