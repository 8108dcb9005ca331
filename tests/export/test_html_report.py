"""The HTML report: content, escaping, and rendering in a real headless browser."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from export_fixtures import build_store

from autocoder.export import load_project
from autocoder.export.report import project_agreement, render_report, routing_counts

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture
def html(data) -> str:
    return render_report(data)


def test_routing_counts(data):
    assert routing_counts(data) == {"human": 3, "auto": 2, "review": 2, "uncoded": 0}


def test_report_is_self_contained_and_escaped(html):
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;setiap&lt;/b&gt;" in html
    assert not re.search(r"""(src|href)=["']https?://""", html)
    assert html.count('src="data:image/png;base64,') == 2


def test_report_sections_and_line_references(html):
    assert html.count('<section class="subject"') == 2
    assert "baris 7–8" in html and "baris 3" in html
    assert "Bu Rina" in html and "Pak Budi" in html
    assert 'id="agreement"' in html and "rina, budi, machine" in html


def test_agreement_includes_the_machine(data):
    report = project_agreement(data)
    assert report is not None
    assert set(report.coders) == {"rina", "budi", "machine"}
    assert report.n_units_paired == 3


def test_report_without_second_coder_says_so(tmp_path):
    html = render_report(load_project(build_store(tmp_path / "p", humans=False)))
    assert "kesepakatan belum dapat dihitung" in html


@pytest.mark.slow
def test_report_renders_in_headless_chromium(html, tmp_path: Path):
    if not Path(CHROMIUM).exists():
        pytest.skip("chromium is not installed: apt-get install chromium")
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="playwright is not installed: pip install playwright")
    page_file = tmp_path / "report.html"
    page_file.write_text(html, encoding="utf-8")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            requests: list[str] = []
            page.on("request", lambda r: requests.append(r.url))
            page.goto(page_file.as_uri())
            page.wait_for_load_state("load")
            page.screenshot(path=str(tmp_path / "report.png"), full_page=True)
            assert page.locator("h1").is_visible()
            assert page.locator("section.subject").count() == 2
            assert page.locator("section.subject h2").first.is_visible()
            assert page.locator("blockquote.evidence").count() >= 7
            widths = page.eval_on_selector_all(
                "img", "imgs => imgs.map(i => i.complete ? i.naturalWidth : 0)")
            assert len(widths) == 2 and all(w > 0 for w in widths)
            assert page.evaluate("() => window.__xss === undefined")
            assert "<script>alert(1)</script>" in page.inner_text("body")
            assert all(u.startswith(("file:", "data:")) for u in requests)
            pdf = tmp_path / "report.pdf"
            page.pdf(path=str(pdf))
            assert pdf.read_bytes().startswith(b"%PDF")
        finally:
            browser.close()
    assert (tmp_path / "report.png").stat().st_size > 10_000
