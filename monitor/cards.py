"""Cards of the pages: the indicator metadata card (definition, source, Stand) and the KPI cards of the
overview (value, change badge, comparison, sentence)."""

import functools
import re
from collections.abc import Sequence
from typing import Literal

import streamlit as st

from etl.catalogue import Indicator
from etl.vocabulary import LEVEL_LABELS_DE
from monitor import fmt, narrative
from monitor.markup import escape
from monitor.views.overview import Card

METADATA_FIELDS = (
    ("Definition", "methodology"), ("Zähler", "numerator"), ("Nenner", "denominator"),
    ("Einheit", "unit"), ("Berechnung", "formula"), ("Quellen (Tabellen)", "sources"),
    ("Stichtag / Zeitraum", "stichtag"),
    ("Ortsprinzip", "place_principle"), ("Ebenen", "levels"), ("Brüche in der Zeitreihe", "breaks"),
    ("Rundung", "rounding_note"),
)
CHANGE_BACK = re.compile(r"mart\.change\([^)]*,\s*(\d+)\s*\)")


def calculation(indicator: Indicator) -> str:
    """The formula in words (the catalogue keeps the SQL of ``mart`` for developers, not for the page):
    change against N years earlier, Zähler ÷ Nenner with the unit's factor, or the plain value."""
    scale = indicator.scale
    factor = f" × {fmt.fmt_number(scale)}" if scale > 1 else ""
    if match := CHANGE_BACK.search(indicator.formula):
        years = int(match[1])
        return (f"(Wert − Wert {years} Jahr{'e' if years > 1 else ''} zuvor) ÷ Wert {years} "
                f"Jahr{'e' if years > 1 else ''} zuvor{factor}")
    if indicator.denominator.strip():
        return f"Zähler ÷ Nenner{factor}"
    return "Wert der Statistik ohne Umrechnung"


def _field_text(indicator: Indicator, field: str) -> str:
    if field == "formula":
        return calculation(indicator)
    value = getattr(indicator, field)
    if field == "levels":
        return ", ".join(LEVEL_LABELS_DE.get(v, v) for v in value)
    if isinstance(value, tuple):
        return ", ".join(str(v) for v in value)
    return "" if value is None or fmt.is_missing(value) else str(value).strip()


def metadata_card(indicator: Indicator, expanded: bool = False, label: str | None = None,
                  stand: str | None = None) -> None:
    """Definition, numerator, denominator, source, Stand (``stand``: ISO text), breaks and rounding note of
    an indicator."""
    label = label or f"Definition und Quelle: {indicator.title}"
    with st.expander(escape(label), expanded=expanded):
        st.markdown(card_text(indicator, stand))


@functools.lru_cache(maxsize=512)
def card_text(indicator: Indicator, stand: str | None) -> str:
    """The card's fields as one Markdown text, one paragraph per field (one element per card: Daten &
    Methodik shows every indicator's card); made once per indicator and Stand."""
    lines = [f"**{name}:** {escape(text)}" for name, field in METADATA_FIELDS
             if (text := _field_text(indicator, field))]
    if stand:
        lines.append(f"**Stand der Daten:** {escape(fmt.fmt_date_time(str(stand)))}")
    return "\n\n".join(lines)


BadgeColor = Literal["green", "orange", "gray"]
BADGE_COLORS: dict[str, BadgeColor] = {"better": "green", "worse": "orange"}


def kpi_grid(cards: Sequence[Card], columns: int = 3, region: str | None = None) -> None:
    """KPI cards grouped by life phase: value, change badge (colour + arrow + word), comparison, sentence."""
    phases: dict[str, list] = {}
    for card in cards:
        phases.setdefault(card.life_phase, []).append(card)
    for phase, group in phases.items():
        st.header(escape(phase))  # h2 under the page title (axe heading-order)
        for start in range(0, len(group), columns):
            for column, card in zip(st.columns(columns), group[start:start + columns], strict=False):
                with column.container(border=True):
                    kpi_card(card, region)


def kpi_card(card: Card, region: str | None = None) -> None:
    """One card (``monitor.views.overview.Card``)."""
    st.metric(escape(card.title), card.value_text, help=escape(f"Stand: {card.period_text}"))
    word = narrative.JUDGEMENT_WORDS[card.judgement]
    st.badge(f"{narrative.ARROWS[card.trend]} {card.change_text} · {word}",
             color=BADGE_COLORS.get(card.judgement, "gray"))
    st.caption(escape(" · ".join(t for t in (card.period_text, card.reference_text) if t)))
    st.markdown(escape(card.sentence))
    params = {"indicator": card.id, **({"region": region} if region else {})}
    st.page_link("app_pages/explorer.py", label="Details und Zeitreihe", icon=":material/arrow_forward:",
                 query_params=params)
