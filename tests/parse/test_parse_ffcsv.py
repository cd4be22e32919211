"""GENESIS flat files: v5 long (plain, zipped, with value_q) and v4 wide, on own fixtures."""

import zipfile

import pandas as pd
import pytest

from etl.parse import COLUMNS, ParseError, parse_file, parse_file_arrow

from .conftest import FIXTURES, V5_HEADER, v5_line

KITA = FIXTURES / "22543-03-01-4_1740000000000_de_flat.csv"


def row(table: pd.DataFrame, **match) -> pd.Series:
    hits = table
    for column, value in match.items():
        hits = hits[hits[column] == value]
    assert len(hits) == 1, f"expected one row for {match}, got {len(hits)}"
    return hits.iloc[0]


def test_v5_columns_meta_and_symbols():
    parsed = parse_file(KITA)
    table = parsed.table
    assert list(table.columns) == [*COLUMNS, "ALTGR3", "ALTGR3_label"]
    assert parsed.meta["format"] == "ffcsv5"
    assert parsed.meta["table_code"] == "22543-03-01-4"  # from the GENESIS member name
    assert parsed.meta["encoding"] == "utf-8-sig"
    assert parsed.meta["rows"] == 16 and parsed.meta["synthetic"] is False
    assert len(parsed.meta["sha256"]) == 64
    lippe_u3 = row(table, ags="05766", ALTGR3="ALT000B03")
    assert (lippe_u3.value, lippe_u3.status, lippe_u3.symbol, lippe_u3.line) == (0.0, "zero", "-", 3)
    total = row(table, ags="05766", ALTGR3="INSGESAMT")  # empty attribute code = total
    assert (total.value, total.status, total.ALTGR3_label, total.period) == (
        8123.0,
        "ok",
        "Insgesamt",
        "2025-03-01",
    )
    statuses = dict(zip(table["symbol"].fillna(""), table["status"], strict=True))
    assert statuses["..."] == "later" and statuses["/"] == "unreliable" and statuses["x"] == "not_applicable"
    assert statuses["*"] == "secret" and statuses["(123)"] == "limited" and statuses["45r"] == "revised"
    missing = row(table, ags="05762", ALTGR3="INSGESAMT")
    assert pd.isna(missing.value) and missing.status == "missing" and pd.isna(missing.symbol)
    assert row(table, ags="05762", ALTGR3="ALT000B03").value == 0.0  # "0" stays a number, status ok
    assert row(table, ags="05762", ALTGR3="ALT003B06").value == 12.5
    assert row(table, ags="DG", ALTGR3="INSGESAMT").region == "Deutschland"
    assert table["value"].isna().sum() == 6  # . ... / x * and the empty cell: never 0


def test_v5_quality_ars_and_changing_variables():
    parsed = parse_file(FIXTURES / "zensus_1000A-2022_quality_flat.csv")
    table = parsed.table
    assert parsed.meta["synthetic"] is True
    assert set(table["ags"]) == {"05766020", "05766008", "05766", "DG"}  # ARS -> AGS, Kreis stays
    assert [row(table, line=n).status for n in (2, 3, 4, 5, 6)] == [
        "final",
        "limited",
        "provisional",
        "zero",
        "ok",
    ]
    assert row(table, line=3).symbol == "()"
    # position 2 carries GESCHLECHT in some rows and ALTER in others: one column each, NULL elsewhere
    de = row(table, ags="DG")
    assert de.ALTER == "ALT000B10" and pd.isna(de.GESCHLECHT)
    assert row(table, line=2).GESCHLECHT == "INSGESAMT" and pd.isna(row(table, line=2).ALTER)


def test_zip_gives_same_table_and_member_name(tmp_path):
    archive = tmp_path / "download.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.write(KITA, KITA.name)
    parsed = parse_file(archive)
    assert parsed.meta["table_code"] == "22543-03-01-4"
    assert parsed.meta["file_name"] == "download.zip"
    pd.testing.assert_frame_equal(parsed.table, parse_file(KITA).table)


@pytest.mark.parametrize("members", [0, 2])
def test_zip_needs_exactly_one_member(tmp_path, members):
    archive = tmp_path / "bad.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for i in range(members):
            zf.writestr(f"m{i}.csv", V5_HEADER)
    with pytest.raises(ParseError, match=f"genau eine Datei enthalten, enthält {members}"):
        parse_file(archive)


def test_v4_wide_melted():
    parsed = parse_file(FIXTURES / "13211-02-05-4_v4_wide.csv")
    table = parsed.table
    assert parsed.meta["format"] == "ffcsv4" and len(table) == 8
    quote = row(table, ags="05766", variable="ERWP02", PERSGR="INSGESAMT")
    assert (quote.value, quote.unit, quote.region, quote.line) == (5.5, "Prozent", "Lippe, Kreis", 4)
    assert quote.variable_label == "Arbeitslosenquote bezogen auf alle zivilen Erwerbspersonen"
    secret = row(table, ags="05766", variable="ERWP02", PERSGR="PERS-U25")
    assert pd.isna(secret.value) and secret.status == "secret"
    assert row(table, ags="05", variable="ERW001").region == "Nordrhein-Westfalen"  # indentation stripped
    assert list(table["line"]) == [2, 2, 3, 3, 4, 4, 5, 5]


@pytest.mark.parametrize(
    ("time_code", "time", "period"),
    [
        ("STAG", "2024-12-31", "2024-12-31"),
        ("STAG", "31.12.2023", "2023-12-31"),
        ("JAHR", "2024", "2024"),
        ("SCHJAHR", "2023/24", "2023/24"),
        ("SEMEST", "2023-10P6M", "WS 2023/24"),
        ("SEMEST", "2024-04P6M", "SS 2024"),
        ("SEMEST", "1999-10P6M", "WS 1999/00"),
        ("MONAT", "2022-05", "2022-05"),
    ],
)
def test_periods(write, time_code, time, period):
    path = write("t.csv", f"{V5_HEADER}\n{v5_line(time=time, time_code=time_code)}\n", "utf-8-sig")
    table = parse_file(path).table
    assert (table.time_code[0], table.period[0]) == (time_code, period)


@pytest.mark.parametrize(
    ("line3", "reason"),
    [
        (v5_line(value="12a"), "unbekanntes Zeichen"),
        (v5_line(value="1.234"), "unbekanntes Zeichen"),
        (v5_line(time="2024-02-30"), "Zeitangabe"),
        (v5_line(time="2024", time_code="QUARTAL"), "Zeitangabe"),
        (v5_line(time="2023/25", time_code="SCHJAHR"), "Zeitangabe"),
        (v5_line() + ";extra", "falsche Spaltenzahl: erwartet 13, gefunden 14"),
    ],
)
def test_errors_name_file_and_line(write, line3, reason):
    path = write("broken.csv", f"{V5_HEADER}\n{v5_line()}\n{line3}\n{v5_line()}\n", "utf-8-sig")
    with pytest.raises(ParseError, match=reason) as info:
        parse_file(path)
    assert (info.value.file, info.value.line) == ("broken.csv", 3)
    assert str(info.value).startswith("broken.csv, Zeile 3: ")


def test_multiline_quoted_cell_keeps_physical_lines(write):
    quoted = v5_line().replace("Lippe, Kreis", '"Lippe,\nKreis"')
    path = write("q.csv", f"{V5_HEADER}\n{quoted}\n{v5_line(value='7')}\n{v5_line(value='?')}\n")
    with pytest.raises(ParseError) as info:
        parse_file(path)
    assert info.value.line == 5
    table = parse_file(write("ok.csv", f"{V5_HEADER}\n{quoted}\n{v5_line(value='7')}\n")).table
    assert list(table["line"]) == [2, 4]


def test_cp1252_flat_file_is_transcoded(write):
    path = write("alt.csv", f"{V5_HEADER}\n{v5_line()}\n", "cp1252")
    parsed = parse_file(path)
    assert parsed.meta["encoding"] == "cp1252" and parsed.table["variable_label"][0] == "Bevölkerungsstand"


def test_arrow_and_pandas_agree():
    arrow = parse_file_arrow(KITA)
    assert arrow.table.column_names == list(parse_file(KITA).table.columns)
    assert arrow.table.schema.field("value").type == "double"
    assert arrow.table.schema.field("line").type == "int64"


def test_table_code_override():
    assert parse_file(KITA, table_code="X-1").table["table_code"].unique().tolist() == ["X-1"]


def test_region_variable_must_stay_in_place(write):
    other = v5_line().replace("KREISE;Kreise;05766", "GES;Geschlecht;GESW")
    path = write("r.csv", f"{V5_HEADER}\n{v5_line()}\n{other}\n", "utf-8-sig")
    with pytest.raises(ParseError, match="Regionalmerkmal") as info:
        parse_file(path)
    assert info.value.line == 3


def test_blank_line_keeps_physical_lines(write):
    path = write("b.csv", f"{V5_HEADER}\n{v5_line()}\n\n{v5_line(value='?')}\n", "utf-8-sig")
    with pytest.raises(ParseError) as info:
        parse_file(path)
    assert info.value.line == 4


def test_large_v5_keeps_file_order_and_physical_lines(write):
    """Lines come from the row order of a parallel DuckDB scan (12 MB: several scan buffers); value = line."""
    body = "".join(v5_line(key=f"05{n % 400:03d}", value=str(n + 2)) + "\n" for n in range(100_000))
    table = parse_file_arrow(write("big_12411-01-01-4.csv", f"{V5_HEADER}\n{body}")).table
    assert table.num_rows == 100_000
    assert table["line"].to_pylist() == list(range(2, 100_002))
    assert table["value"].to_pylist() == [float(n) for n in range(2, 100_002)]


def test_quoted_separator_on_one_line_keeps_lines_and_label(write):
    quoted = v5_line().replace("Lippe, Kreis", '"Lippe; Kreis"')
    table = parse_file_arrow(write("s.csv", f"{V5_HEADER}\n{v5_line(value='5')}\n{quoted}\n")).table
    assert table["line"].to_pylist() == [2, 3]
    assert table["region"].to_pylist() == ["Lippe, Kreis", "Lippe; Kreis"]
