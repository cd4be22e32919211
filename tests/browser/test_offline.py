"""Real-browser offline test: visiting every page (the upload page included) and a link whose ``stand``
carries Markdown makes no request to any host other than the app's, and that Markdown is shown as text.
Requests of the page are recorded; every non-local one is aborted, so the test never reaches the network."""

from urllib.parse import urlencode, urlsplit

import pytest

from monitor import admin
from monitor.navigation import PAGE_SPECS, UPLOAD_SPEC
from tests.browser.server import streamlit_server
from tests.browser.test_smoke import ARGS, CHART, CHROMIUM, KPI, QUERY, READY

LOCAL_HOSTS = {"127.0.0.1", "localhost"}
NETWORK_SCHEMES = {"http", "https", "ws", "wss"}
#: The upload page shows its login form; it has no chart.
UPLOAD_READY = "[data-testid='stForm']"
#: A shared link whose ``stand`` carries a phishing link and an image from a foreign host.
PHISHING = "x](https://evil.example/login) [Anmelden](https://evil.example/login) ![p](https://evil.example/p.png)"

pytestmark = pytest.mark.browser


def is_foreign(url: str) -> bool:
    """Whether ``url`` would leave the machine (data:, blob: and local addresses do not)."""
    parts = urlsplit(url)
    return parts.scheme in NETWORK_SCHEMES and parts.hostname not in LOCAL_HOSTS


def test_is_foreign_on_known_urls():
    assert is_foreign("https://fonts.gstatic.com/s/i/x.svg")
    assert is_foreign("http://example.org:8501/")
    assert not is_foreign("http://127.0.0.1:8501/_stcore/health")
    assert not is_foreign("ws://localhost:8501/_stcore/stream")
    assert not is_foreign("data:image/svg+xml,<svg/>")


def _record(page, context, seen: list[str]) -> None:
    """Record every request and websocket of the page; abort any request to a foreign host."""

    def handle(route):
        if is_foreign(route.request.url):
            route.abort()
        else:
            route.continue_()

    context.route("**/*", handle)
    page.on("request", lambda request: seen.append(request.url))
    page.on("websocket", lambda socket: seen.append(socket.url))


def _visit_all(page, url: str) -> None:
    page.goto(url)  # the first session after a server start registers the pages
    page.wait_for_selector(KPI, timeout=60_000)
    for i, spec in enumerate((*PAGE_SPECS, UPLOAD_SPEC)):
        page.goto(f"{url}/{'' if i == 0 else spec.url_path}{QUERY.get(spec.url_path, '')}")
        ready = UPLOAD_READY if spec == UPLOAD_SPEC else READY.get(spec.url_path, CHART)
        page.wait_for_selector(ready, timeout=60_000)
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(500)


def _open_phishing_link(page, url: str) -> None:
    """The notice about another data version shows the ``stand`` text, but no link or image of it."""
    page.goto(f"{url}/?{urlencode({'stand': PHISHING})}")
    notice = page.locator("[data-testid='stAlertContentInfo']", has_text="anderen Datenstand")
    notice.wait_for(timeout=60_000)
    shown = notice.inner_text().replace("\u2060", "")  # the invisible word joiner that stops autolinks
    assert "[Anmelden](https://evil.example/login)" in shown
    assert page.locator("a[href*='evil.example'], img[src*='evil.example']").count() == 0


def test_no_request_leaves_the_machine(demo_warehouse, monkeypatch, tmp_path):
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium fehlt (Debian-Paket chromium installieren)")
    from playwright.sync_api import sync_playwright

    monkeypatch.setenv(admin.ENV_HASH, admin.hash_password("offline-test"))  # the upload page is offered
    monkeypatch.setenv(admin.ENV_DATA, str(tmp_path))
    seen: list[str] = []
    with sync_playwright() as playwright, streamlit_server(demo_warehouse) as url:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        context = browser.new_context(viewport={"width": 1400, "height": 1800})
        page = context.new_page()
        _record(page, context, seen)
        _visit_all(page, url)
        _open_phishing_link(page, url)
        browser.close()
    assert any(u.startswith(url) for u in seen)  # the recording works
    assert sorted({u for u in seen if is_foreign(u)}) == []
