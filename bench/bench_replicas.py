"""Throughput with 1 and with 2 replicas behind nginx (`make bench-serve`), in one run on this machine.

    .venv/bin/python bench/bench_replicas.py [--replicas 1,2] [--pages versorgungsluecken,indikatoren]
        [--concurrency 20] [--repeat 2] [--warehouse-dir DIR] [--json FILE]

For each replica count N, ``deploy/serve.py --replicas N`` is started on free loopback ports (nginx in
front, sticky ``bm_replica`` cookie), and ``bench/bench_pages.py --url`` drives the pages through the nginx
front: every session has its own cookie, so sessions spread over the replicas like browsers do. Printed per
N and page: p50 / p95 of a page load, the throughput ``loads_s`` (page loads finished per second of a round
of C sessions that start together) and the sessions per replica (X-Replica header). A second replica can
only add throughput when a core is free: with 2 cores, the figures are an upper bound of what one machine
gives; more machines serve the same build exported as Parquet (docs/DEPLOY.md).
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))
from bench.bench_pages import build_demo_warehouse, fmt, healthy, load_average  # noqa: E402

START_SECONDS = 180.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_front(replicas: int, warehouse: Path, run_dir: Path) -> tuple[subprocess.Popen, str]:
    """``deploy/serve.py`` with ``replicas`` replicas; returns the process and the nginx URL once healthy."""
    port, first = free_port(), free_port()
    env = {**os.environ, "BILDUNGSMONITOR_WAREHOUSE_DIR": str(warehouse)}
    log = (run_dir / "serve.log").open("wb")
    process = subprocess.Popen(
        [sys.executable, str(REPO / "deploy" / "serve.py"), "--replicas", str(replicas), "--port", str(port),
         "--first-port", str(first), "--run-dir", str(run_dir)],
        cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + START_SECONDS
    while not healthy(url):
        if process.poll() is not None or time.monotonic() > deadline:
            stop(process)
            tail = (run_dir / "serve.log").read_text(encoding="utf-8", errors="replace")[-2000:]
            raise RuntimeError(f"deploy/serve.py --replicas {replicas} did not become healthy:\n{tail}")
        time.sleep(0.5)
    return process, url


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)


def run_pages(url: str, run_dir: Path, args: argparse.Namespace) -> dict:
    pids = [int(p.read_text()) for p in sorted(run_dir.glob("replica-*.pid"))]
    out = run_dir / "pages.json"
    command = [sys.executable, str(REPO / "bench" / "bench_pages.py"), "--url", url, "--pages", args.pages,
               "--concurrency", args.concurrency, "--repeat", str(args.repeat), "--sessions", "0",
               "--json", str(out), *(arg for pid in pids for arg in ("--server-pid", str(pid)))]
    done = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=3600, check=False)
    print(done.stdout[-4000:], flush=True)
    if not out.exists():
        raise RuntimeError(f"bench_pages.py --url {url} wrote no figures:\n{done.stderr[-2000:]}")
    return json.loads(out.read_text(encoding="utf-8"))


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--replicas", default="1,2", help="replica counts to compare (default 1,2)")
    p.add_argument("--pages", default="versorgungsluecken,indikatoren", help="url paths, comma-separated")
    p.add_argument("--concurrency", default="20", help="concurrent sessions per round (default 20)")
    p.add_argument("--repeat", type=int, default=2, help="rounds per page (default 2)")
    p.add_argument("--warehouse-dir", type=Path, help="a built warehouse (default: a new demo build)")
    p.add_argument("--json", type=Path, help="write the figures of every replica count to this file")
    args = p.parse_args(argv)
    counts = [int(n) for n in args.replicas.split(",") if n.strip()]
    print(f"==> Repliken-Benchmark {counts}, load average {load_average()}, {os.cpu_count()} Kerne",
          flush=True)
    results: dict[int, dict] = {}
    with tempfile.TemporaryDirectory(prefix="bench-replicas-") as tmp:
        warehouse = args.warehouse_dir or build_demo_warehouse(Path(tmp))
        for count in counts:
            run_dir = Path(tmp) / f"serve-{count}"
            run_dir.mkdir()
            process, url = start_front(count, warehouse, run_dir)
            try:
                results[count] = run_pages(url, run_dir, args)
            finally:
                stop(process)
    print("replicas  page                  conc    n  fail      p50      p95  loads_s  sessions per replica")
    for count, data in results.items():
        for row in data["rows"]:  # the floor: the bare app of bench_pages.py, one process without proxy
            spread = ", ".join(f"{k} {v}" for k, v in sorted(row["replicas"].items())) or "–"
            print(f"{count:>8}  {row['page']:<20}  {row['conc']:>4}  {row['n']:>3}  {row['fail']:>4}  "
                  f"{fmt(row['p50'], 3):>7}  {fmt(row['p95'], 3):>7}  {fmt(row['loads_s'], 1):>7}  {spread}")
    print(f"==> load average am Ende {load_average()}")
    if args.json:
        args.json.write_text(json.dumps({str(k): v for k, v in results.items()}, indent=1), encoding="utf-8")
    failed = any(row["fail"] for data in results.values() for row in data["rows"])
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
