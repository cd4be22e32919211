"""Text from files or the warehouse never becomes plotly markup (links, bold) in a chart."""

import pandas as pd

from monitor import charts

EVIL = '<a href="https://evil.example">Lippe</a>'


def test_region_labels_titles_and_sources_are_shown_literally():
    data = pd.DataFrame({"when": ["2023", "2024"], "value": [1.0, 2.0], "label": [EVIL, EVIL],
                         "status": ["ok", "ok"]})
    fig = charts.line_chart(data, x="when", y="value", series="label", title=f"Titel {EVIL}", unit="%",
                            source=f"Quelle: {EVIL}")
    assert fig.data[0].name == '&lt;a href="https://evil.example"&gt;Lippe&lt;/a&gt;'
    assert "<a " not in fig.layout.title.text and "&lt;a " in fig.layout.title.text
    assert all("<a " not in a.text for a in fig.layout.annotations)


def test_bar_categories_are_escaped():
    frame = pd.DataFrame({"region": [EVIL, "Detmold & Lage"], "value": [3.0, 4.0], "status": ["ok", "ok"]})
    fig = charts.bar_ranking(frame, category="region", value="value", title="t", unit="%", source="s")
    shown = {v for trace in fig.data for v in (trace.y if trace.y is not None else ())}
    assert "Detmold &amp; Lage" in shown and not any("<a" in str(v) for v in shown)
