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


# --- context rows, file names -------------------------------------------------------------------------

META = {"Titel": "Fehlende Kita-Plätze; Prognose 2040", "Region": "Kreis Lippe", "Bedarfsquote": "97 %",
        "Annahme": "Zeile eins\nZeile zwei", "Hinweis": "=Demodaten"}


def test_csv_states_its_context_above_the_table():
    data = downloads.to_csv(FRAME, META)
    lines = data.decode("utf-8-sig").split("\r\n")
    assert lines[:6] == ['# Titel;"Fehlende Kita-Plätze; Prognose 2040"', "# Region;Kreis Lippe",
                         "# Bedarfsquote;97 %", "# Annahme;Zeile eins Zeile zwei", "# Hinweis;'=Demodaten",
                         ""]
    assert lines[6] == "Region;Wert;Status" and lines[8] == "Lippe;;secret"  # the table as without context
    meta, rows = downloads.read_csv_table(data)
    assert meta["Titel"] == META["Titel"] and meta["Hinweis"] == "'=Demodaten"
    assert rows[0] == ["Region", "Wert", "Status"] and len(rows) == 5


def test_csv_with_context_reads_back_with_pandas_skipping_the_comment_lines():
    frame = pd.DataFrame({"Gebiet": ["Lage", "Lemgo"], "Lücke": [-188.1, 12.5]})
    back = pd.read_csv(io.BytesIO(downloads.to_csv(frame, {"Titel": "T", "Stand der Daten": "08.02.2026"})),
                       sep=";", decimal=",", comment="#", encoding="utf-8-sig")
    assert back.to_dict("list") == {"Gebiet": ["Lage", "Lemgo"], "Lücke": [-188.1, 12.5]}


def test_build_meta_orders_context_and_adds_title_build_and_demo():
    build = {"build_id": "b-1", "synthetic": "true"}
    meta = downloads.build_meta({"Quelle": "Quelle: IT.NRW", "Bedarfsquote": "97 %", "Region": "Lippe"},
                                build, "01.03.2026", title="Titel aus der Grafik",
                                demo="Teilweise Demodaten.")
    assert list(meta) == ["Titel", "Region", "Bedarfsquote", "Quelle", "Datenstand (Build)", "Hinweis"]
    assert meta["Quelle"] == "IT.NRW" and meta["Hinweis"] == "Teilweise Demodaten."
    official = downloads.build_meta({"Titel": "eigener"}, {"build_id": "b-2", "synthetic": "false"}, "x",
                                    title="aus der Grafik")
    assert official == {"Titel": "eigener", "Datenstand (Build)": "b-2 vom x"}


@pytest.mark.parametrize(("parts", "expected"), [
    (("kita_luecke", "3bis6", "jugendamt", 2040, "quote97", "Lippe"),
     "kita_luecke_3bis6_jugendamt_2040_quote97_Lippe"),
    (("übergänge", "2024/25", None, "", "Bad Salzuflen"), "uebergaenge_2024_25_Bad_Salzuflen"),
    (("Versorgungsquote Ü3", "Straße–Weg", "Château"), "Versorgungsquote_Ue3_Strasse_Weg_Chateau"),
    ((None,), "daten"),
])
def test_file_names_are_ascii_words(parts, expected):
    assert downloads.file_name(*parts) == expected
    assert expected.isascii()
