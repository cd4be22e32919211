"""Real population with demo Kita data: the mixed U3 rate is flagged at the value on cards, in tables and
downloads and on slides; source lines name only the tables in the build, each with its Stand."""

import pytest

from etl.build import run_build
from etl.demo.generate import generate
from monitor import db
from monitor.queries import indicators, meta
from monitor.views import common, overview, presentation
from monitor.views import indicators as views
from tests.build.fixtures import population_groups

MIXED = "(gemischt (teils Demodaten))"


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    root = tmp_path_factory.mktemp("provenance")
    demo, real = root / "demo", root / "real"
    generate(demo, log=lambda _: None)
    real.mkdir()
    population_groups(real)  # 12411-02-03-4, real layout, no demo marker: replaces the demo population
    run_build([demo, real], root / "warehouse")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(db.ENV_DIR, str(root / "warehouse"))
        yield root / "warehouse"


def test_card_flags_the_mixed_value_only(warehouse):
    cards, _ = overview.kpi_cards("05766")
    by_id = {card.id: card for card in cards}
    assert by_id["childcare_rate_u3"].value_text.endswith(MIXED)
    assert not by_id["population_total"].value_text.endswith(")")  # official: no marker
    assert by_id["leavers_without_certificate_share"].value_text.endswith("(Demo)")


def test_download_table_names_the_provenance(warehouse):
    entry = indicators.indicator("childcare_rate_u3")
    rows = indicators.series("childcare_rate_u3", ["05766"])
    table = common.value_table(rows[rows["value"].notna()], entry)  # 2025: Kita 1.3.2025 / pop. 2024
    assert not table.empty and set(table["Herkunft"]) == {"gemischt (teils Demodaten)"}
    assert all(text.endswith(MIXED) for text in table["Anzeige"])


def test_slide_number_is_flagged(warehouse):
    deck = presentation.load_deck([entry.id for entry in indicators.catalogue()])
    slide = next(s for s in deck.slides if s.indicator == "childcare_rate_u3")
    assert presentation.content(slide, "05766", meta.build_info()).number.endswith(MIXED)


def test_source_line_lists_only_loaded_tables_with_stand(warehouse):
    line = views.source_text(indicators.indicator("childcare_rate_u3"))
    assert "12411-02-03-4 (Stand " in line
    assert "12411-09i" not in line and "12411-15i" not in line  # demo population dropped for the real file
    assert "22543-03-01-4" in line


def test_report_flags_mixed_values_and_lists_only_loaded_sources(warehouse):
    from monitor.reports.content import build_report

    report = build_report("bericht", "05766", ["rahmen", "fruehe-bildung"])
    rows = [row for section in report.sections for row in getattr(section, "rows", ())]
    u3 = next(row for row in rows if row.id == "childcare_rate_u3")
    assert u3.value.endswith(MIXED)
    listed = {source["Tabelle"] for source in report.sources}
    assert "12411-02-03-4" in listed and "12411-09i" not in listed and "22543-03-01-4" in listed
