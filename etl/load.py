"""raw layer: parse every source file and load it into raw."<table_code>" plus raw.files."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, is_dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pyarrow as pa

from etl.parse.errors import ParseError, UnsupportedFile
from etl.parse.ffcsv import is_statistic_code
from etl.parse.source import remove_stale_temp
from etl.sqlnames import ident
from etl.validate import ERROR, WARNING, Finding

#: .json: web-service responses saved among the downloads are found and skipped with a warning
SOURCE_SUFFIXES = (".csv", ".zip", ".json")
#: The demo's and ``python -m etl fetch``'s record of the files in a source folder.
MANIFEST = "manifest.json"
GERMAN_DATE_TIME = re.compile(r"^(\d{2})\.(\d{2})\.(\d{4})\s+(\d{2}:\d{2}:\d{2})h?$")
TABLE_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
TYPES = {"value": "DOUBLE", "line": "INTEGER"}
#: a parsed table at least this large is inserted alone: the next file is parsed after it, not meanwhile
#: (two large tables and a parse at once set the build's peak memory: 1.36 GB on the Germany demo)
LOOKAHEAD_BYTES = 256 << 20
FILE_COLUMNS = ("file_name", "sha256", "format", "table_code", "title", "stand", "copyright", "encoding",
                "synthetic", "rows")


def source_files(source_dir: Path) -> list[Path]:
    """The .csv, .zip and .json files directly in source_dir (not in subfolders such as meta/, not the
    folder's manifest.json), sorted."""
    return sorted(p for p in source_dir.iterdir()
                  if p.is_file() and p.suffix.lower() in SOURCE_SUFFIXES and p.name != MANIFEST)


def _iso_stand(text: str) -> str:
    """``31.03.2025 11:18:07h`` (GENESIS metadata ``Updated``) → ``2025-03-31T11:18:07``; ISO stays, without
    a UTC offset (a Stand is local time, as in the files' own ``Stand:`` lines)."""
    match = GERMAN_DATE_TIME.match(text.strip())
    return f"{match[3]}-{match[2]}-{match[1]}T{match[4]}" if match else text.strip()[:19]


def manifest_stands(source_dir: Path) -> dict[str, str]:
    """File name → Stand from ``manifest.json`` in source_dir. Flat files carry no Stand of their own:
    it comes from the web service's metadata ``Updated`` (fetch manifest: ``tables``) or the demo's fixed
    Stand (demo manifest: ``stand`` + ``files``). A manifest that is not valid JSON is an error."""
    path = source_dir / MANIFEST
    if not path.is_file():
        return {}
    try:
        body = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ValueError(f"{path}: kein gültiges JSON ({exc})") from exc
    stands = {}
    if body.get("stand"):
        stands.update({entry["file"]: _iso_stand(body["stand"]) for entry in body.get("files", [])})
    for entry in body.get("tables", {}).values():
        stand = entry.get("stand") or entry.get("updated")
        if stand and entry.get("file"):
            stands[entry["file"]] = _iso_stand(stand)
    return stands


def _meta(parsed: Any) -> dict[str, Any]:
    meta = parsed.meta
    return asdict(meta) if is_dataclass(meta) and not isinstance(meta, type) else dict(meta)


def _arrow(table: pa.Table | pd.DataFrame) -> pa.Table:
    return table if isinstance(table, pa.Table) else pa.Table.from_pandas(table, preserve_index=False)



def _existing_columns(con: duckdb.DuckDBPyConnection, code: str) -> list[str] | None:
    rows = con.execute("SELECT column_name FROM information_schema.columns WHERE table_schema = 'raw'"
                       " AND table_name = ? ORDER BY ordinal_position", [code]).fetchall()
    return [r[0] for r in rows] or None


def insert_frame(con: duckdb.DuckDBPyConnection, code: str, table: pa.Table, file_id: int) -> None:
    """Append a parsed table to raw."<code>" (created on first use; new columns added as TEXT).

    Columns are cast to the contract types (value DOUBLE, line INTEGER, everything else TEXT), so a
    column that is empty in one file does not fix a wrong type for the next.
    """
    target = f"raw.{ident(code)}"
    select = ", ".join(f"CAST({ident(c)} AS {TYPES.get(c, 'TEXT')}) AS {ident(c)}"
                       for c in table.column_names)
    con.register("_frame", table)
    try:
        existing = _existing_columns(con, code)
        if existing is None:
            con.execute(f"CREATE TABLE {target} AS SELECT {select}, CAST({file_id:d} AS INTEGER) AS file_id"
                        " FROM _frame")
            return
        for column in table.column_names:
            if column not in existing:
                con.execute(f"ALTER TABLE {target} ADD COLUMN {ident(column)} {TYPES.get(column, 'TEXT')}")
        con.execute(f"INSERT INTO {target} BY NAME SELECT {select}, CAST({file_id:d} AS INTEGER) AS file_id"
                    " FROM _frame")
    finally:
        con.unregister("_frame")


def _record_file(con: duckdb.DuckDBPyConnection, file_id: int, meta: dict[str, Any], path: Path) -> None:
    values = [meta.get(c) for c in FILE_COLUMNS]
    values[0] = values[0] or path.name
    values[5] = None if values[5] is None else str(values[5])
    con.execute("INSERT INTO raw.files VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [file_id, *values, datetime.now(UTC).replace(tzinfo=None)])


def _parse(parse: Callable[[Path], Any], path: Path) -> Any:
    """parse(path), or the Finding that reports its failure: an error naming file (ZIP member), line and
    reason, or a warning (`skipped_file`) for a file of a kind the monitor does not read."""
    try:
        return parse(path)
    except UnsupportedFile as exc:
        return Finding(WARNING, "skipped_file", exc.file, exc.line, None,
                       f"übersprungen, kein unterstütztes Format: {exc.reason}")
    except ParseError as exc:
        return Finding(ERROR, "parse", exc.file, exc.line, None, exc.reason)
    except (ValueError, OSError, LookupError, MemoryError) as exc:
        return Finding(ERROR, "parse", path.name, None, None, f"Datei nicht lesbar: {exc}")


def _insert(con: duckdb.DuckDBPyConnection, path: Path, file_id: int, parsed: Any,
            stand: str | None = None) -> tuple[int, list[Finding]]:
    """Load one parse result (or report its failure); returns (rows, findings). ``stand`` (from the
    folder's manifest) is used when the file itself states none."""
    if isinstance(parsed, Finding):
        return 0, [parsed]
    meta = _meta(parsed)
    meta["stand"] = meta.get("stand") or stand
    code = meta.get("table_code") or ""
    if not TABLE_CODE.match(code):
        reason = f"ungültiger Tabellencode {code!r}"
        return 0, [Finding(ERROR, "parse", path.name, None, code or None, reason)]
    table = _arrow(parsed.table)
    insert_frame(con, code, table, file_id)
    meta["rows"] = table.num_rows
    _record_file(con, file_id, meta, path)
    return table.num_rows, _code_findings(path, meta) + _merge_findings(path, meta)


def _merge_findings(path: Path, meta: dict[str, Any]) -> list[Finding]:
    """Lines of one Gemeinde under two Gemeindeverbände that the parser merged (meta `merged_lines`,
    etl/parse/tabellen.py): say how many, with the first pair."""
    groups = meta.get("merged_lines") or []
    if not groups:
        return []
    first = " + ".join(str(line) for line in groups[0])
    return [Finding(WARNING, "merged_lines", meta.get("file_name") or path.name, groups[0][0],
                    meta.get("table_code"),
                    f"{len(groups)} Gemeinden stehen unter zwei Gemeindeverbänden (Wechsel des Verbands),"
                    f" je Gemeinde zu einer Zeile zusammengeführt: die Zahl gilt, '-' heißt dort"
                    f" 'damals nicht Mitglied' (erste: Zeilen {first})")]


def _code_findings(path: Path, meta: dict[str, Any]) -> list[Finding]:
    """A flat file whose name carries no table code falls back to its statistic code: say so."""
    code = meta.get("table_code")
    if not str(meta.get("format", "")).startswith("ffcsv") or not is_statistic_code(code):
        return []
    return [Finding(WARNING, "table_code", path.name, None, code,
                    f"Dateiname enthält keinen Tabellencode, die Datei nennt nur den Statistik-Code {code};"
                    f" geladen als raw.\"{code}\". Datei als <Tabellencode>_<Zeit>_de_flat.csv benennen"
                    " (z. B. 12411-01-01-4_…) oder mit --table-code parsen")]


def load_file(con: duckdb.DuckDBPyConnection, path: Path, file_id: int,
              parse: Callable[[Path], Any]) -> tuple[int, list[Finding]]:
    """Parse one file and load it; returns (rows, findings). A parse failure is an error finding."""
    return _insert(con, path, file_id, _parse(parse, path))


def _small(parsed: Any) -> bool:
    """False for a parsed Arrow table of LOOKAHEAD_BYTES or more (a failure or a pandas frame: True)."""
    return isinstance(parsed, Finding) or getattr(parsed.table, "nbytes", 0) < LOOKAHEAD_BYTES


def load_raw(con: duckdb.DuckDBPyConnection, source_dir: Path, parse: Callable[[Path], Any],
             progress: Callable[[str], None] = print) -> tuple[int, list[Finding]]:
    """Load every source file of source_dir into raw; returns (total rows, findings).

    The next file is parsed in a background thread while the current one is inserted (parser and
    DuckDB release the GIL), so unzipping and Python parts of one overlap the insert of the other;
    not while a table of LOOKAHEAD_BYTES or more is inserted (memory).
    """
    for folder in remove_stale_temp():
        progress(f"entfernt: Rest eines abgebrochenen Laufs {folder}")
    files = source_files(source_dir)
    if not files:
        reason = "keine .csv-, .zip- oder .json-Dateien gefunden"
        return 0, [Finding(ERROR, "parse", str(source_dir), None, None, reason)]
    try:
        stands = manifest_stands(source_dir)
    except ValueError as exc:
        return 0, [Finding(ERROR, "parse", MANIFEST, None, None, str(exc))]
    total, findings = 0, []
    with ThreadPoolExecutor(1, thread_name_prefix="parse") as pool:
        pending = pool.submit(_parse, parse, files[0])
        for file_id, path in enumerate(files, start=1):
            start = time.perf_counter()
            parsed = pending.result()
            ahead = file_id < len(files) and _small(parsed)
            if ahead:
                pending = pool.submit(_parse, parse, files[file_id])
            rows, found = _insert(con, path, file_id, parsed, stands.get(path.name))
            del parsed  # at most two parsed files in memory
            if file_id < len(files) and not ahead:
                pending = pool.submit(_parse, parse, files[file_id])
            total += rows
            findings += found
            status = "FEHLER" if any(f.severity == ERROR for f in found) else f"{rows} Zeilen"
            progress(f"raw  {path.name}: {status}, {time.perf_counter() - start:.2f} s")
    return total, findings
