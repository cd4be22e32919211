"""Time cells -> canonical periods (docs/DATA_MODEL.md §2), in Python and DuckDB SQL."""

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
_GERMAN_DATE = re.compile(r"(\d{2})\.(\d{2})\.(\d{4})")
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_YEAR = re.compile(r"\d{4}")
_SCHOOL_YEAR = re.compile(r"(\d{4})/(\d{2})")
_SEMESTER = re.compile(r"(\d{4})-(04|10)P6M")
_SEMESTER_TEXT = re.compile(r"(WS|SS|Wintersemester|Sommersemester) (\d{4})(/\d{2})?")
_MONTH = re.compile(r"(\d{4})-(\d{2})(P1M)?")


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


def sql_period(time_code: str, time: str) -> str:
    """DuckDB expression: canonical period for columns `time_code`, `time`; NULL when malformed."""
    t = time
    next_year = f"lpad(CAST((TRY_CAST(left({t}, 4) AS INTEGER) + 1) % 100 AS VARCHAR), 2, '0')"
    return f"""CASE {time_code}
      WHEN 'STAG' THEN CASE
        WHEN regexp_full_match({t}, '[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}')
          THEN CAST(TRY_CAST({t} AS DATE) AS VARCHAR)
        WHEN regexp_full_match({t}, '[0-9]{{2}}\\.[0-9]{{2}}\\.[0-9]{{4}}')
          THEN CAST(CAST(try_strptime({t}, '%d.%m.%Y') AS DATE) AS VARCHAR)
        END
      WHEN 'JAHR' THEN CASE WHEN regexp_full_match({t}, '[0-9]{{4}}') THEN {t} END
      WHEN 'SCHJAHR' THEN CASE
        WHEN regexp_full_match({t}, '[0-9]{{4}}/[0-9]{{2}}') AND right({t}, 2) = {next_year} THEN {t} END
      WHEN 'SEMEST' THEN CASE
        WHEN regexp_full_match({t}, '[0-9]{{4}}-10P6M') THEN 'WS ' || left({t}, 4) || '/' || {next_year}
        WHEN regexp_full_match({t}, '[0-9]{{4}}-04P6M') THEN 'SS ' || left({t}, 4)
        END
      WHEN 'MONAT' THEN CASE
        WHEN regexp_full_match({t}, '[0-9]{{4}}-(0[1-9]|1[0-2])(P1M)?') THEN left({t}, 7) END
    END"""
