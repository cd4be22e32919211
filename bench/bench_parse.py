"""Benchmark the ffcsv parser against DuckDB's own read_csv (all_varchar) on the same file.

    .venv/bin/python bench/bench_parse.py [FILE] [--repeat N] [--json OUT]

Without FILE a synthetic Germany-scale v5 ffcsv is generated in a temporary folder (400 Kreise x
12 years x 231 classification combinations, about 1.1 million rows). Each measurement runs in its
own subprocess, N times per variant (interleaved); prints the minimum wall seconds, CPU seconds and
peak memory (ru_maxrss) per variant and the ratios to DuckDB's read_csv; --json writes them.
"""

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
HEADER = (
    "statistics_code;statistics_label;time_code;time_label;time;"
    "1_variable_code;1_variable_label;1_variable_attribute_code;1_variable_attribute_label;"
    "2_variable_code;2_variable_label;2_variable_attribute_code;2_variable_attribute_label;"
    "3_variable_code;3_variable_label;3_variable_attribute_code;3_variable_attribute_label;"
    "value;value_unit;value_variable_code;value_variable_label"
)
SEXES = [("", "Insgesamt"), ("GESM", "männlich"), ("GESW", "weiblich")]
AGES = [("", "Insgesamt")] + [(f"ALT{a:03d}B{a + 1:03d}", f"{a} bis unter {a + 1} Jahre") for a in range(76)]
SYMBOLS = ["-", ".", "...", "/", "x", "12p", "(7)"]


def generate(path: Path, kreise: int = 400, years: int = 12) -> int:
    """Write a synthetic v5 ffcsv (UTF-8 with BOM); return the number of data rows."""
    rng = random.Random(1)
    rows = 0
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        out.write(HEADER + "\n")
        for k in range(kreise):
            ags = f"{1 + k // 40:02d}{k % 40:03d}"
            fixed = f"KREISE;Kreise und kreisfreie Städte;{ags};Kreis {ags}"
            lines = []
            for year in range(2013, 2013 + years):
                head = f"12411;Fortschreibung des Bevölkerungsstandes;STAG;Stichtag;{year}-12-31;{fixed}"
                for sex_code, sex_label in SEXES:
                    for age_code, age_label in AGES:
                        value = rng.choice(SYMBOLS) if rng.random() < 0.05 else str(rng.randint(0, 90000))
                        lines.append(
                            f"{head};GES;Geschlecht;{sex_code};{sex_label};ALTX;Altersjahre;{age_code};"
                            f"{age_label};{value};Anzahl;BEVSTD;Bevölkerungsstand\n"
                        )
            out.writelines(lines)
            rows += len(lines)
    return rows


def _measure(variant: str, path: str) -> dict:
    """Run one variant in this process; return rows, seconds, peak memory (imports not timed)."""
    import duckdb
    import pyarrow  # noqa: F401 - loaded by DuckDB's Arrow export; imported up front for all variants

    from etl.parse import parse_file, parse_file_arrow

    before = resource.getrusage(resource.RUSAGE_SELF)
    cpu_before = before.ru_utime + before.ru_stime
    start = time.perf_counter()
    if variant == "duckdb_read_csv":
        rel = duckdb.connect().sql(
            "SELECT * FROM read_csv($p, all_varchar=true, delim=';', header=true)", params={"p": path}
        )
        rows = rel.to_arrow_table().num_rows
    elif variant == "parse_file_arrow":
        rows = parse_file_arrow(path).table.num_rows
    else:
        rows = len(parse_file(path).table)
    seconds = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_SELF)
    cpu = usage.ru_utime + usage.ru_stime - cpu_before
    return {
        "variant": variant,
        "rows": rows,
        "seconds": seconds,
        "cpu": cpu,
        "peak_mb": usage.ru_maxrss / 1024,
    }


def run(variant: str, path: Path) -> dict:
    code = f"import json, bench.bench_parse as b; print(json.dumps(b._measure({variant!r}, {str(path)!r})))"
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO_ROOT, capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


VARIANTS = ("duckdb_read_csv", "parse_file_arrow", "parse_file")


def best_of(runs: list[dict]) -> dict:
    """Minimum wall seconds, CPU seconds and peak memory over repeated runs of one variant."""
    return {**runs[0], **{k: min(r[k] for r in runs) for k in ("seconds", "cpu", "peak_mb")},
            "runs": len(runs), "seconds_all": [round(r["seconds"], 2) for r in runs]}


def measure_all(path: Path, repeat: int) -> list[dict]:
    """Every variant `repeat` times, interleaved (so machine load hits all variants alike)."""
    runs: dict[str, list[dict]] = {v: [] for v in VARIANTS}
    for n in range(repeat):
        for variant in VARIANTS:
            runs[variant].append(run(variant, path))
            print(f"  run {n + 1}/{repeat} {variant:<18} {runs[variant][-1]['seconds']:6.2f} s", flush=True)
    return [best_of(runs[v]) for v in VARIANTS]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", type=Path, help="ffcsv file (default: generate one)")
    parser.add_argument("--repeat", type=int, default=1, help="runs per variant; the minimum counts")
    parser.add_argument("--json", type=Path, help="write the results as JSON to this file")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-parse-") as tmp:
        path = args.file
        if path is None:
            path = Path(tmp) / "12411-01-01-4_1700000000000_de_flat.csv"
            started = time.perf_counter()
            rows = generate(path)
            print(
                f"generated {rows} rows, {path.stat().st_size / 1e6:.0f} MB "
                f"in {time.perf_counter() - started:.1f} s"
            )
        results = measure_all(path, max(1, args.repeat))
    base = results[0]
    print(
        f"{'variant':<18} {'rows':>9} {'seconds':>7} {'rows/s':>9} {'cpu s':>6} {'peak MB':>7} x_time x_mem"
    )
    for r in results:
        print(
            f"{r['variant']:<18} {r['rows']:>9} {r['seconds']:>7.2f} {r['rows'] / r['seconds']:>9.0f} "
            f"{r['cpu']:>6.2f} {r['peak_mb']:>7.0f} {r['seconds'] / base['seconds']:>6.2f} "
            f"{r['peak_mb'] / base['peak_mb']:>5.2f}"
        )
    if args.json:
        args.json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
