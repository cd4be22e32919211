"""Source lines, Stand and attribution of the tables a figure was computed from.

Providers, their short names, licences and attribution texts are defined once in
``catalogue/sources.toml``; which tables are loaded and their Stand come from ``raw.files``.
"""

import pandas as pd

from etl.catalogue import load_sources
from monitor import db, fmt
from monitor.queries import meta

DERIVED = "eigene Berechnungen"


def _codes(table_codes) -> list[str]:
    return [str(c) for c in (table_codes or [])]


def table_entry(code: str) -> dict:
    """The ``[[table]]`` entry of sources.toml for a code (empty for an unknown code)."""
    return next((t for t in load_sources().get("table", []) if t.get("code") == code), {})


def provider(code: str) -> dict:
    """Provider entry (name, short, licence, attribution) of a table."""
    return load_sources().get("providers", {}).get(table_entry(code).get("provider", ""), {})


def loaded_stands(table_codes) -> dict[str, str | None]:
    """Table code → latest Stand (ISO text or None) for the tables that have a file in the build;
    catalogued tables without a loaded file are left out."""
    codes = _codes(table_codes)
    if not codes or not meta.table_exists("raw", "files"):
        return {}
    frame = db.query("SELECT table_code, max(stand) AS stand FROM raw.files"
                     " WHERE list_contains(?, table_code) GROUP BY table_code", (codes,))
    found = {c: (None if fmt.is_missing(s) else str(s))
             for c, s in zip(frame["table_code"], frame["stand"], strict=True)}
    return {c: found[c] for c in codes if c in found}


def stand(table_codes) -> str | None:
    """Latest Stand (ISO text) among the loaded files of the given tables."""
    known = [s for s in loaded_stands(table_codes).values() if s]
    return max(known) if known else None


def source_line(table_codes, derived: bool = True) -> str:
    """``Quelle: IT.NRW, Landesdatenbank NRW, Tabelle 12411-09i (Stand 16.02.2026); eigene Berechnungen``:
    only the tables with a file in the build, each with its Stand."""
    parts: dict[str, list[str]] = {}
    for code, stand_iso in loaded_stands(table_codes).items():
        short = provider(code).get("short", "")
        when = f" (Stand {fmt.fmt_date_time(stand_iso)})" if stand_iso else ""
        parts.setdefault(short, []).append(code + when)
    texts = []
    for short, codes in parts.items():
        label = "Tabelle" if len(codes) == 1 else "Tabellen"
        texts.append(f"{short + ', ' if short else ''}{label} {', '.join(codes)}")
    if derived:
        texts.append(DERIVED)
    return "Quelle: " + "; ".join(texts)


def attribution(table_codes, year: str | None = None) -> str:
    """Licence and attribution texts of the providers of the tables (``{year}``: the Stand year)."""
    year = year or (stand(table_codes) or "")[:4] or "2026"
    texts: list[str] = []
    for code in _codes(table_codes):
        text = provider(code).get("attribution", "").replace("{year}", year)
        if text and text not in texts:
            texts.append(text)
    return " ".join(texts)


def all_attributions() -> list[str]:
    """The attribution of every provider in sources.toml (Daten & Methodik)."""
    providers = load_sources().get("providers", {}).values()
    return [p["attribution"].replace("{year}", "…") for p in providers if p.get("attribution")]


def sources_table() -> pd.DataFrame:
    """Every catalogued table with provider, licence, attribution and the Stand of its loaded files."""
    cat = load_sources()
    licences = cat.get("licences", {})
    stands = loaded_stands([t["code"] for t in cat.get("table", [])])
    rows = []
    for table in cat.get("table", []):
        entry = provider(table["code"])
        latest = stands.get(table["code"])
        rows.append({
            "code": table["code"], "title": table.get("title", ""), "provider": entry.get("name", ""),
            "licence": licences.get(entry.get("licence"), {}).get("name", ""),
            "attribution": entry.get("attribution", "").replace("{year}", str(latest or "")[:4] or "…"),
            "stand": latest, "loaded": table["code"] in stands,
            "place_principle": table.get("place_principle", ""), "breaks": table.get("breaks", ""),
            "evidence": table.get("evidence") or {}, "howto": table.get("howto", ""),
        })
    return pd.DataFrame(rows)


def licences() -> list[tuple[str, str]]:
    """(name, URL) of every licence in sources.toml (Daten & Methodik)."""
    licences = load_sources().get("licences", {})
    return [(entry.get("name", key), entry.get("url", "")) for key, entry in licences.items()]
