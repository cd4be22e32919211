"""Presentation mode: the slide sequence of ``catalogue/presentation.toml`` (validated on load) and the
content of one slide (headline sentence, big number, one chart with large fonts).

Comparisons of a slide: ``nrw`` = the home Land, ``owl`` = the Kreise of the home Kreis's
Regierungsbezirk (``home.neighbours``), ``peers`` = the Kreise of most similar structure, ``gemeinden`` =
the Gemeinden of the home Kreis.
"""

import os
import tomllib
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from etl.catalogue import Indicator
from monitor import charts, facts, fmt, narrative, paragraphs
from monitor.db import per_build
from monitor.queries import compare, indicators, meta, regions, sources
from monitor.views import common, slide_charts

CONFIG_FILE = Path(__file__).resolve().parents[2] / "catalogue" / "presentation.toml"
CONFIG_ENV = "BILDUNGSMONITOR_PRESENTATION"  # another slide file (e.g. to try out a changed sequence)
CHARTS = {"line": ("nrw", "none"), "bar": ("owl", "peers", "gemeinden")}
FIELDS = {"indicator", "phase", "chart", "comparison", "title"}
LINE_YEARS = 10
SLIDE_PARAM = "folie"
PLOT_CONFIG = {**charts.PLOTLY_CONFIG, "displayModeBar": False}


class ConfigError(ValueError):
    """presentation.toml is unreadable or names an unknown indicator or option."""


@dataclass(frozen=True)
class Slide:
    indicator: str
    phase: str
    chart: str = "line"
    comparison: str = "nrw"
    title: str | None = None


@dataclass(frozen=True)
class Deck:
    title: str
    subtitle: str
    slides: tuple[Slide, ...]

    @property
    def count(self) -> int:
        """Number of slides including the title slide (slide 1)."""
        return len(self.slides) + 1


def config_path() -> Path:
    return Path(os.environ.get(CONFIG_ENV) or CONFIG_FILE)


def load_deck(known_ids: Collection[str], path: Path | None = None) -> Deck:
    """Read and check the slide file; ConfigError names the file, the slide (numbered as shown, the title
    slide being 1) and the reason."""
    path = path or config_path()
    try:
        with path.open("rb") as handle:
            raw = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise ConfigError(f"{path.name}: nicht lesbar: {error}") from None
    entries = raw.get("slide", [])
    if not entries:
        raise ConfigError(f"{path.name}: keine Folie ([[slide]]) definiert")
    slides = tuple(_slide(entry, number, path.name, set(known_ids))
                   for number, entry in enumerate(entries, start=2))
    return Deck(str(raw.get("title", "Bildungsmonitor")), str(raw.get("subtitle", "")), slides)


def _slide(entry: dict, number: int, name: str, known: set[str]) -> Slide:
    where = f"{name}, Folie {number}"
    unknown = set(entry) - FIELDS
    if unknown:
        raise ConfigError(f"{where}: unbekannte Angabe(n) {', '.join(sorted(unknown))}")
    for field in ("indicator", "phase"):
        if not str(entry.get(field, "")).strip():
            raise ConfigError(f"{where}: Angabe {field!r} fehlt")
    if entry["indicator"] not in known:
        raise ConfigError(f"{where}: unbekannter Indikator {entry['indicator']!r} "
                          "(nicht in catalogue/indicators.toml)")
    chart = entry.get("chart", "line")
    if chart not in CHARTS:
        raise ConfigError(f"{where}: Diagrammart {chart!r} unbekannt (erlaubt: {', '.join(CHARTS)})")
    comparison = entry.get("comparison", CHARTS[chart][0])
    if comparison not in CHARTS[chart]:
        raise ConfigError(f"{where}: Vergleich {comparison!r} passt nicht zu {chart!r} "
                          f"(erlaubt: {', '.join(CHARTS[chart])})")
    return Slide(entry["indicator"], entry["phase"], chart, comparison, entry.get("title"))


def clamp(number: object, deck: Deck) -> int:
    """Slide number from the URL (text) limited to 1 … deck.count; invalid → 1."""
    try:
        value = int(str(number))
    except ValueError:
        return 1
    return min(max(value, 1), deck.count)


def region_options() -> list[str]:
    """Regions selectable on the title slide: the home Kreis, the other Kreise of its Regierungsbezirk and
    its Gemeinden."""
    home = regions.home()
    return [home.kreis, *home.neighbours, *home.gemeinden]


# --- slide content ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Content:
    """What one slide shows; ``facts`` None when the region has no value row for the indicator."""

    title: str
    entry: Indicator
    region: str  # region shown: the chosen one, or the home Kreis for an indicator without Gemeinde values
    note: str  # why another region is shown (else empty)
    facts: narrative.Facts | None
    number: str  # big number, formatted (official symbol when suppressed)
    delta: str | None  # change against the previous period, e.g. "+1,1 Pp. ggü. 2024"
    delta_color: str  # st.metric delta_color
    delta_arrow: str  # st.metric delta_arrow: up, down or off (within the rounding noise)
    headline: str  # the level sentence
    details: list[str]  # comparison, development and rank sentences
    view: charts.View | None


def content(slide: Slide, region: str, build: dict[str, str], factor: float = 1.0) -> Content:
    """Headline, big number, detail sentences and chart of one slide for ``region``; for a Gemeinde of the
    home Kreis without values of the indicator, the home Kreis (with a note). ``factor``: slide size
    against 1920×1080 (``slide_charts.scale``), for the chart type."""
    home = regions.home()
    entry = indicators.indicator(slide.indicator)
    title = slide.title or entry.title
    found, note = facts.facts_for(entry, region, reference=home.land, peers=peer_keys), ""
    if found is None and region in home.gemeinden:
        note = (f"Für {regions.label(region)} liegt dieser Indikator nicht vor; gezeigt wird "
                f"{regions.label(home.kreis)}.")
        region = home.kreis
        found = facts.facts_for(entry, region, reference=home.land, peers=peer_keys)
    if found is None:
        text = f"Für {regions.label(region)} liegen zu diesem Indikator keine Werte vor."
        return Content(title, entry, region, note, None, fmt.SYMBOLS["missing"], None, "gray", "off", text,
                       [], None)
    parts = paragraphs.sentences(found)
    return Content(
        title=title, entry=entry, region=region, note=note, facts=found,
        number=common.with_marker(fmt.fmt_value(found.value, found.status, found.decimals, found.unit),
                                  found.provenance),
        delta=delta(found), delta_color=delta_color(found),
        delta_arrow={"up": "up", "down": "down"}.get(narrative.trend(found), "off"),
        headline=parts[0], details=parts[1:],
        view=chart(slide, entry, region, build, " ".join(parts), factor),
    )


@per_build
def shown_content(slide: Slide, region: str, factor: float = 1.0) -> Content:
    """:func:`content` of the current build at the slide size ``factor``, cached (shared by all sessions:
    the page only reads it)."""
    return content(slide, region, meta.build_info(), factor)


def peer_keys(kreis: str) -> list[str]:
    """The Kreise of most similar structure of a Kreis of the home Land (none when it lacks a feature)."""
    return compare.peer_keys(kreis) if kreis in regions.home().land_kreise else []


def delta(found: narrative.Facts) -> str | None:
    if narrative.trend(found) == "none":
        return None
    return f"{narrative.change_text(found)} ggü. {found.prev_period}"


def delta_color(found: narrative.Facts) -> str:
    """Green for better, orange for worse (as the overview badges), grey for neutral indicators and changes
    within the rounding noise; the headline says the same in words."""
    return {"better": "green", "worse": "orange"}.get(narrative.judgement(found), "gray")


def chart(slide: Slide, entry: Indicator, region: str, build: dict[str, str],
          text: str, factor: float = 1.0) -> charts.View | None:
    """The slide's chart with large fonts (``text``: the slide's sentences, part of the alt text); counts
    always as a line of the region alone."""
    home = regions.home()
    if narrative.is_count(entry.unit):
        view = _line(entry, region, [region], build, text)
    elif slide.chart == "bar":
        reference = home.kreis if slide.comparison == "gemeinden" else home.land
        view = _bar(entry, region, bar_regions(slide.comparison, region), reference, build, text)
    else:
        compared = [region] + ([home.land] if slide.comparison == "nrw" else [])
        view = _line(entry, region, compared, build, text)
    if view is None:
        return None
    fig = slide_charts.enlarge(view.fig, regions.label(region), factor)
    return charts.View(fig, view.data, view.alt_text, view.filename, view.meta)


def bar_regions(comparison: str, region: str) -> list[str]:
    """Bars of a slide: the Gemeinden of the home Kreis, the region and its structural peers, or the region
    and the Kreise of the home Regierungsbezirk."""
    home = regions.home()
    if comparison == "gemeinden":
        return list(home.gemeinden)
    if comparison == "peers":
        kreis = region if region in home.land_kreise else home.kreis
        return [region, *peer_keys(kreis)]
    return list(dict.fromkeys([region, *sorted({home.kreis, *home.neighbours})]))


def _line(entry: Indicator, region: str, shown: list[str], build: dict[str, str],
          text: str) -> charts.View | None:
    frame = indicators.series(entry.id, shown)
    frame = frame.sort_values(["year", "period"]).drop_duplicates(["ags", "year"], keep="last")
    frame = frame[frame["year"] > frame["year"].max() - LINE_YEARS] if not frame.empty else frame
    if frame.empty:
        return None
    labels = regions.labels()
    frame = frame.assign(label=[labels.get(a, a) for a in frame["ags"]], when=frame["year"].astype(str))
    frame["_order"] = frame["ags"].map(shown.index)
    frame = frame.sort_values(["_order", "year"]).drop(columns="_order")
    fig = charts.line_chart(frame, x="when", y="value", series="label", title="", unit=entry.unit,
                            source=sources.source_line(entry.sources), highlight=labels.get(region, region),
                            decimals=entry.decimals, breaks=common.break_marks(entry.id, frame))
    names = ", ".join(labels.get(a, a) for a in shown)
    return charts.View(fig, common.value_table(frame, entry), f"Liniendiagramm ({names}). {text}",
                       f"praesentation_{entry.id}_{region}", common.download_meta(entry, build, region))


def _bar(entry: Indicator, region: str, shown: list[str], reference: str, build: dict[str, str],
         text: str) -> charts.View | None:
    """Latest year of the region as bars of ``shown``, ``reference`` (the Land or the home Kreis) as a
    dashed line."""
    years = indicators.series(entry.id, [region])
    if years.empty:
        return None
    year = int(years["year"].max())
    level_rows = [indicators.ranking(entry.id, year, level) for level in ("kreis", "gemeinde", "land")]
    rows = pd.concat([f for f in level_rows if not f.empty], ignore_index=True)
    frame = rows[rows["ags"].isin(shown)]
    labels = regions.labels()
    frame = frame.assign(label=[labels.get(a, a) for a in frame["ags"]])
    ref = rows[rows["ags"] == reference]
    line = (labels.get(reference, reference), ref["value"].iloc[0]) if not ref.empty else None
    fig = charts.bar_ranking(frame, category="label", value="value", title="", unit=entry.unit,
                             source=sources.source_line(entry.sources),
                             highlight=[labels.get(region, region)], decimals=entry.decimals, reference=line)
    names = ", ".join(frame["label"])
    return charts.View(fig, common.value_table(frame, entry), f"Balkendiagramm {year} ({names}). {text}",
                       f"praesentation_{entry.id}_{region}_{year}",
                       common.download_meta(entry, build, region))


def stand_text(entry: Indicator) -> str:
    """Stand of the indicator's source files (German date)."""
    return fmt.fmt_date_time(sources.stand(entry.sources))


def source_line(entry: Indicator) -> str:
    return sources.source_line(entry.sources)


def footer_line(entry: Indicator) -> str:
    """The slide footer in one line: providers and the latest Stand of the indicator's tables, e.g.
    ``Quelle: IT.NRW, Landesdatenbank NRW; eigene Berechnungen · Stand: 16.02.2026`` (the tables with their
    own Stand are in the text alternative and the data table)."""
    providers = dict.fromkeys(sources.provider(code).get("short", "") or code
                              for code in sources.loaded_stands(entry.sources))
    text = "; ".join([*providers, sources.DERIVED])
    return f"Quelle: {text} · Stand: {stand_text(entry)}"
