"""GENESIS Tabellen-CSV on own fixtures: cp1252 + CRLF, UTF-8 BOM, multi-level headers, footer."""

import pandas as pd
import pytest

from etl.parse import ParseError, parse_file

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
