"""Bildungsmonitor – entry point: ``streamlit run app.py``."""

import duckdb
import streamlit as st

from etl.home import HomeError
from etl.warehouse import WarehouseError
from monitor import db, errors
from monitor.navigation import pages
from monitor.queries import regions

TITLE = "Bildungsmonitor"


def page_title() -> str:
    """"Bildungsmonitor Kreis Lippe" for the configured home Kreis; just "Bildungsmonitor" while there is
    no readable warehouse yet or the home Kreis is not in it (the pages say why)."""
    try:
        return f"{TITLE} {regions.label(regions.home().kreis)}"
    except (db.WarehouseMissing, WarehouseError, regions.HomeMissing, HomeError, duckdb.Error):
        return TITLE


st.set_page_config(page_title=page_title(), page_icon="🎓", layout="wide")
errors.guarded(st.navigation(pages()).run)
