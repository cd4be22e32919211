"""Bildungsmonitor Lippe – entry point: ``streamlit run app.py``."""

import streamlit as st

from monitor import a11y, errors
from monitor.navigation import select

st.set_page_config(page_title="Bildungsmonitor Lippe", page_icon="🎓", layout="wide")
page = select()
a11y.apply()
errors.guarded(page.run)
