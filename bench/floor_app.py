"""The floor of the page benchmark: the bare one-page Streamlit app (a title, a selectbox, one plotly
chart of 20 rows). ``bench/bench_pages.py`` runs it with the project's ``.streamlit/config.toml`` (cwd =
repository root) and divides each page's times by this app's times at the same concurrency."""

import plotly.graph_objects as go
import streamlit as st

st.title("Boden")
choice = st.selectbox("Reihe", ["A", "B", "C"])
offset = {"A": 0, "B": 5, "C": 10}[choice]
years = list(range(2005, 2025))
st.plotly_chart(go.Figure(go.Scatter(x=years, y=[offset + i * 1.5 for i in range(20)], name=choice)))
