"""Downloads for German Excel: CSV with BOM, semicolon, decimal comma; XLSX with a source sheet."""

import io

import openpyxl
import pandas as pd
import pytest

from monitor import downloads

FRAME = pd.DataFrame({
    "Region": ["=HYPERLINK(\"x\")", "Lippe", "-1+1", "@SUM(A1)"],
    "Wert": [1234.5, None, -2.25, 0.0],
    "Status": ["ok", "secret", "ok", "zero"],
})


def test_csv_is_german_excel_format():
    data = downloads.to_csv(FRAME)
    assert data.startswith(b"\xef\xbb\xbf")
    lines = data.decode("utf-8-sig").split("\r\n")
    assert lines[0] == "Region;Wert;Status"
    assert lines[2] == "Lippe;;secret"  # suppressed stays empty, never 0
    assert lines[3] == "'-1+1;-2,25;ok"  # negative number stays a number with decimal comma


def test_csv_neutralises_formulas():
    lines = downloads.to_csv(FRAME).decode("utf-8-sig").split("\r\n")
    assert lines[1] == '"\'=HYPERLINK(""x"")";1234,5;ok'
    assert lines[4] == "'@SUM(A1);0,0;zero"


def test_neutralise_leaves_numbers_and_plain_text():
    assert downloads.neutralise(-5) == -5
    assert downloads.neutralise("Detmold") == "Detmold"
    assert downloads.neutralise(" Detmold") == " Detmold"


@pytest.mark.parametrize("text", ["-5", "-5,3", "+3", "-1.234,5", "2.5e-3", " -5 ", "0"])
def test_neutralise_keeps_numeric_text(text):
    assert downloads.neutralise(text) == text


@pytest.mark.parametrize(("text", "expected"), [
    ("=1+2", "'=1+2"), (" =1+2", "' =1+2"), ("\n=cmd", "'\n=cmd"), ("\r\n @SUM(A1)", "'\r\n @SUM(A1)"),
    ("\t=1", "'\t=1"), ("\u3000=1", "'\u3000=1"), ("＝cmd", "'＝cmd"), ("＋1+1", "'＋1+1"), ("－5", "'－5"),
    ("＠SUM(A1)", "'＠SUM(A1)"), ("-1+1", "'-1+1"), ("+49 5231", "'+49 5231"), ("-", "'-"),
])
def test_neutralise_formula_starts(text, expected):
    assert downloads.neutralise(text) == expected


def test_csv_keeps_numeric_text_and_neutralises_hidden_formulas():
    frame = pd.DataFrame({"Text": ["-5", " =1+2", "＝cmd"]})
    lines = downloads.to_csv(frame).decode("utf-8-sig").split("\r\n")
    assert lines[1:4] == ["-5", "' =1+2", "'＝cmd"]


def test_xlsx_has_data_and_source_sheet():
    data = downloads.to_xlsx(FRAME, {"Quelle": "IT.NRW", "Formel": "=1+1"})
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["Daten", "Quelle und Definition"]
    rows = [[c.value for c in r] for r in book["Daten"].iter_rows()]
    assert rows[1] == ["'=HYPERLINK(\"x\")", 1234.5, "ok"]
    assert rows[2] == ["Lippe", None, "secret"]
    meta = [[c.value for c in r] for r in book["Quelle und Definition"].iter_rows()]
    assert meta == [["Angabe", "Inhalt"], ["Quelle", "IT.NRW"], ["Formel", "'=1+1"]]
