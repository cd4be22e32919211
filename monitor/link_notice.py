"""Widget values from the URL, and the one German notice per page that names the parts of its link that
were not understood (an unknown region, indicator, year, option, tab, slide or address) and what is shown
instead. The widget helpers of monitor/ui.py use ``initial``/``initial_list``; ``start`` (called by
``ui.demo_notice``) places the notice below the page title."""

from collections.abc import Callable, Iterable, Sequence
from typing import Any

import streamlit as st

from monitor import links
from monitor.markup import escape

SLOT, ITEMS = "_notice_slot", "_notices"  # session keys: the placeholder and this run's list
LIST_SEPARATOR = ","


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


def initial(key: str, options: Sequence, default: object, parse: Callable[[str], object] = str,
             label: str = "", shown: Callable[[Any], object] = str) -> None:
    """Set the widget state before the widget is created: keep the current value, else take the URL
    parameter, else ``default`` (a URL value not understood is named in the page's notice, with
    ``shown(default)``). Re-assigning also carries the value over to a same-keyed widget on another page
    (whose widget id differs)."""
    current = st.session_state.get(key)
    if current is not None and current in options:
        st.session_state[key] = current
        return
    raw = st.query_params.get(key)
    try:
        wanted = parse(raw) if raw is not None else None
    except ValueError:
        wanted = None
    understood = wanted in options
    if raw is not None and not understood:
        report(key, raw, label or key, shown(default))
    st.session_state[key] = wanted if understood else default


def initial_list(key: str, options: Iterable[str], default: Sequence[str], label: str,
                 shown: Callable[[str], str]) -> None:
    """``initial`` for a multiselect (comma separated in the URL): unknown entries are dropped and named."""
    known, raw = set(options), st.query_params.get(key)
    if key in st.session_state:
        st.session_state[key] = [c for c in st.session_state[key] if c in known]
        return
    chosen = raw.split(LIST_SEPARATOR) if raw else list(default)
    kept, unknown = [c for c in chosen if c in known], [c for c in chosen if c not in known]
    if unknown:
        report(key, LIST_SEPARATOR.join(unknown), label,
               ", ".join(shown(c) for c in kept) if kept else "keine Auswahl")
    st.session_state[key] = kept
