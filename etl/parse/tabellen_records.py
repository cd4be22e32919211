"""Tabellen-CSV records: the title, header and footer lines as Python records, the data lines as Arrow
lists of cells.

The data lines are most of a file. Where each of them is one physical line (no quote, no bare CR up
to the footer: every GENESIS download seen so far), they are split by Arrow at C speed and numbered by
position; otherwise they are read by Python's csv module, as the other sections always are.
"""

import csv
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from etl.parse.errors import ParseError
from etl.parse.source import Source, csv_error

FOOTER = "__________"
#: line ends as Python's csv module reads them
_LINE_END = re.compile(r"\r\n|\r|\n")


@dataclass(slots=True)
class Record:
    line: int
    cells: list[str]

    @property
    def first(self) -> str:
        return self.cells[0].strip() if self.cells else ""


@dataclass
class DataLines:
    """The lines between the header and the footer, blank lines dropped."""

    cells: pa.ListArray  # the cells of each line as delivered
    lines: np.ndarray  # the line number of each (int64)

    def record(self, i: int) -> Record:
        return Record(int(self.lines[i]), self.cells[i].as_py())

    def take(self, rows: np.ndarray) -> "DataLines":
        return DataLines(self.cells.take(rows), self.lines[rows])


@dataclass
class Sections:
    first: Record  # `Tabelle: CODE`
    title: list[Record]
    header: list[Record]
    data: DataLines
    footer: list[Record]  # the records after the `__________` line


def read_sections(source: Source) -> Sections:
    """The file's records by section; a file without header, data lines or footer is an error."""
    text = source.read_text()
    first, title, header, (offset, line) = _head(source, text)
    data, footer = _split_body(source, text, offset, line) or _read_body(source, text, offset, line)
    return Sections(first, title, header, data, footer)


def filled(cells: list[str]) -> bool:
    """Some cell holds more than white space (one string test instead of one per cell)."""
    return bool("".join(cells).strip())


def _records(source: Source, lines: Iterable[str], line: int) -> Iterator[Record]:
    """The records of physical `lines`, the first of which is `line`; a record's line is where it
    starts (a quoted cell may span lines)."""
    reader = csv.reader(lines, delimiter=";")
    base = previous = line - 1
    try:
        for cells in reader:
            yield Record(previous + 1, cells)
            previous = base + reader.line_num
    except csv.Error as exc:
        raise csv_error(source.label, previous + 1, exc) from exc


def _head(
    source: Source, text: str
) -> tuple[Record, list[Record], list[Record], tuple[int, int]]:
    """The first record, the title and header records (blank ones dropped) and where the first data
    line starts (character offset, line): the first line with a first cell after the header lines,
    which are led by an empty cell."""
    title: list[Record] = []
    header: list[Record] = []
    lines = _Lines(text)
    records = _records(source, lines, 1)
    first = last = next(records, None)
    if first is None:
        raise _no_footer(source, None)
    end = lines.end
    for record in records:
        start, end = end, lines.end
        if record.first.startswith(FOOTER):
            if not header:
                raise ParseError(source.label, first.line + 1, "keine Spaltenkopfzeilen (mit ';' beginnend)")
            raise ParseError(source.label, header[-1].line + 1, "keine Datenzeilen")
        last = record
        if not filled(record.cells):
            continue
        if record.first and header:
            return first, title, header, (start, record.line)
        (header if header or not record.first else title).append(record)
    raise _no_footer(source, last)


def _no_footer(source: Source, last: Record | None) -> ParseError:
    return ParseError(source.label, last.line if last else None,
                      f"Fußzeile '{FOOTER}' fehlt (Datei unvollständig?)")


class _Lines:
    """The physical lines of a text (with their ends), split only as far as they are read; `end`: the
    offset after the last line read (the csv reader reads no line ahead of a record)."""

    def __init__(self, text: str) -> None:
        self.text, self.end = text, 0

    def __iter__(self) -> Iterator[str]:
        for match in _LINE_END.finditer(self.text):
            yield self._line(match.end())
        if self.end < len(self.text):
            yield self._line(len(self.text))

    def _line(self, end: int) -> str:
        line, self.end = self.text[self.end : end], end
        return line


def _read_body(source: Source, text: str, offset: int, line: int) -> tuple[DataLines, list[Record]]:
    """Data lines and footer records read record by record (Python's csv module)."""
    data: list[Record] = []
    last = None
    records = _records(source, io.StringIO(text[offset:], newline=""), line)
    for record in records:
        if record.first.startswith(FOOTER):
            cells = pa.array([r.cells for r in data], pa.list_(pa.string()))
            return DataLines(cells, np.array([r.line for r in data], np.int64)), list(records)
        if filled(record.cells):
            data.append(record)
        last = record
    raise _no_footer(source, last)


def _split_body(source: Source, text: str, offset: int, line: int) -> tuple[DataLines, list[Record]] | None:
    """Data lines split by Arrow and footer records, or None where a data record may span lines or
    hold a quoted cell (a quote or a bare CR before the footer), or a cell is longer than the csv
    module reads (which then names the error)."""
    footer = _footer_start(text, offset)
    if footer is None:
        return None
    body = text[offset:footer]
    if '"' in body:
        return None
    if "\r" in body:
        body = body.replace("\r\n", "\n")
        if "\r" in body:
            return None
    physical = pc.split_pattern(pa.array([body]), "\n").flatten()
    physical = physical.slice(0, len(physical) - 1)  # after the last line break
    cells = pc.split_pattern(physical, ";")
    if len(physical) and pc.max(pc.utf8_length(cells.flatten())).as_py() > csv.field_size_limit():
        return None
    keep = pc.not_equal(pc.utf8_trim_whitespace(pc.replace_substring(physical, ";", "")), "")
    numbers = np.arange(line, line + len(physical), dtype=np.int64)
    data = DataLines(cells.filter(keep), numbers[np.asarray(keep, dtype=bool)])
    footer_lines = io.StringIO(text[footer:], newline="")
    return data, list(_records(source, footer_lines, line + len(physical)))[1:]  # after the rule


def _footer_start(text: str, offset: int) -> int | None:
    """Offset of the first line from `offset` (a line start) whose first cell starts with the footer
    rule, read as physical lines (str.find, not a regex: the text is large)."""
    at = text.find(FOOTER, offset)
    while at >= 0:
        start = max(text.rfind("\n", offset, at), text.rfind("\r", offset, at), offset - 1) + 1
        if not text[start:at].strip():
            return start
        at = text.find(FOOTER, at + 1)
    return None
