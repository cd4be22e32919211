"""Views of "Übergänge": Grundschule → weiterführende Schulform, school leavers → iABE sectors
(rechnerisch), sector trends and the training-market outcome. Every figure comes from the mart
(``monitor.queries.flows``); here only charts (stacked bars, sankey), data tables and German texts.

Aggregate statistics do not show individual paths: the flows are fitted in the mart
(``mart.transition_flows``) and labelled "rechnerisch"; the assumption is ``FLOW_ASSUMPTION_DE``.
"""

import pandas as pd
import plotly.graph_objects as go

from etl.status import UNUSABLE
from monitor import charts, fmt
from monitor.db import per_build
from monitor.markup import escape
from monitor.queries import flows as q
from monitor.queries import indicators, regions, sources
from monitor.views import context
from monitor.views.shares import parts_alt, stacked_shares

#: school types of the transitions (LOCAL-UEBERGAENGE; SONST → other), total excluded
SCHOOL_LABELS = {
    "HS": "Hauptschule", "RS": "Realschule", "SK": "Sekundar-/Gemeinschaftsschule", "GE": "Gesamtschule",
    "GY": "Gymnasium", "PRIMUS": "PRIMUS-Schule", "FOE": "Förderschule", "other": "Sonstige",
}
CERT_LABELS = {
    "ohne_esa": "ohne Ersten Schulabschluss", "esa": "Erster Schulabschluss",
    "msa": "Mittlerer Schulabschluss", "fhr": "Fachhochschulreife", "ahr": "Allgemeine Hochschulreife",
}
SECTOR_LABELS = {
    "I": "Berufsausbildung (Sektor I)", "II": "Übergangsbereich (Sektor II)",
    "III": "Erwerb der Hochschulreife (Sektor III)", "IV": "Studium (Sektor IV)",
    "STUDY": "Studium (Annahme)",
    "REST": "Arbeit, Freiwilligendienst, Sonstiges (Rest)",
    "STUDENTS": "Studierende im Kreis (Bestand, Hochschulort)",
}
FLOW_ASSUMPTION_DE = (
    "Rechnerische Darstellung: Die amtlichen Zahlen zeigen keine individuellen Wege. Die Abgängerinnen und "
    "Abgänger eines Schuljahres werden so auf die Neuzugänge der Berufskolleg-Sektoren (iABE) verteilt, "
    "dass die Zahl je Abschluss erhalten bleibt und die Sektoren im Verhältnis ihrer Neuzugänge besetzt "
    "werden (iterative proportionale Anpassung). Zulässige Wege: ohne Abschluss und Erster Schulabschluss "
    "→ Übergangsbereich oder Berufsausbildung; Mittlerer Schulabschluss → alle Sektoren; "
    "Fachhochschulreife → Berufsausbildung oder Hochschulreife; Hochschulreife → Berufsausbildung. "
    "Studium: Annahme, dass die Hälfte der Abgänger mit Fachhochschulreife oder Hochschulreife ein Studium "
    "aufnimmt (die Studierendenstatistik zeigt nur den Bestand am Hochschulort). Der Rest (Abgänger minus "
    "Neuzugänge, mindestens 0) steht für Arbeit, Freiwilligendienst, Wegzug usw. Sind die Neuzugänge größer "
    "als die Abgänger, stammen sie teils aus früheren Jahrgängen oder anderen Kreisen; sie werden dann "
    "anteilig auf die Zahl der Abgänger verkleinert."
)
OUTCOME_LABELS = {
    "placed": "eingemündet oder anderer Verbleib (rechnerisch)",
    "alternative": "mit Alternative, weiter suchend",
    "unplaced": "unversorgt",
}
#: source tables per chart (the source line names those with a file in the build, with their Stand)
SOURCES = {
    "transitions": ["LOCAL-UEBERGAENGE"],
    "flows": ["21111-02-06-4", "LOCAL-IABE"],
    "sectors": ["LOCAL-IABE", "21311-01-01-4", "21311-01-01-4-B"],
    "market": ["LOCAL-AUSBILDUNGSMARKT"],
}
#: the catalogue indicator whose rounding note and place principle the transition charts share
TRANSITION_INDICATOR = "transition_rate_gy"


def source(chart: str) -> str:
    """Source line of a chart of this page (``SOURCES``)."""
    return sources.source_line(SOURCES[chart])


def rounding_note() -> str:
    """Caption of the transition charts: rounding and place principle from the catalogue."""
    entry = indicators.indicator(TRANSITION_INDICATOR)
    return (f"Schulstatistik: {entry.rounding_note} Anteile kleiner Gemeinden schwanken dadurch. "
            f"Ortsprinzip: {entry.place_principle}.")




def school_year_options(found: list[int]) -> fmt.Options:
    """School years (start) for the selector, labelled as in the texts: ``2025`` → ``2025/26``."""
    return fmt.year_options("schuljahr", found)


def leaving_year_options(found: list[int]) -> fmt.Options:
    """Years of leaving (summer) for the selector, labelled by the school year that ends then:
    ``2025`` → ``2024/25 (Abgang Sommer 2025)``."""
    return fmt.Options({str(y): f"{fmt.school_year_label(y - 1)} (Abgang Sommer {y})"
                        for y in sorted(found, reverse=True)})


def _words(status: pd.Series) -> pd.Series:
    return status.map(charts.status_word)


@per_build
def transition_shares(kreis: str) -> pd.DataFrame:
    """Shares by school type for the Kreis and its Gemeinden (school-type order, area, year), with the
    German labels ``Schulform`` and ``Gebiet``."""
    data = q.transition_shares(kreis)
    order = {code: i for i, code in enumerate(SCHOOL_LABELS)}
    data = data.assign(_order=data["school_type"].map(order)).sort_values(
        ["_order", "ags", "year"], kind="stable").drop(columns="_order").reset_index(drop=True)
    labels = regions.labels()
    return data.assign(Schulform=data["school_type"].map(SCHOOL_LABELS).fillna(data["school_type"]),
                       Gebiet=[labels.get(a, a) for a in data["ags"]])


def transition_years(kreis: str) -> list[int]:
    """School years (start) with transition figures, newest first."""
    return sorted({int(y) for y in transition_shares(kreis)["year"]}, reverse=True)


def _share_table(data: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({"Gebiet": data["Gebiet"], "Schuljahr": data["year"].map(fmt.school_year_label),
                         "Schulform": data["Schulform"], "Übergänge": data["value"],
                         "Anteil (%)": fmt.round_half_up(data["share"], 1),
                         "Status": _words(data["share_status"])})


@per_build
def transition_view(kreis: str, year: int, selected: str | None = None) -> charts.View:
    """Stacked shares per area for one school year; the ``selected`` area (AGS) is marked."""
    data = transition_shares(kreis)
    part = data[data["year"] == year]
    title = f"Übergänge nach Klasse 4 nach Schulform, Schuljahr {fmt.school_year_label(year)}"
    label = regions.label(selected) if selected else None
    line = source("transitions")
    fig = stacked_shares(part, category="Schulform", label_col="Gebiet", title=title, source=line,
                         highlight=label)
    gy = part[part["school_type"] == "GY"].dropna(subset=["share"]).sort_values("share")
    alt = f"Gestapelte Balken: {title}, Anteile je Gebiet. {parts_alt(part, 'Gebiet')}"
    if not gy.empty:
        low, high = gy.iloc[0], gy.iloc[-1]
        alt += (f"Gymnasialanteil von {fmt.fmt_number(low['share'], 1)} % ({low['Gebiet']}) bis "
                f"{fmt.fmt_number(high['share'], 1)} % ({high['Gebiet']}).")
    meta = context.meta(title, line, SOURCES["transitions"], region=kreis,
                        period=f"Schuljahr {fmt.school_year_label(year)}",
                        assumptions={"Rundung": rounding_note()})
    name = context.filename("uebergaenge", fmt.school_year_label(year), region=kreis)
    return charts.View(fig, _share_table(part), alt, name, meta)


@per_build
def transition_trend_view(kreis: str, ags: str) -> charts.View:
    """Share of each school type over the years for one area."""
    data = transition_shares(kreis)
    part = data[data["ags"] == ags]
    title = f"Übergänge nach Schulform im Zeitverlauf: {regions.label(ags)}"
    frame = part.assign(Jahr=part["year"].map(fmt.school_year_label))
    line = source("transitions")
    fig = charts.line_chart(frame, x="Jahr", y="share", series="Schulform", title=title, unit="%",
                            source=line, status="share_status")
    years = ", ".join(frame["Jahr"].unique())
    alt = f"Liniendiagramm: {title}, Anteil je Schulform in Prozent, Schuljahre {years}."
    meta = context.meta(title, line, SOURCES["transitions"], region=ags, period=f"Schuljahre {years}",
                        assumptions={"Rundung": rounding_note()})
    name = context.filename("uebergaenge_zeitverlauf", region=ags)
    return charts.View(fig, _share_table(part), alt, name, meta)


def transition_summary(kreis: str, ags: str, year: int) -> str:
    """Markdown: Gymnasium, Gesamtschule and Realschule shares of the area in the school year."""
    data = transition_shares(kreis)
    part = data[(data["year"] == year) & (data["ags"] == ags)].set_index("school_type")
    name = escape(regions.label(ags))
    if part.empty:
        return f"Für {name} liegen für {fmt.school_year_label(year)} keine Übergänge vor."
    texts = [f"{SCHOOL_LABELS[t]} {fmt.fmt_value(part.loc[t, 'share'], part.loc[t, 'share_status'], 1, '%')}"
             for t in ("GY", "GE", "RS") if t in part.index]
    total = fmt.fmt_value(part["total"].iloc[0], part["total_status"].iloc[0])
    return (f"**{name}, Schuljahr {fmt.school_year_label(year)}:** {total} Übergänge aus Klasse 4; "
            f"davon {', '.join(texts)}.")


def sankey(flows: pd.DataFrame, title: str, source: str) -> go.Figure:
    """Sankey of rechnerische flows certificate → sector."""
    nodes = ([c for c in CERT_LABELS if c in set(flows["source"])]
             + [t for t in SECTOR_LABELS if t in set(flows["target"])])
    index = {n: i for i, n in enumerate(nodes)}
    labels = [CERT_LABELS.get(n) or SECTOR_LABELS[n] for n in nodes]
    colours = [charts.PALETTE[i % len(charts.PALETTE)] for i in range(len(nodes))]
    fig = go.Figure(go.Sankey(
        valueformat=",.0f",
        node={"label": labels, "color": colours, "pad": 18, "thickness": 22},
        link={"source": [index[s] for s in flows["source"]], "target": [index[t] for t in flows["target"]],
              "value": fmt.round_half_up(flows["value"], 0).tolist(), "color": "rgba(120,120,120,0.35)"},
    ))
    return charts.style(fig, title, "Personen", source, height=560)


@per_build
def flow_view(kreis: str, year: int) -> tuple[charts.View | None, str]:
    """Sankey of rechnerische flows for one year, or None with the status that prevents it."""
    status = q.flow_status(kreis, year)
    flows = q.flows(kreis, year)
    if status in UNUSABLE or flows.empty:
        return None, status
    title = f"Wege der Schulabgänger {fmt.school_year_label(year - 1)} (rechnerisch)"
    line = source("flows")
    fig = sankey(flows, title, line)
    data = pd.DataFrame({"Abschluss": flows["source"].map(CERT_LABELS),
                         "Ziel": flows["target"].map(SECTOR_LABELS),
                         "Personen (rechnerisch)": fmt.round_half_up(flows["value"], 0)})
    biggest = data.sort_values("Personen (rechnerisch)").iloc[-1]
    alt = (f"Flussdiagramm (rechnerisch): {title}. Größter Strom: {biggest['Abschluss']} → {biggest['Ziel']} "
           f"mit rund {fmt.fmt_number(biggest['Personen (rechnerisch)'], 0)} Personen.")
    leavers = fmt.school_year_label(year - 1)
    meta = context.meta(title, line, SOURCES["flows"], region=kreis, period=f"Schuljahr {leavers}",
                        assumptions={"Annahme": FLOW_ASSUMPTION_DE})
    name = context.filename("abgaenger_wege", leavers, region=kreis)
    return charts.View(fig, data, alt, name, meta), status


@per_build
def sector_trend_view(kreis: str) -> charts.View:
    """Entrants per iABE sector (I to IV) over time, plus students in the Kreis (Hochschulort)."""
    trends = q.sector_trends(kreis)
    frame = trends.assign(Ziel=trends["target"].map(SECTOR_LABELS)).sort_values(["Ziel", "year"])
    frame = frame.assign(Jahr=frame["year"].astype(str)).reset_index(drop=True)
    title = f"Neuzugänge nach iABE-Sektor und Studierende, {regions.label(kreis)}"
    line = source("sectors")
    fig = charts.line_chart(frame, x="Jahr", y="value", series="Ziel", title=title, unit="Personen",
                            source=line, decimals=0)
    data = pd.DataFrame({"Jahr": frame["Jahr"], "Ziel": frame["Ziel"], "Personen": frame["value"],
                         "Status": _words(frame["status"])})
    alt = f"Liniendiagramm: {title}, Jahre {', '.join(frame['Jahr'].unique())}."
    years = sorted(frame["Jahr"].unique())
    meta = context.meta(title, line, SOURCES["sectors"], region=kreis,
                        period=f"{years[0]} bis {years[-1]}" if years else None)
    return charts.View(fig, data, alt, context.filename("neuzugaenge_sektoren", region=kreis), meta)


def _outcome_long(wide: pd.DataFrame) -> pd.DataFrame:
    parts = [pd.DataFrame({"year": wide["year"], "Verbleib": label, "value": wide[key],
                           "status": wide[f"{key}_status"]}) for key, label in OUTCOME_LABELS.items()]
    long = pd.concat(parts, ignore_index=True)
    return long.assign(Berichtsjahr=long["year"].map(fmt.berichtsjahr_label))


@per_build
def outcome_view(ags: str) -> charts.View:
    """Stacked bars per Berichtsjahr: applicants by outcome at 30 September (reporting area ``ags``)."""
    long = _outcome_long(q.training_outcome(ags))
    title = f"Verbleib der Bewerber am 30.09., {regions.label(ags)}"
    fig = go.Figure()
    for i, (label, part) in enumerate(long.groupby("Verbleib", sort=False)):
        fig.add_trace(go.Bar(x=part["Berichtsjahr"], y=part["value"], name=label,
                             marker={"color": charts.PALETTE[i]},
                             text=[fmt.fmt_value(v, s) for v, s in
                                   zip(part["value"], part["status"], strict=True)]))
    fig.update_layout(barmode="stack")
    fig.update_yaxes(title_text="Personen", tickformat=",.0f")
    line = source("market")
    fig = charts.style(fig, title, "Personen", line)
    data = pd.DataFrame({"Berichtsjahr": long["Berichtsjahr"], "Verbleib": long["Verbleib"],
                         "Personen": long["value"], "Status": _words(long["status"])})
    last = long[long["year"] == long["year"].max()]
    unplaced = last.loc[last["Verbleib"] == OUTCOME_LABELS["unplaced"]]
    alt = f"Gestapelte Säulen: {title}. "
    if not unplaced.empty:
        alt += (f"Unversorgt im letzten Berichtsjahr: "
                f"{fmt.fmt_value(unplaced['value'].item(), unplaced['status'].item())} Personen.")
    spans = list(dict.fromkeys(long["Berichtsjahr"]))
    meta = context.meta(title, line, SOURCES["market"], region=ags,
                        period=f"Berichtsjahre {spans[0]} bis {spans[-1]}" if spans else None)
    return charts.View(fig, data, alt, context.filename("ausbildungsmarkt_verbleib", region=ags), meta)


def outcome_summary(ags: str) -> str:
    """Markdown: applicants, unplaced and with alternative in the latest Berichtsjahr."""
    wide = q.training_outcome(ags)
    if wide.empty:
        return f"Für {escape(regions.label(ags))} liegen keine Zahlen zum Ausbildungsmarkt vor."
    last = wide.iloc[-1]
    return (f"**{fmt.period_text('berichtsjahr', int(last['year']))} ({escape(regions.label(ags))}):** "
            f"{fmt.fmt_value(last['applicants'], last['applicants_status'])} gemeldete Bewerber, davon "
            f"{fmt.fmt_value(last['unplaced'], last['unplaced_status'])} unversorgt und "
            f"{fmt.fmt_value(last['alternative'], last['alternative_status'])} mit Alternative weiter "
            "suchend. Der Rest ist in Ausbildung eingemündet oder hat einen anderen Verbleib (rechnerisch).")
