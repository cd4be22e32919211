"""GENESIS flat files (ffcsv v5 long, v4 wide) read and mapped in an in-memory DuckDB.

The CSV is scanned once by DuckDB (all text); symbols, ARS, periods are mapped in SQL, checks run
on the Arrow result, so a Germany-scale file never passes through a Python row loop.
"""

import csv
import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from etl.parse.errors import ParseError
from etl.parse.model import SYNTHETIC_MARKER
from etl.parse.periods import normalise
from etl.parse.regions import is_region_variable, sql_to_ags
from etl.parse.source import Source, csv_error, temp_dir
from etl.symbols import sql_value_status

V5_FIXED = ["statistics_code", "statistics_label", "time_code", "time_label", "time"]
V5_VALUE = ["value", "value_unit", "value_variable_code", "value_variable_label"]
V4_FIXED = ["Statistik_Code", "Statistik_Label", "Zeit_Code", "Zeit_Label", "Zeit"]
V5_GROUP = ("variable_code", "variable_label", "variable_attribute_code", "variable_attribute_label")
V4_GROUP = ("Merkmal_Code", "Merkmal_Label", "Auspraegung_Code", "Auspraegung_Label")
_V4_VALUE_COLUMN = re.compile(r"([^_]+(?:_[^_]+)*?)__(.+)__([^_]+)")
#: GENESIS web-service member name `<table code>_<epoch ms>_<language>_flat.csv` (any code)
WEB_SERVICE_NAME = re.compile(r"([0-9A-Za-z][0-9A-Za-z-]*)_\d+_[a-z]{2}_flat\.csv", re.ASCII)
#: a table code anywhere in a name: statistic + parts (`12411-01-01-4`, `21311-01-01-4-B`, `1000A-2022`)
#: or a Regionalatlas code (`AI-N-01-2-5`, `AI002-1-5`)
TABLE_CODE = re.compile(r"(?<![0-9A-Za-z])(\d{4}[0-9A-Z](?:-[0-9A-Za-z]+)+|AI[0-9A-Z]*(?:-[0-9A-Z]+)+)"
                        r"(?![0-9A-Za-z])", re.ASCII)
#: longest line DuckDB reads (GENESIS lines are a few hundred bytes; Python's csv field limit is the same)
MAX_LINE_BYTES = 131_072
#: a GENESIS statistic code (ffcsv column 1): five digits, never a table code by itself
STATISTIC_CODE = re.compile(r"\d{5}", re.ASCII)


@dataclass
class Layout:
    """Column positions of one flat file."""

    groups: int  # number of classifying variables (region included)
    value_columns: list[tuple[str, str, str]]  # v4: (code, label, unit) per value column
    quality: bool  # v5 with value_q


def _decoded_lines(source: Source) -> Iterator[str]:
    with source.path.open("rb") as stream:
        for number, raw in enumerate(stream, start=1):
            encoding = source.encoding if number == 1 else source.encoding.removesuffix("-sig")
            try:
                yield raw.decode(encoding)
            except UnicodeDecodeError as exc:
                raise ParseError(source.label, number, f"ungültige Zeichenkodierung ({encoding})") from exc


def _first_rows(source: Source, count: int) -> list[list[str]]:
    """The first `count` records (header and first data row) as cells."""
    reader = csv.reader(_decoded_lines(source), delimiter=";")
    try:
        return list(islice(reader, count))
    except csv.Error as exc:
        raise csv_error(source.label, reader.line_num, exc) from exc


def _layout(header: list[str], v5: bool, label: str) -> Layout:
    fixed, group = (V5_FIXED, V5_GROUP) if v5 else (V4_FIXED, V4_GROUP)
    if header[:5] != fixed:
        raise ParseError(label, 1, f"unerwartete Kopfzeile: {';'.join(header[:5])}")
    groups = 0
    while header[5 + 4 * groups : 9 + 4 * groups] == [f"{groups + 1}_{name}" for name in group]:
        groups += 1
    rest = header[5 + 4 * groups :]
    if v5:
        quality = rest == [*V5_VALUE, "value_q"]
        if rest != V5_VALUE and not quality:
            raise ParseError(label, 1, f"unerwartete Wertspalten: {';'.join(rest)}")
        return Layout(groups, [], quality)
    values = []
    for name in rest:
        match = _V4_VALUE_COLUMN.fullmatch(name)
        if not match:
            raise ParseError(label, 1, f"Wertspalte {name!r} nicht im Format CODE__Label__Einheit")
        values.append((match.group(1), match.group(2).replace("_", " "), match.group(3)))
    if not values:
        raise ParseError(label, 1, "keine Wertspalten")
    return Layout(groups, values, False)


def table_code_from_name(name: str) -> str | None:
    """The table code a file name carries, else None. Rule (docs/FORMATS_NOTES.md): the web-service
    name `<code>_<epoch>_de_flat.csv` gives any code (`AI-N-01-2-5_1709_de_flat.csv`); otherwise the
    first token like `12411-01-01-4` or `AI-N-01-2-5` (`x_12411-01-01-4_v5.csv`)."""
    if match := WEB_SERVICE_NAME.fullmatch(name):
        return match.group(1)
    match = TABLE_CODE.search(name)
    return match.group(1) if match else None


def is_statistic_code(code: str | None) -> bool:
    """True for a bare statistic code (`12411`, `99910`): what a file without table code falls back to."""
    return bool(code and STATISTIC_CODE.fullmatch(code))


def _table_code(source: Source, override: str | None, statistic: str) -> str:
    """override, else the code in the member name, else in the ZIP's name, else the statistic code
    (etl.load reports that fallback as a finding: the file does not say which table it is)."""
    names = [source.file_name, source.archive or ""]
    return override or next(filter(None, map(table_code_from_name, names)), None) or statistic


def _stripped(column: str) -> str:
    """trim() only where needed (indented labels); cheaper than trimming every cell."""
    padded = f"starts_with({column}, ' ') OR ends_with({column}, ' ')"
    return f"CASE WHEN {padded} THEN trim({column}) ELSE {column} END"


def _select_list(layout: Layout, region: int | None, v5: bool) -> str:
    """Output columns over the columns c0… of the scanned file (v4: after unpivot: vtext, vcode…)."""
    first = 5  # first classification column
    parts = ["$table_code AS table_code", "c2 AS time_code", "c4 AS period"]  # period: _periods()
    if region is None:
        parts += ["CAST(NULL AS VARCHAR) AS ags", "CAST(NULL AS VARCHAR) AS region"]
    else:
        base = first + 4 * region
        parts += [f"{sql_to_ags(f'c{base + 2}')} AS ags", f"{_stripped(f'c{base + 3}')} AS region"]
    if v5:
        at = first + 4 * layout.groups
        cell, quality = f"c{at}", (f"c{at + 4}" if layout.quality else None)
        parts += [f"c{at + 2} AS variable", f"c{at + 3} AS variable_label", f"c{at + 1} AS unit"]
    else:
        cell, quality = "vtext", None
        parts += ["vcode AS variable", "vlabel AS variable_label", "vunit AS unit", "vidx AS _vidx"]
    value, status, symbol = sql_value_status(cell, quality)
    parts += [f"{value} AS value", f"{status} AS status", f"{symbol} AS symbol"]
    if not v5:  # v5: line numbers from the row order (see _query)
        parts.append("ordinality + 1 AS line")
    for n in range(layout.groups):
        base = first + 4 * n
        if n == region:
            parts.append(f"c{base} AS _region_var")  # checked in _check (an IN list here would reorder rows)
            continue
        parts += [
            f"c{base} AS _var_{n}",
            f"coalesce(c{base + 2}, 'INSGESAMT') AS _code_{n}",
            f"{_stripped(f'c{base + 3}')} AS _label_{n}",
        ]
    return ",\n  ".join(parts)


def _query(source: Source, header: list[str], layout: Layout, region: int | None, v5: bool) -> str:
    columns = "{" + ", ".join(f"'c{i}': 'VARCHAR'" for i in range(len(header))) + "}"
    scan = (
        "read_csv($path, delim=';', quote='\"', escape='\"', header=true, auto_detect=false, "
        f"all_varchar=true, strict_mode=true, max_line_size={MAX_LINE_BYTES}, columns={columns})"
    )
    if v5:
        # no WITH ORDINALITY: it serialises the scan; the result keeps the file order
        # (preserve_insertion_order), so the line is the row number + 1 (_with_lines)
        return f"SELECT {_select_list(layout, region, v5)} FROM {scan}"
    names = ", ".join(f"c{i}" for i in range(5 + 4 * layout.groups, len(header)))
    melted = (
        f"(SELECT * FROM {scan} WITH ORDINALITY) UNPIVOT INCLUDE NULLS (vtext FOR vcol IN ({names})) "
        "JOIN value_columns USING (vcol)"
    )
    return f"SELECT {_select_list(layout, region, v5)} FROM {melted}"


def _raw_line(source: Source, line: int) -> str:
    with source.path.open(encoding=source.encoding, newline="") as stream:
        return next(islice(stream, line - 1, None), "").rstrip("\r\n")


def _fail_at(source: Source, table: pa.Table, mask: pa.ChunkedArray, reason: str) -> None:
    hits = pc.indices_nonzero(mask.combine_chunks() if isinstance(mask, pa.ChunkedArray) else mask)
    if len(hits):
        line = table["line"][hits[0].as_py()].as_py()
        raise ParseError(source.label, line, f"{reason}: {_raw_line(source, line)[:200]}")


def _periods(table: pa.Table) -> pa.Table:
    """Raw time cells -> canonical periods, mapped once per distinct (time_code, time) pair.

    A file holds a few dozen distinct periods, so this is cheaper than a per-row SQL expression;
    a malformed time becomes NULL (reported by _check).
    """
    key = pc.binary_join_element_wise(table["time_code"], table["period"], "\x1f")
    encoded = pc.dictionary_encode(key).combine_chunks()
    mapped = [normalise(*pair.split("\x1f", 1)) for pair in encoded.dictionary.to_pylist()]
    periods = pa.array(mapped, pa.string()).take(encoded.indices)
    return table.set_column(table.column_names.index("period"), "period", periods)


def _check(source: Source, table: pa.Table) -> None:
    _fail_at(source, table, pc.is_null(table["status"]), "unbekanntes Zeichen oder Qualitätskennzeichen")
    _fail_at(source, table, pc.is_null(table["period"]), "ungültige oder unbekannte Zeitangabe")
    if "_region_var" in table.column_names:
        codes = table["_region_var"]
        wrong = [c for c in pc.unique(codes).to_pylist() if c is not None and not is_region_variable(c)]
        mask = pc.or_kleene(pc.is_null(codes), pc.is_in(codes, value_set=pa.array(wrong, pa.string())))
        _fail_at(source, table, mask, "Regionalmerkmal wechselt die Position")


def _classifications(table: pa.Table, groups: int) -> pa.Table:
    """Replace the helper columns _var_n/_code_n/_label_n by CODE and CODE_label columns."""
    for n in range(groups):
        if f"_var_{n}" not in table.column_names:
            continue
        var, code, label = table[f"_var_{n}"], table[f"_code_{n}"], table[f"_label_{n}"]
        names = pc.unique(var)
        single = len(names) == 1 and names[0].is_valid
        for name in names.drop_null().to_pylist():
            mask = pc.equal(var, name)
            table = table.append_column(name, code if single else pc.if_else(mask, code, None))
            table = table.append_column(f"{name}_label", label if single else pc.if_else(mask, label, None))
        table = table.drop_columns([f"_var_{n}", f"_code_{n}", f"_label_{n}"])
    return table.drop_columns([c for c in table.column_names if c == "_region_var"])


def _exact_lines(source: Source, table: pa.Table) -> pa.Table:
    """Physical start lines when quoted cells contain line breaks (rare; small files)."""
    with source.path.open(encoding=source.encoding, newline="") as stream:
        reader = csv.reader(stream, delimiter=";")
        starts, previous = [], 0
        for cells in reader:
            if cells:  # DuckDB skips blank lines
                starts.append(previous + 1)
            previous = reader.line_num
    index = pc.subtract(table["line"], 1)
    lines = pc.take(pa.array(starts, type=pa.int64()), index)
    return table.set_column(table.column_names.index("line"), "line", lines)


def parse_ffcsv(source: Source, table_code: str | None) -> tuple[pa.Table, dict]:
    """Parse an ffcsv v5 or v4 file into the tidy Arrow table and the format-specific meta."""
    v5 = source.kind == "ffcsv5"
    rows = _first_rows(source, 2)
    header = rows[0]
    header[0] = header[0].lstrip("\ufeff")
    layout = _layout(header, v5, source.label)
    if len(rows) < 2:
        raise ParseError(source.label, 2, "keine Datenzeilen")
    first = rows[1]
    if len(first) != len(header):
        raise ParseError(
            source.label, 2, f"falsche Spaltenzahl: erwartet {len(header)}, gefunden {len(first)}"
        )
    region = next((n for n in range(layout.groups) if is_region_variable(first[5 + 4 * n])), None)
    code = _table_code(source, table_code, first[0])
    con = duckdb.connect(config={"preserve_insertion_order": True})  # lines = row order
    try:
        if not v5:
            first_value = 5 + 4 * layout.groups
            con.register(
                "value_columns",
                pa.table(
                    {
                        "vcol": [f"c{i}" for i in range(first_value, len(header))],
                        "vidx": list(range(len(layout.value_columns))),
                        "vcode": [c for c, _, _ in layout.value_columns],
                        "vlabel": [lab for _, lab, _ in layout.value_columns],
                        "vunit": [u for _, _, u in layout.value_columns],
                    }
                ),
            )
        sql = _query(source, header, layout, region, v5)
        with _utf8_copy(source) as path:
            table = con.sql(sql, params={"path": str(path), "table_code": code}).to_arrow_table()
    except duckdb.Error as exc:
        raise _duckdb_error(source, exc) from exc
    finally:
        con.close()
    if v5:
        table = table.append_column("line", pa.array(np.arange(2, table.num_rows + 2, dtype=np.int64)))
    else:
        table = table.sort_by([("line", "ascending"), ("_vidx", "ascending")]).drop_columns(["_vidx"])
    table = _periods(table)
    records = table.num_rows // max(1, len(layout.value_columns))
    if source.data_lines != records:
        table = _exact_lines(source, table)
    _check(source, table)
    table = _classifications(table, layout.groups)
    meta = {
        "table_code": code,
        "title": first[1],
        "synthetic": SYNTHETIC_MARKER in first[1],
    }
    return table, meta


@contextmanager
def _utf8_copy(source: Source) -> Iterator[Path]:
    """The path DuckDB can read: the file itself, or a UTF-8 transcoding of a cp1252 file."""
    if source.encoding != "cp1252":
        yield source.path
        return
    with temp_dir() as tmp:
        target = Path(tmp) / "utf8.csv"
        with (
            source.path.open(encoding="cp1252", newline="") as src,
            target.open("w", encoding="utf-8") as dst,
        ):
            shutil.copyfileobj(src, dst, 1 << 20)
        yield target


_DUCKDB_LINE = re.compile(r"on Line: (\d+)")


def _duckdb_error(source: Source, exc: duckdb.Error) -> ParseError:
    text = str(exc)
    match = _DUCKDB_LINE.search(text)
    line = int(match.group(1)) if match else None
    reason = text.splitlines()[0]
    if "Expected Number of Columns" in text:
        found = re.search(r"Expected Number of Columns: (\d+) Found: (\d+)", text)
        reason = (
            f"falsche Spaltenzahl: erwartet {found.group(1)}, gefunden {found.group(2)}" if found else reason
        )
    elif "Maximum line size" in text:
        reason = f"Zeile länger als {MAX_LINE_BYTES:,} Bytes (Datei beschädigt?)".replace(",", ".")
    elif "unicode" in text.lower():
        reason = "ungültige UTF-8-Zeichen"
    return ParseError(source.label, line, reason)
