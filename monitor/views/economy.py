"""Views of "Bildung & Wirtschaft": sector structure against the Land (location quotients), key industries,
BA training places per sector, training rates and apprentices by area. Every figure comes from the mart
(``monitor.queries.economy``); here only charts, data tables and German texts are built.

Sectors are the grouped WZ 2008 positions of 13111-07-05-4 (``etl.sectors.WZ_LABELS``); occupation groups
(KldB 2010, 2-digit) are linked to the partition positions by ``catalogue/occupation_sector_mapping.csv``
(weights per group sum to 1; estimates, not an official key).
"""

import pandas as pd
import plotly.graph_objects as go

from etl.status import UNUSABLE
from monitor import charts, fmt
from monitor.db import per_build
from monitor.queries import economy as q
from monitor.queries import regions, sources
from monitor.views import context

#: Ausbildungsbereiche of the apprentice statistics, in display order
AREA_LABELS = {
    "IH": "Industrie und Handel", "HW": "Handwerk", "OD": "Öffentlicher Dienst", "LW": "Landwirtschaft",
    "FB": "Freie Berufe", "HWI": "Hauswirtschaft", "total": "Insgesamt",
}
RATE_LABELS = {
    "training_rate": "Auszubildende je 100 Beschäftigte (Ausbildungsquote)",
    "per_older_employees": "Auszubildende je 100 Beschäftigte ab 50 Jahren",
}
#: header of the reference share in the location-quotient table (kept as recorded in the page figures)
REFERENCE_SHARE = "Anteil NRW (%)"
#: source tables per chart (the source line names those with a file in the build, with their Stand)
SOURCES = {
    "employees": ["13111-07-05-4"],
    "sectors": ["13111-07-05-4", "LOCAL-AUSBILDUNGSMARKT"],
    "rates": ["LOCAL-AUSZUBILDENDE", "13111-07-05-4", "13111-05-03-4"],
    "apprentices": ["LOCAL-AUSZUBILDENDE"],
    "market": ["LOCAL-AUSBILDUNGSMARKT"],
}
MAPPING_NOTE = ("Zuordnung Berufsgruppen (KldB 2010, 2-Steller) ↔ Wirtschaftsbereiche (zusammengefasste "
                "Abschnitte der WZ 2008 wie in der Beschäftigtenstatistik): eigene Schätzgewichte je "
                "Berufsgruppe (Summe 1), kein amtlicher Schlüssel; Datei "
                "catalogue/occupation_sector_mapping.csv mit Begründung je Zeile.")


def source(chart: str) -> str:
    """Source line of a chart of this page (``SOURCES``)."""
    return sources.source_line(SOURCES[chart])


def _words(status: pd.Series) -> pd.Series:
    return status.map(charts.status_word)


def reference_line(fig: go.Figure, x: float, label: str) -> None:
    """Dashed vertical reference line with a label (for ratios without a unit suffix)."""
    charts.add_reference(fig, x, label)  # no value label crossed by the line


def reference_name(region: str, year: int) -> str:
    """Name of the reference region of the location quotients (the Land of a Kreis)."""
    refs = q.structure(region, year)["ref_ags"].dropna()
    return regions.label(str(refs.iloc[0])) if not refs.empty else ""


@per_build
def key_industries_text(region: str, year: int) -> str:
    """``Schlüsselbranchen: …`` with share and location quotient of each (plain text)."""
    keys = q.key_industries(region, year)
    if keys.empty:
        return "Kein Wirtschaftsbereich erfüllt die Kriterien einer Schlüsselbranche."
    items = [f"{r.label} ({fmt.fmt_number(r.share, 1)} % der Beschäftigten, Standortquotient "
             f"{fmt.fmt_number(r.lq, 2)})" for r in keys.itertuples()]
    return "Schlüsselbranchen: " + "; ".join(items) + "."


@per_build
def lq_view(region: str, year: int) -> charts.View:
    """Bar chart of location quotients with the Land at 1; key industries highlighted."""
    lq = q.structure(region, year)
    land = reference_name(region, year)
    title = f"Standortquotienten, {regions.label(region)} gegenüber {land}, {year}"
    line = source("employees")
    fig = charts.bar_ranking(lq, category="label", value="lq", title=title, unit=None, source=line,
                             highlight=lq.loc[lq["key_industry"], "label"], decimals=2)
    reference_line(fig, 1.0, f"{land} = 1")
    fig.update_xaxes(title_text=f"Standortquotient ({land} = 1)")
    rows = charts.display_order(lq, "lq")  # the download in the order of the bars
    data = pd.DataFrame({"Abschnitte": rows["wz_section"], "Wirtschaftsbereich": rows["label"],
                         "Beschäftigte": rows["employees"],
                         "Anteil Region (%)": fmt.round_half_up(rows["share"], 1),
                         REFERENCE_SHARE: fmt.round_half_up(rows["ref_share"], 1),
                         "Standortquotient": fmt.round_half_up(rows["lq"], 2),
                         "Status": _words(rows["status"])})
    alt = (f"Balkendiagramm: {title}. Werte über 1 bedeuten einen höheren Beschäftigtenanteil als in "
           f"{land}. " + key_industries_text(region, year))
    meta = context.meta(title, line, SOURCES["employees"], region=region, period=str(year),
                        assumptions={"Bezugsregion (= 1)": land})
    return charts.View(fig, data, alt, context.filename("standortquotienten", year, region=region), meta)


@per_build
def sector_view(region: str, year: int, market_ags: str | None, market_year: int | None) -> charts.View:
    """BA training places per 100 employees by sector (the training effort of each sector)."""
    table = q.sector_training(region, year, market_ags, market_year)
    title = f"Ausbildungsstellen je 100 Beschäftigte nach Wirtschaftsbereich, {year}"
    line = source("sectors")
    fig = charts.bar_ranking(table, category="label", value="places_per_100", title=title,
                             unit=None, source=line, status="status", decimals=1)
    fig.update_xaxes(title_text="Ausbildungsstellen je 100 Beschäftigte")
    rows = charts.display_order(table, "places_per_100")  # the download in the order of the bars
    data = pd.DataFrame({
        "Wirtschaftsbereich": rows["label"], "Beschäftigte": rows["employees"],
        "Ausbildungsstellen (zugeordnet)": fmt.round_half_up(rows["places"], 1),
        "Bewerber (zugeordnet)": fmt.round_half_up(rows["applicants"], 1),
        "Stellen je 100 Beschäftigte": fmt.round_half_up(rows["places_per_100"], 1),
        "Status": _words(rows["status"]),
    })
    low = table.dropna(subset=["places_per_100"]).sort_values("places_per_100")
    alt = f"Balkendiagramm: {title}. "
    if not low.empty:
        alt += (f"Am wenigsten Ausbildungsstellen je Beschäftigtem: {low['label'].iloc[0]} "
                f"({fmt.fmt_number(low['places_per_100'].iloc[0], 1)}).")
    meta = context.meta(title, line, SOURCES["sectors"], region=region, period=str(year),
                        assumptions={"Zuordnung und Ausbildungsmarkt": market_note(market_ags, market_year)})
    return charts.View(fig, data, alt, context.filename("ausbildungsstellen_je_bereich", year, region=region),
                       meta)


def market_note(market_ags: str | None, market_year: int | None) -> str:
    """Caption: the mapping and the reporting area / year of the training market."""
    if market_ags is None or market_year is None:
        return MAPPING_NOTE
    return (f"{MAPPING_NOTE} Ausbildungsmarkt: {regions.label(market_ags)}, Berichtsjahr bis "
            f"30.09.{market_year}.")


@per_build
def rate_view(region: str) -> charts.View:
    """Training rate and apprentices per 100 employees aged 50 and over, by year."""
    series = q.training_rates(region)
    title = f"Auszubildende je 100 Beschäftigte, {regions.label(region)}"
    frame = series.assign(Jahr=series["year"].astype(str), Kennzahl=series["measure"].map(RATE_LABELS))
    line = source("rates")
    fig = charts.line_chart(frame, x="Jahr", y="value", series="Kennzahl", title=title,
                            unit="je 100 Beschäftigte", source=line)
    data = pd.DataFrame({"Jahr": frame["Jahr"], "Kennzahl": frame["Kennzahl"],
                         "Wert": fmt.round_half_up(frame["value"], 2),
                         "Auszubildende": frame["numerator"], "Beschäftigte": frame["denominator"],
                         "Status": _words(frame["status"])})
    last = frame.dropna(subset=["value"]).sort_values("year").groupby("Kennzahl", sort=False).tail(1)
    alt = f"Liniendiagramm: {title}. " + " ".join(
        f"{r.Kennzahl} {r.Jahr}: {fmt.fmt_number(r.value, 1)}." for r in last.itertuples())
    years = sorted(frame["Jahr"].unique())
    meta = context.meta(title, line, SOURCES["rates"], region=region,
                        period=f"{years[0]} bis {years[-1]}" if years else None)
    return charts.View(fig, data, alt, context.filename("ausbildungsquote", region=region), meta)


@per_build
def apprentices_view(region: str) -> charts.View | None:
    """Apprentices by Ausbildungsbereich in the latest year (None without such figures)."""
    data = q.apprentices_by_area(region)
    if data.empty:
        return None
    order = {area: i for i, area in enumerate(AREA_LABELS)}
    part = data.assign(_order=data["area"].map(order)).sort_values("_order", na_position="last")
    part = part.assign(Bereich=part["area"].map(AREA_LABELS).fillna(part["area"]))
    year = int(part["year"].iloc[0])
    title = f"Auszubildende nach Ausbildungsbereich, {regions.label(region)}, 31.12.{year}"
    line = source("apprentices")
    fig = charts.bar_ranking(part, category="Bereich", value="value", title=title, unit="Anzahl",
                             source=line, decimals=0)
    fig.update_xaxes(title_text="Auszubildende")
    rows = charts.display_order(part, "value")  # the download in the order of the bars
    shown = pd.DataFrame({"Bereich": rows["Bereich"], "Auszubildende": rows["value"],
                          "Status": _words(rows["status"])}).reset_index(drop=True)
    alt = f"Balkendiagramm: {title}. "
    known = part[~part["status"].isin(UNUSABLE)].sort_values("value", ascending=False)
    if not known.empty:
        top = known.iloc[0]
        alt += f"Größter Bereich: {top['Bereich']} ({fmt.fmt_number(top['value'], 0)})."
    meta = context.meta(title, line, SOURCES["apprentices"], region=region, period=f"31.12.{year}")
    name = context.filename("auszubildende_nach_bereich", year, region=region)
    return charts.View(fig, shown, alt, name, meta)


@per_build
def mapping_display() -> pd.DataFrame:
    """The mapping table for display (from mart.occupation_sectors)."""
    mapping = q.mapping()
    return pd.DataFrame({"Berufsgruppe": mapping["kldb2"] + " " + mapping["kldb2_label"],
                         "Wirtschaftsbereich": mapping["wz_label"], "Gewicht": mapping["weight"],
                         "Begründung": mapping["note"]})
