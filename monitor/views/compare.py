"""Vergleich: the home Kreis against the other Kreise of its Regierungsbezirk, its Land and the Kreise of
most similar structure. Figures come from ``monitor.queries.compare``; here they are only laid out."""

import pandas as pd

from etl.catalogue import Indicator
from monitor import charts, fmt, narrative, paragraphs
from monitor.db import per_build
from monitor.markup import escape
from monitor.queries import compare, indicators, regions, sources
from monitor.queries.regions import Home
from monitor.views import context

READING = {"lower": "niedriger ist günstiger", "higher": "höher ist günstiger",
           "neutral": "ohne Wertung, Rang nach Größe"}


def groups(home: Home) -> dict[str, str]:
    """Comparison groups (URL code → German label)."""
    nearby = regions.label(home.region)
    return {"beide": f"{nearby} und ähnliche Kreise", "nachbarn": nearby,
            "peers": "Kreise ähnlicher Struktur"}


def comparison_regions(group: str, home: Home, peer_keys: list[str]) -> list[str]:
    """The home Kreis first, then the chosen group (neighbours, peers or both without repeats)."""
    neighbours = list(home.neighbours)
    chosen = {"nachbarn": neighbours, "peers": peer_keys,
              "beide": neighbours + [p for p in peer_keys if p not in neighbours]}[group]
    return list(dict.fromkeys([home.kreis, *chosen]))


# --- Kreise of most similar structure -------------------------------------------------------------


def _wide(rows: pd.DataFrame) -> pd.DataFrame:
    """One row per candidate (nearest first) with its feature values, distance and peer flag."""
    if rows.empty:
        return pd.DataFrame(columns=["ags", "distance", "peer"])
    values = rows.pivot(index="ags", columns="feature", values="value")
    first = rows.drop_duplicates("ags").set_index("ags")[["distance", "position", "peer"]]
    return first.join(values).sort_values("position").reset_index()


def peer_table(rows: pd.DataFrame, config: compare.PeerConfig, reference: str) -> pd.DataFrame:
    """The reference and its peers with their feature values and distance (German labels, de-DE)."""
    wide = _wide(rows)
    shown = wide[wide["peer"].astype(bool) | (wide["ags"] == reference)]
    out = pd.DataFrame({"Kreis": [regions.label(a) for a in shown["ags"]],
                        "Distanz": [fmt.fmt_number(d, 2) for d in shown["distance"]]})
    for feature in config.features:
        column = shown[feature.id] if feature.id in shown else pd.Series([None] * len(shown))
        out[feature.column_de] = [fmt.fmt_value(v, "ok" if not fmt.is_missing(v) else "missing",
                                                feature.decimals, feature.unit or None) for v in column]
    return out


def peer_text(rows: pd.DataFrame, config: compare.PeerConfig, reference: str) -> str:
    """Markdown: the peers, how they were found, the data years and the candidates left out."""
    if not compare.is_comparable(rows, reference):
        return (f"**Kreise ähnlicher Struktur:** Für {escape(regions.label(reference))} fehlt mindestens ein "
                "Merkmal der Ähnlichkeit – ein Vergleich nach Struktur ist nicht möglich.")
    wide = _wide(rows)
    names = ", ".join(escape(regions.label(a)) for a in wide.loc[wide["peer"].astype(bool), "ags"])
    years = rows[rows["ags"] == reference].set_index("feature")["year"]
    labels = ", ".join(f"{f.column_de} {int(years[f.id])}" for f in config.features if f.id in years)
    text = f"**Kreise ähnlicher Struktur:** {names}. {escape(config.method_de)} Datenjahre: {labels}."
    excluded = wide.loc[wide["distance"].isna(), "ags"]
    if not excluded.empty:
        text += (" Ohne Wert und daher nicht vergleichbar: "
                 f"{', '.join(escape(regions.label(a)) for a in excluded)}.")
    return text


@per_build
def peer_section(reference: str) -> tuple[str, pd.DataFrame]:
    """(:func:`peer_text`, :func:`peer_table`) of the reference with the catalogue's similarity settings,
    cached per build (the table is shared: callers only show it)."""
    config = compare.load_config()
    rows = compare.similarity(reference, config)
    return peer_text(rows, config, reference), peer_table(rows, config, reference)


def peer_caption(reference: str) -> str:
    return ("Definition und Gewichte: catalogue/peer_indicators.toml. "
            f"Distanz 0 = {regions.label(reference)} selbst; je kleiner, desto ähnlicher.")


# --- indicator panels --------------------------------------------------------------------------------


def indicator_options(catalogue: list[Indicator]) -> dict[str, str]:
    return {entry.id: entry.title for entry in catalogue}


def default_indicators(catalogue: list[Indicator], config: compare.PeerConfig) -> list[str]:
    known = [entry.id for entry in catalogue]
    wanted = [i for i in config.default_indicators if i in known]
    return wanted or known[:4]


def chosen_indicators(catalogue: list[Indicator], chosen: list[str]) -> list[Indicator]:
    """Catalogue entries of the chosen ids, in the order chosen."""
    entries = {entry.id: entry for entry in catalogue}
    return [entries[i] for i in chosen if i in entries]


def indicator_panel(entry: Indicator, members: list[str], reference: str,
                    land: str) -> tuple[charts.View, dict]:
    """One small multiple: the group's values of one indicator in the reference's latest year, ranked,
    the Land as a reference line; and the row of the rank summary."""
    frame = compare.ranked(entry.id, members, reference, land, entry.direction)
    shown = frame[frame["member"]].reset_index(drop=True)
    land_row = frame[~frame["member"]]
    land_value = land_row["value"].iloc[0] if not land_row.empty else None
    land_status = land_row["status"].iloc[0] if not land_row.empty else "missing"
    year = None if shown["year"].isna().all() else int(shown["year"].dropna().iloc[0])
    shown = shown.assign(Region=[regions.label(a) for a in shown["ags"]])
    title = f"{entry.short_title or entry.title}, {year}"
    source = sources.source_line(entry.sources)
    fig = charts.bar_ranking(shown, category="Region", value="value", title=title, unit=entry.unit,
                             source=source, highlight=[regions.label(reference)], decimals=entry.decimals,
                             reference=None if land_value is None else (regions.label(land), land_value))
    rows = charts.display_order(shown, "value")  # the download in the order of the bars
    data = pd.DataFrame({"Rang": rows["rank"].astype("Int64"), "Region": rows["Region"],
                         "Wert": rows["value"], "Status": rows["status"].map(charts.status_word),
                         "Jahr": year})
    summary = rank_summary(shown, reference, entry, (land_value, land_status))
    alt = f"Balkendiagramm: {title}. {summary['text']}"
    group = {"Vergleichsgruppe": ", ".join(shown["Region"]), "Rang": summary["Lesart"],
             "Bezugslinie": regions.label(land)}
    meta = context.meta(title, source, entry.sources, region=reference, period=str(year or "–"),
                        assumptions=group)
    name = context.filename("vergleich", (entry.short_title or entry.title).lower(), year, region=reference)
    return charts.View(fig, data, alt, name, meta), summary


def rank_summary(shown: pd.DataFrame, reference: str, entry: Indicator,
                 land: tuple[float | None, str]) -> dict:
    """Row of the rank table for the reference region."""
    row = shown[shown["ags"] == reference].iloc[0]
    values = {a: (v, s) for a, v, s in zip(shown["ags"], shown["value"], shown["status"], strict=True)}
    rank = paragraphs.rank_cell(paragraphs.rank_of(values, reference, entry.direction, entry.decimals, ""))
    value = fmt.fmt_value(row["value"], row["status"], entry.decimals, entry.unit)
    order = READING[narrative.normalise_direction(entry.direction)]
    place = rank if rank.startswith("alle") else f"Rang {rank}"
    text = f"{regions.label(reference)}: {value}, {place} ({order})."
    return {"Indikator": entry.title, "Wert": value, "Rang": rank, "Lesart": order,
            "Land": fmt.fmt_value(land[0], land[1], entry.decimals, entry.unit), "text": text}


def summary_table(summaries: list[dict], land: str) -> pd.DataFrame:
    """The rank table; the Land column is named after the Land."""
    frame = pd.DataFrame(summaries, columns=["Indikator", "Wert", "Rang", "Lesart", "Land", "text"])
    return frame.rename(columns={"Land": regions.label(land)})[
        ["Indikator", "Wert", "Rang", "Lesart", regions.label(land)]]


@per_build
def shown_panel(entry_id: str, members: tuple[str, ...], reference: str,
                land: str) -> tuple[charts.View, dict]:
    """:func:`indicator_panel` of the current build, cached (one shared view and summary per choice)."""
    return indicator_panel(indicators.indicator(entry_id), list(members), reference, land)
