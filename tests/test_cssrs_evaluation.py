"""The C-SSRS user-level evaluation (training/cssrs.py), on a small made-up file."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from training.cssrs import (
    CLASSES,
    LEVEL_FAMILY,
    choose_part,
    evaluate,
    half_mask,
    half_of,
    load_users,
    main,
    posts_of,
    read_posts,
)
from training.user_model import PostReading

from waylight.core.textrisk import Detector
from waylight.core.user_level import HIGHEST_POST_RULE


def test_a_post_list_with_quotes_inside_posts_is_cut_into_its_posts() -> None:
    # The data set writes each user's posts as a Python list whose quoting is not always valid
    # Python (a double quote inside a single-quoted post); cutting at the separators still works.
    cell = """['First post, with a comma.', "Second post says 'hi' and \\"so\\".", 'Third']"""
    assert posts_of(cell) == [
        "First post, with a comma.",
        "Second post says 'hi' and \\\"so\\\".",
        "Third",
    ]


def write_users(path: Path, rows: list[tuple[str, list[str], str]]) -> Path:
    lines = ["User,Post,Label"]
    for user, posts, label in rows:
        cell = "[" + ", ".join(f"'{p}'" for p in posts) + "]"
        lines.append(f'{user},"{cell}",{label}')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_the_halves_are_fixed_by_row_parity() -> None:
    assert [half_of(i) for i in range(4)] == ["design", "test", "design", "test"]
    assert half_mask(5, "test").tolist() == [False, True, False, True, False]
    assert half_mask(3, "all").all()


def test_each_half_is_reported_for_both_rules(tmp_path: Path) -> None:
    # Rows 0 and 2 (design), 1 and 3 (test), then again: each half has two users at risk.
    rows = [
        ("u1", ["Lovely walk by the river today", "Made soup for the neighbours"], "Supportive"),
        ("u2", ["Went to the match with my dad", "Work was fine"], "Indicator"),
        (
            "u3",
            ["Made soup today", "I want to kill myself tonight, I can't do this anymore"],
            "Ideation",
        ),
        ("u4", ["I tried to kill myself last year and I'm thinking about it again"], "Attempt"),
        ("u5", ["I want to die, I can't keep doing this."], "Ideation"),
        ("u6", ["I want to kill myself, nothing helps anymore", "Tired again"], "Behavior"),
    ]
    users = load_users(write_users(tmp_path / "users.csv", rows))
    assert [len(p) for p, _ in users] == [2, 2, 2, 1, 1, 2]
    detector = Detector.default().variant(model=False, second_reader=False)
    posts = {"full": read_posts(users, detector)}
    assert [p.row for p in posts["full"][0]] == [1, 2]
    report = evaluate(users, posts)
    entry = report["paths"]["full"]
    assert entry["posts"] == 10
    assert entry["test"]["shipped"]["users"] == 3 and entry["design"]["shipped"]["users"] == 3
    assert entry["all"]["highest_post"]["users"] == 6
    # The rules alone read these plain posts: the at-risk users rank above the others.
    for half in ("test", "design", "all"):
        for rule in ("shipped", "highest_post"):
            assert entry[half][rule]["at_risk_auc"] == 1.0
            assert entry[half][rule]["at_risk_recall"] == 1.0
    assert set(entry["test_intervals"]) == {"auc", "f1", "auc_lead", "f1_lead"}


def test_the_choice_keeps_the_highest_post_rule_unless_a_candidate_beats_it(tmp_path: Path) -> None:
    # Supporters: one strong reply among many ordinary posts; people at risk: a moderate
    # post among few. The highest post score ranks supporters first; a score over all the
    # posts ranks them right. Every level rule reads everyone as ideation: a tie, so the
    # highest-post level (no change) is kept.
    def user(scores: list[float]) -> list[PostReading]:
        return [
            PostReading(i + 1, None, "ideation" if s >= 0.5 else "indicator", s)
            for i, s in enumerate(scores)
        ]

    supporters = [user([0.9] + [0.1] * 9) for _ in range(20)]
    at_risk = [user([0.6, 0.1, 0.1]) for _ in range(20)]
    truth = np.array([CLASSES.index("Supportive")] * 20 + [CLASSES.index("Ideation")] * 20)
    posts = {"full": supporters + at_risk, "batch": supporters + at_risk}
    level = choose_part("level", posts, truth, count=50)
    assert level["chosen"] == 0 and LEVEL_FAMILY[0] == HIGHEST_POST_RULE
    score = choose_part("score", posts, truth, count=50)
    chosen = score["rows"][score["chosen"]]
    assert chosen["settings"]["score"] in {"mean", "share"} and chosen["mean"] == 1.0
    highest = score["rows"][0]
    assert highest["settings"]["score"] == "max" and not highest["within_noise"]


def test_an_unknown_label_is_refused_with_its_name(tmp_path: Path) -> None:
    path = tmp_path / "users.csv"
    path.write_text("User,Post,Label\nu1,\"['hello']\",Maybe\n", encoding="utf-8")
    with pytest.raises(SystemExit, match="Maybe"):
        load_users(path)


def test_one_path_is_read_and_reported_alone(tmp_path: Path) -> None:
    # `--paths batch` reads the posts with the batch detector only (the full path reads every
    # post with the encoder) and says so in the report's command line.
    rows = [
        ("u1", ["Lovely walk by the river today"], "Supportive"),
        ("u2", ["Went to the match with my dad"], "Indicator"),
        ("u3", ["I want to kill myself tonight, I can't do this anymore"], "Ideation"),
        ("u4", ["I tried to kill myself last year and I'm thinking about it again"], "Attempt"),
        ("u5", ["Made soup for the neighbours"], "Supportive"),
        ("u6", ["I want to die, nothing helps anymore"], "Behavior"),
    ]
    data = write_users(tmp_path / "users.csv", rows)
    out = tmp_path / "out"
    assert main(["--data", str(data), "--paths", "batch", "--out", str(out)]) == 0
    report = (out / "cssrs.md").read_text(encoding="utf-8")
    assert "--paths batch" in report
    assert "batch (as `waylight scan`)" in report
    assert "full (encoder on every post)" not in report
