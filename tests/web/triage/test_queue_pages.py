"""The reviewers' pages: the queue's order, each post's evidence and author, decisions with who
and when, the false-alarm export, and retention."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.test import Client
from django.utils import timezone
from tests.web.conftest import assert_safe_page
from tests.web.triage.conftest import PLAIN, URGENT, WATCH, bearer, post, send

from waylight.web.triage.models import Decision, QueuedPost
from waylight.web.triage.services.apikeys import CreatedKey
from waylight.web.triage.services.retention import erase_platform, purge

pytestmark = pytest.mark.django_db

CONCERN = "I feel like a burden"


def queued(external_id: str) -> QueuedPost:
    return QueuedPost.objects.get(external_id=external_id)


def wait(external_id: str, minutes: int) -> None:
    """Make a post look as if it arrived `minutes` ago."""
    QueuedPost.objects.filter(external_id=external_id).update(
        received_at=timezone.now() - timedelta(minutes=minutes)
    )


def card_order(html: str) -> list[str]:
    return re.findall(r'<h2 id="post-\d+-title"><a [^>]*>(?:Urgent: )?post ([^<]+)</a>', html)


def test_urgent_first_then_the_longest_waiting(
    client: Client, platform: CreatedKey, reviewer: Any, as_: Any
) -> None:
    send(
        client,
        platform.key,
        [
            post("watch-old", WATCH, author="a"),
            post("urgent-new", URGENT, author="b"),
            post("concern-mid", CONCERN, author="c"),
            post("urgent-old", URGENT, author="d"),
            post("quiet", PLAIN, author="e"),
        ],
    )
    wait("watch-old", 90)
    wait("concern-mid", 30)
    wait("urgent-old", 10)
    html = assert_safe_page(as_(reviewer).get("/triage/"))
    assert card_order(html) == ["urgent-old", "urgent-new", "watch-old", "concern-mid"]
    assert "quiet" not in card_order(html)  # not raised: not in the queue
    assert "Urgent: post urgent-old" in html


def test_evidence_is_highlighted_and_the_text_is_escaped(
    client: Client, platform: CreatedKey, reviewer: Any, as_: Any
) -> None:
    hostile = f"{CONCERN} <script>alert(1)</script> <img src=x> <b>bold</b> & more"
    send(client, platform.key, [post("h1", hostile)])
    html = assert_safe_page(as_(reviewer).get("/triage/"))
    assert '<mark class="evidence">I feel like a burden</mark>' in html
    assert "(evidence: distress)" in html
    assert "<img" not in html and "<b>bold</b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x&gt;" in html
    assert "&amp; more" in html
    detail = as_(reviewer).get(f"/triage/posts/{queued('h1').pk}/")
    page = assert_safe_page(detail)
    assert "<img" not in page and "TX-DIS-BURDEN" in page
    assert detail["Cache-Control"] == "no-store, private"


def test_a_post_page_shows_the_explanation_scores_metadata_and_the_authors_history(
    client: Client, platform: CreatedKey, reviewer: Any, as_: Any
) -> None:
    send(client, platform.key, [post("w1", WATCH, author="ann", time="2026-03-01T08:00:00Z")])
    send(
        client,
        platform.key,
        [
            post("q1", PLAIN, author="ann", time="2026-03-01T09:00:00Z"),
            post(
                "c1", CONCERN, author="ann", time="2026-03-01T10:00:00Z", metadata={"thread": "t7"}
            ),
            post("z1", URGENT, author="bob"),
        ],
    )
    html = assert_safe_page(as_(reviewer).get(f"/triage/posts/{queued('c1').pk}/"))
    assert "Why it was raised:" in html and "known risk factor" in html
    assert "<dt>thread</dt><dd>t7</dd>" in html
    assert "Author <strong>ann</strong>" in html and "3 posts read so far" in html
    # The history table only: the rest of the page holds random tokens that could spell an id.
    start = html.index("Recent posts")
    history = html[start : html.index("</table>", start)]
    assert history.index("c1 (this post)") < history.index("q1") < history.index("w1")
    assert f'href="/triage/posts/{queued("w1").pk}/"' in history  # a raised post links
    assert "/triage/posts/" + str(queued("q1").pk) not in history  # a quiet one does not
    assert "z1" not in history  # another author's post
    assert "No early-warning alert" in html
    assert "not a diagnosis" in html


def test_an_early_warning_alert_shows_on_the_authors_posts(
    client: Client, platform: CreatedKey, reviewer: Any, as_: Any
) -> None:
    send(client, platform.key, [post("e1", CONCERN, author="cy", time="2026-03-01T08:00:00Z")])
    send(client, platform.key, [post("e2", CONCERN, author="cy", time="2026-03-01T09:00:00Z")])
    queue = assert_safe_page(as_(reviewer).get("/triage/"))
    assert card_order(queue)[0] == "e2"  # the post that raised the alert is in the urgent band
    assert "Early warning for this author" in queue and "(this post raised it)" in queue
    html = assert_safe_page(as_(reviewer).get(f"/triage/posts/{queued('e2').pk}/"))
    assert "evidence that built up over several posts, after 2 posts" in html
    assert f'<a href="/triage/posts/{queued("e1").pk}/">post e1</a>: concern' in html


def test_help_now_is_shown_once_on_the_queue(
    client: Client, platform: CreatedKey, reviewer: Any, as_: Any
) -> None:
    send(client, platform.key, [post(f"u{n}", URGENT, author=f"a{n}") for n in range(3)])
    html = assert_safe_page(as_(reviewer).get("/triage/"))
    assert html.count('id="help-panel"') == 1
    assert "Help now, to pass on" in html


def test_paging_keeps_the_order(
    client: Client, platform: CreatedKey, reviewer: Any, as_: Any
) -> None:
    send(client, platform.key, [post(f"w{n:02}", WATCH, author=f"a{n}") for n in range(25)])
    for n in range(25):
        wait(f"w{n:02}", 100 - n)
    first = as_(reviewer).get("/triage/").content.decode()
    second = as_(reviewer).get("/triage/?show=waiting&page=2").content.decode()
    assert card_order(first) == [f"w{n:02}" for n in range(20)]
    assert card_order(second) == [f"w{n:02}" for n in range(20, 25)]
    assert "Page 1 of 2" in first and "Next page" in first
    assert as_(reviewer).get("/triage/?page=99&show=nonsense").status_code == 200


# ---------------------------------------------------------------------------- decisions


def decide(client: Client, external_id: str, **fields: str) -> Any:
    return client.post(f"/triage/posts/{queued(external_id).pk}/decide/", fields)


def test_each_action_is_kept_with_who_and_when(
    client: Client, platform: CreatedKey, reviewer: Any, as_: Any
) -> None:
    send(client, platform.key, [post(p, URGENT, author=p) for p in ("r1", "s1", "f1")])
    desk = as_(reviewer)
    before = timezone.now()
    assert decide(desk, "r1", action="reviewed").status_code == 302
    assert decide(desk, "s1", action="escalated", note="to the safety team").status_code == 302
    done = decide(desk, "f1", action="false_alarm", reason="quote_or_fiction", note="song")
    assert done.status_code == 302 and done["Location"] == "/triage/"
    statuses = dict(QueuedPost.objects.values_list("external_id", "status"))
    assert statuses == {"r1": "reviewed", "s1": "escalated", "f1": "false_alarm"}
    decision = Decision.objects.get(post__external_id="f1")
    assert decision.reviewer == reviewer and decision.reason == "quote_or_fiction"
    assert decision.decided_at >= before and decision.note == "song"
    assert "song" not in decision.note_ciphertext  # encrypted
    queue = desk.get("/triage/").content.decode()
    assert "Post f1 is marked a false alarm." in queue
    assert card_order(queue) == []  # nothing waiting
    assert card_order(desk.get("/triage/?show=escalated").content.decode()) == ["s1"]
    assert set(card_order(desk.get("/triage/?show=done").content.decode())) == {"r1", "f1"}
    page = desk.get(f"/triage/posts/{queued('f1').pk}/").content.decode()
    assert "False alarm</strong>: A quote, lyrics, fiction or a game, by rae on" in page
    assert "“song”" in page


def test_a_post_keeps_its_whole_history_and_the_latest_decision_is_its_status(
    client: Client, platform: CreatedKey, reviewer: Any, as_: Any
) -> None:
    send(client, platform.key, [post("h1", URGENT)])
    desk = as_(reviewer)
    decide(desk, "h1", action="escalated")
    decide(desk, "h1", action="reviewed")
    assert queued("h1").status == "reviewed"
    assert list(Decision.objects.values_list("action", flat=True)) == ["escalated", "reviewed"]
    html = desk.get(f"/triage/posts/{queued('h1').pk}/").content.decode()
    assert html.index("Escalated</strong>") < html.index("Reviewed</strong>")


def test_a_decision_made_meanwhile_by_another_reviewer_is_shown_not_overruled(
    client: Client, platform: CreatedKey, reviewer: Any, as_: Any
) -> None:
    from tests.web.triage.conftest import make_user

    send(client, platform.key, [post("c1", URGENT)])
    first, second = as_(reviewer), as_(make_user("sam", "person", "reviewer"))
    page = second.get(f"/triage/posts/{queued('c1').pk}/").content.decode()
    assert page.count('name="seen" value="0"') == 3  # each form says what its page showed
    assert decide(first, "c1", action="reviewed", seen="0").status_code == 302
    late = decide(second, "c1", action="false_alarm", reason="idiom", seen="0")
    assert late.status_code == 409
    html = assert_safe_page(late)
    assert "rae decided this post while you were reading it (Reviewed)" in html
    assert 'name="seen" value="1"' in html
    assert queued("c1").status == "reviewed" and Decision.objects.count() == 1
    # Having seen it, the second reviewer may still decide.
    assert decide(second, "c1", action="escalated", seen="1").status_code == 302
    assert queued("c1").status == "escalated" and Decision.objects.count() == 2


@pytest.mark.parametrize(
    ("fields", "words"),
    [
        ({"action": "false_alarm"}, "Choose why"),
        ({"action": "false_alarm", "reason": "no-such"}, "Choose why"),
        ({"action": "false_alarm", "reason": "other"}, "needs a short note"),
        ({"action": "false_alarm", "reason": "idiom", "note": "x" * 501}, "longer than 500"),
        ({"action": "delete"}, "Choose one"),
        ({}, "Choose one"),
    ],
)
def test_a_decision_that_cannot_be_kept_says_why_and_changes_nothing(
    client: Client,
    platform: CreatedKey,
    reviewer: Any,
    as_: Any,
    fields: dict[str, str],
    words: str,
) -> None:
    send(client, platform.key, [post("b1", URGENT)])
    response = decide(as_(reviewer), "b1", **fields)
    assert response.status_code == 422
    html = assert_safe_page(response)
    assert words in html and "Nothing was recorded yet" in html
    assert queued("b1").status == "waiting" and not Decision.objects.exists()


def test_deciding_a_post_that_is_not_in_the_queue_is_404(
    client: Client, platform: CreatedKey, reviewer: Any, as_: Any
) -> None:
    send(client, platform.key, [post("q", PLAIN)])
    desk = as_(reviewer)
    assert decide(desk, "q", action="reviewed").status_code == 404  # never raised
    assert desk.post("/triage/posts/999999/decide/", {"action": "reviewed"}).status_code == 404
    assert desk.get("/triage/posts/999999/").status_code == 404


def test_decisions_need_the_csrf_token(client: Client, platform: CreatedKey, reviewer: Any) -> None:
    send(client, platform.key, [post("t1", URGENT)])
    guarded = Client(enforce_csrf_checks=True)
    guarded.force_login(reviewer)
    response = guarded.post(f"/triage/posts/{queued('t1').pk}/decide/", {"action": "reviewed"})
    assert response.status_code == 403 and queued("t1").status == "waiting"


def test_a_deleted_reviewer_leaves_a_former_reviewer_in_the_history(
    client: Client, platform: CreatedKey, reviewer: Any, as_: Any, admin_user: Any
) -> None:
    from tests.web.triage.conftest import make_user

    send(client, platform.key, [post("d1", URGENT)])
    leaver = make_user("leaver", "reviewer")
    decide(as_(leaver), "d1", action="reviewed")
    leaver.delete()
    html = as_(reviewer).get(f"/triage/posts/{queued('d1').pk}/").content.decode()
    assert "by a former reviewer on" in html


# ---------------------------------------------------------------------------- exports


def export(client: Client, fmt: str, **query: str) -> str:
    response = client.get(f"/triage/export/false-alarms.{fmt}", query)
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    return b"".join(response.streaming_content).decode()


def test_false_alarm_reasons_export_as_csv_and_jsonl_without_the_reviewer(
    client: Client,
    platform: CreatedKey,
    keeping_platform: CreatedKey,
    reviewer: Any,
    as_: Any,
) -> None:
    send(client, platform.key, [post("nk", URGENT), post("rv", URGENT, author="z")])
    send(client, keeping_platform.key, [post("kp", CONCERN)])
    desk = as_(reviewer)
    decide(desk, "nk", action="false_alarm", reason="idiom")
    decide(desk, "kp", action="false_alarm", reason="other", note="a line from a poem")
    decide(desk, "rv", action="reviewed")
    rows = list(csv.DictReader(io.StringIO(export(desk, "csv"))))
    assert [r["post_id"] for r in rows] == ["nk", "kp"]  # only false alarms, oldest first
    by_id = {r["post_id"]: r for r in rows}
    assert by_id["nk"]["reason"] == "idiom" and by_id["nk"]["text"] == ""
    assert by_id["nk"]["text_kept"] == "false" and by_id["nk"]["platform"] == "Forum A"
    assert by_id["kp"]["text"] == CONCERN and by_id["kp"]["text_kept"] == "true"
    assert by_id["kp"]["note"] == "a line from a poem" and "TX-DIS-BURDEN" in by_id["kp"]["rules"]
    lines = [json.loads(line) for line in export(desk, "jsonl").splitlines()]
    assert [line["post_id"] for line in lines] == ["nk", "kp"]
    assert lines[1]["rules"] == ["TX-DIS-BURDEN"] and lines[1]["reason_label"] == "Something else"
    everything = export(desk, "csv") + export(desk, "jsonl")
    assert "rae" not in everything and str(reviewer.pk) not in {r["post_id"] for r in rows}
    for field in ("reviewer", "username", "user"):
        assert field not in rows[0] and field not in lines[0]


def test_a_text_that_looks_like_a_formula_is_shown_not_run_in_the_csv(
    client: Client, keeping_platform: CreatedKey, reviewer: Any, as_: Any
) -> None:
    formula = f'=HYPERLINK("http://x.example") {CONCERN}'
    send(client, keeping_platform.key, [post("+1", formula)])
    decide(as_(reviewer), "+1", action="false_alarm", reason="other", note="@note")
    (row,) = csv.DictReader(io.StringIO(export(as_(reviewer), "csv")))
    assert row["text"] == "'" + formula and row["note"] == "'@note" and row["post_id"] == "'+1"
    (line,) = [json.loads(x) for x in export(as_(reviewer), "jsonl").splitlines()]
    assert line["text"] == formula and line["post_id"] == "+1"  # JSON keeps it as it is


def test_the_export_can_start_from_a_date(
    client: Client, platform: CreatedKey, reviewer: Any, as_: Any
) -> None:
    send(client, platform.key, [post("old", URGENT), post("new", URGENT, author="n")])
    desk = as_(reviewer)
    decide(desk, "old", action="false_alarm", reason="joke")
    decide(desk, "new", action="false_alarm", reason="joke")
    Decision.objects.filter(post__external_id="old").update(
        decided_at=timezone.now() - timedelta(days=10)
    )
    QueuedPost.objects.filter(external_id="old").update(
        decided_at=timezone.now() - timedelta(days=10)
    )
    since = (timezone.now() - timedelta(days=2)).date().isoformat()
    assert [json.loads(x)["post_id"] for x in export(desk, "jsonl", since=since).splitlines()] == [
        "new"
    ]
    assert as_(reviewer).get("/triage/export/false-alarms.xml").status_code == 404
    assert_safe_page(desk.get("/triage/export/"))


@pytest.mark.parametrize("given", ["last week", "2026-13-01", "1" * 40])
def test_an_export_date_that_is_not_a_date_says_so_and_downloads_nothing(
    reviewer: Any, as_: Any, given: str
) -> None:
    answer = as_(reviewer).get("/triage/export/false-alarms.csv", {"since": given})
    assert answer.status_code == 422 and answer["Content-Type"].startswith("text/html")
    html = assert_safe_page(answer)
    assert "is not a date: write it as year-month-day, such as 2026-03-01." in html
    assert "Nothing was downloaded." in html


# ---------------------------------------------------------------------------- retention


def test_purge_erases_texts_after_review_and_records_after_a_year(
    client: Client,
    platform: CreatedKey,
    keeping_platform: CreatedKey,
    reviewer: Any,
    as_: Any,
    settings: Any,
) -> None:
    settings.QUEUE_TRAINING_DAYS = 100
    send(client, platform.key, [post("done", URGENT), post("open", URGENT, author="o")])
    send(client, keeping_platform.key, [post("train", CONCERN), post("seen", CONCERN, author="s")])
    desk = as_(reviewer)
    decide(desk, "done", action="reviewed")
    decide(desk, "train", action="false_alarm", reason="joke")
    decide(desk, "seen", action="reviewed")
    now = timezone.now()
    # 29 days after the decisions: nothing is due yet.
    assert purge(now=now + timedelta(days=29)).texts_erased == 0
    later = purge(now=now + timedelta(days=31))
    assert later.texts_erased == 2  # "done" and "seen"; never the waiting "open"
    assert not queued("done").has_text and queued("done").text_erased_at is not None
    assert queued("open").has_text and queued("train").has_text  # kept for retraining
    assert queued("done").decisions.count() == 1  # the record stays
    page = desk.get(f"/triage/posts/{queued('done').pk}/").content.decode()
    assert "The text was erased when its time in the queue ended" in page
    # Past the training time the kept false alarm goes too; past a year, records go.
    assert purge(now=now + timedelta(days=101)).texts_erased == 1
    assert purge(now=now + timedelta(days=364)).posts_deleted == 0
    gone = purge(now=now + timedelta(days=366))
    assert gone.posts_deleted == 3 and set(
        QueuedPost.objects.values_list("external_id", flat=True)
    ) == {"open"}
    assert gone.timelines_deleted == 3


def test_a_dry_run_changes_nothing(
    client: Client, platform: CreatedKey, reviewer: Any, as_: Any
) -> None:
    send(client, platform.key, [post("dr", URGENT)])
    decide(as_(reviewer), "dr", action="reviewed")
    counted = purge(now=timezone.now() + timedelta(days=40), dry_run=True)
    assert counted.texts_erased == 1 and queued("dr").has_text


def test_erasing_a_platform_leaves_nothing_it_sent(
    client: Client, platform: CreatedKey, other_platform: CreatedKey
) -> None:
    send(client, platform.key, [post("a", URGENT), post("b", PLAIN)])
    send(client, other_platform.key, [post("c", URGENT)])
    assert erase_platform(platform.api_key) >= 3
    assert list(QueuedPost.objects.values_list("external_id", flat=True)) == ["c"]


@pytest.mark.skipif(
    django_settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3",
    reason="reads SQLite's own files; PostgreSQL keeps old rows until autovacuum",
)
@pytest.mark.django_db(transaction=True)
def test_a_purged_text_is_gone_from_every_database_file(
    client: Client, platform: CreatedKey, reviewer: Any, as_: Any
) -> None:
    send(client, platform.key, [post("gone", URGENT), post("erased", URGENT, author="e")])
    decide(as_(reviewer), "gone", action="reviewed")
    QueuedPost.objects.filter(external_id="erased").update(status="reviewed")
    traces = [queued("gone").ciphertext[:60]]
    path = Path(connection.settings_dict["NAME"])

    def raw() -> bytes:
        return b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*") if p.is_file())

    assert all(t.encode() in raw() for t in traces), "the test must see the text at first"
    purged = purge(now=timezone.now() + timedelta(days=31))
    assert purged.texts_erased == 1 and purged.files_scrubbed
    assert not any(t.encode() in raw() for t in traces)
    # Erasing a post through the API leaves no trace either.
    erased = queued("erased").ciphertext[:60]
    assert client.delete("/api/queue/posts/erased", **bearer(platform.key)).status_code == 204
    assert erased.encode() not in raw()
