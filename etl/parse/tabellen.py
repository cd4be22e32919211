"""GENESIS Tabellen-CSV (formatted table export) -> tidy long table. See docs/FORMATS_NOTES.md.

Layout: `Tabelle: CODE`, title lines, header lines (led by one empty cell per row dimension,
the last one often units), data lines, `__________` footer with footnotes, © line, `Stand:`.
The time is a row dimension, a header level, or a period line (`2015;;;`) ending the title block
and, in tables with several periods, starting each further block of data lines.
"""

import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from etl.parse.errors import ParseError
from etl.parse.model import COLUMNS, SYNTHETIC_MARKER
from etl.parse.periods import MONTHS_DE, infer_period, line_period
from etl.parse.regions import LEVEL_VERBAND, to_ags, verband_keys
from etl.parse.source import Source, csv_error
from etl.symbols import SymbolError, parse_cell

#: cell of a Gemeinde under a Gemeindeverband it did not belong to in that period (Regio; parsed elsewhere
#: as 0, status zero)
NOT_HERE = "-"

#: Cells that make the last header line a unit line (every non-empty cell must be one).
UNITS = frozenset(
    {
        "Anzahl",
        "Prozent",
        "%",
        "Promille",
        "qkm",
        "ha",
        "km",
        "EUR",
        "Euro",
        "Tsd. EUR",
        "1000 EUR",
        "Mill. EUR",
        "1000",
        "1 000",
        "Tsd.",
        "Jahre",
        "Monate",
        "Tage",
        "Stunden",
        "Personen",
        "t",
        "kg",
        "EW pro qkm",
        "Einwohner je qkm",
        "je 1000 Einwohner",
        "Index",
        "Quote",
    }
)
_UNIT_IN_TITLE = re.compile(r"(.+) \(([^()]+)\)")
#: `DG`, Land, RB, Kreis, Gemeindeverband (7, 8, 9), Gemeinde (8; 10, 11 in a Verband), ARS (12)
_REGION_KEY = re.compile(r"DG|\d{2}|\d{3}|\d{5}|\d{7,12}", re.ASCII)
_STAND = re.compile(r"Stand: (\d{2})\.(\d{2})\.(\d{4})(?: / (\d{2}:\d{2}:\d{2}))?")
_FOOTER = "__________"
#: a cell parse_cell reads as a plain number ("ok", no symbol), with at most 15 digits per part (exact in
#: both Python's and Arrow's conversion); every other cell goes through parse_cell
_PLAIN_NUMBER = r"^-?[0-9]{1,15}(,[0-9]{1,15})?$"


@dataclass(slots=True)
class Record:
    line: int
    cells: list[str]

    @property
    def first(self) -> str:
        return self.cells[0].strip() if self.cells else ""


def _records(source: Source) -> list[Record]:
    text = source.read_text()
    # Before the line of the first quote every record is one physical line: read those at C speed
    # and number them by position; from there on follow the reader's line count (quoted line breaks).
    quote = text.find('"')
    head_end = len(text) if quote < 0 else max(text.rfind("\n", 0, quote), text.rfind("\r", 0, quote)) + 1
    try:
        head = list(csv.reader(io.StringIO(text[:head_end], newline=""), delimiter=";"))
    except csv.Error:  # numbered by the line-by-line loop below
        head_end, head = 0, []
    records = [Record(line, cells) for line, cells in enumerate(head, start=1)]
    reader = csv.reader(io.StringIO(text[head_end:], newline=""), delimiter=";")
    base = previous = len(head)
    try:
        for cells in reader:
            records.append(Record(previous + 1, cells))
            previous = base + reader.line_num
    except csv.Error as exc:
        raise csv_error(source.label, previous + 1, exc) from exc
    return records


def _split(
    source: Source, records: list[Record]
) -> tuple[list[Record], list[Record], list[Record], list[Record]]:
    """Title, header, data and footer records."""
    footer_at = next((i for i, r in enumerate(records) if r.first.startswith(_FOOTER)), None)
    if footer_at is None:
        raise ParseError(source.label, records[-1].line, "Fußzeile '__________' fehlt (Datei unvollständig?)")
    body = [r for r in records[1:footer_at] if _filled(r.cells)]
    title_end = next((i for i, r in enumerate(body) if not r.first), len(body))
    header_end = next((i for i in range(title_end, len(body)) if body[i].first), len(body))
    title, header, data = body[:title_end], body[title_end:header_end], body[header_end:]
    if not header:
        raise ParseError(source.label, records[0].line + 1, "keine Spaltenkopfzeilen (mit ';' beginnend)")
    if not data:
        raise ParseError(source.label, header[-1].line + 1, "keine Datenzeilen")
    return title, header, data, records[footer_at + 1 :]


def _filled(cells: list[str]) -> bool:
    """Some cell holds more than white space (one string test instead of one per cell)."""
    return bool("".join(cells).strip())


def _is_period_line(record: Record) -> tuple[str, str] | None:
    """(time_code, period) when the line holds only a period in its first cell."""
    if _filled(record.cells[1:]):
        return None
    return line_period(record.first)


def _title_period(title: list[Record]) -> tuple[list[Record], tuple[str, str] | None]:
    """Title lines without a closing period line, and that line's period (None without one)."""
    period = _is_period_line(title[-1]) if len(title) > 1 else None
    return (title[:-1], period) if period else (title, None)


def _stripped(cells: list[str]) -> list[str]:
    out = [c.strip() for c in cells]
    while out and not out[-1]:
        out.pop()
    return out


def _blocks(
    source: Source, data: list[Record], header: list[Record], dims: int, first: tuple[str, str]
) -> tuple[list[Record], list[tuple[str, str]]]:
    """Data lines and the period of each: that of the last period line above it. A period line may
    be followed by the header lines again (they must repeat the first header) or by data lines."""
    expected = [_stripped(r.cells) for r in header]
    kept: list[Record] = []
    periods: list[tuple[str, str]] = []
    current, repeated, opened = first, None, None
    for record in data:
        if repeated is not None and _leading_empty(record.cells) >= dims:
            if repeated == len(expected) or _stripped(record.cells) != expected[repeated]:
                raise ParseError(
                    source.label, record.line, "Spaltenkopf des Blocks weicht vom ersten Spaltenkopf ab"
                )
            repeated += 1
            continue
        if repeated not in (None, 0, len(expected)):
            raise ParseError(source.label, record.line, "Spaltenkopf des Blocks unvollständig")
        repeated = None
        if period := _is_period_line(record):
            if opened is not None:
                raise ParseError(source.label, opened, "Zeitzeile ohne Datenzeilen")
            current, repeated, opened = period, 0, record.line
            continue
        kept.append(record)
        periods.append(current)
        opened = None
    if opened is not None:
        raise ParseError(source.label, opened, "Zeitzeile ohne Datenzeilen")
    return kept, periods


def _leading_empty(cells: list[str]) -> int:
    return next((i for i, c in enumerate(cells) if c.strip()), len(cells))


def _forward_fill(cells: list[str], parents: list[list[str]]) -> list[str]:
    """Empty header cells repeat the cell to their left, but only under the same parent cells: an
    empty cell below a new parent means "no breakdown" (13211-02-05-4: the rate columns after
    "langzeitarbeitslos")."""
    filled, last = [], ""
    for i, cell in enumerate(cells):
        same_parent = i > 0 and all(level[i] == level[i - 1] for level in parents)
        last = cell.strip() or (last if same_parent else "")
        filled.append(last)
    return filled


@dataclass
class Columns:
    """Value columns: header levels, units and (when the header holds the time) periods."""

    levels: list[list[str]]
    units: list[str | None]
    periods: list[tuple[str, str] | None]


def _columns(header: list[Record], dims: int, title: list[Record]) -> Columns:
    width = max(max((i + 1 for i, c in enumerate(r.cells) if c.strip()), default=0) for r in header)
    rows = [[c.strip() for c in (r.cells + [""] * width)[dims:width]] for r in header]
    units: list[str | None]
    if all(c in UNITS for c in rows[-1] if c) and any(rows[-1]):
        units = [c or None for c in rows.pop()]
    else:
        found = [
            m.group(2) for r in title if (m := _UNIT_IN_TITLE.fullmatch(r.first)) and m.group(2) in UNITS
        ]
        units = [found[-1] if found else None] * (width - dims)
    levels: list[list[str]] = []
    for row in rows:
        levels.append(_forward_fill(row, levels))
    periods: list[tuple[str, str] | None] = [None] * (width - dims)
    for level in levels:
        inferred = [infer_period(c) for c in level]
        if all(inferred):
            periods = inferred
            levels.remove(level)
            break
    return Columns(levels, units, periods)


def _variable(columns: Columns, title: list[Record]) -> tuple[list[str], list[str]]:
    """`variable` (levels down to the deepest differing one, joined) and the full label per column."""
    levels, count = columns.levels, len(columns.units)
    if not levels:
        label = next((m.group(1) for r in title if (m := _UNIT_IN_TITLE.fullmatch(r.first))), title[-1].first)
        return [label] * count, [label] * count
    deepest = max((k for k, level in enumerate(levels) if len(set(level)) > 1), default=len(levels) - 1)
    join = " | ".join
    variables = [join(lv[i] for lv in levels[: deepest + 1] if lv[i]) for i in range(count)]
    labels = [join(lv[i] for lv in levels if lv[i]) for i in range(count)]
    return variables, labels


@dataclass
class Roles:
    time: int | None
    month: int | None
    code: int | None
    dims: list[int]


def _roles(rows: list[list[str]], dims: int, time_given: bool) -> Roles:
    def column(i: int) -> set[str]:  # the distinct cells: every test below holds for all cells or not
        return {r[i] for r in rows}

    time = (
        None
        if time_given
        else next((i for i in range(dims) if all(infer_period(c) for c in column(i))), None)
    )
    month = None
    if time is not None and time + 1 < dims and all(c in MONTHS_DE for c in column(time + 1)):
        month = time + 1
    taken = {time, month}
    code = next(
        (i for i in range(dims - 1) if i not in taken and all(_REGION_KEY.fullmatch(c) for c in column(i))),
        None,
    )
    if code is not None:
        taken |= {code, code + 1}
    return Roles(time, month, code, [i for i in range(dims) if i not in taken])


def _footer(source: Source, footer: list[Record]) -> dict:
    copyright_line = next((r.first for r in footer if r.first.startswith("©")), None)
    stand = next((m for r in footer if (m := _STAND.fullmatch(r.first))), None)
    if stand is None:
        line = footer[-1].line if footer else None
        raise ParseError(source.label, line, "Zeile 'Stand: TT.MM.JJJJ / hh:mm:ss' fehlt")
    day, month, year, clock = stand.groups()
    return {"copyright": copyright_line, "stand": f"{year}-{month}-{day}" + (f"T{clock}" if clock else "")}


def _national(title: list[Record]) -> bool:
    """The title block has the region line `Deutschland` (a table title alone may list more regions)."""
    return any(r.first == "Deutschland" for r in title)


def parse_tabellen(source: Source, table_code: str | None) -> tuple[pa.Table, dict]:
    """Parse a Tabellen-CSV into the tidy Arrow table and its meta."""
    records = _records(source)
    code = records[0].first.split(":", 1)[1].strip()
    title, header, data, footer = _split(source, records)
    title, first_period = _title_period(title)
    dims = min(_leading_empty(r.cells) for r in header)
    columns = _columns(header, dims, title)
    line_periods = None
    if first_period:
        if any(columns.periods):
            raise ParseError(
                source.label, header[0].line, "Zeit sowohl in einer Zeitzeile als auch im Spaltenkopf"
            )
        data, line_periods = _blocks(source, data, header, dims, first_period)
    variables, labels = _variable(columns, title)
    width = dims + len(variables)
    dim_rows = _dim_rows(source, data, dims, width)
    roles = _roles(dim_rows, dims, any(columns.periods) or line_periods is not None)
    if roles.time is None and not any(columns.periods) and line_periods is None:
        raise ParseError(source.label, data[0].line, "keine Zeitspalte erkannt (Datum, Jahr, Schuljahr)")
    verbaende = verband_keys(cells[roles.code] for cells in dim_rows) if roles.code is not None else set()
    moved = _moved_groups(dim_rows, roles, line_periods, verbaende)
    merged_lines = [[data[i].line for i in group] for group in moved]
    data, dim_rows, line_periods, cell_lines = _merge_moved(
        source, data, dim_rows, line_periods, moved, (dims, width), roles.code
    )
    national = ("DG", "Deutschland") if roles.code is None and _national(title) else (None, None)
    extra = [f"dim_{k + 1}" for k in range(len(roles.dims))] + [
        f"header_{k + 1}" for k in range(len(columns.levels))
    ]
    rows = _row_columns(data, dim_rows, roles, table_code or code, national, line_periods)
    if verbaende and roles.code is not None:  # Verbände are found in the region key column only
        rows["region_level"] = [LEVEL_VERBAND if c[roles.code] in verbaende else None for c in dim_rows]
        extra.append("region_level")
    cols = _column_columns(columns, variables, labels)
    table = _long_table(source, data, dims, width, rows, cols, cell_lines)
    title_text = " ".join(r.first for r in title)
    meta = {
        "table_code": table_code or code,
        "title": title_text,
        "synthetic": SYNTHETIC_MARKER in title_text,
        "merged_lines": merged_lines,
        **_footer(source, footer),
    }
    return table.select([*COLUMNS, *extra]), meta


def _dim_rows(source: Source, data: list[Record], dims: int, width: int) -> list[list[str]]:
    """Row-dimension cells per data line (stripped, empty cells filled from the line above)."""
    rows, previous = [], [""] * dims
    for record in data:
        cells = record.cells
        if len(cells) < width or (len(cells) > width and _filled(cells[width:])):
            found = max((i + 1 for i, c in enumerate(cells) if c.strip()), default=0)
            raise ParseError(
                source.label,
                record.line,
                f"falsche Spaltenzahl: erwartet {width}, gefunden {max(len(cells), found)}",
            )
        current = [c.strip() for c in cells[:dims]]
        if "" in current:
            current = [c or p for c, p in zip(current, previous, strict=True)]
        rows.append(current)
        previous = current
    return rows


def _moved_groups(
    dim_rows: list[list[str]], roles: Roles, line_periods: list[tuple[str, str]] | None, verbaende: set[str]
) -> list[list[int]]:
    """Indexes of the data lines of one Gemeinde listed under two or more Gemeindeverbände (Regio lists a
    Gemeinde that moved to another Verband under both, `-` where it was not a member): lines whose
    delivered keys differ, give the same AGS (at least one a 10-12-digit key) and agree in period and
    every other row dimension. The region label may differ (`Cochem, verbandsfr. Gemeinde` /
    `Cochem, Stadt`). Lines of Gemeindeverbände are never merged."""
    if roles.code is None:
        return []
    at, label = roles.code, roles.code + 1
    # a group needs two distinct keys of one AGS, one of them 10-12 digits: only the lines of such AGS
    keys = {cells[at] for cells in dim_rows} - verbaende
    ags_of = {key: to_ags(key) for key in keys}
    long_ags = {ags for key, ags in ags_of.items() if ags != key}
    shared = {key for key, ags in ags_of.items() if ags in long_ags} if long_ags else set()
    groups: dict[tuple, list[int]] = {}
    for i, cells in enumerate(dim_rows):
        key = cells[at]
        if key not in shared:
            continue
        ident = (ags_of[key], *cells[:at], *cells[label + 1 :], line_periods[i] if line_periods else None)
        groups.setdefault(ident, []).append(i)
    return [
        group
        for group in groups.values()
        if len(group) > 1
        and len({dim_rows[i][at] for i in group}) == len(group)
        and any(to_ags(dim_rows[i][at]) != dim_rows[i][at] for i in group)
    ]


def _has_number(source: Source, record: Record, column: int) -> bool:
    """The cell holds a number (`-` parses as 0 but here says "not a member then")."""
    text = record.cells[column].strip()
    try:
        return text != NOT_HERE and parse_cell(text)[0] is not None
    except SymbolError as exc:
        raise ParseError(source.label, record.line, f"Spalte {column + 1}: {exc}") from exc


def _merge_cell(source: Source, records: list[Record], keys: list[str], column: int) -> Record:
    """The record (of one Gemeinde's `records`, delivered `keys`) whose cell in `column` the merged line
    keeps: the one with a number; without a number the one whose cell is not `-` (`.`: not given under
    this Verband), else the first. Two different cells left to choose from (two numbers, or two
    symbols other than `-`) are an error naming both lines."""
    texts = [r.cells[column].strip() for r in records]
    chosen = [k for k, r in enumerate(records) if _has_number(source, r, column)]
    chosen = chosen or [k for k, t in enumerate(texts) if t != NOT_HERE] or [0]
    distinct = list(dict.fromkeys(texts[k] for k in chosen))
    if len(distinct) > 1:
        a, b = texts.index(distinct[0]), texts.index(distinct[1])
        raise ParseError(
            source.label,
            records[b].line,
            f"Spalte {column + 1}: Gemeinde {to_ags(keys[a])} unter zwei Gemeindeverbänden mit verschiedenen"
            f" Angaben: {texts[a]!r} in Zeile {records[a].line} ({keys[a]}), {texts[b]!r} in Zeile"
            f" {records[b].line} ({keys[b]})",
        )
    return records[chosen[0]]


def _merge_moved(
    source: Source,
    data: list[Record],
    dim_rows: list[list[str]],
    line_periods: list[tuple[str, str]] | None,
    moved: list[list[int]],
    value_columns: tuple[int, int],
    at: int | None,
) -> tuple[list[Record], list[list[str]], list[tuple[str, str]] | None, dict[int, list[int]]]:
    """Each group of `moved` as one line at the place of its first line (row dimensions and label of the
    first line, each value cell in range(*value_columns) by `_merge_cell`; `at`: the key column); also
    the source line of every value cell of a merged line, by its index among the kept lines."""
    if not moved or at is None:
        return data, dim_rows, line_periods, {}
    dims, width = value_columns
    merged: dict[int, tuple[Record, list[int]]] = {}
    dropped: set[int] = set()
    for group in moved:
        records, keys = [data[i] for i in group], [dim_rows[i][at] for i in group]
        picks = [_merge_cell(source, records, keys, j) for j in range(dims, width)]
        cells = records[0].cells[:dims] + [r.cells[j] for j, r in enumerate(picks, start=dims)]
        merged[group[0]] = (Record(records[0].line, cells), [r.line for r in picks])
        dropped.update(group[1:])
    keep = [i for i in range(len(data)) if i not in dropped]
    cell_lines = {k: merged[i][1] for k, i in enumerate(keep) if i in merged}
    return (
        [merged[i][0] if i in merged else data[i] for i in keep],
        [dim_rows[i] for i in keep],
        [line_periods[i] for i in keep] if line_periods else None,
        cell_lines,
    )


def _row_periods(dim_rows: list[list[str]], roles: Roles) -> list[tuple[str | None, str | None]]:
    """(time_code, period) of every line from its time (and month) cell, inferred once per distinct cell."""
    if roles.time is None:
        return [(None, None)] * len(dim_rows)
    at, month = roles.time, roles.month
    found: dict[tuple[str, str | None], tuple[str | None, str | None]] = {}
    for cell in {(c[at], None if month is None else c[month]) for c in dim_rows}:
        inferred = infer_period(cell[0])
        assert inferred is not None  # the time column is one whose every cell is a time (_roles)
        time_code, period = inferred
        found[cell] = ("MONAT", f"{period}-{MONTHS_DE[cell[1]]:02d}") if cell[1] is not None else inferred
    if month is None:
        return [found[(c[at], None)] for c in dim_rows]
    return [found[(c[at], c[month])] for c in dim_rows]


def _row_columns(
    data: list[Record],
    dim_rows: list[list[str]],
    roles: Roles,
    code: str,
    national: tuple,
    line_periods: list[tuple[str, str]] | None,
) -> dict[str, list]:
    """Output columns that are constant along a data line (one entry per line)."""
    out: dict[str, list] = {"table_code": [code] * len(data), "line": [r.line for r in data]}
    periods: Sequence[tuple[str | None, str | None]] = line_periods or _row_periods(dim_rows, roles)
    out["time_code"], out["period"] = [p[0] for p in periods], [p[1] for p in periods]
    if roles.code is None:
        out["ags"], out["region"] = [national[0]] * len(data), [national[1]] * len(data)
    else:
        ags_of = {key: to_ags(key) for key in {cells[roles.code] for cells in dim_rows}}
        out["ags"] = [ags_of[cells[roles.code]] for cells in dim_rows]
        out["region"] = [cells[roles.code + 1] for cells in dim_rows]
    for k, i in enumerate(roles.dims):
        out[f"dim_{k + 1}"] = [cells[i] for cells in dim_rows]
    return out


def _column_columns(columns: Columns, variables: list[str], labels: list[str]) -> dict[str, list]:
    """Output columns that are constant along a value column (one entry per column)."""
    out: dict[str, list] = {"variable": variables, "variable_label": labels, "unit": columns.units}
    if any(columns.periods):  # the header holds the time (years as columns)
        out["time_code"] = [p[0] if p else None for p in columns.periods]  # all set (_columns)
        out["period"] = [p[1] if p else None for p in columns.periods]
    for k, level in enumerate(columns.levels):
        out[f"header_{k + 1}"] = level
    return out


def _cell_status(source: Source, data: list[Record], dims: int, cells: pa.Array) -> list[pa.Array]:
    """value, status, symbol of every cell: once per distinct cell text, then spread. Plain numbers
    (most cells) are converted by Arrow, the other texts by parse_cell."""
    encoded = pc.dictionary_encode(cells)
    texts = encoded.dictionary
    plain = np.asarray(pc.match_substring_regex(texts, _PLAIN_NUMBER), dtype=bool)
    values = np.zeros(len(texts))
    values[plain] = pc.cast(pc.replace_substring(texts.filter(plain), ",", "."), pa.float64()).to_numpy()
    missing = np.zeros(len(texts), dtype=bool)
    statuses: list[str | None] = ["ok"] * len(texts)
    symbols: list[str | None] = [None] * len(texts)
    failed: dict[int, SymbolError] = {}
    for k in np.flatnonzero(~plain).tolist():
        try:
            value, statuses[k], symbols[k] = parse_cell(texts[k].as_py())
        except SymbolError as exc:
            value, statuses[k] = None, None
            failed[k] = exc
        missing[k] = value is None
        values[k] = 0.0 if value is None else value
    if failed:
        first = pc.indices_nonzero(pc.is_in(encoded.indices, pa.array(list(failed), encoded.indices.type)))
        at = first[0].as_py()
        width = len(cells) // len(data)
        record, column = data[at // width], at % width
        error = failed[encoded.indices[at].as_py()]
        raise ParseError(source.label, record.line, f"Spalte {dims + column + 1}: {error}") from error
    columns = (pa.array(values, pa.float64(), mask=missing), pa.array(statuses, pa.string()),
               pa.array(symbols, pa.string()))
    return [column.take(encoded.indices) for column in columns]


def _long_table(
    source: Source,
    data: list[Record],
    dims: int,
    width: int,
    rows: dict[str, list],
    cols: dict[str, list],
    cell_lines: dict[int, list[int]],
) -> pa.Table:
    """One output row per value cell (line by line, columns left to right), without a Python row loop.
    `cell_lines`: the source line of each value cell of a merged line (by line index)."""
    count = width - dims
    row_of = pa.array(np.repeat(np.arange(len(data), dtype=np.int64), count))
    col_of = pa.array(np.tile(np.arange(count, dtype=np.int64), len(data)))
    cells = pa.array([c for r in data for c in r.cells[dims:width]], pa.string())
    value, status, symbol = _cell_status(source, data, dims, cells)
    out = {"value": value, "status": status, "symbol": symbol}
    for name, items in rows.items():
        if name not in cols:
            out[name] = pa.array(items, pa.int64() if name == "line" else pa.string()).take(row_of)
    if cell_lines:
        lines = np.repeat(np.array(rows["line"], dtype=np.int64), count)
        for k, source_lines in cell_lines.items():
            lines[k * count : (k + 1) * count] = source_lines
        out["line"] = pa.array(lines)
    for name, items in cols.items():
        out[name] = pa.array(items, pa.string()).take(col_of)
    return pa.table(out)
