"""Parser result: the tidy long table (docs/DATA_MODEL.md §2) and its file metadata."""

from dataclasses import dataclass, field
from typing import Any

import pandas as pd
import pyarrow as pa

#: Fixed leading columns of every parsed table; classification columns follow.
COLUMNS = (
    "table_code",
    "time_code",
    "period",
    "ags",
    "region",
    "variable",
    "variable_label",
    "unit",
    "value",
    "status",
    "symbol",
    "line",
)
META_KEYS = (
    "file_name",
    "sha256",
    "format",
    "table_code",
    "title",
    "stand",
    "copyright",
    "encoding",
    "synthetic",
    "rows",
    "merged_lines",
)
SYNTHETIC_MARKER = "SYNTHETISCHE DEMODATEN"


@dataclass
class ParsedArrow:
    """Parser result as a pyarrow Table (no pandas copy)."""

    table: pa.Table
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass
class Parsed:
    """Parser result: `table` is a pandas DataFrame with the columns of COLUMNS + classifications."""

    table: pd.DataFrame
    meta: dict[str, Any] = field(default_factory=dict)


def arrow_from_rows(rows: dict[str, list], extra: list[str]) -> pa.Table:
    """Build the result table from column lists (small files)."""
    types = {"value": pa.float64(), "line": pa.int64()}
    arrays = {name: pa.array(rows[name], type=types.get(name, pa.string())) for name in (*COLUMNS, *extra)}
    return pa.table(arrays)


def to_pandas(table: pa.Table) -> pd.DataFrame:
    """Arrow -> pandas with the pandas default `str` dtype for text, float64 values, int64 lines."""
    return table.to_pandas(split_blocks=True, self_destruct=True)
