"""Benchmark the warehouse build (`python -m etl build`) in a subprocess.

    .venv/bin/python bench/bench_build.py [--source-dir DIR] [--regions CSV] [--skip-mart] [--json OUT]

Without --source-dir the Germany-scale demo is generated first (`python -m etl demo --scale germany`)
into a temporary folder. The build picks up `<source-dir>/meta/regions_supplement.csv` itself;
--regions overrides it. Streams the build's own stage lines, then prints rows, wall seconds, rows/s
and peak memory of the build process (ru_maxrss); --json writes them with the stage seconds.
Target (issue "Warehouse and ETL"): Germany-scale full build < 60 s and < 4 GiB.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
#: stage lines of `python -m etl build` (rows and seconds)
RAW = re.compile(r"^raw  (\d+) Zeilen geladen, ([\d.]+) s$", re.MULTILINE)
CORE = re.compile(r"^core (\d+) Zeilen in \d+ Tabellen, ([\d.]+) s$", re.MULTILINE)
CHECK = re.compile(r"^Prüfung \d+ Befunde, ([\d.]+) s$", re.MULTILINE)
MART = re.compile(r"^mart fertig, ([\d.]+) s$", re.MULTILINE)
CHECKPOINT = re.compile(r"^CHECKPOINT ([\d.]+) s$", re.MULTILINE)


def run_measured(cmd: list[str], echo: str | None = None) -> tuple[int, float, float, str]:
    """Run cmd; return (exit code, wall seconds, peak RSS in MiB of that child, stdout+stderr).

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
    proc.returncode = os.waitstatus_to_exitcode(status)
    return proc.returncode, seconds, usage.ru_maxrss / 1024, "".join(lines)


def generate_demo(out: Path) -> None:
    code, seconds, peak, output = run_measured([sys.executable, "-m", "etl", "demo", "--scale", "germany",
                                                "--out", str(out)])
    if code != 0:
        sys.exit(f"demo generation failed:\n{output}")
    print(f"demo (germany) generated in {seconds:.1f} s, peak {peak:.0f} MiB")


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
    code, seconds, peak, output = run_measured(cmd, echo)
    return {"exit_code": code, "seconds": seconds, "peak_mb": peak, **stages(output), "output": output}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source-dir", type=Path)
    parser.add_argument("--regions", type=Path)
    parser.add_argument("--skip-mart", action="store_true")
    parser.add_argument("--json", type=Path, help="write the results as JSON to this file")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-build-") as tmp:
        source = args.source_dir
        if source is None:
            source = Path(tmp) / "demo"
            generate_demo(source)
        result = build(source, Path(tmp) / "warehouse", args.regions, args.skip_mart, echo="  | ")
    rows, seconds = result["raw_rows"], result["seconds"]
    print("\nbuild benchmark")
    print(f"  exit code    {result['exit_code']}")
    print(f"  raw rows     {rows:,}")
    print(f"  core rows    {result['core_rows']:,}")
    print(f"  seconds      {seconds:.1f}")
    print(f"  rows/s       {rows / seconds:,.0f}")
    print(f"  peak memory  {result['peak_mb']:,.0f} MiB (ru_maxrss of the build process)")
    if args.json:
        args.json.write_text(json.dumps({k: v for k, v in result.items() if k != "output"}, indent=1) + "\n",
                             encoding="utf-8")
    return result["exit_code"]


if __name__ == "__main__":
    sys.exit(main())
