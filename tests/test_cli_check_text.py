"""`waylight check-text`: one text (human or --json) and streams of texts (--jsonl)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from waylight.cli import cli

WAYLIGHT = str(Path(sys.executable).with_name("waylight"))


def run(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["check-text", *args], input=stdin)
    return result.exit_code, result.stdout, result.stderr


def test_json_prints_one_object_with_the_c6_fields() -> None:
    code, out, _ = run("I want to die", "--json", "--country", "GB")
    assert code == 0
    data = json.loads(out)
    assert data["suicide_risk"]["level"] == "ideation"
    assert data["concern"] == "urgent"
    assert data["help_now"] is True
    assert data["resources"][0]["kind"] == "emergency"
    assert out.count("\n") == 1


def test_human_output_shows_level_evidence_explanation_and_help_now() -> None:
    code, out, _ = run("I have been cutting again and I want to die", "--country", "GB")
    assert code == 0
    assert "URGENT" in out
    assert "Help now" in out
    assert "want to die" in out
    assert "not a diagnosis" in out


def test_human_output_of_a_calm_text_still_points_to_help() -> None:
    code, out, _ = run("I'd kill for a pizza")
    assert code == 0
    assert "NONE" in out
    assert "waylight help-now" in out


def test_text_can_come_from_stdin() -> None:
    code, out, _ = run("-", "--json", stdin="I hope I don't wake up tomorrow\n")
    assert code == 0
    assert json.loads(out)["suicide_risk"]["level"] == "ideation"


def test_empty_text_is_exit_code_2_with_a_message_not_a_traceback() -> None:
    code, out, err = run("   ")
    assert code == 2
    assert "empty" in err
    assert "Traceback" not in out + err


def test_unknown_country_is_exit_code_2() -> None:
    code, _, err = run("hello", "--country", "ZZ")
    assert code == 2
    assert "country" in err


def test_text_and_jsonl_together_is_a_usage_error() -> None:
    code, _, err = run("hello", "--jsonl", stdin="")
    assert code == 2
    assert "not both" in err


def test_jsonl_answers_every_line_in_order_with_ids() -> None:
    lines = [
        {"id": "a", "text": "I'd kill for a pizza"},
        {"id": 2, "text": "I want to kill myself"},
        {"id": "c", "text": "my friend has been cutting herself"},
    ]
    stdin = "".join(json.dumps(line) + "\n" for line in lines)
    code, out, _ = run("--jsonl", stdin=stdin)
    assert code == 0
    results = [json.loads(line) for line in out.splitlines()]
    assert [r["id"] for r in results] == ["a", 2, "c"]
    assert [r["suicide_risk"]["level"] for r in results] == ["none", "ideation", "none"]
    assert all("resources" in r and "error" not in r for r in results)


def test_jsonl_bad_lines_get_an_error_object_and_the_stream_goes_on() -> None:
    stdin = (
        '{"id": 1, "text": "hello"}\n'
        "this is not json\n"
        '{"id": 3}\n'
        '{"id": 4, "text": ""}\n'
        '["a list"]\n'
        "\n"
        '{"id": 7, "text": "kms"}\n'
    )
    code, out, _ = run("--jsonl", stdin=stdin)
    results = [json.loads(line) for line in out.splitlines()]
    assert len(results) == 7
    assert [r.get("error") is None for r in results] == [
        True,
        False,
        False,
        False,
        False,
        False,
        True,
    ]
    assert results[1] == {"id": None, "line": 2, "error": results[1]["error"]}
    assert "JSON" in results[1]["error"]
    assert results[2]["id"] == 3 and "text" in results[2]["error"]
    assert results[3]["id"] == 4 and "empty" in results[3]["error"]
    assert results[6]["id"] == 7 and results[6]["suicide_risk"]["level"] == "ideation"
    assert code == 3  # documented: some lines failed, every line was answered


def test_jsonl_streams_each_answer_before_the_input_ends() -> None:
    # A real pipe: the answer to the first line must come while stdin is still open.
    proc = subprocess.Popen(
        [WAYLIGHT, "check-text", "--jsonl"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdin is not None and proc.stdout is not None
    try:
        proc.stdin.write(json.dumps({"id": "first", "text": "I want to die"}) + "\n")
        proc.stdin.flush()
        first = json.loads(proc.stdout.readline())
        assert first["id"] == "first"
        proc.stdin.write(json.dumps({"id": "second", "text": "lovely day"}) + "\n")
        proc.stdin.close()
        second = json.loads(proc.stdout.readline())
        assert second["id"] == "second"
        assert proc.wait(timeout=30) == 0
    finally:
        proc.kill()


def test_jsonl_with_worker_processes_keeps_input_order(tmp_path: Path) -> None:
    texts = ["I want to die", "I'd kill for a pizza", "I feel so alone", "my friend is cutting"]
    path = tmp_path / "posts.jsonl"
    path.write_text(
        "".join(json.dumps({"id": i, "text": texts[i % 4]}) + "\n" for i in range(700)),
        encoding="utf-8",
    )
    with path.open("rb") as stdin:
        done = subprocess.run(
            [WAYLIGHT, "check-text", "--jsonl", "--workers", "2", "--batch-size", "64"],
            stdin=stdin,
            capture_output=True,
            check=True,
            timeout=120,
        )
    results = [json.loads(line) for line in done.stdout.splitlines()]
    assert [r["id"] for r in results] == list(range(700))
    levels = [r["suicide_risk"]["level"] for r in results[:4]]
    assert levels == ["ideation", "none", "indicator", "none"]


def test_jsonl_with_workers_answers_a_first_batch_of_bad_lines_as_one_process_does(
    tmp_path: Path,
) -> None:
    # The first batch is answered before the workers start (so they share what answering it
    # loaded); its lines, bad ones too, are answered in order like every other batch's.
    lines = ["not json", json.dumps({"id": 1, "text": "   "}), "", json.dumps({"id": 2})]
    lines += [json.dumps({"id": i, "text": "I feel so alone"}) for i in range(3, 9)]
    path = tmp_path / "posts.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    outputs = []
    for workers in ("1", "2"):
        with path.open("rb") as stdin:
            done = subprocess.run(
                [WAYLIGHT, "check-text", "--jsonl", "--workers", workers, "--batch-size", "4"],
                stdin=stdin,
                capture_output=True,
                timeout=120,
            )
        outputs.append((done.returncode, done.stdout))
    assert outputs[0] == outputs[1]
    assert outputs[1][0] != 0 and outputs[1][1].count(b"\n") == len(lines)


def test_jsonl_no_resources_leaves_the_crisis_list_out_and_every_line_carries_versions() -> None:
    stdin = '{"id": 1, "text": "I want to die"}\n{"id": 2, "text": "lovely walk today"}\n'
    code, out, _ = run("--jsonl", "--no-resources", stdin=stdin)
    assert code == 0
    results = [json.loads(line) for line in out.splitlines()]
    assert len(results) == 2
    assert all("resources" not in r for r in results)
    assert results[0]["help_now"] is True  # the batch caller shows help once, from this flag
    versions = {(r["model_version"], r["content_version"]) for r in results}
    assert len(versions) == 1
    model_version, content_version = versions.pop()
    assert model_version and model_version != "none"
    assert content_version.startswith("text-content-")
    assert model_version.startswith("text-model-")


def test_single_json_results_carry_versions_and_always_the_resources() -> None:
    code, out, _ = run("lovely walk today", "--json")
    data = json.loads(out)
    assert code == 0 and data["resources"]
    assert data["model_version"] and data["content_version"]


def test_batch_only_options_are_refused_for_one_text() -> None:
    for option in ("--no-resources", "--second-reader"):
        code, _, err = run("hello", option)
        assert code == 2
        assert "--jsonl" in err


def test_loading_for_batches_leaves_the_garbage_collector_as_it_was() -> None:
    # The detector is loaded with the collector paused and then frozen; the collector itself
    # must come back on (or stay off) as the caller had it.
    import gc

    from waylight.cli.check_text import _load_frozen, batch_detector

    was_on = gc.isenabled()
    try:
        for state in (True, False):
            (gc.enable if state else gc.disable)()
            assert _load_frozen(False) is batch_detector(False)
            assert gc.isenabled() is state
    finally:
        (gc.enable if was_on else gc.disable)()
