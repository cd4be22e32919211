"""Static chart images for the PDF: plotly figures rendered offline with kaleido and Debian's Chromium.

One kaleido (Chromium) session renders all figures of a report. plotly.js comes from the installed
plotly package, MathJax is switched off and map topology points at the local stub in ``static/``, so
nothing is fetched from a CDN.
"""

import asyncio
import copy
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import kaleido
import plotly
import plotly.graph_objects as go
import plotly.io as pio
from kaleido.errors import KaleidoError

PLOTLY_JS = Path(plotly.__file__).resolve().parent / "package_data" / "plotly.min.js"
TOPOJSON_DIR = Path(__file__).resolve().parents[2] / "static"
FONT = "DejaVu Sans, sans-serif"
WIDTH = 1000  # px; shown 17 cm wide (about 150 dpi at scale 1, 300 dpi at scale 2)
SCALE = 2
TIMEOUT = 60  # seconds per figure

pio.defaults.plotlyjs = str(PLOTLY_JS)
pio.defaults.topojson = TOPOJSON_DIR.as_uri() + "/"


class ChartExportError(RuntimeError):
    """kaleido/Chromium could not render a chart."""


def for_print(fig: go.Figure, height: int) -> go.Figure:
    """A copy without the title and source annotation (both are real text in the PDF), in the PDF font,
    with tight margins."""
    out = go.Figure(copy.deepcopy(fig.to_dict()))
    kept = [a for a in out.layout.annotations if not str(a.text or "").startswith("Quelle")]
    out.layout.annotations = kept
    right = 110 if any(t.type == "bar" for t in out.data) else 30  # room for the value labels of bars
    out.update_layout(title=None, font={"family": FONT, "size": 15}, height=height,
                      width=WIDTH, margin={"l": 10, "r": right, "t": 50, "b": 40},
                      legend={"yref": "paper", "xref": "paper", "y": 1.02, "font": {"size": 14}})
    return out


async def _render(figures: list[go.Figure], fmt: str) -> list[bytes]:
    async with kaleido.Kaleido(n=1, timeout=TIMEOUT, plotlyjs=str(PLOTLY_JS), mathjax=False) as session:
        images = []
        for fig in figures:
            opts = {"format": fmt, "width": fig.layout.width or WIDTH, "height": fig.layout.height,
                    "scale": SCALE}
            images.append(await session.calc_fig(fig, opts=opts, topojson=pio.defaults.topojson))
        return images


def render(figures: list[go.Figure], fmt: str = "png") -> list[bytes]:
    """Images of all figures from one Chromium session (run in a worker thread with its own event loop,
    so it also works inside Streamlit)."""
    if not figures:
        return []
    with ThreadPoolExecutor(max_workers=1) as pool:
        try:
            return pool.submit(asyncio.run, _render(figures, fmt)).result()
        except (OSError, RuntimeError, TimeoutError, KaleidoError) as error:
            raise ChartExportError(f"Diagramme konnten nicht als Bild erzeugt werden (kaleido/Chromium): "
                                   f"{error}") from error
