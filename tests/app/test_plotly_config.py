"""The plotly config: German modebar strings that plotly (as bundled by Streamlit) really uses, and the PNG
export named after the view."""

from pathlib import Path

import streamlit

from monitor import charts, plotly_de

BUNDLE = Path(streamlit.__file__).parent / "static" / "static" / "js"


def test_png_export_is_named_after_the_view_and_german():
    config = plotly_de.config("kita_luecke_u3_jugendamt_2040_quote45_Lippe")
    assert config["toImageButtonOptions"] == {"format": "png", "scale": 2,
                                              "filename": "kita_luecke_u3_jugendamt_2040_quote45_Lippe"}
    assert config["locale"] == "de" and config["displaylogo"] is False
    assert "filename" not in charts.PLOTLY_CONFIG["toImageButtonOptions"]


def test_german_strings_match_the_bundled_plotly():
    """A key plotly does not use would leave its English text on screen; every modebar title of the bundle
    must be translated."""
    scripts = [p.read_text(encoding="utf-8", errors="ignore") for p in BUNDLE.glob("PlotlyChart*.js")]
    assert scripts, "Streamlit's plotly bundle not found"
    bundle = "\n".join(scripts)
    assert "plotly-locale" not in bundle and "Herunterladen" not in bundle  # no German locale bundled
    for english in plotly_de.DICTIONARY_DE:
        assert f"`{english}`" in bundle or f'"{english}"' in bundle, english
    for english in ("Download plot as a PNG", "Zoom in", "Zoom out", "Autoscale", "Reset axes", "Pan"):
        assert english in plotly_de.DICTIONARY_DE


def test_a_prepared_figure_sends_the_same_spec_every_time():
    """``ui.prepared`` keeps the plain form of a cached chart; st.plotly_chart must send exactly the spec of
    the figure itself, on every page load (plotly.io.to_json changes the dict it gets in place)."""
    import numpy as np
    import pandas as pd
    import plotly.io
    import plotly.tools
    from streamlit.testing.v1 import AppTest

    from monitor import ui

    data = pd.DataFrame({"label": ["A", "B", "C"], "value": np.array([1.5, None, 3.0]),
                         "status": ["ok", "secret", "provisional"]})
    fig = charts.bar_ranking(data, category="label", value="value", title="T", unit="%", source="Q")
    fig.data[0].uid = "given"  # to_json drops uids
    expected = plotly.io.to_json(plotly.tools.return_figure_from_figure_or_data(fig, True), validate=False)
    shown = ui.prepared(fig)
    assert ui.prepared(fig) is shown
    for _ in range(2):
        sent = plotly.io.to_json(plotly.tools.return_figure_from_figure_or_data(shown, True), validate=False)
        assert sent == expected

    def page() -> None:
        import plotly.graph_objects as go
        import streamlit as st

        from monitor import ui as page_ui
        figure = go.Figure(go.Bar(x=[1.5, 2.0], y=["A", "B"], orientation="h"),
                           layout={"template": "plotly_white"})
        st.plotly_chart(figure, key="plain")
        st.plotly_chart(page_ui.prepared(figure), key="prepared")

    at = AppTest.from_function(page).run()
    plain, prepared = (chart.proto.spec for chart in at.get("plotly_chart"))
    assert prepared == plain
