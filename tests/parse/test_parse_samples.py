"""The real official files in ../shared/samples (skipped when absent): known values."""

import pandas as pd
import pytest

from etl.parse import COLUMNS, ParseError, parse_file

pytestmark = pytest.mark.samples


def one(table: pd.DataFrame, **match) -> pd.Series:
    hits = table
    for column, value in match.items():
        hits = hits[hits[column] == value]
    assert len(hits) == 1, f"expected one row for {match}, got {len(hits)}"
    return hits.iloc[0]


def test_regionalstatistik_v5_population(samples):
    parsed = parse_file(samples / "genesis_ffcsv" / "regionalstatistik_12411-01-01-4_v5_nrw.csv")
    table = parsed.table
    assert parsed.meta["table_code"] == "12411-01-01-4" and parsed.meta["encoding"] == "utf-8-sig"
    assert list(table.columns) == [*COLUMNS, "GES", "GES_label"] and len(table) == 168
    lippe = one(table, ags="05766", GES="GESW")
    assert (lippe.period, lippe.value, lippe.status, lippe.region) == (
        "2024-12-31",
        176496.0,
        "ok",
        "Lippe, Kreis",
    )
    assert one(table, ags="05766", GES="INSGESAMT").GES_label == "Insgesamt"


def test_regionalstatistik_v4_population(samples):
    parsed = parse_file(samples / "genesis_ffcsv" / "regionalstatistik_12411-01-01-4_v4_nrw.csv")
    assert parsed.meta["format"] == "ffcsv4"
    lippe = one(parsed.table, ags="05766", GES="INSGESAMT")
    assert (lippe.period, lippe.value, lippe.region, lippe.variable) == (
        "2023-12-31",
        349781.0,
        "Lippe, Kreis",
        "BEVSTD",
    )


def test_students_dash_is_zero(samples):
    table = parse_file(samples / "genesis_ffcsv" / "regionalstatistik_21311-01-01-4-B_v5_lippe.csv").table
    cell = one(table, line=2)
    assert (cell.value, cell.status, cell.symbol, cell.period) == (0.0, "zero", "-", "WS 2023/24")
    assert cell["HS-FG2"] == "HS-FG05" and cell.GESINS == "INSGESAMT" and cell.NAT01 == "NATA"


def test_mikrozensus_x_and_slash(samples):
    table = parse_file(samples / "genesis_ffcsv" / "destatis_12211-0001_v5_full.csv").table
    x = one(table, line=7)
    slash = one(table, line=120)
    assert (pd.isna(x.value), x.status, x.unit, x.ags) == (True, "not_applicable", "1000", "DG")
    assert (pd.isna(slash.value), slash.status, slash.GES) == (True, "unreliable", "INSGESAMT")
    assert table.status.value_counts()["not_applicable"] == 9


def test_mikrozensus_v4_matches_v5_shape(samples):
    table = parse_file(samples / "genesis_ffcsv" / "destatis_12211-0001_v4_full.csv").table
    assert len(table) == 45 * 5 and set(table.variable) == {"BEV036", "ERW041", "ERW042", "ERW040", "ERW043"}
    first = one(table, line=2, variable="ERW041")
    assert first.status == "not_applicable" and first.ALT068 == "ALT000B15"


def test_zensus_value_q(samples):
    table = parse_file(samples / "genesis_ffcsv" / "zensus2022_1000A-2022_v5_quality-on_head.csv").table
    first = one(table, line=2)
    assert (first.value, first.status, first.symbol, first.ags) == (11059795.0, "final", "e", "DG")
    assert set(table.status) == {"final", "zero"} and table.value.notna().all()
    assert {"WDGAT1", "WDGAT2", "ALTGR2"} <= set(table.columns)


def test_later_symbol_in_flat_file(samples):
    table = parse_file(samples / "genesis_ffcsv" / "destatis_23311-0010_v5_head.csv").table
    assert one(table, line=4).status == "later" and one(table, line=4).ags == "15"  # DLAND is the region


def test_cube_file_unsupported(samples):
    with pytest.raises(ParseError, match="nicht unterstützt"):
        parse_file(samples / "genesis_ffcsv" / "restatis_fixture_cubefile_47414BJ002.csv")


def test_ldbnrw_population_by_age(samples):
    parsed = parse_file(samples / "genesis_tabellen_csv" / "ldbnrw_12411-09i_latin1.csv")
    table, meta = parsed.table, parsed.meta
    assert meta["encoding"] == "cp1252" and meta["stand"] == "2026-02-16T12:15:28"
    assert meta["copyright"].startswith("© IT.NRW, Düsseldorf, 2026")
    lippe = table[(table.ags == "05766")]
    assert len(lippe) == 92 and lippe.region.iloc[0] == "Lippe, Kreis"
    total = lippe[lippe.header_3 == "Insgesamt"].iloc[0]
    assert (total.value, total.period, total.time_code, total.line) == (347149.0, "2024-12-31", "STAG", 54)
    assert total.header_1 == "Bevölkerungsstand (Basis Zensus 2022 und früher)"
    assert set(table.unit) == {"Anzahl"}


def test_ldbnrw_youth_welfare_x_and_dash(samples):
    table = parse_file(samples / "genesis_tabellen_csv" / "ldbnrw_22542-06i_latin1.csv").table
    aachen = table[table.ags == "05313"]
    assert set(aachen.status) == {"not_applicable"} and aachen.value.isna().all()
    lippe = table[table.ags == "05766"]
    assert (
        lippe.variable.iloc[0]
        == "§13 Abs. 2 3 SGB VIII Jugendsozialarbeit; Sozialpädagogisch begleitetes Wohnen"
    )
    assert (lippe.value.iloc[0], lippe.status.iloc[0]) == (0.0, "zero")
    assert (lippe.value.iloc[4], lippe.period.iloc[0]) == (115.0, "2024")


def test_destatis_births_later(samples):
    table = parse_file(samples / "genesis_tabellen_csv" / "destatis_12612-0002_utf8.csv").table
    may = table[table.period == "2022-05"]
    assert len(may) == 3 and set(may.status) == {"later"} and may.value.isna().all()
    assert one(table, period="1950-01", variable="Insgesamt").value == 95836.0
    assert set(table.ags) == {"DG"}


def test_destatis_deaths_latin1(samples):
    parsed = parse_file(samples / "genesis_tabellen_csv" / "destatis_23211-0002_latin1.csv")
    table = parsed.table
    row = one(table, period="1980", header_2="männlich")
    assert (row.value, row.dim_1, row.ags, row.variable) == (
        11789.0,
        "Vorsätzliche Selbstbeschädigung",
        "DG",
        "Geschlecht | männlich",
    )
    assert parsed.meta["stand"] == "2022-01-10T13:09:48"


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("destatis_data_tablefile_status98_table_too_big.json", "98"),
        ("destatis_data_tablefile_status-1_error.json", "-1"),
        ("destatis_data_tablefile_status104_no_objects.json", "104"),
    ],
)
def test_web_service_json(samples, name, code):
    with pytest.raises(ParseError, match=f"Status {code} –"):
        parse_file(samples / "genesis_api_json" / name)
