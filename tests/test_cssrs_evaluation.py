"""The C-SSRS user-level evaluation (training/cssrs.py), on a small made-up file."""

from __future__ import annotations

from pathlib import Path

import pytest
from training.cssrs import evaluate, load_users, posts_of

from waylight.core.textrisk import Detector


def test_a_post_list_with_quotes_inside_posts_is_cut_into_its_posts() -> None:
    # The data set writes each user's posts as a Python list whose quoting is not always valid
    # Python (a double quote inside a single-quoted post); cutting at the separators still works.
    cell = """['First post, with a comma.', "Second post says 'hi' and \\"so\\".", 'Third']"""
    assert posts_of(cell) == [
        "First post, with a comma.",
        "Second post says 'hi' and \\\"so\\\".",
        "Third",
    ]


def test_a_user_is_as_much_at_risk_as_their_most_worrying_post(tmp_path: Path) -> None:
    rows = [
        ("u1", ["Lovely walk by the river today", "Made soup for the neighbours"], "Supportive"),
        (
            "u2",
            ["Made soup today", "I want to kill myself tonight, I can't do this anymore"],
            "Ideation",
        ),
        ("u3", ["Went to the match with my dad", "Work was fine"], "Indicator"),
        ("u4", ["I tried to kill myself last year and I'm thinking about it again"], "Attempt"),
    ]
    path = tmp_path / "users.csv"
    lines = ["User,Post,Label"]
    for user, posts, label in rows:
        cell = "[" + ", ".join(f"'{p}'" for p in posts) + "]"
        lines.append(f'{user},"{cell}",{label}')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    users = load_users(path)
    assert [len(p) for p, _ in users] == [2, 2, 2, 1]
    report = evaluate(users, Detector.default().variant(model=False, second_reader=False))
    assert report["users"] == 4 and report["posts"] == 7
    # The at-risk users rank above the others (the rules alone read these plain posts).
    assert report["at_risk_auc"] == 1.0
    assert report["at_risk_recall"] == 1.0 and report["at_risk_precision"] == 1.0


def test_an_unknown_label_is_refused_with_its_name(tmp_path: Path) -> None:
    path = tmp_path / "users.csv"
    path.write_text("User,Post,Label\nu1,\"['hello']\",Maybe\n", encoding="utf-8")
    with pytest.raises(SystemExit, match="Maybe"):
        load_users(path)
