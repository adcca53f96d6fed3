"""`waylight doctor`: stale or unverified lines, schema failures and unsafe text are found."""

from __future__ import annotations

import json
import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

import waylight
from waylight.cli import cli
from waylight.core import doctor
from waylight.core.doctor import months_before, run_checks

SHIPPED = Path(waylight.__file__).parent / "content"
# Every check runs against the real date: staleness is about today, never a frozen day.
# Tests that pass TODAY to the checks are immune to midnight; those that let the command
# read the clock itself take the day around the call instead.
TODAY = date.today()


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A small, clean content tree: the crisis lines, the safety lists and their schemas.

    Small on purpose: the doctor reads every file, and these tests run it many times.
    """
    root = tmp_path / "content"
    (root / "schema").mkdir(parents=True)
    for name in ("crisis_lines", "time_zones", "safety_list"):
        shutil.copy(SHIPPED / "schema" / f"{name}.schema.json", root / "schema")
    (root / "resources").mkdir()
    shutil.copy(SHIPPED / "resources" / "crisis_lines.yaml", root / "resources")
    shutil.copytree(SHIPPED / "safety", root / "safety")
    return root


def edit_crisis_lines(root: Path, change: object) -> None:
    path = root / "resources" / "crisis_lines.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)  # type: ignore[operator]
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def wheres(report: doctor.DoctorReport, severity: str, check: str | None = None) -> set[str]:
    return {p.where for p in report.of(severity) if check is None or p.check == check}


def samaritans(data: dict) -> dict:  # type: ignore[type-arg]
    gb = next(c for c in data["countries"] if c["code"] == "GB")
    return next(s for s in gb["services"] if s["id"] == "gb-samaritans")  # type: ignore[no-any-return]


def mark_checked(root: Path, day: date) -> None:
    """Mark Samaritans (GB) as checked against its own page on `day`."""

    def check(data: dict) -> None:  # type: ignore[type-arg]
        samaritans(data).update(status="verified", verified_at=day.isoformat())

    edit_crisis_lines(root, check)


def test_a_clean_tree_has_no_errors_and_lists_unverified_lines_as_info(content: Path) -> None:
    report = run_checks(content, templates_root=None, today=TODAY)
    assert report.of("error") == [] and report.of("warning") == []
    unverified = wheres(report, "info", "unverified_crisis_line")
    assert {"AU/au-suicide-call-back", "CA/emergency number", "GB/gb-childline"} <= unverified
    assert len(unverified) == report.crisis_entries_checked  # as shipped, none is checked yet
    assert report.crisis_entries_verified == 0
    # Honestly marked lines are shown with a caveat: they never block a release, even strict.
    assert report.exit_code() == 0 and report.exit_code(strict=True) == 0
    # The crisis lines and every safety list (English and Spanish).
    assert report.files_checked == 1 + len(list((SHIPPED / "safety").glob("*.yaml")))


def test_info_says_what_an_unverified_line_rests_on_and_how_old_it_is(content: Path) -> None:
    report = run_checks(content, templates_root=None, today=TODAY)
    by_where = {p.where: p.message for p in report.of("info")}
    sadag = by_where["ZA/za-sadag"]  # its newest dated source is from 12 February 2019
    months = (TODAY.year - 2019) * 12 + TODAY.month - 2
    assert f"newest dated source 2019-02-12, {months // 12} years" in sadag
    assert "listed from a public page" in sadag
    assert "no public source confirms it" in by_where["AU/au-suicide-call-back"]
    assert "general knowledge" in by_where["NO/no-mental-helse"]
    assert "carry no date" in by_where["GB/gb-samaritans"]


def test_a_line_checked_more_than_12_months_ago_is_stale(content: Path) -> None:
    mark_checked(content, months_before(TODAY, 12) - timedelta(days=1))
    report = run_checks(content, templates_root=None, today=TODAY)
    assert wheres(report, "error", "stale_crisis_line") == {"GB/gb-samaritans"}
    assert report.exit_code() == 1
    assert "GB/gb-samaritans" not in wheres(report, "info")


def test_exactly_12_months_is_not_yet_stale(content: Path) -> None:
    mark_checked(content, months_before(TODAY, 12))
    report = run_checks(content, templates_root=None, today=TODAY)
    assert wheres(report, "error") == set()
    assert report.crisis_entries_verified == 1


def test_a_check_dated_in_the_future_is_a_warning_that_fails_strict(content: Path) -> None:
    mark_checked(content, TODAY + timedelta(days=3))
    report = run_checks(content, templates_root=None, today=TODAY)
    assert wheres(report, "warning", "crisis_lines") == {"GB/gb-samaritans"}
    assert report.exit_code() == 0 and report.exit_code(strict=True) == 1


def test_status_and_date_must_agree(content: Path) -> None:
    def dated_but_unverified(data: dict) -> None:  # type: ignore[type-arg]
        samaritans(data)["verified_at"] = "2026-11-01"

    edit_crisis_lines(content, dated_but_unverified)
    report = run_checks(content, templates_root=None, today=TODAY)
    messages = [p.message for p in report.of("error") if p.where == "GB/gb-samaritans"]
    assert any("a date means it was checked" in m for m in messages)

    def verified_without_a_date(data: dict) -> None:  # type: ignore[type-arg]
        samaritans(data).pop("verified_at")
        samaritans(data)["status"] = "verified"

    edit_crisis_lines(content, verified_without_a_date)
    report = run_checks(content, templates_root=None, today=TODAY)
    messages = [p.message for p in report.of("error") if p.where == "GB/gb-samaritans"]
    assert any("verified_at is missing" in m for m in messages)


def test_a_dial_string_that_is_not_the_printed_number_is_an_error(content: Path) -> None:
    def misdial(data: dict) -> None:  # type: ignore[type-arg]
        gb = next(c for c in data["countries"] if c["code"] == "GB")
        gb["services"][0]["dial"] = "116132"  # printed as 116 123

    edit_crisis_lines(content, misdial)
    report = run_checks(content, templates_root=None, today=TODAY)
    (problem,) = report.of("error")
    assert problem.where == "GB/gb-samaritans" and "does not match" in problem.message


def test_a_file_failing_its_schema_is_an_error_naming_the_field(content: Path) -> None:
    edit_crisis_lines(content, lambda data: data["countries"][0]["services"][0].pop("sources"))
    (content / "resources" / "time_zones.yaml").write_text("zones: [not, a, map]\n")
    (content / "safety" / "broken.yaml").write_text("kind: [unclosed\n")
    report = run_checks(content, templates_root=None, today=TODAY)
    errors = {(p.where, p.message.split(":")[0]) for p in report.of("error") if p.check == "schema"}
    assert ("resources/crisis_lines.yaml", "at countries/0/services/0") in errors
    assert ("resources/time_zones.yaml", "at zones") in errors
    assert ("safety/broken.yaml", "not valid YAML") in errors


def test_unsafe_shipped_text_is_an_error_with_file_and_line(content: Path, tmp_path: Path) -> None:
    edit_crisis_lines(
        content,
        lambda data: data["countries"][0]["services"][0].update(notes="For any suicide victim."),
    )
    templates = tmp_path / "templates"
    (templates / "pages").mkdir(parents=True)
    (templates / "pages" / "about.html").write_text(
        "<p>Hello</p>\n<p>No attention seeker here.</p>\n"
    )
    report = run_checks(content, templates_root=templates, today=TODAY)
    unsafe = report.of("error")
    assert {p.check for p in unsafe} == {"unsafe_text"}
    assert "templates/pages/about.html:2" in {p.where for p in unsafe}
    assert any(p.where.startswith("resources/crisis_lines.yaml:") for p in unsafe)
    assert all("write instead" in p.message for p in unsafe)


def test_the_deny_lists_themselves_are_not_flagged(content: Path) -> None:
    report = run_checks(content, templates_root=None, today=TODAY)
    assert not any(p.where.startswith("safety/") for p in report.problems)


def test_files_without_a_loader_are_skipped_with_a_note(
    content: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    extra = (("future/*.yaml", "future", "waylight.core.not_written_yet"),)
    monkeypatch.setattr(doctor, "SCHEMA_MAP", doctor.SCHEMA_MAP + extra)
    (content / "future").mkdir()
    (content / "future" / "plan.yaml").write_text("anything: 1\n")
    (content / "unknown").mkdir()
    (content / "unknown" / "thing.yaml").write_text("anything: 1\n")
    report = run_checks(content, templates_root=None, today=TODAY)
    assert "future/plan.yaml" in wheres(report, "note", "schema")
    assert "unknown/thing.yaml" in wheres(report, "warning", "schema")
    assert report.exit_code() == 0


@pytest.mark.parametrize(
    "today,months,expected",
    [
        (date(2026, 11, 27), 12, date(2025, 11, 27)),
        (date(2024, 2, 29), 12, date(2023, 2, 28)),
        (date(2026, 3, 31), 1, date(2026, 2, 28)),
        (date(2026, 1, 15), 1, date(2025, 12, 15)),
    ],
)
def test_months_before(today: date, months: int, expected: date) -> None:
    assert months_before(today, months) == expected


# ------------------------------------------------------------------------------ the command


def test_the_shipped_content_passes_the_doctor_today_even_strict() -> None:
    # No --today: the doctor checks against the real date, as a release check would.
    before = date.today()
    result = CliRunner().invoke(cli, ["doctor", "--json", "--strict"])
    report = json.loads(result.output)
    assert report["today"] in {before.isoformat(), date.today().isoformat()}
    assert [p for p in report["problems"] if p["severity"] in ("error", "warning")] == []
    assert result.exit_code == 0 and report["ok"] is True and report["strict"] is True
    # Every crisis entry is listed as info: not yet checked against the service's own page.
    assert report["info"] == report["crisis_entries_checked"] > 25
    assert report["crisis_entries_verified"] == 0


def test_the_command_exits_1_on_a_bad_tree_and_reports_json(content: Path) -> None:
    (content / "resources" / "notes.md").write_text("A failed attempt.\n")
    args = ["doctor", "--json", "--content-root", str(content)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1
    report = json.loads(result.output)
    assert report["ok"] is False and report["errors"] == 1
    (problem,) = [p for p in report["problems"] if p["severity"] == "error"]
    assert problem["where"] == "resources/notes.md:1" and problem["check"] == "unsafe_text"


def test_the_command_reports_stale_lines_as_of_today(content: Path) -> None:
    # The command reads the clock itself, so the day is taken around the call: a run that
    # crosses midnight (as a long test run may) still finds the date it was given.
    before = date.today()
    mark_checked(content, months_before(before, 13))
    result = CliRunner().invoke(cli, ["doctor", "--content-root", str(content)])
    after = date.today()
    assert result.exit_code == 1
    assert "stale_crisis_line" in result.output and "Problems found" in result.output
    output = " ".join(result.output.split())
    assert any(f"as of {day.isoformat()}" in output for day in {before, after}), output


def test_strict_does_not_fail_on_honestly_marked_lines_but_does_on_warnings(
    content: Path,
) -> None:
    args = ["doctor", "--strict", "--content-root", str(content)]
    assert CliRunner().invoke(cli, args).exit_code == 0
    (content / "unknown").mkdir()
    (content / "unknown" / "thing.yaml").write_text("anything: 1\n")  # no schema: a warning
    assert CliRunner().invoke(cli, args).exit_code == 1


@pytest.mark.parametrize("bad", ["2026-13-01", "tomorrow", "27/11/2026"])
def test_a_bad_date_is_exit_2_with_a_message(bad: str) -> None:
    result = CliRunner().invoke(cli, ["doctor", "--today", bad])
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.output
    assert "Traceback" not in result.output
