"""A chart's "Daten als Tabelle und Download" expander is lazy: table and buttons are made only when open."""

from monitor import ui
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
