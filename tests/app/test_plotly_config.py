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
