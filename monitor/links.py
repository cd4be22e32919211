"""Reproducible links: the full URL of the current view (page, selections and the build id ``stand``), the
Stand of a build read from its id, and the wording for parts of a link that were not understood."""

import re
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import NamedTuple
from urllib.parse import urlencode, urlsplit

from monitor import fmt

VERSION_PARAM = "stand"  # build id in the URL: a shared link notices newer data
FALLBACK_BASE = "http://localhost:8501/"
#: Build ids are file stems ``build-<UTC yyyymmddTHHMMSS[ffffff]Z>-<pid>`` (etl/warehouse.py).
BUILD_STAMP = re.compile(r"^build-(\d{8}T\d{6})\d*Z")


def build_time(build_id: str | None) -> datetime | None:
    """UTC time a build was made, read from its id; None for ids of another form."""
    match = BUILD_STAMP.match(build_id or "")
    if not match:
        return None
    return datetime.strptime(match.group(1), "%Y%m%dT%H%M%S").replace(tzinfo=UTC)


def build_stand(build_id: str | None) -> str:
    """German date and time of a build (``26.11.2026, 07:49 Uhr``) or ``unbekannt``."""
    when = build_time(build_id)
    return "unbekannt" if when is None else fmt.fmt_date_time(when.isoformat(timespec="seconds"))


def link_is_older(linked_id: str, current_id: str) -> bool | None:
    """Whether the linked build is older than the current one (None when a time is not readable)."""
    linked, current = build_time(linked_id), build_time(current_id)
    return None if linked is None or current is None else linked < current


def page_url(base: str | None, params: Mapping[str, str]) -> str:
    """``base`` (the page URL without query; fallback localhost) plus the encoded parameters, ``stand``
    last."""
    ordered = {k: v for k, v in params.items() if k != VERSION_PARAM and v not in (None, "")}
    if params.get(VERSION_PARAM):
        ordered[VERSION_PARAM] = params[VERSION_PARAM]
    query = urlencode(ordered, safe=",/")
    return f"{base or FALLBACK_BASE}{'?' + query if query else ''}"


def app_page_url(browser_url: str | None, base_path: str, url_path: str) -> str:
    """The address of the page ``url_path`` on the host of ``browser_url``: scheme, host and port from the
    browser, then the server's base path and the page (never a stale or unknown path the browser shows)."""
    parts = urlsplit(browser_url or FALLBACK_BASE)
    path = "/".join(part for part in (base_path.strip("/"), url_path.strip("/")) if part)
    return f"{parts.scheme}://{parts.netloc}/{path}"


def version_notice(linked_id: str, current_id: str, current_built_at: str | None) -> str:
    """German notice for a link made with another build, naming both Stand dates."""
    older = link_is_older(linked_id, current_id)
    change = ("Die Daten wurden seitdem aktualisiert" if older is not False
              else "Der aktuell geladene Datenstand ist älter als der des Links")
    return (f"Dieser Link wurde mit einem anderen Datenstand erstellt (Stand des Links: "
            f"{build_stand(linked_id)}, Build {linked_id}). {change} (aktueller Stand: "
            f"{fmt.fmt_date_time(current_built_at)}, Build {current_id}); Zahlen können abweichen.")


#: Session key of an unknown address the visitor was forwarded from (read by the next page's notices).
UNKNOWN_PATH_KEY = "_unknown_path"
#: Page names Streamlit can register (``st.Page(url_path=…)``): no ``/``, only unreserved URL characters.
PAGE_NAME = re.compile(r"^[A-Za-z0-9._~-]{1,100}$")


class NotUnderstood(NamedTuple):
    """A URL parameter value a page could not use, and what it shows instead."""
    param: str  # the parameter name in the address (``region``; empty for the page address itself)
    value: str  # the value as it came (``99999``)
    what: str  # German name of the selection (``Region``)
    shown: str  # what is shown instead (``Kreis Lippe``)


def page_path(url: str | None, base_path: str = "") -> str:
    """The page part of a browser URL (``http://host/<base>/<page>`` → ``<page>``) without the server's
    base path and slashes; empty for the app's root address."""
    path = urlsplit(url or "").path.strip("/")
    base = base_path.strip("/")
    if base and (path == base or path.startswith(f"{base}/")):
        path = path[len(base):].strip("/")
    return path


def registrable(path: str) -> bool:
    """Whether Streamlit can serve a page under this name (``st.Page(url_path=…)``)."""
    return bool(PAGE_NAME.match(path))


def not_understood_text(items: Sequence[NotUnderstood]) -> str:
    """German notice listing every part of a link that was not understood and what is shown instead."""
    parts = [f"{item.what} „{item.value}“{f' (Angabe {item.param})' if item.param else ''} – gezeigt wird "
             f"stattdessen {item.shown}" for item in items]
    lead = ("eine Angabe, die nicht verstanden wurde" if len(items) == 1
            else f"{len(items)} Angaben, die nicht verstanden wurden")
    return f"Dieser Link enthält {lead}: {'; '.join(parts)}."
