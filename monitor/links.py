"""Reproducible links: the full URL of the current view (page, selections and the build id ``stand``) and
the Stand of a build read from its id."""

import re
from collections.abc import Mapping
from datetime import UTC, datetime
from urllib.parse import urlencode

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


def version_notice(linked_id: str, current_id: str, current_built_at: str | None) -> str:
    """German notice for a link made with another build, naming both Stand dates."""
    older = link_is_older(linked_id, current_id)
    change = ("Die Daten wurden seitdem aktualisiert" if older is not False
              else "Der aktuell geladene Datenstand ist älter als der des Links")
    return (f"Dieser Link wurde mit einem anderen Datenstand erstellt (Stand des Links: "
            f"{build_stand(linked_id)}, Build {linked_id}). {change} (aktueller Stand: "
            f"{fmt.fmt_date_time(current_built_at)}, Build {current_id}); Zahlen können abweichen.")
