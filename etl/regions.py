"""Region dimension: core.regions and core.region_groups from the catalogue CSV files."""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb
import pyarrow as pa

from etl.parse.regions import LEVEL_VERBAND

REGION_COLUMNS = ("ags", "name", "level", "parent", "kind", "nuts")
#: level of a key by its length; 7 and 9 digits: Regio Gemeindeverband (Verbandsgemeinde, Amt); an 8-digit
#: Samtgemeinde key is told from a Gemeinde only by its file (`region_level`, etl/parse/regions.py)
LEVEL_BY_LENGTH = {2: "land", 3: "rb", 5: "kreis", 7: LEVEL_VERBAND, 8: "gemeinde", 9: LEVEL_VERBAND}
#: kind of a dissolved unit (catalogue/regions_historic.csv, or a key a file carries only for old periods)
KIND_HISTORIC = "historisch"
#: dissolved units that official files still list (e.g. LDB NRW: Aachen, krfr. Stadt / Aachen, Kreis)
HISTORIC_FILE = "regions_historic.csv"
#: reference list of Gemeinden (ags;name;kind;parent, etl/tile_grid.py): every Gemeinde of the listed
#: Kreise, so that the Gemeinden of any home Kreis follow from the dimension; rows of regions.csv win
GEMEINDEN_FILE = "gemeinden.csv"
GEMEINDE_COLUMNS = ("ags", "name", "kind", "parent")
#: kind of an 8-digit unit in a table at Kreis depth (Berlin Bezirke, Aachen, Hannover, Saarbrücken):
#: keyed by its own key at level gemeinde, but not one of a complete set of Gemeinden of its Kreis
KIND_KREIS_LIST = "Stadt/Bezirk in Kreisliste"


class RegionError(ValueError):
    """A region catalogue file is malformed (message names file and line)."""


def _read_csv(path: Path, required: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle, delimiter=";")
        missing = [c for c in required if c not in (reader.fieldnames or [])]
        if missing:
            raise RegionError(f"{path.name}, Zeile 1: Spalten fehlen: {', '.join(missing)}")
        rows = []
        for line, row in enumerate(reader, start=2):
            if None in row:
                raise RegionError(
                    f"{path.name}, Zeile {line}: mehr Felder als Spalten "
                    "(Text mit ';' in Anführungszeichen setzen)"
                )
            rows.append((line, {k: (v or "").strip() for k, v in row.items()}))
        return rows


def _supplement_row(path: Path, line: int, row: dict[str, str], known: set[str]) -> tuple:
    """A supplement row; level and parent are derived from the key when the file lacks them."""
    ags = row["ags"]
    level = row.get("level") or LEVEL_BY_LENGTH.get(len(ags))
    if level is None:
        raise RegionError(f"{path.name}, Zeile {line}: Ebene für Schlüssel {ags!r} nicht ableitbar")
    parent = row.get("parent") or next((p for p in (ags[:3], ags[:2]) if p in known and p != ags), None)
    if level in ("gemeinde", LEVEL_VERBAND) and not row.get("parent"):
        parent = ags[:5]
    return (ags, row["name"], level, parent or None, row.get("kind") or None, row.get("nuts") or None)


def _gemeinde_rows(path: Path, seen: set[str], nuts: dict[str, str | None]) -> list[tuple]:
    """Reference Gemeinden not yet in regions.csv, under a Kreis of the dimension (NUTS 3 of the Kreis)."""
    rows = []
    for line, row in _read_csv(path, GEMEINDE_COLUMNS):
        ags, parent = row["ags"], row["parent"]
        if len(ags) != 8 or not ags.isdigit() or parent not in nuts:
            raise RegionError(f"{path.name}, Zeile {line}: Gemeinde {ags!r} oder Kreis {parent!r} ungültig"
                              " (8-stelliger Schlüssel unter einem Kreis aus regions.csv)")
        if ags not in seen:
            seen.add(ags)
            rows.append((ags, row["name"], "gemeinde", parent, row["kind"] or None, nuts[parent]))
    return rows


def read_regions(catalogue_dir: Path, extra: Path | None = None) -> list[tuple]:
    """Rows of core.regions: catalogue/regions.csv, the reference Gemeinden of gemeinden.csv and the
    dissolved units of regions_historic.csv (when present), then supplement rows with new keys."""
    rows, seen = [], set()
    paths = [catalogue_dir / "regions.csv", catalogue_dir / HISTORIC_FILE]
    for path in [p for p in paths if p.name == "regions.csv" or p.is_file()]:
        for line, row in _read_csv(path, REGION_COLUMNS):
            if not row["ags"] or row["ags"] in seen:
                raise RegionError(f"{path.name}, Zeile {line}: Schlüssel leer oder doppelt: {row['ags']!r}")
            seen.add(row["ags"])
            rows.append(tuple(row[c] or None for c in REGION_COLUMNS))
        if path.name == "regions.csv" and (catalogue_dir / GEMEINDEN_FILE).is_file():
            nuts = {r[0]: r[5] for r in rows if r[2] == "kreis"}
            rows += _gemeinde_rows(catalogue_dir / GEMEINDEN_FILE, seen, nuts)
    if extra is not None:
        for line, row in _read_csv(extra, ("ags", "name")):
            if row["ags"] and row["ags"] not in seen:
                rows.append(_supplement_row(extra, line, row, seen))
                seen.add(row["ags"])
    return rows


def read_groups(catalogue_dir: Path, region_keys: set[str]) -> list[tuple]:
    """Rows of core.region_groups: Jugendamt → Gemeinden, Agentur → Kreise (with validity and share)."""
    rows = []
    path = catalogue_dir / "jugendamt_mapping.csv"
    for line, row in _read_csv(path, ("jugendamt", "gemeinde")):
        rows.append((path, line, row["jugendamt"], row["gemeinde"], "jugendamt", None, None, 1.0))
    path = catalogue_dir / "agentur_mapping.csv"
    for line, row in _read_csv(path, ("agentur", "kreis", "valid_from", "valid_to", "share")):
        try:
            share = float(row["share"].replace(",", ".")) if row["share"] else 1.0
        except ValueError:
            raise RegionError(f"{path.name}, Zeile {line}: Anteil {row['share']!r} ist keine Zahl") from None
        rows.append((path, line, row["agentur"], row["kreis"], "agentur",
                     row["valid_from"] or None, row["valid_to"] or None, share))
    for path, line, group, member, *_ in rows:
        unknown = [k for k in (group, member) if k not in region_keys]
        if unknown:
            keys = ", ".join(unknown)
            raise RegionError(f"{path.name}, Zeile {line}: Schlüssel nicht in regions.csv: {keys}")
    return [tuple(r[2:]) for r in rows]


def load_regions(con: duckdb.DuckDBPyConnection, catalogue_dir: Path, extra: Path | None = None) -> int:
    """Create and fill core.regions and core.region_groups; returns the number of regions."""
    regions = read_regions(catalogue_dir, extra)
    groups = read_groups(catalogue_dir, {r[0] for r in regions})
    con.execute(
        "CREATE TABLE core.regions (ags TEXT PRIMARY KEY, name TEXT NOT NULL, level TEXT NOT NULL,"
        " parent TEXT, kind TEXT, nuts TEXT)"
    )
    frame = pa.table({c: pa.array([r[i] for r in regions], pa.string())
                      for i, c in enumerate(REGION_COLUMNS)})
    con.register("_regions", frame)  # one bulk insert (executemany is slow for Germany-wide supplements)
    try:
        con.execute("INSERT INTO core.regions SELECT * FROM _regions")
    finally:
        con.unregister("_regions")
    con.execute(
        "CREATE TABLE core.region_groups (group_key TEXT NOT NULL, member_ags TEXT NOT NULL,"
        " group_type TEXT NOT NULL, valid_from DATE, valid_to DATE, share DOUBLE)"
    )
    con.executemany("INSERT INTO core.region_groups VALUES (?, ?, ?, ?, ?, ?)", groups)
    return len(regions)
