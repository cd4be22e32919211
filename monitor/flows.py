"""Transitions: Grundschule → weiterführende Schulform, school leavers → iABE sectors (rechnerisch),
training-market outcome. Pure functions over query results; ``load_*`` fetch them.

Aggregate statistics do not show individual paths. ``allocate_flows`` distributes the leavers of a year
over the entrants of the iABE sectors by iterative proportional fitting within plausible paths; the
result is labelled "rechnerisch" and the assumption is stated in ``FLOW_ASSUMPTION_DE``.
"""

import pandas as pd
import plotly.graph_objects as go

from etl.status import combine
from monitor import charts, db
from monitor.gaps import combined_status, pivot_measures, usable

SCHOOL_LABELS = {
    "HS": "Hauptschule", "RS": "Realschule", "SK": "Sekundarschule", "GE": "Gesamtschule", "GY": "Gymnasium",
    "PR": "PRIMUS-Schule", "FOE": "Förderschule", "WDS": "Freie Waldorfschule", "SONST": "Sonstige",
}
CERT_LABELS = {
    "ohne_esa": "ohne Ersten Schulabschluss", "esa": "Erster Schulabschluss",
    "msa": "Mittlerer Schulabschluss", "fhr": "Fachhochschulreife", "ahr": "Allgemeine Hochschulreife",
}
SECTOR_LABELS = {
    "I": "Berufsausbildung (Sektor I)", "II": "Übergangsbereich (Sektor II)",
    "III": "Erwerb der Hochschulreife (Sektor III)", "REST": "Studium, Arbeit, Sonstiges (Rest)",
}
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
    "Der Rest (Abgänger minus Neuzugänge, mindestens 0) steht für Studium, Arbeit, Freiwilligendienst, "
    "Wegzug usw. Neuzugänge aus früheren Jahrgängen oder anderen Kreisen werden anteilig mitgezählt."
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


def allocate_flows(leavers: dict[str, float], entrants: dict[str, float], iterations: int = 200
                   ) -> pd.DataFrame:
    """Rechnerische flows certificate → sector (columns source, target, value).

    Row sums equal ``leavers``; the targets are the entrants per sector plus ``REST`` = leavers − entrants
    (≥ 0), scaled to the number of leavers, fitted within ``ALLOWED`` paths.
    """
    if any(v is None or pd.isna(v) or v < 0 for v in [*leavers.values(), *entrants.values()]):
        raise ValueError("Flüsse nur aus vollständigen, nicht negativen Werten berechenbar")
    total = sum(leavers.values())
    targets = {**entrants, "REST": max(total - sum(entrants.values()), 0.0)}
    scale = total / sum(targets.values()) if sum(targets.values()) > 0 else 0.0
    targets = {k: v * scale for k, v in targets.items()}
    matrix = pd.DataFrame(0.0, index=list(leavers), columns=list(targets))
    for cert in leavers:
        matrix.loc[cert, [t for t in ALLOWED[cert] if t in targets]] = 1.0
    for _ in range(iterations):
        col_sums = matrix.sum(axis=0)
        matrix = matrix * (pd.Series(targets) / col_sums.where(col_sums > 0)).fillna(0.0)
        row_sums = matrix.sum(axis=1)
        matrix = matrix.mul((pd.Series(leavers) / row_sums.where(row_sums > 0)).fillna(0.0), axis=0)
    flows = matrix.stack().rename("value").reset_index()
    flows.columns = ["source", "target", "value"]
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


def stacked_shares(data: pd.DataFrame, *, category: str, label_col: str, title: str, source: str
                   ) -> go.Figure:
    """Horizontal 100 % bars per area (``label_col``) stacked by ``category``; areas with an unknown
    part are marked with the official symbol in their label."""
    fig = go.Figure()
    unknown = set(data.loc[~usable(data["share_status"]), label_col])
    order = list(dict.fromkeys(data[label_col]))
    axis = [f"{a} (.)" if a in unknown else a for a in order]
    rename = dict(zip(order, axis, strict=True))
    for i, (cat, part) in enumerate(data.groupby(category, sort=False)):
        fig.add_trace(go.Bar(
            y=part[label_col].map(rename), x=part["share"], name=str(cat), orientation="h",
            marker={"color": charts.PALETTE[i % len(charts.PALETTE)]},
            hovertemplate="%{y}: %{x:.1f} %<extra>" + str(cat) + "</extra>",
        ))
    if unknown:
        fig.add_trace(go.Bar(x=[None], y=[None], name=f"(.) {charts.MISSING_LEGEND}",
                             marker={"color": charts.MISSING}))
    fig.update_layout(barmode="stack")
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
