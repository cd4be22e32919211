"""Real-browser smoke test: every page renders a chart and shows no exception box (Debian chromium)."""

from pathlib import Path

import pytest

from monitor.navigation import PAGE_SPECS
from tests.browser.server import streamlit_server

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]

CHART = ".js-plotly-plot"
KPI = "[data-testid='stMetric']"
#: What shows that a page has rendered: KPI cards on the overview, the generate button on the report page,
#: a plotly chart everywhere else. The presentation is opened on its second slide (the first is the title).
READY = {"uebersicht": KPI, "berichte": "[data-testid='stButton']"}
QUERY = {"praesentation": "?folie=2"}

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser_page():
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium fehlt (Debian-Paket chromium installieren)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1800})
        yield page
        browser.close()


def test_every_page_renders_without_exception(demo_warehouse, browser_page):
    ARTIFACTS.mkdir(exist_ok=True)
    page = browser_page
    with streamlit_server(demo_warehouse) as url:
        page.goto(url)  # the first session after a server start registers the pages
        page.wait_for_selector(KPI, timeout=60_000)
        for i, spec in enumerate(PAGE_SPECS):
            page.goto(f"{url}/{'' if i == 0 else spec.url_path}{QUERY.get(spec.url_path, '')}")
            page.wait_for_selector(READY.get(spec.url_path, CHART), timeout=60_000)
            page.wait_for_timeout(500)
            page.screenshot(path=str(ARTIFACTS / f"{i + 1:02d}_{spec.url_path}.png"))
            errors = page.locator("[data-testid='stException']")
            assert errors.count() == 0, (spec.title, errors.first.inner_text()[:500])
            assert page.get_by_text("Page not found").count() == 0, spec.title
