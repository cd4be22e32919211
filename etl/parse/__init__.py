"""Parsers: official statistics files and the local template -> tidy long tables.

`parse_file(path)` returns a `Parsed` (pandas) and `parse_file_arrow(path)` a `ParsedArrow`
(pyarrow, no copy); both in the column contract of docs/DATA_MODEL.md §2. Broken input raises
`ParseError` naming file, line and reason.
"""

from pathlib import Path

from etl.parse.errors import ParseError
from etl.parse.model import COLUMNS, META_KEYS, Parsed, ParsedArrow, to_pandas
from etl.parse.pipeline import parse_file_arrow

__all__ = ["COLUMNS", "META_KEYS", "ParseError", "Parsed", "ParsedArrow", "parse_file", "parse_file_arrow"]


def parse_file(path: str | Path, table_code: str | None = None) -> Parsed:
    """Parse one file (ZIP, ffcsv v5/v4, Tabellen-CSV or template) into a pandas DataFrame."""
    result = parse_file_arrow(path, table_code=table_code)
    return Parsed(table=to_pandas(result.table), meta=result.meta)
