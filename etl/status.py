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

#: The German word for each status, used in tables, charts, downloads and sentences alike.
LABELS_DE = {
    "ok": "",
    "zero": "genau null",
    "final": "endgültig",
    "secret": "geheim",
    "unreliable": "nicht sicher genug",
    "later": "fällt später an",
    "not_applicable": "nicht sinnvoll",
    "missing": "fehlt",
    "limited": "eingeschränkt",
    "estimated": "geschätzt",
    "provisional": "vorläufig",
    "revised": "berichtigt",
}

#: Official symbols for display of a NULL value with this status (FORMATS.md §2).
SYMBOLS = {"secret": ".", "unreliable": "/", "later": "...", "not_applicable": "x", "missing": "–"}
#: Suffix flags of usable values that carry a qualifier (``123p``); ``limited`` is shown in brackets.
FLAG_SUFFIXES = {"provisional": "p", "revised": "r", "estimated": "s"}


def word(status: str | None) -> str:
    """German word of a status; empty for plain values (ok, zero, final) and for None."""
    return LABELS_DE.get(status or "ok", "") if status not in PLAIN else ""


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


#: Provenance of a value (docs/DATA_MODEL.md §1a): `official` when every input file is a real download,
#: `synthetic` when every input file says SYNTHETISCHE DEMODATEN, `mixed` otherwise. SQL twin:
#: mart.provenance_combine / mart.worst_provenance (etl/sql/mart/macros.sql).
PROVENANCES = ("official", "synthetic", "mixed")
#: German labels: the marker shown at a value (empty for official values) and the download column text.
PROVENANCE_MARKERS_DE = {"official": "", "synthetic": "Demo", "mixed": "gemischt (teils Demodaten)"}
PROVENANCE_LABELS_DE = {"official": "amtlich", "synthetic": "Demodaten (synthetisch)",
                        "mixed": "gemischt (teils Demodaten)"}


def combine_provenance(provenances: Iterable[str | None]) -> str | None:
    """Provenance of a value derived from inputs with these provenances (None: unknown input, ignored)."""
    found = {p for p in provenances if p is not None}
    unknown = found - set(PROVENANCES)
    if unknown:
        raise ValueError(f"unknown provenance {sorted(unknown)!r}")
    if not found:
        return None
    return found.pop() if len(found) == 1 else "mixed"
