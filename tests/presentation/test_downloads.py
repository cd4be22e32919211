"""Downloads for a German Excel: CSV read back with the csv module, XLSX with openpyxl."""

import csv
import datetime as dt
import io

import openpyxl
import pandas as pd

from monitor import downloads

FRAME = pd.DataFrame({
    "ags": ["05766", "05766020", "05766044"],
    "Region": ["Kreis Lippe", "=1+1", "\tLage"],
    "Stichtag": pd.to_datetime(["2024-12-31", "2025-03-01", "2025-03-01"]),
    "Zeitraum": ["2024-12-31", "2023/24", "-"],
    "value": [34.125, None, -0.5],
    "status": ["ok", "secret", "provisional"],
})
BUILD = {"build_id": "build-20260301T093000000000Z-22", "built_at": "2026-03-01T09:30:00+00:00",
         "synthetic": "true"}


def read_csv(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))


def test_csv_status_label_next_to_value_dates_and_injection():
    rows = read_csv(downloads.to_csv(downloads.with_status_labels(FRAME)))
    assert rows[0] == ["ags", "Region", "Stichtag", "Zeitraum", "value", "Status"]
    assert rows[1] == ["05766", "Kreis Lippe", "31.12.2024", "31.12.2024", "34,125", ""]
    assert rows[2] == ["05766020", "'=1+1", "01.03.2025", "2023/24", "", "geheim"]
    assert rows[3] == ["05766044", "'\tLage", "01.03.2025", "'-", "-0,5", "vorläufig"]


def test_status_labels_leave_label_columns_alone():
    frame = pd.DataFrame({"Wert": [1.0], "Status": ["geheim"], "employees_status": ["later"],
                          "employees": [5.0]})
    out = downloads.with_status_labels(frame)
    assert list(out.columns) == ["Wert", "Status", "employees", "employees Status"]
    assert out["employees Status"].tolist() == ["fällt später an"]


def test_xlsx_data_and_source_sheet_with_build():
    meta = downloads.build_meta({"Quelle": "IT.NRW", "Lizenz": "dl-de/by-2-0", "Definition": "+Anteil"},
                                BUILD, "01.03.2026, 09:30 Uhr")
    data = downloads.to_xlsx(downloads.with_status_labels(FRAME), meta)
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["Daten", downloads.META_SHEET]
    sheet = book["Daten"]
    rows = [[c.value for c in r] for r in sheet.iter_rows()]
    assert rows[0] == ["ags", "Region", "Stichtag", "Zeitraum", "value", "Status"]
    assert rows[2][1] == "'=1+1" and rows[2][4] is None and rows[2][5] == "geheim"
    assert rows[1][2] == dt.datetime(2024, 12, 31)
    assert sheet["C2"].number_format == downloads.EXCEL_DATE_FORMAT
    assert rows[3][4] == -0.5
    info = dict(r for r in book[downloads.META_SHEET].iter_rows(min_row=2, values_only=True))
    assert info["Datenstand (Build)"] == "build-20260301T093000000000Z-22 vom 01.03.2026, 09:30 Uhr"
    assert info["Definition"] == "'+Anteil"
    assert info["Hinweis"].startswith("Demodaten")


def test_build_meta_keeps_an_existing_build_line():
    meta = downloads.build_meta({"Datenstand (Build)": "x"}, BUILD, "heute")
    assert meta["Datenstand (Build)"] == "x"
