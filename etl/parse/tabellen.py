"""GENESIS Tabellen-CSV (formatted table export) -> tidy long table. See docs/FORMATS_NOTES.md.

Layout: `Tabelle: CODE`, title lines, header lines (led by one empty cell per row dimension,
the last one often units), data lines, `__________` footer with footnotes, © line, `Stand:`.
The time is a row dimension, a header level, or a period line (`2015;;;`) ending the title block
and, in tables with several periods, starting each further block of data lines.
"""

import re
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from etl.parse.errors import ParseError
from etl.parse.model import COLUMNS, SYNTHETIC_MARKER
from etl.parse.periods import MONTHS_DE, infer_period, line_period
from etl.parse.regions import LEVEL_VERBAND, to_ags, verband_keys
from etl.parse.source import Source
from etl.parse.tabellen_records import DataLines, Record, filled, read_sections
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
#: a cell parse_cell reads as a plain number ("ok", no symbol), with at most 15 digits per part (exact in
#: both Python's and Arrow's conversion); every other cell goes through parse_cell
_PLAIN_NUMBER = r"^-?[0-9]{1,15}(,[0-9]{1,15})?$"


def _is_period_line(record: Record) -> tuple[str, str] | None:
    """(time_code, period) when the line holds only a period in its first cell."""
    if filled(record.cells[1:]):
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


@dataclass
class Blocks:
    """The period of each data line in a table with period lines: `periods[index[line]]`."""

    periods: list[tuple[str, str]]
    index: np.ndarray

    def of(self, i: int) -> tuple[str, str]:
        return self.periods[self.index[i]]


def _blank(lists: pa.ListArray) -> np.ndarray:
    """Per list: no cell holds more than white space."""
    return np.asarray(pc.equal(pc.utf8_trim_whitespace(pc.binary_join(lists, "")), ""), dtype=bool)


def _blocks(
    source: Source, data: DataLines, header: list[Record], dims: int, first: tuple[str, str]
) -> tuple[DataLines, Blocks]:
    """Data lines and the period of each: that of the last period line above it. A period line may
    be followed by the header lines again (they must repeat the first header) or by data lines.
    Only lines that may be a period or header line are looked at one by one; runs of other lines
    between them are data lines."""
    rest_blank, lead_blank = _blank(pc.list_slice(data.cells, 1)), _blank(pc.list_slice(data.cells, 0, dims))
    expected = [_stripped(r.cells) for r in header]
    count = len(data.lines)
    keep, index = np.ones(count, dtype=bool), np.zeros(count, dtype=np.int64)
    periods, repeated, opened, start = [first], None, None, 0
    for i in [*np.flatnonzero(rest_blank | lead_blank).tolist(), count]:
        if start < i:  # data lines start .. i - 1
            if repeated not in (None, 0, len(expected)):
                raise ParseError(source.label, int(data.lines[start]), "Spaltenkopf des Blocks unvollständig")
            repeated = opened = None
            index[start:i] = len(periods) - 1
        if i == count:
            break
        record, start = data.record(i), i + 1
        if repeated is not None and lead_blank[i]:
            if repeated == len(expected) or _stripped(record.cells) != expected[repeated]:
                raise ParseError(
                    source.label, record.line, "Spaltenkopf des Blocks weicht vom ersten Spaltenkopf ab"
                )
            repeated, keep[i] = repeated + 1, False
            continue
        if repeated not in (None, 0, len(expected)):
            raise ParseError(source.label, record.line, "Spaltenkopf des Blocks unvollständig")
        repeated = None
        if rest_blank[i] and (period := _is_period_line(record)):
            if opened is not None:
                raise ParseError(source.label, opened, "Zeitzeile ohne Datenzeilen")
            periods.append(period)
            repeated, opened, keep[i] = 0, record.line, False
            continue
        index[i], opened = len(periods) - 1, None
    if opened is not None:
        raise ParseError(source.label, opened, "Zeitzeile ohne Datenzeilen")
    rows = np.flatnonzero(keep)
    return data.take(rows), Blocks(periods, index[rows])


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


def _roles(distinct: list[set[str]], dims: int, time_given: bool) -> Roles:
    """Roles of the row-dimension columns from their distinct cells (every test holds for all cells
    of a column or not)."""
    column = distinct.__getitem__

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
    sections = read_sections(source)
    code = sections.first.first.split(":", 1)[1].strip()
    header, data = sections.header, sections.data
    title, first_period = _title_period(sections.title)
    dims = min(_leading_empty(r.cells) for r in header)
    columns = _columns(header, dims, title)
    blocks = None
    if first_period:
        if any(columns.periods):
            raise ParseError(
                source.label, header[0].line, "Zeit sowohl in einer Zeitzeile als auch im Spaltenkopf"
            )
        data, blocks = _blocks(source, data, header, dims, first_period)
    if not columns.levels and not title:
        reason = "Wertspalten ohne Namen: weder Spaltenkopf noch Titelzeile"
        raise ParseError(source.label, header[0].line, reason)
    variables, labels = _variable(columns, title)
    grid = _grid(source, data, dims, dims + len(variables))
    distinct = [_distinct(column) for column in grid.dims]
    roles = _roles(distinct, dims, any(columns.periods) or blocks is not None)
    if roles.time is None and not any(columns.periods) and blocks is None:
        reason = "keine Zeitspalte erkannt (Datum, Jahr, Schuljahr)"
        raise ParseError(source.label, int(grid.lines[0]), reason)
    verbaende = verband_keys(distinct[roles.code]) if roles.code is not None else set()
    moved = _moved_groups(grid, roles, blocks, verbaende, distinct)
    merged_lines = [[int(grid.lines[i]) for i in group] for group in moved]
    grid, blocks, cell_lines = _merge_moved(source, grid, blocks, moved, dims, roles.code)
    national = ("DG", "Deutschland") if roles.code is None and _national(title) else (None, None)
    extra = [f"dim_{k + 1}" for k in range(len(roles.dims))] + [
        f"header_{k + 1}" for k in range(len(columns.levels))
    ]
    rows = _row_columns(grid, roles, table_code or code, national, blocks)
    if verbaende and roles.code is not None:  # Verbände are found in the region key column only
        is_verband = pc.is_in(grid.dims[roles.code], pa.array(sorted(verbaende), pa.string()))
        rows["region_level"] = pc.if_else(is_verband, LEVEL_VERBAND, pa.scalar(None, pa.string()))
        extra.append("region_level")
    cols = _column_columns(columns, variables, labels)
    table = _long_table(source, grid, dims, rows, cols, cell_lines)
    title_text = " ".join(r.first for r in title)
    meta = {
        "table_code": table_code or code,
        "title": title_text,
        "synthetic": SYNTHETIC_MARKER in title_text,
        "merged_lines": merged_lines,
        **_footer(source, sections.footer),
    }
    return table.select([*COLUMNS, *extra]), meta


@dataclass
class Grid:
    """The data lines as columns: the row-dimension cells (stripped, an empty cell filled from the line
    above), the value cells as delivered (line by line, left to right, `count` per line), the lines."""

    dims: list[pa.Array]
    values: pa.Array
    lines: np.ndarray
    count: int

    def take(self, rows: np.ndarray, cells: np.ndarray) -> "Grid":
        """The lines `rows` with the value cells at the positions `cells`."""
        dims = [column.take(rows) for column in self.dims]
        return Grid(dims, self.values.take(cells), self.lines[rows], self.count)


def _distinct(column: pa.Array) -> set[str]:
    return set(pc.unique(column).to_pylist())


def _grid(source: Source, data: DataLines, dims: int, width: int) -> Grid:
    """Every data line holds `width` cells (more only when the extra ones are empty)."""
    counts = np.asarray(pc.list_value_length(data.cells))
    wrong = np.flatnonzero((counts < width) | ~_blank(pc.list_slice(data.cells, width)))
    if len(wrong):
        record = data.record(int(wrong[0]))
        found = max((i + 1 for i, c in enumerate(record.cells) if c.strip()), default=0)
        raise ParseError(
            source.label,
            record.line,
            f"falsche Spaltenzahl: erwartet {width}, gefunden {max(len(record.cells), found)}",
        )
    cells = data.cells if counts.max() == width else pc.list_slice(data.cells, 0, width)
    flat = pc.list_flatten(cells)
    starts = np.arange(len(counts), dtype=np.int64) * width
    columns = []
    for j in range(dims):
        column = pc.utf8_trim_whitespace(flat.take(starts + j))
        column = pc.if_else(pc.equal(column, ""), pa.scalar(None, pa.string()), column)
        columns.append(pc.fill_null(pc.fill_null_forward(column), ""))
    values = flat.take((starts[:, None] + np.arange(dims, width)).ravel())
    return Grid(columns, values, data.lines, width - dims)


def _moved_groups(
    grid: Grid, roles: Roles, blocks: Blocks | None, verbaende: set[str], distinct: list[set[str]]
) -> list[list[int]]:
    """Indexes of the data lines of one Gemeinde listed under two or more Gemeindeverbände (Regio lists a
    Gemeinde that moved to another Verband under both, `-` where it was not a member): lines whose
    delivered keys differ, give the same AGS (at least one a 10-12-digit key) and agree in period and
    every other row dimension. The region label may differ (`Cochem, verbandsfr. Gemeinde` /
    `Cochem, Stadt`). Lines of Gemeindeverbände are never merged. `distinct`: the distinct cells of
    each row-dimension column."""
    if roles.code is None:
        return []
    at, label = roles.code, roles.code + 1
    # a group needs two distinct keys of one AGS, one of them 10-12 digits: only the lines of such AGS
    ags_of = {key: to_ags(key) for key in distinct[at] - verbaende}
    long_ags = {ags for key, ags in ags_of.items() if ags != key}
    shared = sorted(key for key, ags in ags_of.items() if ags in long_ags)
    if not shared:
        return []
    lines = np.flatnonzero(np.asarray(pc.is_in(grid.dims[at], pa.array(shared, pa.string())), dtype=bool))
    cells = list(zip(*(column.take(lines).to_pylist() for column in grid.dims), strict=True))
    groups: dict[tuple, list[tuple[int, str]]] = {}
    for i, row in zip(lines.tolist(), cells, strict=True):
        ident = (ags_of[row[at]], *row[:at], *row[label + 1 :], blocks.of(i) if blocks else None)
        groups.setdefault(ident, []).append((i, row[at]))
    return [
        [i for i, _ in group]
        for group in groups.values()
        if len(group) > 1
        and len({key for _, key in group}) == len(group)
        and any(to_ags(key) != key for _, key in group)
    ]


def _has_number(source: Source, text: str, line: int, column: int) -> bool:
    """The cell holds a number (`-` parses as 0 but here says "not a member then")."""
    try:
        return text != NOT_HERE and parse_cell(text)[0] is not None
    except SymbolError as exc:
        raise ParseError(source.label, line, f"Spalte {column + 1}: {exc}") from exc


def _merge_cell(source: Source, texts: list[str], lines: list[int], keys: list[str], column: int) -> int:
    """Which of one Gemeinde's lines (delivered `keys`, cells `texts` in `column`) the merged line takes
    the cell from: the one with a number; without a number the one whose cell is not `-` (`.`: not
    given under this Verband), else the first. Two different cells left to choose from (two numbers,
    or two symbols other than `-`) are an error naming both lines."""
    texts = [t.strip() for t in texts]
    chosen = [k for k, t in enumerate(texts) if _has_number(source, t, lines[k], column)]
    chosen = chosen or [k for k, t in enumerate(texts) if t != NOT_HERE] or [0]
    distinct = list(dict.fromkeys(texts[k] for k in chosen))
    if len(distinct) > 1:
        a, b = texts.index(distinct[0]), texts.index(distinct[1])
        raise ParseError(
            source.label,
            lines[b],
            f"Spalte {column + 1}: Gemeinde {to_ags(keys[a])} unter zwei Gemeindeverbänden mit verschiedenen"
            f" Angaben: {texts[a]!r} in Zeile {lines[a]} ({keys[a]}), {texts[b]!r} in Zeile"
            f" {lines[b]} ({keys[b]})",
        )
    return chosen[0]


def _merge_moved(
    source: Source, grid: Grid, blocks: Blocks | None, moved: list[list[int]], dims: int, at: int | None
) -> tuple[Grid, Blocks | None, np.ndarray | None]:
    """Each group of `moved` as one line at the place of its first line (row dimensions and label of the
    first line, each value cell by `_merge_cell`; `at`: the key column); also the source line of every
    value cell (None without merges)."""
    if not moved or at is None:
        return grid, blocks, None
    count = grid.count
    cells = np.arange(len(grid.lines) * count, dtype=np.int64).reshape(-1, count)
    cell_lines = np.repeat(grid.lines, count).reshape(-1, count)
    for group in moved:
        texts = grid.values.take(cells[group].ravel()).to_pylist()
        keys = grid.dims[at].take(group).to_pylist()
        lines = [int(grid.lines[i]) for i in group]
        for j in range(count):
            k = _merge_cell(source, texts[j::count], lines, keys, dims + j)
            cells[group[0], j], cell_lines[group[0], j] = cells[group[k], j], lines[k]
    rows = np.setdiff1d(np.arange(len(grid.lines)), [i for group in moved for i in group[1:]])
    merged = grid.take(rows, cells[rows].ravel())
    return merged, Blocks(blocks.periods, blocks.index[rows]) if blocks else None, cell_lines[rows].ravel()


def _row_periods(grid: Grid, roles: Roles) -> tuple[pa.Array, pa.Array]:
    """time_code and period of every line from its time (and month) cell, inferred once per distinct
    cell (pair)."""
    count = len(grid.lines)
    if roles.time is None:
        return pa.nulls(count, pa.string()), pa.nulls(count, pa.string())
    time = pc.dictionary_encode(grid.dims[roles.time])
    times = time.dictionary.to_pylist()
    pairs = np.asarray(time.indices, dtype=np.int64)
    months: list[str | None] = [None]
    if roles.month is not None:
        month = pc.dictionary_encode(grid.dims[roles.month])
        months = month.dictionary.to_pylist()
        pairs = pairs * len(months) + np.asarray(month.indices, dtype=np.int64)
    distinct, index = np.unique(pairs, return_inverse=True)
    found = []
    for pair in distinct.tolist():
        inferred = infer_period(times[pair // len(months)])
        assert inferred is not None  # the time column is one whose every cell is a time (_roles)
        name = months[pair % len(months)]
        found.append(("MONAT", f"{inferred[1]}-{MONTHS_DE[name]:02d}") if name is not None else inferred)
    indices = pa.array(index.ravel())
    return tuple(pa.array([f[k] for f in found], pa.string()).take(indices) for k in (0, 1))


def _constant(value: str | None, count: int) -> pa.Array:
    return pa.nulls(count, pa.string()) if value is None else pa.repeat(pa.scalar(value, pa.string()), count)


def _row_columns(
    grid: Grid, roles: Roles, code: str, national: tuple, blocks: Blocks | None
) -> dict[str, pa.Array]:
    """Output columns that are constant along a data line (one entry per line)."""
    count = len(grid.lines)
    out = {"table_code": _constant(code, count), "line": pa.array(grid.lines)}
    if blocks:
        index = pa.array(blocks.index)
        out["time_code"], out["period"] = (pa.array([p[k] for p in blocks.periods], pa.string()).take(index)
                                           for k in (0, 1))
    else:
        out["time_code"], out["period"] = _row_periods(grid, roles)
    if roles.code is None:
        out["ags"], out["region"] = _constant(national[0], count), _constant(national[1], count)
    else:
        keys = pc.dictionary_encode(grid.dims[roles.code])
        ags = pa.array([to_ags(key) for key in keys.dictionary.to_pylist()], pa.string())
        out["ags"], out["region"] = ags.take(keys.indices), grid.dims[roles.code + 1]
    for k, i in enumerate(roles.dims):
        out[f"dim_{k + 1}"] = grid.dims[i]
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


def _cell_status(source: Source, lines: np.ndarray, dims: int, cells: pa.Array) -> list[pa.Array]:
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
        width = len(cells) // len(lines)
        line, column = int(lines[at // width]), at % width
        error = failed[encoded.indices[at].as_py()]
        raise ParseError(source.label, line, f"Spalte {dims + column + 1}: {error}") from error
    columns = (pa.array(values, pa.float64(), mask=missing), pa.array(statuses, pa.string()),
               pa.array(symbols, pa.string()))
    return [column.take(encoded.indices) for column in columns]


def _long_table(
    source: Source,
    grid: Grid,
    dims: int,
    rows: dict[str, pa.Array],
    cols: dict[str, list],
    cell_lines: np.ndarray | None,
) -> pa.Table:
    """One output row per value cell (line by line, columns left to right), without a Python row loop.
    `cell_lines`: the source line of each value cell (lines merged from several)."""
    count = grid.count
    row_of = pa.array(np.repeat(np.arange(len(grid.lines), dtype=np.int64), count))
    col_of = pa.array(np.tile(np.arange(count, dtype=np.int64), len(grid.lines)))
    value, status, symbol = _cell_status(source, grid.lines, dims, grid.values)
    out = {"value": value, "status": status, "symbol": symbol}
    for name, column in rows.items():
        if name not in cols:
            out[name] = column.take(row_of)
    if cell_lines is not None:
        out["line"] = pa.array(cell_lines)
    for name, items in cols.items():
        out[name] = pa.array(items, pa.string()).take(col_of)
    return pa.table(out)
