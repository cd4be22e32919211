"""Benchmark the warehouse build (`python -m etl build`) in a subprocess.

    .venv/bin/python bench/bench_build.py [--source-dir DIR] [--regions CSV] [--skip-mart]

Without --source-dir the Germany-scale demo is generated first (`python -m etl demo --scale germany`)
into a temporary folder, and its `meta/regions_supplement.csv` is passed as --regions. Prints rows,
wall seconds, rows/s, peak memory of the build process (ru_maxrss) and the build's own stage lines.
Target (issue "Warehouse and ETL"): Germany-scale full build < 60 s and < 4 GiB.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


def run_measured(cmd: list[str]) -> tuple[int, float, float, str]:
    """Run cmd; return (exit code, wall seconds, peak RSS in MiB of that child, stdout+stderr)."""
    with tempfile.TemporaryFile(mode="w+") as log:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=REPO_ROOT, stdout=log, stderr=subprocess.STDOUT, text=True)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        log.seek(0)
        return proc.returncode, seconds, usage.ru_maxrss / 1024, log.read()


def generate_demo(out: Path) -> None:
    code, seconds, peak, output = run_measured([sys.executable, "-m", "etl", "demo", "--scale", "germany",
                                                "--out", str(out)])
    if code != 0:
        sys.exit(f"demo generation failed:\n{output}")
    print(f"demo (germany) generated in {seconds:.1f} s, peak {peak:.0f} MiB")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source-dir", type=Path)
    parser.add_argument("--regions", type=Path)
    parser.add_argument("--skip-mart", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-build-") as tmp:
        source = args.source_dir
        if source is None:
            source = Path(tmp) / "demo"
            generate_demo(source)
        regions = args.regions or (source / "meta" / "regions_supplement.csv")
        cmd = [sys.executable, "-m", "etl", "build", "--source-dir", str(source),
               "--warehouse-dir", str(Path(tmp) / "warehouse")]
        cmd += ["--regions", str(regions)] if regions.is_file() else []
        cmd += ["--skip-mart"] if args.skip_mart else []
        code, seconds, peak, output = run_measured(cmd)
    print(output.rstrip())
    raw = re.search(r"raw  (\d+) Zeilen geladen", output)
    core = re.search(r"core (\d+) Zeilen", output)
    rows = int(raw.group(1)) if raw else 0
    print("\nbuild benchmark")
    print(f"  exit code    {code}")
    print(f"  raw rows     {rows:,}")
    print(f"  core rows    {int(core.group(1)) if core else 0:,}")
    print(f"  seconds      {seconds:.1f}")
    print(f"  rows/s       {rows / seconds:,.0f}")
    print(f"  peak memory  {peak:,.0f} MiB (ru_maxrss of the build process)")
    return code


if __name__ == "__main__":
    sys.exit(main())
