"""The review page end to end in headless Chromium, by keyboard alone."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from autocoder.review.server import make_server
from autocoder.store import ProjectStore

pytestmark = pytest.mark.slow

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture
def page():
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="Playwright is not installed (pip install playwright)")
    if not CHROMIUM.exists() and not shutil.which("chromium"):
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            yield browser.new_page()
        finally:
            browser.close()


@pytest.fixture
def server(project, codebook):
    server = make_server(project, codebook, host="127.0.0.1", port=0, token="t0k")
    server.start_background()
    yield server
    server.shutdown()
    server.server_close()


def test_code_a_segment_by_keyboard_and_find_it_after_reload(page, server, project):
    page.goto(server.url + "&coder=rina")
    page.wait_for_function("document.getElementById('answer').textContent !== ''")
    assert page.get_by_test_id("answer").inner_text() == "Belum pernah [tertawa]."
    assert "Pernah meneliti?" in page.locator("#context").inner_text()
    assert "Suggested: LAIN" in page.locator("#suggestion").inner_text()
    assert page.locator("#progress").inner_text() == "0 done · 3 left"

    page.keyboard.press("a")  # accept the suggestion for A-006
    page.wait_for_function("document.getElementById('answer').textContent.startsWith('Program')")
    page.keyboard.press("m")  # memo, then codes for A-004
    page.keyboard.type("RPL belum ada")
    page.keyboard.press("Enter")
    page.keyboard.press("c")
    page.keyboard.type("3:1")
    page.keyboard.press("Enter")
    page.wait_for_function("document.getElementById('answer').textContent.startsWith('Kadang')")

    page.reload()
    page.wait_for_function("document.getElementById('answer').textContent.startsWith('Kadang')")
    page.wait_for_function("document.getElementById('progress').textContent.startsWith('2 done')")
    recent = page.locator("#recent").inner_text()
    assert "A-004: PROGRAM 1 (belum menguasai) — RPL belum ada" in recent
    assert "A-006: LAIN" in recent

    page.keyboard.press("u")  # undo A-004: it is shown again
    page.wait_for_function("document.getElementById('answer').textContent.startsWith('Program')")
    with ProjectStore(project) as store:
        assert [(c["segment_id"], c["codes"], c["memo"], c["source"])
                for c in store.codings(coder="rina")] == [("A-006", ("LAIN",), "", "web")]


def test_the_page_needs_the_token(page, server):
    host, port = server.server_address[:2]
    response = page.goto(f"http://{host}:{port}/")
    assert response.status == 401
