"""Template CSV for local data (docs/TEMPLATE.md), validated against catalogue/template_schema.toml."""

import _csv  # the type of csv.reader objects (with line_num)
import csv
import io
import re
import tomllib
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pyarrow as pa

from etl import CATALOGUE_DIR
from etl.parse.errors import ParseError
from etl.parse.model import COLUMNS, SYNTHETIC_MARKER, arrow_from_rows
from etl.parse.periods import normalise
from etl.parse.source import TEMPLATE_HEADER, Source, csv_error
from etl.symbols import SymbolError, parse_cell

SCHEMA_PATH = CATALOGUE_DIR / "template_schema.toml"
TIME_CODES = {"school_year": "SCHJAHR", "year": "JAHR", "date": "STAG", "month": "MONAT"}
#: Key format per region level (keys are text).
LEVEL_KEYS = {
    "bund": r"DG",
    "land": r"\d{2}",
    "rb": r"\d{3}",
    "kreis": r"\d{5}",
    "gemeinde": r"\d{8}",
    "jugendamt": r"JA\d{5}(?:\d{3}|K)",  # JA + Gemeinde AGS, or JA + Kreis AGS + K (Kreisjugendamt)
    "agentur": r"AA_[A-Z0-9_]+",
}
_COMMENT = re.compile(r"#\s*([^:]+):\s*(.*)")
_STAND = re.compile(r"(\d{4})-(\d{2})-(\d{2})|(\d{2})\.(\d{2})\.(\d{4})")


@cache
def load_schema(path: Path = SCHEMA_PATH) -> dict:
    with path.open("rb") as stream:
        return tomllib.load(stream)["tables"]


def _comments(lines: list[str]) -> dict[str, str]:
    found = {}
    for line in lines:
        if match := _COMMENT.fullmatch(line.strip()):
            found[match.group(1).strip().lower()] = match.group(2).strip()
    return found


def _stand(text: str | None, source: Source, line: int) -> str | None:
    if not text:
        return None
    match = _STAND.match(text)
    if not match:
        raise ParseError(source.label, line, f"ungültiges Datum in '# Stand:': {text!r}")
    year, month, day = match.group(1, 2, 3) if match.group(1) else match.group(6, 5, 4)
    return f"{year}-{month}-{day}"


def _check_row(cells: dict[str, str], spec: dict, line: int, source: Source) -> tuple[str, str]:
    """Validate one data row against the schema; return (time_code, period)."""

    def fail(reason: str) -> ParseError:
        return ParseError(source.label, line, reason)

    unit = spec["variables"].get(cells["variable"])
    if unit is None:
        raise fail(f"Variable {cells['variable']!r} nicht erlaubt (erlaubt: {', '.join(spec['variables'])})")
    if cells["unit"] != unit:
        raise fail(f"Einheit {cells['unit']!r} passt nicht zu {cells['variable']!r} (erwartet {unit!r})")
    klass = spec["classification"]
    allowed = cells["classification"] in klass.get("codes", ()) or (
        "pattern" in klass and re.fullmatch(klass["pattern"], cells["classification"])
    )
    if not allowed:
        raise fail(f"Klassifikation {cells['classification']!r} nicht erlaubt für {klass['name']}")
    if not any(re.fullmatch(LEVEL_KEYS[level], cells["ags"], re.ASCII) for level in spec["levels"]):
        raise fail(f"Regionalschlüssel {cells['ags']!r} passt zu keiner Ebene ({', '.join(spec['levels'])})")
    time_code = TIME_CODES[spec["period"]]
    period = normalise(time_code, cells["period"])
    if period is None:
        raise fail(
            f"Zeitangabe {cells['period']!r} ungültig (erwartet {spec['period']}, z. B. 2024/25 bzw. 2024)"
        )
    return time_code, period


def _rows(reader: _csv.Reader, source: Source, offset: int) -> Iterator[list[str]]:
    """The reader's records; a csv module error becomes a ParseError naming the line."""
    try:
        yield from reader
    except csv.Error as exc:
        raise csv_error(source.label, offset + reader.line_num, exc) from exc


def parse_template(source: Source) -> tuple[pa.Table, dict]:
    """Parse and validate a template CSV."""
    lines = source.read_text().splitlines()
    comment_count = next((i for i, line in enumerate(lines) if not line.startswith("#")), len(lines))
    comments = _comments(lines[:comment_count])
    if comment_count == len(lines) or lines[comment_count].strip().rstrip(";") != TEMPLATE_HEADER:
        raise ParseError(source.label, comment_count + 1, f"Kopfzeile muss lauten: {TEMPLATE_HEADER}")
    names = TEMPLATE_HEADER.split(";")
    schema = load_schema()
    reader = csv.reader(io.StringIO("\n".join(lines[comment_count + 1 :])), delimiter=";")
    code: str | None = None
    spec: dict | None = None
    seen: set[tuple[str, ...]] = set()
    out: dict[str, list] = {}
    for cells in _rows(reader, source, comment_count + 1):
        line = comment_count + 1 + reader.line_num
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(names):
            raise ParseError(
                source.label, line, f"falsche Spaltenzahl: erwartet {len(names)}, gefunden {len(cells)}"
            )
        row = dict(zip(names, (c.strip() for c in cells), strict=True))
        if code is None:
            code = row["table_code"]
            spec = schema.get(code)
            if spec is None:
                raise ParseError(
                    source.label, line, f"unbekannter Tabellencode {code!r} (erlaubt: {', '.join(schema)})"
                )
            out = {name: [] for name in (*COLUMNS, spec["classification"]["name"])}
        elif row["table_code"] != code:
            raise ParseError(
                source.label, line, f"zweiter Tabellencode {row['table_code']!r} (eine Tabelle je Datei)"
            )
        assert spec is not None  # set together with code on the first data row
        time_code, period = _check_row(row, spec, line, source)
        key = (period, row["ags"], row["variable"], row["classification"])
        if key in seen:
            raise ParseError(source.label, line, f"doppelte Zeile für {'/'.join(key)}")
        seen.add(key)
        if row["value"] == "":
            raise ParseError(source.label, line, "leerer Wert (Zahl oder Zeichen wie '.' eintragen)")
        try:
            value, status, symbol = parse_cell(row["value"])
        except SymbolError as exc:
            raise ParseError(source.label, line, str(exc)) from exc
        values = (
            code,
            time_code,
            period,
            row["ags"],
            row["region"] or None,
            row["variable"],
            row["variable"],
            row["unit"],
            value,
            status,
            symbol,
            line,
            row["classification"],
        )
        for name, item in zip(out, values, strict=True):
            out[name].append(item)
    if code is None:
        raise ParseError(source.label, comment_count + 2, "keine Datenzeilen")
    assert spec is not None
    stand_line = next(
        (i + 1 for i, ln in enumerate(lines[:comment_count]) if ln.lower().startswith("# stand")), 0
    )
    source_text = "; ".join(f"{k.capitalize()}: {comments[k]}" for k in ("quelle", "lizenz") if k in comments)
    meta = {
        "table_code": code,
        "title": spec["title"],
        "stand": _stand(comments.get("stand"), source, stand_line),
        "copyright": source_text or None,
        "synthetic": any(SYNTHETIC_MARKER in ln for ln in lines[:comment_count]),
    }
    return arrow_from_rows(out, [spec["classification"]["name"]]), meta
