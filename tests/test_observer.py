"""'Worried about someone?': not validated, never a score, help-now first on talk of suicide."""

from __future__ import annotations

import pytest

from waylight.core.errors import AnswerError
from waylight.core.observer import guide, load_checklist


def test_checklist_says_it_is_not_validated() -> None:
    checklist = load_checklist()
    assert checklist.validated is False
    assert "not a validated" in checklist.about
    assert "no score" in checklist.about


def test_checklist_is_built_from_signs_forms_and_depression_links() -> None:
    refs = {item.kb_ref for group in load_checklist().groups for item in group.items}
    assert sum(1 for r in refs if r and r.startswith("sign-")) == 8
    assert any(r and r.startswith("form-") for r in refs)
    assert sum(1 for r in refs if r and r.startswith("link-")) == 4


def test_guidance_has_no_score_about_the_person() -> None:
    data = guide(["obs-withdrawing", "obs-numb"]).to_dict()
    assert not {"score", "total", "band", "risk"} & set(data)
    assert data["validated"] is False


def test_noticing_changes_gives_calm_guidance_with_resources_last_in_mind() -> None:
    guidance = guide(["obs-withdrawing"], country="GB")
    assert guidance.level == "notice" and not guidance.help_now
    assert [s.id for s in guidance.sections][:2] == ["what_to_say", "what_not_to_say"]
    assert {s.id for s in guidance.sections} >= {"look_after_yourself", "when_it_is_an_emergency"}
    assert guidance.resources


@pytest.mark.parametrize(
    "item", ["obs-wants-to-die", "obs-better-off-without", "obs-thinking-of-suicide"]
)
def test_talk_of_suicide_puts_help_now_first(item: str) -> None:
    guidance = guide(["obs-covering-up", item], country="US")
    assert guidance.help_now and guidance.level == "help_now"
    assert guidance.sections[0].id == "when_it_is_an_emergency"
    assert guidance.to_dict()["help_now"] is True
    assert any(r.get("phone") == "988" for r in guidance.resources)


@pytest.mark.parametrize("item", ["obs-injured-now", "obs-in-danger-now", "obs-took-something"])
def test_danger_now_is_an_emergency(item: str) -> None:
    guidance = guide([item])
    assert guidance.level == "emergency" and guidance.help_now
    assert "emergency number" in guidance.headline


def test_nothing_ticked_still_gives_guidance_and_resources() -> None:
    guidance = guide([])
    assert guidance.level == "none"
    assert guidance.sections and guidance.resources


def test_unknown_items_are_refused_with_the_allowed_ids() -> None:
    with pytest.raises(AnswerError, match=r"Unknown checklist item 'obs-nope'.*obs-withdrawing"):
        guide(["obs-nope"])


# -- the `waylight signs` command -------------------------------------------------------------


def signs(*args: str, input: str | None = None) -> tuple[int, str, str]:
    from click.testing import CliRunner

    from waylight.cli import cli

    result = CliRunner().invoke(cli, ["signs", *args], input=input)
    return result.exit_code, result.stdout, result.stderr


def test_signs_json_has_the_checklist_and_guidance() -> None:
    import json

    code, out, _ = signs("--checked", "obs-withdrawing,obs-numb", "--json", "--country", "GB")
    assert code == 0
    data = json.loads(out)
    assert data["validated"] is False and data["groups"]
    assert data["guidance"]["help_now"] is False
    assert [c["id"] for c in data["guidance"]["checked"]] == ["obs-withdrawing", "obs-numb"]
    assert data["guidance"]["resources"]


def test_signs_talk_of_suicide_prints_help_now_before_the_guidance() -> None:
    code, out, _ = signs("--checked", "obs-wants-to-die", "--country", "GB")
    assert code == 0
    assert out.index("116 123") < out.index("What to say")
    assert out[out.rindex("╭") :].startswith("╭─ Where to get help")


def test_signs_interactive_ticks_by_number() -> None:
    code, out, _ = signs("-i", "--country", "US", input="99\n3, 5\n")
    assert code == 0
    assert "Please use numbers from 1 to" in out
    assert "not a validated test" in out
    assert "What to say" in out and "988" in out


def test_signs_unknown_id_exits_2() -> None:
    code, _, err = signs("--checked", "obs-nope")
    assert code == 2 and "Unknown checklist item 'obs-nope'" in err
