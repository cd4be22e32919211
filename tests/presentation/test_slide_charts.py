"""Slide styling of the charts on hand-made figures (no warehouse): home region on top and told apart
without colour, direct labels at the line ends, bar values in a column that nothing clips or crosses."""

import pandas as pd

from monitor import charts
from monitor.views import slide_charts

HOME, LAND = "Kreis <Lippe>", "Nordrhein-Westfalen"


def series(values: dict[str, list[float | None]], start: int = 2016) -> pd.DataFrame:
    """Series ending in the same year; a shorter one starts later (the longest starts in ``start``)."""
    rows, longest = [], max(len(points) for points in values.values())
    for name, points in values.items():
        first = start + longest - len(points)
        rows += [{"label": name, "when": str(first + i), "value": v, "status": "ok" if v is not None else
                  "secret"} for i, v in enumerate(points)]
    return pd.DataFrame(rows)


def line(values, breaks=()) -> object:
    fig = charts.line_chart(series(values), x="when", y="value", series="label", title="", unit="%",
                            source="Quelle: Test", highlight=HOME, breaks=breaks)
    return slide_charts.enlarge(fig, HOME)


def test_home_line_is_drawn_last_thick_solid_with_round_markers():
    fig = line({HOME: [30.0, 31.0, 32.0], LAND: [33.0, 34.0, 35.0]})
    names = [t.name for t in fig.data]
    assert names == [LAND, charts.plain(HOME)]
    land, home = fig.data
    assert (home.line.width, home.line.dash) == (slide_charts.HOME_WIDTH, "solid")
    assert (land.line.width, land.line.dash) == (slide_charts.OTHER_WIDTH, "dash")
    assert set(home.marker.symbol) == {"circle"} and set(land.marker.symbol) == {"square-open"}
    assert land.marker.size > home.marker.size  # shows around the home markers when the lines coincide
    assert home.line.width > 1.5 * land.line.width
    assert not fig.layout.showlegend
    assert not any(str(a.text).startswith("Quelle") for a in fig.layout.annotations)
    assert fig.layout.height is None  # the slide gives the height


def test_end_labels_name_each_line_home_bold_and_apart_when_close():
    fig = line({HOME: [30.0, 31.0, 37.8], LAND: [33.0, 34.0, 37.8]})
    labels = {a.text: a for a in fig.layout.annotations}
    home, land = labels["<b>Kreis &lt;Lippe&gt;</b>"], labels[LAND]
    assert home.x == land.x == 2 and home.xanchor == "left"
    assert home.yshift > 0 > land.yshift  # tie: the home region above
    far = line({HOME: [30.0, 31.0, 10.0], LAND: [33.0, 34.0, 37.8]})
    assert {a.yshift for a in far.layout.annotations} == {0}
    assert fig.layout.margin.r > len(LAND) * 10  # room for the longest label right of the plot


def test_years_in_order_and_break_kept_when_the_home_line_starts_later():
    values = {HOME: [31.0, 32.0, 33.0], LAND: [29.0, 30.0, 31.0, 32.0]}  # home starts a year later
    fig = charts.line_chart(series(values), x="when", y="value", series="label", title="", unit="%",
                            source="", highlight=HOME, breaks=[("2018", "Zensus")])
    fig = slide_charts.enlarge(fig, HOME)
    assert list(fig.layout.xaxis.categoryarray) == ["2016", "2017", "2018", "2019"]
    assert list(fig.layout.xaxis.range) == [-0.5, 3.5]
    assert fig.layout.shapes[0].x0 == 1.5  # between 2017 and 2018 on the sorted axis 2016 … 2019
    assert next(a.x for a in fig.layout.annotations if str(a.text).startswith("Bruch")) == 1.5


def bars(values: dict[str, float | None], reference=None):
    frame = pd.DataFrame({"label": list(values), "value": list(values.values()),
                          "status": ["ok" if v is not None else "secret" for v in values.values()]})
    fig = charts.bar_ranking(frame, category="label", value="value", title="", unit="%", source="Quelle: x",
                             highlight=[HOME], reference=reference)
    return slide_charts.enlarge(fig, HOME)


def test_bar_values_in_a_column_right_of_the_plot_home_outlined_and_bold():
    fig = bars({"A": 47.8, HOME: 40.0, "B": 12.5}, reference=(LAND, 45.0))
    bar = fig.data[0]
    assert bar.textposition == "none"  # the value column replaces the labels at the bar ends
    values = [a for a in fig.layout.annotations if a.xref == "paper"]
    assert [(a.y, a.text) for a in values] == [(0, "12,5 %"), (1, "<b>40,0 %</b>"), (2, "47,8 %")]
    assert all(a.x == 1 and a.xanchor == "left" for a in values)  # right of the plot area: never clipped
    assert fig.layout.margin.r >= len("47,8 %") * slide_charts.FONT * slide_charts.CHAR_WIDTH
    assert list(bar.marker.line.width) == [0, 4, 0]
    assert list(fig.layout.yaxis.ticktext) == ["B", "<b>Kreis &lt;Lippe&gt;</b>", "A"]


def test_many_bars_get_smaller_type():
    fig = bars({f"Gemeinde {i}": float(i) for i in range(16)})
    assert fig.layout.yaxis.tickfont.size == slide_charts.SMALL_FONT
    assert bars({"A": 1.0, "B": 2.0}).layout.yaxis.tickfont.size == slide_charts.FONT


def test_suppressed_bar_keeps_its_symbol_in_the_value_column():
    fig = bars({"A": 10.0, "B": None})
    texts = [a.text for a in fig.layout.annotations if a.xref == "paper"]
    assert "0,0 %" not in texts and texts[0] != "" and texts[1] == "10,0 %"


def test_table_alternative_and_label_follow_the_bars_from_top_to_bottom():
    fig = bars({"A": 12.5, HOME: 40.0, "B": 47.8})
    data = pd.DataFrame({"Region": ["A", HOME, "B"], "Zeitraum": ["2025/26"] * 3, "Jahr": [2025] * 3,
                         "Anzeige": ["12,5 %", "40,0 %", "47,8 %"], "Status": ["", "", ""]})
    view = charts.View(fig, data, "Balkendiagramm …", "f")
    table = slide_charts.data_table(view)
    assert list(table.columns) == ["Region", "Zeitraum", "Wert", "Status"]
    assert table["Region"].tolist() == ["B", "Kreis \\<Lippe\\>", "A"]  # escaped: st.table reads Markdown
    assert table["Zeitraum"].iloc[0] == "2025\\/26"
    assert slide_charts.chart_label(view) == f"Balkendiagramm 2025: B, {HOME}, A"
    years = data.assign(Jahr=[2024, 2025, 2025])
    lines = charts.View(line({HOME: [1.0, 2.0], LAND: [3.0, 4.0]}), years, "", "f")
    assert slide_charts.chart_label(lines) == f"Liniendiagramm 2024 bis 2025: A, {HOME}, B"


def test_chart_type_scales_with_the_slide():
    assert slide_charts.scale((1920, 1080)) == 1.0 and slide_charts.scale(None) == 1.0
    assert slide_charts.scale((1280, 720)) == 0.67
    assert slide_charts.scale((1366, 768)) == 0.71  # rounded: it keys the cached slide content
    assert slide_charts.scale((1920, 1200)) == 1.0  # 16:10: the width decides, as for the page type
    big = bars({"A": 47.8, HOME: 40.0}, reference=(LAND, 45.0))
    small = slide_charts.enlarge(charts.bar_ranking(
        pd.DataFrame({"label": ["A", HOME], "value": [47.8, 40.0], "status": ["ok", "ok"]}), category="label",
        value="value", title="", unit="%", source="", highlight=[HOME], reference=(LAND, 45.0)), HOME, 2 / 3)
    assert big.layout.font.size == slide_charts.FONT == 26 and small.layout.font.size == 17
    for fig in (big, small):
        size = fig.layout.font.size
        assert fig.layout.yaxis.tickfont.size == size
        assert {a.font.size for a in fig.layout.annotations} == {size}  # values and reference label
        assert fig.layout.legend.font.size >= size  # legend not smaller than the axis text
        assert (fig.layout.legend.orientation, fig.layout.legend.y, fig.layout.legend.yanchor) == \
            ("h", 0, "bottom")  # below the chart
    assert slide_charts.font_size(slide_charts.FONT, 0.3) == slide_charts.MIN_FONT


def test_bar_slide_axis_ends_just_past_the_longest_bar_or_the_reference():
    fig = bars({"A": 47.8, HOME: 40.0}, reference=(LAND, 45.0))
    low, high = fig.layout.xaxis.range
    assert low == 0 and 47.8 < high < 47.8 * 1.1
    fig = bars({"A": 30.0, HOME: 20.0}, reference=(LAND, 45.0))
    assert 45.0 < fig.layout.xaxis.range[1] < 45.0 * 1.1


def test_break_label_above_the_plot_on_the_side_away_from_the_line_ends():
    values = {HOME: [30.0, 31.0, 32.0, 33.0], LAND: [29.0, 30.0, 31.0, 32.0]}
    for where, side in (("2019", "right"), ("2017", "left")):  # late break: label to its left
        fig = charts.line_chart(series(values), x="when", y="value", series="label", title="", unit="%",
                                source="", highlight=HOME, breaks=[(where, "Zensus")])
        note = next(a for a in slide_charts.enlarge(fig, HOME).layout.annotations
                    if str(a.text).startswith("Bruch"))
        assert (note.y, note.yanchor, note.xanchor) == (1, "bottom", side), where
