"""PDF reports for meetings and district reviews: Sitzungsvorlage (one topic, 1–2 pages) and Bericht
(all topics with title page, contents, methodology, sources and Stand).

Public interface::

    from monitor import reports
    reports.report_regions()                       # AGS keys offered (home Kreis, Gemeinden, Jugendämter)
    reports.topics_for(gemeinde)                   # topics with values for the region
    pdf = reports.sitzungsvorlage(gemeinde, "schule")
    pdf = reports.bericht(kreis)
    reports.file_name("vorlage", gemeinde, "schule")   # e.g. Sitzungsvorlage_Detmold_Schule_2026-11-26.pdf

The regions offered follow from the configured home Kreis (``monitor.queries.regions.home()``).
"""

import time
from collections.abc import Callable
from datetime import date

from monitor.queries import meta, regions
from monitor.reports import images
from monitor.reports.content import (
    DEMO_NOTICE,
    Report,
    build_report,
    check_region,
    local_today,
    report_regions,
    topics_for,
)
from monitor.reports.images import ChartExportError
from monitor.reports.render import pdf, seconds
from monitor.reports.topics import TOPIC_KEYS, TOPICS, ReportError, Topic, topic

__all__ = ["DEMO_NOTICE", "KIND_LABELS", "TOPICS", "TOPIC_KEYS", "ChartExportError", "Report", "ReportError",
           "Topic", "bericht", "file_name", "local_today", "report_regions", "sitzungsvorlage", "topic",
           "topics_for"]
KIND_LABELS = {"vorlage": "Sitzungsvorlage", "bericht": "Bildungsbericht"}  # also the file name prefix
ASCII = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"})
Progress = Callable[[str], None]


def _quiet(_: str) -> None:
    """Default progress callback: say nothing."""


def sitzungsvorlage(region: str, topic_key: str, *, today: date | None = None,
                    progress: Progress = _quiet) -> bytes:
    """PDF of a Sitzungsvorlage (1–2 A4 pages) for one region and topic."""
    check_region(region)
    with images.exporter(meta.build_info().get("build_id")) as session:  # Chromium starts meanwhile
        start = time.perf_counter()
        progress(f"Inhalte für {regions.label(region)}, Thema {topic(topic_key).title} …")
        report = build_report("vorlage", region, [topic_key], today)
        progress(f"Inhalte fertig ({seconds(start)}).")
        return pdf(report, progress, session)


def bericht(region: str, *, today: date | None = None, progress: Progress = _quiet) -> bytes:
    """PDF of the full Bericht (all topics with values) for one region."""
    check_region(region)
    with images.exporter(meta.build_info().get("build_id")) as session:  # Chromium starts meanwhile
        start = time.perf_counter()
        progress(f"Inhalte für {regions.label(region)}, alle Themen …")
        report = build_report("bericht", region, list(TOPIC_KEYS), today)
        progress(f"Inhalte fertig ({seconds(start)}).")
        return pdf(report, progress, session)


def file_name(kind: str, region: str, topic_key: str | None = None, today: date | None = None) -> str:
    """``Sitzungsvorlage_<Region>_Schule_2026-11-26.pdf`` / ``Bildungsbericht_<Region>_2026-11-26.pdf``
    (the region's name in ASCII)."""
    name = regions.names().get(region, region).translate(ASCII)
    parts = [KIND_LABELS[kind], "_".join(name.replace("-", " ").split())]
    if topic_key:
        parts.append(topic(topic_key).file_label)
    parts.append((today or local_today()).isoformat())
    return "_".join(parts) + ".pdf"
