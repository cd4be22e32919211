"""Queries on the indicator mart: catalogue, values, series, rankings, KPI facts, source lines."""

from dataclasses import dataclass

import numpy as np
import pandas as pd

from etl.catalogue import load_sources
from monitor import charts, db, facts, fmt, narrative
from monitor.queries import indicators as queries
from monitor.queries import meta, sources
from monitor.queries import regions as region_dim
from monitor.views import common

NRW = "05"
RB_DETMOLD = "057"
LIPPE = "05766"
#: Area code → German label (same labels as etl/catalogue.py AREAS), in life-course order.
AREAS = {
    "A": "Rahmenbedingungen", "B": "Grundinformationen", "C": "Frühe Bildung", "D": "Schule",
    "E": "Berufliche Bildung", "F": "Hochschule", "G": "Weiterbildung", "H": "Non-formales Lernen",
    "W": "Arbeit & Wirtschaft",
}
PROVIDER_SHORT = {
    "regionalstatistik": "Statistische Ämter des Bundes und der Länder, Regionaldatenbank Deutschland",
    "ldbnrw": "IT.NRW, Landesdatenbank NRW",
    "ba": "Statistik der Bundesagentur für Arbeit",
    "local": "Kreis Lippe, lokale Daten",
}
LIST_FIELDS = ("sources", "levels")
VALUE_COLUMNS = "v.indicator_id, v.ags, r.name, r.level, v.period, v.year, v.value, v.numerator, " \
                "v.denominator, v.status, v.note, v.provenance"


def as_list(value: object) -> list[str]:
    """Catalogue list field (DuckDB list, numpy array, or text with commas) → list of strings."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return []
    if isinstance(value, str):
        return [v.strip() for v in value.strip("[]").replace('"', "").split(",") if v.strip()]
    return [str(v) for v in value]


def area_key(area: str) -> str:
    return (area or "").strip()[:1].upper()


def area_label(area: str) -> str:
    """``C`` → ``Frühkindliche Bildung``; longer labels stay as they are."""
    area = (area or "").strip()
    return AREAS.get(area, area) if len(area) <= 2 else area


def catalogue() -> pd.DataFrame:
    """All indicators of ``mart.indicators`` in life-course order of the areas, with ``area_label``."""
    frame = db.query("SELECT * FROM mart.indicators").copy()
    for field in LIST_FIELDS:
        if field in frame.columns:
            frame[field] = frame[field].map(as_list)
    frame["area_label"] = frame["area"].map(area_label)
    order = list(AREAS)
    frame["_order"] = frame["area"].map(lambda a: order.index(area_key(a)) if area_key(a) in order else 99)
    frame = frame.sort_values("_order", kind="stable")  # catalogue order within an area
    return frame.drop(columns="_order").reset_index(drop=True)


def indicator(indicator_id: str) -> dict:
    """One catalogue entry as a dict; KeyError for an unknown id."""
    frame = catalogue()
    match = frame[frame["id"] == indicator_id]
    if match.empty:
        raise KeyError(f"Unbekannter Indikator: {indicator_id}")
    entry = match.iloc[0].to_dict()
    entry["stand"] = stand(entry.get("sources", []))
    return entry


def headline() -> pd.DataFrame:
    """Headline indicators (KPI cards of the overview)."""
    frame = catalogue()
    return frame[frame["headline"].fillna(False).astype(bool)].reset_index(drop=True)


def series(indicator_id: str, regions: list[str]) -> pd.DataFrame:
    """All periods of an indicator for the given regions."""
    if not regions:
        return pd.DataFrame(columns=VALUE_COLUMNS.replace("v.", "").replace("r.", "").split(", "))
    return db.query(
        f"SELECT {VALUE_COLUMNS} FROM mart.indicator_values v JOIN core.regions r USING (ags) "
        "WHERE v.indicator_id = ? AND list_contains(?, v.ags) ORDER BY v.year, v.period, v.ags",
        (indicator_id, list(regions)),
    )


def series_breaks(indicator_id: str) -> pd.DataFrame:
    """Breaks of an indicator's series (mart.series_breaks): first year on the new basis, label, note."""
    return db.query("SELECT year, label, note FROM mart.series_breaks WHERE indicator_id = ? ORDER BY year",
                    (indicator_id,))


def break_marks(indicator_id: str, frame: pd.DataFrame, x: str = "when") -> list[tuple[str, str]]:
    return common.break_marks(indicator_id, frame, x)


def ranking(indicator_id: str, year: int, level: str, parent: str | None = None) -> pd.DataFrame:
    """Values of all regions of a level (optionally below ``parent``, e.g. the Gemeinden of Lippe)
    for one year; the latest period of that year per region."""
    frame = db.query(
        f"SELECT {VALUE_COLUMNS} FROM mart.indicator_values v JOIN core.regions r USING (ags) "
        "WHERE v.indicator_id = ? AND v.year = ? AND r.level = ? AND (? IS NULL OR r.parent = ?) "
        "QUALIFY row_number() OVER (PARTITION BY v.ags ORDER BY v.period DESC) = 1 ORDER BY v.ags",
        (indicator_id, year, level, parent, parent),
    )
    return frame.reset_index(drop=True)


def latest_values(indicator_ids: list[str], regions: list[str]) -> pd.DataFrame:
    """The two latest periods of each indicator and region, plus previous-year rows (for KPI cards)."""
    return db.query(
        f"SELECT {VALUE_COLUMNS} FROM mart.indicator_values v JOIN core.regions r USING (ags) "
        "WHERE list_contains(?, v.indicator_id) AND list_contains(?, v.ags) ORDER BY v.year, v.period",
        (list(indicator_ids), list(regions)),
    )


def has_values(indicator_id: str, level: str) -> bool:
    frame = db.query(
        "SELECT count(*) AS n FROM mart.indicator_values v JOIN core.regions r USING (ags) "
        "WHERE v.indicator_id = ? AND r.level = ?", (indicator_id, level))
    return bool(frame["n"].iloc[0])


def source_catalogue() -> dict:
    """``catalogue/sources.toml`` (providers, licences and tables)."""
    return load_sources()


def table_provider(table_code: str) -> str | None:
    for table in source_catalogue().get("table", []):
        if table.get("code") == table_code:
            return table.get("provider")
    return None


def with_marker(text: str, provenance: str | None) -> str:
    return common.with_marker(text, provenance)


def with_markers(texts: list[str], provenances: list[str | None]) -> list[str]:
    return common.with_markers(texts, provenances)


def source_line(entry: dict, derived: bool = True) -> str:
    return sources.source_line(as_list(entry.get("sources")), derived)


def stand(table_codes: list[str]) -> str | None:
    return sources.stand(as_list(table_codes))


@dataclass(frozen=True)
class Card:
    """Everything a KPI card shows, already formatted."""

    id: str
    life_phase: str
    title: str
    value_text: str
    period_text: str
    change_text: str
    trend: str  # up | down | flat | none
    judgement: str  # better | worse | neutral | no_direction | none
    reference_text: str
    sentence: str
    status: str
    provenance: str | None = None  # official | synthetic | mixed (etl/status.py); None: unknown


def _pick(rows: pd.DataFrame, year: int | None = None) -> pd.Series | None:
    """The row of the given (else the latest) year; latest period within that year."""
    if year is not None:
        rows = rows[rows["year"] == year]
    if rows.empty:
        return None
    return rows.sort_values(["year", "period"]).iloc[-1]


def facts_from_rows(entry: dict, own: pd.DataFrame, ref: pd.DataFrame, region: str,
                    reference: str) -> narrative.Facts:
    """Narrative facts from already loaded value rows (``monitor.facts.build``)."""
    return facts.build(queries.indicator(entry["id"]), own, ref, region, reference)


def kpi_cards(region: str, reference: str = NRW) -> tuple[list[Card], list[str]]:
    """Cards for the headline indicators in ``region`` compared with ``reference``; also the titles of
    headline indicators without any value for the region."""
    heads = headline()
    rows = latest_values(list(heads["id"]), [region, reference])
    cards, without = [], []
    for entry in heads.to_dict("records"):
        mine = rows[rows["indicator_id"] == entry["id"]]
        own, ref = mine[mine["ags"] == region], mine[mine["ags"] == reference]
        if own.empty:
            without.append(entry["title"])
            continue
        facts = facts_from_rows(entry, own, ref, region, reference)
        ref_value = fmt.fmt_value(facts.ref_value, facts.ref_status, facts.decimals, facts.unit)
        comparable = facts.ref_status is not None and entry["unit"] not in narrative.COUNT_UNITS
        ref_text = f"{facts.ref_name}: {ref_value}" if comparable else ""
        cards.append(Card(
            id=entry["id"], life_phase=entry["life_phase"] or area_label(entry["area"]), title=facts.title,
            value_text=with_marker(fmt.fmt_value(facts.value, facts.status, facts.decimals, facts.unit),
                                   _pick(own)["provenance"]),
            period_text=facts.period, change_text=narrative.change_text(facts), trend=narrative.trend(facts),
            judgement=narrative.judgement(facts), reference_text=ref_text, sentence=narrative.sentence(facts),
            status=facts.status, provenance=_pick(own)["provenance"],
        ))
    return cards, without


# --- region choices -------------------------------------------------------------------------------


def gemeinden(kreis: str = LIPPE) -> list[str]:
    frame = region_dim.regions()
    return list(frame[(frame["level"] == "gemeinde") & (frame["parent"] == kreis)]["ags"])


def kreise() -> list[str]:
    frame = region_dim.regions()
    return list(frame[frame["level"] == "kreis"]["ags"])


def owl_kreise() -> list[str]:
    frame = region_dim.regions()
    return list(frame[(frame["level"] == "kreis") & (frame["parent"] == RB_DETMOLD)]["ags"])


# --- views for the explorer ------------------------------------------------------------------------

def download_meta(entry: dict, build: dict[str, str], region: str | None = None) -> dict[str, str]:
    return common.download_meta(queries.indicator(entry["id"]), build, region)


def value_table(frame: pd.DataFrame, entry: dict) -> pd.DataFrame:
    return common.value_table(frame, queries.indicator(entry["id"]))


def series_view(entry: dict, region: str, peers: list[str], build: dict[str, str]) -> charts.View:
    """Time series of the region against NRW, RB Detmold and the chosen peers (counts: only the region
    and the peers, since absolute counts of regions of very different size do not compare)."""
    context = [] if entry["unit"] in narrative.COUNT_UNITS else [NRW, RB_DETMOLD]
    regions = list(dict.fromkeys([region, *context, *peers]))
    frame = series(entry["id"], regions)
    one_per_year = not frame.duplicated(["ags", "year"]).any()
    labels = region_dim.labels()
    frame = frame.assign(label=[labels.get(a, a) for a in frame["ags"]],
                         when=[str(y) if one_per_year else fmt.fmt_period(p)
                               for y, p in zip(frame["year"], frame["period"], strict=True)])
    frame["_order"] = frame["ags"].map(regions.index)
    frame = frame.sort_values(["_order", "year", "period"]).drop(columns="_order")
    title = f"{entry['short_title'] or entry['title']}: {region_dim.label(region)} im Vergleich"
    fig = charts.line_chart(frame, x="when", y="value", series="label", title=title, unit=entry["unit"],
                            source=source_line(entry), highlight=region_dim.label(region),
                            decimals=int(entry["decimals"]), breaks=break_marks(entry["id"], frame))
    return charts.View(fig, value_table(frame, entry), _series_alt(entry, frame, region),
                       f"{entry['id']}_zeitreihe_{region}", download_meta(entry, build, region))


def _series_alt(entry: dict, frame: pd.DataFrame, region: str) -> str:
    own = frame[frame["ags"] == region]
    if own.empty:
        return f"Liniendiagramm {entry['title']}: für {region_dim.label(region)} liegen keine Werte vor."
    first, last = own.iloc[0], own.iloc[-1]
    d, u = int(entry["decimals"]), entry["unit"]
    others = sorted(set(frame["label"]) - {region_dim.label(region)})
    context = f" im Vergleich mit {', '.join(others)}" if others else ""
    return (f"Liniendiagramm {entry['title']} für {region_dim.label(region)}{context} "
            f"von {fmt.fmt_period(first['period'])} ({fmt.fmt_value(first['value'], first['status'], d, u)}) "
            f"bis {fmt.fmt_period(last['period'])} ({fmt.fmt_value(last['value'], last['status'], d, u)}).")


RANKING_LEVELS = {"gemeinde": "Gemeinden im Kreis Lippe", "kreis": "Kreise und kreisfreie Städte in NRW"}


def ranking_frame(entry: dict, year: int, level: str) -> pd.DataFrame:
    frame = ranking(entry["id"], year, level, LIPPE if level == "gemeinde" else None)
    labels = region_dim.labels()
    return frame.assign(label=[labels.get(a, a) for a in frame["ags"]])


def ranking_view(entry: dict, year: int, level: str, region: str, build: dict[str, str]) -> charts.View:
    """Bar chart of all Gemeinden of Lippe or all NRW Kreise in one year; Lippe and the region
    highlighted, the reference (Kreis Lippe for Gemeinden, NRW for Kreise) as a dashed line."""
    frame = ranking_frame(entry, year, level)
    ref_ags = LIPPE if level == "gemeinde" else NRW
    ref = ranking(entry["id"], year, "kreis" if ref_ags == LIPPE else "land")
    ref = ref[ref["ags"] == ref_ags]
    reference = (region_dim.label(ref_ags), ref["value"].iloc[0]) if not ref.empty else None
    highlight = {region_dim.label(a) for a in (region, LIPPE)}
    title = f"{entry['short_title'] or entry['title']} {year}: {RANKING_LEVELS[level]}"
    fig = charts.bar_ranking(frame, category="label", value="value", title=title, unit=entry["unit"],
                             source=source_line(entry), highlight=highlight, decimals=int(entry["decimals"]),
                             reference=reference)
    table = value_table(frame.sort_values("value", ascending=False, na_position="last"), entry)
    return charts.View(fig, table, _ranking_alt(entry, frame, year, level),
                       f"{entry['id']}_rangfolge_{level}_{year}", download_meta(entry, build))


def _ranking_alt(entry: dict, frame: pd.DataFrame, year: int, level: str) -> str:
    valid = frame.dropna(subset=["value"]).sort_values("value")
    missing = len(frame) - len(valid)
    if valid.empty:
        return f"Balkendiagramm {entry['title']} {year}: keine Werte vorhanden."
    d, u = int(entry["decimals"]), entry["unit"]
    low, high = valid.iloc[0], valid.iloc[-1]
    text = (f"Balkendiagramm {entry['title']} {year} für {len(frame)} {RANKING_LEVELS[level]}: höchster Wert "
            f"{high['label']} ({fmt.fmt_value(high['value'], high['status'], d, u)}), niedrigster Wert "
            f"{low['label']} ({fmt.fmt_value(low['value'], low['status'], d, u)}).")
    if missing:
        noun = "Region" if missing == 1 else "Regionen"
        text += f" {missing} {noun} ohne Wert (geheim, unsicher oder fehlend)."
    return text


# --- methodology ---------------------------------------------------------------------------------

def sources_overview() -> pd.DataFrame:
    """Source tables with provider, licence, attribution and the Stand of the loaded files."""
    cat = source_catalogue()
    providers, licences = cat.get("providers", {}), cat.get("licences", {})
    files = meta.loaded_files()
    rows = []
    for table in cat.get("table", []):
        provider = providers.get(table.get("provider"), {})
        loaded = files[files["table_code"] == table["code"]]
        latest = None if loaded.empty else loaded["stand"].dropna().max()
        rows.append({
            "Tabelle": table["code"], "Titel": table.get("title", ""), "Anbieter": provider.get("name", ""),
            "Lizenz": licences.get(provider.get("licence"), {}).get("name", ""),
            "Namensnennung": provider.get("attribution", "").replace("{year}", str(latest or "")[:4] or "…"),
            "Stand": fmt.fmt_date_time(latest) if latest else "nicht geladen",
            "Ortsprinzip": table.get("place_principle", ""), "Brüche": table.get("breaks", ""),
            "Belegt": evidence_text(table), "Vorlage (Quelle)": table.get("howto", ""),
        })
    return pd.DataFrame(rows)


#: evidence grades of catalogue/sources.toml (REAL_TABLES.md) in plain German
EVIDENCE_DE = {"seen": "in einer echten Datei gesehen", "schema": "aus Metadaten (Schema 2020)",
               "inferred": "erschlossen, noch zu bestätigen"}


def evidence_text(table: dict) -> str:
    """How well the structure and the codes of a source table are confirmed (shown on Daten & Methodik)."""
    evidence = table.get("evidence") or {}
    if not evidence:
        return ""
    parts = [f"Aufbau {EVIDENCE_DE.get(evidence.get('structure'), '–')}",
             f"Codes {EVIDENCE_DE.get(evidence.get('codes'), '–')}"]
    return "; ".join(parts) + (f". {evidence['note']}" if evidence.get("note") else "")
