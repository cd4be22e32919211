"""Report benchmark (`make bench-pages`, second part): the PDF Bericht for the home Kreis and a
Sitzungsvorlage for one of its Gemeinden, with seconds per phase.

    .venv/bin/python bench/bench_reports.py [--repeat 2] [--gemeinde AGS] [--topic schule]
        [--warehouse-dir W] [--json FILE]

Each report kind runs in its own Python process (so run 1 is a cold start like
``python -m monitor.reports``: empty caches, first DuckDB connection, first Chromium), then ``--repeat`` - 1
more times in the same process (warm caches, as in the dashboard after page views). The chart image
cache is a new empty folder per benchmark run, so run 1 renders every chart. The phases are timed
by wrapping, in this process only, the functions the report code calls (nothing in monitor/ is changed):

- ``content``: ``monitor.reports.build_report`` (queries, narrative, chart figures); of which ``sql``:
  ``monitor.db.query``;
- ``charts_prep``: ``monitor.reports.images.for_print`` (print copies of the figures);
- ``kaleido``: ``monitor.reports.images.render`` (all chart SVGs in one Chromium session, cached per build);
- ``chromium_start``: ``kaleido.Kaleido.open`` (Chromium start; it runs in a background thread while the
  content is read, so it overlaps ``content`` and only the rest of it, if any, shows in ``kaleido``);
- ``html``: ``monitor.reports.render.html`` (Jinja2);
- ``pdf``: ``weasyprint.HTML`` (parsing) and ``HTML.write_pdf`` (layout and PDF);
- ``other``: the rest of the total.

A wrapped name that does not exist (the report code was restructured) is reported as not instrumented.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

PHASES = ("content", "sql", "charts_prep", "kaleido", "chromium_start", "html", "pdf", "other", "total")
TOP_LEVEL = ("content", "charts_prep", "kaleido", "html", "pdf")  # disjoint; "other" = total - these
KINDS = ("bericht", "vorlage")


class Timer:
    """Seconds and calls per phase, collected by the wrappers."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self.calls: dict[str, int] = defaultdict(int)
        self.missing: list[str] = []

    def add(self, phase: str, seconds: float) -> None:
        self.seconds[phase] += seconds
        self.calls[phase] += 1

    def reset(self) -> None:
        self.seconds.clear()
        self.calls.clear()

    def wrap(self, owner: object, name: str, phase: str) -> None:
        original = getattr(owner, name, None)
        if original is None:
            self.missing.append(f"{getattr(owner, '__name__', owner)}.{name}")
            return

        @functools.wraps(original)
        def timed(*args, **kwargs):
            start = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                self.add(phase, time.perf_counter() - start)

        setattr(owner, name, timed)

    def wrap_async(self, owner: type, name: str, phase: str) -> None:
        original = getattr(owner, name, None)
        if original is None:
            self.missing.append(f"{owner.__name__}.{name}")
            return

        @functools.wraps(original)
        async def timed(*args, **kwargs):
            start = time.perf_counter()
            try:
                return await original(*args, **kwargs)
            finally:
                self.add(phase, time.perf_counter() - start)

        setattr(owner, name, timed)


def instrument(timer: Timer) -> None:
    import kaleido
    import weasyprint

    from monitor import db, reports
    from monitor.reports import images, render

    timer.wrap(reports, "build_report", "content")
    timer.wrap(db, "query", "sql")
    timer.wrap(images, "for_print", "charts_prep")
    timer.wrap(images, "render", "kaleido")
    timer.wrap_async(kaleido.Kaleido, "open", "chromium_start")
    timer.wrap(render, "html", "html")
    timer.wrap(weasyprint.HTML, "__init__", "pdf")
    timer.wrap(weasyprint.HTML, "write_pdf", "pdf")


def pages_of(pdf: bytes) -> int:
    try:
        import io

        import pypdf

        return len(pypdf.PdfReader(io.BytesIO(pdf)).pages)
    except ImportError:
        return len(re.findall(rb"/Type\s*/Page\b", pdf))


def worker(kind: str, region: str, topic: str, repeat: int) -> dict:
    """Generate one report kind ``repeat`` times in this process; phases per run."""
    from monitor import reports

    timer = Timer()
    instrument(timer)
    runs = []
    for _ in range(repeat):
        timer.reset()
        start = time.perf_counter()
        pdf = reports.bericht(region) if kind == "bericht" else reports.sitzungsvorlage(region, topic)
        total = time.perf_counter() - start
        phases = {p: timer.seconds.get(p, 0.0) for p in PHASES if p not in ("other", "total")}
        phases["other"] = total - sum(phases[p] for p in TOP_LEVEL)
        phases["total"] = total
        runs.append({"phases": phases, "calls": dict(timer.calls), "pages": pages_of(pdf),
                     "kib": len(pdf) // 1024})
    return {"kind": kind, "region": region, "topic": topic if kind == "vorlage" else None, "runs": runs,
            "not_instrumented": timer.missing}


def choose_regions(gemeinde: str | None, topic: str) -> tuple[str, str]:
    """The home Kreis and a Gemeinde that offers ``topic`` (the given one, else the first such)."""
    from monitor import reports
    from monitor.queries import regions

    home = regions.home()
    candidates = [gemeinde] if gemeinde else list(home.gemeinden)
    for ags in candidates:
        if topic in {t.key for t in reports.topics_for(ags)}:
            return home.kreis, ags
    raise SystemExit(f"Keine Gemeinde mit Werten zum Thema {topic}: {', '.join(candidates)}")


def load_average() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text(encoding="ascii").split()[:3])
    except OSError:
        return "?"


WIDTHS = [32, 4] + [max(7, len(p)) for p in PHASES] + [5, 16]
LABELS = {"bericht": "Bericht", "vorlage": "Sitzungsvorlage"}


def line(cells: list[str]) -> str:
    return "  ".join(c.ljust(w) if i == 0 else c.rjust(w)
                     for i, (c, w) in enumerate(zip(cells, WIDTHS, strict=True)))


def print_results(results: list[dict]) -> None:
    print(line(["report", "run", *PHASES, "pages", "load"]))
    for result in results:
        name = f"{LABELS[result['kind']]} {result['region']} {result['topic'] or ''}".strip()
        for i, run in enumerate(result["runs"], 1):
            print(line([name if i == 1 else "", f"{i}{' k' if i == 1 else ''}",
                        *(f"{run['phases'][p]:.2f}" for p in PHASES), str(run["pages"]), result["load"]]))
        if result["not_instrumented"]:
            print(f"    nicht instrumentiert (Name fehlt): {', '.join(result['not_instrumented'])}")
    print("run 1 k = kalter Start (eigener Prozess); sql ist Teil von content, chromium_start läuft "
          "parallel zu content (Hintergrund-Thread); Sekunden")


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--repeat", type=int, default=2, help="runs per report kind (run 1 cold; default 2)")
    p.add_argument("--gemeinde", help="AGS of the Gemeinde for the Sitzungsvorlage (default: the first one "
                                      "of the home Kreis with values for the topic)")
    p.add_argument("--topic", default="schule", help="topic of the Sitzungsvorlage (default schule)")
    p.add_argument("--warehouse-dir", type=Path, help="use this built warehouse instead of a new demo build")
    p.add_argument("--kinds", default=",".join(KINDS), help="bericht,vorlage")
    p.add_argument("--timeout", type=float, default=900.0, help="seconds per report kind (default 900)")
    p.add_argument("--json", type=Path, help="write the phases per run to this file")
    p.add_argument("--worker", nargs=3, metavar=("KIND", "REGION", "OUT"), help=argparse.SUPPRESS)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.worker:
        kind, region, out = args.worker
        Path(out).write_text(json.dumps(worker(kind, region, args.topic, args.repeat)), encoding="utf-8")
        return 0
    from bench.bench_pages import build_demo_warehouse

    print(f"==> Berichte-Benchmark, load average {load_average()}, {os.cpu_count()} Kerne", flush=True)
    results = []
    with tempfile.TemporaryDirectory(prefix="bench-reports-") as tmp:
        from monitor.reports.images import CACHE_ENV

        os.environ[CACHE_ENV] = str(Path(tmp) / "images")  # run 1 renders every chart (cold)
        warehouse = args.warehouse_dir
        if warehouse is None:
            print("==> Demo-Warehouse bauen …", flush=True)
            warehouse = build_demo_warehouse(Path(tmp))
        os.environ["BILDUNGSMONITOR_WAREHOUSE_DIR"] = str(warehouse)
        kreis, gemeinde = choose_regions(args.gemeinde, args.topic)
        for kind in [k for k in args.kinds.split(",") if k]:
            region = kreis if kind == "bericht" else gemeinde
            out = Path(tmp) / f"{kind}.json"
            print(f"==> {kind} {region} …", flush=True)
            command = [sys.executable, str(Path(__file__).resolve()), "--worker", kind, region, str(out),
                       "--topic", args.topic, "--repeat", str(args.repeat)]
            done = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=args.timeout,
                                  check=False)
            if done.returncode != 0:
                print(f"FEHLER {kind} {region}:\n{done.stdout[-2000:]}{done.stderr[-3000:]}", file=sys.stderr)
                return 1
            result = json.loads(out.read_text(encoding="utf-8"))
            result["load"] = load_average()
            results.append(result)
    print_results(results)
    if args.json:
        data = {"load_end": load_average(), "cpus": os.cpu_count(), "results": results}
        args.json.write_text(json.dumps(data, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
