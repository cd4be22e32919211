"""Ausbildungsmarkt: applicants minus places and the mismatch per occupation group
(``mart.training_balance``) as charts, tables and German texts."""

import pandas as pd
import plotly.graph_objects as go

from monitor import charts, fmt
from monitor.db import per_build
from monitor.markup import escape
from monitor.queries import gaps as queries
from monitor.queries import regions, sources
from monitor.views import context
from monitor.views.gaps import room_for_labels, status_words


def region(kreis: str, agentur: str | None) -> str | None:
    """Where the training market of the Kreis is reported: the Kreis itself or its Agentur für Arbeit."""
    return queries.training_region([kreis, agentur])


def years(region_key: str | None) -> list[int]:
    """Berichtsjahre of the region's training balance, newest first (none without a region)."""
    return queries.training_years(region_key) if region_key else []


def year_options(found: list[int]) -> fmt.Options:
    """Berichtsjahre for the selector (newest first), labelled as in the texts: ``2025`` → ``2024/25``."""
    return fmt.year_options("berichtsjahr", found)


def period_title(year: int) -> str:
    """``Berichtsjahr 2024/25 (Bilanz 30.09.2025)``."""
    return f"{fmt.period_text('berichtsjahr', year)} (Bilanz 30.09.{year})"


def balance(region_key: str, year: int) -> pd.DataFrame:
    """``mart.training_balance`` of the region and year (largest absolute gap first)."""
    return queries.training_balance(region_key, year)


def occupation_name(code: str, labels: dict[str, str], width: int = 34) -> str:
    """``62 Verkaufsberufe``; long labels shortened with an ellipsis for chart axes."""
    label = labels.get(code) or ""
    if len(label) > width:
        label = label[: width - 1].rstrip(" ,-") + "…"
    return f"{code} {label}".strip()


def _labels(balance: pd.DataFrame) -> dict[str, str]:
    pairs = zip(balance["occupation_group"], balance["label"], strict=True)
    return {group: ("" if fmt.is_missing(label) else label) for group, label in pairs}


def source_line(region_key: str) -> str:
    return sources.source_line(queries.training_sources(region_key))


def training_summary(balance: pd.DataFrame, region_key: str) -> str:
    """Largest shortage and surplus of training places by occupation group."""
    known = balance[balance["gap"].notna()]
    if known.empty:
        return "Keine Berufsgruppe mit vollständigen Zahlen."
    short = known.sort_values("gap", ascending=False).iloc[0]
    spare = known.sort_values("gap").iloc[0]
    labels = _labels(balance)
    text = f"Berichtsgebiet: {escape(regions.label(region_key))}. "
    if short["gap"] > 0:
        text += ("Mehr Bewerber als Stellen vor allem in der Berufsgruppe "
                 f"**{escape(occupation_name(short['occupation_group'], labels, 200))}** "
                 f"({fmt.fmt_number(short['gap'], 0)} mehr Bewerber als Stellen). ")
    if spare["gap"] < 0:
        text += ("Mehr Stellen als Bewerber vor allem in der Berufsgruppe "
                 f"**{escape(occupation_name(spare['occupation_group'], labels, 200))}** "
                 f"({fmt.fmt_number(-spare['gap'], 0)} Stellen mehr). ")
    return text + "Bewerber und Stellen sind bei der Bundesagentur für Arbeit gemeldete Fälle."


@per_build
def training_view(region_key: str, year: int) -> charts.View:
    """Applicants minus places per occupation group (positive = too few places)."""
    table = balance(region_key, year)
    labels = _labels(table)
    frame = table.assign(name=[occupation_name(g, labels) for g in table["occupation_group"]])
    title = f"Bewerber minus Stellen je Berufsgruppe, {fmt.period_text('berichtsjahr', year)}"
    line = source_line(region_key)
    fig = charts.bar_ranking(frame, category="name", value="gap", title=title, unit="Anzahl",
                             source=line, status="status", decimals=0)
    fig.update_xaxes(title_text="Bewerber minus Stellen (Personen)")
    room_for_labels(fig, frame["gap"])
    rows = charts.display_order(frame, "gap")  # the download in the order of the bars
    data = pd.DataFrame({
        "Berufsgruppe (KldB 2010)": [occupation_name(g, labels, 200) for g in rows["occupation_group"]],
        "Bewerber": rows["applicants"],
        "Stellen": rows["places"], "Bewerber minus Stellen": rows["gap"],
        "unversorgte Bewerber": rows["unplaced"], "unbesetzte Stellen": rows["unfilled"],
        "Unversorgte je 100 unbesetzte Stellen": fmt.round_half_up(rows["mismatch"], 1),
        "Status": status_words(rows["status"]),
        "Status (je 100 unbesetzte Stellen)": status_words(rows["mismatch_status"]),
    })
    known = frame[frame["gap"].notna()]
    alt = f"Balkendiagramm: {title}. "
    if not known.empty:
        top = known.iloc[0]
        alt += f"Größte Abweichung: {top['name']} mit {fmt.fmt_number(top['gap'], 0)}."
    name = context.filename("ausbildungsmarkt_bewerber_minus_stellen", year, region=region_key)
    return charts.View(fig, data, alt, name, _meta(title, region_key, year, line))


def _meta(title: str, region_key: str, year: int, line: str) -> dict[str, str]:
    return context.meta(title, line, queries.training_sources(region_key), region=region_key,
                        period=f"Berichtsjahr {fmt.school_year_label(year - 1)} (Stichtag 30.09.{year})")


def reference_line(fig: go.Figure, x: float, label: str) -> None:
    charts.add_reference(fig, x, label)  # no value label crossed by the line


@per_build
def mismatch_view(region_key: str, year: int) -> charts.View:
    """Unplaced applicants per 100 unfilled places by occupation group (> 100: more unplaced)."""
    table = balance(region_key, year)
    labels = _labels(table)
    frame = table.assign(name=[occupation_name(g, labels) for g in table["occupation_group"]])
    title = f"Unversorgte je 100 unbesetzte Stellen, {period_title(year)}"
    line = source_line(region_key)
    fig = charts.bar_ranking(frame, category="name", value="mismatch", title=title, unit=None,
                             source=line, status="mismatch_status", decimals=0)
    reference_line(fig, 100.0, "100 = ausgeglichen")
    fig.update_xaxes(title_text="Unversorgte je 100 unbesetzte Stellen")
    rows = charts.display_order(frame, "mismatch")  # the download in the order of the bars
    full = [occupation_name(g, labels, 200) for g in rows["occupation_group"]]
    data = pd.DataFrame({"Berufsgruppe": full, "unversorgte Bewerber": rows["unplaced"],
                         "unbesetzte Stellen": rows["unfilled"],
                         "Unversorgte je 100 unbesetzte Stellen": fmt.round_half_up(rows["mismatch"], 1),
                         "Status": status_words(rows["mismatch_status"])})
    alt = (f"Balkendiagramm: {title}. Werte über 100: mehr unversorgte Bewerber als offene Stellen "
           "(Besetzungsproblem auf Bewerberseite), unter 100: Stellen bleiben unbesetzt.")
    without = int((frame["mismatch_status"] == "not_applicable").sum())
    if without:
        alt += f" {without} Berufsgruppe(n) ohne unbesetzte Stelle: Verhältnis nicht sinnvoll (x)."
    name = context.filename("ausbildungsmarkt_passungsprobleme", year, region=region_key)
    return charts.View(fig, data, alt, name, _meta(title, region_key, year, line))
