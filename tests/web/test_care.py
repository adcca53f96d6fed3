"""Sharing end to end on the real pages: invite, accept, the caseload with its flags,
acknowledging, asking for a questionnaire, changing and stopping a share, the audit log."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from tests.web.care_helpers import (
    accept,
    ago,
    check_in,
    invite,
    keep,
    person,
    phq9,
    professional,
    supporter,
)
from tests.web.conftest import assert_safe_page

from waylight.web.models import AuditEvent, CareLink, FlagAcknowledgement, Invitation

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def quick_passwords(settings: object) -> None:
    # Several accounts per test; Argon2id itself is tested in test_accounts.py.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # type: ignore[attr-defined]


def shared(parts: tuple[str, ...] = ("results", "check_ins", "plan", "note_flags")):
    sam_client, pro_client = Client(), Client()
    sam = person(sam_client)
    pro = professional(pro_client)
    ref = accept(pro_client, invite(sam_client, parts=parts))
    return sam, sam_client, pro, pro_client, ref


def test_a_wrong_second_factor_code_is_shown_again_with_a_clear_message_and_signs_no_one_in() -> (
    None
):
    client = Client()
    professional(client, second_factor=False)
    for wrong, message in (
        ("000000", "That code did not work."),
        ("12ab56", "Please type the digits shown in your app."),
        ("", "This field is required."),
    ):
        response = client.post("/pro/two-factor/", {"token": wrong})
        assert response.status_code == 422
        assert message in assert_safe_page(response)
    # Still only half signed in: the caseload sends them back to type a code.
    caseload = client.get("/care/")
    assert caseload.status_code == 302
    assert caseload["Location"].startswith("/pro/two-factor/")


def test_the_invite_page_says_what_they_see_and_the_duty_to_act_before_anything_is_made() -> None:
    client = Client()
    person(client)
    html = assert_safe_page(client.get("/sharing/invite/"))
    assert "A professional may have a duty to act" in html
    assert "The words of my check-in notes" in html
    assert "This is off unless you tick it" in html
    # Note text is the one part not ticked by default.
    assert 'value="notes"' in html and 'value="notes" checked' not in html
    assert Invitation.objects.count() == 0


def test_a_code_is_shown_once_kept_only_as_a_hash_and_works_once() -> None:
    sam_client, pro_client, other_client = Client(), Client(), Client()
    person(sam_client)
    code = invite(sam_client)
    stored = Invitation.objects.get()
    assert code.replace("-", "") not in stored.code_hash and len(stored.code_hash) == 64
    professional(pro_client)
    accept(pro_client, code.lower().replace("-", " "))  # typed as people type it
    professional(other_client, "drkim")
    again = other_client.post("/care/accept/", {"code": code})
    assert again.status_code == 422
    assert "does not work" in again.content.decode()


def test_an_expired_or_cancelled_code_does_not_work() -> None:
    sam_client, pro_client = Client(), Client()
    person(sam_client)
    code = invite(sam_client)
    Invitation.objects.update(expires_at=ago(0.01))
    professional(pro_client)
    assert pro_client.post("/care/accept/", {"code": code}).status_code == 422
    code2 = invite(sam_client)
    invitation = Invitation.objects.filter(expires_at__gt=timezone.now()).get()
    sam_client.post(f"/sharing/invitations/{invitation.pk}/cancel/")
    assert pro_client.post("/care/accept/", {"code": code2}).status_code == 422


def test_a_professional_code_needs_a_verified_professional_and_a_supporter_code_a_person() -> None:
    sam_client, mum_client, pro_client = Client(), Client(), Client()
    person(sam_client)
    supporter(mum_client)
    professional(pro_client)
    pro_code = invite(sam_client, role="professional")
    assert mum_client.post("/care/accept/", {"code": pro_code}).status_code == 422
    sup_code = invite(sam_client, role="supporter")
    assert pro_client.post("/care/accept/", {"code": sup_code}).status_code == 422
    accept(mum_client, sup_code)
    accept(pro_client, pro_code)
    assert CareLink.objects.count() == 2


def test_an_unverified_professional_waits_and_sees_nobody() -> None:
    sam_client, pro_client = Client(), Client()
    person(sam_client)
    professional(pro_client, verified=False)
    html = pro_client.get("/care/").content.decode()
    assert "Waiting for an admin to verify you" in html
    response = pro_client.post("/care/accept/", {"code": invite(sam_client)})
    assert "Waiting for an admin" in response.content.decode()
    assert CareLink.objects.count() == 0


def test_flags_show_open_first_and_an_acknowledgement_names_who_and_when() -> None:
    sam, _, pro, pro_client, ref = shared()
    keep(sam, "phq9", phq9(6), ago(10))
    keep(sam, "phq9", phq9(12, item9=1), ago(2))  # item 9 and worse by 6
    keep(sam, "asq", ["yes", "no", "no", "no", "yes"], ago(1))  # acute
    check_in(sam, timezone.localdate(), harmed=True)
    check_in(sam, timezone.localdate(), concern="urgent", note="private words")
    html = assert_safe_page(pro_client.get(f"/care/people/{ref}/"))
    for label in ("Acute ASQ", "Item 9 above 0", "Worse by 6", "Self-harm logged", "Urgent note"):
        assert label in html, label
    assert "private words" not in html  # note text is not shared
    assert "help-panel" in html  # a hard flag is open: crisis lines for the person
    caseload = pro_client.get("/care/").content.decode()
    assert "5 open flags" in caseload
    key = next(k for k in _flag_keys(html) if k.startswith("phq_item9"))
    done = pro_client.post(
        f"/care/people/{ref}/acknowledge/", {"flag": key, "note": "Called her; plan agreed"}
    )
    assert done.status_code == 302
    ack = FlagAcknowledgement.objects.get()
    assert ack.by == pro and ack.content == {"note": "Called her; plan agreed"}
    assert "Called her" not in ack.ciphertext  # encrypted at rest
    html = pro_client.get(f"/care/people/{ref}/").content.decode()
    assert "Acknowledged by Dr Drlee" in html and "Called her; plan agreed" in html
    assert "4 open flags" in pro_client.get("/care/").content.decode()


def _flag_keys(html: str) -> list[str]:
    return re.findall(r'name="flag" value="([^"]+)"', html)


def test_people_with_an_open_flag_come_first_in_the_caseload() -> None:
    pro_client = Client()
    professional(pro_client)
    refs = {}
    for name in ("aaron", "bea"):
        c = Client()
        user = person(c, name)
        refs[name] = (user, accept(pro_client, invite(c, name=name.title())))
    keep(refs["bea"][0], "phq9", phq9(3, item9=1), ago(0.5))
    html = pro_client.get("/care/").content.decode()
    assert html.index("Bea") < html.index("Aaron")


def test_flags_follow_what_is_shared() -> None:
    sam, sam_client, _, pro_client, ref = shared(parts=("results",))
    check_in(sam, timezone.localdate(), harmed=True, concern="urgent")
    html = pro_client.get(f"/care/people/{ref}/").content.decode()
    assert "Self-harm logged" not in html and "Urgent note" not in html
    sam_client.post(f"/sharing/{ref}/parts/", {"parts": ["results", "note_flags"]})
    html = pro_client.get(f"/care/people/{ref}/").content.decode()
    assert "Urgent note" in html and "Self-harm logged" not in html


def test_revoking_ends_access_on_the_very_next_request() -> None:
    _, sam_client, _, pro_client, ref = shared()
    assert pro_client.get(f"/care/people/{ref}/").status_code == 200
    assert sam_client.get(f"/sharing/{ref}/stop/").status_code == 200
    sam_client.post(f"/sharing/{ref}/stop/")
    for path in ("", "shared-fhir.json", "shared-csv.zip", "shared-summary.pdf"):
        assert pro_client.get(f"/care/people/{ref}/{path}").status_code == 404, path
    assert pro_client.post(f"/care/people/{ref}/ask/", {"instrument": "phq9"}).status_code == 404
    assert "Nobody shares with you yet" in pro_client.get("/care/").content.decode()


def test_a_request_appears_in_the_persons_space_and_goes_when_done() -> None:
    sam, sam_client, _, pro_client, ref = shared()
    pro_client.post(f"/care/people/{ref}/ask/", {"instrument": "gad7"})
    space = sam_client.get("/space/").content.decode()
    assert "Asked to fill in" in space and "GAD-7" in space and "Dr Drlee" in space
    keep(sam, "gad7", ["1"] * 7 + ["1"], timezone.now())
    assert "Asked to fill in" not in sam_client.get("/space/").content.decode()
    html = pro_client.get(f"/care/people/{ref}/").content.decode()
    assert "GAD-7, asked" in html and "done" in html


def test_the_person_reads_who_looked_at_what_and_when() -> None:
    _, sam_client, _, pro_client, ref = shared()
    pro_client.get(f"/care/people/{ref}/")
    pro_client.get(f"/care/people/{ref}/shared-fhir.json")
    html = assert_safe_page(sam_client.get("/sharing/who-looked/"))
    assert "Dr Drlee (School counsellor, Hill School)" in html
    for phrase in (
        "looked at your questionnaire results",
        "looked at your check-in numbers",
        "looked at your safety plan",
        "downloaded your results as a health record (FHIR)",
        "used your invitation code",
    ):
        assert phrase in html, phrase
    assert "read your check-in notes" not in html  # notes were not shared, so not read


def test_audit_entries_hold_no_personal_text() -> None:
    sam, _, _, pro_client, ref = shared(parts=("results", "check_ins", "notes", "plan"))
    check_in(sam, timezone.localdate(), note="a very private sentence")
    pro_client.get(f"/care/people/{ref}/")
    pro_client.get(f"/care/people/{ref}/shared-csv.zip")
    for row in AuditEvent.objects.values():
        assert "private sentence" not in str(row)
        assert row["subject_ref"] != str(sam.pk)


def test_the_persons_page_is_private_shows_their_message_and_a_trend() -> None:
    sam_client, pro_client = Client(), Client()
    sam = person(sam_client)
    professional(pro_client)
    response = sam_client.post(
        "/sharing/invite/",
        {
            "role": "professional",
            "parts": ["check_ins"],
            "valid_for": "1",
            "name": "Sam",
            "message": "Hi, this is Sam from 9B",
        },
    )
    code = re.search(r'id="invite-code">([A-Z0-9-]+)<', response.content.decode()).group(1)
    assert "Hi, this is Sam" not in Invitation.objects.get().ciphertext
    ref = accept(pro_client, code)
    for n in range(5):
        check_in(sam, timezone.localdate() - timedelta(days=n), mood=n + 2, urge=1)
    page = pro_client.get(f"/care/people/{ref}/")
    assert page["Cache-Control"] == "no-store, private"
    html = assert_safe_page(page)
    assert "Hi, this is Sam from 9B" in html
    assert 'id="chart-shared-mood"' in html


def test_a_spanish_page_says_it_all_in_spanish() -> None:
    sam_client, pro_client = Client(), Client()
    sam = person(sam_client)
    professional(pro_client)
    for c in (sam_client, pro_client):
        c.cookies["waylight_lang"] = "es"
    html = sam_client.get("/sharing/invite/").content.decode()
    assert 'lang="es"' in html
    assert "Un profesional puede tener el deber de actuar" in html
    assert "Las palabras de mis notas" in html
    ref = accept(pro_client, invite(sam_client))
    check_in(sam, timezone.localdate(), harmed=True)
    page = pro_client.get(f"/care/people/{ref}/").content.decode()
    assert "Autolesión registrada" in page and "Confirmar: lo he visto y he actuado" in page
    pro_client.get(f"/care/people/{ref}/")
    audit = sam_client.get("/sharing/who-looked/").content.decode()
    assert "miró los números de tus registros" in audit
