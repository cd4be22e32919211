"""What a download states besides its numbers: title, region, period, the planner's assumptions, source
and Stand (``charts.View.meta``, written by ``ui.chart_block`` as the CSV head and the XLSX source sheet),
and file names that say what a file holds."""

from collections.abc import Iterable, Mapping

from monitor import downloads, fmt
from monitor.queries import gaps as gap_queries
from monitor.queries import regions, sources


def meta(title: str, source: str, tables: Iterable[str], *, region: str | None = None,
         period: str | None = None, assumptions: Mapping[str, str] | None = None) -> dict[str, str]:
    """The meta rows of a view: ``Titel``, ``Region`` (AGS → name), ``Zeitraum``, the assumptions (label →
    value, e.g. ``Bedarfsquote`` → ``97 %``), ``Quelle`` and ``Stand der Daten`` (latest Stand of the
    loaded ``tables``)."""
    out = {"Titel": title}
    if region:
        out["Region"] = regions.label(region)
    if period:
        out["Zeitraum"] = period
    out.update(assumptions or {})
    out["Quelle"] = source
    out["Stand der Daten"] = fmt.fmt_date_time(sources.stand(list(tables)))
    return out


def percent(rate: float) -> str:
    """A demand rate as shown on its slider: ``0.97`` → ``97 %``."""
    return f"{fmt.fmt_number(rate * 100, 0)} %"


def filename(*parts: object, region: str | None = None) -> str:
    """ASCII file name (without extension) of the parts and the region's name (``Lippe``)."""
    names = [*parts, regions.names().get(region, region) if region else None]
    return downloads.file_name(*names)


# --- gap scenarios (monitor.views.gaps passes its labels; this module does not import it) ---------------


def kita_about(kreis: str, rate: float, info, band_label: str, assumption: str, notes: str,
               level_label: str | None = None) -> dict:
    """Keyword arguments of :func:`meta` for a Kita gap: the Kreis, the period, and the assumptions
    (Altersgruppe, Ebene, Bedarfsquote, Zieljahr, the reason for the rate, the data years). ``info``: the
    ``gaps.GapInfo`` of the table."""
    if info.target_year:
        period = f"Vorausberechnung für {info.target_year}"
    else:
        period = f"Kita-Jahr {fmt.kita_year_label(info.data_year)}" if info.data_year else "ohne Daten"
    rows = {"Altersgruppe": band_label, "Ebene": level_label, "Bedarfsquote": percent(rate),
            "Zieljahr": str(info.target_year) if info.target_year else "heutiger Stand (letzte Daten)",
            "Annahme": assumption, "Datengrundlage": notes}
    return {"region": kreis, "period": period, "assumptions": {k: v for k, v in rows.items() if v}}


def ogs_about(kreis: str, rate: float, start: int, info, assumption: str, notes: str) -> dict:
    """Keyword arguments of :func:`meta` for an OGS gap in the school year from August ``start``."""
    grades = gap_queries.entitled_grades(start) if info.grades is None else info.grades
    rows = {"Bedarfsquote": percent(rate), "Rechtsanspruch": f"für {grades} von 4 Klassen",
            "Annahme": assumption, "Datengrundlage": notes}
    return {"region": kreis, "period": f"Schuljahr {fmt.school_year_label(start)}",
            "assumptions": {k: v for k, v in rows.items() if v}}


#: age band in file names
BAND_FILES = {"u3": "u3", "3to6": "3bis6"}


def gap_file(prefix: str, kreis: str, rate: float, *parts: object) -> str:
    """``ogs_luecke_2029_30_quote80_Lippe``: prefix, parts, the rate and the Kreis's name."""
    return filename(prefix, *parts, f"quote{round(rate * 100)}", region=kreis)


def ogs_file(prefix: str, kreis: str, rate: float, start: int) -> str:
    """``ogs_luecke_2029_30_quote80_Lippe``."""
    return gap_file(prefix, kreis, rate, fmt.school_year_label(start))


def kita_file(prefix: str, kreis: str, band: str, rate: float, info, level: str | None = None) -> str:
    """``kita_luecke_3bis6_jugendamt_2040_quote97_Lippe``: band, level, the target year (else the Kita-Jahr
    of the data, ``kitajahr_2024_25``), rate and Kreis."""
    when = info.target_year or (f"kitajahr_{fmt.kita_year_label(info.data_year)}" if info.data_year else None)
    return gap_file(prefix, kreis, rate, BAND_FILES.get(band, band), level, when)
