"""The pure sharing rules: who may do what, which flags entries raise, the audit chain."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from waylight.core.care.audit import GENESIS, AuditRecord, check_chain
from waylight.core.care.consent import (
    ACTIONS,
    PARTS,
    Grant,
    allows,
    parse_parts,
    parse_role,
    parse_valid_for,
    parts_from_text,
    parts_text,
    sharing_words,
)
from waylight.core.care.flags import (
    CheckInFacts,
    raise_flags,
    result_facts,
    visible_flags,
    worse_by,
)
from waylight.core.errors import InputError

T0 = datetime(2026, 3, 1, 9, tzinfo=UTC)


def at(days: float) -> datetime:
    return T0 + timedelta(days=days)


def phq9(total: int, item9: int = 0) -> list[str]:
    answers, left = [], total - item9
    for _ in range(8):
        value = min(3, left)
        answers.append(str(value))
        left -= value
    return [*answers, str(item9)]


# ------------------------------------------------------------------------------ consent


ALL = frozenset(PARTS)


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("role", ["professional", "supporter"])
def test_nothing_is_allowed_without_an_active_verified_grant(role: str, action: str) -> None:
    for grant in (
        None,
        Grant(role=role, parts=ALL, active=False),  # type: ignore[arg-type]
        Grant(role=role, parts=ALL, verified=False),  # type: ignore[arg-type]
    ):
        for part in (None, *PARTS):
            assert not allows(grant, action, part)  # type: ignore[arg-type]


def test_nobody_but_the_person_changes_anything() -> None:
    for role in ("professional", "supporter"):
        grant = Grant(role=role, parts=ALL)  # type: ignore[arg-type]
        assert not any(allows(grant, "change", p) for p in (None, *PARTS))


def test_a_professional_reads_exports_and_acknowledges_only_shared_parts() -> None:
    grant = Grant(role="professional", parts=frozenset({"results", "note_flags"}))
    for action in ("read", "export", "acknowledge"):
        assert allows(grant, action, "results")
        assert allows(grant, action, "note_flags")
        assert not allows(grant, action, "check_ins")
        assert not allows(grant, action, "notes")
        assert not allows(grant, action, "plan")
    assert allows(grant, "read") and allows(grant, "request")
    assert not allows(replace(grant, parts=frozenset({"plan"})), "request")


def test_a_supporter_only_reads() -> None:
    grant = Grant(role="supporter", parts=ALL)
    assert all(allows(grant, "read", p) for p in PARTS)
    for action in ("export", "acknowledge", "request"):
        assert not any(allows(grant, action, p) for p in (None, *PARTS)), action  # type: ignore[arg-type]


def test_note_text_is_the_only_part_off_by_default() -> None:
    assert sharing_words().default_parts == ALL - {"notes"}


def test_form_values_are_checked() -> None:
    assert parse_parts(["plan", "results"]) == {"plan", "results"}
    with pytest.raises(InputError):
        parse_parts(["results", "diary"])
    with pytest.raises(InputError):
        parse_role("admin")
    with pytest.raises(InputError):
        parse_valid_for("365")
    assert parse_valid_for("7").days == 7
    assert parts_from_text(parts_text({"notes", "results"})) == {"notes", "results"}
    assert parts_text({"notes", "results"}) == "results,notes"
    assert parts_from_text("results,old_thing") == {"results"}


# ------------------------------------------------------------------------------ flags


def kinds(flags: list) -> list[str]:
    return [f.kind for f in flags]


@pytest.mark.parametrize(("item9", "flagged"), [(0, False), (1, True), (3, True)])
def test_phq9_item9_above_0_raises_a_hard_flag(item9: int, flagged: bool) -> None:
    fact = result_facts(1, "phq9", at(0), phq9(item9, item9=item9))
    flags = raise_flags([fact], [], since=T0)
    assert ("phq_item9" in kinds(flags)) is flagged
    if flagged:
        assert flags[0].hard and flags[0].part == "results"
        assert flags[0].key == "phq_item9:result:1"


def test_phqa_item9_is_the_same_flag() -> None:
    answers = ["0"] * 8 + ["1", "no", "", "no", "no"]
    fact = result_facts(2, "phqa", at(0), answers)
    assert kinds(raise_flags([fact], [], since=T0)) == ["phq_item9"]


@pytest.mark.parametrize(
    ("before", "after", "flagged"), [(6, 10, False), (6, 11, True), (6, 20, True), (15, 10, False)]
)
def test_phq9_worse_by_5_or_more_since_the_previous_result(
    before: int, after: int, flagged: bool
) -> None:
    first = result_facts(1, "phq9", at(0), phq9(before))
    second = result_facts(2, "phq9", at(7), phq9(after))
    flags = raise_flags([second, first], [], since=T0)  # order of the list does not matter
    worse = [f for f in flags if f.kind == "phq_worse"]
    assert bool(worse) is flagged
    if flagged:
        assert worse[0].label == f"Worse by {after - before}"
        assert worse[0].key == "phq_worse:result:2" and not worse[0].hard
    assert worse_by(first, second) == (after - before if flagged else None)


def test_worse_compares_with_the_previous_result_not_the_first() -> None:
    results = [
        result_facts(1, "phq9", at(0), phq9(4)),
        result_facts(2, "phq9", at(7), phq9(8)),
        result_facts(3, "phq9", at(14), phq9(12)),
    ]
    assert "phq_worse" not in kinds(raise_flags(results, [], since=T0))


def test_gad7_worse_raises_no_flag_it_is_not_in_the_list() -> None:
    results = [
        result_facts(1, "gad7", at(0), ["0"] * 7),
        result_facts(2, "gad7", at(7), ["3"] * 7 + ["2"]),
    ]
    assert raise_flags(results, [], since=T0) == []


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        (["no", "no", "no", "no"], []),
        (["yes", "no", "no", "no", "no"], ["other_hard"]),  # positive, not acute
        (["yes", "no", "no", "no", "yes"], ["asq_acute"]),
        (["no", "refused", "no", "no", "refused"], ["asq_acute"]),
        (["yes", "no", "no", "no", ""], ["asq_acute"]),  # acuity unknown is handled as acute
    ],
)
def test_asq_acute_and_other_hard_triggers(answers: list[str], expected: list[str]) -> None:
    fact = result_facts(5, "asq", at(0), answers)
    assert kinds(raise_flags([fact], [], since=T0)) == expected


def test_check_ins_raise_self_harm_and_urgent_note_flags() -> None:
    entries = [
        CheckInFacts(1, date(2026, 3, 2), at(1), harmed=True, note_tier="none"),
        CheckInFacts(2, date(2026, 3, 3), at(2), harmed=False, note_tier="urgent"),
        CheckInFacts(3, date(2026, 3, 4), at(3), harmed=None, note_tier="concern"),
    ]
    flags = raise_flags([], entries, since=T0)
    assert kinds(flags) == ["urgent_note", "self_harm"]  # hard first
    assert flags[0].part == "note_flags" and flags[1].part == "check_ins"
    assert "2026-03-03" in flags[0].reason


def test_entries_before_the_lookback_raise_no_flag_but_still_count_as_previous() -> None:
    old = result_facts(1, "phq9", at(-60), phq9(5, item9=1))
    new = result_facts(2, "phq9", at(1), phq9(11))
    flags = raise_flags([old, new], [], since=T0)
    assert kinds(flags) == ["phq_worse"]


def test_visible_flags_follow_the_shared_parts() -> None:
    entries = [CheckInFacts(1, date(2026, 3, 2), at(1), harmed=True, note_tier="urgent")]
    facts = [result_facts(1, "phq9", at(0), phq9(1, item9=1))]
    flags = raise_flags(facts, entries, since=T0)
    assert kinds(visible_flags(flags, frozenset({"results"}))) == ["phq_item9"]
    assert kinds(visible_flags(flags, frozenset({"note_flags"}))) == ["urgent_note"]
    assert kinds(visible_flags(flags, frozenset({"check_ins"}))) == ["self_harm"]


# ------------------------------------------------------------------------------ audit chain


def chain(n: int) -> list[AuditRecord]:
    records, prev = [], GENESIS
    for seq in range(1, n + 1):
        record = AuditRecord(
            seq, at(seq), f"a{seq % 2}", "Dr Lee", "professional", "s1", "read", "results", ""
        ).sealed(prev)
        records.append(record)
        prev = record.hash
    return records


def test_an_intact_chain_verifies() -> None:
    records = chain(5)
    result = check_chain(records, head=(5, records[-1].hash))
    assert result.ok and result.checked == 5 and result.head_hash == records[-1].hash
    assert check_chain([], head=(0, GENESIS)).ok


@pytest.mark.parametrize("field", ["actor_name", "what", "subject_ref", "at", "action"])
def test_an_edited_entry_breaks_the_chain_where_it_was_edited(field: str) -> None:
    records = chain(5)
    value = at(99) if field == "at" else "changed"
    records[2] = replace(records[2], **{field: value})
    result = check_chain(records, head=(5, records[-1].hash))
    assert not result.ok and result.broken_at == 3 and "changed" in result.problem


def test_a_deleted_entry_is_found() -> None:
    records = chain(5)
    del records[1]
    result = check_chain(records, head=(5, records[-1].hash))
    assert not result.ok and result.broken_at == 2 and "missing" in result.problem


def test_a_rehashed_entry_no_longer_points_at_the_one_before() -> None:
    records = chain(4)
    forged = replace(records[1], what="plan")
    records[1] = forged.sealed(GENESIS)  # recomputed, but from the wrong place
    result = check_chain(records, head=(4, records[-1].hash))
    assert not result.ok and result.broken_at == 2


def test_entries_cut_from_the_end_are_found_by_the_head() -> None:
    records = chain(5)
    result = check_chain(records[:3], head=(5, records[-1].hash))
    assert not result.ok and result.broken_at == 4 and "end" in result.problem


def test_the_hash_covers_canonical_fields_only_in_ascii() -> None:
    record = AuditRecord(1, T0, "a", "Dr Zoë Ł", "professional", "s", "read", "plan", "")
    assert record.canonical().isascii()
    assert record.sealed(GENESIS).hash == record.sealed(GENESIS).hash


def test_spanish_changes_the_words_never_the_flags() -> None:
    entries = [CheckInFacts(1, date(2026, 3, 2), at(1), harmed=True, note_tier="urgent")]
    facts = [
        result_facts(1, "phq9", at(0), phq9(4)),
        result_facts(2, "phq9", at(1), phq9(10, item9=1)),
        result_facts(3, "asq", at(1), ["yes", "no", "no", "no", "no"]),
    ]
    english = raise_flags(facts, entries, since=T0)
    spanish = raise_flags(facts, entries, since=T0, lang="es")
    assert [(f.key, f.kind, f.hard, f.part) for f in english] == [
        (f.key, f.kind, f.hard, f.part) for f in spanish
    ]
    assert {f.label for f in spanish} >= {
        "Nota urgente",
        "Autolesión registrada",
        "Empeoró 6 puntos",
    }
    assert all("{" not in f.reason for f in spanish)
    other = next(f for f in spanish if f.kind == "other_hard")
    assert "ASQ positivo" in other.reason
    assert sharing_words("es").role("professional").duty.startswith("Un profesional puede")
