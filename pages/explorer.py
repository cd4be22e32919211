"""Indikatoren (first version)."""

import streamlit as st

from monitor import ui

st.title("Indikatoren")
ui.demo_notice()
