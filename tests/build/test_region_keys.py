"""Region keys after the raw load: names resolved to keys, unknown official keys added (etl.region_keys)."""

from pathlib import Path

import duckdb
import pytest

from etl.region_keys import NameIndex, complete_regions, normalise
from etl.regions import load_regions
from etl.validate import ERROR, WARNING, check_gemeinden, check_raw_table

CATALOGUE = Path(__file__).resolve().parents[2] / "catalogue"


@pytest.fixture()
def con():
    con = duckdb.connect()
    con.execute("CREATE SCHEMA core; CREATE SCHEMA raw")
    load_regions(con, CATALOGUE)
    con.execute("CREATE TABLE raw.files (file_id INT, file_name TEXT)")
    yield con
    con.close()


def _raw(con, table: str, file_id: int, file_name: str, rows: list[tuple]) -> None:
    """rows: (line, period, ags, region, dim_1)."""
    con.execute("INSERT INTO raw.files VALUES (?, ?)", [file_id, file_name])
    con.execute(
        f'CREATE TABLE IF NOT EXISTS raw."{table}" (period TEXT, ags TEXT, region TEXT, dim_1 TEXT,'
        " value DOUBLE, unit TEXT, line INT, file_id INT)"
    )
    con.executemany(
        f"INSERT INTO raw.\"{table}\" VALUES (?, ?, ?, ?, 1.0, 'Anzahl', ?, ?)",
        [(p, a, r, d, line, file_id) for line, p, a, r, d in rows],
    )


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("    Lippe, Kreis", ("lippe", "kreis")),
        ("Bielefeld, krfr. Stadt", ("bielefeld", "kreisfrei")),
        ("Aachen, kreisfreie Stadt", ("aachen", "kreisfrei")),
        ("Detmold, Regierungsbezirk", ("detmold", "rb")),
        ("Regierungsbezirk Detmold", ("detmold", "rb")),
        ("Landkreis Lippe", ("lippe", "kreis")),
        ("Städteregion Aachen (einschl. Stadt Aachen)", ("staedteregion aachen", None)),
        ("Staedteregion Aachen", ("staedteregion aachen", None)),
        ("Mülheim a.d. Ruhr, Stadt", ("muelheim an der ruhr", "stadt")),
        ("Rhein-Kreis Neuss", ("rhein kreis neuss", None)),
        ("Nordrhein-Westfalen", ("nordrhein westfalen", None)),
    ],
)
def test_normalise(name, expected):
    assert normalise(name) == expected


def test_names_of_13111_54i_resolve_against_the_catalogue(con):
    index = NameIndex(con.execute("SELECT ags, name, level, kind FROM core.regions").fetchall())
    expected = {
        "Nordrhein-Westfalen": "05",
        "Detmold, Regierungsbezirk": "057",
        "Lippe, Kreis": "05766",
        "Bielefeld, krfr. Stadt": "05711",
        "Rhein-Kreis Neuss": "05162",
        "Gütersloh, Kreis": "05754",
        "Städteregion Aachen (einschl. Stadt Aachen)": "05334",
        "Aachen, krfr. Stadt": "05313",
        "Aachen, Kreis": "05354",
        "Hochsauerlandkreis": "05958",
        "Detmold, Stadt": "05766020",
    }
    assert {name: index.candidates(name) for name in expected} == {n: [k] for n, k in expected.items()}
    assert index.candidates("Detmold") == ["057", "05766020"]  # ambiguous without an affix
    assert index.candidates("Atlantis, Kreis") == []


def test_name_only_table_gets_keys_in_place(con):
    _raw(
        con,
        "13111-54i",
        1,
        "inab_13111-54i.csv",
        [
            (8, "2024-12-31", None, None, "Nordrhein-Westfalen"),
            (9, "2024-12-31", None, None, "  Lippe, Kreis"),
            (10, "2024-12-31", None, None, "Bielefeld, krfr. Stadt"),
        ],
    )
    assert complete_regions(con) == []
    rows = con.execute('SELECT line, ags, region FROM raw."13111-54i" ORDER BY line').fetchall()
    assert rows == [
        (8, "05", "Nordrhein-Westfalen"),
        (9, "05766", "Lippe, Kreis"),
        (10, "05711", "Bielefeld, krfr. Stadt"),
    ]


def test_unknown_or_ambiguous_name_is_an_error_with_file_line_and_name(con):
    _raw(
        con,
        "13111-54i",
        1,
        "inab_13111-54i.csv",
        [
            (8, "2024", None, None, "Lippe, Kreis"),
            (9, "2024", None, None, "Herford, Kreis"),
            (10, "2024", None, None, "Atlantis, Kreis"),
            (11, "2024", None, None, "Detmold"),
        ],
    )
    found = complete_regions(con)
    assert [(f.severity, f.rule, f.file_name, f.line) for f in found] == [
        (ERROR, "region_name", "inab_13111-54i.csv", 10),
        (ERROR, "region_name", "inab_13111-54i.csv", 11),
    ]
    assert "'Atlantis, Kreis'" in found[0].message and "nicht gefunden" in found[0].message
    assert "'Detmold'" in found[1].message and "mehrdeutig (057, 05766020)" in found[1].message


def test_unknown_official_keys_are_added_with_label_level_and_kind(con):
    _raw(
        con,
        "21111-02-06-4",
        1,
        "regio_kreise.csv",
        [
            (5, "2023", "05766", "      Lippe, Kreis", None),
            (6, "2023", "03241001", "      Hannover, Landeshauptstadt", None),
            (11, "2023", "05334002", "      Aachen, kreisfreie Stadt", None),
            (7, "2023", "09162", "      München, Landeshauptstadt", None),
            (8, "2023", "09", "  Bayern", None),
            (9, "2015", "14284", "      Sächsische Schweiz (bis 2008)", None),
            (10, "2023", "14628", "      Sächsische Schweiz-Osterzgebirge", None),
        ],
    )
    _raw(
        con,
        "12411-09i",
        2,
        "ldb_gemeinden.csv",
        [
            (4, "2024-12-31", "05711000", "Bielefeld, krfr. Stadt", None),
            (5, "2024-12-31", "05754008", "Gütersloh, Stadt", None),
            (6, "2024-12-31", "05754", "Gütersloh, Kreis", None),
            (7, "2024-12-31", "09162000", "München, Landeshauptstadt", None),
        ],
    )
    found = complete_regions(con)
    assert [(f.severity, f.rule, f.file_name) for f in found] == [
        (WARNING, "region_added", "regio_kreise.csv"),
        (WARNING, "region_added", "ldb_gemeinden.csv"),
    ]
    assert found[0].message.startswith("5 Regionalschlüssel") and "davon 1 historisch" in found[0].message
    assert found[1].message.startswith("1 Regionalschlüssel")
    added = con.execute(
        "SELECT ags, name, level, parent, kind FROM core.regions WHERE ags IN"
        " ('03241001', '05334002', '09162', '09162000', '09', '14284', '14628', '05711000', '05754008')"
        " ORDER BY 1"
    ).fetchall()
    assert added == [
        # no Kreis 03241 in the dimension: the parent is the Land prefix
        ("03241001", "Hannover, Landeshauptstadt", "gemeinde", "03", "Stadt/Bezirk in Kreisliste"),
        # NRW Gemeinden come from the reference list (catalogue/gemeinden.csv), never from a file label
        ("05334002", "Aachen", "gemeinde", "05334", "Stadt"),
        ("05711000", "Bielefeld", "gemeinde", "05711", "Stadt"),
        ("05754008", "Gütersloh", "gemeinde", "05754", "Stadt"),
        ("09", "Bayern", "land", "DG", None),
        ("09162", "München, Landeshauptstadt", "kreis", "09", None),
        ("09162000", "München, Landeshauptstadt", "gemeinde", "09162", None),
        ("14284", "Sächsische Schweiz (bis 2008)", "kreis", "14", "historisch"),
        ("14628", "Sächsische Schweiz-Osterzgebirge", "kreis", "14", None),
    ]


def test_only_malformed_keys_stop_the_build(con):
    _raw(
        con,
        "21111-02-06-4",
        1,
        "kaputt.csv",
        [
            (5, "2023", "05766", "Lippe", None),
            (6, "2023", "0576", "Tippfehler", None),
            (7, "2023", "09162", "München", None),
        ],
    )
    complete_regions(con)
    errors = [f for f in check_raw_table(con, "21111-02-06-4", 2026) if f.rule == "unknown_region"]
    assert [(f.file_name, f.line) for f in errors] == [("kaputt.csv", 6)]
    assert "'0576'" in errors[0].message


def test_gemeindeverbaende_are_added_at_their_own_level_under_the_kreis(con):
    """Regio Gemeinde table: 7-digit Verbandsgemeinde, 8-digit Samtgemeinde (marked by the parser,
    `region_level`), their Gemeinden as 8-digit AGS; an unmarked 8-digit key stays a Gemeinde."""
    _raw(
        con,
        "12411-01-01-5",
        1,
        "regio_gemeinden.csv",
        [
            (10, "2015-12-31", "03158", "      Wolfenbüttel, Landkreis", None),
            (11, "2015-12-31", "03158037", "        Wolfenbüttel, Stadt", None),
            (12, "2015-12-31", "03158407", "        Elm-Asse, Samtgemeinde", None),
            (13, "2015-12-31", "03158007", "          Dahlum", None),
            (14, "2015-12-31", "07131", "      Ahrweiler, Landkreis", None),
            (15, "2015-12-31", "0713101", "        Adenau, Verbandsgem.", None),
            (16, "2015-12-31", "07131075", "          Senscheid", None),
        ],
    )
    con.execute('ALTER TABLE raw."12411-01-01-5" ADD COLUMN region_level TEXT')
    con.execute("UPDATE raw.\"12411-01-01-5\" SET region_level = 'gemeindeverband' WHERE line = 12")
    found = complete_regions(con)
    assert [(f.severity, f.rule, f.file_name) for f in found] == [
        (WARNING, "region_added", "regio_gemeinden.csv")
    ]
    assert (
        found[0].message.startswith("7 Regionalschlüssel") and "davon 2 Gemeindeverbände" in found[0].message
    )
    added = con.execute(
        "SELECT ags, level, parent FROM core.regions WHERE ags LIKE '03158%' OR ags LIKE '07131%' ORDER BY 1"
    ).fetchall()
    assert added == [
        ("03158", "kreis", "03"),
        ("03158007", "gemeinde", "03158"),
        ("03158037", "gemeinde", "03158"),
        ("03158407", "gemeindeverband", "03158"),
        ("07131", "kreis", "07"),
        ("0713101", "gemeindeverband", "07131"),
        ("07131075", "gemeinde", "07131"),
    ]
    assert [f for f in check_raw_table(con, "12411-01-01-5", 2026) if f.severity == ERROR] == []


def test_gemeindeverbaende_are_no_gemeinden_in_the_gemeinde_sums(con):
    """gemeinden_vs_kreis adds Gemeinden only: a Samtgemeinde above them is not counted twice."""
    con.execute(
        "CREATE TABLE core.population (table_code TEXT, ags TEXT, year INT, sex TEXT, age_from INT,"
        " age_to INT, value DOUBLE)"
    )
    con.execute(
        "INSERT INTO core.regions VALUES ('03158', 'Wolfenbüttel', 'kreis', '03', NULL, NULL),"
        " ('03158007', 'Dahlum', 'gemeinde', '03158', NULL, NULL),"
        " ('03158037', 'Wolfenbüttel', 'gemeinde', '03158', NULL, NULL),"
        " ('03158407', 'Elm-Asse', 'gemeindeverband', '03158', NULL, NULL)"
    )
    con.executemany(
        "INSERT INTO core.population VALUES ('12411-02-03-5', ?, 2015, 'total', 0, NULL, ?)",
        [("03158", 700.0), ("03158007", 650.0), ("03158037", 50.0), ("03158407", 650.0)],
    )
    assert check_gemeinden(con, "population", "sex = 'total' AND age_from = 0 AND age_to IS NULL") == []
