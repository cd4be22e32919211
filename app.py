"""Bildungsmonitor – entry point: ``streamlit run app.py``."""

import streamlit as st

from monitor import a11y, db, errors
from monitor.navigation import page_title, select

st.set_page_config(page_title=page_title(), page_icon="🎓", layout="wide")
page = select()
a11y.apply()
try:
    errors.guarded(page.run)
finally:  # also after st.stop(): keeps the post-run garbage collection short (monitor.db.settle)
    db.settle()
