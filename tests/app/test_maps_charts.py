"""Tile positions, tile maps and chart marking of suppressed values."""

import csv
import json
import shutil
from pathlib import Path

import duckdb
import pandas as pd
import plotly.graph_objects as go

from monitor import charts, db, maps
from tests.app import fixture_warehouse

REGIONS = Path(__file__).resolve().parents[2] / "catalogue" / "regions.csv"


def _keys(level: str, parent: str | None = None) -> set[str]:
    with open(REGIONS, encoding="utf-8") as handle:
        return {r["ags"] for r in csv.DictReader(handle, delimiter=";")
                if r["level"] == level and (parent is None or r["parent"] == parent)}


def test_tiles_cover_every_gemeinde_and_kreis_once():
    for level, expected in (("gemeinde", _keys("gemeinde", "05766")), ("kreis", _keys("kreis"))):
        tiles = maps.tile_positions(level)
        assert set(tiles["ags"]) == expected
        assert len(tiles) == len(expected)
        assert not tiles.duplicated(["row", "col"]).any()
    assert len(maps.tile_positions("kreis")) == 53
    assert len(maps.tile_positions("gemeinde")) == 16


def _tiles_frame() -> pd.DataFrame:
    tiles = maps.tile_positions("gemeinde")
    values = [10.0 + i for i in range(len(tiles))]
    values[0] = None
    status = ["secret"] + ["ok"] * (len(tiles) - 1)
    return pd.DataFrame({"ags": tiles["ags"], "name": tiles["ags"], "value": values, "status": status})


def test_tile_map_marks_missing_and_highlight():
    data = _tiles_frame()
    fig = maps.tile_map(data, level="gemeinde", title="Test", unit="%", source="Quelle: Test",
                        highlight="05766020")
    assert "schematische" in fig.layout.title.text
    fills = [s.fillcolor for s in fig.layout.shapes]
    assert fills.count(maps.MISSING_FILL) == 1
    widths = [s.line.width for s in fig.layout.shapes]
    assert widths.count(5) == 1
    labels = fig.data[0].text
    assert any(label.endswith("<b>.</b>") for label in labels)  # the official symbol, not 0
    swatch = next(t for t in fig.data if t.name == maps.MISSING_MAP_LEGEND)
    assert swatch.marker.pattern.shape == "x"  # hatched, as the tile: no colour of the scale
    missing = data.loc[0, "ags"]
    col, row = maps.tile_positions("gemeinde").set_index("ags").loc[missing, ["col", "row"]]
    hatch = [s for s in fig.layout.shapes if s.type == "line"]
    assert hatch and all(col <= min(s.x0, s.x1) and max(s.x0, s.x1) <= col + 0.94 for s in hatch)


def _gap_tiles(values: list[float | None]) -> pd.DataFrame:
    tiles = maps.tile_positions("gemeinde").head(len(values))
    return pd.DataFrame({"ags": tiles["ags"], "name": tiles["ags"], "value": values,
                         "status": ["ok" if v is not None else "secret" for v in values]})


def _tile_fills(fig) -> dict[str, str]:
    positions = maps.tile_positions("gemeinde")
    by_corner = {(s.x0, s.y0): s.fillcolor for s in fig.layout.shapes if s.type == "rect"}
    return {r.ags: by_corner[(r.col, -r.row)] for r in positions.itertuples()}


def test_diverging_tile_map_is_white_at_zero_and_tells_surplus_from_shortage():
    data = _gap_tiles([0.0, -20.0, 40.0, -40.0, None])
    fig = maps.tile_map(data, level="gemeinde", title="Lücke", unit="Plätze", source="Q", diverging=True)
    fills = _tile_fills(fig)
    zero, minus20, plus40, minus40, secret = (fills[a] for a in data["ags"])
    assert zero == "rgb(247, 247, 247)"  # the white centre of the scale, exactly at 0
    assert len({zero, minus20, plus40, minus40}) == 4  # 0 and −20 no longer look the same
    assert minus40 == "rgb(8, 81, 156)" and plus40 == "rgb(166, 54, 3)"  # symmetric: ±40 at the ends
    assert secret == maps.MISSING_FILL and secret not in {zero, minus20, plus40, minus40}
    assert all(s.line.color == maps.TILE_BORDER for s in fig.layout.shapes if s.type == "rect")
    bar = next(t for t in fig.data if getattr(t.marker, "showscale", False))
    assert (bar.marker.cmin, bar.marker.cmax) == (-40.0, 40.0)
    assert "blau: Überhang" in bar.marker.colorbar.title.text


def test_colour_range_is_symmetric_only_for_diverging_scales():
    values = pd.Series([-5.0, 30.0, None])
    assert maps.colour_range(values, diverging=True) == (-30.0, 30.0)
    assert maps.colour_range(values) == (-5.0, 30.0)
    assert maps.colour_range(pd.Series([0.0, 0.0]), diverging=True) == (-1.0, 1.0)


def test_bar_ranking_marks_suppressed_and_flagged():
    data = pd.DataFrame({"label": ["A", "B", "C"], "value": [5.0, None, 7.0],
                         "status": ["ok", "secret", "provisional"]})
    fig = charts.bar_ranking(data, category="label", value="value", title="T", unit="%", source="Quelle: X",
                             highlight={"A"})
    names = [t.name for t in fig.data]
    assert charts.MISSING_LEGEND in names and charts.FLAGGED_LEGEND in names
    missing = next(t for t in fig.data if t.name == charts.MISSING_LEGEND)
    assert list(missing.y) == ["B"] and missing.xaxis == "x2"  # on a hidden axis: suggests no number
    bars = fig.data[0]
    assert list(bars.y) == ["B", "A", "C"]
    assert list(bars.marker.pattern.shape) == ["", "", "/"]
    assert bars.marker.color[1] == charts.HIGHLIGHT


def test_style_sets_readable_fonts_and_source(tmp_path, monkeypatch):
    monkeypatch.setenv(db.ENV_DIR, str(tmp_path))  # no build: the source line alone
    source = "Quelle: Regionaldatenbank Deutschland, Tabelle 21111-01-03-4"
    fig = charts.line_chart(
        pd.DataFrame({"x": ["2023", "2024"], "y": [1.0, 2.0], "s": ["L", "L"], "status": ["ok", "ok"]}),
        x="x", y="y", series="s", title="Titel", unit="%", source=source,
    )
    assert fig.layout.font.size >= 14
    assert fig.layout.title.text == "Titel"
    assert fig.layout.annotations[0].text == source
    assert fig.layout.yaxis.title.text == "%"
    assert fig.layout.separators == ",."


def _line(source: str = "Quelle: X") -> go.Figure:
    data = pd.DataFrame({"x": ["2023", "2024"], "y": [1.0, 2.0], "s": ["L", "L"], "status": ["ok", "ok"]})
    return charts.line_chart(data, x="x", y="y", series="s", title="T", unit="%", source=source)


def test_every_chart_carries_the_stand_and_the_demo_label(fixture_env):
    """The fixture build is synthetic, built 26.11.2026: a source line without a Stand gets the build's;
    one that names its Stand keeps it; the demo label is a bold line of its own."""
    lines = _line("Quelle: eigene Berechnungen").layout.annotations[0].text.split("<br>")
    assert lines == ["Quelle: eigene Berechnungen; Datenstand 26.11.2026", f"<b>{charts.DEMO_LABEL}</b>"]
    stated = _line("Quelle: IT.NRW, Tabelle 12411-09i (Stand 08.02.2026)").layout.annotations[0].text
    assert "Datenstand" not in stated and stated.endswith(f"<br><b>{charts.DEMO_LABEL}</b>")
    tiles = maps.tile_map(_tiles_frame(), level="gemeinde", title="T", unit="%", source="Quelle: Y")
    assert charts.DEMO_LABEL in tiles.layout.annotations[0].text  # maps are styled by charts.style too


def test_no_demo_label_for_official_builds(fixture_env, monkeypatch):
    monkeypatch.setattr(charts.meta, "build_info", lambda: {"built_at": "2026-03-01T10:00:00",
                                                             "synthetic": "false"})
    assert _line().layout.annotations[0].text == "Quelle: X; Datenstand 01.03.2026"


def test_titles_and_source_lines_fit_a_narrow_chart(tmp_path, monkeypatch):
    """At 200 % zoom a chart is about 600 px wide; plotly cannot wrap, so style() does."""
    monkeypatch.setenv(db.ENV_DIR, str(tmp_path))
    source = "Quelle: " + "; ".join(f"Landesdatenbank NRW, Tabelle 12411-0{i}i (Stand 08.02.2026)"
                                    for i in range(5))
    title = "Fehlende Kita-Plätze je Jugendamt: 3–6 Jahre, Prognose 2040 – eine lange Überschrift"
    fig = charts.bar_ranking(pd.DataFrame({"l": ["A"], "v": [1.0], "status": ["ok"]}), category="l",
                             value="v", title=title, unit="%", source=source)
    titles = fig.layout.title.text.split("<br>")
    sources = fig.layout.annotations[0].text.split("<br>")
    assert len(titles) == 2 and max(len(t) for t in titles) <= charts.TITLE_WIDTH <= 50
    assert len(sources) > 3 and max(len(t) for t in sources) <= charts.SOURCE_WIDTH <= 75
    assert " ".join(sources) == source and charts.figure_title(fig) == title


def test_line_chart_orders_years_chronologically_across_series():
    """NRW lacks 2014: the x axis still starts with 2014 (it was appended after 2026)."""
    data = pd.DataFrame({
        "when": ["2015", "2016", "2026", "2014", "2015", "2016", "2026"],
        "label": ["NRW"] * 3 + ["Detmold"] * 4, "value": [30.0, 31.0, 35.0, 20.0, 21.0, 22.0, 25.0],
        "status": ["ok"] * 7})
    fig = charts.line_chart(data, x="when", y="value", series="label", title="T", unit="%", source="Q",
                            breaks=[("2016", "neue Erhebung")])
    assert list(fig.layout.xaxis.categoryarray) == ["2014", "2015", "2016", "2026"]
    assert fig.layout.xaxis.categoryorder == "array"
    assert fig.layout.shapes[0].x0 == 1.5  # the break sits between 2015 and 2016 of the sorted axis


def test_period_order_of_school_years_dates_and_other_labels():
    assert charts.period_order(["2023/24", "2021/22", "2022/23"]) == ["2021/22", "2022/23", "2023/24"]
    assert charts.period_order(["31.12.2024", "01.03.2024", "Mai 2024"]) == \
        ["01.03.2024", "Mai 2024", "31.12.2024"]
    assert charts.period_order(["b", "a", "b"]) == ["b", "a"]  # no periods: order of appearance


def test_ranking_rows_in_chart_order_ties_kept():
    data = pd.DataFrame({"l": ["A", "B", "C", "D", "E"], "v": [5.0, None, 7.0, 5.0, -1.0],
                         "status": ["ok", "secret", "ok", "ok", "ok"]})
    shown = charts.display_order(data, "v")
    assert list(shown["l"]) == ["C", "A", "D", "E", "B"]  # largest first, ties as given, no value last
    fig = charts.bar_ranking(data, category="l", value="v", title="T", unit="%", source="Q")
    assert list(fig.data[0].y)[::-1] == list(shown["l"])  # plotly draws the first category at the bottom


def _square(x: float, y: float) -> str:
    ring = [[x, y], [x, y + 0.1], [x + 0.1, y + 0.1], [x + 0.1, y], [x, y]]  # clockwise
    return json.dumps({"type": "Polygon", "coordinates": [ring]})


def test_real_boundaries_give_an_offline_choropleth(tmp_path, monkeypatch, fixture_dir):
    build = tmp_path / fixture_warehouse.BUILD_NAME
    shutil.copy(fixture_dir / fixture_warehouse.BUILD_NAME, build)
    (tmp_path / "CURRENT").write_text(fixture_warehouse.BUILD_NAME, encoding="utf-8")
    with duckdb.connect(str(build)) as con:
        con.execute("CREATE SCHEMA geo")
        con.execute("CREATE TABLE geo.boundaries (ags TEXT, level TEXT, name TEXT, geometry_geojson TEXT, "
                    "attribution TEXT)")
        con.executemany("INSERT INTO geo.boundaries VALUES (?, 'gemeinde', ?, ?, '© GeoBasis-DE / BKG 2025')",
                        [("05766020", "Detmold", _square(8.8, 51.9)),
                         ("05766044", "Lemgo", _square(8.9, 52.0))])
    monkeypatch.setenv(db.ENV_DIR, str(tmp_path))
    data = pd.DataFrame({"ags": ["05766020", "05766044"], "name": ["Detmold", "Lemgo"], "value": [1.0, None],
                         "status": ["ok", "secret"]})
    fig = maps.indicator_map(data, level="gemeinde", title="T", unit="%", source="Quelle: X")
    assert fig.data[0].type == "choroplethmap"
    assert fig.layout.map.style == "white-bg"  # no tile server
    assert len(fig.data[0].geojson["features"]) == 2
    assert list(fig.data[0].locations) == ["05766020"]
    assert list(fig.data[1].locations) == ["05766044"] and fig.data[1].name == charts.MISSING_LEGEND
    assert "© GeoBasis-DE / BKG 2025" in fig.layout.annotations[0].text
    assert maps.indicator_map(data, level="kreis", title="T", unit="%", source="Q").layout.shapes  # tiles


def test_image_states_the_planners_assumptions(tmp_path, monkeypatch):
    monkeypatch.setenv(db.ENV_DIR, str(tmp_path))
    fig = _line("Quelle: X")
    shown = charts.with_assumptions(fig, {"Titel": "T", "Altersgruppe": "3 bis unter 6 Jahre",
                                          "Bedarfsquote": "97 %", "Zieljahr": "2040", "Annahme": "lang"})
    assert shown.layout.annotations[0].text == ("Annahmen: Altersgruppe 3 bis unter 6 Jahre · Bedarfsquote "
                                                "97 % ·<br>Zieljahr 2040<br>Quelle: X")  # wrapped
    assert shown.layout.height == fig.layout.height + 40 and fig.layout.annotations[0].text == "Quelle: X"
    assert charts.with_assumptions(fig, {"Titel": "T"}) is fig  # nothing to state
