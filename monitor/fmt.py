"""German (de-DE) formatting of numbers, values with status flags, changes and periods."""

import math

from etl.status import FLAG_SUFFIXES as FLAGS
from etl.status import SYMBOLS
from etl.vocabulary import BARE_UNITS, is_percent

__all__ = ["FLAGS", "SYMBOLS", "is_percent"]
MINUS = "−"
MONTHS = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
          "November", "Dezember")


def is_missing(x: object) -> bool:
    """True for None and NaN/NA (no number to show)."""
    if x is None:
        return True
    try:
        return bool(math.isnan(x))  # type: ignore[arg-type]
    except TypeError:
        return str(x) in {"<NA>", "nan", "NaT"}


def fmt_number(x: float | int | None, decimals: int = 0) -> str:
    """``1234567.891`` → ``1.234.567,9`` (decimals=1); missing → ``–``."""
    if x is None or is_missing(x):
        return SYMBOLS["missing"]
    text = f"{abs(float(x)):,.{decimals}f}".replace(",", "\0").replace(".", ",").replace("\0", ".")
    if float(x) < 0 and text.strip("0,.") != "":
        return MINUS + text
    return text


def unit_suffix(unit: str | None) -> str:
    """Text after a number: ``%`` → `` %``; counts show no unit."""
    unit = (unit or "").strip()
    if is_percent(unit):
        return " %"
    if unit in BARE_UNITS:
        return ""
    return f" {unit}"


def fmt_value(value: float | None, status: str | None = "ok", decimals: int = 0,
              unit: str | None = None) -> str:
    """A value with its status: NULL → official symbol, flagged values marked (``123p``, ``(123)``)."""
    status = status or "ok"
    if is_missing(value):
        return SYMBOLS.get(status, SYMBOLS["missing"])
    text = fmt_number(value, decimals)
    if status == "limited":
        text = f"({text})"
    text += FLAGS.get(status, "")
    return text + unit_suffix(unit)


def fmt_change(delta: float | None, unit: str | None = None, decimals: int = 1) -> str:
    """Signed change: percentage points for percent units (``+1,2 Pp.``), else with the given unit.

    Pass ``unit="%"`` with a relative change to get ``+3,4 %``; pass the indicator unit with an absolute
    change of a rate to get percentage points.
    """
    if delta is None or is_missing(delta):
        return SYMBOLS["missing"]
    number = fmt_number(abs(delta), decimals)
    sign = "±" if number.strip("0,.") == "" else ("+" if delta > 0 else MINUS)
    suffix = " Pp." if unit in {"Pp.", "pp"} else unit_suffix(unit)
    return f"{sign}{number}{suffix}"


def fmt_period(period: str | None) -> str:
    """Canonical period → German label: ``2024-12-31`` → ``31.12.2024``, ``2024-05`` → ``Mai 2024``."""
    if period is None or is_missing(period):
        return SYMBOLS["missing"]
    text = str(period)
    parts = text.split("-")
    if len(parts) == 3 and all(p.isdigit() for p in parts):
        return f"{parts[2]}.{parts[1]}.{parts[0]}"
    if len(parts) == 2 and all(p.isdigit() for p in parts) and 1 <= int(parts[1]) <= 12:
        return f"{MONTHS[int(parts[1]) - 1]} {parts[0]}"
    return text


def fmt_date_time(iso: str | None) -> str:
    """ISO date-time (``2026-01-19T13:58:12``) → ``19.01.2026, 13:58 Uhr``; date only → ``19.01.2026``."""
    if iso is None or is_missing(iso) or str(iso).strip() == "":
        return SYMBOLS["missing"]
    text = str(iso).replace("T", " ")
    date, _, time = text.partition(" ")
    label = fmt_period(date[:10])
    return f"{label}, {time[:5]} Uhr" if time[:5].count(":") == 1 else label
