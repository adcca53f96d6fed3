"""The user-level candidates (training/user_model.py) and their choice (training/cssrs_level.py)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import check_grad
from sklearn.metrics import f1_score
from training import cssrs_level
from training.cssrs_level import (
    Candidate,
    Users,
    balanced_weights,
    consistent,
    fit_ordinal,
    fit_score_cuts,
    hand_level,
    macro_f1_many,
    ordinal_loss,
)
from training.user_model import (
    AT_RISK_CUT,
    FEATURE_NAMES,
    PostReading,
    UserModel,
    features_of,
    safety_floor_hit,
    user_features,
)

from waylight.core.scan import ScanInput, scan_rows
from waylight.core.textrisk import Detector


def post(row: int, level: str | None, score: float | None = None, **more: object) -> PostReading:
    if level is not None and score is None:
        score = {"none": 0.05, "indicator": 0.3, "ideation": 0.6, "behavior": 0.8}.get(level, 0.9)
    return PostReading(row, f"p{row}", level, score, **more)


# ------------------------------------------------------------------------------ features


def test_each_aggregate_feature_is_computed_over_the_read_posts() -> None:
    posts = [
        post(1, "none", 0.1, depression_level="mild", depression_score=0.4),
        post(2, "indicator", 0.3, self_harm=True, self_harm_score=0.7),
        post(3, "ideation", 0.6, about_others=True, depression_level="severe",
             depression_score=0.9),
        post(4, "attempt", 0.9, concern="urgent", self_harm_score=0.2),
        post(5, None),  # could not be read: counts for nothing
    ]  # fmt: skip
    f = user_features(posts)
    assert set(f) == set(FEATURE_NAMES)
    assert f["log_posts"] == pytest.approx(math.log(5))  # four read posts
    assert f["share_indicator_up"] == 0.75
    assert f["share_ideation_up"] == 0.5
    assert f["share_behavior_up"] == 0.25
    assert f["share_attempt"] == 0.25
    assert f["highest_level"] == 1.0
    assert f["log_ideation_posts"] == pytest.approx(math.log(3))
    assert f["mean_score"] == pytest.approx((0.1 + 0.3 + 0.6 + 0.9) / 4)
    assert f["max_score"] == 0.9
    assert f["top3_score"] == pytest.approx((0.9 + 0.6 + 0.3) / 3)
    assert f["share_about_others"] == 0.25
    assert f["share_risk_about_others"] == 0.5  # one of the two posts at ideation or above
    assert f["any_urgent"] == 1.0
    assert f["share_self_harm"] == 0.25
    assert f["max_self_harm_score"] == 0.7
    assert f["mean_self_harm_score"] == pytest.approx(0.9 / 4)
    assert f["share_depression_mild_up"] == 0.5
    assert f["share_depression_moderate_up"] == 0.25
    assert f["mean_depression_score"] == pytest.approx(1.3 / 4)
    assert f["max_depression_score"] == 0.9


def test_a_writer_with_one_post_divides_the_top3_score_by_three() -> None:
    # Fewer posts give less: one strong post is not three.
    f = user_features([post(1, "ideation", 0.6)])
    assert f["top3_score"] == pytest.approx(0.2) and f["max_score"] == 0.6
    assert f["share_risk_about_others"] == 0.0 and f["any_urgent"] == 0.0


def test_a_writer_without_a_read_post_has_no_features() -> None:
    with pytest.raises(ValueError, match="no read post"):
        user_features([post(1, None), post(2, None)])
    with pytest.raises(ValueError, match="no read post"):
        user_features([])


def test_the_safety_floor_is_hit_by_an_attempt_or_an_urgent_post_only() -> None:
    assert safety_floor_hit([post(1, "none"), post(2, "attempt")])
    assert safety_floor_hit([post(1, "ideation", concern="urgent")])
    assert not safety_floor_hit([post(1, "behavior", concern="concern"), post(2, None)])


def test_feature_groups_are_named_by_letters() -> None:
    assert features_of("S")[0] == "log_posts" and "share_self_harm" not in features_of("S")
    assert features_of("SHD") == FEATURE_NAMES
    with pytest.raises(ValueError, match="unknown feature groups"):
        features_of("SX")


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"level": "suicidal", "score": 0.5}, "unknown suicide-risk level"),
        ({"level": "none", "score": None}, "both a level and a score"),
        ({"level": "none", "score": 1.5}, "between 0 and 1"),
        ({"level": "none", "score": 0.1, "concern": "high"}, "unknown concern tier"),
        ({"level": "none", "score": 0.1, "depression_level": "major"}, "unknown depression"),
        ({"level": "none", "score": 0.1, "self_harm_score": -0.1}, "between 0 and 1"),
    ],
)
def test_a_bad_post_reading_is_refused_with_a_clear_message(
    fields: dict[str, object], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        PostReading(1, None, **fields)


def test_a_post_reading_carries_every_per_post_output_of_a_scan_row() -> None:
    detector = Detector.default().variant(model=False, second_reader=False)
    rows = scan_rows(
        [ScanInput("a", text="I want to kill myself tonight."), ScanInput("b", error="empty")],
        detector=detector,
    )
    read, unread = PostReading.of(1, rows[0]), PostReading.of(2, rows[1])
    assert read.level == rows[0].suicide_level and read.concern == rows[0].concern
    assert read.depression_level == rows[0].depression_level and read.post_id == "a"
    assert read.self_harm == rows[0].self_harm and not read.about_others
    assert not unread.read and unread.user_post().level is None
    assert read.user_post().score == read.score


# ------------------------------------------------------------------------------ the model


def ordinal(cuts: tuple[float, ...] = (-1.0, 0.0, 1.0, 2.0), floor: bool = False) -> UserModel:
    # One feature, unstandardised: eta is the mean post score itself.
    return UserModel("ordinal", ("mean_score",), (0.0,), (1.0,), ((1.0,),), cuts, floor)


def test_an_ordinal_level_counts_the_cut_points_eta_reaches_at_the_boundary() -> None:
    model = ordinal()
    at = model.decide({"mean_score": 0.0})  # exactly on the ideation cut point
    assert at.rank == 2 and at.score == AT_RISK_CUT
    below = model.decide({"mean_score": -1e-9})
    assert below.rank == 1 and below.score < AT_RISK_CUT
    assert model.decide({"mean_score": 2.0}).rank == 4
    assert model.decide({"mean_score": -1.0 - 1e-9}).rank == 0


def test_the_safety_floor_lifts_to_ideation_and_the_score_to_the_cut() -> None:
    low = {"mean_score": -5.0}
    assert ordinal().decide(low, floor_hit=True).rank == 0  # no floor in this model
    lifted = ordinal(floor=True).decide(low, floor_hit=True)
    assert (lifted.rank, lifted.score, lifted.lifted) == (2, AT_RISK_CUT, True)
    high = ordinal(floor=True).decide({"mean_score": 1.5}, floor_hit=True)
    assert high.rank == 3 and not high.lifted  # already at risk: nothing to lift


def multinomial(logits: tuple[float, ...], floor: bool = False) -> UserModel:
    zeros = ((0.0,),) * 5
    return UserModel("multinomial", ("mean_score",), (0.0,), (1.0,), zeros, logits, floor)


def test_a_multinomial_level_is_the_most_likely_in_the_group_its_score_picks() -> None:
    # Ideation is the single most likely level, but the two levels below hold more: the
    # level stays below at-risk, with the score below the cut.
    p = multinomial((math.log(0.3), math.log(0.3), math.log(0.32), math.log(0.04), math.log(0.04)))
    d = p.decide({"mean_score": 0.0})
    assert d.score == pytest.approx(0.4) and d.rank in (0, 1)
    assert d.rank == 1  # a tie between none and indicator goes to the higher level
    lifted = multinomial(p.offsets, floor=True).decide({"mean_score": 0.0}, floor_hit=True)
    assert lifted.rank == 2 and lifted.score == AT_RISK_CUT


@settings(max_examples=200, deadline=None)
@given(
    kind=st.sampled_from(["ordinal", "multinomial"]),
    weights=st.lists(st.floats(-5, 5), min_size=5, max_size=5),
    gaps=st.lists(st.floats(0.01, 3), min_size=3, max_size=3),
    first=st.floats(-3, 3),
    x=st.floats(-3, 3),
    floor_hit=st.booleans(),
)
def test_the_level_is_at_risk_exactly_when_the_score_reaches_the_cut(
    kind: str, weights: list[float], gaps: list[float], first: float, x: float, floor_hit: bool
) -> None:
    if kind == "ordinal":
        cuts = (first, *(first + sum(gaps[:i]) for i in range(1, 4)))
        model = UserModel("ordinal", ("mean_score",), (0.0,), (1.0,), ((weights[0],),), cuts, True)
    else:
        rows = tuple((w,) for w in weights)
        model = UserModel("multinomial", ("mean_score",), (0.0,), (1.0,), rows, (0.0,) * 5, True)
    d = model.decide({"mean_score": x}, floor_hit)
    assert (d.rank >= 2) == (d.score >= AT_RISK_CUT)
    assert 0.0 <= d.score <= 1.0
    if floor_hit:
        assert d.rank >= 2


def test_an_ordinal_level_never_falls_as_its_score_rises() -> None:
    model = ordinal((-0.7, 0.1, 0.4, 1.9))
    grid = np.linspace(-3, 3, 601)
    decisions = [model.decide({"mean_score": float(v)}) for v in grid]
    assert [d.rank for d in decisions] == sorted(d.rank for d in decisions)
    assert [d.score for d in decisions] == sorted(d.score for d in decisions)
    assert {d.rank for d in decisions} == {0, 1, 2, 3, 4}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"kind": "tree"}, "unknown user model kind"),
        ({"features": ("mean_words",)}, "unknown user features"),
        ({"scale": (0.0,)}, "above 0"),
        ({"center": (0.0, 1.0)}, "one value per feature"),
        ({"weights": ((1.0, 2.0),)}, "weight row"),
        ({"offsets": (0.0, 1.0, 2.0)}, "offsets"),
        ({"offsets": (0.0, 1.0, 1.0, 2.0)}, "must increase"),
        ({"offsets": (0.0, 1.0, 2.0, math.inf)}, "finite"),
    ],
)
def test_a_bad_model_is_refused_with_a_clear_message(
    change: dict[str, object], message: str
) -> None:
    fields = ordinal().to_data() | {"features": ("mean_score",)} | change
    fields = {k: tuple(v) if isinstance(v, list) else v for k, v in fields.items()}
    with pytest.raises(ValueError, match=message):
        UserModel(**fields)


def test_a_missing_feature_is_named() -> None:
    with pytest.raises(ValueError, match="mean_score"):
        ordinal().decide({"max_score": 0.3})


# ------------------------------------------------------------------------------ the choice


def test_hand_rules_at_their_boundaries() -> None:
    one = [post(1, "ideation"), post(2, "none")]
    two = [post(1, "ideation"), post(2, "behavior", about_others=True)]
    urgent = [post(1, "ideation", concern="urgent")]
    others = [post(1, "ideation", about_others=True), post(2, "indicator")]
    assert [hand_level("H0", p) for p in (one, two, urgent, others)] == [2, 3, 2, 2]
    # H1: one ideation post alone is indicator; two, or one urgent, stay ideation.
    assert [hand_level("H1", p) for p in (one, two, urgent)] == [1, 3, 2]
    assert hand_level("H1", [post(1, "ideation"), post(2, "ideation")]) == 2
    # H2: every post at ideation or above is about others -> none; one of their own keeps it.
    assert hand_level("H2", others) == 0 and hand_level("H2", two) == 3
    assert hand_level("H3", others) == 0 and hand_level("H3", one) == 1
    assert hand_level("H0", [post(1, None)]) == 0


def test_the_ordinal_gradient_is_the_derivative_of_its_loss() -> None:
    rng = np.random.default_rng(0)
    z = rng.normal(size=(80, 3))
    y = np.digitize(z @ np.array([1.0, -0.5, 0.3]) + rng.logistic(size=80), [-1.5, -0.3, 0.4, 1.5])
    sw = balanced_weights(y)
    start = np.concatenate([rng.normal(size=3), [-1.0], rng.normal(size=3) * 0.3])
    error = check_grad(
        lambda p: ordinal_loss(p, z, y, sw)[0], lambda p: ordinal_loss(p, z, y, sw)[1], start
    )
    assert error < 1e-4
    w, cuts = fit_ordinal(z, y, sw)
    assert np.all(np.diff(cuts) > 0) and w[0] > 0 > w[1]


def test_macro_f1_matches_scikit_learn() -> None:
    rng = np.random.default_rng(3)
    truth = rng.integers(0, 5, size=(4, 60))
    level = rng.integers(0, 4, size=(4, 60))  # never predicts attempt: that class scores 0
    ours = macro_f1_many(truth, level)
    theirs = [f1_score(t, lv, labels=range(5), average="macro", zero_division=0)
              for t, lv in zip(truth, level, strict=True)]  # fmt: skip
    assert ours == pytest.approx(theirs)


def test_score_cut_points_separate_well_ordered_scores() -> None:
    truth = np.repeat(np.arange(5), 10)
    score = truth / 5 + np.tile(np.linspace(0, 0.1, 10), 5)
    cuts = fit_score_cuts(score, truth)
    assert cuts == sorted(cuts)
    level = np.sum(score[:, None] >= np.asarray(cuts)[None, :], axis=1)
    assert np.array_equal(level, truth)


def test_consistency_fails_when_a_level_disagrees_with_its_score() -> None:
    learned = Candidate("ordinal S", "ordinal", "S")
    level, lifted = np.array([0, 2, 3]), np.zeros(3, dtype=bool)
    assert consistent(learned, level, np.array([0.2, 0.6, 0.9]), lifted)
    assert not consistent(learned, level, np.array([0.2, 0.4, 0.9]), lifted)
    assert not consistent(learned, np.array([0, 3, 2]), np.array([0.2, 0.6, 0.9]), lifted)


def synthetic_users(rng: np.random.Generator, truth: np.ndarray) -> list[list[PostReading]]:
    """Writers whose share of at-risk posts follows their label, with noise."""
    levels = ("none", "indicator", "ideation", "behavior", "attempt")
    users = []
    for t in truth:
        posts = []
        for j in range(int(rng.integers(3, 9))):
            rank = int(np.clip(t + rng.integers(-1, 2), 0, 4))
            score = float(np.clip(rank / 4 + rng.normal(0, 0.15), 0, 1))
            posts.append(post(j + 1, levels[rank], score))
        users.append(posts)
    return users


def test_the_choice_keeps_the_shipped_rule_unless_beaten_beyond_noise(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    few = tuple(c for c in cssrs_level.CANDIDATES if c.name in {"H0", "H2", "ordinal S"})
    monkeypatch.setattr(cssrs_level, "CANDIDATES", few)
    monkeypatch.setattr(cssrs_level, "SEEDS", (1,))
    rng = np.random.default_rng(5)
    truth = np.repeat(np.arange(5), 16)
    users = Users.of(synthetic_users(rng, truth))
    # Every post a step off the writer's label: the highest post overshoots nearly everyone,
    # the ordinal model over all the posts reads them right, by far more than noise.
    report = cssrs_level.choose({"full": users, "batch": users}, truth, count=200)
    rows = {r["name"]: r for r in report["rows"]}
    assert rows["ordinal S"]["beats_h0_beyond_noise"] and report["chosen"] == "ordinal S"
    assert rows["ordinal S"]["consistent"] and rows["H2"]["lead_over_h0"] == 0.0
    # The same writers with their labels shuffled: nothing beats H0 beyond noise.
    noise = rng.permutation(truth)
    report = cssrs_level.choose({"full": users, "batch": users}, noise, count=200)
    assert report["chosen"] == "H0"
