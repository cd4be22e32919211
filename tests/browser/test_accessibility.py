"""Accessibility in a real browser (BITV 2.0 / WCAG 2.1 AA): an axe-core audit of every page (axe-core is
bundled with axe-playwright-python and injected from disk: no network), ``lang="de"``, German framework
strings, a visible focus ring of at least 3:1, and links that say what they did not understand."""

import re

import pytest

from monitor import a11y
from monitor.navigation import PAGE_SPECS
from tests.browser.conftest import ARTIFACTS, contrast, focus_ring, params, settle, tab_to

pytestmark = pytest.mark.browser

KPI = "[data-testid='stMetric']"
CHART = ".js-plotly-plot"
READY = {"uebersicht": KPI, "berichte": "[data-testid='stButton']"}
QUERY = {"praesentation": "?folie=2"}
WCAG_AA = {"runOnly": {"type": "tag",
                       "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]},
           "resultTypes": ["violations"]}
BLOCKING = {"serious", "critical"}
#: moderate rules that fail too: a skipped heading level breaks the outline screen readers navigate by
BLOCKING_RULES = {"heading-order"}
NOTICE = "[data-testid='stAlert']"


def audit(page) -> list[str]:
    """Serious and critical axe violations (and those of ``BLOCKING_RULES``) as ``rule: target`` lines."""
    from axe_playwright_python.sync_playwright import Axe

    response = Axe().run(page, options=WCAG_AA).response
    return [f"{v['id']} ({v['impact']}): {node['target']} {node.get('failureSummary', '')[:160]}"
            for v in response["violations"] if v["impact"] in BLOCKING or v["id"] in BLOCKING_RULES
            for node in v["nodes"]]


def open_page(page, app_url: str, spec) -> None:
    page.goto(f"{app_url}/{spec.url_path}{QUERY.get(spec.url_path, '')}")
    settle(page, READY.get(spec.url_path, CHART))


def test_contrast_on_known_colours():
    assert round(contrast((0, 0, 0), (255, 255, 255)), 1) == 21.0
    assert 3.88 < contrast((0x82, 0x81, 0x80), (255, 255, 255)) < 3.9  # Streamlit's caption grey
    assert contrast((0, 0x72, 0xB2), (255, 255, 255)) > 4.5


def test_axe_finds_no_serious_violation_on_any_page(app_url, page):
    """Every page as it opens, then with its data tables and downloads unfolded."""
    ARTIFACTS.mkdir(exist_ok=True)
    found = {}
    for spec in PAGE_SPECS:
        open_page(page, app_url, spec)
        assert page.evaluate("document.documentElement.lang") == "de", spec.title
        found[spec.title] = audit(page)
        expanders = page.locator("[data-testid='stExpander'] summary:visible")
        for i in range(min(expanders.count(), 3)):
            expanders.nth(i).click()
        if expanders.count():
            settle(page, "[data-testid='stExpander']")
            found[f"{spec.title} (aufgeklappt)"] = audit(page)
    page.goto(f"{app_url}/praesentation?folie=1")  # the title slide (subtitle under the title)
    settle(page, "h1")
    found["Präsentation, Titelfolie"] = audit(page)
    assert not any(found.values()), {title: lines for title, lines in found.items() if lines}


def test_the_audit_would_see_a_skipped_heading_level(app_url, page):
    """Guard of the audit above: an h4 right after the page title is reported (heading-order)."""
    open_page(page, app_url, PAGE_SPECS[-1])
    page.evaluate("""() => { const h = document.createElement("h4"); h.textContent = "Zwischentitel";
                             document.querySelector("h1").after(h); }""")
    assert any(line.startswith("heading-order") for line in audit(page))


def test_the_audit_would_see_streamlits_caption_grey(app_url, page):
    """Guard of the audit above: without our caption colour, axe reports the caption contrast."""
    open_page(page, app_url, PAGE_SPECS[-1])
    page.add_style_tag(content="html body [data-testid='stCaptionContainer'] { opacity: 0.6 !important; "
                               "color: rgb(47, 45, 43) !important; }")
    assert any(line.startswith("color-contrast") for line in audit(page))


def test_framework_strings_are_german(app_url, page):
    open_page(page, app_url, PAGE_SPECS[1])  # Indikatoren: select boxes, multiselect, tabs, tables
    english = page.evaluate("""(words) => {
      const found = [];
      for (const element of document.querySelectorAll("[aria-label], [title], [placeholder]")) {
        for (const name of ["aria-label", "title", "placeholder"]) {
          const value = element.getAttribute(name);
          if (value && (words.includes(value) || value.startsWith("Help for "))) { found.push(value); }
        }
      }
      return found.concat([...document.querySelectorAll("a")].map(a => a.innerText.trim())
                          .filter(text => words.includes(text)));
    }""", [*a11y.ATTRIBUTES, *a11y.TEXTS])
    assert english == []
    assert page.get_by_text("Zum Hauptinhalt springen").count() == 1
    assert page.locator("[placeholder='Bitte wählen …']").count() >= 3
    page.goto(f"{app_url}/uebersicht")
    settle(page, KPI)
    helps = page.locator("[aria-label^='Hilfe zu ']")
    assert helps.count() >= 5
    assert "\\" not in (helps.first.get_attribute("aria-label") or "")  # Markdown escapes removed


#: What the keyboard focus must show clearly (issue 11): how to reach it from the top of the page.
FOCUS_TARGETS = {
    "Seitenlink in der Seitenleiste": "a.closest('[data-testid=stSidebarNavLink]')",
    "Reiter": "a.getAttribute('role') === 'tab'",
    "Optionsfeld": "a.type === 'radio'",
    "Schieberegler": "a.type === 'range'",
    "Aufklappbereich": "a.tagName === 'SUMMARY'",
}


@pytest.mark.parametrize("target", FOCUS_TARGETS)
def test_focus_ring_is_visible(app_url, page, target):
    page.goto(f"{app_url}/versorgungsluecken")
    settle(page, CHART)
    tab_to(page, FOCUS_TARGETS[target])
    ring = focus_ring(page)
    assert ring is not None, target
    name = re.sub(r"\W+", "_", target)
    page.screenshot(path=str(ARTIFACTS / f"focus_{name}.png"))
    assert ring["width"] >= 2, (target, ring)
    assert contrast(ring["colour"], ring["background"]) >= 3, (target, ring)


def test_focus_ring_on_download_button_and_page_link(app_url, page):
    page.goto(f"{app_url}/versorgungsluecken")
    settle(page, CHART)
    tab_to(page, "a.tagName === 'SUMMARY'")
    page.keyboard.press("Enter")
    tab_to(page, "a.closest('[data-testid=stDownloadButton]')")
    ring = focus_ring(page)
    assert ring and contrast(ring["colour"], ring["background"]) >= 3, ring
    page.goto(f"{app_url}/praesentation?folie=2")
    settle(page, CHART)
    tab_to(page, "a.closest('[data-testid=stPageLink]')")
    ring = focus_ring(page)
    assert ring and ring["width"] >= 2 and contrast(ring["colour"], ring["background"]) >= 3, ring


def test_every_page_address_works_as_first_request(app_url, chromium):
    """Each page's own address in a new session: that page, no English dialog, and a "Link kopieren"
    address that names the page."""
    for spec in PAGE_SPECS:
        context = chromium.new_context(viewport={"width": 1440, "height": 900})
        page = context.new_page()
        page.goto(f"{app_url}/{spec.url_path}")
        settle(page, READY.get(spec.url_path, CHART) if spec.url_path != "praesentation" else "h1")
        assert page.get_by_text("Page not found").count() == 0, spec.title
        assert page.url.split("?")[0] == f"{app_url}/{spec.url_path}", spec.title
        if spec.url_path != "praesentation":  # the presentation hides the sidebar
            link = page.locator("[data-testid='stSidebar'] [data-testid='stCode']").inner_text()
            assert link.replace("\n", "").startswith(f"{app_url}/{spec.url_path}?"), (spec.title, link)
        context.close()


def test_root_and_unknown_addresses_lead_to_the_overview(app_url, page):
    page.goto(f"{app_url}/?region=05754")
    settle(page, KPI)
    assert page.url.startswith(f"{app_url}/uebersicht?") and params(page)["region"] == "05754"
    page.goto(f"{app_url}/gibtsnicht?region=05766")
    settle(page, KPI)
    assert page.get_by_text("Page not found").count() == 0
    assert page.url.startswith(f"{app_url}/uebersicht?") and params(page)["region"] == "05766"
    notice = page.locator(NOTICE).first.inner_text()
    assert "Adresse „/gibtsnicht“ – gezeigt wird stattdessen die Übersicht" in notice
    link = page.locator("[data-testid='stSidebar'] [data-testid='stCode']").inner_text().replace("\n", "")
    assert link.startswith(f"{app_url}/uebersicht?region=05766&stand=build-"), link


def test_link_notice_names_what_was_not_understood(app_url, page):
    page.goto(f"{app_url}/indikatoren?indicator=gibtsnicht&region=%3Cb%3EX%3C%2Fb%3E&ansicht=Torte&year=1800")
    settle(page, CHART)
    notices = [text for text in page.locator(NOTICE).all_inner_texts() if "nicht verstanden" in text]
    assert len(notices) == 1
    text = notices[0]
    assert "4 Angaben, die nicht verstanden wurden" in text
    assert "Indikator „gibtsnicht“ (Angabe indicator)" in text
    assert "Region „<b>X</b>“ (Angabe region) – gezeigt wird stattdessen Kreis Lippe" in text  # as text
    assert "Ansicht „Torte“ (Angabe ansicht) – gezeigt wird stattdessen Zeitreihe" in text
    assert "„1800“ (Angabe year)" in text  # the selector's label names the period type
    assert page.locator("[data-testid='stAlert'] b").count() == 0
    page.screenshot(path=str(ARTIFACTS / "link_notice.png"))
    assert params(page)["region"] != "<b>X</b>"  # the address now carries what is shown
