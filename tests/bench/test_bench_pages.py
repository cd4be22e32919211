"""Smoke test of the page benchmark's protocol client (bench/bench_pages.py) on the floor app only: one
session, a few rounds, the table has its columns and a finite p50. Not a timing assertion."""

import json
import math
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_floor_app_through_the_websocket_protocol(tmp_path):
    out = tmp_path / "pages.json"
    done = subprocess.run(
        [sys.executable, str(REPO / "bench" / "bench_pages.py"), "--floor-only", "--concurrency", "1",
         "--repeat", "3", "--sessions", "2", "--timeout", "30", "--json", str(out)],
        cwd=REPO, capture_output=True, text=True, timeout=180, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    header = next(line for line in done.stdout.splitlines() if line.startswith("page "))
    assert header.split() == ["page", "conc", "n", "fail", "p50", "p95", "floor_p50", "floor_p95", "x_p50",
                              "x_p95", "cold", "load"]
    data = json.loads(out.read_text(encoding="utf-8"))
    (row,) = data["rows"]
    assert (row["page"], row["conc"], row["n"], row["fail"]) == ("floor", 1, 3, 0)
    assert math.isfinite(row["p50"]) and 0 < row["p50"] < 30
    assert row["x_p50"] == 1.0
    assert data["memory"]["floor"]["rss_sessions_mib"] > 0
