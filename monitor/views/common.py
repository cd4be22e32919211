"""Display helpers every view uses: provenance markers, the German value table, download metadata and
series-break marks of an indicator."""

import pandas as pd

from etl.catalogue import Indicator
from etl.status import LABELS_DE, PROVENANCE_LABELS_DE, PROVENANCE_MARKERS_DE, SYMBOLS, UNUSABLE
from monitor import charts, fmt
from monitor.queries import indicators, meta, regions, sources

DEMO_HINT = "Demodaten: synthetisch erzeugt, keine amtlichen Ergebnisse."


def symbol_hint() -> str:
    """``Zeichen: . geheim · / nicht sicher genug · … · – fehlt.``: the symbols of values without a number."""
    return "Zeichen: " + " · ".join(f"{SYMBOLS[s]} {LABELS_DE[s]}" for s in UNUSABLE) + "."


def with_marker(text: str, provenance: str | None) -> str:
    """``40,1 %`` → ``40,1 % (gemischt (teils Demodaten))`` for mixed values, ``(Demo)`` for synthetic
    ones when the build also holds real files (in an all-demo build the page notice says it once)."""
    return with_markers([text], [provenance])[0]


def with_markers(texts: list[str], provenances: list[str | None]) -> list[str]:
    """:func:`with_marker` for a column of values (the build is looked up once)."""
    markers = dict(PROVENANCE_MARKERS_DE)
    if "synthetic" in provenances and not meta.has_official_files():
        markers["synthetic"] = ""
    marked = [(text, markers.get(p or "official", "")) for text, p in zip(texts, provenances, strict=True)]
    return [f"{text} ({marker})" if marker else text for text, marker in marked]


def break_marks(indicator_id: str, frame: pd.DataFrame, x: str = "when") -> list[tuple[str, str]]:
    """(x category, label) of each break that falls inside the years shown (values before and from)."""
    marks = []
    for year, label in indicators.series_breaks(indicator_id)[["year", "label"]].itertuples(index=False):
        after = frame[frame["year"] >= year]
        if not after.empty and (frame["year"] < year).any():
            marks.append((str(after.sort_values(["year", "period"])[x].iloc[0]), label))
    return marks


def download_meta(entry: Indicator, build: dict[str, str], region: str | None = None) -> dict[str, str]:
    """Rows of the XLSX sheet "Quelle und Definition"."""
    stand = sources.stand(entry.sources)
    breaks = [f"ab {y}: {n}" for y, n in indicators.series_breaks(entry.id)[["year", "note"]].itertuples(
        index=False)]
    sheet = {
        "Indikator": entry.title, "Einheit": entry.unit, "Definition": entry.methodology,
        "Zähler": entry.numerator, "Nenner": entry.denominator, "Quelle": sources.source_line(entry.sources),
        "Lizenz und Namensnennung": sources.attribution(entry.sources, (stand or "")[:4] or None),
        "Stand der Daten": fmt.fmt_date_time(stand),
        "Brüche in der Zeitreihe": "; ".join([*breaks, entry.breaks]).strip("; "),
        "Rundung": entry.rounding_note,
        "Datenstand (Build)": f"{build.get('build_id', '')} vom {fmt.fmt_date_time(build.get('built_at'))}",
    }
    if region:
        sheet["Region"] = regions.label(region)
    if build.get("synthetic") == "true":
        sheet["Hinweis"] = DEMO_HINT
    return sheet


def value_table(frame: pd.DataFrame, entry: Indicator) -> pd.DataFrame:
    """German table of value rows: exactly what tables and downloads show."""
    labels = regions.labels()
    return pd.DataFrame({
        "Region": [labels.get(a, a) for a in frame["ags"]], "AGS": frame["ags"],
        "Zeitraum": [fmt.indicator_period(entry.stichtag, p, y)
                     for p, y in zip(frame["period"], frame["year"], strict=True)],
        "Jahr": frame["year"].astype(int),
        f"Wert ({charts.unit_title(entry.unit) or 'Anzahl'})":
            fmt.round_half_up(frame["value"], entry.decimals),
        "Anzeige": with_markers([fmt.fmt_value(v, s, entry.decimals, entry.unit)
                                 for v, s in zip(frame["value"], frame["status"], strict=True)],
                                list(frame["provenance"])),
        "Status": [LABELS_DE.get(s, s) for s in frame["status"]],
        "Herkunft": [PROVENANCE_LABELS_DE.get(p, "unbekannt") for p in frame["provenance"]],
        "Zähler": frame["numerator"], "Nenner": frame["denominator"],
    }).reset_index(drop=True)
