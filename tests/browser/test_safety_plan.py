"""Safety plan without an account: make it, print it, delete it, all in a real browser."""

from __future__ import annotations

import re
import secrets
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from waylight_server import RunningServer
from waylight_ui import A11y, click_and_wait, open_page, snap

pytestmark = pytest.mark.browser


def _download(page: Page, link_name: str) -> bytes:
    with page.expect_download() as info:
        page.get_by_role("link", name=link_name).click()
    path = info.value.path()
    assert path is not None
    with open(path, "rb") as handle:
        return handle.read()


def _database_bytes(server: RunningServer) -> bytes:
    # SQLite in WAL mode: fresh writes may sit in the -wal file until a checkpoint.
    files = sorted(server.data_dir.glob("*.sqlite3*"))
    assert files, f"no SQLite database in {server.data_dir}"
    return b"".join(f.read_bytes() for f in files)


def test_make_print_and_delete_a_safety_plan(page: Page, a11y: A11y, server: RunningServer) -> None:
    # A phrase no other test writes, to find the plan (and to look for it in the database).
    reason = f"Seeing the sea again with Alex {secrets.token_hex(4)}"

    open_page(page, a11y, "/")
    click_and_wait(page, page.get_by_role("link", name=re.compile(r"^Make a safety plan")))
    a11y(page)
    click_and_wait(page, page.get_by_role("link", name="Make my safety plan"))
    a11y(page)
    expect(page.get_by_role("heading", name="Make my safety plan", level=1)).to_be_visible()

    # Step 5 comes filled in with the country's crisis lines (en-GB browser: the UK).
    services = page.get_by_label("5. Professionals and services I can contact")
    expect(services).to_have_value(re.compile(r"116 123"))

    page.get_by_label("1. My warning signs").fill("I stop answering messages\nI lie awake")
    page.get_by_label("2. Things I can do on my own").fill("Music with headphones\nA hot shower")
    page.get_by_label("4. People I can ask for help").fill("My aunt")
    page.get_by_label("My reasons for living").fill(reason)
    click_and_wait(page, page.get_by_role("button", name="Save my plan"))
    a11y(page)

    expect(page).to_have_url(re.compile(r"/plan/$"))
    main = page.locator("main")
    expect(page.get_by_role("status")).to_contain_text("saved")
    expect(main).to_contain_text("I stop answering messages")
    expect(main).to_contain_text(reason)
    expect(main).to_contain_text("116 123")
    snap(page, "plan-view")

    # Encrypted at rest: the words are nowhere in the database files.
    assert reason.encode() not in _database_bytes(server), "the plan is stored in plain text"

    # Print: a real one-page PDF, and a wallet card.
    pdf = _download(page, "Print (PDF)")
    assert pdf.startswith(b"%PDF-"), pdf[:20]
    assert len(pdf) > 1500, f"the plan PDF is suspiciously small ({len(pdf)} bytes)"
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf))
    assert pages == 1, f"the plan PDF has {pages} pages, not one"
    card = _download(page, "Wallet card (PDF)")
    assert card.startswith(b"%PDF-") and len(card) > 1000

    # Delete: a confirm page first, then the plan is gone for good.
    click_and_wait(page, page.get_by_role("link", name="Delete my plan"))
    a11y(page)
    click_and_wait(page, page.get_by_role("button", name="Yes, delete my plan"))
    a11y(page)
    expect(page).to_have_url(re.compile(r"/plan/$"))
    expect(page.get_by_role("status")).to_contain_text("deleted")
    expect(main).not_to_contain_text(reason)
    expect(page.get_by_role("link", name="Make my safety plan")).to_be_visible()

    after = page.request.get("/plan/plan.pdf", max_redirects=0)
    assert not after.body().startswith(b"%PDF"), "the deleted plan can still be printed"
    assert reason.encode() not in _database_bytes(server)


def test_a_plan_is_private_to_the_device_that_made_it(
    page: Page, desktop_page: Page, a11y: A11y
) -> None:
    open_page(page, a11y, "/plan/edit/")
    page.get_by_label("My reasons for living").fill("My little brother")
    click_and_wait(page, page.get_by_role("button", name="Save my plan"))
    a11y(page)
    expect(page.locator("main")).to_contain_text("My little brother")

    # Another browser (no device key) sees the introduction, not this plan.
    open_page(desktop_page, a11y, "/plan/")
    expect(desktop_page.locator("main")).not_to_contain_text("My little brother")
    expect(desktop_page.get_by_role("link", name="Make my safety plan")).to_be_visible()


def _pdf_text(pdf: bytes) -> bytes:
    """The page content of a PDF, its compressed streams inflated (enough to find words)."""
    import zlib

    chunks = [pdf]
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            chunks.append(zlib.decompress(stream))
        except zlib.error:
            continue
    return b"\n".join(chunks)


@pytest.mark.parametrize("width", [360, 1280])
def test_the_plan_on_a_phone_calls_numbers_and_comes_before_the_exports(
    page: Page, a11y: A11y, width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    open_page(page, a11y, "/plan/edit/")
    page.get_by_label("4. People I can ask for help").fill("My aunt Jo 07700 900123")
    page.get_by_label("2. Things I can do on my own").fill(
        "\n".join(f"Something calming number {n}" for n in range(1, 9))
    )
    click_and_wait(page, page.get_by_role("button", name="Save my plan"))
    a11y(page)
    # A typed number is a tap-to-call link, the words around it stay plain text.
    link = page.locator("main .plan-section a[href='tel:07700900123']")
    expect(link).to_have_text("07700 900123")
    expect(page.locator("main .plan-section").filter(has_text="My aunt Jo")).to_be_visible()
    # The plan itself comes first, then the buttons to print or download it.
    first_section = page.locator("main .plan-section").first.bounding_box()
    export = page.get_by_role("link", name="Print (PDF)").bounding_box()
    assert first_section and export and first_section["y"] < export["y"]

    # The wallet card cannot hold eight lines of one part: it says where the rest is.
    card = _download(page, "Wallet card (PDF)")
    assert b"More in your full plan" in _pdf_text(card)


def test_a_plan_can_be_brought_to_a_new_phone_from_its_download(
    page: Page, desktop_page: Page, a11y: A11y, tmp_path: Path
) -> None:
    marker = f"Walk the dog with Sam {secrets.token_hex(3)}"
    open_page(page, a11y, "/plan/edit/")
    page.get_by_label("2. Things I can do on my own").fill(marker)
    click_and_wait(page, page.get_by_role("button", name="Save my plan"))
    a11y(page)
    saved = tmp_path / "my-safety-plan.json"
    saved.write_bytes(_download(page, "Download (JSON)"))

    # The new phone: no plan yet, then the file brings it in.
    open_page(desktop_page, a11y, "/plan/")
    click_and_wait(desktop_page, desktop_page.get_by_role("link", name=re.compile("downloaded")))
    a11y(desktop_page)
    desktop_page.get_by_label(re.compile(r"The plan file")).set_input_files(str(saved))
    click_and_wait(desktop_page, desktop_page.get_by_role("button", name="Bring in my plan"))
    a11y(desktop_page)
    expect(desktop_page).to_have_url(re.compile(r"/plan/$"))
    expect(desktop_page.locator("main")).to_contain_text(marker)

    # A file that is not a plan gets a clear message and changes nothing.
    wrong = tmp_path / "notes.json"
    wrong.write_text('{"hello": "world"}')
    open_page(desktop_page, a11y, "/plan/import/")
    desktop_page.get_by_label(re.compile(r"The plan file")).set_input_files(str(wrong))
    click_and_wait(desktop_page, desktop_page.get_by_role("button", name="Bring in my plan"))
    a11y(desktop_page)
    expect(desktop_page.get_by_role("alert")).to_contain_text("not a Waylight safety plan")
    open_page(desktop_page, a11y, "/plan/")
    expect(desktop_page.locator("main")).to_contain_text(marker)
