"""GENESIS Tabellen-CSV on own fixtures: cp1252 + CRLF, UTF-8 BOM, multi-level headers, footer."""

import duckdb
import pandas as pd
import pytest

from etl.parse import ParseError, parse_file
from etl.parse.regions import sql_to_ags, to_ags

from .conftest import FIXTURES

LDB = FIXTURES / "21211-01i_cp1252.csv"
MONTHS = FIXTURES / "12612-0002_utf8bom.csv"
GOOD = [
    "Tabelle: 21211-01i",
    "Auszubildende - Kreise;;;",
    ";;;Auszubildende;Auszubildende",
    ";;;Handwerk;Insgesamt",
    ";;;Anzahl;Anzahl",
    "31.12.2024;05766;    Lippe, Kreis;1506;3012",
    "31.12.2024;05766020;      Detmold, Stadt;300;700",
    "__________",
    "© IT.NRW, Düsseldorf, 2026.",
    "Stand: 19.01.2026 / 13:58:12",
]


def test_landesdatenbank_layout():
    parsed = parse_file(LDB)
    table, meta = parsed.table, parsed.meta
    assert meta["format"] == "tabellen_csv" and meta["encoding"] == "cp1252"
    assert meta["table_code"] == "21211-01i" and meta["stand"] == "2026-01-19T13:58:12"
    assert meta["copyright"].startswith("© IT.NRW, Düsseldorf, 2026.")
    assert meta["title"].startswith(
        "Auszubildende und neu abgeschlossene Ausbildungsverträge nach Ausbildungsbereichen"
    )
    assert len(table) == 15 and meta["rows"] == 15
    lippe = table[(table.ags == "05766") & (table.period == "2024-12-31")]
    assert list(lippe.variable) == [
        "Auszubildende | Industrie und Handel",
        "Auszubildende | Handwerk",  # forward-filled parent header
        "Neu abgeschlossene Ausbildungsverträge; insgesamt | Handwerk",  # quoted cell with ';'
    ]
    assert list(lippe.value.fillna(-1)) == [3012.0, 1506.0, 0.0]
    assert list(lippe.status) == ["ok", "ok", "zero"]
    assert set(lippe.region) == {"Lippe, Kreis"} and set(lippe.unit) == {"Anzahl"}
    assert list(lippe.header_2) == ["Industrie und Handel", "Handwerk", "Handwerk"]
    assert set(table.time_code) == {"STAG"} and set(lippe.line) == {10}  # CRLF counted once
    detmold = table[table.ags == "05766020"]
    assert list(detmold.status) == ["not_applicable", "secret", "limited"] and detmold.value.iloc[2] == 12.0
    assert "dim_1" not in table.columns


def test_national_table_with_year_and_month_cells():
    parsed = parse_file(MONTHS)
    table = parsed.table
    assert parsed.meta["encoding"] == "utf-8-sig" and parsed.meta["synthetic"] is True
    assert parsed.meta["table_code"] == "12612-0002"
    assert set(table.ags) == {"DG"} and set(table.region) == {"Deutschland"}
    assert list(table.period.unique()) == ["2022-03", "2022-04", "2022-05"]
    assert set(table.time_code) == {"MONAT"} and set(table.unit) == {"Anzahl"}  # unit from "(Anzahl)"
    may = table[table.period == "2022-05"]
    assert may.value.isna().all() and set(may.status) == {"later"} and set(may.line) == {9}
    assert table.loc[table.period == "2022-03", "value"].tolist() == [28529.0, 27248.0, 55777.0]


def test_footnotes_multiline_and_lf(write):
    lines = [*GOOD[:8], '"Fußnote Zeile 1', "", 'Zeile ""3"""', *GOOD[8:]]
    parsed = parse_file(write("f.csv", "\n".join(lines) + "\n", "cp1252"))
    assert parsed.meta["stand"] == "2026-01-19T13:58:12" and len(parsed.table) == 4
    assert parsed.table.variable.tolist()[:2] == ["Auszubildende | Handwerk", "Auszubildende | Insgesamt"]
    assert parsed.table.header_1.tolist()[:2] == ["Auszubildende", "Auszubildende"]


def test_further_row_dimension_and_school_year(write):
    lines = [
        "Tabelle: 21111-20i",
        "Absolventen;;;;",
        ";;;;Absolventen und Abgänger",
        ";;;;Anzahl",
        "2023/24;05766;Lippe, Kreis;  Gymnasium;1200",
        "2023/24;05766;Lippe, Kreis;  Realschule;-",
        *GOOD[7:],
    ]
    table = parse_file(write("s.csv", "\n".join(lines) + "\n")).table
    assert table.dim_1.tolist() == ["Gymnasium", "Realschule"]
    assert set(table.time_code) == {"SCHJAHR"} and set(table.period) == {"2023/24"}
    assert table.variable.tolist() == ["Absolventen und Abgänger"] * 2


@pytest.mark.parametrize(
    ("edit", "line", "reason"),
    [
        (lambda ls: ls[:6] + ["31.12.2024;05766020;Detmold;300;7,0,0"] + ls[7:], 7, "unbekanntes Zeichen"),
        (lambda ls: ls[:6] + ["31.12.2024;05766020;Detmold;300"] + ls[7:], 7, "falsche Spaltenzahl"),
        (lambda ls: ls[:6] + ["31.12.2024;05766020;Detmold;1;2;3"] + ls[7:], 7, "falsche Spaltenzahl"),
        (lambda ls: ls[:7], 7, "Fußzeile '__________' fehlt"),
        (lambda ls: ls[:9], 9, "Stand"),
        (lambda ls: ls[:5] + ["31.02.2024;05766;Lippe;1;2"] + ls[6:], 6, "keine Zeitspalte"),
    ],
)
def test_errors_name_line(write, edit, line, reason):
    path = write("bad.csv", "\n".join(edit(list(GOOD))) + "\n", "cp1252")
    with pytest.raises(ParseError, match=reason) as info:
        parse_file(path)
    assert info.value.line == line and info.value.file == "bad.csv"


def test_good_base_case_parses(write):
    table = parse_file(write("good.csv", "\n".join(GOOD) + "\n", "cp1252")).table
    assert table.ags.tolist() == ["05766", "05766", "05766020", "05766020"]
    assert not table.value.isna().any() and pd.api.types.is_float_dtype(table.value)


def test_years_as_columns(write):
    lines = [
        "Tabelle: 12411-15i",
        "Bevölkerung (Anzahl);;;",
        ";;2023;2024",
        "05766;Lippe, Kreis;349781;347149",
        *GOOD[7:],
    ]
    table = parse_file(write("y.csv", "\n".join(lines) + "\n")).table
    assert table.period.tolist() == ["2023", "2024"] and set(table.time_code) == {"JAHR"}
    assert table.value.tolist() == [349781.0, 347149.0] and set(table.ags) == {"05766"}
    assert set(table.unit) == {"Anzahl"} and set(table.variable) == {"Bevölkerung"}


def test_no_region_column_and_no_region_line(write):
    lines = [
        "GENESIS-Tabelle: 23211-0002",
        "Gestorbene: Deutschland, Jahre;;",
        ";;Insgesamt",
        "2020;Herz;12",
        *GOOD[7:],
    ]
    table = parse_file(write("n.csv", "\n".join(lines) + "\n")).table
    assert table.ags.isna().all() and table.region.isna().all() and table.dim_1.tolist() == ["Herz"]


PERIOD_LINES = FIXTURES / "21111-01-03-4_period_lines_cp1252.csv"
WIDE_PERIOD_LINE = FIXTURES / "12411-02-03-5_period_line_wide.csv"
LABELLED_PERIOD = FIXTURES / "13211-01-03-5_labelled_period.csv"
VERBAND_KEYS = FIXTURES / "12411-01-01-5_verband_keys.csv"


def test_period_lines_per_block():
    """`2015;;;` ends the title block; `2016` repeats the header, `2017` is followed by data only."""
    parsed = parse_file(PERIOD_LINES)
    table, meta = parsed.table, parsed.meta
    assert meta["encoding"] == "cp1252" and meta["table_code"] == "21111-01-03-4"
    assert meta["title"].endswith("Statistik der allgemein bildenden Schulen")  # period line not in title
    assert set(table.time_code) == {"JAHR"} and len(table) == 8 * 4
    lippe = table[(table.ags == "05766") & (table.dim_1 == "Grundschulen")]
    assert lippe.period.tolist() == ["2015"] * 4 + ["2016"] * 4 + ["2017"] * 4
    assert lippe.line.tolist() == [13] * 4 + [21] * 4 + [24] * 4
    assert lippe.value.fillna(-1).tolist() == [
        61,
        13500,
        6600,
        640,
        60,
        13700,
        6700,
        -1,
        59,
        13900,
        6800,
        900,
    ]
    assert set(lippe.region) == {"Lippe, Kreis"} and set(lippe.unit) == {"Anzahl"}
    assert lippe.variable.tolist()[:4] == [
        "Allgemein bildende Schulen",
        "Schüler(innen) an allgemein bildenden Schulen | Geschlecht | Insgesamt",
        "Schüler(innen) an allgemein bildenden Schulen | Geschlecht | weiblich",
        "Schüler(innen) an allgemein bildenden Schulen | Nationalität | Ausländer(innen)",
    ]
    gym = table[(table.ags == "05766") & (table.dim_1 == "Gymnasien")]
    assert gym.period.unique().tolist() == ["2015"] and gym.status.tolist()[-1] == "zero"
    assert set(table.loc[table.ags == "DG", "region"]) == {"Deutschland"}


def test_period_line_above_wide_header():
    """Gemeinde table: one Stichtag line, then sex × age groups side by side (no unit line)."""
    table = parse_file(WIDE_PERIOD_LINE).table
    assert set(table.period) == {"2015-12-31"} and set(table.time_code) == {"STAG"}
    assert "dim_1" not in table.columns and set(table.unit) == {"Anzahl"}  # unit from "(Anzahl)"
    lippe = table[table.ags == "05766"]
    assert lippe.header_1.tolist() == ["Insgesamt"] * 3 + ["männlich"] * 3 + ["weiblich"] * 3
    assert lippe.header_3.tolist()[:3] == ["unter 3 Jahre", "3 bis unter 6 Jahre", "Insgesamt"]
    assert lippe.variable.tolist()[5] == "männlich | Altersgruppen (unter 3 bis 75 u.m.) | Insgesamt"
    assert lippe.value.tolist() == [9100, 9200, 348000, 4700, 4720, 171000, 4400, 4480, 177000]
    assert table.drop_duplicates("ags")[["ags", "region"]].values.tolist() == [
        ["DG", "Deutschland"],
        ["05766", "Lippe, Kreis"],
        ["05766020", "Detmold, Stadt"],
        ["0713101", "Adenau, Verbandsgem."],
        ["07131075", "Senscheid"],
        ["03151002", "Barwedel"],
    ]


def test_labelled_period_line():
    table = parse_file(LABELLED_PERIOD).table
    assert set(table.period) == {"2016"} and set(table.time_code) == {"JAHR"}
    detmold = table[table.ags == "05766020"]
    assert detmold.variable.tolist() == [
        "Arbeitslose insgesamt",
        "Arbeitslose | und zwar | Ausländer",
        "Arbeitslose | und zwar | langzeitarbeitslos",
    ]
    assert detmold.value.tolist() == [3100, 800, 1300] and set(detmold.line) == {13}


def test_key_and_name_columns_without_time_column():
    """`DG;Deutschland;…` with the Stichtage in the header: the key column is the region."""
    table = parse_file(VERBAND_KEYS).table
    assert "dim_1" not in table.columns
    assert table.ags.unique().tolist() == [
        "DG",
        "05",
        "05766",
        "05766020",
        "03151401",
        "03151002",
        "0713101",
        "07131075",
    ]
    lippe = table[table.ags == "05766"]
    assert lippe.period.tolist() == ["2015-12-31"] * 3 + ["2014-12-31"] * 3
    assert lippe.variable.tolist() == ["Insgesamt", "männlich", "weiblich"] * 2
    assert lippe.value.tolist() == [349000, 171500, 177500, 345500, 168500, 177000]
    assert table.loc[table.ags == "05", "region"].iloc[0] == "Nordrhein-Westfalen"


def _period_lines(edit) -> str:
    lines = PERIOD_LINES.read_bytes().decode("cp1252").split("\r\n")
    return "\n".join(edit(lines))


@pytest.mark.parametrize(
    ("edit", "line", "reason"),
    [
        (lambda ls: ls[:16] + [";;;;Geschlecht;Geschlecht;Alter"] + ls[17:], 17, "weicht vom ersten"),
        (lambda ls: ls[:19] + [";;;Anzahl;Anzahl;Anzahl;Anzahl"] + ls[19:], 20, "weicht vom ersten"),
        (lambda ls: ls[:18] + ls[19:], 19, "Spaltenkopf des Blocks unvollständig"),
        (lambda ls: ls[:21] + ["2016/17;;;;;;"] + ls[21:], 22, "Zeitzeile ohne Datenzeilen"),
        (lambda ls: ls[:24] + ["2018;;;;;;"] + ls[24:], 25, "Zeitzeile ohne Datenzeilen"),
        (lambda ls: ls[:6] + [";;;2015;2015;2015;2015"] + ls[6:], 7, "Zeitzeile als auch im Spaltenkopf"),
    ],
)
def test_period_line_errors_name_line(write, edit, line, reason):
    path = write("bad.csv", _period_lines(edit), "cp1252")
    with pytest.raises(ParseError, match=reason) as info:
        parse_file(path)
    assert info.value.line == line and info.value.file == "bad.csv"


@pytest.mark.parametrize(
    ("key", "ags"),
    [
        ("057660020020", "05766020"),  # ARS
        ("0713101075", "07131075"),  # Gemeinde in a Verbandsgemeinde (RLP)
        ("03151401002", "03151002"),  # Gemeinde in a Samtgemeinde (NI)
        ("0713101", "0713101"),  # the Verbandsgemeinde itself
        ("05766020", "05766020"),
        ("DG", "DG"),
    ],
)
def test_to_ags_and_sql_agree(key, ags):
    assert to_ags(key) == ags
    with duckdb.connect() as con:
        assert con.execute(f"SELECT {sql_to_ags('k')} FROM (SELECT ? AS k)", [key]).fetchone()[0] == ags


MOVED = FIXTURES / "12411-01-01-5_moved_gemeinde.csv"


def test_gemeindeverband_lines_are_marked():
    table = parse_file(MOVED).table
    marked = table[table.region_level == "gemeindeverband"].drop_duplicates("ags")
    assert marked.ags.tolist() == ["03158405", "03158407"]  # 8 digits, told by their members
    assert table[table.ags == "03158037"].region_level.isna().all()  # a lone 8-digit key is a Gemeinde
    verband = parse_file(VERBAND_KEYS).table
    assert verband[verband.region_level.notna()].ags.unique().tolist() == ["03151401", "0713101"]


def test_gemeinde_under_two_verbaende_is_merged_per_cell():
    """Dahlum: 2014 under Schöppenstedt (line 13), 2015 under Elm-Asse (line 16), `-` elsewhere."""
    parsed = parse_file(MOVED)
    assert parsed.meta["merged_lines"] == [[13, 16], [14, 17]]
    dahlum = parsed.table[parsed.table.ags == "03158007"]
    assert dahlum.region.unique().tolist() == ["Dahlum"]
    assert dahlum.value.tolist()[:2] == [650, 320] and pd.isna(dahlum.value.iloc[2])  # '.' kept
    assert dahlum.value.tolist()[3:] == [640, 315, 325]
    assert dahlum.line.tolist() == [16, 16, 16, 13, 13, 13]
    assert parsed.table[parsed.table.ags == "03158030"].value.tolist() == [5250, 2580, 2670, 5300, 2600, 2700]


@pytest.mark.parametrize(
    ("old", "new", "line", "found"),
    [
        ("03158405007;          Dahlum;-;-;-;", "03158405007;          Dahlum;645;-;-;", 16,
         "'645' in Zeile 13 (03158405007), '650' in Zeile 16 (03158407007)"),
        ("03158405007;          Dahlum;-;-;-;", "03158405007;          Dahlum;-;-;x;", 16,
         "'x' in Zeile 13 (03158405007), '.' in Zeile 16 (03158407007)"),
    ],
)
def test_two_values_for_one_moved_gemeinde_are_an_error(write, old, new, line, found):
    path = write("bad.csv", MOVED.read_text(encoding="utf-8").replace(old, new))
    with pytest.raises(ParseError, match="Gemeinde 03158007 unter zwei Gemeindeverbänden") as info:
        parse_file(path)
    assert info.value.line == line and found in info.value.reason


def test_same_key_twice_is_not_merged(write):
    """A repeated line (same delivered key) stays for the duplicate_key rule."""
    text = MOVED.read_text(encoding="utf-8").replace(
        "03158407030;", "03158407007;          Dahlum;1;1;1;-;-;-\n03158407030;")
    parsed = parse_file(write("twice.csv", text))
    assert parsed.meta["merged_lines"] == [[14, 18]]
    assert sorted(set(parsed.table[parsed.table.ags == "03158007"].line)) == [13, 16, 17]


def test_cell_values_agree_with_parse_cell():
    """Plain numbers are converted by Arrow, other cells by parse_cell: both give what parse_cell gives."""
    import math

    import numpy as np
    import pyarrow as pa

    from etl.parse.tabellen import _cell_status
    from etl.symbols import parse_cell

    cells = ["0", "-0", "007", "12,5", "-3,25", "123456789012345", "1234567890123456", "0,1",
             "1,0000000000000001", "999999999999999,999999999999999", " 5", "5 ",
             "12p", "(3)", "-", ".", "...", "/", "x", ""]
    value, status, symbol = _cell_status(None, np.array([1]), 0, pa.array(cells))
    expected = [parse_cell(c) for c in cells]
    assert status.to_pylist() == [e[1] for e in expected] and symbol.to_pylist() == [e[2] for e in expected]
    assert [None if v is None else (v, math.copysign(1, v)) for v in value.to_pylist()] == [
        None if e[0] is None else (e[0], math.copysign(1, e[0])) for e in expected]
