"""Profile the script run of one dashboard page (cProfile), to find where a page load spends its time.

    .venv/bin/python bench/profile_page.py --warehouse-dir data/warehouse --page versorgungsluecken \
        [--query "bereich=Kita"] [--runs 10] [--top 40] [--sort cumulative] [--out FILE.pstats]

Runs ``app.py`` with ``streamlit.testing.v1.AppTest`` (one new session per run, like a browser page load;
the per-build caches are process-wide, so the first run is a warm-up and is not profiled) and profiles the
whole script run of the page (app.py with navigation and the page script), in the script thread. Prints
the mean wall time of a script run and the top functions. AppTest does not serialise the messages for a
websocket, so the figures are the script's own share of a page load; bench/bench_pages.py measures the
whole load against the floor.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import sys
import time
from pathlib import Path
from urllib.parse import parse_qsl

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--warehouse-dir", required=True)
    parser.add_argument("--page", default="uebersicht", help="url path of the page (monitor.navigation)")
    parser.add_argument("--query", default="", help="URL parameters, e.g. 'folie=2&bereich=Kita'")
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--sort", default="cumulative")
    parser.add_argument("--out", help="write the pstats file here (for snakeviz etc.)")
    args = parser.parse_args()
    os.environ["BILDUNGSMONITOR_WAREHOUSE_DIR"] = str(Path(args.warehouse_dir).resolve())
    os.chdir(REPO)

    from streamlit.runtime.scriptrunner import script_runner
    from streamlit.testing.v1 import AppTest

    from monitor.navigation import PAGE_SPECS

    spec = next(s for s in PAGE_SPECS if s.url_path == args.page)
    profile = cProfile.Profile()
    seconds: list[float] = []
    original = script_runner.exec_func_with_error_handling
    state = {"profiled": False}

    def timed(func, ctx):
        start = time.perf_counter()
        if state["profiled"]:
            profile.enable()
        try:
            return original(func, ctx)
        finally:
            if state["profiled"]:
                profile.disable()
                seconds.append(time.perf_counter() - start)

    script_runner.exec_func_with_error_handling = timed
    for index in range(args.runs + 1):
        state["profiled"] = False
        at = AppTest.from_file(str(REPO / "app.py"), default_timeout=120)
        for key, value in parse_qsl(args.query):
            at.query_params[key] = value
        at.run()
        if spec.file != PAGE_SPECS[0].file:
            state["profiled"] = index > 0
            at.switch_page(spec.file).run()
        else:
            state["profiled"] = index > 0
            at.run()
        if at.exception:
            raise SystemExit(f"page failed: {at.exception}")
    print(f"{args.page} {args.query}: {len(seconds)} runs, mean {sum(seconds) / len(seconds):.3f} s, "
          f"min {min(seconds):.3f} s (profiled, so slower than unprofiled)")
    stats = pstats.Stats(profile)
    if args.out:
        stats.dump_stats(args.out)
    stats.sort_stats(args.sort).print_stats(args.top)


if __name__ == "__main__":
    main()
