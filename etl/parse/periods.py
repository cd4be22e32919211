"""Time cells -> canonical periods (docs/DATA_MODEL.md §2)."""

import re
from datetime import date

MONTHS_DE = {
    name: number
    for number, name in enumerate(
        (
            "Januar",
            "Februar",
            "März",
            "April",
            "Mai",
            "Juni",
            "Juli",
            "August",
            "September",
            "Oktober",
            "November",
            "Dezember",
        ),
        start=1,
    )
}
_GERMAN_DATE = re.compile(r"(\d{2})\.(\d{2})\.(\d{4})", re.ASCII)
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})", re.ASCII)
_YEAR = re.compile(r"\d{4}", re.ASCII)
_SCHOOL_YEAR = re.compile(r"(\d{4})/(\d{2})", re.ASCII)
_SEMESTER = re.compile(r"(\d{4})-(04|10)P6M", re.ASCII)
_SEMESTER_TEXT = re.compile(r"(WS|SS|Wintersemester|Sommersemester) (\d{4})(/\d{2})?", re.ASCII)
_MONTH = re.compile(r"(\d{4})-(\d{2})(P1M)?", re.ASCII)
_LABELLED = re.compile(r"[^\W\d_]+: (.+)")


def _iso(year: str, month: str, day: str) -> str | None:
    try:
        return date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


def _school_year(start: int) -> str:
    return f"{start}/{(start + 1) % 100:02d}"


def infer_period(cell: str) -> tuple[str, str] | None:
    """(time_code, period) for a Tabellen-CSV time cell, or None if it is not a time."""
    text = cell.strip()
    if match := _GERMAN_DATE.fullmatch(text):
        iso = _iso(match.group(3), match.group(2), match.group(1))
        return ("STAG", iso) if iso else None
    if _YEAR.fullmatch(text):
        return "JAHR", text
    if (match := _SCHOOL_YEAR.fullmatch(text)) and _school_year(int(match.group(1))) == text:
        return "SCHJAHR", text
    if match := _SEMESTER_TEXT.fullmatch(text):
        period = semester_text(match.group(1), int(match.group(2)))
        return "SEMEST", period
    return None


def line_period(cell: str) -> tuple[str, str] | None:
    """(time_code, period) of a Tabellen-CSV period line's first cell: a time alone (`2015`,
    `30.06.2015`) or after a one-word label (`Jahr: 2016`); None otherwise."""
    text = cell.strip()
    if match := _LABELLED.fullmatch(text):
        text = match.group(1)
    return infer_period(text)


def semester_text(kind: str, year: int) -> str:
    if kind in ("WS", "Wintersemester"):
        return f"WS {_school_year(year)}"
    return f"SS {year}"


def normalise(time_code: str, cell: str) -> str | None:
    """Canonical period for a coded time cell (ffcsv and template), None if malformed."""
    text = cell.strip()
    if time_code == "STAG":
        if match := _ISO_DATE.fullmatch(text):
            return _iso(*match.groups())
        if match := _GERMAN_DATE.fullmatch(text):
            return _iso(match.group(3), match.group(2), match.group(1))
        return None
    if time_code == "JAHR":
        return text if _YEAR.fullmatch(text) else None
    if time_code == "SCHJAHR":
        match = _SCHOOL_YEAR.fullmatch(text)
        return text if match and _school_year(int(match.group(1))) == text else None
    if time_code == "SEMEST":
        if match := _SEMESTER.fullmatch(text):
            return semester_text("WS" if match.group(2) == "10" else "SS", int(match.group(1)))
        inferred = infer_period(text)
        return inferred[1] if inferred and inferred[0] == "SEMEST" else None
    if time_code == "MONAT" and (match := _MONTH.fullmatch(text)) and 1 <= int(match.group(2)) <= 12:
        return f"{match.group(1)}-{match.group(2)}"
    return None
