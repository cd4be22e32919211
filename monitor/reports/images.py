"""Static chart images for the PDF: plotly figures rendered offline with kaleido and Debian's Chromium.

All figures of a report go to one kaleido (Chromium) process in one call, rendered as SVG
(vector charts: sharp in print, small PDFs, quick for WeasyPrint to set). Images are cached per build:
the cache key is the build id plus a hash of the figure spec and the export options, so a second report
of the same build (or another report sharing a chart) renders nothing. plotly.js comes from the installed
plotly package, MathJax is switched off and map topology points at the local stub in ``static/``, so
nothing is fetched from a CDN.
"""

import asyncio
import base64
import hashlib
import os
import re
import shutil
import tempfile
import threading
from pathlib import Path

import kaleido
import numpy as np
import plotly
import plotly.graph_objects as go
import plotly.io as pio
from kaleido.errors import BrowserClosedError, BrowserFailedError, KaleidoError

PLOTLY_JS = Path(plotly.__file__).resolve().parent / "package_data" / "plotly.min.js"
TOPOJSON_DIR = Path(__file__).resolve().parents[2] / "static"
FONT = "DejaVu Sans, sans-serif"
WIDTH = 1000  # px; shown 17 cm wide
SCALE = 1  # SVG is vector; the scale only matters for raster formats
FORMAT = "svg"
MIME = {"svg": "image/svg+xml", "png": "image/png"}
TIMEOUT = 60  # seconds per figure
TABS = 1  # Chromium tabs; a second tab cost more start-up wall time than it saved on 2 cores
CACHE_ENV = "BILDUNGSMONITOR_REPORT_CACHE"  # cache folder; default <tmp>/bildungsmonitor-report-images
KEEP_BUILDS = 3  # cache folders of the most recently used builds that are kept
VALUE_GAP = 8  # px between the plot area and the value column of bar charts
REFERENCE_LINE = {"color": "#000000", "dash": "dash", "width": 2}
SAFE = re.compile(r"[^A-Za-z0-9._-]")

pio.defaults.plotlyjs = str(PLOTLY_JS)
pio.defaults.topojson = TOPOJSON_DIR.as_uri() + "/"


class ChartExportError(RuntimeError):
    """kaleido/Chromium could not render a chart."""


# --- print layout -----------------------------------------------------------------------------------------


def _is_hbar(trace) -> bool:
    return trace.type == "bar" and trace.orientation == "h"


def values(array) -> list:
    """A trace's data array as a list; plotly encodes numeric arrays of figures rebuilt from JSON as
    ``{"dtype": "f8", "bdata": <base64>}``."""
    if isinstance(array, dict) and "bdata" in array:
        return np.frombuffer(base64.b64decode(array["bdata"]), dtype=array["dtype"]).tolist()
    return list(array)


def value_column(fig: go.Figure) -> None:
    """Value labels of horizontal bars in a column right of the plot area (instead of at the bar ends),
    so that no reference line, zero line or neighbouring bar crosses them."""
    for trace in [t for t in fig.data if _is_hbar(t) and t.text is not None and t.y is not None]:
        for value, category, text in zip(values(trace.x), trace.y, trace.text, strict=True):
            if category is None or value is None or value != value or not str(text or "").strip():
                continue  # rows without a number keep their no-value marker and status word
            fig.add_annotation(x=1, xref="paper", xanchor="left", xshift=VALUE_GAP, y=category, yref="y",
                               text=str(text), showarrow=False, align="left")
        trace.textposition = "none"
    fig.layout.xaxis.range = None  # no extra room at the bar ends needed any more (the value axis only:
    fig.layout.xaxis.autorange = True  # the no-value markers sit on a fixed 0–1 overlay axis)


def reference_in_legend(fig: go.Figure) -> None:
    """The label of a vertical reference line (``add_vline`` annotation) as a legend entry with the same
    dashed line, instead of a text at the top of the line that may collide with bars or the legend."""
    lines = {s.x0 for s in fig.layout.shapes if s.type == "line" and s.x0 == s.x1 and s.yref == "y domain"}
    kept = []
    for note in fig.layout.annotations:
        if note.xref == "x" and note.yref == "y domain" and note.x in lines:
            fig.add_trace(go.Scatter(x=[None], y=[None], mode="lines", line=REFERENCE_LINE, name=note.text,
                                     showlegend=True, hoverinfo="skip"))
        else:
            kept.append(note)
    fig.layout.annotations = kept


def for_print(fig: go.Figure, height: int) -> go.Figure:
    """A copy for print: without the title and source annotation (both are real text in the PDF), in the
    PDF font, with tight margins; bar values in a column, reference lines labelled in the legend."""
    out = go.Figure(fig)  # a copy that keeps the values as arrays (to_dict would encode them)
    out.layout.annotations = [a for a in out.layout.annotations if not str(a.text or "").startswith("Quelle")]
    bars = any(_is_hbar(t) for t in out.data)
    if bars:
        value_column(out)
        reference_in_legend(out)
    out.update_layout(title=None, font={"family": FONT, "size": 15}, height=height, width=WIDTH,
                      margin={"l": 10, "r": 130 if bars else 30, "t": 50, "b": 40},
                      legend={"yref": "paper", "xref": "paper", "y": 1.02, "yanchor": "bottom",
                              "font": {"size": 14}})
    return out


# --- cache ------------------------------------------------------------------------------------------------


def cache_root() -> Path:
    return Path(os.environ.get(CACHE_ENV) or Path(tempfile.gettempdir()) / "bildungsmonitor-report-images")


def cache_dir(build_id: str) -> Path:
    """The cache folder of a build (created; older builds' folders beyond ``KEEP_BUILDS`` removed)."""
    root = cache_root()
    folder = root / (SAFE.sub("_", build_id) or "ohne-build")
    folder.mkdir(parents=True, exist_ok=True)
    folder.touch()
    others = sorted((p for p in root.iterdir() if p.is_dir() and p != folder),
                    key=lambda p: p.stat().st_mtime, reverse=True)
    for old in others[KEEP_BUILDS - 1:]:
        shutil.rmtree(old, ignore_errors=True)
    return folder


def clear_cache() -> None:
    """Remove every cached chart image (benchmarks start cold)."""
    shutil.rmtree(cache_root(), ignore_errors=True)


def figure_key(fig: go.Figure, fmt: str) -> str:
    """Hash of the figure spec and the export options."""
    spec = f"{fmt}|{SCALE}|{fig.to_json()}".encode()
    return hashlib.sha256(spec).hexdigest()[:32]


def _store(path: Path, data: bytes) -> None:
    part = path.with_suffix(f".{os.getpid()}.part")
    part.write_bytes(data)
    part.replace(path)  # atomic: a concurrent report never reads half a file


# --- rendering --------------------------------------------------------------------------------------------

FAILURES = (OSError, RuntimeError, TimeoutError, KaleidoError, BrowserFailedError, BrowserClosedError)


def _failed(error: BaseException) -> ChartExportError:
    return ChartExportError(f"Diagramme konnten nicht als Bild erzeugt werden (kaleido/Chromium): {error}")


class _Kaleido(kaleido.Kaleido):
    """kaleido without the page reload after every figure. kaleido 1.5 reloads the tab (plotly.js parsed
    and run again, about 0.15 s) before it hands it to the next figure; ``kaleido_scopes.plotly`` renders
    each figure with ``Plotly.toImage`` into a fresh hidden div and purges it, so the page keeps no state
    between figures and the SVGs are the same (up to plotly's random element ids) – 19 charts of the Bericht
    took 4.0 s with reloads and 0.9 s without."""

    async def _return_kaleido_tab(self, tab) -> None:  # noqa: ANN001 (kaleido's private tab type)
        await self.tabs_ready.put(tab)


class Exporter:
    """One kaleido (Chromium) process for all images of a report. It starts in a background thread with
    its own event loop as soon as it is created (so Chromium comes up while the report's content is still
    being read; this also works inside Streamlit) and is closed by ``close`` or the ``with`` block."""

    def __init__(self) -> None:
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="kaleido", daemon=True)
        self._thread.start()
        self._session = asyncio.run_coroutine_threadsafe(self._open(), self._loop)

    async def _open(self) -> kaleido.Kaleido:
        session = _Kaleido(n=TABS, timeout=TIMEOUT, plotlyjs=str(PLOTLY_JS), mathjax=False)
        await session.open()
        return session

    async def _render(self, figures: list[go.Figure], fmt: str) -> list[bytes]:
        session = await asyncio.wrap_future(self._session)

        async def one(fig: go.Figure) -> bytes:
            opts = {"format": fmt, "width": fig.layout.width or WIDTH, "height": fig.layout.height,
                    "scale": SCALE}
            return await session.calc_fig(fig, opts=opts, topojson=pio.defaults.topojson)

        return list(await asyncio.gather(*(one(fig) for fig in figures)))

    def export(self, figures: list[go.Figure], fmt: str = FORMAT) -> list[bytes]:
        """Images of the figures, in order."""
        if not figures:
            return []
        try:
            return asyncio.run_coroutine_threadsafe(self._render(figures, fmt), self._loop).result()
        except FAILURES as error:
            raise _failed(error) from error

    def close(self) -> None:
        """Close Chromium (waiting for its start if need be) and end the thread."""
        try:
            session = self._session.result()
            asyncio.run_coroutine_threadsafe(session.close(), self._loop).result()
        except FAILURES:
            pass  # it did not start (the error was reported by export) or is already gone
        finally:
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join()
            self._loop.close()

    def __enter__(self) -> "Exporter":
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


class Lazy:
    """An exporter that starts Chromium only when a figure is not in the cache (``warm=False``: at once,
    so that it starts while the report's content is being read)."""

    def __init__(self, warm: bool) -> None:
        self._exporter = None if warm else Exporter()

    def export(self, figures: list[go.Figure], fmt: str = FORMAT) -> list[bytes]:
        if not figures:
            return []
        if self._exporter is None:
            self._exporter = Exporter()
        return self._exporter.export(figures, fmt)

    def close(self) -> None:
        if self._exporter is not None:
            self._exporter.close()

    def __enter__(self) -> "Lazy":
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


def exporter(build_id: str | None) -> Lazy:
    """The exporter of one report: started at once for the first report of a build (nothing cached yet),
    else only when needed."""
    folder = cache_root() / SAFE.sub("_", build_id or "")
    return Lazy(warm=bool(build_id) and folder.is_dir() and any(folder.iterdir()))


def export(figures: list[go.Figure], fmt: str = FORMAT) -> list[bytes]:
    """Images of the figures from one Chromium process started for them."""
    if not figures:
        return []
    with Exporter() as session:
        return session.export(figures, fmt)


def render(figures: list[go.Figure], fmt: str = FORMAT, build_id: str | None = None,
           session: Exporter | Lazy | None = None) -> list[bytes]:
    """Images of all figures; with a ``build_id`` read from and written to that build's cache, so only
    figures not rendered before go to Chromium (``session``, else a process started for them)."""
    def draw(todo: list[go.Figure]) -> list[bytes]:
        return (session.export if session is not None else export)(todo, fmt)

    if not build_id:
        return draw(figures)
    folder = cache_dir(build_id)
    paths = [folder / f"{figure_key(fig, fmt)}.{fmt}" for fig in figures]
    todo = [i for i, path in enumerate(paths) if not path.is_file()]
    fresh = dict(zip(todo, draw([figures[i] for i in todo]), strict=True))
    for i, data in fresh.items():
        _store(paths[i], data)
    return [fresh[i] if i in fresh else path.read_bytes() for i, path in enumerate(paths)]
