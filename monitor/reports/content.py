"""Report content from the read layer: key messages, indicator tables, chart views, sources and Stand.

Everything here is already formatted German text (or a chart view); the templates only lay it out.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pandas as pd
import plotly.graph_objects as go

from monitor import charts, fmt, indicators, narrative
from monitor.queries import meta, regions
from monitor.reports.topics import TOPICS, ReportError, Topic

LIPPE, NRW = indicators.LIPPE, indicators.NRW
MIN_RANKED = 3
DATE_LABEL = re.compile(r"\d{2}\.\d{2}\.\d{4}")
YEAR = re.compile(r"\d{4}")
MAX_MESSAGES = {"vorlage": 4, "bericht": 8}  # key messages per topic
MIN_MESSAGES = 3
NO_STAND = "ohne Angabe in der Datei"
DEMO_NOTICE = ("Demodaten: Alle Zahlen sind synthetisch erzeugt und dienen nur der Vorführung. "
               "Sie sind keine amtlichen Ergebnisse.")
DEFINITION_FIELDS = (("Definition", "methodology"), ("Zähler", "numerator"), ("Nenner", "denominator"),
                     ("Stichtag / Zeitraum", "stichtag"), ("Ortsprinzip", "place_principle"),
                     ("Brüche in der Zeitreihe", "breaks"), ("Rundung", "rounding_note"))


@dataclass(frozen=True)
class IndicatorRow:
    """One line of an indicator table, formatted."""

    id: str
    title: str
    unit: str
    period: str
    value: str
    change: str
    comparisons: tuple[str, ...]
    rounded: bool
    sentence: str


@dataclass(frozen=True)
class ChartSpec:
    """A chart of a section: caption, source line and the view (figure, data, text alternative)."""

    kind: str  # series | ranking
    title: str
    source: str
    view: charts.View


@dataclass(frozen=True)
class Definition:
    id: str
    title: str
    unit: str
    fields: tuple[tuple[str, str], ...]
    source: str


@dataclass(frozen=True)
class Section:
    """One topic of a report for one region."""

    topic: Topic
    messages: tuple[str, ...]
    charts: tuple[ChartSpec, ...]
    rows: tuple[IndicatorRow, ...]
    comparison_names: tuple[str, ...]
    unavailable: tuple[str, ...]
    definitions: tuple[Definition, ...]
    source_codes: tuple[str, ...]


@dataclass(frozen=True)
class Report:
    """Everything a report shows."""

    kind: str  # vorlage | bericht
    region: str
    region_label: str
    created: date
    build: dict[str, str]
    sections: tuple[Section, ...]
    sources: tuple[dict[str, str], ...] = ()
    attributions: tuple[str, ...] = ()

    @property
    def synthetic(self) -> bool:
        return self.build.get("synthetic", "false").lower() == "true"

    @property
    def created_text(self) -> str:
        return fmt.fmt_period(self.created.isoformat())

    @property
    def built_at_text(self) -> str:
        return fmt.fmt_date_time(self.build.get("built_at"))


def local_today() -> date:
    """Today's date in Germany (the date printed on a report and in its file name)."""
    return datetime.now(ZoneInfo("Europe/Berlin")).date()


# --- regions and topics -----------------------------------------------------------------------------


def jugendaemter(kreis: str = LIPPE) -> list[str]:
    frame = regions.regions()
    return list(frame[(frame["level"] == "jugendamt") & (frame["parent"] == kreis)]["ags"])


def report_regions() -> list[str]:
    """Kreis Lippe, its Gemeinden and its Jugendamtsbezirke."""
    return [LIPPE, *indicators.gemeinden(), *jugendaemter()]


def topic_entries(topic: Topic) -> list[dict]:
    """Catalogue entries of a topic: headline indicators first, then catalogue order."""
    frame = indicators.catalogue()
    frame = frame[frame["life_phase"].isin(topic.life_phases)]
    entries = frame.to_dict("records")
    return sorted(entries, key=lambda e: not bool(e.get("headline")))


def _values(entries: list[dict], region: str) -> pd.DataFrame:
    return indicators.latest_values([e["id"] for e in entries], list(dict.fromkeys([region, LIPPE, NRW])))


def topics_for(region: str) -> list[Topic]:
    """Topics with at least one indicator value for the region (a Jugendamt has no school data)."""
    rows = indicators.latest_values([e["id"] for e in indicators.catalogue().to_dict("records")], [region])
    phases = set(indicators.catalogue().set_index("id").loc[rows["indicator_id"].unique(), "life_phase"])
    return [t for t in TOPICS if phases & set(t.life_phases)]


def check_region(region: str) -> None:
    if region not in report_regions():
        names = ", ".join(f"{a} ({regions.label(a)})" for a in report_regions())
        raise ReportError(f"Region „{region}“ ist für Berichte nicht vorgesehen. Möglich: {names}.")


# --- indicator rows -----------------------------------------------------------------------------------


def _same_year(rows: pd.DataFrame, year: int) -> pd.Series | None:
    rows = rows[rows["year"] == year]
    return None if rows.empty else rows.sort_values("period").iloc[-1]


def comparison_regions(region: str) -> list[str]:
    """Kreis Lippe (for a Gemeinde or Jugendamt) and NRW."""
    return [LIPPE, NRW] if region != LIPPE else [NRW]


def indicator_row(entry: dict, rows: pd.DataFrame, region: str) -> IndicatorRow | None:
    """The latest value of the region with change and comparison values of the same year; None when the
    region has no value row for the indicator."""
    mine = rows[rows["indicator_id"] == entry["id"]]
    own = mine[mine["ags"] == region]
    if own.empty:
        return None
    # Facts exactly as the overview cards build them (same sentence and change rules).
    facts = indicators.facts_from_rows(entry, own, mine[mine["ags"] == NRW], region, NRW)
    year = int(own["year"].max())
    comparisons = []
    for ags in comparison_regions(region):
        ref = _same_year(mine[mine["ags"] == ags], year)
        if narrative.is_count(entry["unit"]):
            comparisons.append("")  # counts of regions of different size are not compared
        else:
            comparisons.append(fmt.SYMBOLS["missing"] if ref is None else indicators.with_marker(
                fmt.fmt_value(ref["value"], ref["status"], facts.decimals), ref.get("provenance")))
    return IndicatorRow(
        id=entry["id"], title=facts.title, unit=charts.unit_title(entry["unit"]) or "Anzahl",
        period=facts.period,
        value=indicators.with_marker(fmt.fmt_value(facts.value, facts.status, facts.decimals),
                                     facts.provenance),
        change=narrative.change_text(facts), comparisons=tuple(comparisons),
        rounded=narrative.rounding_base_for(entry["rounding_base"], entry["rounding_from"], year) is not None,
        sentence=narrative.sentence(facts),
    )


def definition(entry: dict) -> Definition:
    items = []
    for label, key in DEFINITION_FIELDS:
        value = entry.get(key)
        if value is not None and not fmt.is_missing(value) and str(value).strip():
            items.append((label, str(value)))
    return Definition(entry["id"], entry["title"], charts.unit_title(entry["unit"]) or "Anzahl", tuple(items),
                      indicators.source_line(entry))


# --- charts -----------------------------------------------------------------------------------------------


def _caption(view: charts.View) -> str:
    return str(view.fig.layout.title.text or "").replace("<br>", " ")


def period_key(label: str) -> tuple:
    """Sort key of a period label on a category axis: ``31.12.2024`` → (2024, 12, 31); ``2023/24`` →
    (2023, 0, 0); labels without a year last."""
    if DATE_LABEL.fullmatch(label):
        day, month, year = (int(p) for p in label.split("."))
        return (year, month, day, label)
    found = YEAR.search(label)
    return (int(found.group()), 0, 0, label) if found else (9999, 0, 0, label)


def chronological(fig: go.Figure) -> go.Figure:
    """Category axis in time order (a period that only the no-value markers have would otherwise be
    appended at the right end)."""
    labels = {str(x) for trace in fig.data if trace.x is not None for x in trace.x}
    return fig.update_xaxes(categoryorder="array", categoryarray=sorted(labels, key=period_key))


def series_chart(entry: dict, region: str, build: dict[str, str]) -> ChartSpec:
    peers = [] if region == LIPPE or narrative.is_count(entry["unit"]) else [LIPPE]
    view = indicators.series_view(entry, region, peers, build)
    chronological(view.fig)
    return ChartSpec("series", _caption(view), indicators.source_line(entry), view)


def ranking_scope(entry: dict, region: str) -> tuple[str, str, str | None]:
    """Regions to rank as (level, scope title, parent): the Jugendamtsbezirke of Lippe for a Jugendamt,
    else the Gemeinden of Lippe, else the Kreise of Ostwestfalen-Lippe (RB Detmold)."""
    if region in jugendaemter() and indicators.has_values(entry["id"], "jugendamt"):
        return "jugendamt", "Jugendamtsbezirke im Kreis Lippe", LIPPE
    if indicators.has_values(entry["id"], "gemeinde"):
        return "gemeinde", "Gemeinden im Kreis Lippe", LIPPE
    return "kreis", "Kreise in Ostwestfalen-Lippe", indicators.RB_DETMOLD


def ranking_chart(entry: dict, region: str, year: int, build: dict[str, str]) -> ChartSpec | None:
    """Bar chart of the comparable regions in ``year``; None when fewer than ``MIN_RANKED`` of them have
    a value (nothing to compare)."""
    level, scope, parent = ranking_scope(entry, region)
    frame = indicators.ranking(entry["id"], year, level, parent)
    if frame["value"].notna().sum() < MIN_RANKED:
        return None
    if level == "gemeinde":
        view = indicators.ranking_view(entry, year, level, region, build)
    else:
        marked = region if region in set(frame["ags"]) else LIPPE
        reference = LIPPE if level == "jugendamt" else NRW
        title = f"{entry['short_title'] or entry['title']} {year}: {scope}"
        view = group_ranking(entry, frame, marked, reference, title, build)
    return ChartSpec("ranking", _caption(view), indicators.source_line(entry), view)


def group_ranking(entry: dict, frame: pd.DataFrame, region: str, reference: str, title: str,
                  build: dict[str, str]) -> charts.View:
    """Bar chart of a small group of regions with the reference region's value as a dashed line."""
    labels = regions.labels()
    frame = frame.assign(label=[labels.get(a, a) for a in frame["ags"]])
    year = int(frame["year"].max()) if not frame.empty else None
    ref = _same_year(indicators.series(entry["id"], [reference]), year) if year is not None else None
    line = (labels.get(reference, reference), ref["value"]) if ref is not None else None
    fig = charts.bar_ranking(frame, category="label", value="value", title=title, unit=entry["unit"],
                             source=indicators.source_line(entry), highlight={labels.get(region, region)},
                             decimals=int(entry["decimals"]), reference=line)
    d, u = int(entry["decimals"]), entry["unit"]
    alt = f"Balkendiagramm {title}: " + ", ".join(
        f"{r.label} {fmt.fmt_value(r.value, r.status, d, u)}" for r in frame.itertuples()) + "."
    return charts.View(fig, indicators.value_table(frame, entry), alt, f"{entry['id']}_rangfolge_{year}",
                       indicators.download_meta(entry, build))


def section_charts(entries: list[dict], rows: pd.DataFrame, region: str, build: dict[str, str]
                   ) -> tuple[ChartSpec, ...]:
    """Up to three charts: a time series, a ranking of comparable regions, another time series. Series
    prefer indicators with several years; rankings need at least ``MIN_RANKED`` regions with values."""
    own = rows[rows["ags"] == region]
    years = own.groupby("indicator_id")["year"].agg(["nunique", "max"])
    picks = [e for e in entries if e["id"] in years.index]
    if not picks:
        return ()
    series_ok = [e for e in picks if years.loc[e["id"], "nunique"] >= 2]
    first = (series_ok or picks)[0]
    specs = [series_chart(first, region, build)]
    used = [first["id"]]
    for entry in [e for e in picks if e["id"] != first["id"]] + [first]:
        spec = ranking_chart(entry, region, int(years.loc[entry["id"], "max"]), build)
        if spec is not None:
            specs.append(spec)
            used.append(entry["id"])
            break
    rest = [e for e in series_ok if e["id"] not in used]
    if rest:
        specs.append(series_chart(rest[0], region, build))
    return tuple(specs)


# --- sections and reports -------------------------------------------------------------------------------


def section(topic: Topic, region: str, cards: list, build: dict[str, str], max_messages: int) -> Section:
    entries = topic_entries(topic)
    rows = _values(entries, region)
    table = [(e, indicator_row(e, rows, region)) for e in entries]
    available = [(e, r) for e, r in table if r is not None]
    # Key messages: the overview cards' sentences for the topic's headline indicators, then further ones.
    ids = {e["id"] for e in entries}
    messages = [c.sentence for c in cards if c.id in ids]
    for _, row in available:
        if len(messages) >= MIN_MESSAGES:
            break
        if row.sentence not in messages:
            messages.append(row.sentence)
    labels = regions.labels()
    codes = dict.fromkeys(code for e, _ in available for code in indicators.as_list(e.get("sources")))
    return Section(
        topic=topic, messages=tuple(messages[:max_messages]),
        charts=section_charts([e for e, _ in available], rows, region, build),
        rows=tuple(r for _, r in available),
        comparison_names=tuple(labels.get(a, a) for a in comparison_regions(region)),
        unavailable=tuple(e["title"] for e, r in table if r is None),
        definitions=tuple(definition(e) for e, _ in available), source_codes=tuple(codes),
    )


def sources(codes: list[str], build_year: str) -> tuple[tuple[dict[str, str], ...], tuple[str, ...]]:
    """Source tables used and loaded in the build (title, provider, licence, Stand of the loaded file) and
    the providers' attribution texts (year of the Stand, else of the build)."""
    frame = indicators.sources_overview()
    loaded = set(meta.loaded_files()["table_code"])
    frame = frame[frame["Tabelle"].isin(codes) & frame["Tabelle"].isin(loaded)]
    providers = indicators.source_catalogue().get("providers", {})
    rows, texts = [], []
    for row in frame.to_dict("records"):
        stand = indicators.stand([row["Tabelle"]])
        rows.append({**row, "Stand": fmt.fmt_date_time(stand) if stand else NO_STAND})
        provider = providers.get(indicators.table_provider(row["Tabelle"]) or "", {})
        text = provider.get("attribution", "").replace("{year}", (stand or build_year)[:4])
        if text and text not in texts:
            texts.append(text)
    return tuple(rows), tuple(texts)


def build_report(kind: str, region: str, topic_keys: list[str], today: date | None = None) -> Report:
    """Content of a Sitzungsvorlage (one topic) or Bericht (all topics with values) for ``region``."""
    check_region(region)
    available = topics_for(region)
    chosen = [t for t in available if t.key in topic_keys]
    if not chosen:
        wanted = ", ".join(topic_keys)
        offered = ", ".join(t.key for t in available) or "keine"
        raise ReportError(f"Für {regions.label(region)} liegen zum Thema „{wanted}“ keine Werte vor. "
                          f"Verfügbare Themen: {offered}.")
    build = meta.build_info()
    cards, _ = indicators.kpi_cards(region)
    sections = tuple(section(t, region, cards, build, MAX_MESSAGES[kind]) for t in chosen)
    codes = list(dict.fromkeys(c for s in sections for c in s.source_codes))
    rows, texts = sources(codes, build.get("built_at", "")[:4])
    created = today or local_today()
    return Report(kind=kind, region=region, region_label=regions.label(region), created=created,
                  build=build, sections=sections, sources=rows, attributions=texts)
