"""Open the charts' lazy data expanders in an AppTest run (their tables exist only while open)."""

from streamlit.testing.v1 import AppTest

from monitor import ui


def open_data_tables(at: AppTest) -> AppTest:
    """Open every chart's "Daten als Tabelle und Download" expander of the last run and rerun, as clicks
    do; a page without charts runs unchanged."""
    keys = [key for key in at.session_state if key.startswith(ui.data_key(""))]
    for key in keys:
        at.session_state[key] = True
    return at.run() if keys else at
