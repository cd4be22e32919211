"""Dispatch a file to its format parser and assemble the metadata."""

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pyarrow as pa

from etl.parse.ffcsv import parse_ffcsv
from etl.parse.model import COLUMNS, META_KEYS, ParsedArrow
from etl.parse.source import Source, open_source
from etl.parse.tabellen import parse_tabellen
from etl.parse.template import parse_template


def _order(table: pa.Table) -> pa.Table:
    extra = [name for name in table.column_names if name not in COLUMNS]
    return table.select([*COLUMNS, *extra])


@contextmanager
def _no_cyclic_gc() -> Iterator[None]:
    """The cyclic garbage collector paused: a parse allocates millions of lists and strings (no cycles),
    and the collector's passes over them cost more than half the time of a Tabellen-CSV."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _parse(source: Source, table_code: str | None) -> tuple[pa.Table, dict]:
    if source.kind in ("ffcsv5", "ffcsv4"):
        return parse_ffcsv(source, table_code)
    if source.kind == "tabellen_csv":
        return parse_tabellen(source, table_code)
    return parse_template(source)


def parse_file_arrow(path: str | Path, table_code: str | None = None) -> ParsedArrow:
    """Parse one file into a pyarrow Table (DATA_MODEL §2 columns) and its meta dict.

    `table_code` overrides the code taken from the file (ffcsv files only name the statistic).
    """
    with open_source(path) as source, _no_cyclic_gc():
        table, found = _parse(source, table_code)
        meta = dict.fromkeys(META_KEYS)
        meta.update(
            file_name=Path(path).name,
            sha256=source.sha256,
            format=source.kind,
            encoding=source.encoding,
            synthetic=False,
        )
        meta.update(found)
        meta["rows"] = table.num_rows
        return ParsedArrow(table=_order(table), meta=meta)
