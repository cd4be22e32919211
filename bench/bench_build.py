"""Benchmark the warehouse build (`python -m etl build`) in a subprocess, next to a native-load floor.

    .venv/bin/python bench/bench_build.py [--source-dir DIR] [--regions CSV] [--skip-mart] [--no-floor]
        [--json OUT]

Without --source-dir the Germany-scale demo is generated first (`python -m etl demo --scale germany`)
into a temporary folder. The build picks up `<source-dir>/meta/regions_supplement.csv` itself;
--regions overrides it. Streams the build's own stage lines, then prints rows, wall seconds, rows/s
and peak memory of the build process (ru_maxrss); --json writes them with the stage seconds.

Native-load floor (measured in the same run, in its own subprocess, right before the build): what DuckDB
alone needs to get the same raw files into a database file and write every table once more –
1. a new DuckDB file with the build's settings (``etl.build.DUCKDB_SETTINGS``);
2. for every source file the build loads (``etl.load.source_files``): ``CREATE TABLE AS SELECT * FROM
   read_csv(file, all_varchar = true, header = false, delim = ';', null_padding = true,
   strict_mode = false)`` – every line of the file, untyped (``parallel = false`` for a file with
   quoted line breaks, which DuckDB's parallel scanner refuses with null padding); a ZIP's member is
   extracted to a temporary file first (inside the measured time: the build unzips too); UTF-8 files
   as UTF-8, others as latin-1; web-service ``.json`` responses are skipped, as the build skips them;
3. one rewrite pass: ``CREATE TABLE … AS SELECT * FROM`` each loaded table;
4. ``CHECKPOINT`` and close.
The build's ratio to it (wall time and peak memory, ru_maxrss of each process) is printed with it, and
their CPU seconds (user + system) with the mean number of cores each kept busy: on a small machine the
time ratio can drop below the CPU ratio only as far as the build keeps more cores busy than the floor.

Read floor (right after it, in its own subprocess): the same files read the same way, every column of every
line counted (``count(COLUMNS(*))``), nothing stored.

Write floor (after a successful build, in its own subprocess): every table of the finished build copied
into a new DuckDB file with the same settings (``ATTACH … (READ_ONLY)``, ``CREATE TABLE … AS SELECT *``,
``CHECKPOINT``): the writing that any build of this warehouse does, without parsing or computing. Read
floor + write floor is the least any build of this warehouse needs; printed as a share of the native-load
floor, it splits the build's excess over that floor into reading and writing the layers the warehouse
holds (raw, core, mart) and everything else (parsing into tidy rows, core SQL, checks, indicators).
Targets: issue "Warehouse and ETL": Germany-scale full build < 60 s and < 4 GiB; issue 12: build
≤ 1.15× the floor's time and ≤ 2× its memory.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:  # run as a script: make `etl` importable in the worker functions
    sys.path.insert(0, str(REPO_ROOT))
#: stage lines of `python -m etl build` (rows and seconds)
RAW = re.compile(r"^raw  (\d+) Zeilen geladen, ([\d.]+) s$", re.MULTILINE)
CORE = re.compile(r"^core (\d+) Zeilen in \d+ Tabellen, ([\d.]+) s$", re.MULTILINE)
CHECK = re.compile(r"^Prüfung \d+ Befunde, ([\d.]+) s$", re.MULTILINE)
MART = re.compile(r"^mart fertig, ([\d.]+) s$", re.MULTILINE)
CHECKPOINT = re.compile(r"^CHECKPOINT ([\d.]+) s$", re.MULTILINE)


class Measured(NamedTuple):
    """One measured child process: exit code, wall seconds, peak RSS (MiB), CPU seconds (user + system),
    stdout+stderr."""

    code: int
    seconds: float
    peak_mb: float
    cpu_seconds: float
    output: str


def run_measured(cmd: list[str], echo: str | None = None) -> Measured:
    """Run cmd and measure it (see Measured).

    With `echo` every output line is also printed at once, prefixed by it (progress of long steps).
    """
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=REPO_ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines = []
    for line in proc.stdout:
        lines.append(line)
        if echo is not None:
            print(echo + line, end="", flush=True)
    proc.stdout.close()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    return Measured(os.waitstatus_to_exitcode(status), seconds, usage.ru_maxrss / 1024,
                    usage.ru_utime + usage.ru_stime, "".join(lines))


def generate_demo(out: Path) -> None:
    code, seconds, peak, _, output = run_measured([sys.executable, "-m", "etl", "demo", "--scale", "germany",
                                                   "--out", str(out)])
    if code != 0:
        sys.exit(f"demo generation failed:\n{output}")
    print(f"demo (germany) generated in {seconds:.1f} s, peak {peak:.0f} MiB")


MAX_FLOOR_TIME, MAX_FLOOR_MEMORY = 1.15, 2.0  # issue 12: build / native-load floor


def _encoding(path: Path) -> str:
    """'utf-8' when the file's first MiB decodes as UTF-8, else 'latin-1' (cp1252 files)."""
    head = path.open("rb").read(2**20)
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 4:  # not only a character cut at the end of the sample
            return "latin-1"
    return "utf-8"


def floor_worker(source: Path, database: Path, write: bool = True) -> None:
    """The native-load floor (module docstring), in this process; prints files and lines. Without
    `write` the read floor: every file read (each column of every line), nothing stored."""
    import duckdb

    from etl.build import DUCKDB_SETTINGS

    con = duckdb.connect(str(database) if write else ":memory:", config=DUCKDB_SETTINGS)
    tables, rows = [], 0
    for i, path in enumerate(_floor_files(source, database.parent / "floor-unzipped")):
        name, params = f"f{i}", {"p": str(path), "e": _encoding(path)}
        read = ("FROM read_csv($p, all_varchar = true, header = false, delim = ';',"
                " null_padding = true, strict_mode = false, encoding = $e")
        statement = (f"CREATE TABLE {name} AS SELECT * {read}" if write
                     else f"SELECT count(*), count(COLUMNS(*)) {read}")
        try:
            result = con.execute(statement + ")", params).fetchone()
        except duckdb.Error:  # quoted line breaks (Tabellen-CSV footers): not with the parallel scanner
            result = con.execute(statement + ", parallel = false)", params).fetchone()
        tables.append(name)
        rows += result[0]
    for name in tables if write else ():
        con.execute(f"CREATE TABLE {name}_pass AS SELECT * FROM {name}")
    con.execute("CHECKPOINT")
    con.close()
    print(f"floor {len(tables)} Dateien, {rows} Zeilen")


def _floor_files(source: Path, unpacked: Path) -> Iterator[Path]:
    """The files the build loads (``etl.load.source_files``, without .json), a ZIP as its member
    extracted into `unpacked`."""
    import zipfile

    from etl.load import source_files

    unpacked.mkdir(exist_ok=True)
    for path in source_files(source):
        if path.suffix.lower() == ".json":
            continue
        if path.suffix.lower() == ".zip":
            with zipfile.ZipFile(path) as archive:
                member = next(m for m in archive.infolist() if not m.is_dir())
                target = unpacked / Path(member.filename).name
                with archive.open(member) as raw, target.open("wb") as out:
                    shutil.copyfileobj(raw, out, 2**20)
            path = target
        yield path


def write_floor_worker(build_file: Path, database: Path) -> None:
    """The write floor (module docstring), in this process; prints tables and rows."""
    import duckdb

    from etl.build import DUCKDB_SETTINGS
    from etl.sqlnames import ident

    con = duckdb.connect(str(database), config=DUCKDB_SETTINGS)
    con.execute("ATTACH ? AS finished (READ_ONLY)", [str(build_file)])
    tables = con.execute("SELECT schema_name, table_name FROM duckdb_tables()"
                         " WHERE database_name = 'finished' ORDER BY ALL").fetchall()
    rows = 0
    for schema, table in tables:
        con.execute(f"CREATE SCHEMA IF NOT EXISTS {ident(schema)}")
        name = f"{ident(schema)}.{ident(table)}"
        rows += con.execute(f"CREATE TABLE {name} AS SELECT * FROM finished.{name}").fetchone()[0]
    con.execute("DETACH finished")
    con.execute("CHECKPOINT")
    con.close()
    print(f"write {len(tables)} Tabellen, {rows} Zeilen")


def measure_write_floor(warehouse: Path, folder: Path) -> dict:
    """The write floor of the build CURRENT points to, in its own subprocess (see _run_worker)."""
    from etl.warehouse import current_path

    folder.mkdir(parents=True, exist_ok=True)
    return _run_worker("--write-floor-worker", [current_path(warehouse), folder / "copy.duckdb"],
                       r"^write (?P<tables>\d+) Tabellen, (?P<rows>\d+) Zeilen$", "write floor")


def measure_floor(source: Path, folder: Path, write: bool = True) -> dict:
    """The floor (without `write`: the read floor) in its own subprocess (see _run_worker)."""
    folder.mkdir(parents=True, exist_ok=True)
    flag = "--floor-worker" if write else "--read-floor-worker"
    return _run_worker(flag, [source, folder / "floor.duckdb"],
                       r"^floor (?P<files>\d+) Dateien, (?P<rows>\d+) Zeilen$", "native-load floor")


def _run_worker(flag: str, paths: list[Path], printed: str, label: str) -> dict:
    """Run this script's worker `flag` on `paths`, measured: seconds, peak MiB, CPU seconds and the
    counts of the line it prints (`printed`, named groups); exits naming `label` on a failure."""
    code, seconds, peak, cpu, output = run_measured([sys.executable, str(Path(__file__).resolve()), flag,
                                                     *map(str, paths)])
    found = re.search(printed, output, re.MULTILINE)
    if code != 0 or not found:
        sys.exit(f"{label} failed:\n{output}")
    return {"seconds": seconds, "peak_mb": peak, "cpu_seconds": cpu,
            **{name: int(count) for name, count in found.groupdict().items()}}


def stages(output: str) -> dict:
    """Rows and seconds the build reports for its stages (None where a line is missing)."""
    raw, core = RAW.search(output), CORE.search(output)
    found = {name: pattern.search(output) for name, pattern in
             (("validation", CHECK), ("mart", MART), ("checkpoint", CHECKPOINT))}
    return {
        "raw_rows": int(raw.group(1)) if raw else 0,
        "raw_seconds": float(raw.group(2)) if raw else None,
        "core_rows": int(core.group(1)) if core else 0,
        "core_seconds": float(core.group(2)) if core else None,
        **{f"{name}_seconds": float(m.group(1)) if m else None for name, m in found.items()},
    }


def build(source: Path, warehouse: Path, regions: Path | None, skip_mart: bool, echo: str | None) -> dict:
    """One measured build of `source` into `warehouse`; returns exit code, seconds, peak and stages."""
    cmd = [sys.executable, "-m", "etl", "build", "--source-dir", str(source),
           "--warehouse-dir", str(warehouse)]
    cmd += ["--regions", str(regions)] if regions else []
    cmd += ["--skip-mart"] if skip_mart else []
    code, seconds, peak, cpu, output = run_measured(cmd, echo)
    return {"exit_code": code, "seconds": seconds, "peak_mb": peak, "cpu_seconds": cpu, **stages(output),
            "output": output}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source-dir", type=Path)
    parser.add_argument("--regions", type=Path)
    parser.add_argument("--skip-mart", action="store_true")
    parser.add_argument("--no-floor", action="store_true", help="skip the native-load floor")
    parser.add_argument("--json", type=Path, help="write the results as JSON to this file")
    parser.add_argument("--floor-worker", nargs=2, type=Path, metavar=("SOURCE", "DB"),
                        help=argparse.SUPPRESS)
    parser.add_argument("--read-floor-worker", nargs=2, type=Path, metavar=("SOURCE", "DB"),
                        help=argparse.SUPPRESS)
    parser.add_argument("--write-floor-worker", nargs=2, type=Path, metavar=("BUILD", "DB"),
                        help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.floor_worker or args.read_floor_worker:
        floor_worker(*(args.floor_worker or args.read_floor_worker), write=bool(args.floor_worker))
        return 0
    if args.write_floor_worker:
        write_floor_worker(*args.write_floor_worker)
        return 0
    with tempfile.TemporaryDirectory(prefix="bench-build-") as tmp:
        source = args.source_dir
        if source is None:
            source = Path(tmp) / "demo"
            generate_demo(source)
        floor = None
        if not args.no_floor:
            print("native-load floor (DuckDB read_csv + one rewrite pass) …", flush=True)
            floor = measure_floor(source, Path(tmp) / "floor")
            shutil.rmtree(Path(tmp) / "floor", ignore_errors=True)
            print("read floor (DuckDB read_csv of every file, nothing stored) …", flush=True)
            floor["read"] = measure_floor(source, Path(tmp) / "read", write=False)
            shutil.rmtree(Path(tmp) / "read", ignore_errors=True)
        result = build(source, Path(tmp) / "warehouse", args.regions, args.skip_mart, echo="  | ")
        if floor is not None and result["exit_code"] == 0:
            print("write floor (the finished build copied into a new file) …", flush=True)
            result["write_floor"] = measure_write_floor(Path(tmp) / "warehouse", Path(tmp) / "write")
    rows, seconds = result["raw_rows"], result["seconds"]
    print("\nbuild benchmark")
    print(f"  exit code    {result['exit_code']}")
    print(f"  raw rows     {rows:,}")
    print(f"  core rows    {result['core_rows']:,}")
    print(f"  seconds      {seconds:.1f}")
    print(f"  rows/s       {rows / seconds:,.0f}")
    print(f"  peak memory  {result['peak_mb']:,.0f} MiB (ru_maxrss of the build process)")
    print(f"  CPU seconds  {result['cpu_seconds']:.1f} (user + system)")
    if floor is not None:
        x_time, x_memory = seconds / floor["seconds"], result["peak_mb"] / floor["peak_mb"]
        result |= {"floor": floor, "x_time": x_time, "x_memory": x_memory}
        verdict = "PASS" if x_time <= MAX_FLOOR_TIME and x_memory <= MAX_FLOOR_MEMORY else "FAIL"
        print(f"  native-load floor  {floor['seconds']:.1f} s, {floor['peak_mb']:,.0f} MiB, "
              f"{floor['cpu_seconds']:.1f} CPU s "
              f"({floor['files']} files, {floor['rows']:,} lines; DuckDB read_csv + one rewrite pass)")
        print(f"  build / floor      {x_time:.2f}x time, {x_memory:.2f}x memory "
              f"(target <= {MAX_FLOOR_TIME:g}x, <= {MAX_FLOOR_MEMORY:g}x): {verdict}")
        busy = result["cpu_seconds"] / seconds, floor["cpu_seconds"] / floor["seconds"]
        print(f"  CPU build / floor  {result['cpu_seconds'] / floor['cpu_seconds']:.2f}x CPU seconds; "
              f"cores busy {busy[0]:.2f} (build), {busy[1]:.2f} (floor) of {os.cpu_count()}")
        read, written = floor["read"], result.get("write_floor")
        share = read["seconds"] / floor["seconds"]
        print(f"  read floor         {read['seconds']:.1f} s, {read['cpu_seconds']:.1f} CPU s (every column "
              f"of every line read, nothing stored: {share:.2f}x the native-load floor)")
        if written:
            least = (read["seconds"] + written["seconds"]) / floor["seconds"]
            print(f"  write floor        {written['seconds']:.1f} s, {written['cpu_seconds']:.1f} CPU s "
                  f"({written['tables']} tables, {written['rows']:,} rows of the finished build copied into "
                  f"a new file: {written['seconds'] / floor['seconds']:.2f}x the native-load floor)")
            print(f"  read + write       {least:.2f}x the native-load floor: reading the files and writing "
                  "this warehouse once, before any parsing or computing")
        print(f"  load average       {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    if args.json:
        args.json.write_text(json.dumps({k: v for k, v in result.items() if k != "output"}, indent=1) + "\n",
                             encoding="utf-8")
    return result["exit_code"]


if __name__ == "__main__":
    sys.exit(main())
