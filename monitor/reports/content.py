"""Report content from the read layer: key messages, indicator tables, chart views, sources and Stand.

Everything here is already formatted German text (or a chart view); the templates only lay it out. The
report regions follow from the configured home Kreis: the Kreis, its Gemeinden and its Jugendämter.
"""

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pandas as pd

from etl.catalogue import Indicator
from monitor import charts, facts, fmt, narrative
from monitor.queries import indicators, meta, regions, sources
from monitor.reports import gaps as gap_chapter
from monitor.reports.figures import ChartSpec, section_charts
from monitor.reports.topics import TOPICS, ReportError, Topic
from monitor.views import common

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
    gaps: gap_chapter.Chapter | None = None  # the Versorgungslücken chapter, when chosen
    sources: tuple[dict[str, str], ...] = ()
    attributions: tuple[str, ...] = ()
    monitor_name: str = "Bildungsmonitor"  # "Bildungsmonitor Lippe": named after the home Kreis

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


def report_regions() -> list[str]:
    """The home Kreis, its Gemeinden and its Jugendamtsbezirke."""
    home = regions.home()
    return [home.kreis, *home.gemeinden, *home.jugendaemter]


def comparison_regions(region: str) -> list[str]:
    """The home Kreis (for a Gemeinde or Jugendamt) and the Land."""
    home = regions.home()
    return [home.kreis, home.land] if region != home.kreis else [home.land]


def topic_entries(topic: Topic) -> list[Indicator]:
    """Catalogue entries of a topic: headline indicators first, then catalogue order."""
    entries = [e for e in indicators.catalogue() if e.life_phase in topic.life_phases]
    return sorted(entries, key=lambda e: not e.headline)


def topics_for(region: str) -> list[Topic]:
    """Topics with at least one indicator value for the region (a Jugendamt has no school data), and the
    Versorgungslücken when the home Kreis has Kita places."""
    catalogue = indicators.catalogue()
    found = set(indicators.latest_values([e.id for e in catalogue], [region])["indicator_id"])
    phases = {e.life_phase for e in catalogue if e.id in found}
    return [t for t in TOPICS
            if (gap_chapter.available(region) if t.is_gaps else phases & set(t.life_phases))]


def check_region(region: str) -> None:
    if region not in report_regions():
        names = ", ".join(f"{a} ({regions.label(a)})" for a in report_regions())
        raise ReportError(f"Region „{region}“ ist für Berichte nicht vorgesehen. Möglich: {names}.")


# --- indicator rows -----------------------------------------------------------------------------------


def _same_year(rows: pd.DataFrame, year: int) -> pd.Series | None:
    rows = rows[rows["year"] == year]
    return None if rows.empty else rows.sort_values("period").iloc[-1]


def indicator_row(entry: Indicator, rows: pd.DataFrame, region: str) -> IndicatorRow | None:
    """The latest value of the region with change and comparison values of the same year; None when the
    region has no value row for the indicator. ``sentence`` is the overview card's sentence (facts
    against the Land)."""
    land = regions.home().land
    mine = rows[rows["indicator_id"] == entry.id]
    own = mine[mine["ags"] == region]
    found = facts.build(entry, own, mine[mine["ags"] == land], region, land)
    if found is None:
        return None
    year = int(own["year"].max())
    comparisons = []
    for ags in comparison_regions(region):
        ref = _same_year(mine[mine["ags"] == ags], year)
        if narrative.is_count(entry.unit):
            comparisons.append("")  # counts of regions of different size are not compared
        else:
            comparisons.append(fmt.SYMBOLS["missing"] if ref is None else common.with_marker(
                fmt.fmt_value(ref["value"], ref["status"], found.decimals), ref.get("provenance")))
    return IndicatorRow(
        id=entry.id, title=found.title, unit=charts.unit_title(entry.unit) or "Anzahl", period=found.period,
        value=common.with_marker(fmt.fmt_value(found.value, found.status, found.decimals), found.provenance),
        change=narrative.change_text(found), comparisons=tuple(comparisons),
        rounded=narrative.rounding_base_for(entry.rounding_base, entry.rounding_from, year) is not None,
        sentence=narrative.sentence(found),
    )


def definition(entry: Indicator) -> Definition:
    items = tuple((label, str(getattr(entry, key))) for label, key in DEFINITION_FIELDS
                  if str(getattr(entry, key) or "").strip())
    return Definition(entry.id, entry.title, charts.unit_title(entry.unit) or "Anzahl", items,
                      sources.source_line(entry.sources))


# --- sections and reports -------------------------------------------------------------------------------


def key_messages(available: list[tuple[Indicator, IndicatorRow]], limit: int) -> tuple[str, ...]:
    """The overview cards' sentences of the topic's headline indicators, then further rows' sentences
    until there are ``MIN_MESSAGES``; at most ``limit``."""
    messages = [row.sentence for entry, row in available if entry.headline]
    for _, row in available:
        if len(messages) >= MIN_MESSAGES:
            break
        if row.sentence not in messages:
            messages.append(row.sentence)
    return tuple(messages[:limit])


def section(topic: Topic, region: str, build: dict[str, str], max_messages: int) -> Section:
    home = regions.home()
    entries = topic_entries(topic)
    rows = indicators.latest_values([e.id for e in entries], list(dict.fromkeys([region, home.kreis,
                                                                               home.land])))
    table = [(e, indicator_row(e, rows, region)) for e in entries]
    available = [(e, r) for e, r in table if r is not None]
    codes = dict.fromkeys(code for e, _ in available for code in e.sources)
    return Section(
        topic=topic, messages=key_messages(available, max_messages),
        charts=section_charts([e for e, _ in available], rows, region, build),
        rows=tuple(r for _, r in available),
        comparison_names=tuple(regions.label(a) for a in comparison_regions(region)),
        unavailable=tuple(e.title for e, r in table if r is None),
        definitions=tuple(definition(e) for e, _ in available), source_codes=tuple(codes),
    )


def source_rows(codes: list[str], build_year: str) -> tuple[tuple[dict[str, str], ...], tuple[str, ...]]:
    """Source tables used and loaded in the build (title, provider, licence, Stand of the loaded file) and
    the providers' attribution texts (year of the Stand, else of the build)."""
    frame = sources.sources_table()
    frame = frame[frame["code"].isin(codes) & frame["loaded"]]
    rows, texts = [], []
    for row in frame.to_dict("records"):
        stand = None if fmt.is_missing(row["stand"]) else str(row["stand"])
        rows.append({"Tabelle": row["code"], "Titel": row["title"], "Anbieter": row["provider"],
                     "Lizenz": row["licence"], "Stand": fmt.fmt_date_time(stand) if stand else NO_STAND})
        text = sources.attribution([row["code"]], (stand or build_year)[:4] or None)
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
    sections = tuple(section(t, region, build, MAX_MESSAGES[kind]) for t in chosen if not t.is_gaps)
    chapter = gap_chapter.chapter(region) if any(t.is_gaps for t in chosen) else None
    codes = list(dict.fromkeys([*(c for s in sections for c in s.source_codes),
                                *(chapter.source_codes if chapter else ())]))
    rows, texts = source_rows(codes, build.get("built_at", "")[:4])
    home_name = regions.names().get(regions.home().kreis, "")
    return Report(kind=kind, region=region, region_label=regions.label(region),
                  created=today or local_today(), build=build, sections=sections, gaps=chapter, sources=rows,
                  attributions=texts, monitor_name=f"Bildungsmonitor {home_name}".strip())
