"""Every figure the pages show for a fixed demo build: metrics, tables and chart data, per view.

``python -m tests.regression.page_figures --write`` (re)records ``page_figures_lippe.json`` from the
current code on a fresh demo build; ``tests/regression/test_page_figures.py`` compares a run against it.
Re-record only when a changed figure was wrong before, and say so in the commit message.
"""

import argparse
import json
import math
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from streamlit.testing.v1 import AppTest

from tests.data_tables import open_data_tables

REPO = Path(__file__).resolve().parents[2]
RECORD = Path(__file__).with_name("page_figures_lippe.json")
EXPLORER_TABS = ("ansicht", (("rangfolge", "Rangfolge"), ("karte", "Karte")))
GAPS_TABS = ("bereich", (("ogs", "Offener Ganztag"), ("ausbildung", "Ausbildungsplätze")))


def _tabs(name: str, page: str, params: dict[str, str], tabs: tuple) -> tuple:
    """The view in its default tab and once more per other tab: only the open tab of a page runs (lazy
    tabs), the others are addressed by their URL parameter, as a copied link does."""
    key, others = tabs
    return ((name, page, params),
            *((f"{name}_{slug}", page, {**params, key: label}) for slug, label in others))


#: (name, page file, URL parameters): the views whose figures are pinned
VIEWS = (
    ("overview_kreis", "app_pages/overview.py", {}),
    ("overview_gemeinde", "app_pages/overview.py", {"region": "05766020"}),
    *_tabs("explorer_u3", "app_pages/explorer.py", {"indicator": "childcare_rate_u3", "region": "05766"},
           EXPLORER_TABS),
    *_tabs("explorer_leavers_gemeinde", "app_pages/explorer.py",
           {"indicator": "leavers_without_certificate_share", "region": "05766020", "level": "gemeinde"},
           EXPLORER_TABS),
    ("transitions", "app_pages/transitions.py", {}),
    *_tabs("gaps_default", "app_pages/gaps.py", {}, GAPS_TABS),
    *_tabs("gaps_3to6_gemeinde_2030", "app_pages/gaps.py",
           {"alter": "3to6", "ebene": "gemeinde", "ziel_kita": "2030", "quote_3to6": "90",
            "schuljahr_ogs": "2027", "quote_ogs": "70"}, GAPS_TABS),
    ("economy", "app_pages/economy.py", {}),
    ("compare", "app_pages/compare.py", {}),
    *((f"presentation_{n}", "app_pages/presentation.py", {"folie": str(n)}) for n in range(2, 8)),
)


def _cell(value):
    if isinstance(value, float):
        return "NaN" if math.isnan(value) else round(value, 6)
    if hasattr(value, "item"):
        return _cell(value.item())
    return value if isinstance(value, int | str | bool) or value is None else str(value)


def _frame(frame) -> dict:
    return {"columns": [str(c) for c in frame.columns],
            "rows": [[_cell(v) for v in row] for row in frame.itertuples(index=False)]}


def _chart(spec: str) -> list[dict]:
    traces = []
    for trace in json.loads(spec).get("data", []):
        traces.append({key: [_cell(v) for v in trace[key]] if isinstance(trace.get(key), list) else
                       _cell(trace.get(key)) for key in ("type", "name", "x", "y", "text", "z", "locations")
                       if key in trace})
    return traces


def run_view(page: str, params: dict[str, str]) -> dict:
    """Figures of one page run: metric values, tables and chart traces, in page order."""
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=120)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    if page != "app_pages/overview.py":
        at.switch_page(page).run()
    open_data_tables(at)
    if at.exception:
        raise RuntimeError(f"{page} {params}: {at.exception[0].message}")
    charts = [_chart(e.proto.spec) for e in at.get("plotly_chart")]
    return {"metrics": [[m.label, m.value] for m in at.metric],
            "tables": [_frame(t.value) for t in at.dataframe],
            "charts": charts}


def record() -> dict:
    return {name: run_view(page, params) for name, page, params in VIEWS}


def build_demo(root: Path) -> Path:
    """Demo files (default seed) and a warehouse built from them, through the real CLI."""
    demo, warehouse = root / "demo", root / "warehouse"
    for args in (["demo", "--out", str(demo)],
                 ["build", "--source-dir", str(demo), "--warehouse-dir", str(warehouse)]):
        subprocess.run([sys.executable, "-m", "etl", *args], cwd=REPO, check=True, capture_output=True)
    return warehouse


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--write", action="store_true", help="re-record page_figures_lippe.json")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["BILDUNGSMONITOR_WAREHOUSE_DIR"] = str(build_demo(Path(tmp)))
        figures = record()
    if args.write:
        RECORD.write_text(json.dumps(figures, ensure_ascii=False, indent=0), encoding="utf-8")
        print(f"{RECORD.name}: {len(figures)} views")
    else:
        print(json.dumps(figures, ensure_ascii=False)[:2000])


if __name__ == "__main__":
    main()
