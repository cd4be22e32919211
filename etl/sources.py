"""Source files from several folders with precedence, and the boundaries file of a build.

A build may read several source folders, e.g. ``data/demo``, ``data/raw`` and ``data/uploads``
(docs/UPLOAD.md). Rules, applied to the ``.csv``/``.zip`` files directly in each folder:

1. later folders win for the same table code: all files of that code in earlier folders are dropped;
2. a non-synthetic file replaces the synthetic files of the same core subject (``core`` in
   ``catalogue/sources.toml``), so real and demo figures never mix in one core table.

A file whose head cannot be read is kept: the build then reports it (file, line, reason).
"""

from __future__ import annotations

import csv
import json
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import duckdb

from etl import CATALOGUE_DIR
from etl.catalogue import load_sources
from etl.load import MANIFEST, manifest_stands, source_files
from etl.parse.errors import ParseError
from etl.parse.ffcsv import table_code_from_name
from etl.parse.model import SYNTHETIC_MARKER
from etl.parse.source import open_source
from etl.validate import ERROR, Finding

HEAD_BYTES = 1 << 16
#: the boundaries file looked for in every source folder (etl.boundaries writes it)
BOUNDARIES = Path("geo") / "boundaries.geojson"


@dataclass(frozen=True)
class SourceFile:
    """One candidate file: where it is, what its head says."""

    path: Path
    rank: int  # index of its folder; higher wins
    table_code: str | None  # None: the head is unreadable (the build reports the file)
    synthetic: bool


@dataclass(frozen=True)
class Selection:
    """The files a build reads, and the files left out with the reason (German)."""

    files: list[Path]
    dropped: list[tuple[Path, str]]


@cache
def core_of() -> dict[str, str]:
    """Table code → core subject from catalogue/sources.toml."""
    tables = load_sources(CATALOGUE_DIR / "sources.toml").get("table", [])
    return {t["code"]: t.get("core") or t["code"] for t in tables}


def peek(path: Path, rank: int = 0) -> SourceFile:
    """Table code and the synthetic flag from the head of a file (ZIPs are unpacked); no full parse."""
    try:
        with open_source(path) as source:
            with source.path.open("rb") as stream:
                head = stream.read(HEAD_BYTES).decode(source.encoding, errors="ignore")
            code = _code(source.kind, source.file_name, head.lstrip("\ufeff").splitlines(), source.archive)
    except (ParseError, OSError, csv.Error, IndexError, StopIteration):
        return SourceFile(path, rank, None, False)
    return SourceFile(path, rank, code, SYNTHETIC_MARKER in head)


def _code(kind: str, file_name: str, lines: list[str], archive: str | None = None) -> str | None:
    if kind == "tabellen_csv":  # "Tabelle: 21111-01i;;;" / "GENESIS-Tabelle: 12612-0002"
        return lines[0].split(";", 1)[0].split(":", 1)[1].strip() or None
    if kind == "template":  # comment lines, the header, then rows starting with the table code
        rows = [line for line in lines if not line.startswith("#")]
        return next(csv.reader(rows[1:2], delimiter=";"))[0].strip() or None
    first = next(csv.reader(lines[1:2], delimiter=";"))  # ffcsv: the statistic code in column 1
    return table_code_from_name(file_name) or table_code_from_name(archive or "") or first[0].strip() or None


def select(dirs: Sequence[Path]) -> Selection:
    """Apply the precedence rules (module docstring) to the files of `dirs` (later folders win)."""
    found = [peek(path, rank) for rank, folder in enumerate(dirs) for path in source_files(folder)]
    best: dict[str, int] = {}  # table code -> highest rank with that code
    for item in found:
        if item.table_code is not None:
            best[item.table_code] = max(best.get(item.table_code, -1), item.rank)
    dropped = []
    kept = []
    for item in found:
        if item.table_code is not None and item.rank < best[item.table_code]:
            dropped.append((item.path, f"ersetzt durch {item.table_code} aus {dirs[best[item.table_code]]}"))
        else:
            kept.append(item)
    cores = core_of()
    real = {cores.get(i.table_code, i.table_code) for i in kept if i.table_code and not i.synthetic}
    files = []
    for item in kept:
        subject = cores.get(item.table_code, item.table_code) if item.table_code is not None else None
        if item.synthetic and subject in real:
            dropped.append((item.path, f"Demodaten ersetzt durch echte Daten zum Thema {subject}"))
        else:
            files.append(item.path)
    return Selection(files, dropped)


@contextmanager
def staged(dirs: Sequence[Path]) -> Iterator[Path]:
    """One folder with the selected files of `dirs`: the folder itself when only one is given, else a
    temporary folder of symbolic links (names kept; a clash gets the folder index as prefix) and a
    manifest.json with the Stand each folder's manifest gives for them (etl.load.manifest_stands)."""
    if len(dirs) == 1:
        yield Path(dirs[0])
        return
    selection = select(dirs)
    for path, reason in selection.dropped:
        print(f"Quelle übersprungen: {path} ({reason})", flush=True)
    stands = _stands(dirs)
    with tempfile.TemporaryDirectory(prefix="etl-sources-") as tmp:
        tables = {}
        for index, path in enumerate(selection.files):
            target = Path(tmp) / path.name
            if target.exists():
                target = Path(tmp) / f"{index:03d}_{path.name}"
            target.symlink_to(path.resolve())
            if path in stands:
                tables[target.name] = {"file": target.name, "stand": stands[path]}
        (Path(tmp) / MANIFEST).write_text(json.dumps({"tables": tables}), encoding="utf-8")
        yield Path(tmp)


def _stands(dirs: Sequence[Path]) -> dict[Path, str]:
    """File path → Stand from the manifest of its folder; an unreadable manifest is skipped with a note."""
    stands = {}
    for folder in dirs:
        try:
            found = manifest_stands(Path(folder))
        except ValueError as exc:
            print(f"Manifest übersprungen: {exc}", flush=True)
            continue
        stands.update({Path(folder) / name: stand for name, stand in found.items()})
    return stands


def describe(dirs: Sequence[Path]) -> str:
    """meta.build `source_dir`: the folder, or a JSON list of the folders in precedence order."""
    resolved = [str(Path(d).resolve()) for d in dirs]
    return resolved[0] if len(resolved) == 1 else json.dumps(resolved)


def parse_described(text: str | None) -> list[Path]:
    """Inverse of :func:`describe` (an empty or missing value gives no folders)."""
    if not text:
        return []
    return [Path(p) for p in json.loads(text)] if text.startswith("[") else [Path(text)]


def boundaries_file(dirs: Sequence[Path], explicit: Path | None = None) -> Path | None:
    """The boundaries GeoJSON of a build: `explicit`, else ``<dir>/geo/boundaries.geojson`` of the
    last folder that has one, else None (the maps stay schematic)."""
    if explicit is not None:
        return explicit
    found = [Path(d) / BOUNDARIES for d in dirs if (Path(d) / BOUNDARIES).is_file()]
    return found[-1] if found else None


def load_geo(con: duckdb.DuckDBPyConnection, path: Path) -> list[Finding]:
    """Create geo.boundaries(ags, level, name, geometry_geojson, attribution) from a boundaries file
    (etl.boundaries output or a BKG file). An unreadable file is an error finding naming it."""
    from etl.boundaries import BoundaryError, load_boundaries, to_warehouse_rows  # geopandas on demand

    try:
        rows = to_warehouse_rows(load_boundaries(path))
    except BoundaryError as exc:
        return [Finding(ERROR, "geo", Path(path).name, None, None, f"Gebietsgrenzen nicht lesbar: {exc}")]
    con.execute("CREATE SCHEMA IF NOT EXISTS geo")
    con.execute("CREATE TABLE geo.boundaries (ags TEXT, level TEXT, name TEXT, geometry_geojson TEXT,"
                " attribution TEXT)")
    con.executemany("INSERT INTO geo.boundaries VALUES (?, ?, ?, ?, ?)",
                    list(rows.itertuples(index=False, name=None)))
    print(f"geo  {len(rows)} Gebiete aus {path}", flush=True)
    return []
