"""`python -m etl build`: a new warehouse file from the source files, validated, then switched to.

Steps (docs/WAREHOUSE.md): lock → remove leftovers → new `build-….duckdb.partial` → schema and region
dimension → raw → core (etl/sql/core/*.sql in CORE_ORDER) → validation → mart (if etl.mart exists) →
meta → CHECKPOINT and close → rename to `build-….duckdb` → CURRENT switched → old builds pruned.

Extra regions: `--regions CSV`, else `<source-dir>/meta/regions_supplement.csv` when present (the
Germany-scale demo writes it); the build prints which file it used.
"""

from __future__ import annotations

import argparse
import importlib
import os
import re
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from types import ModuleType
from typing import Any

import duckdb

from etl import region_keys, sources, warehouse
from etl.catalogue import load_sources
from etl.load import load_raw
from etl.regions import RegionError, load_regions
from etl.sqlnames import scalar
from etl.stage import build_stage
from etl.validate import ERROR, WARNING, Finding, store, validate

REPO = Path(__file__).resolve().parent.parent
SQL_DIR = Path(__file__).resolve().parent / "sql"
CATALOGUE_DIR = REPO / "catalogue"
#: core tables in build order; one file etl/sql/core/<name>.sql each
CORE_ORDER = (
    "population", "population_projection", "pupils", "transitions", "school_leavers", "allday", "kita",
    "vocational", "training_market", "apprentices", "employees", "unemployment", "vhs", "students",
)
#: core files built at the same time, each on a cursor of its own (no core SQL reads another core table;
#: most are small statements that leave the other core idle)
CORE_WORKERS = 2
#: tests only: seconds to sleep after raw is loaded (to kill a build half-way)
PAUSE_ENV = "ETL_BUILD_PAUSE_AFTER_RAW"
REQUIRES = re.compile(r"^-- @(?:requires (.+)|always)$", re.MULTILINE)
#: region supplement picked up from the source folder when --regions is not given
SUPPLEMENT = Path("meta") / "regions_supplement.csv"
#: DuckDB settings of the build connection: bounded memory (spills to disk), no ordering guarantee needed
DUCKDB_SETTINGS: dict[str, Any] = {"memory_limit": "2GB", "preserve_insertion_order": False}


class BuildFailed(RuntimeError):
    """The build stopped; CURRENT is unchanged. The message lists the errors."""


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--source-dir", type=Path, action="append", default=None,
                        help="Ordner mit den Quelldateien (Standard data/demo); mehrfach möglich: spätere"
                             " Ordner haben Vorrang, echte Daten ersetzen Demodaten desselben Themas")
    parser.add_argument("--boundaries", type=Path, default=None,
                        help="Gebietsgrenzen (GeoJSON/BKG) für geo.boundaries; Standard:"
                             " <source-dir>/geo/boundaries.geojson, falls vorhanden")
    parser.add_argument("--warehouse-dir", type=Path, default=Path("data/warehouse"),
                        help="Ordner mit den Build-Dateien und dem Zeiger CURRENT")
    parser.add_argument("--regions", type=Path, default=None,
                        help="zusätzliche Regionen (CSV; ags;name[;level;parent;kind;nuts]); Standard:"
                             " <source-dir>/meta/regions_supplement.csv, falls vorhanden")
    parser.add_argument("--keep", type=int, default=3, help="so viele Builds aufbewahren (Standard 3)")
    parser.add_argument("--skip-mart", action="store_true", help="Kennzahlen (mart) nicht berechnen")


def main(args: argparse.Namespace) -> int:
    try:
        path = run_build(args.source_dir or [Path("data/demo")], args.warehouse_dir, args.regions, args.keep,
                         with_mart=not args.skip_mart, boundaries=args.boundaries)
    except (BuildFailed, warehouse.WarehouseError, RegionError) as exc:
        print(f"Build abgebrochen: {exc}", file=sys.stderr)
        return 1
    print(f"CURRENT -> {path.name}")
    return 0


def supplement_of(source_dir: Path, regions: Path | None) -> Path | None:
    """The extra regions file: the explicit one, else the source folder's supplement if present."""
    if regions is not None:
        return regions
    found = source_dir / SUPPLEMENT
    if not found.is_file():
        return None
    print(f"Regionen-Ergänzung aus dem Quellordner: {found}", flush=True)
    return found


def run_sql_file(con: duckdb.DuckDBPyConnection, path: Path, raw_tables: set[str]) -> None:
    """Run a SQL file; a block after `-- @requires A, B` runs only if raw tables A and B exist, a block
    after `-- @always` in any case."""
    parts = REQUIRES.split(path.read_text(encoding="utf-8"))
    con.execute(parts[0])
    for required, body in zip(parts[1::2], parts[2::2], strict=True):
        if required is None or all(code.strip() in raw_tables for code in required.split(",")):
            con.execute(body)


def build_core(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Create every core table (empty when its sources are absent); returns row counts."""
    raw_tables = {r[0] for r in con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'raw'").fetchall()}
    con.execute((SQL_DIR / "macros.sql").read_text(encoding="utf-8"))
    con.execute((SQL_DIR / "status.sql").read_text(encoding="utf-8"))
    with ThreadPoolExecutor(CORE_WORKERS) as pool:  # the first failing file in CORE_ORDER is raised
        list(pool.map(partial(_build_core_table, con, raw_tables), CORE_ORDER))
    return {name: scalar(con, f'SELECT count(*) FROM core."{name}"') for name in CORE_ORDER}


def _build_core_table(con: duckdb.DuckDBPyConnection, raw_tables: set[str], name: str) -> None:
    with con.cursor() as cursor:
        try:
            run_sql_file(cursor, SQL_DIR / "core" / f"{name}.sql", raw_tables)
        except duckdb.Error as exc:  # e.g. a source file without a classification the SQL expects
            message = f"etl/sql/core/{name}.sql passt nicht zu den geladenen Rohdaten: {exc}"
            raise BuildFailed(message) from exc


def _mart_module() -> ModuleType | None:
    """etl.mart if it exists (written separately), else None."""
    try:
        return importlib.import_module("etl.mart")
    except ModuleNotFoundError as exc:
        if exc.name != "etl.mart":
            raise
        return None


def _git_revision() -> str:
    try:
        result = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True,
                                text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return "unbekannt"
    return result.stdout.strip()


def read_catalogue(catalogue_dir: Path) -> dict[str, Any]:
    return load_sources(catalogue_dir / "sources.toml")


def write_sources(con: duckdb.DuckDBPyConnection, catalogue_dir: Path) -> list[Finding]:
    """meta.sources: catalogue/sources.toml joined with the loaded files; warns on unlisted tables."""
    catalogue = read_catalogue(catalogue_dir)
    providers, licences = catalogue.get("providers", {}), catalogue.get("licences", {})
    rows = []
    for t in catalogue.get("table", []):
        provider = providers.get(t.get("provider"), {})
        licence = licences.get(provider.get("licence"), {})
        formats = t.get("formats") or [t.get("format")]
        rows.append((t["code"], t.get("title"), t.get("provider"), provider.get("name"), ", ".join(formats),
                     t.get("subject"), t.get("core"), ", ".join(t.get("levels", [])), licence.get("name"),
                     licence.get("url"), provider.get("attribution"), t.get("place_principle"),
                     t.get("rounding"), t.get("breaks"), bool(t.get("confirm", False))))
    con.execute("CREATE TEMP TABLE catalogue_sources (table_code TEXT, title TEXT, provider TEXT,"
                " provider_name TEXT, format TEXT, subject TEXT, core TEXT, levels TEXT, licence TEXT,"
                " licence_url TEXT, attribution TEXT, place_principle TEXT, rounding TEXT, breaks TEXT,"
                " confirm BOOLEAN)")
    con.executemany("INSERT INTO catalogue_sources VALUES (" + ", ".join(["?"] * 15) + ")", rows)
    con.execute("""CREATE TABLE meta.sources AS
        SELECT c.*, f.files, f.stand, f.rows, f.synthetic FROM catalogue_sources c LEFT JOIN (
            SELECT table_code, string_agg(file_name, ', ' ORDER BY file_name) AS files, max(stand) AS stand,
                   sum(rows) AS rows, bool_or(synthetic) AS synthetic
            FROM raw.files GROUP BY table_code) f USING (table_code)
        ORDER BY c.table_code""")
    unlisted = con.execute("SELECT file_name, table_code FROM raw.files WHERE table_code NOT IN"
                           " (SELECT table_code FROM catalogue_sources) ORDER BY 1").fetchall()
    return [Finding(WARNING, "unknown_source", name, None, code,
                    "Tabelle steht nicht in catalogue/sources.toml; geladen, aber nicht in core verwendet")
            for name, code in unlisted]


def write_build_meta(con: duckdb.DuckDBPyConnection, items: dict[str, Any]) -> None:
    con.executemany("INSERT INTO meta.build VALUES (?, ?)", [(k, str(v)) for k, v in items.items()])


def run_mart(con: duckdb.DuckDBPyConnection, mart: ModuleType) -> list[Finding]:
    """Call mart.build_mart(con); a failure becomes an error finding (the build stops)."""
    started = time.perf_counter()
    try:
        mart.build_mart(con)
    except (duckdb.Error, OSError, ValueError, KeyError) as exc:
        return [Finding(ERROR, "mart", None, None, None, f"Kennzahlen-Berechnung fehlgeschlagen: {exc}")]
    print(f"mart fertig, {time.perf_counter() - started:.2f} s", flush=True)
    return []


def build_meta(con: duckdb.DuckDBPyConnection, build_id: str, source_dir: Path | str) -> dict[str, Any]:
    """meta.build entries that describe the inputs."""
    synthetic = scalar(con, "SELECT coalesce(bool_or(synthetic), false) FROM raw.files")
    files = con.execute("SELECT file_name FROM raw.files ORDER BY 1").fetchall()
    return {"build_id": build_id, "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "synthetic": "true" if synthetic else "false",
            "source_dir": source_dir if isinstance(source_dir, str) else str(source_dir.resolve()),
            "git_revision": _git_revision(), "sources": ", ".join(f[0] for f in files)}


def populate(con: duckdb.DuckDBPyConnection, source_dir: Path, regions: Path | None,
             parse: Callable[[Path], Any], build_id: str, with_mart: bool = True,
             boundaries: Path | None = None, described: str | None = None) -> list[Finding]:
    """Fill an open, empty build: schema, regions, raw, boundaries, core, validation, mart, meta.
    Returns findings. `described`: the source folders for meta.build (default: source_dir)."""
    started = time.perf_counter()
    con.execute((SQL_DIR / "schema.sql").read_text(encoding="utf-8"))
    n_regions = load_regions(con, CATALOGUE_DIR, regions)
    raw_rows, findings = load_raw(con, source_dir, parse)
    findings += region_keys.complete_regions(con)  # names → keys, unknown official keys added
    findings += sources.load_geo(con, boundaries) if boundaries is not None else []
    print(f"raw  {raw_rows} Zeilen geladen, {time.perf_counter() - started:.2f} s", flush=True)
    pause = float(os.environ.get(PAUSE_ENV) or 0)
    if pause:
        print(f"raw  Pause {pause:g} s ({PAUSE_ENV}, nur für Tests)", flush=True)
        time.sleep(pause)
    step = time.perf_counter()
    findings += build_stage(con, read_catalogue(CATALOGUE_DIR))
    counts = build_core(con)
    print(f"core {sum(counts.values())} Zeilen in {len(counts)} Tabellen, {time.perf_counter() - step:.2f} s",
          flush=True)
    step = time.perf_counter()
    findings += validate(con) + write_sources(con, CATALOGUE_DIR)
    print(f"Prüfung {len(findings)} Befunde, {time.perf_counter() - step:.2f} s", flush=True)
    mart = _mart_module() if with_mart else None
    mart_ran = mart is not None and not any(f.severity == ERROR for f in findings)
    if mart is not None and mart_ran:
        findings += run_mart(con, mart)
    write_build_meta(con, {
        **build_meta(con, build_id, described or source_dir), "mart": "true" if mart_ran else "false",
        "regions": n_regions, "rows_raw": raw_rows, "rows_core": sum(counts.values()),
        **{f"rows_core.{k}": v for k, v in counts.items()},
        "warnings": sum(f.severity == WARNING for f in findings),
        "seconds": round(time.perf_counter() - started, 2),
    })
    store(con, findings)
    return findings


def _default_parse(path: Path) -> Any:
    from etl.parse import parse_file_arrow  # no pandas copy; same columns as parse_file

    return parse_file_arrow(path)


def run_build(source_dir: Path | Sequence[Path], warehouse_dir: Path, regions: Path | None = None,
              keep: int = 3, parse: Callable[[Path], Any] | None = None, with_mart: bool = True,
              boundaries: Path | None = None) -> Path:
    """Build a new warehouse file, switch CURRENT to it and prune; returns the new file.

    Several source folders: later ones win (etl.sources). Raises BuildFailed (validation errors;
    CURRENT unchanged) or WarehouseError (lock held).
    """
    dirs = [source_dir] if isinstance(source_dir, Path) else list(source_dir)
    for folder in dirs:
        if not folder.is_dir():
            raise BuildFailed(f"Quellordner {folder} fehlt")
    regions = regions or next(filter(None, (supplement_of(d, None) for d in reversed(dirs))), None)
    boundaries = sources.boundaries_file(dirs, boundaries)
    warehouse_dir = warehouse_dir.resolve()
    with warehouse.build_lock(warehouse_dir):
        for path in warehouse.remove_partials(warehouse_dir):
            print(f"entfernt: Rest eines abgebrochenen Builds {path.name}")
        name = warehouse.new_build_name()
        partial = warehouse_dir / (name + warehouse.PARTIAL_SUFFIX)
        con = duckdb.connect(str(partial), config=DUCKDB_SETTINGS)
        try:
            with sources.staged(dirs) as folder:
                build_id = name.removesuffix(".duckdb")
                findings = populate(con, folder, regions, parse or _default_parse, build_id, with_mart,
                                    boundaries, sources.describe(dirs))
            step = time.perf_counter()
            con.execute("CHECKPOINT")
            print(f"CHECKPOINT {time.perf_counter() - step:.2f} s", flush=True)
        finally:
            con.close()
        for finding in findings:
            print(finding, file=sys.stderr if finding.severity == ERROR else sys.stdout)
        errors = [f for f in findings if f.severity == ERROR]
        if errors:
            raise BuildFailed(f"{len(errors)} Fehler (erster: {errors[0]}); CURRENT bleibt unverändert,"
                              f" Befunde in {partial.name}")
        final = warehouse_dir / name
        os.replace(partial, final)
        warehouse.switch_current(warehouse_dir, final)
        for path in warehouse.prune(warehouse_dir, keep):
            print(f"entfernt: alter Build {path.name}")
    return final
