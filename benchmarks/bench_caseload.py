"""A professional's caseload and one person's page, with flags worked out on every request.

Run: .venv/bin/python benchmarks/bench_caseload.py [--people 30] [--requests 50]

Flags are not stored: every request reads each shared person's results and check-ins again
(decrypting them), scores the results with today's rules, raises the flags and writes one
audit entry per person read (consent is never cached). This measures what that costs. In a
fresh temporary data folder (SQLite, WAL, as `waylight serve` makes it) it makes one verified
professional with a second factor and `--people` people who each share everything, each with
90 days of daily check-ins (a harmed day now and then) and a PHQ-9 and a GAD-7 every two weeks
for six months, all stored through the app's own code and encrypted as in use. Then it renders
the caseload and one person's page in-process (Django's test client: no HTTP, no network),
`--requests` times each, and prints p50 and p95 (wall clock and CPU time).
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=30)
    parser.add_argument("--requests", type=int, default=50)
    args = parser.parse_args()

    folder = tempfile.mkdtemp(prefix="waylight-bench-caseload-")
    os.environ.update(
        {
            "WAYLIGHT_DATA_DIR": os.path.join(folder, "data"),
            "WAYLIGHT_KEYS_DIR": os.path.join(folder, "keys"),
            "WAYLIGHT_ALLOWED_HOSTS": "testserver",
            "WAYLIGHT_RATE_LIMITS": "0",
            "DJANGO_SETTINGS_MODULE": "waylight.web.settings",
        }
    )
    os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()
    from datetime import timedelta

    from django.core.management import call_command
    from django.test import Client
    from django.utils import timezone
    from django_otp.oath import TOTP
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from waylight.core.assess import assess
    from waylight.core.care.consent import parse_valid_for
    from waylight.core.recover.journal import CheckIn
    from waylight.core.recover.notes import NoteReading
    from waylight.web.models import KeptResult, ProfessionalProfile
    from waylight.web.owner import Owner
    from waylight.web.services import accounts, care, professionals
    from waylight.web.services.journal import save_check_in

    call_command("migrate", verbosity=0)
    password = "a long and quiet harbour at dawn"
    pro = professionals.create_professional(
        "drlee", password, display_name="Dr Lee", title="Counsellor", organisation="School"
    )
    device = TOTPDevice.objects.create(user=pro, name="app", confirmed=True)
    professionals.verify_professional(ProfessionalProfile.objects.get(user=pro), by=None)
    today = timezone.localdate()
    refs = []
    for n in range(args.people):
        person = accounts.create_account(f"person{n}", password)
        owner = Owner(person, None)
        for d in range(90):
            day = today - timedelta(days=89 - d)
            entry = CheckIn(day=day, mood=(d * 7) % 11, urge=(d * 3) % 11, harmed=d % 29 == 0)
            save_check_in(owner, entry, reading=NoteReading("none", False))
        for k in range(13):
            when = timezone.now() - timedelta(days=180 - 14 * k)
            for instrument, answers in (("phq9", ["1"] * 8 + ["0"]), ("gad7", ["1"] * 7)):
                result = assess(instrument, answers, country="GB")
                kept = KeptResult(owner=person, device_key_hash="", instrument=instrument)
                kept.content = {"answers": answers, "result": result.to_dict()}
                kept.save()
                KeptResult.objects.filter(pk=kept.pk).update(created_at=when)
        made = care.make_invitation(
            person,
            role="professional",
            parts=frozenset({"results", "check_ins", "plan", "note_flags"}),
            valid_for=parse_valid_for("3"),
            name=f"Person {n}",
            message="",
        )
        refs.append(care.accept_invitation(pro, made.code, as_professional=True).ref)

    client = Client()
    client.post("/account/login/", {"username": "drlee", "password": password})
    totp = TOTP(device.bin_key)
    totp.time = time.time()
    answer = client.post("/pro/two-factor/", {"token": f"{totp.token():06d}"})
    assert answer.status_code == 302, answer.status_code

    def measure(path: str) -> tuple[list[float], list[float]]:
        client.get(path)  # warm-up
        wall, cpu = [], []
        for _ in range(args.requests):
            w0, c0 = time.perf_counter(), time.process_time()
            response = client.get(path)
            wall.append((time.perf_counter() - w0) * 1000)
            cpu.append((time.process_time() - c0) * 1000)
            assert response.status_code == 200, (path, response.status_code)
        return wall, cpu

    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    print(f"load average at start: {os.getloadavg()[0]:.1f}")
    print(f"{args.people} people sharing, 90 days of check-ins and 26 results each")
    for label, path in (("caseload", "/care/"), ("one person", f"/care/people/{refs[0]}/")):
        wall, cpu = measure(path)
        print(
            f"{label:11s} wall p50 {statistics.median(wall):7.1f} ms  p95 "
            f"{_percentile(wall, 0.95):7.1f} ms | cpu p50 {statistics.median(cpu):7.1f} ms  "
            f"p95 {_percentile(cpu, 0.95):7.1f} ms"
        )
    print(f"load average at end: {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
