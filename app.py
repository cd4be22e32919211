"""Bildungsmonitor – entry point: ``streamlit run app.py``."""

import streamlit as st

from monitor import a11y, errors
from monitor.navigation import select
from monitor.queries import regions

TITLE = "Bildungsmonitor"


def page_title() -> str:
    """"Bildungsmonitor Kreis Lippe" for the configured home Kreis; just "Bildungsmonitor" while there is
    no readable warehouse yet or the home Kreis is not in it (the pages say why)."""
    name = regions.home_label()
    return f"{TITLE} {name}" if name else TITLE


st.set_page_config(page_title=page_title(), page_icon="🎓", layout="wide")
page = select()
a11y.apply()
errors.guarded(page.run)
