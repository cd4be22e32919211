"""The report chapter "Versorgungslücken": Kita places per Jugendamt (or per Gemeinde where the home Kreis
has no Jugendamt mapping), Offener Ganztag up to the full legal right in 2029/30, and training places
(applicants minus places, mismatch) — with the default demand rates stated and the total gap at two other
rates.

Every figure comes from the mart's table macros through ``monitor.views.gaps`` / ``monitor.views.training``
(``monitor.queries.gaps``); here they are only formatted. A report for a Gemeinde or Jugendamt shows the
region's own row next to the Kreis figures.
"""

import dataclasses
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from monitor import charts, fmt
from monitor.queries import gaps as queries
from monitor.queries import regions
from monitor.reports.figures import ChartSpec
from monitor.views import gaps as views
from monitor.views import training

#: The two other demand rates of the sensitivity table (below and above the default).
SENSITIVITY = {"u3": (0.40, 0.50), "3to6": (0.92, 1.00), "ogs": (0.70, 0.90)}
DEFAULTS = {"u3": views.U3_RATE_DEFAULT, "3to6": views.KITA_3TO6_RATE_DEFAULT, "ogs": views.OGS_RATE_DEFAULT}
OGS_FULL = 2029  # school year 2029/30: legal right for grades 1 to 4
OGS_STEPS = (2026, 2027, 2028, 2029)
TRAINING_ROWS = 8  # occupation groups in the table (largest absolute gap first)
PLURAL = {"Jugendamt": "Jugendämtern", "Gemeinde": "Gemeinden"}


@dataclass(frozen=True)
class Table:
    caption: str
    head: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Block:
    """One part of the chapter (Kita U3, Kita 3–6, OGS, Ausbildung)."""

    key: str
    title: str
    summary: tuple[str, ...]
    charts: tuple[ChartSpec, ...] = ()
    tables: tuple[Table, ...] = ()
    assumption: str = ""
    notes: str = ""
    source: str = ""


@dataclass(frozen=True)
class Chapter:
    intro: str
    blocks: tuple[Block, ...]
    source_codes: tuple[str, ...]


def _n(value) -> str:
    return fmt.fmt_number(None if fmt.is_missing(value) else float(value), 0)


def _rate(rate: float) -> str:
    return f"{fmt.fmt_number(rate * 100, 0)} %"


def _own(table: pd.DataFrame, region: str) -> pd.Series | None:
    rows = table[table["ags"] == region]
    return None if rows.empty else rows.iloc[0]


def gap_word(row: pd.Series) -> str:
    """``es fehlen rechnerisch 32 Plätze`` / ``es gibt 110 Plätze mehr als Bedarf`` / ``der Bedarf ist
    gedeckt`` / ``die Lücke ist unbekannt (geheim)``."""
    if fmt.is_missing(row["gap"]):
        return f"die Lücke ist unbekannt ({charts.status_word(row['status'])})"
    if row["gap"] > 0:
        return f"es fehlen rechnerisch {_n(row['gap'])} Plätze"
    return f"es gibt {_n(-row['gap'])} Plätze mehr als Bedarf" if row["gap"] < 0 else "der Bedarf ist gedeckt"


def summary(table: pd.DataFrame, region: str, area: str) -> tuple[str, ...]:
    """Largest gap and the Kreis total (the mart's ``missing_total``/``missing_areas``); for a Gemeinde or
    Jugendamt its own row and rank first."""
    known = table[table["gap"].notna()]
    if known.empty:
        return ("Für kein Gebiet ist die Lücke berechenbar (Eingangswerte fehlen oder sind geheim).",)
    top, kreis = known.iloc[0], regions.label(regions.home().kreis)
    lines = []
    own = _own(table, region)
    if own is not None:
        rank = f", Rang {int(own['position'])} von {len(table)}" if not fmt.is_missing(own["gap"]) else ""
        lines.append(f"{own['name']}: {gap_word(own)} (Bedarf {_n(own['demand'])}, vorhanden "
                     f"{_n(own['places'])}{rank}).")
    if top["gap"] > 0 and (own is None or own["ags"] != top["ags"]):
        lines.append(f"Größte Lücke {kreis_prefix(kreis)}: {top['name']} mit {_n(top['gap'])} fehlenden "
                     "Plätzen.")
    lines.append(views.missing_sentence(table, PLURAL[area]))
    unknown = len(table) - len(known)
    if unknown:
        lines.append(f"Für {unknown} Gebiet(e) ist die Lücke unbekannt (Eingangswert geheim oder fehlend).")
    return tuple(lines)


def kreis_prefix(kreis: str) -> str:
    return f"im {kreis}" if kreis.startswith("Kreis") else f"in {kreis}"


def sensitivity(rows: list[tuple[float, pd.DataFrame]], key: str, region: str, first: str) -> Table:
    """Total gap of the Kreis (and the region's own gap) at the default and the two other demand rates."""
    own_name = next((str(r["name"]) for _, t in rows if (r := _own(t, region)) is not None), None)
    own_head = [f"Lücke {own_name}"] if own_name else []
    head = (first, "fehlende Plätze zusammen", "Gebiete mit Lücke", *own_head)
    lines = []
    for rate, table in rows:
        label = _rate(rate) + (" (Voreinstellung)" if rate == DEFAULTS[key] else "")
        lines.append((label, *totals(table), *([own_gap(table, region)] if own_name else ())))
    return Table("Empfindlichkeit: fehlende Plätze bei anderen Bedarfsquoten", head, tuple(lines))


def totals(table: pd.DataFrame) -> tuple[str, str]:
    """The mart's sum of missing places and the number of areas with a gap (``4 von 5``)."""
    known = table[table["gap"].notna()]
    if known.empty:
        return fmt.SYMBOLS["missing"], fmt.SYMBOLS["missing"]
    return _n(known["missing_total"].iloc[0]), f"{known['missing_areas'].iloc[0]} von {len(table)}"


def own_gap(table: pd.DataFrame, region: str) -> str:
    own = _own(table, region)
    return fmt.SYMBOLS["missing"] if own is None else fmt.fmt_value(own["gap"], own["status"], 0)


def highlighted(spec: ChartSpec, name: str | None) -> ChartSpec:
    """A copy of a gap chart with the report region's bar in the highlight colour (the view is cached
    and stays untouched)."""
    if name is None:
        return spec
    fig = go.Figure(spec.view.fig)  # a copy
    for trace in fig.data:
        if trace.type == "bar" and trace.y is not None:
            trace.marker.color = [charts.HIGHLIGHT if y == name else charts.CONTEXT for y in trace.y]
    return dataclasses.replace(spec, view=dataclasses.replace(spec.view, fig=fig))


def _spec(view: charts.View, source: str) -> ChartSpec:
    return ChartSpec("gap", str(view.fig.layout.title.text or "").replace("<br>", " "), source, view)


# --- blocks -----------------------------------------------------------------------------------------------


def kita_level(region: str) -> str:
    """Jugendamt for a Jugendamt report, Gemeinde for a Gemeinde, else the home Kreis's first Kita level."""
    home = regions.home()
    if region in home.jugendaemter:
        return "jugendamt"
    return "gemeinde" if region in home.gemeinden else home.kita_levels[0]


def kita_block(region: str, band: str) -> tuple[Block, tuple[str, ...]]:
    kreis, level = regions.home().kreis, kita_level(region)
    area = views.LEVEL_LABELS[level]
    rate = DEFAULTS[band]
    table, info = views.kita(kreis, band, rate, level)
    title = f"Kita-Plätze {views.BAND_LABELS[band]}"
    if info.data_year is None:
        return Block(f"kita-{band}", title, ("Keine Platzzahlen je Jugendamt oder Gemeinde.",)), ()
    low, high = SENSITIVITY[band]
    rows = [(r, table if r == rate else views.kita(kreis, band, r, level)[0])
            for r in sorted({low, rate, high})]
    source = views.gap_source(info)
    own = _own(table, region)
    chart = highlighted(_spec(views.kita_view(kreis, band, rate, level), source),
                        None if own is None else str(own["name"]))
    lines = (f"{views.kita_scope(band, info)}, Bedarfsquote {_rate(rate)}.", *summary(table, region, area))
    return Block(f"kita-{band}", f"{title} je {area}", lines, (chart,),
                 (sensitivity(rows, band, region, "Bedarfsquote"),), views.ASSUMPTIONS_DE[band],
                 views.kita_notes(info), source), info.sources


def ogs_steps(region: str, rate: float) -> Table:
    """The gap while the legal right grows by one grade a year, up to all four grades in 2029/30."""
    head = ["Schuljahr", "Klassen mit Rechtsanspruch", "fehlende Plätze zusammen", "Gebiete mit Lücke"]
    lines, own_name = [], None
    for year in OGS_STEPS:
        table, info = views.ogs(regions.home().kreis, year, rate)
        line = [fmt.school_year_label(year), f"{info.grades} von 4", *totals(table)]
        own = _own(table, region)
        if own is not None:
            own_name = str(own["name"])
            line.append(own_gap(table, region))
        lines.append(tuple(line))
    if own_name:
        head.append(f"Lücke {own_name}")
    return Table(f"Stufenweiser Rechtsanspruch (Bedarfsquote {_rate(rate)})", tuple(head), tuple(lines))


def ogs_block(region: str) -> tuple[Block, tuple[str, ...]]:
    kreis, rate = regions.home().kreis, DEFAULTS["ogs"]
    table, info = views.ogs(kreis, OGS_FULL, rate)
    low, high = SENSITIVITY["ogs"]
    rows = [(r, table if r == rate else views.ogs(kreis, OGS_FULL, r)[0]) for r in sorted({low, rate, high})]
    source = views.gap_source(info)
    own = _own(table, region)
    chart = highlighted(_spec(views.ogs_view(kreis, OGS_FULL, rate), source),
                        None if own is None else str(own["name"]))
    lines = (f"Offener Ganztag, {views.ogs_scope(OGS_FULL, info.grades)}, Bedarfsquote {_rate(rate)}.",
             *summary(table, region, "Gemeinde"))
    tables = (ogs_steps(region, rate), sensitivity(rows, "ogs", region, f"Bedarfsquote "
                                                   f"{fmt.school_year_label(OGS_FULL)}"))
    return Block("ogs", "Offener Ganztag bis zum vollen Rechtsanspruch 2029/30", lines, (chart,), tables,
                 views.ASSUMPTIONS_DE["ogs"], views.ogs_notes(info, OGS_FULL), source), info.sources


def training_block(region: str) -> tuple[Block, tuple[str, ...]] | None:
    home = regions.home()
    market = training.region(home.kreis, home.agentur)
    years = training.years(market)
    if market is None or not years:
        return None
    year, balance = years[0], training.balance(market, years[0])
    known = balance[balance["gap"].notna()]
    lines = [f"Berichtsgebiet: {regions.label(market)}, Berichtsjahr {fmt.school_year_label(year - 1)} "
             f"(Stand 30.09.{year})."]
    if region not in (home.kreis, market):
        lines.append(f"Zahlen zum Ausbildungsmarkt gibt es nicht für {regions.label(region)}; gezeigt ist "
                     f"das Berichtsgebiet.")
    if not known.empty:
        ordered = known.sort_values("gap")
        short, spare = ordered.iloc[-1], ordered.iloc[0]
        if short["gap"] > 0:
            lines.append(f"Mehr Bewerber als Stellen vor allem in der Berufsgruppe {group(short)} "
                         f"({_n(short['gap'])} mehr Bewerber als Stellen).")
        if spare["gap"] < 0:
            lines.append(f"Mehr Stellen als Bewerber vor allem in der Berufsgruppe {group(spare)} "
                         f"({_n(-spare['gap'])} Stellen mehr).")
    cells = [("occupation_group", None), ("applicants", "applicants_status"), ("places", "places_status"),
             ("gap", "status"), ("unplaced", "unplaced_status"), ("unfilled", "unfilled_status"),
             ("mismatch", "mismatch_status")]
    rows = tuple(tuple(group(r, 40) if status is None else fmt.fmt_value(r[col], r[status], 0)
                       for col, status in cells) for _, r in balance.head(TRAINING_ROWS).iterrows())
    head = ("Berufsgruppe (KldB 2010)", "Bewerber", "Stellen", "Bewerber minus Stellen",
            "unversorgte Bewerber", "unbesetzte Stellen", "Unversorgte je 100 unbesetzte")
    source = training.source_line(market)
    table = Table(f"Die {min(TRAINING_ROWS, len(balance))} Berufsgruppen mit der größten Abweichung "
                  "(über 100: mehr unversorgte Bewerber als unbesetzte Stellen)", head, rows)
    view = training.training_view(market, year)
    notes = "Bewerber und Stellen: bei der Bundesagentur für Arbeit gemeldete Fälle."
    return Block("ausbildung", "Ausbildungsplätze: Bewerber minus Stellen", tuple(lines),
                 (_spec(view, source),), (table,), "", notes, source), tuple(queries.training_sources(market))


def group(row: pd.Series, width: int = 200) -> str:
    """``71 Berufe in Unternehmensführung …`` (code and name of the occupation group)."""
    code, label = str(row["occupation_group"]), row["label"]
    return training.occupation_name(code, {code: "" if fmt.is_missing(label) else str(label)}, width)


def available(region: str) -> bool:
    """The chapter needs Kita places of the home Kreis (every report region belongs to it)."""
    _, info = views.kita(regions.home().kreis, "u3", DEFAULTS["u3"], kita_level(region))
    return info.data_year is not None


def chapter(region: str) -> Chapter:
    """The Versorgungslücken chapter for a report region."""
    home = regions.home()
    parts = [kita_block(region, "u3"), kita_block(region, "3to6"), ogs_block(region), training_block(region)]
    found = [p for p in parts if p is not None]
    intro = ("Lücke = Bedarf − vorhandene Plätze; positive Werte: es fehlen Plätze. Der Bedarf folgt aus "
             "Planungsannahmen (Bedarfsquoten); die Tabellen zeigen, wie die Lücke mit anderen Quoten "
             "ausfällt. Die Zahlen stammen aus denselben Berechnungen wie die Seite „Versorgungslücken“.")
    if not home.jugendaemter:
        intro += (f" Für {regions.label(home.kreis)} ist keine Zuordnung der Gemeinden zu Jugendämtern "
                  "hinterlegt; die Kita-Lücken stehen daher je Gemeinde.")
    codes = tuple(dict.fromkeys(code for _, c in found for code in c))
    return Chapter(intro, tuple(b for b, _ in found), codes)
