"""Daten & Methodik (first version)."""

import streamlit as st

from monitor import ui

st.title("Daten & Methodik")
ui.demo_notice()
