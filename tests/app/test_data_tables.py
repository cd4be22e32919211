"""A chart's "Daten als Tabelle und Download": lazy (table and buttons are made only when open), numbers
shown in de-DE form."""

import pandas as pd
import pytest
from streamlit import dataframe_util

from monitor import fmt, ui
from tests.app.conftest import run_page
from tests.data_tables import open_data_tables

EXPLORER = "app_pages/explorer.py"


def test_closed_data_expander_sends_no_table_and_no_buttons(fixture_env):
    at = run_page(EXPLORER, indicator="unemployment_rate", region="05766")
    assert [e.label for e in at.expander if e.label == ui.DATA_EXPANDER] == [ui.DATA_EXPANDER]
    assert len(at.dataframe) == 0
    assert len(at.get("download_button")) == 0


def test_opened_data_expander_shows_the_charts_values_and_both_files(fixture_env):
    at = open_data_tables(run_page(EXPLORER, indicator="unemployment_rate", region="05766"))
    assert len(at.dataframe) == 1
    table = at.dataframe[0].value
    assert set(table["AGS"]) >= {"05766"}
    buttons = at.get("download_button")
    assert [b.proto.label for b in buttons] == ["CSV (Excel, deutsch)", "XLSX mit Quellenblatt"]
    at.session_state[ui.data_key(key_of(at))] = False  # closed again: gone with the next run
    assert len(at.run().dataframe) == 0


def key_of(at) -> str:
    """The chart's file name from its data-expander session key."""
    prefix = ui.data_key("")
    return next(key[len(prefix):] for key in at.session_state if key.startswith(prefix))


@pytest.mark.parametrize(("values", "decimals"), [
    ([2025.0, 346491.0, None], 0), ([6.6, 6.5, 12.0], 1), ([0.95, 1.2], 2), ([0.9512, 1.234, -3.5], 2),
    ([43.0744, 5.7], 1), ([float("nan")], 0),
])
def test_table_decimals(values, decimals):
    assert fmt.table_decimals(values) == decimals


def test_german_numbers_formats_decimal_columns_only_and_keeps_the_numbers():
    data = pd.DataFrame({"Region": ["A", "B"], "Jahr": [2024, 2025], "Wert": [43.0744, 5.25],
                         "Einwohner": [346491.0, 1234.0]})
    styled = ui.german_numbers(data)
    shown = [line.split(";")[1:] for line in styled.to_string(delimiter=";").splitlines()[1:]]
    assert shown == [["A", "2024", "43,1", "346.491"], ["B", "2025", "5,3", "1.234"]]
    assert styled.data is data
    assert ui.german_numbers(data[["Region", "Jahr"]]) is not None


def test_opened_table_shows_german_numbers(fixture_env):
    at = open_data_tables(run_page(EXPLORER, indicator="unemployment_rate", region="05766"))
    proto = at.dataframe[0].proto
    shown = dataframe_util.convert_arrow_bytes_to_pandas_df(proto.arrow_data.styler.display_values)
    values = at.dataframe[0].value
    column = list(values.columns).index("Wert (%)")
    row = values.index[values["AGS"] == "05766"][0]
    expected = fmt.fmt_number(values.iloc[row, column], 1)
    assert "," in expected and shown.iloc[row, column] == expected
    assert proto.HasField("placeholder") and proto.placeholder == ""  # no value: an empty cell, not "None"
