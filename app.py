"""Bildungsmonitor Lippe – entry point: ``streamlit run app.py``."""

import streamlit as st

from monitor import errors
from monitor.navigation import pages

st.set_page_config(page_title="Bildungsmonitor Lippe", page_icon="🎓", layout="wide")
errors.guarded(st.navigation(pages()).run)
