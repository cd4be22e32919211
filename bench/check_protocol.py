"""Check the page benchmark's protocol client against a real browser: for every page, the elements the
client receives until ``script_finished`` must be the elements Chromium shows once the page has run.

    .venv/bin/python bench/check_protocol.py [--pages uebersicht,vergleich] [--warehouse-dir W]

Starts app.py on a demo warehouse (as bench_pages.py does), runs each page once through
``bench.st_client.run_script`` (websocket, BackMsg rerun_script) and once in Chromium (Playwright,
``/usr/bin/chromium --no-sandbox``), waits until the browser's script state is ``notRunning`` and compares,
per element type, the count in the delta stream with the count of ``[data-testid=…]`` nodes in the DOM,
and that every heading text of the stream is on the page. Exit code 1 on a difference.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))
from bench.bench_pages import build_demo_warehouse, streamlit_server  # noqa: E402
from bench.st_client import PAGE_QUERIES, PAGE_SPECS, Run, open_session, run_script  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
#: element type of the ForwardMsg delta → data-testid of its node in Streamlit's frontend
TEST_IDS = {"plotly_chart": "stPlotlyChart", "metric": "stMetric", "heading": "stHeading",
            "selectbox": "stSelectbox", "page_link": "stPageLink", "download_button": "stDownloadButton",
            "button": "stButton", "arrow_data_frame": "stDataFrame", "dataframe": "stDataFrame",
            "radio": "stRadio", "multiselect": "stMultiSelect", "slider": "stSlider", "alert": "stAlert",
            "exception": "stException", "number_input": "stNumberInput", "checkbox": "stCheckbox"}


async def _protocol(url: str, page: str) -> Run:
    async with await open_session(url, None) as ws:
        return await run_script(ws, page, PAGE_QUERIES.get(page, ""), 180)


def dom_counts(page) -> dict[str, int]:
    """Nodes per data-testid in the browser."""
    return {tid: page.locator(f"[data-testid='{tid}']").count() for tid in sorted(set(TEST_IDS.values()))}


def stream_counts(run: Run) -> dict[str, int]:
    """Elements per data-testid in the delta stream."""
    counts = dict.fromkeys(sorted(set(TEST_IDS.values())), 0)
    for kind, count in run.element_types.items():
        if kind in TEST_IDS:
            counts[TEST_IDS[kind]] += count
    return counts


def browser_counts(page, url: str, name: str, run: Run, settle: float = 30.0) -> dict[str, int]:
    """Open the page like a user, wait for the script to finish, then give the frontend up to ``settle``
    seconds to draw what it received (it draws after the script state says notRunning, plotly lazily)."""
    query = PAGE_QUERIES.get(name, "")
    page.goto(f"{url}/{name}" + (f"?{query}" if query else ""))
    if run.headings:
        page.get_by_role("heading", name=plain(run.headings[0])).first.wait_for(timeout=60_000)
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", timeout=60_000)
    wanted, deadline = stream_counts(run), time.monotonic() + settle
    while (counts := dom_counts(page)) != wanted and time.monotonic() < deadline:
        page.wait_for_timeout(250)
    return counts


def plain(markdown: str) -> str:
    """Heading text as shown: without markdown backslash escapes and anchors."""
    return markdown.replace("\\", "").strip("# ").strip()


def compare(tab, url: str, name: str, run: Run) -> bool:
    """Print the element counts of the stream and the DOM for one page; True when they agree."""
    started = time.monotonic()
    got, wanted = browser_counts(tab, url, name, run), stream_counts(run)
    diff = {tid: (wanted[tid], got[tid]) for tid in wanted if wanted[tid] != got[tid]}
    body = tab.locator("[data-testid='stMain']").inner_text()
    missing = [plain(h) for h in run.headings if plain(h) not in body]
    ok = run.error is None and not diff and not missing
    shown = ", ".join(f"{tid}={n}" for tid, n in sorted(wanted.items()) if n)
    print(f"{'OK ' if ok else 'ABW'} {name:20s} Strom {run.seconds or 0:5.2f} s, {run.elements:3d} Elemente "
          f"({shown}); Browser {time.monotonic() - started:4.1f} s", flush=True)
    if not ok:
        print(f"    Fehler: {run.error}; Abweichungen (Strom, DOM): {diff}; fehlt im DOM: {missing}")
    return ok


def main(argv: list[str] | None = None) -> int:
    from playwright.sync_api import sync_playwright

    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--pages", default=",".join(spec.url_path for spec in PAGE_SPECS))
    p.add_argument("--warehouse-dir", type=Path)
    args = p.parse_args(argv)
    pages = [name for name in args.pages.split(",") if name]
    mismatches = 0
    with tempfile.TemporaryDirectory(prefix="bench-check-") as tmp:
        warehouse = args.warehouse_dir or build_demo_warehouse(Path(tmp))
        env = {"BILDUNGSMONITOR_WAREHOUSE_DIR": str(warehouse)}
        with streamlit_server(REPO / "app.py", Path(tmp) / "app.log", env) as server:
            # the protocol runs first: Playwright's sync API keeps an event loop running in this thread
            runs = {name: asyncio.run(_protocol(server.url, name)) for name in pages}
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
                tab = browser.new_page(viewport={"width": 1400, "height": 1800})
                for name, run in runs.items():
                    mismatches += not compare(tab, server.url, name, run)
                browser.close()
    return 1 if mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
