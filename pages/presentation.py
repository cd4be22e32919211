"""Placeholder until the page lands."""

import streamlit as st

from monitor import ui

ui.demo_notice()
st.info("Diese Seite wird gerade gebaut.")
