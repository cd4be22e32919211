"""Presentation mode: the slide sequence of ``catalogue/presentation.toml`` (validated on load) and the
content of one slide (headline sentence, big number, one chart with large fonts)."""

import os
import tomllib
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from monitor import charts, compare, facts, fmt, indicators, narrative, ui
from monitor.queries import indicators as queries
from monitor.queries import regions as region_dim

CONFIG_FILE = Path(__file__).resolve().parents[1] / "catalogue" / "presentation.toml"
CONFIG_ENV = "BILDUNGSMONITOR_PRESENTATION"  # another slide file (e.g. to try out a changed sequence)
CHARTS = {"line": ("nrw", "none"), "bar": ("owl", "peers", "gemeinden")}
FIELDS = {"indicator", "phase", "chart", "comparison", "title"}
FONT = 24
LINE_YEARS = 10


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
    return Deck(str(raw.get("title", "Bildungsmonitor Lippe")), str(raw.get("subtitle", "")), slides)


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


def regions() -> list[str]:
    """Regions selectable on the title slide: Kreis Lippe, the other OWL Kreise, the Gemeinden of Lippe."""
    others = [a for a in indicators.owl_kreise() if a != indicators.LIPPE]
    return [indicators.LIPPE, *others, *indicators.gemeinden()]


# --- slide content ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Content:
    """What one slide shows; ``facts`` None when the region has no value row for the indicator."""

    title: str
    entry: dict
    region: str  # region shown: the chosen one, or Kreis Lippe for an indicator without Gemeinde values
    note: str  # why another region is shown (else empty)
    facts: narrative.Facts | None
    number: str  # big number, formatted (official symbol when suppressed)
    delta: str | None  # change against the previous period, e.g. "+1,1 Pp. ggü. 2024"
    delta_color: str  # st.metric delta_color
    delta_arrow: str  # st.metric delta_arrow: up, down or off (within the rounding noise)
    headline: str  # the level sentence
    details: list[str]  # comparison, development and rank sentences
    view: charts.View | None


def content(slide: Slide, region: str, build: dict[str, str]) -> Content:
    """Headline, big number, detail sentences and chart of one slide for ``region``; for a Gemeinde of Lippe
    without values of the indicator, Kreis Lippe (with a note)."""
    entry = indicators.indicator(slide.indicator)
    title = slide.title or entry["title"]
    typed = queries.indicator(slide.indicator)
    found, note = facts.facts_for(typed, region, peers=_peer_keys), ""
    if found is None and region in set(indicators.gemeinden()):
        note = (f"Für {region_dim.label(region)} liegt dieser Indikator nicht vor; gezeigt wird "
                f"{region_dim.label(indicators.LIPPE)}.")
        region, found = indicators.LIPPE, facts.facts_for(typed, indicators.LIPPE, peers=_peer_keys)
    if found is None:
        text = f"Für {region_dim.label(region)} liegen zu diesem Indikator keine Werte vor."
        return Content(title, entry, region, note, None, fmt.SYMBOLS["missing"], None, "gray", "off", text,
                       [], None)
    parts = narrative.sentences(found)
    return Content(
        title=title, entry=entry, region=region, note=note, facts=found,
        number=indicators.with_marker(fmt.fmt_value(found.value, found.status, found.decimals, found.unit),
                                      found.provenance),
        delta=_delta(found), delta_color=_delta_color(found),
        delta_arrow={"up": "up", "down": "down"}.get(narrative.trend(found), "off"),
        headline=parts[0], details=parts[1:], view=chart(slide, entry, region, build, " ".join(parts)),
    )


def _peer_keys(region: str) -> list[str]:
    """The Kreise of most similar structure (none when the region lacks a similarity feature)."""
    try:
        return compare.peer_keys(compare.peers(region)[0])
    except ValueError:
        return []


def _delta(facts: narrative.Facts) -> str | None:
    if narrative.trend(facts) == "none":
        return None
    return f"{narrative.change_text(facts)} ggü. {facts.prev_period}"


def _delta_color(facts: narrative.Facts) -> str:
    """Green for better, orange for worse (as the overview badges), grey for neutral indicators and changes
    within the rounding noise; the headline says the same in words."""
    return {"better": "green", "worse": "orange"}.get(narrative.judgement(facts), "gray")


def chart(slide: Slide, entry: dict, region: str, build: dict[str, str], text: str) -> charts.View | None:
    """The slide's chart with large fonts (``text``: the slide's sentences, part of the alt text); counts
    always as a line of the region alone."""
    if narrative.is_count(entry["unit"]):
        view = _line(entry, region, [region], build, text)
    elif slide.chart == "bar":
        reference = indicators.LIPPE if slide.comparison == "gemeinden" else indicators.NRW
        view = _bar(entry, region, _bar_regions(slide.comparison, region), reference, build, text)
    else:
        compared = [region] + ([indicators.NRW] if slide.comparison == "nrw" else [])
        view = _line(entry, region, compared, build, text)
    if view is None:
        return None
    return charts.View(enlarge(view.fig), view.data, view.alt_text, view.filename, view.meta)


def _bar_regions(comparison: str, region: str) -> list[str]:
    if comparison == "gemeinden":
        return indicators.gemeinden()
    if comparison == "peers":
        try:
            keys = compare.peer_keys(compare.peers(region if _is_kreis(region) else indicators.LIPPE)[0])
        except ValueError:  # no similarity features for the region
            keys = []
        return [region, *keys]
    return list(dict.fromkeys([region, *indicators.owl_kreise()]))


def _is_kreis(region: str) -> bool:
    return region in set(indicators.kreise())


def _line(entry: dict, region: str, regions: list[str], build: dict[str, str],
          text: str) -> charts.View | None:
    frame = indicators.series(entry["id"], regions)
    frame = frame.sort_values(["year", "period"]).drop_duplicates(["ags", "year"], keep="last")
    frame = frame[frame["year"] > frame["year"].max() - LINE_YEARS] if not frame.empty else frame
    if frame.empty:
        return None
    labels = region_dim.labels()
    frame = frame.assign(label=[labels.get(a, a) for a in frame["ags"]], when=frame["year"].astype(str))
    frame["_order"] = frame["ags"].map(regions.index)
    frame = frame.sort_values(["_order", "year"]).drop(columns="_order")
    fig = charts.line_chart(frame, x="when", y="value", series="label", title="", unit=entry["unit"],
                            source=indicators.source_line(entry), highlight=labels.get(region, region),
                            decimals=int(entry["decimals"]),
                            breaks=indicators.break_marks(entry["id"], frame))
    names = ", ".join(labels.get(a, a) for a in regions)
    return charts.View(fig, indicators.value_table(frame, entry), f"Liniendiagramm ({names}). {text}",
                       f"praesentation_{entry['id']}_{region}",
                       indicators.download_meta(entry, build, region))


def _bar(entry: dict, region: str, regions: list[str], reference: str, build: dict[str, str],
         text: str) -> charts.View | None:
    """Latest year of ``regions`` as bars, ``reference`` (NRW or Kreis Lippe) as a dashed line."""
    years = indicators.series(entry["id"], [region])
    if years.empty:
        return None
    year = int(years["year"].max())
    level_rows = [indicators.ranking(entry["id"], year, level) for level in ("kreis", "gemeinde", "land")]
    frame = pd.concat([f for f in level_rows if not f.empty], ignore_index=True)
    frame = frame[frame["ags"].isin(regions)]
    labels = region_dim.labels()
    frame = frame.assign(label=[labels.get(a, a) for a in frame["ags"]])
    ref = pd.concat(level_rows, ignore_index=True)
    ref = ref[ref["ags"] == reference]
    line = (labels.get(reference, reference), ref["value"].iloc[0]) if not ref.empty else None
    fig = charts.bar_ranking(frame, category="label", value="value", title="", unit=entry["unit"],
                             source=indicators.source_line(entry), highlight=[labels.get(region, region)],
                             decimals=int(entry["decimals"]), reference=line)
    fig.update_layout(height=max(560, 36 * len(frame) + 120))
    names = ", ".join(frame["label"])
    return charts.View(fig, indicators.value_table(frame, entry), f"Balkendiagramm {year} ({names}). {text}",
                       f"praesentation_{entry['id']}_{region}_{year}",
                       indicators.download_meta(entry, build, region))


def enlarge(fig: go.Figure) -> go.Figure:
    """Fonts readable across a room; no chart title and no source note (the slide shows both)."""
    notes = [a for a in fig.layout.annotations if not str(a.text or "").startswith("Quelle")]
    fig.layout.annotations = notes
    fig.update_layout(title={"text": ""}, font={"size": FONT}, legend={"font": {"size": FONT}},
                      margin={"t": 70, "b": 40})
    if (fig.layout.height or 0) < 560:
        fig.update_layout(height=560)
    fig.update_traces(textfont={"size": FONT}, selector={"type": "bar"})
    fig.update_traces(line={"width": 6}, marker={"size": 14}, selector={"mode": "lines+markers"})
    fig.update_annotations(font={"size": FONT - 4})
    return fig


# --- page parts (Streamlit) --------------------------------------------------------------------------

SLIDE_PARAM = "folie"
#: Presentation mode hides the sidebar (with the page navigation) and the header by CSS injected only on
#: this page: st.set_page_config cannot differ per page, and st.navigation(position="hidden") would need a
#: mode flag in app.py. Leaving the page (the "Präsentation beenden" link) removes the style again.
CHROME_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
[data-testid="stHeader"], [data-testid="stToolbar"] { display: none !important; }
[data-testid="stMainBlockContainer"] { padding-top: 1.5rem; max-width: 100%; }
[data-testid="stMetricValue"] { font-size: 5.5rem !important; line-height: 1.1; }
[data-testid="stMetricLabel"] p, [data-testid="stMetricDelta"] { font-size: 1.6rem !important; }
.stMarkdown p, .stMarkdown li { font-size: 1.35rem; }
[data-testid="stCaptionContainer"] p { font-size: 1rem; }
</style>
"""


def hide_chrome() -> None:
    """Full-width slide layout without sidebar, navigation and header (CSS, this page only)."""
    st.html(CHROME_CSS)


PLOT_CONFIG = {**charts.PLOTLY_CONFIG, "displayModeBar": False}


def chosen_region(options: list[str]) -> str:
    """The region chosen on the title slide (session, else URL, else Kreis Lippe), kept in the URL."""
    for candidate in (st.session_state.get("region"), st.query_params.get("region")):
        if candidate in options:
            ui.set_param("region", candidate)
            return candidate
    ui.set_param("region", indicators.LIPPE)
    return indicators.LIPPE


def stand_text(entry: dict) -> str:
    """Stand of the indicator's source files (German date)."""
    return fmt.fmt_date_time(indicators.stand(entry.get("sources", [])))
