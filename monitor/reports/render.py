"""HTML (Jinja2) and PDF (WeasyPrint) of a report; charts as PNG from one kaleido session."""

import base64
from collections.abc import Callable
from pathlib import Path

import jinja2
import plotly.graph_objects as go
from weasyprint import HTML, URLFetcher

from monitor.reports import images
from monitor.reports.content import DEMO_NOTICE, Report

TEMPLATES = Path(__file__).resolve().parent / "templates"
TEMPLATE_FILES = {"vorlage": "vorlage.html.j2", "bericht": "bericht.html.j2"}
SERIES_HEIGHT = 400
BAR_HEIGHT, BAR_EXTRA = 30, 110  # px per bar and for axis and legend

_env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                          undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def print_height(fig: go.Figure) -> int:
    """Height in px for print: fixed for line charts, by number of bars for rankings."""
    bars = [t for t in fig.data if t.type == "bar" and t.y is not None and None not in t.y]
    return BAR_EXTRA + BAR_HEIGHT * len(bars[0].y) if bars else SERIES_HEIGHT


def chart_images(report: Report) -> dict[str, str]:
    """Chart file name → PNG data URI, all rendered in one kaleido session."""
    specs = [spec for section in report.sections for spec in section.charts]
    figures = [images.for_print(s.view.fig, print_height(s.view.fig)) for s in specs]
    pngs = images.render(figures)
    return {s.view.filename: "data:image/png;base64," + base64.b64encode(png).decode("ascii")
            for s, png in zip(specs, pngs, strict=True)}


def html(report: Report, chart_uris: dict[str, str]) -> str:
    """The report's HTML; ``chart_uris`` maps each chart's file name to an image URI."""
    template = _env.get_template(TEMPLATE_FILES[report.kind])
    return template.render(report=report, images=chart_uris, demo_notice=DEMO_NOTICE)


def pdf(report: Report, progress: Callable[[str], None] = lambda _: None) -> bytes:
    """The report as PDF bytes."""
    count = sum(len(s.charts) for s in report.sections)
    progress(f"Diagramme werden gezeichnet ({count}) …")
    uris = chart_images(report)
    progress("PDF wird gesetzt …")
    offline = URLFetcher(allowed_protocols={"file", "data"})  # the stylesheet and the embedded charts only
    return HTML(string=html(report, uris), base_url=str(TEMPLATES), url_fetcher=offline).write_pdf()
