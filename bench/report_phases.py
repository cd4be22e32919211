"""Report benchmark: seconds per phase (content from the warehouse, chart images, PDF layout) of the
Bericht and the Sitzungsvorlage, with the load average (other jobs on the machine make wall times scatter).

    BILDUNGSMONITOR_WAREHOUSE_DIR=<dir> .venv/bin/python bench/report_phases.py [--region AGS]
        [--vorlage-region AGS] [--topic schule] [--repeat 1] [--cold]

Each report is made ``--repeat`` times in this process; the first run starts cold (no cached chart
images unless ``--keep-cache``), later runs show the per-build image cache. Prints one line per run and
phase and PASS/FAIL against the Bericht target of issue 12 (under 15 s).
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # run as a script: make `monitor` importable
    sys.path.insert(0, str(REPO))

from monitor.queries import meta, regions  # noqa: E402
from monitor.reports import content, images, render  # noqa: E402
from monitor.reports.topics import TOPIC_KEYS  # noqa: E402

TARGET_SECONDS = 15.0


def cpu() -> float:
    """CPU seconds of this process and its finished children (Chromium): less load-dependent than wall."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def phases(kind: str, region: str, topics: list[str], out: Path | None = None) -> dict[str, float]:
    """Wall seconds of each phase of one report and CPU seconds (``<phase> CPU``: this process; ``CPU``:
    the whole report including the Chromium process, which ends after the PDF)."""
    times: dict[str, float] = {}
    data = b""

    def measure(name: str, step):
        cpu_start, start = cpu(), time.perf_counter()
        result = step()
        times[name], times[f"{name} CPU"] = time.perf_counter() - start, cpu() - cpu_start
        return result

    cpu_start = cpu()
    with images.exporter(meta.build_info().get("build_id")) as session:  # as reports.bericht does
        report = measure("Inhalte", lambda: content.build_report(kind, region, topics))
        uris = measure("Diagramme", lambda: render.chart_images(report, session))
        data = measure("PDF", lambda: render.write_pdf(render.html(report, uris)))
    times["gesamt"] = times["Inhalte"] + times["Diagramme"] + times["PDF"]
    times["CPU"] = cpu() - cpu_start  # with Chromium's, counted when it has been closed
    times["KB"] = len(data) / 1024
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(data)
    return times


def main(argv: list[str] | None = None) -> int:
    args = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    args.add_argument("--region", help="Bericht region (default: the home Kreis)")
    args.add_argument("--vorlage-region", help="Sitzungsvorlage region (default: the first Gemeinde)")
    args.add_argument("--topic", default="schule")
    args.add_argument("--repeat", type=int, default=1)
    args.add_argument("--keep-cache", action="store_true", help="keep cached chart images of the build")
    args.add_argument("--out-dir", type=Path, help="write the PDFs of the first runs there")
    opts = args.parse_args(argv)
    home = regions.home()
    if not opts.keep_cache:
        images.clear_cache()
    jobs = [("bericht", opts.region or home.kreis, list(TOPIC_KEYS)),
            ("vorlage", opts.vorlage_region or home.gemeinden[0], [opts.topic])]
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print("seconds wall (CPU incl. Chromium)")
    print(f"{'report':<8} {'region':<9} {'run':>3} {'content':>12} {'charts':>12} {'PDF':>12} {'total':>12} "
          f"{'KB':>5}")
    worst = 0.0
    for kind, region, topics in jobs:
        for run in range(1, opts.repeat + 1):
            out = opts.out_dir / f"{kind}_{region}.pdf" if opts.out_dir and run == 1 else None
            t = phases(kind, region, topics, out)
            if kind == "bericht" and run == 1:
                worst = t["gesamt"]
            cells = " ".join(f"{t[k]:>5.1f} ({t[k + ' CPU']:>4.1f})" for k in ("Inhalte", "Diagramme", "PDF"))
            total = f"{t['gesamt']:>5.1f} ({t['CPU']:>4.1f})"
            print(f"{kind:<8} {region:<9} {run:>3} {cells} {total} {t['KB']:>5.0f}")
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    verdict = "PASS" if worst < TARGET_SECONDS else "FAIL"
    print(f"Bericht (cold) {worst:.1f} s, target < {TARGET_SECONDS:.0f} s: {verdict}")
    return 0 if verdict == "PASS" else 1


if __name__ == "__main__":
    sys.exit(main())
