"""Page benchmark (`make bench-pages`): every dashboard page through the real Streamlit websocket protocol,
against the floor of a bare one-page app measured in the same run.

    .venv/bin/python bench/bench_pages.py [--pages uebersicht,praesentation] [--concurrency 1,5,20]
        [--repeat 2] [--sessions 50] [--url http://127.0.0.1:8501 [--server-pid PID …]] [--json FILE]

1. builds a demo warehouse into a temporary folder (``python -m etl demo`` + ``python -m etl build``;
   ``--warehouse-dir`` reuses a built one) and starts ``app.py`` on it and ``bench/floor_app.py`` (title,
   selectbox, one plotly chart of 20 rows), both with ``python -m streamlit run … --server.headless true``
   on free loopback ports with cwd = repository root, so ``.streamlit/config.toml`` applies to both;
2. per page (``monitor.navigation.PAGE_SPECS``; the presentation with ``folie=2``) one warm-up session
   (column ``cold``: the first run fills the per-build caches), then ``--repeat`` rounds of C concurrent
   sessions for each C of ``--concurrency``. A session is what a browser tab does on a page load: open
   ``ws://…/_stcore/stream`` (subprotocol ``streamlit``), send a ``BackMsg`` with ``rerun_script``
   (``page_name`` = the url path, empty for the default page, ``query_string``, the browser's
   ``context_info``) and read the ``ForwardMsg`` stream. The time runs from sending to the
   ``script_finished`` message. A session fails when the status is not ``FINISHED_SUCCESSFULLY``, when
   the stream has an exception element, an error box (``st.error``), ``page_not_found`` or another page
   than the one asked for, or on a timeout;
3. the floor app is measured with the same concurrency in a round right before every page round, so both
   see the same load from other jobs (the floor's figures pool all its rounds of that concurrency);
4. server memory: VmRSS of the streamlit process and its children with ``--sessions`` sessions connected
   (each has run a page), for both apps;
5. prints p50 / p95 per page and concurrency, the floor's p50 / p95 and the ratios page ÷ floor, the
   throughput ``loads_s`` (page loads finished per second of a round of C sessions that start together:
   C ÷ the slowest; median of the rounds; compare 1 and 2 replicas at C = 20), with the load average
   (other jobs on the machine make wall times scatter); ``--json`` writes everything.

``--url`` benchmarks a running server instead of starting app.py, e.g. the nginx front of
``make serve REPLICAS=2``: every session sends its own ``bm_replica`` cookie, so it stays on one replica
and the sessions spread over the replicas like browsers do (``--server-pid`` for the memory figure, e.g.
``$(cat data/serve/replica-*.pid)``). ``--floor-only`` measures just the floor app (smoke test).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import resource
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path

from websockets.asyncio.client import ClientConnection

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # run as a script: make `bench` and `monitor` importable
    sys.path.insert(0, str(REPO))
from bench.st_client import (  # noqa: E402
    DEFAULT_PAGE,
    FLOOR,
    PAGE_QUERIES,
    PAGE_SPECS,
    Run,
    measure,
    open_session,
    run_script,
)

FLOOR_APP = REPO / "bench" / "floor_app.py"
HEALTH_SECONDS = 120.0
REGISTER_SESSIONS = 8  # --url: sessions with their own cookies that run the default page first
COLUMNS = ("page", "conc", "n", "fail", "p50", "p95", "floor_p50", "floor_p95", "x_p50", "x_p95", "loads_s",
           "cold", "load")


# --- sessions held open, servers, memory, figures ---------------------------------------------------

async def _hold_sessions(base: str, pages: list[str], count: int, timeout: float, cookies: bool,
                         pids: list[int]) -> tuple[float | None, int]:
    """Open ``count`` sessions, run a page in each (pages cycled), read the RSS with all connected."""
    tag = secrets.token_hex(3)
    sockets: list[ClientConnection] = []
    try:
        for i in range(count):
            sockets.append(await open_session(base, f"bench-{tag}-{i}" if cookies else None))
        runs = await asyncio.gather(*[
            run_script(ws, pages[i % len(pages)], PAGE_QUERIES.get(pages[i % len(pages)], ""), timeout)
            for i, ws in enumerate(sockets)])
        await asyncio.sleep(1.0)
        return rss_mib(pids), sum(r.error is not None for r in runs)
    finally:
        await asyncio.gather(*[ws.close() for ws in sockets], return_exceptions=True)


def hold_sessions(base: str, pages: list[str], count: int, timeout: float, cookies: bool,
                  pids: list[int]) -> tuple[float | None, int]:
    return asyncio.run(_hold_sessions(base, pages, count, timeout, cookies, pids))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def healthy(base: str) -> bool:
    try:
        with urllib.request.urlopen(base + "/_stcore/health", timeout=2) as response:  # noqa: S310 - loopback
            return response.status == 200
    except OSError:
        return False


@dataclass
class Server:
    url: str
    pid: int | None
    log: Path | None


@contextmanager
def streamlit_server(script: Path, log: Path, env: dict[str, str] | None = None) -> Iterator[Server]:
    """``python -m streamlit run SCRIPT`` on a free loopback port, cwd = repository root."""
    port = free_port()
    command = [sys.executable, "-m", "streamlit", "run", str(script), "--server.headless", "true",
               "--server.port", str(port), "--server.address", "127.0.0.1",
               "--browser.gatherUsageStats", "false"]
    with log.open("wb") as out:
        process = subprocess.Popen(command, cwd=REPO, env={**os.environ, **(env or {})}, stdout=out,
                                   stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + HEALTH_SECONDS
        while not healthy(url):
            if process.poll() is not None or time.monotonic() > deadline:
                tail = log.read_text(encoding="utf-8", errors="replace")[-2000:]
                raise RuntimeError(f"{script.name} did not become healthy on port {port}:\n{tail}")
            time.sleep(0.25)
        yield Server(url, process.pid, log)
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text(encoding="ascii", errors="replace")
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            tree.setdefault(ppid, []).append(int(entry.name))
    return tree


def rss_mib(pids: list[int]) -> float | None:
    """Summed VmRSS of the processes and all their descendants (MiB); None without a pid."""
    if not pids:
        return None
    tree, todo, seen, total = _children(), list(pids), set(), 0
    while todo:
        pid = todo.pop()
        if pid in seen:
            continue
        seen.add(pid)
        todo.extend(tree.get(pid, []))
        try:
            for line in Path(f"/proc/{pid}/status").read_text(encoding="ascii").splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024


def load_average() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text(encoding="ascii").split()[:3])
    except OSError:
        return "?"


def percentile(values: list[float], q: float) -> float:
    """Linear interpolation between closest ranks; NaN for no values."""
    if not values:
        return math.nan
    ordered = sorted(values)
    pos = q * (len(ordered) - 1)
    low = math.floor(pos)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (pos - low)


def build_demo_warehouse(folder: Path) -> Path:
    """``python -m etl demo`` and ``python -m etl build`` into ``folder``; returns the warehouse dir."""
    demo, warehouse = folder / "demo", folder / "warehouse"
    for command in ([sys.executable, "-m", "etl", "demo", "--out", str(demo)],
                    [sys.executable, "-m", "etl", "build", "--source-dir", str(demo), "--warehouse-dir",
                     str(warehouse)]):
        done = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=900, check=False)
        if done.returncode != 0:
            output = done.stdout[-1500:] + done.stderr[-1500:]
            raise RuntimeError(f"{' '.join(command[2:4])} failed:\n{output}")
    return warehouse


@dataclass
class Row:
    page: str
    conc: int
    n: int = 0
    fail: int = 0
    p50: float = math.nan
    p95: float = math.nan
    floor_p50: float = math.nan
    floor_p95: float = math.nan
    x_p50: float = math.nan
    x_p95: float = math.nan
    loads_s: float = math.nan  # throughput: page loads finished per second of a round (median of rounds)
    cold: float | None = None
    load: str = ""
    times: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    round_loads_s: list[float] = field(default_factory=list)
    replicas: dict[str, int] = field(default_factory=dict)


def fmt(value: float | None, digits: int = 2) -> str:
    return "–" if value is None or (isinstance(value, float) and math.isnan(value)) else f"{value:.{digits}f}"


WIDTHS = (20, 4, 4, 4, 7, 7, 9, 9, 6, 6, 7, 6, 16)


def line(cells: tuple[str, ...]) -> str:
    return "  ".join(c.ljust(w) if i == 0 else c.rjust(w)
                     for i, (c, w) in enumerate(zip(cells, WIDTHS, strict=True)))


def print_table(rows: list[Row]) -> None:
    for r in rows:
        print(line((r.page, str(r.conc), str(r.n), str(r.fail), fmt(r.p50, 3), fmt(r.p95, 3),
                    fmt(r.floor_p50, 3), fmt(r.floor_p95, 3), fmt(r.x_p50, 1), fmt(r.x_p95, 1),
                    fmt(r.loads_s, 1), fmt(r.cold),
                    r.load)), flush=True)


def cold_run(base: str, page: str, timeout: float, cookies: bool) -> tuple[float | None, str | None]:
    run = measure(base, page, 1, timeout, cookies)[0]
    return run.seconds, run.error


def record(row: Row, runs: list[Run]) -> None:
    """Times and errors of one round; its throughput = finished loads ÷ the slowest (all start together)."""
    finished = [run.seconds for run in runs if run.error is None and run.seconds is not None]
    if finished:
        row.round_loads_s.append(len(finished) / max(finished))
    for run in runs:
        if run.replica:
            row.replicas[run.replica] = row.replicas.get(run.replica, 0) + 1
        if run.error is None and run.seconds is not None:
            row.times.append(run.seconds)
        else:
            row.errors.append(run.error or "no time")


def register_pages(app: Server, timeout: float, cookies: bool) -> float | None:
    """The overview first, once per server process (behind the nginx front: several sessions with their
    own cookies reach every replica), so the page rounds do not pay for a process's first script run.
    Returns the slowest time (a replica's first run, cold)."""
    count = REGISTER_SESSIONS if cookies else 1
    runs = measure(app.url, DEFAULT_PAGE, count, timeout, cookies)
    times = [r.seconds for r in runs if r.seconds is not None]
    errors = sorted({r.error for r in runs if r.error})
    slowest = max(times, default=None)
    print(f"==> Erster Lauf: Übersicht in {count} Sitzung(en), längste {fmt(slowest)} s"
          + (f", Meldungen: {'; '.join(errors)}" if errors else ""), flush=True)
    return slowest


def benchmark(app: Server | None, floor: Server, pages: list[str], levels: list[int], repeat: int,
              timeout: float, cookies: bool) -> list[Row]:
    """Warm-up per page, then for each concurrency ``repeat`` rounds of every page, each right after a
    round of the floor app (so the floor has as many rounds as all pages together, under the same load)."""
    targets = [(FLOOR, floor)] + [(page, app) for page in pages if app is not None]
    cold: dict[str, float | None] = {}
    if app is not None:
        cold[DEFAULT_PAGE] = register_pages(app, timeout, cookies)
    for name, server in targets:
        if name in cold:
            continue
        seconds, error = cold_run(server.url, name, timeout, cookies and server is app)
        cold[name] = seconds
        print(f"==> {name}: erster Lauf {fmt(seconds)} s" + (f" FEHLER {error}" if error else ""), flush=True)
    rows: list[Row] = []
    print(line(COLUMNS), flush=True)
    for level in levels:
        block = {name: Row(name, level, cold=cold[name]) for name, _ in targets}
        for _ in range(repeat):
            for name in [name for name, _ in targets[1:]] or [FLOOR]:
                record(block[FLOOR], measure(floor.url, FLOOR, level, timeout, False))
                if name != FLOOR:
                    record(block[name], measure(app.url, name, level, timeout, cookies))
        floor_row = block[FLOOR]
        for row in block.values():
            row.n, row.fail = len(row.times) + len(row.errors), len(row.errors)
            row.p50, row.p95 = percentile(row.times, 0.5), percentile(row.times, 0.95)
            row.loads_s = percentile(row.round_loads_s, 0.5)
            row.load = load_average()
        for row in block.values():
            row.floor_p50, row.floor_p95 = floor_row.p50, floor_row.p95
            row.x_p50 = row.p50 / floor_row.p50 if floor_row.p50 > 0 else math.nan
            row.x_p95 = row.p95 / floor_row.p95 if floor_row.p95 > 0 else math.nan
        ordered = [block[name] for name, _ in targets[1:]] + [floor_row]
        print_table(ordered)
        rows.extend(ordered)
    return rows


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    all_pages = ",".join(spec.url_path for spec in PAGE_SPECS)
    p.add_argument("--pages", default=all_pages, help=f"url paths, comma-separated (default: {all_pages})")
    p.add_argument("--concurrency", default="1,5,20", help="concurrent sessions per round (default 1,5,20)")
    p.add_argument("--repeat", type=int, default=2, help="rounds per page and concurrency (default 2)")
    p.add_argument("--sessions", type=int, default=50, help="sessions held open for the RSS figure (0: none)")
    p.add_argument("--timeout", type=float, default=180.0, help="seconds per script run (default 180)")
    p.add_argument("--url", help="benchmark this running server (e.g. the nginx front) instead of app.py")
    p.add_argument("--server-pid", type=int, action="append", default=[],
                   help="with --url: pid of a streamlit process for the RSS figure (repeatable)")
    p.add_argument("--warehouse-dir", type=Path, help="use this built warehouse instead of a new demo build")
    p.add_argument("--floor-only", action="store_true", help="measure only the floor app (smoke test)")
    p.add_argument("--json", type=Path, help="write rows, memory and load averages to this file")
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    pages = [] if args.floor_only else [p.strip() for p in args.pages.split(",") if p.strip()]
    known = {spec.url_path for spec in PAGE_SPECS}
    unknown = [p for p in pages if p not in known]
    if unknown:
        print(f"Unbekannte Seiten: {', '.join(unknown)} (bekannt: {', '.join(sorted(known))})",
              file=sys.stderr)
        return 2
    levels = [int(c) for c in args.concurrency.split(",") if c.strip()]
    if not levels or min(levels) < 1 or args.repeat < 1:
        print("--concurrency und --repeat brauchen Werte ab 1", file=sys.stderr)
        return 2
    load_start = load_average()
    print(f"==> Seiten-Benchmark, load average {load_start}, {os.cpu_count()} Kerne", flush=True)
    with ExitStack() as stack:
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-pages-")))
        floor = stack.enter_context(streamlit_server(FLOOR_APP, tmp / "floor.log"))
        app: Server | None = None
        if args.url:
            app = Server(args.url.rstrip("/"), None, None)
            if not healthy(app.url):
                print(f"{app.url}/_stcore/health antwortet nicht", file=sys.stderr)
                return 1
        elif pages:
            warehouse = args.warehouse_dir
            if warehouse is None:
                print("==> Demo-Warehouse bauen …", flush=True)
                started = time.monotonic()
                warehouse = build_demo_warehouse(tmp)
                print(f"==> Demo-Warehouse gebaut in {time.monotonic() - started:.0f} s", flush=True)
            app = stack.enter_context(streamlit_server(
                REPO / "app.py", tmp / "app.log", {"BILDUNGSMONITOR_WAREHOUSE_DIR": str(warehouse)}))
        print(f"==> Boden {floor.url}" + (f", Projekt {app.url}" if app else ""), flush=True)
        rows = benchmark(app, floor, pages, levels, args.repeat, args.timeout, cookies=bool(args.url))
        memory = {}
        if args.sessions > 0:
            targets = [(FLOOR, floor, [FLOOR], [floor.pid])]
            if app is not None:
                targets.insert(0, ("app", app, pages, [app.pid] if app.pid else args.server_pid))
            for name, server, cycle, pids in targets:
                idle = rss_mib(pids)
                held, failed = hold_sessions(server.url, cycle, args.sessions, args.timeout,
                                             bool(args.url) and server is app, pids)
                memory[name] = {"rss_idle_mib": idle, "rss_sessions_mib": held, "sessions": args.sessions,
                                "failed": failed, "load": load_average()}
                print(f"==> RSS {name}: {fmt(idle, 0)} MiB nach dem Aufwärmen, {fmt(held, 0)} MiB mit "
                      f"{args.sessions} verbundenen Sitzungen ({failed} fehlgeschlagen), load average "
                      f"{load_average()}", flush=True)
        spread: dict[str, int] = {}
        for row in rows:
            for replica, count in row.replicas.items():
                spread[replica] = spread.get(replica, 0) + count
        if spread:
            shares = ", ".join(f"{replica} {count}" for replica, count in sorted(spread.items()))
            print(f"==> Sitzungen je Replik (X-Replica): {shares}")
        client_cpu = resource.getrusage(resource.RUSAGE_SELF)
        client_cpu_s = client_cpu.ru_utime + client_cpu.ru_stime
        print(f"==> CPU des Benchmark-Clients: {client_cpu_s:.1f} s", flush=True)
        failures = [(r.page, r.conc, e) for r in rows for e in r.errors]
        for page, conc, error in failures[:10]:
            print(f"FEHLER {page} c={conc}: {error}")
        for server in (app, floor):
            if failures and server is not None and server.log is not None and server.log.exists():
                print(f"--- Server-Protokoll {server.log.name} (Ende) ---\n"
                      + server.log.read_text(encoding="utf-8", errors="replace")[-3000:])
    print(f"==> load average am Anfang {load_start}, am Ende {load_average()}")
    if args.json:
        data = {"load_start": load_start, "load_end": load_average(), "cpus": os.cpu_count(),
                "url": args.url, "columns": list(COLUMNS), "rows": [asdict(r) for r in rows],
                "memory": memory, "client_cpu_s": client_cpu_s}
        args.json.write_text(json.dumps(data, indent=1, allow_nan=True), encoding="utf-8")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
