"""Versorgungslücken (Kita, Offener Ganztag): charts, tables and German texts over the mart's gap macros.

Figures come from ``monitor.queries.gaps`` (``mart.kita_gap`` / ``mart.ogs_gap``); here they are only
shaped for display. Views are cached per build and keyed by the scalar scenario parameters.
"""

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from monitor import charts, fmt, maps
from monitor.db import per_build
from monitor.markup import escape
from monitor.queries import gaps as queries
from monitor.queries import regions, sources
from monitor.views import context
from monitor.views.gap_tables import gap_data, status_words

#: Default demand rates; planning assumptions the user can change (shown with their source).
U3_RATE_DEFAULT = 0.45
KITA_3TO6_RATE_DEFAULT = 0.97
OGS_RATE_DEFAULT = 0.80

ASSUMPTIONS_DE = {
    "u3": "Bedarfsquote U3 (Voreinstellung 45 %): Annahme in der Größenordnung der Elternbedarfe für "
    "unter Dreijährige laut DJI-Kinderbetreuungsstudie (KiBS); Rechtsanspruch ab dem 1. Geburtstag "
    "(Kinderförderungsgesetz, KiföG, seit 1.8.2013). Anpassbar.",
    "3to6": "Bedarfsquote 3 bis unter 6 Jahre (Voreinstellung 97 %): Annahme nahe der Vollversorgung; "
    "Rechtsanspruch ab dem 3. Geburtstag (§ 24 SGB VIII). Anpassbar.",
    "ogs": "Bedarfsquote Ganztag (Voreinstellung 80 %): Annahme in der Größenordnung der Elternbedarfe "
    "für Grundschulkinder laut DJI-Kinderbetreuungsstudie (KiBS). Rechtsanspruch auf Ganztagsbetreuung "
    "(Ganztagsförderungsgesetz): ab August 2026 für Klasse 1, jedes Jahr eine Klasse mehr, ab "
    "Schuljahr 2029/30 für Klassen 1 bis 4. Vereinfachung: gleich große Jahrgänge (Grundschulkinder ÷ 4). "
    "Anpassbar.",
}
BAND_LABELS = {"u3": "unter 3 Jahre (U3)", "3to6": "3 bis unter 6 Jahre"}
LEVEL_LABELS = {"jugendamt": "Jugendamt", "gemeinde": "Gemeinde"}


@dataclass(frozen=True)
class GapInfo:
    """What a gap table rests on (the same on every row of a macro result)."""

    data_year: int | None  # Kita year (Stichtag 1 March) or school year start of the place data
    pop_year: int | None = None  # population at 31.12. (Kita only)
    target_year: int | None = None  # projected year (Kita) or the school year asked for (OGS)
    methods: tuple[str, ...] = ()  # how children were projected (distinct, sorted)
    sources: tuple[str, ...] = ()  # table codes read
    grades: int | None = None  # OGS: entitled grades of 4


def _int(frame: pd.DataFrame, column: str) -> int | None:
    if frame.empty or column not in frame or fmt.is_missing(frame[column].iloc[0]):
        return None
    return int(frame[column].iloc[0])


def _info(frame: pd.DataFrame, data_year: str, target_year: str) -> GapInfo:
    methods = sorted({m for row in frame["methods"] for m in row}) if not frame.empty else []
    return GapInfo(data_year=_int(frame, data_year), pop_year=_int(frame, "pop_year"),
                   target_year=_int(frame, target_year), methods=tuple(methods),
                   sources=tuple(frame["sources"].iloc[0]) if not frame.empty else (),
                   grades=_int(frame, "grades"))


def kita(kreis: str, band: str, rate: float, level: str, target_year: int | None = None
         ) -> tuple[pd.DataFrame, GapInfo]:
    """Kita gap table (``mart.kita_gap``) and what it rests on."""
    frame = queries.kita_gap(kreis, band, rate, level, target_year)
    return frame, _info(frame, "kita_year", "target_year")


def ogs(kreis: str, school_year_start: int, rate: float) -> tuple[pd.DataFrame, GapInfo]:
    """OGS gap table (``mart.ogs_gap``) and what it rests on (``target_year`` only when projected)."""
    frame = queries.ogs_gap(kreis, school_year_start, rate)
    info = _info(frame, "data_year", "school_year_start")
    if info.methods:  # projected beyond the data year
        return frame, info
    return frame, GapInfo(info.data_year, sources=info.sources, grades=info.grades)


# --- labels and texts ---------------------------------------------------------------------------------


def target_options(first: int = 2026, last: int = 2040) -> dict[str, str]:
    """Scenario years for the projection; ``heute`` = latest data."""
    return {"heute": "heutiger Stand (letzte Daten)", **{str(y): str(y) for y in range(first, last + 1)}}


def school_year_options(first: int, last: int) -> fmt.Options:
    """Schuljahre for the OGS selector, labelled as in the texts: ``2029`` → ``2029/30``."""
    return fmt.Options({str(y): fmt.school_year_label(y) for y in range(first, last + 1)})


def level_options(levels: tuple[str, ...]) -> dict[str, str]:
    """The Kita levels of the home Kreis (``Home.kita_levels``) with their German labels."""
    return {level: LEVEL_LABELS[level] for level in levels}


def no_jugendamt_note(kreis: str) -> str:
    return (f"Für {regions.label(kreis)} ist keine Zuordnung der Gemeinden zu Jugendämtern hinterlegt, daher "
            "zeigt die Seite die Kita-Lücken je Gemeinde; ergänzen lässt sie sich mit je einer Zeile pro "
            "Jugendamt in catalogue/regions.csv und seinen Gemeinden in catalogue/jugendamt_mapping.csv "
            "(siehe CONTRIBUTING.md).")


def gap_source(info: GapInfo) -> str:
    """Source line of a gap: the tables the macro read that have a file in the build, with their Stand."""
    return sources.source_line(list(info.sources))


def kita_scope(band: str, info: GapInfo, short: bool = False) -> str:
    """``unter 3 Jahre (U3), Kita-Jahr 2024/25`` or ``…, Kinder vorausberechnet für 2030``."""
    if info.target_year:
        when = f"{'Prognose' if short else 'Kinder vorausberechnet für'} {info.target_year}"
    elif info.data_year:
        when = f"Kita-Jahr {fmt.kita_year_label(info.data_year)}"
    else:
        when = "ohne Daten"
    label = {"u3": "U3", "3to6": "3–6 Jahre"}[band] if short else BAND_LABELS[band]
    return f"{label}, {when}"


def ogs_scope(school_year_start: int, grades: int | None = None) -> str:
    grades = queries.entitled_grades(school_year_start) if grades is None else grades
    return f"Schuljahr {fmt.school_year_label(school_year_start)}, Rechtsanspruch für {grades} von 4 Klassen"


def kita_notes(info: GapInfo) -> str:
    """Caption with the data years and how projected children were obtained."""
    parts = []
    if info.data_year:
        parts.append(f"Plätze: Kita-Jahr {fmt.kita_year_label(info.data_year)} (Stichtag 1. März "
                     f"{info.data_year}), Ort der Einrichtung.")
    if info.pop_year:
        parts.append(f"Kinder: Bevölkerung am 31.12.{info.pop_year} (Wohnort).")
    if info.target_year:
        parts.append(f"Vorausberechnung {info.target_year}: {', '.join(info.methods)}; die Plätze bleiben "
                     "auf dem heutigen Stand. Gemeindeergebnisse sind Modellrechnungen mit größerer "
                     "Unsicherheit.")
    return " ".join(parts)


def ogs_notes(info: GapInfo, school_year_start: int) -> str:
    parts = []
    if info.data_year:
        label = fmt.school_year_label(info.data_year)
        parts.append(f"Plätze und Grundschulkinder: Schuljahr {label}, Schulort.")
    if info.methods:
        start = fmt.school_year_label(school_year_start)
        parts.append(f"Grundschulkinder für {start} mit der Vorausberechnung "
                     f"der 6- bis unter 10-Jährigen fortgeschrieben ({', '.join(info.methods)}); Plätze auf "
                     "heutigem Stand.")
    return " ".join(parts)


def missing_sentence(table: pd.DataFrame, areas: str = "Gebieten") -> str:
    """``Zusammen fehlen 319 Plätze in 3 von 5 Gebieten`` (the mart's total, the same on every row), with
    fmt.sum_remark where the areas' gaps as shown add up to another number."""
    top = table.iloc[0]
    remark = fmt.sum_remark(table["gap"][table["gap"] > 0], top["missing_total"])
    return (f"Zusammen fehlen {fmt.fmt_number(top['missing_total'], 0)} Plätze in {top['missing_areas']} von "
            f"{len(table)} {areas}{remark}.")


def gap_summary(table: pd.DataFrame, what: str, rate: float) -> str:
    """One German sentence block for the largest gap, the sum of missing places and unknown areas."""
    known = table[table["gap"].notna()]
    unknown = len(table) - len(known)
    rate_text = fmt.fmt_number(rate * 100, 0)
    if known.empty:
        return (f"Für keine Region ist die Lücke bei {escape(what)} berechenbar (Eingangswerte fehlen oder "
                "geheim).")
    top = known.iloc[0]
    if top["gap"] > 0:
        places = fmt.fmt_number(top["gap"], 0)
        text = (f"Größte Lücke: **{escape(top['name'])}** – es fehlen rechnerisch **{places}** Plätze "
                f"({escape(what)}, Bedarfsquote {rate_text} %). ")
    else:
        text = f"In keiner Region fehlen rechnerisch Plätze ({escape(what)}, Bedarfsquote {rate_text} %). "
    text += missing_sentence(table)
    if unknown:
        text += f" Für {unknown} Gebiet(e) ist die Lücke unbekannt (Eingangswert geheim oder fehlend)."
    return text


# --- charts -------------------------------------------------------------------------------------------


def room_for_labels(fig: go.Figure, values: pd.Series) -> None:
    """Widen the value axis so that labels outside negative and positive bars stay readable."""
    known = values.dropna()
    if known.empty:
        return
    low, high = min(known.min(), 0.0), max(known.max(), 0.0)
    span = (high - low) or 1.0
    fig.update_xaxes(range=[low - 0.25 * span if low < 0 else 0, high + 0.2 * span])


def gap_view(table: pd.DataFrame, info: GapInfo, *, title: str, filename: str, area_label: str, about: dict,
             need_label: str = "Kinder") -> charts.View:
    """Ranked bar chart of the gaps (positive = places missing) with its data, text alternative, context."""
    source = gap_source(info)
    fig = charts.bar_ranking(table, category="name", value="gap", title=title, unit="Anzahl", source=source,
                             status="status", decimals=0)
    fig.update_xaxes(title_text="fehlende Plätze (negativ: Überhang)")
    room_for_labels(fig, table["gap"])
    known = table[table["gap"].notna()]
    alt = f"Balkendiagramm: {title}. "
    if not known.empty:
        top = known.iloc[0]
        alt += f"Größte Lücke {top['name']} mit {fmt.fmt_number(top['gap'], 0)} Plätzen. "
    alt += f"{len(table) - len(known)} Gebiete ohne berechenbaren Wert."
    shown = gap_data(charts.display_order(table, "gap"), area_label, need_label)
    return charts.View(fig, shown, alt, filename, context.meta(title, source, info.sources, **about))


def gap_map(table: pd.DataFrame, info: GapInfo, *, title: str, filename: str, about: dict) -> charts.View:
    """Gemeinde tile map (or real boundaries) of the gap, with its data."""
    source = gap_source(info)
    data = table[["ags", "name", "gap", "status"]].rename(columns={"gap": "value"})
    fig = maps.indicator_map(data, level="gemeinde", title=title, unit="Plätze", source=source, decimals=0,
                             diverging=True)
    known = table[table["gap"].notna()]
    alt = (f"Karte der Gemeinden: {title}. Orange: es fehlen Plätze, blau: Überhang an Plätzen, weiß: "
           f"ausgeglichen; je kräftiger, desto größer. {len(table) - len(known)} Gemeinden ohne "
           "berechenbaren Wert (schraffiert).")
    shown = pd.DataFrame({"Gemeinde": table["name"], "Lücke (Plätze)": fmt.round_half_up(table["gap"], 1),
                          "Status": status_words(table["status"])})
    return charts.View(fig, shown, alt, filename, context.meta(title, source, info.sources, **about))


@per_build
def kita_view(kreis: str, band: str, rate: float, level: str, target_year: int | None = None) -> charts.View:
    """Bar chart of the Kita gaps per Jugendamt or Gemeinde."""
    table, info = kita(kreis, band, rate, level, target_year)
    title = f"Fehlende Kita-Plätze je {LEVEL_LABELS[level]}: {kita_scope(band, info, short=True)}"
    about = context.kita_about(kreis, rate, info, BAND_LABELS[band], ASSUMPTIONS_DE[band], kita_notes(info),
                               LEVEL_LABELS[level])
    name = context.kita_file("kita_luecke", kreis, band, rate, info, level)
    return gap_view(table, info, title=title, filename=name, area_label=LEVEL_LABELS[level], about=about)


@per_build
def kita_map(kreis: str, band: str, rate: float, target_year: int | None = None) -> charts.View:
    """Map of the Kita gaps per Gemeinde."""
    table, info = kita(kreis, band, rate, "gemeinde", target_year)
    about = context.kita_about(kreis, rate, info, BAND_LABELS[band], ASSUMPTIONS_DE[band], kita_notes(info))
    return gap_map(table, info, title=f"Kita-Lücke je Gemeinde: {kita_scope(band, info, short=True)}",
                   filename=context.kita_file("kita_karte", kreis, band, rate, info), about=about)


@per_build
def ogs_view(kreis: str, school_year_start: int, rate: float) -> charts.View:
    table, info = ogs(kreis, school_year_start, rate)
    title = f"Fehlende OGS-Plätze je Gemeinde, {fmt.school_year_label(school_year_start)}"
    about = context.ogs_about(kreis, rate, school_year_start, info, ASSUMPTIONS_DE["ogs"],
                              ogs_notes(info, school_year_start))
    return gap_view(table, info, title=title, area_label="Gemeinde", need_label="Grundschulkinder",
                    filename=context.ogs_file("ogs_luecke", kreis, rate, school_year_start), about=about)


@per_build
def ogs_map(kreis: str, school_year_start: int, rate: float) -> charts.View:
    table, info = ogs(kreis, school_year_start, rate)
    about = context.ogs_about(kreis, rate, school_year_start, info, ASSUMPTIONS_DE["ogs"],
                              ogs_notes(info, school_year_start))
    return gap_map(table, info, title=f"OGS-Lücke je Gemeinde, {fmt.school_year_label(school_year_start)}",
                   filename=context.ogs_file("ogs_karte", kreis, rate, school_year_start), about=about)
