"""Übersicht (first version)."""

import streamlit as st

from monitor import ui

st.title("Übersicht")
ui.demo_notice()
