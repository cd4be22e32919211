"""Shared pieces of the accessibility and keyboard tests: one dashboard per test module, Debian chromium,
waiting until a page has finished its script run, and reading colours and the URL in the browser."""

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.browser.server import streamlit_server

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
#: Streamlit's "running" indicator; while it shows, old elements are drawn faded (wrong contrast).
RUNNING = "[data-testid='stStatusWidget']"


@pytest.fixture(scope="module")
def app_url(demo_warehouse):
    with streamlit_server(demo_warehouse) as url:
        yield url


@pytest.fixture(scope="module")
def chromium():
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium fehlt (Debian-Paket chromium installieren)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium):
    """A new browser context (a new Streamlit session) at 1440×900."""
    context = chromium.new_context(viewport={"width": 1440, "height": 900}, accept_downloads=True)
    yield context.new_page()
    context.close()


def settle(page, ready: str, timeout: int = 60_000) -> None:
    """Wait for ``ready`` and until the script run has finished (no running indicator for 0.5 s)."""
    page.wait_for_selector(ready, timeout=timeout)
    for _ in range(2):
        page.wait_for_timeout(500)
        page.wait_for_selector(RUNNING, state="detached", timeout=timeout)


#: The focus ring of the focused element: the nearest of it and its four ancestors that is drawn (at least
#: 4 px wide) with an outline; its colour, width, and the background colour behind the ring.
FOCUS_RING = """() => {
  const rgb = (text) => (text.match(/[\\d.]+/g) || []).map(Number);
  let element = document.activeElement, ring = null;
  for (let i = 0; element && i < 5; i++, element = element.parentElement) {
    const style = getComputedStyle(element), box = element.getBoundingClientRect();
    if (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0 && box.width >= 4) {
      ring = element;
      break;
    }
  }
  if (!ring) { return null; }
  // a ring drawn outside the element (offset >= 0) lies on the background of its parent
  let back = parseFloat(getComputedStyle(ring).outlineOffset) < 0 ? ring : ring.parentElement;
  let background = [255, 255, 255];
  for (; back; back = back.parentElement) {
    const colour = rgb(getComputedStyle(back).backgroundColor);
    if (colour.length === 3 || (colour.length === 4 && colour[3] > 0.9)) {
      background = colour.slice(0, 3);
      break;
    }
  }
  const style = getComputedStyle(ring);
  const active = document.activeElement;
  return {colour: rgb(style.outlineColor).slice(0, 3), width: parseFloat(style.outlineWidth), background,
          name: (active.innerText || active.getAttribute("aria-label") || "").trim()};
}"""


def focus_ring(page) -> dict | None:
    """Colour, width and background of the visible focus ring (None: nothing drawn)."""
    return page.evaluate(FOCUS_RING)


def tab_to(page, test: str, limit: int = 150, key: str = "Tab") -> None:
    """Press Tab (or ``key``) until the JavaScript ``test`` (on ``document.activeElement`` as ``a``) holds."""
    for _ in range(limit):
        page.keyboard.press(key)
        page.wait_for_timeout(60)
        if page.evaluate(f"() => {{ const a = document.activeElement; return Boolean({test}); }}"):
            return
    raise AssertionError(f"nicht per {key} erreichbar: {test}")


def params(page) -> dict[str, str]:
    """The URL parameters of the page (last value per name)."""
    return {key: values[-1] for key, values in parse_qs(urlsplit(page.url).query).items()}


def relative_luminance(rgb: tuple[float, float, float]) -> float:
    def channel(value: float) -> float:
        value /= 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4
    red, green, blue = (channel(v) for v in rgb)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(first: tuple[float, float, float], second: tuple[float, float, float]) -> float:
    """WCAG contrast ratio of two sRGB colours."""
    light, dark = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)

