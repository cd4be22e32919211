"""Value labels of bar rankings on screen: past the bar end with room in the margin, and never crossed
by a reference line (NRW, Kreis, 100 = ausgeglichen): a bar ending just short of the line carries its
label inside its end (issue 11)."""

import pandas as pd

from monitor import charts

LAND = "Nordrhein-Westfalen"


def ranking(values: dict[str, float | None], reference: float | None = 45.0, highlight=("A",)):
    data = pd.DataFrame({"label": list(values), "value": list(values.values()),
                         "status": ["ok" if v is not None else "secret" for v in values.values()]})
    return charts.bar_ranking(data, category="label", value="value", title="T", unit="%", source="Quelle: X",
                              highlight=highlight, reference=None if reference is None else (LAND, reference))


def test_labels_outside_the_bar_end_with_room_in_the_margin():
    fig = ranking({"A": 47.8, "B": 12.5}, reference=None)
    bars = fig.data[0]
    assert bars.textposition == "outside" and bars.cliponaxis is False
    assert fig.layout.margin.r >= charts.label_room(["47,8 %"]) + 20  # "47,8 %" past the longest bar


def test_reference_line_crosses_no_label():
    fig = ranking({"A": 44.0, "B": 47.8, "C": 12.5, "D": None, "E": 41.0})
    bars = fig.data[0]
    positions = dict(zip(bars.y, bars.textposition, strict=True))
    # B ends right of the line (label further right); C's label fits between its end and the line;
    # A (44,0) and E (41,0) end just short of it: inside their ends, left of the line
    assert positions == {"D": "outside", "C": "outside", "E": "inside", "A": "inside", "B": "outside"}
    assert bars.insidetextanchor == "end"
    colours = dict(zip(bars.y, bars.textfont.color, strict=True))
    assert colours["A"] == "#FFFFFF" and colours["E"] == "#262730"  # on blue white, on grey dark (≥ 4.5:1)
    span = 47.8
    for value, text, where in zip(bars.x, bars.text, bars.textposition, strict=True):
        if value is not None and value == value and value < 45.0 and where == "outside":
            assert 45.0 - value >= charts.label_room([text]) / charts.NARROW_PLOT * span, text
    line = next(s for s in fig.layout.shapes if s.type == "line")
    assert line.x0 == line.x1 == 45.0
    note = next(a for a in fig.layout.annotations if str(a.text).startswith(LAND))
    assert note.text == f"{LAND}: 45,0 %" and note.yanchor == "bottom"  # above the plot, not on a bar
    assert note.xanchor == "right"  # a line in the right half: its label to the left (never cut off)


def test_reference_in_the_left_half_labels_to_the_right():
    fig = ranking({"A": 80.0, "B": 60.0}, reference=10.0)
    note = next(a for a in fig.layout.annotations if str(a.text).startswith(LAND))
    assert note.xanchor == "left"
    assert list(fig.data[0].textposition) == ["outside", "outside"]  # both bars end right of the line
