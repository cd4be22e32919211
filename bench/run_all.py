"""`make bench`: the Germany-scale parse and build benchmark with one summary table.

    .venv/bin/python bench/run_all.py [--repeat 3]

1. generates the Germany-scale demo into data/bench/demo (reused when its stamp - seed plus a hash of
   the generator code and the catalogue - is unchanged);
2. unzips the 12411-02-03-4 member into data/bench/parse and runs bench_parse.py on it (DuckDB's
   read_csv(all_varchar) vs parse_file_arrow vs parse_file, each run in its own subprocess, the
   minimum of --repeat runs counts);
3. runs bench_build.py on the whole demo folder: the native-load floor (DuckDB read_csv of the same
   files + one rewrite pass, see bench_build.py) and `python -m etl build`, each in a subprocess;
4. prints step, rows, seconds, rows/s, peak MiB, the parse ratios to DuckDB, the build's ratio to the
   floor and PASS/FAIL against the targets, with the load average (other jobs on the machine make wall
   times scatter).

Exit code 0 when every target is met, else 1.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # run as a script: make the `bench` package importable
    sys.path.insert(0, str(REPO))
from bench.bench_build import MAX_FLOOR_MEMORY, MAX_FLOOR_TIME, run_measured  # noqa: E402

BENCH_DIR = REPO / "data" / "bench"
SEED = 2026
PARSE_TABLE = "12411-02-03-4"
#: targets (issue "Warehouse and ETL", item 6)
MAX_PARSE_TIME_RATIO, MAX_PARSE_MEMORY_RATIO = 2.0, 1.0
MAX_BUILD_SECONDS, MAX_BUILD_MIB = 60.0, 4096.0
#: inputs of the demo generator: a change in any of them means a new demo
STAMP_INPUTS = ("etl/demo/*.py", "catalogue/sources.toml", "catalogue/template_schema.toml",
                "catalogue/regions.csv", "catalogue/de_kreise.csv", "catalogue/jugendamt_mapping.csv",
                "catalogue/agentur_mapping.csv")
STAMP = ".bench-stamp"


@dataclass
class Row:
    step: str
    rows: int | None
    seconds: float | None
    peak_mib: float | None = None
    x_time: float | None = None
    x_memory: float | None = None
    result: str = ""


def load_average() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text(encoding="ascii").split()[:3])
    except OSError:
        return "unbekannt"


def stamp(seed: int) -> str:
    digest = hashlib.sha256(f"seed={seed}\n".encode())
    for pattern in STAMP_INPUTS:
        for path in sorted(REPO.glob(pattern)):
            digest.update(path.relative_to(REPO).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def ensure_demo(folder: Path, seed: int) -> Row | None:
    """Generate the Germany-scale demo unless an identical one is there; a summary row if generated."""
    wanted, marker = stamp(seed), folder / STAMP
    if (folder / "manifest.json").is_file() and marker.is_file() and marker.read_text() == wanted:
        print(f"==> Demo (Deutschland) wiederverwendet: {folder}", flush=True)
        return None
    print(f"==> Demo (Deutschland) erzeugen in {folder} …", flush=True)
    marker.unlink(missing_ok=True)
    cmd = [
        sys.executable,
        "-m",
        "etl",
        "demo",
        "--scale",
        "germany",
        "--seed",
        str(seed),
        "--out",
        str(folder),
    ]
    code, seconds, peak, _, output = run_measured(cmd, echo="  | ")
    if code != 0:
        sys.exit(f"Demo-Erzeugung fehlgeschlagen:\n{output}")
    marker.write_text(wanted, encoding="ascii")
    rows = sum(f["rows"] for f in json.loads((folder / "manifest.json").read_text(encoding="utf-8"))["files"])
    return Row("demo generation", rows, seconds, peak, result="-")


def unzip_member(demo: Path, target_dir: Path, table_code: str = PARSE_TABLE) -> Path:
    """The unzipped flat-file member of table_code (extracted again only when its size differs)."""
    manifest = json.loads((demo / "manifest.json").read_text(encoding="utf-8"))
    item = next(f for f in manifest["files"] if f["table_code"] == table_code)
    target_dir.mkdir(parents=True, exist_ok=True)
    target = target_dir / item["member"]
    with zipfile.ZipFile(demo / item["file"]) as archive:
        size = archive.getinfo(item["member"]).file_size
        if not target.is_file() or target.stat().st_size != size:
            for old in target_dir.glob("*.csv"):
                old.unlink()
            archive.extract(item["member"], target_dir)
    return target


def run_script(args: list[str]) -> None:
    """A bench script in a subprocess; its output streams through (progress of long steps)."""
    done = subprocess.run([sys.executable, *args], cwd=REPO, check=False)
    if done.returncode not in (0, 1):
        sys.exit(f"{args[0]} fehlgeschlagen (Exit-Code {done.returncode})")


def parse_rows(results: list[dict]) -> list[Row]:
    """Summary rows of bench_parse.py results; parse_file_arrow (used by the build) is judged."""
    base = next(r for r in results if r["variant"] == "duckdb_read_csv")
    rows = []
    for r in results:
        x_time, x_memory = r["seconds"] / base["seconds"], r["peak_mb"] / base["peak_mb"]
        if r["variant"] == "duckdb_read_csv":
            result = "Referenz"
        elif r["variant"] == "parse_file_arrow":
            ok = x_time <= MAX_PARSE_TIME_RATIO and x_memory <= MAX_PARSE_MEMORY_RATIO
            result = "PASS" if ok else "FAIL"
        else:
            result = "info"
        rows.append(
            Row(f"parse {r['variant']}", r["rows"], r["seconds"], r["peak_mb"], x_time, x_memory, result)
        )
    return rows


def build_rows(result: dict) -> list[Row]:
    """Summary rows of a bench_build.py result: its stages and the whole build (judged)."""
    rows = [
        Row("build raw (parse + load)", result["raw_rows"], result["raw_seconds"]),
        Row("build core", result["core_rows"], result["core_seconds"]),
    ]
    rows += [
        Row(f"build {name}", None, result[f"{name}_seconds"]) for name in ("validation", "mart", "checkpoint")
    ]
    ok = (
        result["exit_code"] == 0
        and result["seconds"] < MAX_BUILD_SECONDS
        and result["peak_mb"] < MAX_BUILD_MIB
    )
    floor = result.get("floor")
    if floor:
        rows.insert(0, Row("build floor (DuckDB native)", floor["rows"], floor["seconds"], floor["peak_mb"],
                           result="Referenz"))
        ok_floor = result["x_time"] <= MAX_FLOOR_TIME and result["x_memory"] <= MAX_FLOOR_MEMORY
    read, written = (floor or {}).get("read"), result.get("write_floor")
    if read:
        rows.insert(1, Row("build read floor (nothing stored)", read["rows"], read["seconds"],
                           read["peak_mb"], result="Referenz"))
    if written:
        rows.insert(2 if read else 1, Row("build write floor (copy of the build)", written["rows"],
                                          written["seconds"], written["peak_mb"], result="Referenz"))
    rows.append(
        Row(
            "build total",
            result["raw_rows"],
            result["seconds"],
            result["peak_mb"],
            result.get("x_time"),
            result.get("x_memory"),
            result="PASS" if ok else f"FAIL (exit {result['exit_code']})" if result["exit_code"] else "FAIL",
        )
    )
    if floor:
        rows.append(Row("build / floor", None, None, None, result["x_time"], result["x_memory"],
                        result="PASS" if ok_floor else "FAIL"))
    return rows


def _cell(value: float | int | None, spec: str) -> str:
    return "-" if value is None else format(value, spec)


def table(rows: list[Row]) -> str:
    lines = [
        f"{'step':<28} {'rows':>10} {'seconds':>8} {'rows/s':>10} {'peak MiB':>9} {'x time':>7}"
        f" {'x mem':>6}  result"
    ]
    for r in rows:
        rate = r.rows / r.seconds if r.rows and r.seconds else None
        lines.append(
            f"{r.step:<28} {_cell(r.rows, ',d'):>10} {_cell(r.seconds, '.2f'):>8} {_cell(rate, ',.0f'):>10}"
            f" {_cell(r.peak_mib, ',.0f'):>9} {_cell(r.x_time, '.2f'):>7} {_cell(r.x_memory, '.2f'):>6}"
            f"  {r.result}"
        )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="parse runs per variant (minimum counts)")
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args()
    demo, loads = BENCH_DIR / "demo", [load_average()]
    demo.mkdir(parents=True, exist_ok=True)
    rows = [r for r in [ensure_demo(demo, args.seed)] if r]
    member = unzip_member(demo, BENCH_DIR / "parse")
    print(
        f"==> Parser-Benchmark: {member.name} ({member.stat().st_size / 2**20:,.0f} MiB),"
        f" {args.repeat} Läufe je Variante …",
        flush=True,
    )
    run_script(
        [
            "bench/bench_parse.py",
            str(member),
            "--repeat",
            str(args.repeat),
            "--json",
            str(BENCH_DIR / "parse.json"),
        ]
    )
    rows += parse_rows(json.loads((BENCH_DIR / "parse.json").read_text(encoding="utf-8")))
    loads.append(load_average())
    print("==> Build-Benchmark: python -m etl build auf dem ganzen Demo-Ordner …", flush=True)
    run_script(["bench/bench_build.py", "--source-dir", str(demo), "--json", str(BENCH_DIR / "build.json")])
    rows += build_rows(json.loads((BENCH_DIR / "build.json").read_text(encoding="utf-8")))
    loads.append(load_average())
    print(
        f"\nZiele: parse_file_arrow <= {MAX_PARSE_TIME_RATIO:g}x Zeit und <= {MAX_PARSE_MEMORY_RATIO:g}x"
        f" Speicher von DuckDB read_csv (Minimum aus {args.repeat} Läufen); Build < {MAX_BUILD_SECONDS:g} s"
        f" und < {MAX_BUILD_MIB / 1024:g} GiB; Build <= {MAX_FLOOR_TIME:g}x Zeit und <= {MAX_FLOOR_MEMORY:g}x"
        " Speicher des nativen Ladens (DuckDB read_csv + ein Umschreiben, gleicher Lauf)"
    )
    print(table(rows))
    print(f"Load average (1/5/15 min) vor/nach Parser/nach Build: {' | '.join(loads)}")
    return 0 if all(r.result in ("PASS", "Referenz", "info", "-") for r in rows if r.result) else 1


if __name__ == "__main__":
    sys.exit(main())
