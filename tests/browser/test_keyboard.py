"""Keyboard only (Tab, Shift+Tab, Enter, Space, arrow keys; no mouse): region and indicator selection,
tabs, slider, radio options and a download on Übersicht, Indikatoren and Versorgungslücken. Every step
checks what changed: the URL parameter of the view and the selected element."""

import pytest

from tests.browser.conftest import params, settle, tab_to

pytestmark = pytest.mark.browser

FOCUSED_LABEL = "document.activeElement.getAttribute('aria-label')"
SELECTED_TAB = "[role='tab'][aria-selected='true']"


def wait_param(page, name: str, value: str) -> None:
    """Wait until the URL parameter ``name`` is ``value`` (a loaded machine may start the rerun late),
    then until the run has finished."""
    page.wait_for_function("([name, value]) => new URLSearchParams(location.search).getAll(name).pop()"
                           " === value", arg=[name, value], timeout=60_000)
    settle(page, "h1")


def choose_next_option(page) -> None:
    """In a focused select box: open the list, move one option down, take it."""
    page.keyboard.press("ArrowDown")
    page.wait_for_timeout(300)
    page.keyboard.press("ArrowDown")
    page.wait_for_timeout(300)
    page.keyboard.press("Enter")
    settle(page, "h1")


def test_region_selection_on_the_overview(app_url, page):
    page.goto(f"{app_url}/uebersicht")
    settle(page, "[data-testid='stMetric']")
    before = params(page)["region"]
    tab_to(page, "a.getAttribute('role') === 'combobox' && a.getAttribute('aria-label') === 'Region'")
    choose_next_option(page)
    after = params(page)["region"]
    assert after != before
    assert page.evaluate(FOCUSED_LABEL) == "Region"  # the focus stays on the select box


def test_indicator_selection_and_tabs_on_indikatoren(app_url, page):
    page.goto(f"{app_url}/indikatoren")
    settle(page, ".js-plotly-plot")
    before = params(page)["indicator"]
    tab_to(page, "a.getAttribute('aria-label') === 'Indikator'")
    choose_next_option(page)
    assert params(page)["indicator"] != before
    tab_to(page, "a.getAttribute('aria-label') === 'Region'")
    choose_next_option(page)
    assert params(page)["region"] != "05766"
    tab_to(page, "a.getAttribute('role') === 'tab'")
    assert page.locator(SELECTED_TAB).inner_text() == "Zeitreihe"
    page.keyboard.press("ArrowRight")
    wait_param(page, "ansicht", "Rangfolge")
    assert page.locator(SELECTED_TAB).inner_text() == "Rangfolge"
    assert params(page)["ansicht"] == "Rangfolge"
    # the rerun of the tab switch keeps the focus on the tab (a loaded machine dropped it to the body)
    assert page.evaluate(f"() => document.activeElement.matches({SELECTED_TAB!r})")
    page.keyboard.press("ArrowRight")
    wait_param(page, "ansicht", "Karte")
    assert params(page)["ansicht"] == "Karte"


def test_slider_radio_tabs_and_download_on_versorgungsluecken(app_url, page):
    page.goto(f"{app_url}/versorgungsluecken")
    settle(page, ".js-plotly-plot")
    tab_to(page, "a.type === 'range'")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    wait_param(page, "quote_u3", "47")
    assert params(page)["quote_u3"] == "47"  # default 45 %, two steps up
    tab_to(page, "a.type === 'radio' && a.closest('label').innerText.includes('Jugendamt')", key="Shift+Tab")
    page.keyboard.press("ArrowRight")
    wait_param(page, "ebene", "gemeinde")
    assert params(page)["ebene"] == "gemeinde"
    tab_to(page, "a.tagName === 'SUMMARY'")
    page.keyboard.press("Space")  # opens "Daten als Tabelle und Download": a rerun makes its buttons
    settle(page, "[data-testid=stDownloadButton]")
    tab_to(page, "a.closest('[data-testid=stDownloadButton]')")
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert download.value.suggested_filename.endswith(".csv")
    assert download.value.suggested_filename.startswith("kita_")
    tab_to(page, "a.getAttribute('role') === 'tab'", key="Shift+Tab")
    page.keyboard.press("ArrowRight")
    wait_param(page, "bereich", "Offener Ganztag")
    assert page.locator(SELECTED_TAB).inner_text() == "Offener Ganztag"
    assert params(page)["bereich"] == "Offener Ganztag"
    tab_to(page, "a.type === 'range'")
    page.keyboard.press("ArrowLeft")
    wait_param(page, "quote_ogs", "79")
    assert params(page)["quote_ogs"] == "79"  # Bedarfsquote Ganztag: default 80 %, one step down


def test_a_tab_gets_a_dropped_focus_back_but_not_after_a_click(app_url, page):
    """The page script gives a tab back the focus only when the framework dropped it, not after a click
    or touch (a pointer press, then the focus dropped to the body)."""
    page.goto(f"{app_url}/indikatoren")
    settle(page, ".js-plotly-plot")
    tab_to(page, "a.getAttribute('role') === 'tab'")
    page.evaluate("() => document.activeElement.blur()")  # dropped without a click: given back
    page.wait_for_function(f"() => document.activeElement.matches({SELECTED_TAB!r})", timeout=5_000)
    page.evaluate("() => { document.body.dispatchEvent(new PointerEvent('pointerdown', {bubbles: true}));"
                  " document.activeElement.blur(); }")
    page.wait_for_timeout(800)
    assert page.evaluate("() => document.activeElement === document.body")
