"""Health checks over Waylight's shipped content (`waylight doctor`).

Crisis-line numbers change and a wrong one is dangerous, so the doctor reports:

- errors: verified crisis entries whose check against the service's own page is more than 12
  months old (stale), entries whose status and date disagree, dial strings that are not the
  printed number, content files that fail their schema (or are not valid YAML), and shipped
  text that breaks the safety deny-lists;
- warnings: a verification date in the future, and content files no known schema covers;
- info: every crisis entry honestly marked unverified, with what it rests on and how old its
  newest dated source is (today's date against `source_date`). Such an entry is shown to people
  with a plain caveat, so it does not block a release, even with `--strict`; it is a to-do;
- notes: files skipped because the module that loads them is not there yet.

Every check takes the content root as an argument, so tests can point it at a temporary tree.
"""

from __future__ import annotations

import fnmatch
import importlib.util
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from waylight.core.content import parse_yaml, schema_errors
from waylight.core.safety import SHIPPED_TEXT_SUFFIXES, find_unsafe, is_exempt

CRISIS_LINES = "resources/crisis_lines.yaml"
STALE_AFTER_MONTHS = 12

# Which schema checks which content file, and which module loads it (first match wins). A file
# whose loader is not there yet is skipped with a note, so half-built features do not fail the
# check; a file no row covers is a warning, because shipped content must be schema-validated.
SCHEMA_MAP: tuple[tuple[str, str, str], ...] = (
    # Translations (docs/languages.md): the same kinds of file, words only.
    ("i18n/languages.yaml", "i18n_languages", "waylight.core.i18n"),
    ("i18n/*/kb/index.yaml", "kb_index_i18n", "waylight.core.kb"),
    ("i18n/*/kb/synonyms.yaml", "kb_synonyms_i18n", "waylight.core.search"),
    ("i18n/*/kb/*.yaml", "kb_section_i18n", "waylight.core.kb"),
    ("i18n/*/search/lead.yaml", "search_lead_i18n", "waylight.core.search_lead"),
    ("i18n/*/instruments/*.yaml", "instrument_i18n", "waylight.core.instruments"),
    ("i18n/*/rules/hard_triggers.yaml", "hard_triggers_i18n", "waylight.core.rules"),
    ("i18n/*/results/next_steps.yaml", "next_steps_i18n", "waylight.core.assess"),
    ("i18n/*/observer/checklist.yaml", "observer_checklist_i18n", "waylight.core.observer"),
    ("i18n/*/plan/sections.yaml", "plan_sections_i18n", "waylight.core.plan"),
    ("i18n/*/resources/crisis_lines.yaml", "crisis_lines_i18n", "waylight.core.resources"),
    # Recover's words: the English file's shape, words changed (waylight.core.i18n.load_same_shape).
    ("i18n/*/recover/*.yaml", "recover_{stem}", "waylight.core.recover"),
    # The triage queue's false-alarm reasons, the same way.
    ("i18n/*/triage/*.yaml", "triage_{stem}", "waylight.core.triage"),
    ("i18n/*/care/*.yaml", "care_{stem}", "waylight.core.care"),
    ("kb/index.yaml", "kb_index", "waylight.core.kb"),
    ("kb/synonyms.yaml", "kb_synonyms", "waylight.core.search"),
    ("search/lead.yaml", "search_lead", "waylight.core.search_lead"),
    ("kb/*.yaml", "kb_section", "waylight.core.kb"),
    ("instruments/*.yaml", "instrument", "waylight.core.instruments"),
    ("rules/hard_triggers.yaml", "hard_triggers", "waylight.core.rules"),
    ("results/next_steps.yaml", "next_steps", "waylight.core.assess"),
    ("observer/checklist.yaml", "observer_checklist", "waylight.core.observer"),
    ("resources/crisis_lines.yaml", "crisis_lines", "waylight.core.resources"),
    ("resources/iso_countries.yaml", "iso_countries", "waylight.core.resources"),
    ("resources/time_zones.yaml", "time_zones", "waylight.core.resources"),
    ("safety/*.yaml", "safety_list", "waylight.core.safety"),
    ("text/*.yaml", "text_{stem}", "waylight.core.textrisk"),
    # Loaded by the web shell (waylight.web.plan_sections) through the core's content loader.
    ("plan/sections.yaml", "plan_sections", "waylight.core.content"),
    ("recover/*.yaml", "recover_{stem}", "waylight.core.recover"),
    ("triage/*.yaml", "triage_{stem}", "waylight.core.triage"),
    ("care/*.yaml", "care_{stem}", "waylight.core.care"),
)

DATA_SUFFIXES = (".yaml", ".yml", ".json")

ERROR, WARNING, INFO, NOTE = "error", "warning", "info", "note"


@dataclass(frozen=True)
class Problem:
    """One thing the doctor found, with where it is and what to do."""

    check: str
    severity: str
    where: str
    message: str

    def to_dict(self) -> dict[str, str]:
        return {
            "check": self.check,
            "severity": self.severity,
            "where": self.where,
            "message": self.message,
        }


@dataclass(frozen=True)
class DoctorReport:
    today: date
    problems: tuple[Problem, ...]
    files_checked: int = 0
    crisis_entries_checked: int = 0
    crisis_entries_verified: int = 0

    def of(self, severity: str) -> list[Problem]:
        return [p for p in self.problems if p.severity == severity]

    def exit_code(self, *, strict: bool = False) -> int:
        """0 when clean, 1 when there are errors (or, with `strict`, warnings too).

        Info (honestly marked unverified lines) and notes never fail: people see those lines
        with a caveat, and hiding a line could leave someone with nothing.
        """
        failing = {ERROR, WARNING} if strict else {ERROR}
        return 1 if any(p.severity in failing for p in self.problems) else 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "ok": self.exit_code() == 0,
            "today": self.today.isoformat(),
            "errors": len(self.of(ERROR)),
            "warnings": len(self.of(WARNING)),
            "info": len(self.of(INFO)),
            "notes": len(self.of(NOTE)),
            "files_checked": self.files_checked,
            "crisis_entries_checked": self.crisis_entries_checked,
            "crisis_entries_verified": self.crisis_entries_verified,
            "problems": [p.to_dict() for p in self.problems],
        }


def run_checks(content_root: Path, *, templates_root: Path | None, today: date) -> DoctorReport:
    """Every check over the content under `content_root` (and the templates, when given)."""
    schema_problems, files = check_schemas(content_root)
    crisis_problems, entries = check_crisis_lines(content_root, today=today)
    text_problems = check_shipped_text(content_root, templates_root)
    translation_problems = check_translations(content_root)
    unverified = {p.where for p in crisis_problems if p.check == "unverified_crisis_line"}
    stale = {p.where for p in crisis_problems if p.check == "stale_crisis_line"}
    return DoctorReport(
        today=today,
        problems=tuple(crisis_problems + schema_problems + text_problems + translation_problems),
        files_checked=files,
        crisis_entries_checked=entries,
        crisis_entries_verified=max(0, entries - len(unverified | stale)),
    )


# ------------------------------------------------------------------------------ translations


def check_translations(content_root: Path) -> list[Problem]:
    """Texts still shown in English in another language (warnings: a release translates all).

    Translations are read through the loaders, so this runs on the shipped content only.
    """
    from waylight.core.content import content_root as shipped_root
    from waylight.core.errors import ContentError
    from waylight.core.i18n import SOURCE_LANGUAGE, language_codes
    from waylight.core.translations import missing_translations

    if Path(str(shipped_root())).resolve() != content_root.resolve():
        return []
    problems: list[Problem] = []
    for code in language_codes():
        if code == SOURCE_LANGUAGE:
            continue
        try:
            missing = missing_translations(code)
        except ContentError as exc:
            problems.append(Problem("translation", ERROR, exc.file, str(exc)))
            continue
        problems += [
            Problem("translation", WARNING, m.file, f"{m.what}: shown in English") for m in missing
        ]
    return problems


# ------------------------------------------------------------------------------ crisis lines


def check_crisis_lines(content_root: Path, *, today: date) -> tuple[list[Problem], int]:
    """Stale, inconsistent and unverified crisis entries; (problems, entries checked)."""
    path = content_root / CRISIS_LINES
    data = _read_yaml(path)
    if not isinstance(data, dict):
        where = CRISIS_LINES
        return [Problem("crisis_lines", ERROR, where, "the crisis-line file cannot be read")], 0
    cutoff = months_before(today, STALE_AFTER_MONTHS)
    problems: list[Problem] = []
    entries = list(_crisis_entries(data))
    for where, entry in entries:
        problems.extend(_crisis_entry_problems(where, entry, today=today, cutoff=cutoff))
    return problems, len(entries)


def _crisis_entries(data: dict[str, Any]) -> Iterable[tuple[str, dict[str, Any]]]:
    fallback = data.get("fallback") or {}
    for service in fallback.get("services") or []:
        yield f"fallback/{service.get('id', '?')}", service
    for country in data.get("countries") or []:
        code = country.get("code", "?")
        if isinstance(country.get("emergency"), dict):
            yield f"{code}/emergency number", country["emergency"]
        for service in country.get("services") or []:
            yield f"{code}/{service.get('id', '?')}", service


def _crisis_entry_problems(
    where: str, entry: dict[str, Any], *, today: date, cutoff: date
) -> list[Problem]:
    problems = _dial_problems(where, entry)
    status = entry.get("status")
    raw_date = entry.get("verified_at")
    if status == "verified":
        try:
            verified_at = date.fromisoformat(str(raw_date))
        except ValueError:
            message = "marked verified but verified_at is missing or not a date"
            return [*problems, Problem("crisis_lines", ERROR, where, message)]
        if verified_at < cutoff:
            problems.append(
                Problem(
                    "stale_crisis_line",
                    ERROR,
                    where,
                    f"last checked against the service's own page on {verified_at.isoformat()},"
                    f" more than {STALE_AFTER_MONTHS} months before {today.isoformat()}: check it"
                    " again and update verified_at, or mark it unverified",
                )
            )
        elif verified_at > today:
            message = f"verified_at {verified_at} is after today ({today.isoformat()})"
            problems.append(Problem("crisis_lines", WARNING, where, message))
        return problems
    if raw_date is not None:
        message = "marked unverified but carries a verified_at date: a date means it was checked"
        return [*problems, Problem("crisis_lines", ERROR, where, message)]
    problems.append(
        Problem("unverified_crisis_line", INFO, where, unverified_message(entry, today=today))
    )
    return problems


SOURCE_KIND_WORDS = {
    "public_page": "listed from a public page",
    "secondary": "seen only on a third-party page",
    "reference_only": "the clinical reference lists it as confirmed but names no page",
    "none": "no public source confirms it",
}


def unverified_message(entry: dict[str, Any], *, today: date) -> str:
    """Why an unverified entry is shown, and how old what it rests on is, as of `today`."""
    kind = SOURCE_KIND_WORDS.get(str(entry.get("source_kind")), "source unknown")
    origin = entry.get("origin")
    added = " (added from general knowledge)" if origin == "general_knowledge" else ""
    age = _source_age(entry.get("source_date"), today=today)
    return (
        f"not yet checked against the service's own page; {kind}{added}; {age}. Shown with a"
        " caveat: check it and set status verified with verified_at"
    )


def _source_age(source_date: object, *, today: date) -> str:
    if not source_date:
        return "its sources carry no date"
    text = str(source_date)
    parts = [int(p) for p in text.split("-")]
    dated = date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    months = (today.year - dated.year) * 12 + today.month - dated.month
    if months < STALE_AFTER_MONTHS:
        return f"newest dated source {text}, under {STALE_AFTER_MONTHS} months old"
    years, rest = divmod(months, 12)
    span = f"{years} year{'s' if years != 1 else ''}" + (f" {rest} months" if rest else "")
    return f"newest dated source {text}, {span} before today"


def _dial_problems(where: str, entry: dict[str, Any]) -> list[Problem]:
    """A dial string that is not the printed number: the person would call someone else."""
    numbers = [(entry.get("phone") or entry.get("number"), entry.get("dial"))]
    numbers += [(n.get("phone"), n.get("dial")) for n in entry.get("other_numbers") or []]
    problems = []
    for printed, dial in numbers:
        if not printed or not dial:
            continue
        expected = printed_digits(str(printed))
        if expected is not None and expected != str(dial).lstrip("+*"):
            problems.append(
                Problem(
                    "crisis_lines",
                    ERROR,
                    where,
                    f"dial {dial!r} does not match the printed number {printed!r}",
                )
            )
    return problems


def printed_digits(printed: str) -> str | None:
    """The digits a printed number stands for, or None when only letters give them.

    "116 123" -> "116123"; "1-866-APPELLE (1-866-277-3553)" -> the digits in brackets.
    """
    before, _, after = printed.partition("(")
    if re.search(r"[A-Za-z]", before):
        bracketed = re.match(r"\s*([0-9][0-9 .-]*)\)", after)
        return re.sub(r"\D", "", bracketed.group(1)) if bracketed else None
    return re.sub(r"\D", "", before)


def months_before(day: date, months: int) -> date:
    """The same day `months` months earlier (the 28th or so when that month is shorter)."""
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    for day_of_month in range(day.day, 27, -1):
        try:
            return date(year, month + 1, day_of_month)
        except ValueError:  # 31 March minus one month: no 31 February, try the 30th...
            continue
    return date(year, month + 1, day.day)


# ------------------------------------------------------------------------------ schemas


def schema_for(relpath: str) -> tuple[str, str] | None:
    """(schema name, loader module) for a content file, or None when no row covers it."""
    stem = Path(relpath).stem.replace("-", "_")
    for pattern, schema, module in SCHEMA_MAP:
        if fnmatch.fnmatchcase(relpath, pattern):
            return schema.format(stem=stem), module
    return None


def check_schemas(content_root: Path) -> tuple[list[Problem], int]:
    """Every YAML/JSON file under the content root against its schema; (problems, files checked)."""
    problems: list[Problem] = []
    checked = 0
    for path in _content_files(content_root):
        relpath = path.relative_to(content_root).as_posix()
        if relpath.startswith("schema/") or path.suffix not in DATA_SUFFIXES:
            continue
        mapping = schema_for(relpath)
        if mapping is None:
            problems.append(Problem("schema", WARNING, relpath, "no schema is known for this file"))
            continue
        schema_name, module = mapping
        if importlib.util.find_spec(module) is None:
            message = f"skipped: {module}, which loads it, is not there yet"
            problems.append(Problem("schema", NOTE, relpath, message))
            continue
        schema_path = content_root / "schema" / f"{schema_name}.schema.json"
        if not schema_path.is_file():
            message = f"skipped: schema/{schema_name}.schema.json is not there yet"
            problems.append(Problem("schema", NOTE, relpath, message))
            continue
        checked += 1
        problems.extend(_validate_file(path, relpath, schema_path))
    return problems, checked


def _validate_file(path: Path, relpath: str, schema_path: Path) -> list[Problem]:
    try:
        schema = json.loads(schema_path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        where = schema_path.name
        return [Problem("schema", ERROR, where, f"the schema itself cannot be read: {exc}")]
    try:
        data = parse_yaml(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        return [Problem("schema", ERROR, relpath, f"not valid YAML: {_first_line(exc)}")]
    return [
        Problem("schema", ERROR, relpath, f"at {field_path}: {_first_line(message)}")
        for field_path, message in schema_errors(data, schema)[:5]
    ]


# ------------------------------------------------------------------------------ safe text


def check_shipped_text(content_root: Path, templates_root: Path | None) -> list[Problem]:
    """Every finding of the safety deny-lists in shipped content and templates."""
    problems: list[Problem] = []
    files = [
        (path, path.relative_to(content_root).as_posix())
        for path in _content_files(content_root)
        if not is_exempt(path.relative_to(content_root).as_posix())
    ]
    if templates_root is not None and templates_root.is_dir():
        files += [
            (path, f"templates/{path.relative_to(templates_root).as_posix()}")
            for path in sorted(templates_root.rglob("*"))
            if path.is_file()
        ]
    for path, label in files:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue  # not text; the schema check reports content files it cannot read
        for finding in find_unsafe(text):
            line = text.count("\n", 0, finding.span[0]) + 1
            kind = finding.kind.replace("_", " ")
            suggestion = f"; write instead: {finding.suggestion}" if finding.suggestion else ""
            problems.append(
                Problem(
                    "unsafe_text",
                    ERROR,
                    f"{label}:{line}",
                    f"{kind} ({finding.rule_id}): {finding.phrase!r}{suggestion}",
                )
            )
    return problems


# ------------------------------------------------------------------------------ helpers


def _content_files(content_root: Path) -> list[Path]:
    return [
        path
        for path in sorted(content_root.rglob("*"))
        if path.is_file()
        and path.suffix in SHIPPED_TEXT_SUFFIXES
        and "__pycache__" not in path.parts
    ]


def _read_yaml(path: Path) -> Any:
    try:
        return parse_yaml(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None


def _first_line(value: object) -> str:
    return str(value).strip().splitlines()[0] if str(value).strip() else str(value)
