"""Accessibility of the frame Streamlit draws around the pages (BITV 2.0 / WCAG 2.1 AA), set on every run
from app.py:

- ``<html lang="de">`` (Streamlit's page says ``en``);
- German names for the framework's own English strings that Streamlit offers no option for (skip link,
  sidebar buttons, "Help for …", copy buttons, table toolbar, chart tool bar); what Streamlit does expose
  is set through its API instead (``placeholder=`` of the select boxes in monitor/ui.py);
- a visible focus ring (3 px, #0072B2: at least 4.5:1 on the white page and the grey sidebar) on links,
  buttons, tabs, radio options, sliders, select boxes and expanders;
- caption text dark enough (Streamlit draws captions in the text colour at opacity 0.6: #828180, only
  3.9:1 on white);
- the keyboard focus kept on a tab: switching tabs reruns the page (lazy tabs), and on a loaded machine
  Streamlit sometimes drops the focus from the still-present tab to the page body during that run, so the
  next arrow key went nowhere. A tab that loses the focus to nothing, not by a pointer, gets it back.

The script runs in the main document (``st.html(…, unsafe_allow_javascript=True)``: not in an iframe);
a MutationObserver renames the strings again whenever Streamlit draws new elements. Nothing from data is
part of it: the text is fixed here."""

import json

import streamlit as st

FOCUS_COLOUR = "#0072B2"  # the theme's primary colour: 5.1:1 on white
CAPTION_COLOUR = "#595756"  # Streamlit's text colour at 80 %: 7:1 on white, 6:1 on the sidebar grey
MARKER = "bm-a11y"  # id of the script element (its container is hidden)

#: Whole text nodes of the framework → German.
TEXTS = {
    "Skip to main content": "Zum Hauptinhalt springen",
}
#: ``aria-label``/``title``/``placeholder`` values of the framework → German.
ATTRIBUTES = {
    "Sidebar": "Seitenleiste",
    "Collapse sidebar": "Seitenleiste einklappen",
    "Expand sidebar": "Seitenleiste ausklappen",
    "App pages": "Seiten",
    "Main menu": "Hauptmenü",
    "Copy to clipboard": "In die Zwischenablage kopieren",
    "Link to heading": "Link zu dieser Überschrift",
    "link icon": "Link-Symbol",
    "Open": "Auswahl öffnen",
    "Clear all": "Alle entfernen",
    "Choose an option": "Bitte wählen …",
    "Choose options": "Bitte wählen …",
    "Show/hide columns": "Spalten ein- oder ausblenden",
    "Download as CSV": "Tabelle als CSV herunterladen",
    "Search": "Suchen",
    "Fullscreen": "Vollbild",
    "Close fullscreen": "Vollbild beenden",
    "Download plot as a PNG": "Diagramm als PNG herunterladen",
    "Zoom": "Zoomen",
    "Pan": "Verschieben",
    "Zoom in": "Vergrößern",
    "Zoom out": "Verkleinern",
    "Autoscale": "Automatisch skalieren",
    "Reset axes": "Achsen zurücksetzen",
}
#: ``aria-label`` prefixes followed by a label (``Help for Bevölkerung`` → ``Hilfe zu Bevölkerung``).
PREFIXES = {
    "Help for ": "Hilfe zu ",
    "Remove ": "Entfernen: ",
}

CSS = f"""
<style>
a:focus-visible, button:focus-visible, summary:focus-visible, [role="tab"]:focus-visible,
[role="slider"]:focus-visible, [role="button"]:focus-visible, [tabindex]:focus-visible,
textarea:focus-visible, input[type="text"]:focus-visible, input[type="password"]:focus-visible,
label:has(input:focus-visible), [data-baseweb="select"] > div:has(input:focus-visible),
[data-testid="stExpander"] details > summary:focus-visible,
[data-testid="stSidebarNav"] a:focus-visible {{
  outline: 3px solid {FOCUS_COLOUR} !important;
  outline-offset: 2px !important;
  border-radius: 4px;
}}
[data-testid="stSlider"] [data-rac]:has(> div > input:focus-visible) {{
  outline: 3px solid {FOCUS_COLOUR} !important;
  outline-offset: 3px !important;
  border-radius: 50%;
}}
[data-testid="stTab"] {{ padding-left: 0.4rem; padding-right: 0.4rem; }}
[role="tab"]:focus-visible {{ outline-offset: -3px !important; }}
[data-baseweb="select"] input:focus-visible, input[type="radio"]:focus-visible,
input[type="checkbox"]:focus-visible, input[type="range"]:focus-visible {{ outline: none !important; }}
[data-testid="stCaptionContainer"] {{ opacity: 1 !important; color: {CAPTION_COLOUR} !important; }}
.stElementContainer:has(#{MARKER}), .element-container:has(#{MARKER}) {{ display: none; }}
</style>
"""

_SCRIPT = """
(() => {
  document.documentElement.lang = "de";
  if (window.__bmA11y) { return; }
  window.__bmA11y = true;
  const texts = __TEXTS__, attributes = __ATTRIBUTES__, prefixes = __PREFIXES__;
  const names = ["aria-label", "title", "placeholder", "data-title"];  // data-title: chart tool tips
  const unescape = (value) => value.replace(/\\\\(.)/g, "$1");
  function german(value) {
    if (Object.hasOwn(attributes, value)) { return attributes[value]; }
    for (const [english, mine] of Object.entries(prefixes)) {
      if (value.startsWith(english)) { return mine + unescape(value.slice(english.length)); }
    }
    return null;
  }
  function fixElement(element) {
    for (const name of names) {
      const value = element.getAttribute(name);
      const wanted = value === null ? null : german(value);
      if (wanted !== null && wanted !== value) { element.setAttribute(name, wanted); }
    }
  }
  function fix(root) {
    if (root.nodeType === Node.TEXT_NODE) {
      const wanted = texts[root.textContent.trim()];
      if (wanted) { root.textContent = wanted; }
      return;
    }
    if (root.nodeType !== Node.ELEMENT_NODE) { return; }
    fixElement(root);
    root.querySelectorAll("[aria-label], [title], [placeholder], [data-title]").forEach(fixElement);
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const wanted = texts[walker.currentNode.textContent.trim()];
      if (wanted) { walker.currentNode.textContent = wanted; }
    }
  }
  new MutationObserver((records) => {
    if (document.documentElement.lang !== "de") { document.documentElement.lang = "de"; }
    for (const record of records) {
      if (record.type === "attributes") { fixElement(record.target); }
      else if (record.type === "characterData") { fix(record.target); }
      else { record.addedNodes.forEach(fix); }
    }
  }).observe(document.documentElement, {subtree: true, childList: true, characterData: true,
                                         attributes: true, attributeFilter: names.concat(["lang"])});
  fix(document.body);
  let pointerAt = -Infinity;  // a click or touch moves the focus on purpose: leave it there
  document.addEventListener("pointerdown", () => { pointerAt = performance.now(); }, true);
  document.addEventListener("focusout", (event) => {
    const tab = event.target;
    if (event.relatedTarget || !(tab instanceof Element) || tab.getAttribute("role") !== "tab") { return; }
    const lost = performance.now();
    const restore = () => {  // the tab may not take the focus at once: try again for up to 3 s
      const dropped = document.activeElement === document.body || document.activeElement === null;
      if (!dropped || !tab.isConnected || pointerAt > lost - 1000) { return; }  // a click: on purpose
      tab.focus({preventScroll: true});
      if (document.activeElement !== tab && performance.now() - lost < 3000) { setTimeout(restore, 100); }
    };
    setTimeout(restore, 0);
  }, true);
})();
"""


def script() -> str:
    """The script with its tables filled in (JSON literals)."""
    return (_SCRIPT.replace("__TEXTS__", json.dumps(TEXTS, ensure_ascii=False))
            .replace("__ATTRIBUTES__", json.dumps(ATTRIBUTES, ensure_ascii=False))
            .replace("__PREFIXES__", json.dumps(PREFIXES, ensure_ascii=False)))


def apply() -> None:
    """Styles and script for the current page (call on every run, before the page)."""
    st.html(CSS)
    st.html(f'<script id="{MARKER}">{script()}</script>', unsafe_allow_javascript=True)
