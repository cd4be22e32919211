"""Smoke tests of the page benchmark's protocol client (bench/bench_pages.py) on the floor app only (one
session, a few rounds, the table has its columns and a finite p50) and of the replica benchmark through
nginx with one replica. Not timing assertions."""

import json
import math
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)


def test_floor_app_through_the_websocket_protocol(tmp_path):
    out = tmp_path / "pages.json"
    done = subprocess.run(
        [sys.executable, str(REPO / "bench" / "bench_pages.py"), "--floor-only", "--concurrency", "1",
         "--repeat", "3", "--sessions", "2", "--timeout", "30", "--json", str(out)],
        cwd=REPO, capture_output=True, text=True, timeout=180, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    header = next(line for line in done.stdout.splitlines() if line.startswith("page "))
    assert header.split() == ["page", "conc", "n", "fail", "p50", "p95", "floor_p50", "floor_p95", "x_p50",
                              "x_p95", "loads_s", "cold", "load"]
    data = json.loads(out.read_text(encoding="utf-8"))
    (row,) = data["rows"]
    assert (row["page"], row["conc"], row["n"], row["fail"]) == ("floor", 1, 3, 0)
    assert math.isfinite(row["p50"]) and 0 < row["p50"] < 30
    assert row["x_p50"] == 1.0
    assert math.isclose(row["loads_s"], 1 / row["p50"])  # one session per round, three rounds
    assert data["memory"]["floor"]["rss_sessions_mib"] > 0


@pytest.mark.skipif(NGINX is None, reason="nginx fehlt (apt-get install nginx-light)")
def test_replica_benchmark_through_the_nginx_front(demo_warehouse, tmp_path):
    """bench/bench_replicas.py with one replica: loads go through nginx to the replica and are counted."""
    out = tmp_path / "replicas.json"
    done = subprocess.run(
        [sys.executable, str(REPO / "bench" / "bench_replicas.py"), "--replicas", "1", "--pages", "berichte",
         "--concurrency", "2", "--repeat", "1", "--warehouse-dir", str(demo_warehouse), "--json", str(out)],
        cwd=REPO, capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    rows = {row["page"]: row for row in json.loads(out.read_text(encoding="utf-8"))["1"]["rows"]}
    page = rows["berichte"]
    assert (page["n"], page["fail"]) == (2, 0)
    assert sum(page["replicas"].values()) == 2 and len(page["replicas"]) == 1  # one replica served both
    assert math.isclose(page["loads_s"], 2 / max(page["times"]))
