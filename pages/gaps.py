"""Versorgungslücken (placeholder until the page lands)."""

import streamlit as st

from monitor import ui

st.title("Versorgungslücken")
ui.demo_notice()
st.info("Diese Seite wird gerade aufgebaut.")
