"""Versorgungslücken: Kita, Offener Ganztag and training places against demand at adjustable rates."""

import streamlit as st

from monitor import ui
from monitor.markup import escape
from monitor.queries import regions
from monitor.views import gap_tables, gaps, training

st.title("Versorgungslücken")
ui.demo_notice()
HOME = regions.home()
st.markdown("**Lücke = Bedarf − vorhandene Plätze.** Positive Werte: es fehlen Plätze. Die Bedarfsquoten "
            "sind Planungsannahmen; sie lassen sich einstellen und stehen in der Adresse (Link teilbar).")
kita_tab, ogs_tab, training_tab = ui.tabs(["Kita", "Offener Ganztag", "Ausbildungsplätze"], key="bereich",
                                         label="Bereich")


def kita_area() -> None:
    """Kita places against demand by age band, level and target year."""
    left, middle, right = st.columns(3)
    band = ui.radio_select(gaps.BAND_LABELS, key="alter", label="Altersgruppe", default="u3", container=left)
    levels = gaps.level_options(HOME.kita_levels)
    level = ui.radio_select(levels, key="ebene", label="Ebene", default=HOME.kita_levels[0], container=middle)
    target = ui.radio_select(gaps.target_options(), key="ziel_kita", label="Zeitpunkt", default="heute",
                             container=right, dropdown=True)
    if not HOME.jugendaemter:
        st.caption(escape(gaps.no_jugendamt_note(HOME.kreis)))
    default_rate = gaps.U3_RATE_DEFAULT if band == "u3" else gaps.KITA_3TO6_RATE_DEFAULT
    rate = ui.number_slider("Bedarfsquote (%)", key=f"quote_{band}", default=round(default_rate * 100),
                            low=0, high=100, help_text=gaps.ASSUMPTIONS_DE[band]) / 100
    st.info(gaps.ASSUMPTIONS_DE[band], icon=":material/info:")
    target_year = None if target == "heute" else int(target)
    table, info = gaps.kita(HOME.kreis, band, rate, level, target_year)
    if info.data_year is None:
        st.info("Für diese Altersgruppe liegen keine Platzzahlen je Jugendamt oder Gemeinde vor.")
    else:
        st.markdown(gaps.gap_summary(table, gaps.kita_scope(band, info), rate))
        ui.show(gaps.kita_view(HOME.kreis, band, rate, level, target_year))
        st.header("Rangfolge: größte Lücken zuerst")
        ranked = gap_tables.gap_display(table, gaps.LEVEL_LABELS[level])
        st.dataframe(ranked, hide_index=True, key="kita_rank")
        st.caption(escape(gaps.kita_notes(info)))
        ui.show(gaps.kita_map(HOME.kreis, band, rate, target_year))


def ogs_area() -> None:
    """Offener Ganztag places against the legal claim of a school year."""
    year = int(ui.radio_select(gaps.school_year_options(2025, 2035), key="schuljahr_ogs", label="Schuljahr",
                               default="2029", dropdown=True))
    ogs_rate = ui.number_slider("Bedarfsquote Ganztag (%)", key="quote_ogs",
                                default=round(gaps.OGS_RATE_DEFAULT * 100), low=0, high=100,
                                help_text=gaps.ASSUMPTIONS_DE["ogs"]) / 100
    st.info(gaps.ASSUMPTIONS_DE["ogs"], icon=":material/info:")
    ogs, ogs_info = gaps.ogs(HOME.kreis, year, ogs_rate)
    st.markdown(gaps.gap_summary(ogs, f"OGS, {gaps.ogs_scope(year, ogs_info.grades)}", ogs_rate))
    ui.show(gaps.ogs_view(HOME.kreis, year, ogs_rate))
    st.dataframe(gap_tables.gap_display(ogs, "Gemeinde", "Grundschulkinder"), hide_index=True, key="ogs_rank")
    st.caption(escape(gaps.ogs_notes(ogs_info, year)))
    ui.show(gaps.ogs_map(HOME.kreis, year, ogs_rate))


def training_area() -> None:
    """Training places against applicants per occupation group."""
    market = training.region(HOME.kreis, HOME.agentur)
    years = training.years(market)
    if not years:
        st.info(f"Für {escape(regions.label(HOME.kreis))} liegen keine Zahlen zum Ausbildungsmarkt vor.")
    else:
        training_year = int(ui.radio_select(training.year_options(years), key="jahr_ausbildung",
                                            label="Berichtsjahr (Oktober bis September)",
                                            default=str(max(years)), dropdown=True))
        st.markdown(training.training_summary(training.balance(market, training_year), market))
        ui.show(training.training_view(market, training_year))
        st.markdown("**Unbesetzte Stellen und unversorgte Bewerber** zeigen, wo Angebot und Nachfrage nicht "
                    "zusammenpassen, obwohl es rechnerisch genug Stellen oder Bewerber gäbe.")
        ui.show(training.mismatch_view(market, training_year))


for tab, draw in ((kita_tab, kita_area), (ogs_tab, ogs_area), (training_tab, training_area)):
    if tab.open:  # lazy tabs: only the open tab's content runs (switching tabs reruns the page)
        with tab:
            draw()
