"""Bildungsmonitor Lippe – entry point: ``streamlit run app.py``."""

import streamlit as st

from monitor import a11y, errors
from monitor.navigation import pages, requested_path

st.set_page_config(page_title="Bildungsmonitor Lippe", page_icon="🎓", layout="wide")
page = st.navigation(pages(requested_path()))
a11y.apply()
errors.guarded(page.run)
