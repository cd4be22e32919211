"""Symbol mapping: Python and SQL give the same (value, status, symbol) for every cell."""

import duckdb
import pytest

from etl.symbols import SymbolError, parse_cell, sql_value_status

CASES = [
    ("123", "", 123.0, "ok", None),
    ("0", "", 0.0, "ok", None),
    ("12,5", "", 12.5, "ok", None),
    ("-7", "", -7.0, "ok", None),
    (" 42 ", "", 42.0, "ok", None),
    ("-", "", 0.0, "zero", "-"),
    (".", "", None, "secret", "."),
    ("*", "", None, "secret", "*"),
    ("...", "", None, "later", "..."),
    ("/", "", None, "unreliable", "/"),
    ("x", "", None, "not_applicable", "x"),
    ("(123)", "", 123.0, "limited", "(123)"),
    ("123p", "", 123.0, "provisional", "123p"),
    ("123r", "", 123.0, "revised", "123r"),
    ("123s", "", 123.0, "estimated", "123s"),
    ("123e", "", 123.0, "final", "123e"),
    ("1,5 p", "", 1.5, "provisional", "1,5 p"),
    ("", "", None, "missing", None),
    ("11059795", "e", 11059795.0, "final", "e"),
    ("500", "()", 500.0, "limited", "()"),
    ("500", "p", 500.0, "provisional", "p"),
    ("-", "e", 0.0, "zero", "-"),
]
BAD = [("1.234", ""), ("12a", ""), ("()", ""), ("–", ""), ("n/a", ""), ("1", "q")]


@pytest.mark.parametrize(("cell", "quality", "value", "status", "symbol"), CASES)
def test_parse_cell(cell, quality, value, status, symbol):
    assert parse_cell(cell, quality) == (value, status, symbol)


@pytest.mark.parametrize(("cell", "quality"), BAD)
def test_unknown_cells_raise(cell, quality):
    with pytest.raises(SymbolError):
        parse_cell(cell, quality)


def test_sql_matches_python():
    rows = [(c, q) for c, q, *_ in CASES] + BAD
    con = duckdb.connect()
    con.execute("CREATE TABLE cells (cell TEXT, q TEXT, i INT)")
    params = [(c, q, i) for i, (c, q) in enumerate(rows)]
    con.executemany("INSERT INTO cells VALUES (nullif(?, ''), nullif(?, ''), ?)", params)
    value, status, symbol = sql_value_status("cell", "q")
    got = con.execute(f"SELECT {value}, {status}, {symbol} FROM cells ORDER BY i").fetchall()
    expected = [(v, st, sy) for _, _, v, st, sy in CASES]
    assert got[: len(CASES)] == expected
    assert [g[1] for g in got[len(CASES) :]] == [None] * len(BAD)  # status NULL -> reported by the parser
