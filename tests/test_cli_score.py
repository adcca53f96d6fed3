"""`waylight score` and `waylight instruments`: SPEC section 6 contract and the questionnaire."""

from __future__ import annotations

import json

from click.testing import CliRunner

from waylight.cli import cli

SPEC_KEYS = [
    "instrument",
    "total",
    "band",
    "result",
    "flags",
    "next_steps",
    "help_now",
    "resources",
]


def run(*args: str, input: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), input=input)
    return result.exit_code, result.stdout, result.stderr


def last_panel(out: str) -> str:
    """The last rich panel printed: every result must end with where to get help."""
    return out[out.rindex("╭") :]


def test_score_json_is_one_object_with_the_spec_fields() -> None:
    code, out, _ = run(
        "score", "phq9", "--answers", "1,1,1,1,1,1,1,1,0", "--json", "--country", "GB"
    )
    assert code == 0
    data = json.loads(out)
    assert list(data) == SPEC_KEYS
    assert (data["total"], data["band"], data["help_now"]) == (8, "mild", False)
    assert any(r.get("phone") == "116 123" for r in data["resources"])


def test_score_accepts_an_optional_functional_answer() -> None:
    code, out, _ = run("score", "phq9", "--answers", "1,0,0,0,0,0,0,0,0,2", "--json")
    assert code == 0 and json.loads(out)["total"] == 1


def test_asq_takes_words_in_any_case() -> None:
    code, out, _ = run("score", "ASQ", "--answers", "No,NO,no,no", "--json")
    assert code == 0
    assert json.loads(out)["result"] == "negative"


def test_human_output_shows_score_band_next_steps_and_ends_with_help() -> None:
    code, out, _ = run("score", "gad7", "--answers", "2,2,2,2,1,1,0", "--country", "GB")
    assert code == 0
    assert "Score: 10 of 21" in out and "Moderate" in out
    assert "Next steps" in out
    assert "not a diagnosis" in out
    assert "Pfizer" in out
    tail = last_panel(out)
    assert tail.startswith("╭─ Where to get help")
    assert "116 123" in tail and "999" in tail


def test_wrong_count_exits_2_naming_the_expected_count() -> None:
    code, _, err = run("score", "phq9", "--answers", "0,1,2")
    assert code == 2
    assert "PHQ-9 expects 9 answers" in err and "got 3" in err


def test_out_of_range_exits_2_naming_the_item_and_allowed_values() -> None:
    code, _, err = run("score", "gad7", "--answers", "0,0,0,0,0,0,7")
    assert code == 2
    assert "question 7 (feeling afraid)" in err and "allowed: 0, 1, 2 or 3" in err
    assert "Traceback" not in err


def test_unknown_value_exits_2() -> None:
    code, _, err = run("score", "asq", "--answers", "no,no,perhaps,no")
    assert code == 2 and "'perhaps' is not allowed; allowed: yes, no or refused" in err


def test_unknown_instrument_exits_2_listing_the_choices() -> None:
    code, _, err = run("score", "bdi2", "--answers", "0")
    assert code == 2 and "choose one of: asq, gad7, phq2, phq9, phqa" in err


def test_unknown_country_exits_2() -> None:
    code, _, err = run("score", "phq2", "--answers", "0,0", "--country", "XX1")
    assert code == 2 and "Traceback" not in err


def test_no_answers_outside_a_terminal_explains_what_to_give() -> None:
    code, _, err = run("score", "phq2")
    assert code == 2
    assert "--answers" in err and "PHQ-2 expects 2 answers" in err


def test_interactive_questionnaire_one_question_at_a_time() -> None:
    # PHQ-2 answered by keyboard: a wrong key is asked again, then the result and help follow.
    code, out, _ = run("score", "phq2", "--interactive", "--country", "GB", input="7\n2\n1\n")
    assert code == 0
    assert "Question 1 of 2" in out and "Question 2 of 2" in out
    assert "0  Not at all" in out and "3  Nearly every day" in out
    assert "Please type one of: 0, 1, 2, 3." in out
    assert "Score: 3 of 6" in out
    assert last_panel(out).startswith("╭─ Where to get help")


def test_interactive_asq_asks_question_5_only_after_a_positive_answer() -> None:
    code, out, _ = run("score", "asq", "-i", input="no\nn\n2\n2\n")
    assert code == 0 and "Question 5" not in out and "Negative screen" in out

    code, out, _ = run("score", "asq", "-i", "--country", "US", input="2\n2\n2\ny\nno\n")
    assert code == 0 and "Question 5 of 5" in out
    assert "Non-acute positive screen" in out and "988" in out


def test_asq_without_question_5_exits_0_as_a_positive_screen_with_help() -> None:
    code, out, _ = run("score", "asq", "--answers", "yes,no,no,no", "--json", "--country", "GB")
    assert code == 0
    data = json.loads(out)
    assert data["result"] == "acute_positive" and data["help_now"] is True
    assert any(r["dial"] == "116123" for r in data["resources"])
    code, out, _ = run("score", "asq", "--answers", "yes,no,no,no", "--country", "GB")
    assert code == 0 and out.startswith("╭─ Help now")
    assert "question 5 not answered, so handled as acute" in " ".join(out.replace("│", " ").split())


def test_a_trigger_beside_a_low_total_shows_no_band_reassurance() -> None:
    code, out, _ = run("score", "phq9", "--answers", "0,0,0,0,0,0,0,0,1", "--country", "GB")
    assert code == 0
    flat = " ".join(out.replace("│", " ").split())
    assert "lowest range" not in flat and "check again" not in flat
    assert "None to minimal" not in flat  # the band label does not reassure either
    assert "It cannot show how safe you are" in flat


def test_an_answer_to_question_10_when_it_was_not_asked_exits_2() -> None:
    code, _, err = run("score", "phq9", "--answers", "0,0,0,0,0,0,0,0,0,2")
    assert code == 2 and "question 10" in err and "leave it empty" in err


def test_interactive_gad7_asks_the_difficulty_question_after_a_problem() -> None:
    code, out, _ = run("score", "gad7", "-i", input="1\n" + "0\n" * 6 + "2\n")
    assert code == 0 and "Question 8 of 8" in out and "If you checked off any problems" in out
    code, out, _ = run("score", "gad7", "-i", input="0\n" * 7)
    assert code == 0 and "Question 8" not in out


def test_interactive_phqa_extra_questions_carry_no_two_week_stem() -> None:
    answers = "0\n" * 9 + "n\n" + "n\n" + "n\n"
    code, out, _ = run("score", "phqa", "-i", input=answers)
    assert code == 0
    stem = "How often have you been bothered"
    for number in ("10", "12", "13"):
        block = out[out.index(f"Question {number} of") :]
        block = block[: block.index("Your answer")]
        assert stem not in block, number


def test_interactive_phq9_skips_the_difficulty_question_when_nothing_was_checked() -> None:
    code, out, _ = run("score", "phq9", "-i", input="0\n" * 9)
    assert code == 0 and "Question 10" not in out and "Score: 0 of 27" in out


def test_interactive_json_keeps_stdout_for_the_json() -> None:
    code, out, err = run("score", "phq2", "-i", "--json", input="1\n1\n")
    assert code == 0
    assert json.loads(out)["total"] == 2
    assert "Question 1 of 2" in err


def test_stopping_part_way_saves_nothing_and_still_shows_help() -> None:
    code, out, _ = run("score", "phq9", "-i", "--country", "GB", input="1\n")
    assert code == 1
    assert "Stopped. Nothing was saved." in out and "116 123" in out


def test_instruments_json_lists_each_with_citation_licence_and_version() -> None:
    code, out, _ = run("instruments", "--json")
    assert code == 0
    listed = {entry["id"]: entry for entry in json.loads(out)}
    assert list(listed) == ["phq9", "phq2", "phqa", "gad7", "asq"]
    assert listed["phq9"]["items"] == 10 and listed["phqa"]["items"] == 13
    for entry in listed.values():
        assert entry["citation"] and entry["licence"] and entry["version"] and entry["title"]


def test_instruments_human_output_mentions_cssrs_is_not_embedded() -> None:
    code, out, _ = run("instruments")
    assert code == 0 and "C-SSRS is not embedded" in out and "GAD-7" in out


def test_answers_may_be_separated_by_spaces() -> None:
    code, out, _ = run("score", "phq2", "--answers", "1 2", "--json")
    assert code == 0 and json.loads(out)["total"] == 3
