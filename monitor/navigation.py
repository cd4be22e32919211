"""The registered pages. ``PAGE_SPECS`` is the one list; app.py and the tests both iterate it. The page
"Daten laden" (``UPLOAD_SPEC``) is added only when an upload password hash is configured (monitor.admin).

Every page, the overview included, is served under its own address (``/uebersicht``). The app's root
address runs a hidden start page that forwards to the overview with the URL parameters, and an unknown
address (``/foo``) is registered for that run as a hidden page that forwards to the overview with a German
notice, instead of Streamlit's English "Page not found" dialog. The page scripts live in ``app_pages/``: a
folder named ``pages/`` next to app.py would make Streamlit resolve a new server's first run the old
multipage way, by file name, and send "Page not found" (tests/serve/test_first_request.py)."""

from collections.abc import Callable
from typing import NamedTuple

import streamlit as st

from monitor import admin, links
from monitor.queries import regions

TITLE = "Bildungsmonitor"

START_PATH = "start"  # internal name of the hidden root page (served at "/")
PAGE_PATH_KEY = "_page_path"  # session key: url_path of the page this run shows


class PageSpec(NamedTuple):
    file: str
    title: str
    url_path: str
    icon: str


PAGE_SPECS: tuple[PageSpec, ...] = (
    PageSpec("app_pages/overview.py", "Übersicht", "uebersicht", ":material/dashboard:"),
    PageSpec("app_pages/explorer.py", "Indikatoren", "indikatoren", ":material/query_stats:"),
    PageSpec("app_pages/transitions.py", "Übergänge", "uebergaenge", ":material/alt_route:"),
    PageSpec("app_pages/gaps.py", "Versorgungslücken", "versorgungsluecken", ":material/child_care:"),
    PageSpec("app_pages/economy.py", "Bildung & Wirtschaft", "bildung-wirtschaft", ":material/factory:"),
    PageSpec("app_pages/compare.py", "Vergleich", "vergleich", ":material/compare_arrows:"),
    PageSpec("app_pages/presentation.py", "Präsentation", "praesentation", ":material/slideshow:"),
    PageSpec("app_pages/reports.py", "Berichte (PDF)", "berichte", ":material/picture_as_pdf:"),
    PageSpec("app_pages/methodology.py", "Daten & Methodik", "daten-methodik", ":material/menu_book:"),
)

UPLOAD_SPEC = PageSpec("app_pages/upload.py", "Daten laden", "daten-laden", ":material/upload_file:")


def page_title() -> str:
    """"Bildungsmonitor Kreis Lippe" for the configured home Kreis; just "Bildungsmonitor" while there is
    no readable warehouse yet or the home Kreis is not in it (the pages say why)."""
    name = regions.home_label()
    return f"{TITLE} {name}" if name else TITLE


def page_specs() -> tuple[PageSpec, ...]:
    """The pages to offer: ``PAGE_SPECS``, plus "Daten laden" when uploads are configured."""
    return PAGE_SPECS + ((UPLOAD_SPEC,) if admin.upload_configured() else ())


def base_path() -> str:
    """The server's base path (``server.baseUrlPath``, empty when served at the root)."""
    return st.get_option("server.baseUrlPath") or ""


def requested_path() -> str:
    """The page part of the address in the browser (empty for the root address)."""
    return links.page_path(st.context.url, base_path())


def select() -> st.Page:
    """``st.navigation`` over ``pages`` for the address in the browser; the chosen page's address is kept
    for "Link kopieren" (``current_page_url``)."""
    page = st.navigation(pages(requested_path()))
    st.session_state[PAGE_PATH_KEY] = page.url_path
    return page


def current_page_url() -> str:
    """The address of the page this run shows (without URL parameters)."""
    return links.app_page_url(st.context.url, base_path(), st.session_state.get(PAGE_PATH_KEY, ""))


def pages(requested: str = "") -> list[st.Page]:
    """``st.Page`` objects for ``st.navigation`` (call inside a script run): the listed pages, the hidden
    start page (the default, at "/") and, for an unknown ``requested`` page, a hidden page at that name."""
    listed = [st.Page(spec.file, title=spec.title, url_path=spec.url_path, icon=spec.icon)
              for spec in page_specs()]
    overview = listed[0]
    known = {START_PATH, *(spec.url_path for spec in page_specs())}
    unknown = requested if requested not in known else ""
    # the root address, or an unknown one Streamlit cannot serve as a page (``/a/b``), runs the start page
    hidden = [st.Page(forward(overview, unknown), title=overview.title, url_path=START_PATH, default=True,
                      visibility="hidden")]
    if unknown and links.registrable(unknown):
        hidden.append(st.Page(forward(overview, unknown), title=overview.title, url_path=unknown,
                              visibility="hidden"))
    return listed + hidden


def forward(target: st.Page, unknown: str) -> Callable[[], None]:
    """A page that switches to ``target`` with the current URL parameters; coming from an ``unknown``
    address, it leaves that address for the target's notice (``links.UNKNOWN_PATH_KEY``)."""
    def run() -> None:
        if unknown:
            st.session_state[links.UNKNOWN_PATH_KEY] = unknown
        st.switch_page(target, query_params=st.query_params.to_dict())
    run.__name__ = "forward"
    return run
