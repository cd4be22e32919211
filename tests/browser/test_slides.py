"""Real-browser test of the presentation: slides fit 1920×1080 and 1280×720 without scrolling, the footer
with source and Stand is one visible, untruncated line, navigation is on screen, and the chart has an
accessible name with its text alternative in the page but not on screen (Debian chromium)."""

import pytest

from tests.browser.server import streamlit_server
from tests.browser.test_smoke import ARGS, ARTIFACTS, CHROMIUM, KPI

SIZES = ((1920, 1080), (1280, 720))
#: 2: line with a series break; 3: bars with the longest footer; 5: 16 bars (Gemeinden); 14: all Kreise tied
SLIDES = (2, 3, 5, 14)
CHART = ".js-plotly-plot"

pytestmark = pytest.mark.browser

#: font size (px) of the value axis ticks of the slide chart (the x axis of both chart kinds)
TICK_FONT = """() => { const t = document.querySelector('.st-key-slide_chart .xtick text');
  return t ? parseFloat(getComputedStyle(t).fontSize) : 0; }"""
MEASURE = """() => {
  const tickFont = """ + TICK_FONT + """;
  const box = sel => { const e = document.querySelector(sel); if (!e) return null;
    const r = e.getBoundingClientRect(); return {top: r.top, bottom: r.bottom}; };
  const main = document.querySelector('[data-testid="stMain"]');
  const footer = document.querySelector('.st-key-slide_footer p');
  const hidden = document.querySelector('.st-key-slide_alternative');
  const chart = document.querySelector('[data-testid="stPlotlyChart"]');
  return {
    height: innerHeight, docScroll: document.scrollingElement.scrollHeight,
    mainScroll: main.scrollHeight, footerText: footer ? footer.innerText : '',
    footer: box('.st-key-slide_footer p'),
    footerLine: footer ? parseFloat(getComputedStyle(footer).lineHeight) : 0,
    footerClipped: footer ? footer.scrollWidth > footer.clientWidth + 1 : true,
    details: box('.st-key-slide_details'), body: box('.st-key-slide_body'),
    next: box('.st-key-next button'), back: box('.st-key-back button'),
    hiddenSize: hidden ? [hidden.getBoundingClientRect().width, hidden.getBoundingClientRect().height] : null,
    hiddenText: hidden ? hidden.textContent : '',
    label: chart ? chart.getAttribute('aria-label') : null, role: chart ? chart.getAttribute('role') : null,
    tick: tickFont(), width: innerWidth,
    notes: [...document.querySelectorAll('.st-key-slide_chart .annotation-text')].map(e => {
      const r = e.getBoundingClientRect(); return {text: e.textContent, left: r.left, right: r.right}; }),
  };
}"""


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium fehlt (Debian-Paket chromium installieren)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield launched
        launched.close()


def check_slide(page, number: int, size: tuple[int, int]) -> None:
    seen = page.evaluate(MEASURE)
    where = f"Folie {number} bei {size[0]}×{size[1]}"
    assert seen["docScroll"] <= seen["height"] and seen["mainScroll"] <= seen["height"], (where, seen)
    assert "Quelle:" in seen["footerText"] and "Stand:" in seen["footerText"], (where, seen["footerText"])
    footer = seen["footer"]
    assert footer["top"] > 0 and footer["bottom"] <= seen["height"], (where, footer)
    assert footer["bottom"] - footer["top"] < 1.5 * seen["footerLine"], (where, "footer wraps")
    assert not seen["footerClipped"], (where, "footer cut off", seen["footerText"])
    assert seen["details"]["bottom"] <= footer["top"], (where, "text runs into the footer")
    assert seen["body"]["bottom"] <= footer["top"] + 1, (where, seen["body"], footer)
    for button in ("next", "back"):
        assert seen[button]["top"] >= 0 and seen[button]["bottom"] <= seen["height"], (where, button)
    assert seen["role"] == "figure" and seen["label"].split(" ")[0] in {"Liniendiagramm", "Balkendiagramm"}
    assert seen["hiddenSize"] is not None and max(seen["hiddenSize"]) <= 1, (where, seen["hiddenSize"])
    assert "Textalternative zum Diagramm" in seen["hiddenText"] and "Quelle:" in seen["hiddenText"]
    # chart type follows the slide size (2.4 % of the height: 26 px at 1080, 17 px at 720), so that it reads
    # the same across a room at both sizes; no label (values, line names, reference) cut off at the edge
    assert 0.022 <= seen["tick"] / seen["height"] <= 0.026, (where, seen["tick"])
    assert seen["notes"], where
    for note in seen["notes"]:
        assert note["left"] >= 0 and note["right"] <= seen["width"], (where, note)


def test_slides_fit_the_screen_with_one_footer_line(demo_warehouse, browser):
    ARTIFACTS.mkdir(exist_ok=True)
    with streamlit_server(demo_warehouse) as url:
        for size in SIZES:
            page = browser.new_page(viewport={"width": size[0], "height": size[1]})
            page.goto(url)  # the first session after a server start registers the pages
            page.wait_for_selector(KPI, timeout=60_000)
            for number in SLIDES:
                page.goto(f"{url}/praesentation?folie={number}")
                page.wait_for_selector(CHART, timeout=60_000)
                # the page learns the viewport from the browser and redraws the chart at its type size
                page.wait_for_function(f"() => ({TICK_FONT})() > 0 && ({TICK_FONT})() < 0.027 * innerHeight",
                                       timeout=30_000)
                page.wait_for_timeout(800)
                page.screenshot(path=str(ARTIFACTS / f"slide_{number:02d}_{size[0]}.png"))
                check_slide(page, number, size)
            page.close()

