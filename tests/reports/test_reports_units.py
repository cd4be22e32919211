"""Report parts without PDF rendering: file names, errors, topics per region, indicator rows with status
marks, print versions of figures, and that the chart page loads nothing from the internet."""

import dataclasses
import threading
from datetime import date

import kaleido
import pandas as pd
import plotly.graph_objects as go
import pytest

from monitor import charts, reports
from monitor.queries.indicators import indicator
from monitor.reports import content, figures, images, render

DAY = date(2026, 11, 26)


def test_file_names(demo_warehouse):
    name = reports.file_name
    assert name("vorlage", "05766", "schule", DAY) == "Sitzungsvorlage_Lippe_Schule_2026-11-26.pdf"
    assert name("vorlage", "05766052", "fruehe-bildung", DAY) == \
        "Sitzungsvorlage_Luegde_Fruehe_Bildung_2026-11-26.pdf"
    assert name("bericht", "05766032", None, DAY) == "Bildungsbericht_Horn_Bad_Meinberg_2026-11-26.pdf"


def test_regions_and_topics(demo_warehouse):
    regions = reports.report_regions()
    assert regions[0] == "05766" and "05766020" in regions and "JA05766K" in regions
    assert [t.key for t in reports.topics_for("05766")] == list(reports.TOPIC_KEYS)
    youth_office = [t.key for t in reports.topics_for("JA05766020")]
    assert "fruehe-bildung" in youth_office and "schule" not in youth_office


def test_clear_errors(demo_warehouse):
    with pytest.raises(reports.ReportError, match="Unbekanntes Thema „sport“"):
        reports.sitzungsvorlage("05766", "sport")
    with pytest.raises(reports.ReportError, match="Region „05754“ ist für Berichte nicht vorgesehen"):
        reports.bericht("05754")
    with pytest.raises(reports.ReportError, match="Jugendamt Detmold liegen zum Thema „schule“ keine Werte"):
        content.build_report("vorlage", "JA05766020", ["schule"], DAY)


def _rows(entry, statuses: list[tuple[str, str, float | None, str]]) -> pd.DataFrame:
    return pd.DataFrame([{"indicator_id": entry.id, "ags": ags, "name": "", "level": "", "period": period,
                          "year": int(period[:4]), "value": value, "numerator": None, "denominator": 100.0,
                          "status": status, "provenance": "synthetic"}
                         for ags, period, value, status in statuses])


def test_indicator_row_keeps_suppressed_values_apart(demo_warehouse):
    entry = indicator("leavers_without_certificate_share")
    rows = _rows(entry, [("05766020", "2023/24", 5.0, "ok"), ("05766020", "2024/25", None, "secret"),
                         ("05766", "2024/25", 6.34, "provisional"), ("05", "2024/25", 0.0, "zero")])
    row = content.indicator_row(entry, rows, "05766020")
    assert row.value == "." and row.change == "–"
    assert row.comparisons == ("6,3p", "0,0")
    assert row.rounded  # school statistics rounded to multiples of 5 from 2019
    assert "geheim" in row.sentence and "0" not in row.value


def test_indicator_row_none_without_values(demo_warehouse):
    entry = indicator("unemployment_rate")
    assert content.indicator_row(entry, _rows(entry, [("05", "2024", 7.0, "ok")]), "05766020") is None


def test_for_print_drops_title_and_source_and_moves_labels_off_the_bars():
    frame = pd.DataFrame({"label": ["A", "B", "C"], "value": [1.0, None, 3.0],
                          "status": ["ok", "secret", "provisional"]})
    fig = charts.bar_ranking(frame, category="label", value="value", title="Titel", unit="%",
                             source="Quelle: Test", reference=("NRW", 2.0))
    out = images.for_print(fig, render.print_height(fig))
    texts = [a.text for a in out.layout.annotations]
    assert out.layout.title.text is None and not any(t.startswith("Quelle") for t in texts)
    # the reference line stays, its label is a legend entry with the same dashed line
    assert [s.x0 for s in out.layout.shapes] == [2.0]
    legend = [t for t in out.data if t.name and t.name.startswith("NRW")]
    assert len(legend) == 1 and legend[0].line.dash == "dash" and legend[0].showlegend
    assert not any(t.startswith("NRW") for t in texts)
    # value labels: a column right of the plot area (paper x = 1), none at the bar ends
    bars = out.data[0]
    assert bars.textposition == "none"
    labels = {a.y: a.text for a in out.layout.annotations if a.xref == "paper" and a.x == 1}
    assert labels == {"A": "1,0 %", "C": "3,0p %"}  # B has no number: its no-value marker says so
    assert out.layout.margin.r >= 120 and out.layout.xaxis.range is None
    assert out.layout.height == render.BAR_EXTRA + 3 * render.BAR_HEIGHT
    assert "DejaVu Sans" in out.layout.font.family
    assert fig.layout.title.text == "Titel" and set(fig.data[0].textposition) == {"outside"}  # untouched
    assert render.print_height(go.Figure(go.Scatter(x=[1, 2], y=[1, 2]))) == render.SERIES_HEIGHT


def test_value_column_reads_encoded_arrays():
    frame = pd.DataFrame({"label": ["A", "B"], "value": [-2.0, 5.0], "status": ["ok", "ok"]})
    fig = charts.bar_ranking(frame, category="label", value="value", title="T", unit="Anzahl",
                             source="Quelle: Q", decimals=0)
    rebuilt = go.Figure(fig.to_dict())  # as from a cache: x is {"dtype": "f8", "bdata": ...}
    assert isinstance(rebuilt.data[0].x, dict)
    out = images.for_print(rebuilt, 200)
    assert {a.y: a.text for a in out.layout.annotations if a.x == 1} == {"A": "−2", "B": "5"}


def test_break_labels_sit_inside_the_plot_below_the_legend():
    frame = pd.DataFrame({"when": ["2021", "2022", "2021", "2022"], "value": [1.0, 2.0, 1.5, 2.5],
                          "label": ["A", "A", "B", "B"], "status": ["ok"] * 4})
    fig = charts.line_chart(frame, x="when", y="value", series="label", title="T", unit="%", source="Quelle",
                            breaks=[("2022", "Zensus 2022")])
    out = images.for_print(fig, render.SERIES_HEIGHT)
    note = next(a for a in out.layout.annotations if str(a.text).startswith("Bruch"))
    assert (note.yref, note.y, note.yanchor) == ("paper", 1, "top")  # hangs into the plot from its top
    assert (out.layout.legend.y, out.layout.legend.yanchor) == (1.02, "bottom")  # above the plot: the
    # legend row no longer hangs into the plot over the break label


def test_images_are_cached_per_build(monkeypatch, tmp_path):
    monkeypatch.setenv(images.CACHE_ENV, str(tmp_path))
    calls: list[int] = []

    def fake_export(figures, fmt=images.FORMAT):
        calls.append(len(figures))
        return [f"<svg>{fig.layout.height}</svg>".encode() for fig in figures]

    monkeypatch.setattr(images, "export", fake_export)
    one, two = go.Figure(layout={"height": 100}), go.Figure(layout={"height": 200})
    assert images.render([one, two], "svg", "build-1") == [b"<svg>100</svg>", b"<svg>200</svg>"]
    assert images.render([two, one], "svg", "build-1") == [b"<svg>200</svg>", b"<svg>100</svg>"]
    assert calls == [2, 0]  # the second report rendered nothing
    images.render([one], "svg", "build-2")  # another build: its own cache
    assert calls == [2, 0, 1]
    for build in ("build-3", "build-4", "build-5"):
        images.render([one], "svg", build)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["build-3", "build-4", "build-5"]  # KEEP_BUILDS


def test_chart_page_fetches_nothing_from_the_internet():
    page = kaleido.PageGenerator(plotly=str(images.PLOTLY_JS), mathjax=False).generate_index()
    assert images.PLOTLY_JS.is_file()
    assert "http://" not in page and "https://" not in page
    assert images.pio.defaults.topojson.startswith("file://")


def test_series_categories_in_time_order():
    fig = go.Figure([go.Scatter(x=["2015", "2016"], y=[1, 2]), go.Scatter(x=["2014"], y=[0.01])])
    assert figures.chronological(fig).layout.xaxis.categoryarray == ("2014", "2015", "2016")
    labels = ["31.12.2024", "01.03.2025", "01.03.2024", "2023/24", "WS 2022/23"]
    assert sorted(labels, key=figures.period_key) == ["WS 2022/23", "2023/24", "01.03.2024", "31.12.2024",
                                                      "01.03.2025"]


def test_indicator_row_comparisons_same_year_only(demo_warehouse):
    rate = indicator("leavers_without_certificate_share")
    rows = _rows(rate, [("05766020", "2024/25", 5.0, "ok"), ("05766", "2023/24", 6.0, "ok"),
                        ("05", "2024/25", 6.1, "ok")])
    assert content.indicator_row(rate, rows, "05766020").comparisons == ("–", "6,1")
    count = indicator("population_total")
    rows = _rows(count, [("05766020", "2024", 74000.0, "ok"), ("05766", "2024", 347000.0, "ok")])
    row = content.indicator_row(count, rows, "05766020")
    assert row.value == "74.000" and row.comparisons == ("", "")


def test_official_build_has_no_demo_notice(demo_warehouse):
    report = content.build_report("vorlage", "05766", ["wirtschaft"], DAY)
    uris = {spec.view.filename: "data:image/png;base64," for spec in report.sections[0].charts}
    demo = render.html(report, uris)
    assert report.synthetic and "Demodaten" in demo and "DEMODATEN" in demo
    official = render.html(dataclasses.replace(report, build={**report.build, "synthetic": "false"}), uris)
    assert "Demodaten" not in official and "DEMODATEN" not in official
    assert '<html lang="de">' in official and "Erstellt am 26.11.2026" in official
    assert len(report.sections[0].charts) == 3


def test_regions_and_ranking_scopes_follow_the_home_kreis(demo_warehouse, monkeypatch):
    assert figures.ranking_scope(indicator("unemployment_rate"), "05766") == \
        ("kreis", "Kreise im Regierungsbezirk Detmold", "057")
    assert figures.ranking_scope(indicator("transition_rate_gy"), "05766020") == \
        ("gemeinde", "Gemeinden im Kreis Lippe", "05766")
    assert figures.ranking_scope(indicator("childcare_rate_u3"), "JA05766020")[:2] == \
        ("jugendamt", "Jugendamtsbezirke im Kreis Lippe")
    assert content.comparison_regions("05766020") == ["05766", "05"]
    assert content.comparison_regions("05766") == ["05"]
    monkeypatch.setenv("BILDUNGSMONITOR_KREIS", "05754")  # Kreis Gütersloh
    offered = reports.report_regions()
    assert offered[0] == "05754" and "05766" not in offered and "05766020" not in offered
    assert content.comparison_regions("05754") == ["05"]
    with pytest.raises(reports.ReportError, match="Region „05766“ ist für Berichte nicht vorgesehen"):
        reports.bericht("05766")
    report = content.build_report("vorlage", "05754", ["wirtschaft"], DAY)
    assert report.monitor_name == "Bildungsmonitor Gütersloh" and report.region_label == "Kreis Gütersloh"
    assert report.sections[0].comparison_names == ("Nordrhein-Westfalen",)


def test_chart_export_failure_is_a_german_error(monkeypatch):
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")
    with pytest.raises(images.ChartExportError, match="Diagramme konnten nicht als Bild erzeugt werden"):
        images.export([go.Figure(layout={"height": 100})])
    assert not any(t.name == "kaleido" for t in threading.enumerate())  # the worker thread has ended
