"""Daten & Methodik: catalogue search, sources and licences, loaded files, findings, coverage, symbols."""

import re
from dataclasses import asdict

import pandas as pd

from etl.catalogue import Indicator
from etl.status import FLAG_SUFFIXES, FLAGGED, LABELS_DE, SYMBOLS, UNUSABLE
from etl.vocabulary import AREAS
from monitor import charts, fmt
from monitor.db import per_build
from monitor.queries import indicators, meta, sources

# --- catalogue --------------------------------------------------------------------------------------


def _haystack(entry: Indicator) -> str:
    values = [*asdict(entry).values(), AREAS.get(entry.area, entry.area)]
    return " ".join(str(v) for v in values).lower()


def catalogue_search(text: str) -> list[Indicator]:
    """Catalogue entries whose id, title, area or any definition field contains ``text`` (any case)."""
    needle = (text or "").strip().lower()
    entries = indicators.catalogue()
    return [e for e in entries if needle in _haystack(e)] if needle else list(entries)


def by_area(entries: list[Indicator]) -> list[tuple[str, list[tuple[Indicator, str | None]]]]:
    """(area label, [(entry, Stand of its data)]) in catalogue order: the cards of the catalogue section."""
    groups: dict[str, list[tuple[Indicator, str | None]]] = {}
    for entry in entries:
        groups.setdefault(AREAS.get(entry.area, entry.area), []).append((entry, sources.stand(entry.sources)))
    return list(groups.items())


def count_text(found: list[Indicator]) -> str:
    return f"{len(found)} von {len(indicators.catalogue())} Indikatoren"


@per_build
def catalogue_section(text: str) -> tuple[str, list[tuple[str, list[tuple[Indicator, str | None]]]]]:
    """(:func:`count_text`, :func:`by_area`) of the search for ``text``, cached per build (shared)."""
    found = catalogue_search(text)
    return count_text(found), by_area(found)


# --- sources and licences ---------------------------------------------------------------------------

SAFE_URL = re.compile(r"https://[A-Za-z0-9./_%#?=&~-]+")

#: evidence grades of catalogue/sources.toml (REAL_TABLES.md) in plain German
EVIDENCE_DE = {"seen": "in einer echten Datei gesehen", "schema": "aus Metadaten (Schema 2020)",
               "inferred": "erschlossen, noch zu bestätigen"}


def evidence_text(table: dict) -> str:
    """How well the structure and the codes of a source table are confirmed (``evidence`` of a table)."""
    evidence = table.get("evidence") or {}
    if not evidence:
        return ""
    parts = [f"Aufbau {EVIDENCE_DE.get(str(evidence.get('structure')), '–')}",
             f"Codes {EVIDENCE_DE.get(str(evidence.get('codes')), '–')}"]
    return "; ".join(parts) + (f". {evidence['note']}" if evidence.get("note") else "")


def attributions() -> list[str]:
    """The attribution text of every provider (catalogue/sources.toml)."""
    return sources.all_attributions()


def licences() -> list[tuple[str, str]]:
    """(name, URL) of every licence of the sources; the URL empty unless it is a plain https address (the
    page links it)."""
    return [(name, url if SAFE_URL.fullmatch(url or "") else "") for name, url in sources.licences()]


@per_build  # shared per build: callers only show it
def sources_overview() -> pd.DataFrame:
    """Source tables with provider, licence, attribution, the Stand of the loaded files and the evidence."""
    table = sources.sources_table()
    if table.empty:
        return pd.DataFrame(columns=["Tabelle", "Titel", "Anbieter", "Lizenz", "Namensnennung", "Stand",
                                     "Ortsprinzip", "Brüche", "Belegt", "Vorlage (Quelle)"])
    return pd.DataFrame({
        "Tabelle": table["code"], "Titel": table["title"], "Anbieter": table["provider"],
        "Lizenz": table["licence"], "Namensnennung": table["attribution"],
        "Stand": [fmt.fmt_date_time(s) if loaded else "nicht geladen"
                  for s, loaded in zip(table["stand"], table["loaded"], strict=True)],
        "Ortsprinzip": table["place_principle"], "Brüche": table["breaks"],
        "Belegt": [evidence_text({"evidence": e}) for e in table["evidence"]],
        "Vorlage (Quelle)": table["howto"],
    })


# --- build --------------------------------------------------------------------------------------------


def build_line(build: dict[str, str]) -> str:
    """``**Build:** … · **erstellt:** … · **Version:** …`` (markdown; the caller escapes the values)."""
    return (f"Build: {build.get('build_id', '–')} · erstellt: {fmt.fmt_date_time(build.get('built_at'))} · "
            f"Version: {build.get('git_revision', '–')}")


@per_build  # shared per build: callers only show it
def files_overview() -> pd.DataFrame:
    """Every loaded file with its table, format, Stand, rows and load time."""
    files = meta.loaded_files()
    return pd.DataFrame({
        "Datei": files["file_name"], "Tabelle": files["table_code"], "Format": files["format"],
        "Stand": [fmt.fmt_date_time(s) for s in files["stand"]],
        "Zeilen": [fmt.fmt_number(n) for n in files["rows"]],
        "Geladen": [fmt.fmt_date_time(str(t)) for t in files["loaded_at"]],
    })


SEVERITY_DE = {"error": "Fehler", "warning": "Warnung"}


@per_build  # shared per build: callers only show it
def findings_overview() -> pd.DataFrame:
    """Validation findings of the build (errors first)."""
    found = meta.findings()
    return pd.DataFrame({
        "Schwere": found["severity"].map(SEVERITY_DE).fillna(found["severity"]),
        "Regel": found["rule"], "Datei": found["file_name"], "Zeile": found["line"],
        "Tabelle": found["table_code"], "Meldung": found["message"],
    })


def coverage_view(build: dict[str, str]) -> charts.View:
    """Number of indicator values by status: how much is usable, suppressed or missing."""
    counts = indicators.status_counts()
    table = pd.DataFrame({"Status": [LABELS_DE.get(s) or "ohne Kennzeichen" for s in counts["status"]],
                          "Zeichen": [SYMBOLS.get(s, "") for s in counts["status"]],
                          "Anzahl Werte": counts["n"].astype(int)})
    fig = charts.bar_ranking(
        table.assign(status="ok"), category="Status", value="Anzahl Werte", unit="Anzahl", decimals=0,
        title="Datenlage: Indikatorwerte nach Status",
        source="Quelle: eigene Berechnungen aus dem Datenstand",
    )
    total = int(table["Anzahl Werte"].sum())
    usable = int(counts.loc[~counts["status"].isin(UNUSABLE), "n"].sum())
    alt = (f"Balkendiagramm: {fmt.fmt_number(total)} Indikatorwerte, davon {fmt.fmt_number(usable)} "
           "mit Zahl; die übrigen sind geheim, unsicher, fallen später an oder fehlen.")
    return charts.View(fig, table, alt, "datenlage_status", {"Datenstand (Build)": build.get("build_id", "")})


@per_build
def shown_coverage() -> charts.View:
    """:func:`coverage_view` of the current build, cached."""
    return coverage_view(meta.build_info())


# --- symbols ------------------------------------------------------------------------------------------

#: The words of the official Zeichenerklärung (statistical offices; BA) per status of the monitor:
#: (sign in the source file, meaning). The monitor's own word and display come from etl/status.py.
OFFICIAL_WORDS = (
    ("zero", "-", "nichts vorhanden (genau null)"),
    ("ok", "0", "weniger als die Hälfte von 1 in der letzten Stelle, jedoch mehr als nichts"),
    ("secret", ".", "Zahlenwert unbekannt oder geheim zu halten"),
    ("secret", "*", "Bundesagentur für Arbeit: anonymisiert (kleine Fallzahl)"),
    ("later", "...", "Angabe fällt später an"),
    ("unreliable", "/", "keine Angabe, da Zahlenwert nicht sicher genug"),
    ("not_applicable", "x", "Tabellenfach gesperrt, weil Aussage nicht sinnvoll"),
    ("missing", "(leeres Feld)", "kein Wert geliefert"),
    ("limited", "( )", "Aussagewert eingeschränkt"),
    ("provisional", FLAG_SUFFIXES["provisional"], "vorläufig"),
    ("revised", FLAG_SUFFIXES["revised"], "berichtigt"),
    ("estimated", FLAG_SUFFIXES["estimated"], "geschätzt"),
    ("final", "e", "endgültig"),
)
EXAMPLE = 1234


def _handling(status: str) -> str:
    if status in UNUSABLE:
        return f"kein Wert, nie als 0 ({LABELS_DE[status]})"
    if status in FLAGGED:
        return f"Wert mit Kennzeichen ({LABELS_DE[status]})"
    if status == "zero":
        return "Wert 0, angezeigt als Zahl 0 (nie als Strich)"
    return "Wert 0" if status == "ok" else "Wert"


def _shown(status: str) -> str:
    return fmt.fmt_value(0.0 if status in ("zero", "ok") else None if status in UNUSABLE else EXAMPLE, status)


def symbol_legend() -> pd.DataFrame:
    """Sign in the source, official meaning, how the monitor treats it, shows it in tables (example 1.234)
    and marks it in charts (the chart marker text, ``fmt.missing_marker``)."""
    return pd.DataFrame([{"Zeichen in der Quelle": sign, "Bedeutung": meaning,
                          "Im Monitor": _handling(status), "Anzeige in Tabellen": _shown(status),
                          "In Diagrammen": fmt.missing_marker(status) if status in UNUSABLE else ""}
                         for status, sign, meaning in OFFICIAL_WORDS])


DASHES = ("Striche: Im Monitor steht der Gedankenstrich „–“ nur für einen fehlenden Wert (in Diagrammen "
          "„– fehlt“). Eine echte Null, in den Quelldateien als Bindestrich „-“ geliefert, zeigt der Monitor "
          "immer als Zahl 0.")


NEVER_ZERO = ("Unterdrückte oder fehlende Werte werden nie als 0 gezeigt oder verrechnet: ein abgeleiteter "
              "Wert aus einem geheimen Eingangswert ist selbst unbekannt und trägt dessen Kennzeichen.")
