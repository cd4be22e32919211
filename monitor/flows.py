"""Transitions: Grundschule → weiterführende Schulform, school leavers → iABE sectors (rechnerisch),
training-market outcome. Pure functions over query results; ``load_*`` fetch them.

Aggregate statistics do not show individual paths. ``allocate_flows`` distributes the leavers of a year
over the entrants of the iABE sectors by iterative proportional fitting within plausible paths; the
result is labelled "rechnerisch" and the assumption is stated in ``FLOW_ASSUMPTION_DE``.
"""

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from etl.status import combine
from monitor import charts, db, fmt, indicators
from monitor.db import per_build
from monitor.gaps import combined_status, pivot_measures, usable
from monitor.markup import escape
from monitor.queries import regions

#: school types of core.transitions (LOCAL-UEBERGAENGE; SONST → other), total excluded
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
}
#: Assumed share of leavers with (Fach-)Hochschulreife who start to study (not in the Berufskolleg data).
STUDY_SHARE = 0.5
#: Paths considered plausible for each certificate (everyone may also leave to the rest node).
ALLOWED = {
    "ohne_esa": ("I", "II", "REST"), "esa": ("I", "II", "REST"), "msa": ("I", "II", "III", "REST"),
    "fhr": ("I", "III", "REST"), "ahr": ("I", "REST"),
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


def shares(frame: pd.DataFrame, category: str, keys: tuple[str, ...] = ("ags", "year")) -> pd.DataFrame:
    """Share of each category in the ``total`` row of the same key; unusable inputs give NULL shares.

    Rounded inputs (multiples of 5) need not add up to the total; the total row is the denominator.
    """
    keys = list(keys)
    totals = frame[frame[category] == "total"][[*keys, "value", "status"]]
    totals = totals.rename(columns={"value": "total", "status": "total_status"})
    parts = frame[frame[category] != "total"].merge(totals, on=keys, how="left")
    parts["total_status"] = parts["total_status"].fillna("missing")
    parts["share_status"] = combined_status(parts, ["status", "total_status"])
    ok = usable(parts["share_status"]) & (parts["total"] > 0)
    parts["share"] = (parts["value"] / parts["total"] * 100).where(ok)
    return parts.reset_index(drop=True)


def allocate_flows(leavers: dict[str, float], entrants: dict[str, float], study_share: float = STUDY_SHARE,
                   iterations: int = 200) -> pd.DataFrame:
    """Rechnerische flows certificate → sector (columns source, target, value).

    ``study_share`` of the leavers with FHR/AHR go to ``STUDY``. The others are fitted within ``ALLOWED``
    paths to the entrants per sector plus ``REST`` = leavers − entrants (≥ 0), scaled to the number of
    leavers; row sums equal ``leavers``.
    """
    if any(v is None or pd.isna(v) or v < 0 for v in [*leavers.values(), *entrants.values()]):
        raise ValueError("Flüsse nur aus vollständigen, nicht negativen Werten berechenbar")
    study = {c: v * study_share for c, v in leavers.items() if c in ("fhr", "ahr")}
    leavers = {c: v - study.get(c, 0.0) for c, v in leavers.items()}
    total = sum(leavers.values())
    targets = {**entrants, "REST": max(total - sum(entrants.values()), 0.0)}
    scale = total / sum(targets.values()) if sum(targets.values()) > 0 else 0.0
    targets = {k: v * scale for k, v in targets.items()}
    rows, cols = list(leavers), list(targets)
    row_totals = np.array([leavers[r] for r in rows], dtype=float)
    col_totals = np.array([targets[c] for c in cols], dtype=float)
    values = np.array([[1.0 if c in ALLOWED[r] else 0.0 for c in cols] for r in rows])
    for _ in range(iterations):
        values *= np.divide(col_totals, values.sum(axis=0), out=np.zeros_like(col_totals),
                            where=values.sum(axis=0) > 0)
        values *= np.divide(row_totals, values.sum(axis=1), out=np.zeros_like(row_totals),
                            where=values.sum(axis=1) > 0)[:, None]
    matrix = pd.DataFrame(values, index=rows, columns=cols)
    flows = matrix.stack().rename("value").reset_index()
    flows.columns = ["source", "target", "value"]
    studies = pd.DataFrame({"source": list(study), "target": "STUDY", "value": list(study.values())})
    flows = pd.concat([flows, studies], ignore_index=True)
    return flows[flows["value"] > 0.5].reset_index(drop=True)


def flow_inputs(leavers: pd.DataFrame, vocational: pd.DataFrame, year: int
                ) -> tuple[dict[str, float], dict[str, float], str]:
    """Leavers by certificate and sector entrants of one year, and their combined status."""
    cert = leavers[(leavers["year"] == year) & leavers["certificate"].isin(list(CERT_LABELS))]
    sector = vocational[(vocational["year"] == year) & (vocational["measure"] == "entrants")
                        & vocational["sector"].isin(["I", "II", "III"])]
    statuses = [*cert["status"], *sector["status"]]
    missing = (set(CERT_LABELS) - set(cert["certificate"])) or ({"I", "II", "III"} - set(sector["sector"]))
    status = "missing" if missing else combine(statuses)
    return (dict(zip(cert["certificate"], cert["value"], strict=True)),
            dict(zip(sector["sector"], sector["value"], strict=True)), status)


def market_outcome(market: pd.DataFrame) -> pd.DataFrame:
    """Applicants by outcome per year (total occupation group): unplaced, with alternative, and the rest
    (placed or other whereabouts, rechnerisch = applicants − alternative − unplaced)."""
    total = market[market["occupation_group"] == "total"]
    wide = pivot_measures(total, ["year"], ["applicants", "alternative", "unplaced", "places", "unfilled"])
    inputs = ["applicants_status", "alternative_status", "unplaced_status"]
    wide["placed_status"] = combined_status(wide, inputs)
    wide["placed"] = (wide["applicants"] - wide["alternative"] - wide["unplaced"]).where(
        usable(wide["placed_status"]))
    return wide.sort_values("year").reset_index(drop=True)


def outcome_long(wide: pd.DataFrame) -> pd.DataFrame:
    """``market_outcome`` in long form (year, outcome label, value, status) for charts and tables."""
    rows = []
    for key, label in OUTCOME_LABELS.items():
        part = wide[["year", key, f"{key}_status"]].rename(columns={key: "value", f"{key}_status": "status"})
        part.insert(1, "Verbleib", label)
        rows.append(part)
    return pd.concat(rows, ignore_index=True)


# --- charts -------------------------------------------------------------------------------------------


def sankey(flows: pd.DataFrame, title: str, source: str) -> go.Figure:
    """Sankey of rechnerische flows certificate → sector."""
    sources = [c for c in CERT_LABELS if c in set(flows["source"])]
    targets = [t for t in SECTOR_LABELS if t in set(flows["target"])]
    nodes = sources + targets
    index = {n: i for i, n in enumerate(nodes)}
    labels = [CERT_LABELS.get(n) or SECTOR_LABELS[n] for n in nodes]
    colours = [charts.PALETTE[i % len(charts.PALETTE)] for i in range(len(nodes))]
    fig = go.Figure(go.Sankey(
        valueformat=",.0f",
        node={"label": labels, "color": colours, "pad": 18, "thickness": 22},
        link={"source": [index[s] for s in flows["source"]], "target": [index[t] for t in flows["target"]],
              "value": flows["value"].round(0).tolist(), "color": "rgba(120,120,120,0.35)"},
    ))
    return charts.style(fig, title, "Personen", source, height=560)


def stacked_shares(data: pd.DataFrame, *, category: str, label_col: str, title: str, source: str,
                   highlight: str | None = None) -> go.Figure:
    """Horizontal 100 % bars per area (``label_col``) stacked by ``category``; areas with an unknown
    part are marked with the official symbol in their label, the ``highlight`` area in bold with ▶."""
    fig = go.Figure()
    unknown = set(data.loc[~usable(data["share_status"]), label_col])
    order = list(dict.fromkeys(data[label_col]))
    axis = [f"{a} (.)" if a in unknown else a for a in order]
    axis = [f"<b>▶ {label}</b>" if a == highlight else label for a, label in zip(order, axis, strict=True)]
    rename = dict(zip(order, axis, strict=True))
    for i, (cat, part) in enumerate(data.groupby(category, sort=False)):
        fig.add_trace(go.Bar(
            y=part[label_col].map(rename), x=part["share"], name=str(cat), orientation="h",
            marker={"color": charts.PALETTE[(i + 1) % len(charts.PALETTE)]},
            hovertemplate="%{y}: %{x:.1f} %<extra>" + str(cat) + "</extra>",
        ))
    if unknown:
        fig.add_trace(go.Bar(x=[None], y=[None], name=f"(.) {charts.MISSING_LEGEND}",
                             marker={"color": charts.MISSING}))
    fig.update_layout(barmode="stack", legend_traceorder="normal")
    fig.update_yaxes(categoryorder="array", categoryarray=list(reversed(axis)), automargin=True)
    fig.update_xaxes(title_text="%", range=[0, 100])
    return charts.style(fig, title, "%", source, height=max(440, 30 * len(order) + 220))


# --- queries ------------------------------------------------------------------------------------------


def load_transitions(ags: list[str]) -> pd.DataFrame:
    return db.query(
        "SELECT ags, year, period, school_type, value, status FROM core.transitions "
        "WHERE list_contains(?, ags) AND school_type IS NOT NULL",
        (ags,),
    )


def load_leavers(ags: str) -> pd.DataFrame:
    return db.query(
        "SELECT ags, year, certificate, value, status FROM core.school_leavers WHERE ags = ?", (ags,)
    )


def load_vocational(ags: str) -> pd.DataFrame:
    return db.query(
        "SELECT ags, year, sector, measure, value, status FROM core.vocational WHERE ags = ?", (ags,)
    )


def load_students(ags: str) -> pd.DataFrame:
    return db.query(
        "SELECT year, value, status FROM core.students "
        "WHERE ags = ? AND subject_group = 'total' ORDER BY year",
        (ags,),
    )


# --- page parts ---------------------------------------------------------------------------------------

#: source tables per chart (the source line names those with a file in the build, with their Stand)
SOURCES = {
    "transitions": ["LOCAL-UEBERGAENGE"],
    "flows": ["21111-02-06-4", "LOCAL-IABE"],
    "sectors": ["LOCAL-IABE", "21311-01-01-4", "21311-01-01-4-B"],
    "market": ["LOCAL-AUSBILDUNGSMARKT"],
}
ROUNDING_NOTE = ("Schulstatistik: IT.NRW rundet auf Vielfache von 5; Anteile kleiner Gemeinden schwanken "
                 "dadurch. Ortsprinzip: Schulort der abgebenden Grundschule.")


def source(chart: str) -> str:
    """Source line of a chart of this page (``SOURCES``)."""
    return indicators.source_line({"sources": SOURCES[chart]})


def areas(kreis: str) -> list[str]:
    """The Kreis and its Gemeinden (keys)."""
    found = db.query("SELECT ags FROM core.regions WHERE ags = ? OR (parent = ? AND level = 'gemeinde') "
                     "ORDER BY length(ags), ags", (kreis, kreis))
    return list(found["ags"])


def _named(frame: pd.DataFrame) -> pd.DataFrame:
    labels = {a: regions.label(a) for a in frame["ags"].unique()}
    return frame.assign(Gebiet=frame["ags"].map(labels))


@per_build
def transition_shares(kreis: str) -> pd.DataFrame:
    """Shares by school type for the Kreis and its Gemeinden, all years, with German labels."""
    data = shares(load_transitions(areas(kreis)), "school_type")
    data["Schulform"] = data["school_type"].map(SCHOOL_LABELS).fillna(data["school_type"])
    order = {code: i for i, code in enumerate(SCHOOL_LABELS)}
    data = data.assign(_order=data["school_type"].map(order)).sort_values(["_order", "ags", "year"])
    return _named(data.drop(columns="_order").reset_index(drop=True))


def _share_table(data: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({"Gebiet": data["Gebiet"], "Schuljahr": data["year"].map(school_year),
                         "Schulform": data["Schulform"], "Übergänge": data["value"],
                         "Anteil (%)": data["share"].round(1),
                         "Status": data["share_status"].map(charts.status_word)})


def school_year(year: int) -> str:
    return f"{year}/{(year + 1) % 100:02d}"


@per_build
def transition_view(data: pd.DataFrame, year: int, selected: str | None = None) -> charts.View:
    """Stacked shares per area for one school year; the ``selected`` area (AGS) is marked."""
    part = data[data["year"] == year]
    title = f"Übergänge nach Klasse 4 nach Schulform, Schuljahr {school_year(year)}"
    label = regions.label(selected) if selected else None
    line = source("transitions")
    fig = stacked_shares(part, category="Schulform", label_col="Gebiet", title=title, source=line,
                         highlight=label)
    gy = part[part["school_type"] == "GY"].dropna(subset=["share"]).sort_values("share")
    alt = f"Gestapelte Balken: {title}, je Gebiet 100 %. "
    if not gy.empty:
        low, high = gy.iloc[0], gy.iloc[-1]
        alt += (f"Gymnasialanteil von {fmt.fmt_number(low['share'], 1)} % ({low['Gebiet']}) bis "
                f"{fmt.fmt_number(high['share'], 1)} % ({high['Gebiet']}).")
    return charts.View(fig, _share_table(part), alt, f"uebergaenge_{year}", {"Quelle": line})


@per_build
def transition_trend_view(data: pd.DataFrame, ags: str) -> charts.View:
    """Share of each school type over the years for one area."""
    part = data[data["ags"] == ags]
    label = regions.label(ags)
    title = f"Übergänge nach Schulform im Zeitverlauf: {label}"
    frame = part.assign(Jahr=part["year"].map(school_year))
    line = source("transitions")
    fig = charts.line_chart(frame, x="Jahr", y="share", series="Schulform", title=title, unit="%",
                            source=line, status="share_status")
    years = ", ".join(frame["Jahr"].unique())
    alt = f"Liniendiagramm: {title}, Anteil je Schulform in Prozent, Schuljahre {years}."
    return charts.View(fig, _share_table(part), alt, f"uebergaenge_trend_{ags}", {"Quelle": line})


@per_build
def flow_view(kreis: str, year: int) -> tuple[charts.View | None, str]:
    """Sankey of rechnerische flows for one year, or None with the status that prevents it."""
    leavers, vocational = load_leavers(kreis), load_vocational(kreis)
    cert, sector, status = flow_inputs(leavers, vocational, year)
    if not usable(pd.Series([status])).item():
        return None, status
    flows = allocate_flows(cert, sector)
    title = f"Wege der Schulabgänger {school_year(year - 1)} (rechnerisch)"
    line = source("flows")
    fig = sankey(flows, title, line)
    data = pd.DataFrame({"Abschluss": flows["source"].map(CERT_LABELS),
                         "Ziel": flows["target"].map(SECTOR_LABELS),
                         "Personen (rechnerisch)": flows["value"].round(0)})
    biggest = data.sort_values("Personen (rechnerisch)").iloc[-1]
    alt = (f"Flussdiagramm (rechnerisch): {title}. Größter Strom: {biggest['Abschluss']} → {biggest['Ziel']} "
           f"mit rund {fmt.fmt_number(biggest['Personen (rechnerisch)'], 0)} Personen.")
    return charts.View(fig, data, alt, f"abgaenger_fluesse_{year}", {"Quelle": line}), status


@per_build
def flow_years(kreis: str) -> list[int]:
    leavers, vocational = load_leavers(kreis), load_vocational(kreis)
    return sorted(set(leavers["year"]) & set(vocational["year"]), reverse=True)


@per_build
def sector_trend_view(kreis: str) -> charts.View:
    """Entrants per iABE sector (I to IV) over time, plus students in the Kreis (Hochschulort)."""
    vocational = load_vocational(kreis)
    part = vocational[(vocational["measure"] == "entrants")
                      & vocational["sector"].isin(["I", "II", "III", "IV"])]
    part = part.assign(Ziel=part["sector"].map(SECTOR_LABELS))
    students = load_students(kreis).assign(Ziel="Studierende im Kreis (Bestand, Hochschulort)")
    frame = pd.concat([part[["year", "Ziel", "value", "status"]], students], ignore_index=True)
    frame = frame.sort_values(["Ziel", "year"]).assign(Jahr=lambda f: f["year"].astype(str))
    title = f"Neuzugänge nach iABE-Sektor und Studierende, {regions.label(kreis)}"
    line = source("sectors")
    fig = charts.line_chart(frame, x="Jahr", y="value", series="Ziel", title=title, unit="Personen",
                            source=line, decimals=0)
    data = frame.rename(columns={"value": "Personen"}).assign(Status=frame["status"].map(charts.status_word))
    alt = f"Liniendiagramm: {title}, Jahre {', '.join(frame['Jahr'].unique())}."
    return charts.View(fig, data[["Jahr", "Ziel", "Personen", "Status"]], alt, f"sektoren_{kreis}",
                       {"Quelle": line})


@per_build
def outcome_view(market: pd.DataFrame, region: str) -> charts.View:
    """Stacked bars per Berichtsjahr: applicants by outcome at 30 September."""
    long = outcome_long(market_outcome(market))
    long["Berichtsjahr"] = long["year"].map(lambda y: school_year(y - 1))
    title = f"Verbleib der Bewerber am 30.09., {region}"
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
    data = long.rename(columns={"value": "Personen"}).assign(Status=long["status"].map(charts.status_word))
    last = long[long["year"] == long["year"].max()]
    unplaced = last.loc[last["Verbleib"] == OUTCOME_LABELS["unplaced"]]
    alt = f"Gestapelte Säulen: {title}. "
    if not unplaced.empty:
        alt += (f"Unversorgt im letzten Berichtsjahr: "
                f"{fmt.fmt_value(unplaced['value'].item(), unplaced['status'].item())} Personen.")
    columns = ["Berichtsjahr", "Verbleib", "Personen", "Status"]
    return charts.View(fig, data[columns], alt, "ausbildungsmarkt_verbleib", {"Quelle": line})


def transition_summary(data: pd.DataFrame, ags: str, year: int) -> str:
    """Gymnasium and Gesamtschule shares of the area in the year, against the Kreis."""
    part = data[(data["year"] == year) & (data["ags"] == ags)].set_index("school_type")
    if part.empty:
        return f"Für {escape(regions.label(ags))} liegen für {school_year(year)} keine Übergänge vor."
    texts = [f"{SCHOOL_LABELS[t]} {fmt.fmt_value(part.loc[t, 'share'], part.loc[t, 'share_status'], 1, '%')}"
             for t in ("GY", "GE", "RS") if t in part.index]
    total = fmt.fmt_value(part["total"].iloc[0], part["total_status"].iloc[0])
    name = escape(regions.label(ags))
    return (f"**{name}, Schuljahr {school_year(year)}:** {total} Übergänge aus Klasse 4; "
            f"davon {', '.join(texts)}.")


def outcome_summary(market: pd.DataFrame, region: str) -> str:
    wide = market_outcome(market)
    last = wide.iloc[-1]
    return (f"**Berichtsjahr {school_year(int(last['year']) - 1)} ({escape(region)}):** "
            f"{fmt.fmt_value(last['applicants'], last['applicants_status'])} gemeldete Bewerber, davon "
            f"{fmt.fmt_value(last['unplaced'], last['unplaced_status'])} unversorgt und "
            f"{fmt.fmt_value(last['alternative'], last['alternative_status'])} mit Alternative weiter "
            "suchend. "
            "Der Rest ist in Ausbildung eingemündet oder hat einen anderen Verbleib (rechnerisch).")
