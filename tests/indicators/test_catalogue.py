"""catalogue/indicators.toml: completeness, documentation and the validation errors of etl/catalogue.py."""

from pathlib import Path

import pytest

from etl.catalogue import AREAS, INDICATORS_PATH, CatalogueError, load_indicators

CATALOGUE = load_indicators()
REQUIRED_IDS = {
    "population_total", "population_change_1y", "population_change_10y", "pop_share_u3", "pop_share_3to6",
    "pop_share_6to10", "pop_share_10to16", "pop_share_16to19", "pop_share_19to25", "pop_share_65plus",
    "youth_ratio", "old_age_ratio", "projected_change_under20", "childcare_rate_u3", "childcare_rate_3to6",
    "fullday_share_kita", "kita_places_per_child_u3", "kita_places_per_child_3to6", "pupils_share_gy",
    "transition_rate_gy", "transition_rate_ge", "transition_rate_rs", "transition_rate_hs",
    "transition_rate_sk", "leavers_without_certificate_share", "leavers_abitur_share", "leavers_msa_share",
    "allday_primary_share", "vocational_share_sector_ii", "transition_sector_share",
    "applicants_per_100_places", "unplaced_applicants", "unfilled_places", "anr", "mismatch_ratio",
    "new_contracts", "training_rate", "students_total", "vhs_hours_per_1000", "vhs_enrolments_per_1000",
    "manufacturing_share", "location_quotient_manufacturing", "employees_55plus_share", "replacement_ratio",
    "unemployment_rate", "youth_unemployment_rate",
}
ENTRY = """
[[indicator]]
id = "{id}"
title = "Test"
short_title = "Test"
area = "{area}"
life_phase = "Rahmenbedingungen"
unit = "%"
decimals = 1
direction = "neutral"
numerator = "Zähler"
denominator = "Nenner"
formula = "SELECT 1"
sources = ["{source}"]
stichtag = "31.12."
place_principle = "Wohnort"
levels = ["kreis"]
methodology = "Text."
"""


def test_catalogue_size_and_areas():
    assert len(CATALOGUE) >= 30
    assert {ind.area for ind in CATALOGUE} == set(AREAS)


def test_required_indicators_present():
    assert {ind.id for ind in CATALOGUE} >= REQUIRED_IDS


@pytest.mark.parametrize("indicator", CATALOGUE, ids=lambda ind: ind.id)
def test_entry_documented(indicator):
    for field in ("title", "short_title", "numerator", "methodology", "stichtag", "place_principle"):
        assert len(getattr(indicator, field).strip()) >= 3, field
    if indicator.unit != "Anzahl":
        assert indicator.denominator.strip(), "a rate needs its denominator in words"
    assert len(indicator.short_title) <= 30, "short titles must fit a KPI card"
    assert indicator.formula.strip().upper().startswith(("SELECT", "WITH"))


def test_headline_cards_per_life_phase():
    phases = {ind.life_phase for ind in CATALOGUE if ind.headline}
    assert phases == set(AREAS.values())


def test_rounding_note_on_school_rates():
    school = [ind for ind in CATALOGUE if {"21111-01-03-4", "LOCAL-UEBERGAENGE"} & set(ind.sources)]
    assert {"21111-01-03-4", "LOCAL-UEBERGAENGE"} <= {s for ind in school for s in ind.sources}
    for ind in school:
        assert "5" in ind.rounding_note and ind.rounding_from == 2019, ind.id


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "indicators.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_duplicate_id_names_both_lines(tmp_path):
    entry = ENTRY.format(id="a_b", area="A", source="12411-02-03-4")
    with pytest.raises(CatalogueError, match=r"line 20: duplicate id 'a_b' \(first at line 2\)"):
        load_indicators(_write(tmp_path, entry + entry))


@pytest.mark.parametrize(("change", "message"), [
    ({"id": "Bad-Id"}, "snake_case"),
    ({"area": "Z"}, "area 'Z'"),
    ({"source": "99999-99"}, "unknown source"),
])
def test_invalid_entry(tmp_path, change, message):
    values = {"id": "ok_id", "area": "A", "source": "12411-02-03-4"} | change
    with pytest.raises(CatalogueError, match=message):
        load_indicators(_write(tmp_path, ENTRY.format(**values)))


def test_missing_field_and_unknown_field(tmp_path):
    entry = ENTRY.format(id="x_y", area="A", source="12411-02-03-4")
    with pytest.raises(CatalogueError, match=r"missing field\(s\) \['methodology'\]"):
        load_indicators(_write(tmp_path, entry.replace('methodology = "Text."', "")))
    with pytest.raises(CatalogueError, match="unknown field"):
        load_indicators(_write(tmp_path, entry + 'colour = "red"\n'))


def test_wrong_life_phase(tmp_path):
    entry = ENTRY.format(id="x_y", area="C", source="12411-02-03-4")
    with pytest.raises(CatalogueError, match="life_phase 'Rahmenbedingungen' must be 'Frühe Bildung'"):
        load_indicators(_write(tmp_path, entry))


def test_invalid_toml_names_file(tmp_path):
    with pytest.raises(CatalogueError, match="indicators.toml: invalid TOML"):
        load_indicators(_write(tmp_path, "[[indicator]\nid = 1"))


def test_default_path_is_repository_catalogue():
    assert INDICATORS_PATH.parts[-2:] == ("catalogue", "indicators.toml")
