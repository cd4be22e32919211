"""The one German notice per page that names the parts of its link that were not understood (an unknown
region, indicator, year, option, tab, slide or address) and what is shown instead. The widget helpers of
monitor/ui.py report to it; ``start`` (called by ``ui.demo_notice``) places it below the page title."""

import streamlit as st

from monitor import links
from monitor.markup import escape

SLOT, ITEMS = "_notice_slot", "_notices"  # session keys: the placeholder and this run's list


def start() -> None:
    """Place the (still empty) notice for this run; an unknown address the visitor was forwarded from
    (``monitor.navigation``) is its first entry."""
    st.session_state[SLOT], st.session_state[ITEMS] = st.empty(), []
    unknown = st.session_state.pop(links.UNKNOWN_PATH_KEY, None)
    if unknown:
        report("", f"/{unknown}", "Adresse", "die Übersicht")


def report(param: str, value: object, what: str, shown: object) -> None:
    """Add a URL value the page cannot use (``what``: German name of the selection) and what it shows
    instead; redraws the notice (no-op before ``start``)."""
    items, slot = st.session_state.get(ITEMS), st.session_state.get(SLOT)
    if items is None or slot is None:
        return
    items.append(links.NotUnderstood(param, str(value), what, str(shown)))
    slot.info(escape(links.not_understood_text(items)), icon=":material/link_off:")


def reported() -> list[links.NotUnderstood]:
    """What this run has reported so far."""
    return list(st.session_state.get(ITEMS) or [])
