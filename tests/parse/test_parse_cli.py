"""`python -m etl parse` via subprocess: exit codes, stderr header, CSV columns."""

import csv
import io
import subprocess
import sys
from pathlib import Path

from .conftest import FIXTURES

REPO = Path(__file__).resolve().parents[2]


def run(*args: str) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "etl", "parse", *args]
    return subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=False)


def test_csv_output_and_header():
    done = run(str(FIXTURES / "21211-01i_cp1252.csv"), "--csv")
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO(done.stdout), delimiter=";"))
    assert list(rows[0])[:12] == [
        "table_code",
        "time_code",
        "period",
        "ags",
        "region",
        "variable",
        "variable_label",
        "unit",
        "value",
        "status",
        "symbol",
        "line",
    ]
    assert len(rows) == 15
    lippe = [r for r in rows if r["ags"] == "05766" and r["period"] == "2024-12-31"]
    assert [r["value"] for r in lippe] == ["3012", "1506", "0"] and lippe[2]["symbol"] == "-"
    detmold = [r for r in rows if r["ags"] == "05766020"]
    assert detmold[0]["value"] == "" and detmold[0]["status"] == "not_applicable"
    assert "tabellen_csv" in done.stderr and "cp1252" in done.stderr and "2026-01-19T13:58:12" in done.stderr
    assert "Zeilen:    15" in done.stderr and "x ×1" in done.stderr


def test_table_output_default():
    done = run(str(FIXTURES / "13211-02-05-4_v4_wide.csv"))
    assert done.returncode == 0, done.stderr
    header = done.stdout.splitlines()[0].split()
    assert header[:3] == ["table_code", "time_code", "period"] and "PERSGR" in header
    assert "5,5" in done.stdout


def test_broken_file_exit_code_2(tmp_path):
    bad = tmp_path / "kaputt.csv"
    bad.write_text("Tabelle: 1\n;;;A\n2024;05766;Lippe;12a\n__________\nStand: 01.01.2025 / 00:00:00\n")
    done = run(str(bad))
    assert done.returncode == 2 and done.stdout == ""
    assert "kaputt.csv, Zeile 3: Spalte 4: unbekanntes Zeichen im Wertfeld: '12a'" in done.stderr


def test_values_and_columns_as_printed():
    import pyarrow as pa

    from etl.parse.cli import aligned_lines, german_values_arrow, symbol_counts

    numbers = [5.5, 6.0, None, 1234567.0, 1e-05, 123456789012.25, -0.5, 0.0, 1 / 3]
    expected = ["5,5", "6", None, "1234567", "1e-05", "123456789012,25", "-0,5", "0", "0,3333333333333333"]
    assert german_values_arrow(pa.array(numbers)).to_pylist() == expected
    frame = pa.table({"ags": ["05", "05766"], "value": [7.5, None], "line": [3, 12]})
    blocks = list(aligned_lines(frame, chunk=1))
    assert blocks == [b"  ags  value  line\n", b"   05    7,5     3\n",
                      "05766      –    12\n".encode()]
    assert symbol_counts(pa.chunked_array([["x", None, ".", "x"]])) == [("x", 2), (".", 1)]


def test_table_output_known_rows():
    import re

    done = run(str(FIXTURES / "21211-01i_cp1252.csv"))
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) == 16  # header and the 15 rows of the CSV output
    assert len({len(line) for line in lines}) == 1  # aligned: every line equally long
    # right-aligned: each column ends where its name ends in the header
    ends = [(m.group(), m.end()) for m in re.finditer(r"\S+", lines[0])]
    starts = [0] + [end for _, end in ends[:-1]]
    rows = [{name: line[start:end].strip() for (name, end), start in zip(ends, starts, strict=True)}
            for line in lines[1:]]
    assert [name for name, _ in ends][:12] == ["table_code", "time_code", "period", "ags", "region",
                                               "variable", "variable_label", "unit", "value", "status",
                                               "symbol", "line"]
    lippe = [r for r in rows if r["ags"] == "05766" and r["period"] == "2024-12-31"]
    assert [r["value"] for r in lippe] == ["3012", "1506", "0"] and lippe[2]["symbol"] == "-"
    detmold = [r for r in rows if r["ags"] == "05766020"]
    assert detmold[0]["value"] == "–" and detmold[0]["status"] == "not_applicable"  # null mark, never 0
    assert "Zeilen:    15" in done.stderr


def test_csv_cells_as_the_csv_module_writes_them():
    import pyarrow as pa

    from etl.parse.cli import csv_lines

    frame = pa.table({"region": ["Lippe", 'Kreis "Alt"', "a;b", "zwei\nZeilen", None, "cr\rx", ""],
                      "value": [7.5, None, 1e-05, 3.0, 0.0, -0.5, 2.25], "line": [3, 12, 13, 14, 15, 16, 17]})
    text = b"".join(csv_lines(frame, chunk=3)).decode()
    expected = io.StringIO()
    writer = csv.writer(expected, delimiter=";", lineterminator="\n")
    writer.writerow(["region", "value", "line"])
    writer.writerows([["Lippe", "7,5", 3], ['Kreis "Alt"', "", 12], ["a;b", "1e-05", 13],
                      ["zwei\nZeilen", "3", 14], ["", "0", 15]])
    # a bare CR is quoted too (RFC 4180; Python 3.11's csv module quotes only its line terminator)
    expected.write('"cr\rx";-0,5;16\n;2,25;17\n')
    assert text == expected.getvalue()
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    assert rows[2] == ['Kreis "Alt"', "", "12"] and rows[4][0] == "zwei\nZeilen" and rows[6][0] == "cr\rx"
