"""HTML (Jinja2) and PDF (WeasyPrint) of a report; charts as SVG from one kaleido process, cached per
build (see ``images``)."""

import base64
import time
from collections.abc import Callable
from pathlib import Path

import jinja2
import plotly.graph_objects as go
from weasyprint import HTML, URLFetcher

from monitor import fmt
from monitor.reports import images
from monitor.reports.content import DEMO_NOTICE, Report

TEMPLATES = Path(__file__).resolve().parent / "templates"
TEMPLATE_FILES = {"vorlage": "vorlage.html.j2", "bericht": "bericht.html.j2"}
SERIES_HEIGHT = 340
BAR_HEIGHT, BAR_EXTRA = 24, 100  # px per bar and for axis and legend

_env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                          undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def print_height(fig: go.Figure) -> int:
    """Height in px for print: fixed for line charts, by number of bars for rankings."""
    bars = [t for t in fig.data if t.type == "bar" and t.y is not None and None not in t.y]
    return BAR_EXTRA + BAR_HEIGHT * len(bars[0].y) if bars else SERIES_HEIGHT


def specs_of(report: Report) -> list:
    """Every chart the report shows, in document order: the topic sections' charts, then those of the gaps
    chapter (only the Bericht draws them; the Sitzungsvorlage keeps the gaps to text and tables)."""
    specs = [spec for section in report.sections for spec in section.charts]
    if report.gaps and report.kind == "bericht":
        specs += [spec for block in report.gaps.blocks for spec in block.charts]
    return specs


def chart_images(report: Report, session: images.Exporter | images.Lazy | None = None) -> dict[str, str]:
    """Chart file name → image data URI; all rendered in one kaleido process (``session``), cached per
    build."""
    specs = specs_of(report)
    figures = [images.for_print(s.view.fig, print_height(s.view.fig)) for s in specs]
    data = images.render(figures, images.FORMAT, report.build.get("build_id"), session)
    prefix = f"data:{images.MIME[images.FORMAT]};base64,"
    return {s.view.filename: prefix + base64.b64encode(image).decode("ascii")
            for s, image in zip(specs, data, strict=True)}


def html(report: Report, chart_uris: dict[str, str]) -> str:
    """The report's HTML; ``chart_uris`` maps each chart's file name to an image URI."""
    template = _env.get_template(TEMPLATE_FILES[report.kind])
    return template.render(report=report, images=chart_uris, demo_notice=DEMO_NOTICE)


def write_pdf(document: str) -> bytes:
    """WeasyPrint: the HTML as PDF bytes; only the stylesheet and the embedded charts are read."""
    offline = URLFetcher(allowed_protocols={"file", "data"})
    return HTML(string=document, base_url=str(TEMPLATES), url_fetcher=offline).write_pdf()


def seconds(start: float) -> str:
    """Seconds since ``start`` (``time.perf_counter``) in German: ``3,2 s``."""
    return f"{fmt.fmt_number(time.perf_counter() - start, 1)} s"


def pdf(report: Report, progress: Callable[[str], None] = lambda _: None,
        session: images.Exporter | images.Lazy | None = None) -> bytes:
    """The report as PDF bytes; ``progress`` hears each phase and its seconds."""
    start = time.perf_counter()
    progress(f"Diagramme werden gezeichnet ({len(specs_of(report))}) …")
    uris = chart_images(report, session)
    progress(f"Diagramme fertig ({seconds(start)}). PDF wird gesetzt …")
    start = time.perf_counter()
    data = write_pdf(html(report, uris))
    progress(f"PDF gesetzt ({seconds(start)}).")
    return data
