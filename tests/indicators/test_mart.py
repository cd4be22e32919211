"""Every catalogue indicator against hand-computed values on the fixture core (fixture_core.py)."""

import duckdb
import pytest

from etl.catalogue import load_indicators
from etl.mart import MartError, _formula_columns, build_mart
from tests.indicators.fixture_core import BS, DETMOLD, JA_DT, JA_K, LIPPE, NRW, create_core

AA = "AA_DETMOLD"
NOTE = "note"  # marker: a rounding note is expected
# indicator -> [(ags, year, value or None, status[, NOTE])]; values written as the arithmetic on the inputs
EXPECTED = {
    "population_total": [
        (LIPPE, 2024, 250000, "ok"),
        (NRW, 2024, 17500000, "provisional"),
        (DETMOLD, 2024, 950, "ok"),
        (JA_DT, 2024, 950, "ok"),
        (AA, 2023, 250500, "ok"),
    ],
    "population_change_1y": [
        (LIPPE, 2024, -500 / 250500 * 100, "ok"),
        (DETMOLD, 2024, 10 / 940 * 100, "ok"),
        (NRW, 2024, -35000 / 17535000 * 100, "provisional"),
        (NRW, 2023, None, "missing"),
    ],
    "population_change_10y": [(LIPPE, 2024, 10000 / 240000 * 100, "ok"), (DETMOLD, 2024, None, "missing")],
    "pop_share_u3": [
        (LIPPE, 2024, 9000 / 250000 * 100, "ok"),
        (DETMOLD, 2024, 30 / 950 * 100, "ok"),
        (BS, 2024, None, "secret"),
        (JA_K, 2024, None, "secret"),
        (BS, 2023, 60 / 1900 * 100, "ok"),
    ],
    "pop_share_3to6": [(LIPPE, 2024, 3.6, "ok"), (BS, 2024, 60 / 1900 * 100, "ok")],
    "pop_share_6to10": [(LIPPE, 2024, 12000 / 250000 * 100, "ok"), (DETMOLD, 2024, 40 / 950 * 100, "ok")],
    "pop_share_10to16": [(LIPPE, 2024, 18000 / 250000 * 100, "ok"), (DETMOLD, 2023, 60 / 940 * 100, "ok")],
    "pop_share_16to19": [(LIPPE, 2024, 9000 / 250000 * 100, "ok"), (BS, 2024, 60 / 1900 * 100, "ok")],
    "pop_share_19to25": [
        (LIPPE, 2024, (3000 + 15000) / 250000 * 100, "ok"),
        (DETMOLD, 2024, 60 / 950 * 100, "ok"),
    ],
    "pop_share_65plus": [
        (LIPPE, 2024, 55000 / 250000 * 100, "ok"),
        (DETMOLD, 2024, 300 / 950 * 100, "ok"),
        (DETMOLD, 2023, 290 / 940 * 100, "ok"),
    ],
    "youth_ratio": [
        (LIPPE, 2024, 60000 / 135000 * 100, "ok"),
        (LIPPE, 2023, 60500 / 135000 * 100, "ok"),
        (DETMOLD, 2024, 200 / 450 * 100, "ok"),
        (BS, 2024, None, "secret"),
    ],
    "old_age_ratio": [(LIPPE, 2024, 55000 / 135000 * 100, "ok"), (BS, 2024, 600 / 900 * 100, "ok")],
    "projected_change_under20": [
        (LIPPE, 2040, (50000 - 60000) / 60000 * 100, "ok"),
        (DETMOLD, 2040, (180 - 200) / 200 * 100, "ok"),
        (JA_DT, 2040, (180 - 200) / 200 * 100, "ok"),
    ],
    "childcare_rate_u3": [
        (LIPPE, 2025, 3000 / 9000 * 100, "ok"),
        (LIPPE, 2024, None, "secret"),
        (NRW, 2025, 210000 / (9000 * 70) * 100, "ok"),
        (JA_DT, 2025, 9 / 30 * 100, "ok"),
    ],
    "childcare_rate_3to6": [(LIPPE, 2025, 8640 / 9000 * 100, "ok"), (LIPPE, 2024, 8600 / 9000 * 100, "ok")],
    "fullday_share_kita": [
        (LIPPE, 2025, 50.0, "ok"),
        (LIPPE, 2024, None, "secret"),
    ],
    "kita_places_per_child_u3": [
        (JA_DT, 2025, 12 / 30 * 100, "ok"),
        (JA_K, 2025, None, "secret"),
        (BS, 2025, None, "secret"),
        (JA_DT, 2026, None, "missing"),
    ],
    "kita_places_per_child_3to6": [
        (JA_DT, 2025, 33 / 30 * 100, "ok"),
        (BS, 2025, 0.0, "ok"),
        (JA_K, 2025, 0.0, "ok"),
    ],
    "kita_places_per_child_u6": [(LIPPE, 2025, 15000 / 18000 * 100, "ok")],
    "pupils_share_gs": [
        (LIPPE, 2024, 10000 / 31000 * 100, "ok", NOTE),
        (LIPPE, 2018, 10500 / 31500 * 100, "ok"),
        (DETMOLD, 2024, 2000 / 6000 * 100, "ok", NOTE),
    ],
    "pupils_share_hs": [(LIPPE, 2024, 1000 / 31000 * 100, "ok", NOTE), (DETMOLD, 2024, None, "secret")],
    "pupils_share_rs": [(LIPPE, 2024, 3000 / 31000 * 100, "ok", NOTE)],
    "pupils_share_sk": [(LIPPE, 2024, 2000 / 31000 * 100, "ok", NOTE)],
    "pupils_share_ge": [(LIPPE, 2024, 6000 / 31000 * 100, "ok", NOTE)],
    "pupils_share_gy": [(LIPPE, 2024, 8000 / 31000 * 100, "ok", NOTE), (DETMOLD, 2024, 25.0, "ok", NOTE)],
    "pupils_share_foe": [(LIPPE, 2024, 1000 / 31000 * 100, "ok", NOTE)],
    "transition_rate_gy": [(LIPPE, 2024, 1000 / 2600 * 100, "ok", NOTE), (BS, 2024, None, "not_applicable")],
    "transition_rate_ge": [(LIPPE, 2024, 800 / 2600 * 100, "ok", NOTE)],
    "transition_rate_rs": [(LIPPE, 2024, 400 / 2600 * 100, "ok", NOTE)],
    "transition_rate_hs": [(LIPPE, 2024, 50 / 2600 * 100, "ok", NOTE), (BS, 2024, None, "unreliable")],
    "transition_rate_sk": [(LIPPE, 2024, 300 / 2600 * 100, "ok", NOTE)],
    "leavers_without_certificate_share": [
        (LIPPE, 2024, 200 / 4000 * 100, "ok", NOTE),
        (DETMOLD, 2024, 45 / 900 * 100, "ok", NOTE),
        (DETMOLD, 2023, None, "missing"),
        (NRW, 2024, 5.0, "ok", NOTE),
    ],
    "leavers_esa_share": [(LIPPE, 2024, 600 / 4000 * 100, "ok", NOTE)],
    "leavers_msa_share": [
        (LIPPE, 2024, 1400 / 4000 * 100, "ok", NOTE),
        (NRW, 2024, 60000 / 180000 * 100, "ok"),
    ],
    "leavers_abitur_share": [(LIPPE, 2024, 1500 / 4000 * 100, "ok"), (DETMOLD, 2024, 300 / 900 * 100, "ok")],
    "allday_primary_share": [
        (DETMOLD, 2024, 28 / 40 * 100, "ok"),
        (LIPPE, 2024, 5000 / 10000 * 100, "provisional"),
    ],
    "allday_places_per_primary_pupil": [(DETMOLD, 2024, 30 / 40 * 100, "ok")],
    "vocational_share_sector_i": [(LIPPE, 2024, 6000 / 10000 * 100, "ok")],
    "vocational_share_sector_ii": [(LIPPE, 2024, 1500 / 10000 * 100, "ok")],
    "vocational_share_sector_iii": [(LIPPE, 2024, 2500 / 10000 * 100, "ok")],
    "transition_sector_share": [
        (LIPPE, 2024, 800 / (2000 + 800 + 1200) * 100, "ok"),
        (LIPPE, 2023, None, "secret"),
        (NRW, 2024, None, "missing"),
    ],
    "applicants_per_100_places": [(AA, 2024, 2339 / 2101 * 100, "ok"), (LIPPE, 2024, None, "secret")],
    "unplaced_applicants": [(AA, 2024, 121, "ok"), (LIPPE, 2024, 0.0, "ok")],
    "unfilled_places": [(AA, 2024, 95, "ok"), (LIPPE, 2024, 95, "ok")],
    "anr": [(AA, 2024, (1800 + 95) / (1800 + 121) * 100, "ok"), (LIPPE, 2024, None, "missing")],
    "mismatch_ratio": [(AA, 2024, 121 / 95 * 100, "ok"), (LIPPE, 2024, 0.0, "ok")],
    "new_contracts": [(LIPPE, 2024, 1890, "ok", NOTE), (NRW, 2024, 90000, "ok", NOTE)],
    "training_rate": [
        (LIPPE, 2024, 5400 / 120000 * 100, "ok", NOTE),
        (NRW, 2024, 270000 / 7000000 * 100, "ok"),
    ],
    "students_total": [(LIPPE, 2023, 8000, "ok"), (NRW, 2023, 780000, "ok")],
    "vhs_hours_per_1000": [(LIPPE, 2024, 50000 / 250000 * 1000, "ok")],
    "vhs_enrolments_per_1000": [(LIPPE, 2024, 25000 / 250000 * 1000, "ok")],
    "manufacturing_share": [
        (LIPPE, 2024, 33600 / 120000 * 100, "ok"),
        (LIPPE, 2023, None, "secret"),
        ("DG", 2024, 6650000 / 35000000 * 100, "ok"),
    ],
    "location_quotient_manufacturing": [
        (LIPPE, 2024, (33600 / 120000) / (1400000 / 7000000), "ok"),
        (NRW, 2024, (1400000 / 7000000) / (6650000 / 35000000), "ok"),
        (LIPPE, 2023, None, "secret"),
        (NRW, 2023, None, "missing"),
    ],
    "employees_55plus_share": [(LIPPE, 2024, 30000 / 120000 * 100, "ok"), (NRW, 2024, 25.0, "ok")],
    "replacement_ratio": [
        (LIPPE, 2024, 1890 / 30000 * 100, "ok", NOTE),
        (NRW, 2024, 90000 / 1750000 * 100, "ok"),
    ],
    "unemployment_rate": [(LIPPE, 2024, 5.5, "ok"), (NRW, 2024, 7.2, "ok")],
    "youth_unemployment_rate": [(LIPPE, 2024, 4.9, "ok"), (LIPPE, 2025, None, "later")],
}
CATALOGUE = load_indicators()


@pytest.fixture(scope="module")
def con():
    connection = duckdb.connect()
    create_core(connection)
    build_mart(connection, CATALOGUE)
    yield connection
    connection.close()


def _row(con, indicator_id: str, ags: str, year: int) -> tuple | None:
    rows = con.execute(
        """SELECT value, status, note, numerator, denominator FROM mart.indicator_values
        WHERE indicator_id = ? AND ags = ? AND year = ?""",
        [indicator_id, ags, year],
    ).fetchall()
    assert len(rows) <= 1, f"{indicator_id} {ags} {year}: {len(rows)} rows"
    return rows[0] if rows else None


@pytest.mark.parametrize("indicator", CATALOGUE, ids=lambda ind: ind.id)
def test_indicator_values(con, indicator):
    assert indicator.id in EXPECTED, f"no test case for indicator {indicator.id!r}: add it to EXPECTED"
    for ags, year, value, status, *note in EXPECTED[indicator.id]:
        row = _row(con, indicator.id, ags, year)
        assert row is not None, f"{indicator.id}: no row for {ags} {year}"
        assert row[1] == status, f"{indicator.id} {ags} {year}: status {row[1]}"
        if value is None:
            assert row[0] is None, f"{indicator.id} {ags} {year}: unusable value must be NULL"
        else:
            assert row[0] == pytest.approx(value, rel=1e-9), f"{indicator.id} {ags} {year}"
        if note:
            assert row[2] and "gerundet" in row[2], f"{indicator.id} {ags} {year}: rounding note expected"


def test_no_unused_expectations():
    assert set(EXPECTED) <= {ind.id for ind in CATALOGUE}


def test_unusable_values_are_null_never_zero(con):
    bad = con.execute("""SELECT count(*) FROM mart.indicator_values
        WHERE status IN ('secret', 'unreliable', 'later', 'not_applicable', 'missing')
          AND value IS NOT NULL""")
    assert bad.fetchone()[0] == 0
    secret = _row(con, "pop_share_u3", BS, 2024)
    assert secret[0] is None and secret[3] is None and secret[4] == 1900  # numerator NULL, denominator kept


def test_notes_only_for_rounded_periods(con):
    assert _row(con, "pupils_share_gs", LIPPE, 2018)[2] is None
    assert _row(con, "projected_change_under20", LIPPE, 2040)[2] == "Basisjahr 2024"
    assert _row(con, "population_total", LIPPE, 2024)[2] is None


def test_second_source_and_residence_rows_are_ignored(con):
    assert _row(con, "population_total", LIPPE, 2024)[0] == 250000  # not 249,000 from 12411-09i
    assert _row(con, "manufacturing_share", LIPPE, 2024)[4] == 120000  # Arbeitsort, not Wohnort


def test_kita_is_not_summed_into_agentur(con):
    assert _row(con, "childcare_rate_u3", AA, 2025) is None


def test_indicators_table(con):
    rows = con.execute(
        "SELECT id, unit, scale, levels, sources, headline FROM mart.indicators ORDER BY id"
    ).fetchall()
    assert len(rows) == len(CATALOGUE)
    by_id = {r[0]: r for r in rows}
    assert by_id["vhs_hours_per_1000"][1:3] == ("je 1.000 EW", 1000)
    bases = dict(con.execute("SELECT id, rounding_base FROM mart.indicators").fetchall())
    assert (bases["pupils_share_gs"], bases["training_rate"], bases["population_total"]) == (5, 3, None)
    assert by_id["population_total"][3][:2] == ["bund", "land"] and by_id["population_total"][5] is True


def test_location_quotients_table(con):
    row = con.execute(
        """SELECT share, ref_ags, ref_share, lq, lq_status FROM mart.location_quotients
        WHERE ags = ? AND year = 2024 AND wz_section = 'G'""",
        [LIPPE],
    ).fetchone()
    assert row == pytest.approx((10.0, NRW, 10.0, 1.0, "ok"))


def test_gap_inputs(con):
    rows = con.execute(
        """SELECT kind, year, children, children_status, places, places_year, places_planned,
        in_care FROM mart.gap_inputs WHERE ags = ? AND age_band = 'u3' ORDER BY kind, year""",
        [JA_DT],
    ).fetchall()
    observed = {r[1]: r for r in rows if r[0] == "observed"}
    assert observed[2025][2:8] == (
        30,
        "ok",
        12,
        2025,
        13,
        9,
    )  # children at 31.12.2024, places Kita-Jahr 2024/25
    projection = [r for r in rows if r[0] == "projection"]
    assert [(r[1], r[2], r[4], r[5]) for r in projection] == [(2031, 28, 14, 2026), (2041, 25, 14, 2026)]
    ogs = con.execute(
        """SELECT children, places, in_care FROM mart.gap_inputs
        WHERE ags = ? AND age_band = '6to10' AND kind = 'observed' AND year = 2024""",
        [DETMOLD],
    ).fetchone()
    assert ogs == (40, 30, 28)


def test_missing_core_table_is_named():
    connection = duckdb.connect()
    create_core(connection)
    connection.execute("DROP TABLE core.vhs")
    with pytest.raises(MartError, match="core.vhs"):
        build_mart(connection, CATALOGUE[:1])


def test_broken_formula_names_indicator():
    connection = duckdb.connect()
    create_core(connection)
    broken = CATALOGUE[0].__class__(**{**CATALOGUE[0].__dict__, "formula": "SELECT * FROM core.nothing"})
    with pytest.raises(MartError, match="population_total"):
        build_mart(connection, [broken])


def test_formula_columns_as_bound_one_by_one(con):
    assert _formula_columns(con, CATALOGUE) == [set(con.sql(ind.formula).columns) for ind in CATALOGUE]


def test_broken_macro_call_names_indicator():
    connection = duckdb.connect()
    create_core(connection)
    first, second = CATALOGUE[0], CATALOGUE[1]
    broken = second.__class__(**{**second.__dict__, "formula": "SELECT * FROM mart.value_of('population')"})
    with pytest.raises(MartError, match=f"{second.id}.*formula fails"):
        build_mart(connection, [first, broken])


def test_formula_with_two_rows_per_region_and_period_names_indicator():
    connection = duckdb.connect()
    create_core(connection)
    twice = "SELECT * FROM mart.value_of('population', ['total']) UNION ALL " + CATALOGUE[0].formula
    doubled = CATALOGUE[0].__class__(**{**CATALOGUE[0].__dict__, "formula": twice})
    with pytest.raises(MartError, match="population_total.*formula returns 2 rows"):
        build_mart(connection, [doubled])


def test_change_rows_only_within_the_series(con):
    assert _row(con, "population_change_1y", LIPPE, 2014) is None  # 2013 precedes every population year
    assert _row(con, "population_change_1y", LIPPE, 2023)[1] == "missing"  # 2022 lies inside the series


def test_expired_group_member_and_null_value_with_ok_status():
    connection = duckdb.connect()
    create_core(connection)
    connection.execute("INSERT INTO core.region_groups VALUES (?, ?, 'jugendamt', NULL, '2020-12-31', 1.0)",
                       [JA_DT, BS])  # Bad Salzuflen belonged to JA Detmold until 2020 only
    connection.execute("INSERT INTO core.vhs VALUES (?, 'hours', '2023', 2023, NULL, 'ok', 'LOCAL-VHS')",
                       [LIPPE])
    wanted = {"population_total", "vhs_hours_per_1000"}
    build_mart(connection, [ind for ind in CATALOGUE if ind.id in wanted])
    assert _row(connection, "population_total", JA_DT, 2024)[:2] == (950, "ok")
    assert _row(connection, "vhs_hours_per_1000", LIPPE, 2023)[:2] == (None, "missing")


def test_zensus_break_marked_in_every_population_series(con):
    breaks = dict(con.execute("SELECT indicator_id, year FROM mart.series_breaks WHERE label = 'Zensus 2022'"
                              ).fetchall())
    population_based = {ind.id for ind in CATALOGUE if any(s.startswith("12411-") for s in ind.sources)}
    assert population_based and set(breaks) == population_based
    assert breaks["population_total"] == 2022
    assert breaks["childcare_rate_u3"] == 2023  # children on 1 March 2023 / population 31.12.2022 (lag 1)
    assert "manufacturing_share" not in breaks
