"""Versorgungslücken: Kita, Offener Ganztag and training places against demand at adjustable rates."""

import streamlit as st

from monitor import economy, gaps, ui
from monitor.markup import escape
from monitor.queries import regions

st.title("Versorgungslücken")
ui.demo_notice()
KREIS = regions.home().kreis
st.markdown("**Lücke = Bedarf − vorhandene Plätze.** Positive Werte: es fehlen Plätze. Die Bedarfsquoten "
            "sind Planungsannahmen; sie lassen sich einstellen und stehen in der Adresse (Link teilbar).")
kita_tab, ogs_tab, training_tab = st.tabs(["Kita", "Offener Ganztag", "Ausbildungsplätze"], key="bereich",
                                         bind="query-params")

with kita_tab:
    left, middle, right = st.columns(3)
    band = ui.radio_select(gaps.BAND_LABELS, key="alter", label="Altersgruppe", default="u3", container=left)
    level = ui.radio_select(gaps.LEVEL_LABELS, key="ebene", label="Ebene", default="jugendamt",
                            container=middle)
    target = ui.radio_select(gaps.target_options(), key="ziel_kita", label="Zeitpunkt", default="heute",
                             container=right, dropdown=True)
    default_rate = gaps.U3_RATE_DEFAULT if band == "u3" else gaps.KITA_3TO6_RATE_DEFAULT
    rate = ui.number_slider("Bedarfsquote (%)", key=f"quote_{band}", default=round(default_rate * 100),
                            low=0, high=100, help_text=gaps.ASSUMPTIONS_DE[band]) / 100
    st.info(gaps.ASSUMPTIONS_DE[band], icon=":material/info:")
    target_year = None if target == "heute" else int(target)
    table, info = gaps.kita_table(KREIS, band, rate, level, target_year)
    if info.get("kita_year") is None:
        st.info("Für diese Altersgruppe liegen keine Platzzahlen je Jugendamt oder Gemeinde vor.")
    else:
        what = gaps.kita_scope(band, info)
        st.markdown(gaps.gap_summary(table, what, rate))
        short = gaps.kita_scope(band, info, short=True)
        ui.show(gaps.gap_view(table, title=f"Fehlende Kita-Plätze je {gaps.LEVEL_LABELS[level]}: {short}",
                           source=gaps.gap_source(info), filename=f"kita_luecke_{band}_{level}",
                           area_label=gaps.LEVEL_LABELS[level]))
        st.subheader("Rangfolge: größte Lücken zuerst")
        st.dataframe(gaps.gap_display(table, gaps.LEVEL_LABELS[level]), hide_index=True, key="kita_rank")
        st.caption(escape(gaps.kita_notes(info)))
        gemeinden, _ = gaps.kita_table(KREIS, band, rate, "gemeinde", target_year)
        map_title = f"Kita-Lücke je Gemeinde: {short}"
        ui.show(gaps.gap_map(gemeinden, title=map_title, source=gaps.gap_source(info),
                             filename=f"kita_karte_{band}"))

with ogs_tab:
    year = ui.number_slider("Schuljahr ab August", key="schuljahr_ogs", default=2029, low=2025, high=2035)
    ogs_rate = ui.number_slider("Bedarfsquote Ganztag (%)", key="quote_ogs",
                                default=round(gaps.OGS_RATE_DEFAULT * 100), low=0, high=100,
                                help_text=gaps.ASSUMPTIONS_DE["ogs"]) / 100
    st.info(gaps.ASSUMPTIONS_DE["ogs"], icon=":material/info:")
    ogs, ogs_info = gaps.ogs_table(KREIS, year, ogs_rate)
    what = gaps.ogs_scope(year)
    st.markdown(gaps.gap_summary(ogs, f"OGS, {what}", ogs_rate))
    ogs_title = f"Fehlende OGS-Plätze je Gemeinde, {gaps.school_year_label(year)}"
    ui.show(gaps.gap_view(ogs, title=ogs_title, source=gaps.gap_source(ogs_info),
                       filename=f"ogs_luecke_{year}", area_label="Gemeinde", need_label="Grundschulkinder"))
    st.dataframe(gaps.gap_display(ogs, "Gemeinde", "Grundschulkinder"), hide_index=True, key="ogs_rank")
    st.caption(escape(gaps.ogs_notes(ogs_info, year)))
    ui.show(gaps.gap_map(ogs, title=f"OGS-Lücke je Gemeinde, {gaps.school_year_label(year)}",
                      source=gaps.gap_source(ogs_info), filename=f"ogs_karte_{year}"))

with training_tab:
    market, region = gaps.training_market(KREIS)
    if market.empty:
        st.info("Für den Kreis liegen keine Zahlen zum Ausbildungsmarkt vor.")
    else:
        training_year = ui.year_select(gaps.years(market), key="jahr_ausbildung",
                                       label="Berichtsjahr (Ende September)")
        balance = gaps.market_balance(market, training_year)
        st.markdown(gaps.training_summary(balance, region))
        ui.show(gaps.training_view(balance, economy.occupation_labels(), training_year))
        st.markdown("**Unbesetzte Stellen und unversorgte Bewerber** zeigen, wo Angebot und Nachfrage nicht "
                    "zusammenpassen, obwohl es rechnerisch genug Stellen oder Bewerber gäbe.")
        ui.show(economy.mismatch_view(balance, training_year))
