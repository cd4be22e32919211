"""`python -m etl parse FILE [--csv]`: print the tidy table; header on stderr; exit 2 on bad input.

Without ``--csv`` every row is printed as right-aligned text columns (nulls as ``–``, values as in the
official files); with ``--csv`` as semicolon CSV (nulls empty, cells quoted only where they hold ``;``, a
quote or a line break, as Python's csv module writes them). Both texts are made with Arrow compute
functions straight from the parsed Arrow table and written in blocks of rows, without a pandas copy of
the table, so a Germany-size file prints in seconds and ``| head`` or ``| less`` stop early.
"""

import argparse
import os
import re
import sys
from collections.abc import Iterator

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from etl.parse import ParseError, parse_file_arrow

NULL_TEXT = "–"
SEPARATOR = "  "
CSV_DELIMITER = ";"
#: a CSV cell holding one of these is quoted (csv.QUOTE_MINIMAL with ';')
CSV_QUOTE_NEEDED = r'[;"\r\n]'
_QUOTE_NEEDED_BYTES = re.compile(CSV_QUOTE_NEEDED.encode())


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", help="ffcsv (also zipped), Tabellen-CSV or template CSV")
    parser.add_argument("--csv", action="store_true", help="semicolon CSV on stdout (for piping)")
    parser.add_argument("--table-code", help="table code to use instead of the one found in the file")


def symbol_counts(symbols: pa.ChunkedArray) -> list[tuple[str, int]]:
    """Each symbol that occurs and how often, most frequent first (ties in order of first occurrence)."""
    counts = pc.value_counts(symbols.drop_null()).to_pylist() if len(symbols) else []
    return sorted(((c["values"], c["counts"]) for c in counts), key=lambda item: -item[1])


def _summary(meta: dict, table: pa.Table) -> str:
    found = ", ".join(f"{s!s} ×{n}" for s, n in symbol_counts(table["symbol"])) or "keine"
    return "\n".join(
        [
            f"Datei:     {meta['file_name']}",
            f"Format:    {meta['format']}  Kodierung: {meta['encoding']}",
            f"Tabelle:   {meta['table_code']}  {meta['title'] or ''}".rstrip(),
            f"Stand:     {meta['stand'] or '–'}"
            + ("  (SYNTHETISCHE DEMODATEN)" if meta["synthetic"] else ""),
            f"Zeilen:    {meta['rows']}",
            f"Zeichen:   {found}",
        ]
    )


def german_values_arrow(values: pa.Array | pa.ChunkedArray) -> pa.Array:
    """Value texts as in the official files (NULL stays NULL): decimal comma, no thousands separator, no
    ``.0``; whole numbers through int64, the others through Python's float repr (Arrow's own float text
    differs, e.g. ``0.00001``)."""
    numbers = pc.cast(values, pa.float64())
    if isinstance(numbers, pa.ChunkedArray):
        numbers = numbers.combine_chunks()
    whole = pc.fill_null(pc.equal(numbers, pc.round(numbers)), False)
    as_int = pc.cast(pc.cast(pc.if_else(whole, numbers, 0.0), pa.int64()), pa.string())
    fraction = pc.and_(pc.invert(whole), pc.is_valid(numbers))
    text = pc.if_else(whole, as_int, pa.nulls(len(numbers), pa.string()))
    if pc.any(fraction).as_py():
        index = np.flatnonzero(fraction.to_numpy(zero_copy_only=False))
        reprs = pa.array([repr(x).replace(".", ",") for x in pc.take(numbers, index).to_pylist()],
                         pa.string())
        text = pc.replace_with_mask(text, fraction, reprs)
    return text


def text_columns(table: pa.Table, null: str = NULL_TEXT) -> dict[str, pa.Array]:
    """Every column as text: values in German notation, NULL as `null`."""
    columns = {}
    for name in table.column_names:
        column = table[name]
        text = german_values_arrow(column) if name == "value" else pc.cast(column, pa.string())
        if isinstance(text, pa.ChunkedArray):
            text = text.combine_chunks()
        columns[name] = pc.fill_null(text, null)
    return columns


def _joined_bytes(lines: pa.Array) -> bytes:
    """The strings of a StringArray without NULLs, each followed by a newline, as one bytes object."""
    with_newline = pc.binary_join_element_wise(lines, "", "\n")
    offsets, data = with_newline.buffers()[1:3]
    bounds = np.frombuffer(offsets, dtype=np.int32)[with_newline.offset:with_newline.offset + len(lines) + 1]
    return memoryview(data)[bounds[0]:bounds[-1]].tobytes() if len(lines) else b""


def aligned_lines(table: pa.Table, chunk: int = 100_000) -> Iterator[bytes]:
    """The table as right-aligned UTF-8 text columns, header line first, then blocks of ``chunk`` rows
    (each line ends with a newline)."""
    text = text_columns(table)
    widths = {name: max(len(name), pc.max(pc.utf8_length(column)).as_py() or 0)
              for name, column in text.items()}
    yield (SEPARATOR.join(name.rjust(widths[name]) for name in text) + "\n").encode()
    for start in range(0, table.num_rows, chunk):
        cells = [pc.utf8_lpad(column.slice(start, chunk), width=widths[name], padding=" ")
                 for name, column in text.items()]
        yield _joined_bytes(pc.binary_join_element_wise(*cells, SEPARATOR))


def _csv_cells(text: pa.Array) -> pa.Array:
    """Texts as CSV cells: quoted, with quotes doubled, where they hold the delimiter, a quote or a line
    break; else as they are. Most columns hold none of them: one scan of the text bytes finds that."""
    if not _QUOTE_NEEDED_BYTES.search(memoryview(text.buffers()[2] or b"")):
        return text
    quoted = pc.binary_join_element_wise('"', pc.replace_substring(text, '"', '""'), '"', "")
    return pc.if_else(pc.match_substring_regex(text, CSV_QUOTE_NEEDED), quoted, text)


def csv_lines(table: pa.Table, chunk: int = 100_000) -> Iterator[bytes]:
    """The table as semicolon CSV in UTF-8 (header line first, NULL empty), in blocks of ``chunk`` rows."""
    text = {name: _csv_cells(column) for name, column in text_columns(table, null="").items()}
    yield (CSV_DELIMITER.join(_csv_cells(pa.array(list(text))).to_pylist()) + "\n").encode()
    for start in range(0, table.num_rows, chunk):
        cells = [column.slice(start, chunk) for column in text.values()]
        yield _joined_bytes(pc.binary_join_element_wise(*cells, CSV_DELIMITER))


def main(args: argparse.Namespace) -> int:
    try:
        parsed = parse_file_arrow(args.file, table_code=args.table_code)
    except ParseError as exc:
        print(f"Fehler: {exc}", file=sys.stderr)
        return 2
    print(_summary(parsed.meta, parsed.table), file=sys.stderr)
    try:
        out = sys.stdout.buffer
        for block in (csv_lines if args.csv else aligned_lines)(parsed.table):
            out.write(block)
        sys.stdout.flush()
    except BrokenPipeError:  # e.g. `| head`: the reader has what it wanted
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - keeps the interpreter's final flush quiet
    return 0
