"""Status vocabulary for values and the rule that combines the statuses of a derived value.

See docs/DATA_MODEL.md §1. A value is *usable* when it may be shown and computed with.
"""

from collections.abc import Iterable

#: Statuses whose value is NULL, in the order of precedence for derived values.
UNUSABLE = ("secret", "unreliable", "later", "not_applicable", "missing")
#: Flags that keep the value, in order of precedence for derived values.
FLAGGED = ("limited", "estimated", "provisional", "revised")
#: Statuses that count as plain ``ok`` in derived values.
PLAIN = ("ok", "zero", "final")

ALL_STATUSES = UNUSABLE + FLAGGED + PLAIN

#: Short German labels for the UI and downloads.
LABELS_DE = {
    "ok": "",
    "zero": "genau null",
    "final": "endgültig",
    "secret": "geheim / unbekannt",
    "unreliable": "nicht sicher genug",
    "later": "fällt später an",
    "not_applicable": "nicht sinnvoll",
    "missing": "fehlt",
    "limited": "Aussagewert eingeschränkt",
    "estimated": "geschätzt",
    "provisional": "vorläufig",
    "revised": "berichtigt",
}

#: Official symbols for display of a NULL value with this status.
SYMBOLS = {"secret": ".", "unreliable": "/", "later": "...", "not_applicable": "x", "missing": "–"}


def is_usable(status: str) -> bool:
    if status not in ALL_STATUSES:
        raise ValueError(f"unknown status {status!r}")
    return status not in UNUSABLE


def combine(statuses: Iterable[str]) -> str:
    """Status of a value derived from inputs with these statuses."""
    found = set(statuses)
    unknown = found - set(ALL_STATUSES)
    if unknown:
        raise ValueError(f"unknown status {sorted(unknown)!r}")
    for status in UNUSABLE + FLAGGED:
        if status in found:
            return status
    return "ok"
