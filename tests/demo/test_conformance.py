"""The demo file of a table has the structure of that table's real download.

Real examples: the official samples in ../shared/samples (skipped when absent) and the structure
fixtures in tests/fixtures/real_layouts (header block, header rows, labels and footer of a real
download, a handful of data rows with other numbers; see the README there).
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from pathlib import Path

import pytest

from etl.demo.reference import LAENDER
from etl.parse import parse_file

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "real_layouts"
MARKER = " [SYNTHETISCHE DEMODATEN]"
TABELLEN = sorted(p.stem for p in FIXTURES.glob("*.csv"))
#: Real flat files (v5) among the samples, per table code.
FFCSV_SAMPLES = {
    "12411-01-01-4": "genesis_ffcsv/regionalstatistik_12411-01-01-4_v5_nrw.csv",
    "21311-01-01-4-B": "genesis_ffcsv/regionalstatistik_21311-01-01-4-B_v5_lippe.csv",
}
STAND = re.compile(r"Stand: \d{2}\.\d{2}\.\d{4} / \d{2}:\d{2}:\d{2}")


def demo_file(folder: Path, code: str) -> tuple[bytes, Path]:
    """Raw bytes of the demo file of a table (the ZIP member for zipped flat files) and its path."""
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    item = next(f for f in manifest["files"] if f["table_code"] == code)
    path = folder / item["file"]
    if item["member"]:
        with zipfile.ZipFile(path) as archive:
            return archive.read(item["member"]), path
    return path.read_bytes(), path


def encoding(raw: bytes) -> str:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8-sig" if raw.startswith(b"\xef\xbb\xbf") else "utf-8"


def _records(raw: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(raw.decode(encoding(raw)), newline=""), delimiter=";"))


def _region_label(row: list[str]) -> tuple[int, str]:
    """Column of the region label: after the key column, or right after the time (names only)."""
    return (2, row[2]) if re.fullmatch(r"DG|\d{2,8}", row[1]) else (1, row[1])


def _level(row: list[str]) -> str:
    if row[1] == "DG":
        return "bund"
    if re.fullmatch(r"\d{2,8}", row[1]):
        return {2: "land", 3: "rb", 5: "kreis", 8: "gemeinde"}[len(row[1])]
    name = row[1].strip()
    return "land" if name in LAENDER.values() else "rb" if name.endswith("Regierungsbezirk") else "kreis"


def structure(raw: bytes) -> dict:
    """Structure of a Tabellen-CSV: everything but the numbers and the number of data rows."""
    records = _records(raw)
    footer = next(i for i, r in enumerate(records) if r and r[0].startswith("__________"))
    header = [i for i, r in enumerate(records[1:footer], 1) if r and not r[0]]
    data = [r for r in records[header[-1] + 1 : footer] if any(r)]
    dims = min(next(k for k, c in enumerate(records[i]) if c) for i in header)
    label_at = _region_label(data[0])[0]
    tail = [r[0] for r in records[footer:]]
    return {
        "encoding": encoding(raw),
        "first": records[0][0].split(":")[0],
        "title": [r[0].replace(MARKER, "") for r in records[1 : header[0]]],
        "width": {len(r) for r in records[1:footer] if any(r)},
        "header": [records[i] for i in header],
        "time": {re.sub(r"\d", "9", r[0]) for r in data},
        "row_labels": {tuple(r[label_at + 1 : dims]) for r in data},
        "indent": {_level(r): len(r[label_at]) - len(r[label_at].lstrip()) for r in data},
        "footer": [tail[0], tail[1].startswith("©"), tail[-2].split(",")[0], bool(STAND.fullmatch(tail[-1]))],
    }


def parsed_columns(path: Path) -> tuple[list[str], set]:
    parsed = parse_file(path)
    return list(parsed.table.columns), set(parsed.table["variable_label"].dropna())


@pytest.mark.parametrize("code", TABELLEN)
def test_tabellen_csv_has_the_structure_of_the_real_download(demo_sources: Path, code: str) -> None:
    real = structure((FIXTURES / f"{code}.csv").read_bytes())
    raw, path = demo_file(demo_sources, code)
    demo = structure(raw)
    for key in ("encoding", "first", "title", "width", "header", "time", "footer"):
        assert demo[key] == real[key], f"{code}: {key}"
    assert real["row_labels"] <= demo["row_labels"], code
    shared = real["indent"].keys() & demo["indent"].keys()
    assert shared and {k: demo["indent"][k] for k in shared} == {k: real["indent"][k] for k in shared}, code
    assert parsed_columns(path) == parsed_columns(FIXTURES / f"{code}.csv")


def test_known_layout_details(demo_sources: Path) -> None:
    """Spot checks on known lines: header variant, Lippe's indentation and the names-only rows."""
    pupils = _records(demo_file(demo_sources, "21111-01-03-4")[0])
    assert pupils[0] == ["GENESIS-Tabelle: 21111-01-03-4"]
    assert next(r[:4] for r in pupils if r[:2] == ["2023", "05766"] and r[3] == "Grundschulen") == [
        "2023",
        "05766",
        "      Lippe, Kreis",
        "Grundschulen",
    ]
    names = _records(demo_file(demo_sources, "13111-54i")[0])
    lippe = [r for r in names if r[:2] == ["31.12.2024", "    Lippe, Kreis"]]
    assert [r[2] for r in lippe][:2] == ["A", "B-F"] and lippe[-1][2:4] == ["", "Insgesamt"]
    assert not any(r[1][:1].isdigit() for r in names if r and r[0] == "31.12.2024")
    ldb = _records(demo_file(demo_sources, "12411-15i")[0])
    assert ["31.12.2024", "05766004", "      Augustdorf"] in [r[:3] for r in ldb]


def ffcsv_structure(raw: bytes) -> dict:
    text = raw.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    head, data = rows[0], [r for r in rows[1:] if r]
    groups = [k for k, name in enumerate(head) if re.fullmatch(r"\d+_variable_code", name)]
    return {
        "bom": raw.startswith(b"\xef\xbb\xbf"),
        "head": head,
        "statistic": {(r[0], r[1].replace(MARKER, ""), r[2], r[3]) for r in data},
        "time": {re.sub(r"\d", "9", r[4]) for r in data},
        "variables": [{(r[k], r[k + 1]) for r in data} for k in groups],
        "attributes": [{(r[k + 2], r[k + 3]) for r in data} for k in groups[1:]],
        "values": {tuple(r[-3:]) for r in data},
    }


@pytest.mark.parametrize("code", sorted(FFCSV_SAMPLES))
def test_ffcsv5_has_the_structure_of_the_real_sample(
    samples_dir: Path, demo_sources: Path, code: str
) -> None:
    sample = samples_dir / FFCSV_SAMPLES[code]
    real = ffcsv_structure(sample.read_bytes())
    raw, path = demo_file(demo_sources, code)
    demo = ffcsv_structure(raw)
    for key in ("bom", "head", "statistic", "time", "variables", "values"):
        assert demo[key] == real[key], f"{code}: {key}"
    for real_attrs, demo_attrs in zip(real["attributes"], demo["attributes"], strict=True):
        labels = {a for a in real_attrs if not re.fullmatch(r"DG|\d{2,8}", a[0])}
        assert labels <= demo_attrs, code
    assert parsed_columns(path)[0] == parsed_columns(sample)[0]


def test_ldb_population_has_the_structure_of_the_real_sample(samples_dir: Path, demo_sources: Path) -> None:
    real = structure((samples_dir / "genesis_tabellen_csv" / "ldbnrw_12411-09i_latin1.csv").read_bytes())
    demo = structure(demo_file(demo_sources, "12411-09i")[0])
    for key in ("encoding", "first", "title", "width", "header", "time", "footer"):
        assert demo[key] == real[key], key
    assert {k: demo["indent"][k] for k in real["indent"]} == real["indent"]
