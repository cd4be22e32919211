"""The registered pages. ``PAGE_SPECS`` is the one list; app.py and the tests both iterate it. The page
"Daten laden" (``UPLOAD_SPEC``) is added only when an upload password hash is configured (monitor.admin)."""

from typing import NamedTuple

import streamlit as st

from monitor import admin


class PageSpec(NamedTuple):
    file: str
    title: str
    url_path: str
    icon: str


PAGE_SPECS: tuple[PageSpec, ...] = (
    PageSpec("pages/overview.py", "Übersicht", "uebersicht", ":material/dashboard:"),
    PageSpec("pages/explorer.py", "Indikatoren", "indikatoren", ":material/query_stats:"),
    PageSpec("pages/transitions.py", "Übergänge", "uebergaenge", ":material/alt_route:"),
    PageSpec("pages/gaps.py", "Versorgungslücken", "versorgungsluecken", ":material/child_care:"),
    PageSpec("pages/economy.py", "Bildung & Wirtschaft", "bildung-wirtschaft", ":material/factory:"),
    PageSpec("pages/compare.py", "Vergleich", "vergleich", ":material/compare_arrows:"),
    PageSpec("pages/presentation.py", "Präsentation", "praesentation", ":material/slideshow:"),
    PageSpec("pages/reports.py", "Berichte (PDF)", "berichte", ":material/picture_as_pdf:"),
    PageSpec("pages/methodology.py", "Daten & Methodik", "daten-methodik", ":material/menu_book:"),
)

UPLOAD_SPEC = PageSpec("pages/upload.py", "Daten laden", "daten-laden", ":material/upload_file:")


def page_specs() -> tuple[PageSpec, ...]:
    """The pages to offer: ``PAGE_SPECS``, plus "Daten laden" when uploads are configured."""
    return PAGE_SPECS + ((UPLOAD_SPEC,) if admin.upload_configured() else ())


def pages() -> list[st.Page]:
    """``st.Page`` objects for ``st.navigation`` (call inside a script run); the first is the default."""
    return [
        st.Page(spec.file, title=spec.title, url_path=spec.url_path, icon=spec.icon, default=i == 0)
        for i, spec in enumerate(page_specs())
    ]
