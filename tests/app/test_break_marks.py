"""A series break is drawn as a labelled dotted line in line charts."""

import pandas as pd

from monitor import charts


def test_line_chart_draws_break():
    data = pd.DataFrame({"when": ["2021", "2022", "2023"], "value": [1.0, 2.0, 3.0], "label": ["Lippe"] * 3,
                         "status": ["ok"] * 3})
    fig = charts.line_chart(data, x="when", y="value", series="label", title="t", unit="%", source="s",
                            breaks=[("2022", "Zensus 2022")])
    [line] = [s for s in fig.layout.shapes if s.type == "line"]
    assert line.x0 == 0.5 and line.line.dash == "dot"  # between the categories 2021 and 2022
    assert any(a.text == "Bruch: Zensus 2022" for a in fig.layout.annotations)
    plain = charts.line_chart(data, x="when", y="value", series="label", title="t", unit="%", source="s")
    assert not [s for s in plain.layout.shapes if s.type == "line"]
