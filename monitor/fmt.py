"""German (de-DE) formatting of numbers, values with status flags, changes and periods."""

import math
from collections.abc import Iterable
from typing import overload

import numpy as np
import pandas as pd

from etl.status import FLAG_SUFFIXES as FLAGS
from etl.status import LABELS_DE, SYMBOLS
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


#: a float this close (relative, at most 1e-6 absolute) below a tie counts as the tie: 57 / 200 is stored
#: as 0.28499999999999998
TIE_TOLERANCE = 1e-12


@overload
def round_half_up(x: float, decimals: int = 0) -> float: ...
@overload
def round_half_up(x: pd.Series, decimals: int = 0) -> pd.Series: ...
def round_half_up(x: float | pd.Series, decimals: int = 0) -> float | pd.Series:
    """x rounded to `decimals` with a tie away from zero, as official German tables round (DIN 1333):
    5.25 → 5.3, 0.285 → 0.29, −2.5 → −3, where Python's round() and pandas' .round() take the even
    neighbour (5.2, 0.28, −2). Every shown figure is rounded here; NaN stays NaN."""
    if isinstance(x, pd.Series):  # shown tables are small: value by value, one rule
        values = x.to_numpy(dtype=float, na_value=np.nan)
        return pd.Series([round_half_up(float(v), decimals) for v in values], index=x.index, name=x.name,
                         dtype=float)
    if not math.isfinite(x):
        return float(x)
    scale = 10.0 ** decimals
    scaled = abs(x) * scale
    whole = math.floor(scaled)
    up = scaled - whole >= 0.5 - min(scaled * TIE_TOLERANCE, 1e-6)
    return math.copysign((whole + up) / scale, x)


def fmt_number(x: float | int | None, decimals: int = 0) -> str:
    """``1234567.891`` → ``1.234.567,9`` (decimals=1; a tie rounds away from zero, ``round_half_up``);
    missing → ``–``."""
    if x is None or is_missing(x):
        return SYMBOLS["missing"]
    text = f"{abs(round_half_up(float(x), decimals)):,.{decimals}f}"
    text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    if float(x) < 0 and text.strip("0,.") != "":
        return MINUS + text
    return text


def sum_remark(parts: pd.Series, total: float, decimals: int = 0) -> str:
    """`` (aus den ungerundeten Werten; die gerundeten Einzelwerte ergeben 320)`` where the parts, rounded as
    they are shown, add up to another number than the rounded total (summed unrounded), else ``""``."""
    if parts.empty:
        return ""
    shown = round_half_up(parts.astype(float), decimals).sum()
    if round_half_up(shown, decimals) == round_half_up(float(total), decimals):
        return ""
    return f" (aus den ungerundeten Werten; die gerundeten Einzelwerte ergeben {fmt_number(shown, decimals)})"


def table_decimals(values: Iterable[float]) -> int:
    """Decimals of a number column in an on-screen data table: the fewest (0, 1 or 2) that show every
    value exactly (delivered figures such as 6,6); for computed values 1 as the charts' labels, 2 when
    every value is below 10 in magnitude (quotients such as 0,95). Downloads keep full precision."""
    shown = [float(v) for v in values if not is_missing(v)]
    exact = next((d for d in (0, 1, 2) if all(abs(v - round(v, d)) < 1e-9 for v in shown)), None)
    if exact is not None:
        return exact
    return 2 if all(abs(v) < 10 for v in shown) else 1


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


# --- period labels: one function per period type, used by selectors, texts, cards and tables -----------

#: Period types of the catalogue (``Indicator.stichtag``) and their German name.
PERIOD_KINDS = {"stichtag": "Stichtag", "schuljahr": "Schuljahr", "kita": "Kita-Jahr",
                "berichtsjahr": "Berichtsjahr"}


def period_kind(stichtag: str | None) -> str:
    """Period type of an indicator from its catalogue ``stichtag`` text: Kita data (Stichtag 1 March or a
    Kita-Jahr), school years, the Ausbildungsmarkt Berichtsjahr (October to September), else a Stichtag."""
    text = (stichtag or "").strip()
    if "Kita-Jahr" in text or text.startswith("01.03."):
        return "kita"
    if text.startswith("Schuljahr"):
        return "schuljahr"
    if "Berichtsjahr" in text:
        return "berichtsjahr"
    return "stichtag"


def stichtag_label(period: str | None) -> str:
    """A Stichtag or calendar period: ``2024-12-31`` → ``31.12.2024`` (:func:`fmt_period`)."""
    return fmt_period(period)


def school_year_label(start: int) -> str:
    """Schuljahr from its first year: ``2024`` → ``2024/25`` (August to July)."""
    return f"{start}/{(start + 1) % 100:02d}"


def kita_year_label(stichtag_year: int) -> str:
    """Kita-Jahr (August to July) holding the Stichtag 1 March ``stichtag_year``: ``2025`` → ``2024/25``."""
    return school_year_label(stichtag_year - 1)


def berichtsjahr_label(end_year: int) -> str:
    """Ausbildungsmarkt Berichtsjahr (October to September) ending on 30 September ``end_year``:
    ``2025`` → ``2024/25``."""
    return school_year_label(end_year - 1)


def year_label(kind: str, year: int, period: str | None = None) -> str:
    """Short label of one year of a period type (selector options, chart axes): ``2024/25`` for school,
    Kita and Berichtsjahre; the Stichtag (``31.12.2024``) when ``period`` is given, else the year."""
    if kind == "kita":
        return kita_year_label(year)
    if kind == "schuljahr":
        return school_year_label(year)
    if kind == "berichtsjahr":
        return berichtsjahr_label(year)
    return stichtag_label(period) if period is not None and not is_missing(period) else str(year)


def period_text(kind: str, year: int, period: str | None = None) -> str:
    """Label of a period in texts, cards and tables: ``Kita-Jahr 2024/25``, ``Schuljahr 2024/25``,
    ``Berichtsjahr 2024/25``, ``31.12.2024``."""
    label = year_label(kind, year, period)
    return label if kind == "stichtag" else f"{PERIOD_KINDS[kind]} {label}"


class Options(dict[str, str]):
    """Selector options code → label whose ``get`` gives an unknown value back unchanged (as the region and
    indicator selectors do), so that a label passed back by a widget test still reads as itself."""

    def get(self, key, default=None):
        return super().get(key, key if default is None else default)


def year_options(kind: str, years: list[int]) -> Options:
    """Years of a period type for a selector, newest first, labelled as in texts and on chart axes."""
    return Options({str(y): year_label(kind, y) for y in sorted({int(y) for y in years}, reverse=True)})


def selector_label(kind: str) -> str:
    """Label of the period selector: the name of the period type (``Jahr`` for Stichtage)."""
    return "Jahr" if kind == "stichtag" else PERIOD_KINDS[kind]


def indicator_period(stichtag: str | None, period: str | None, year: int) -> str:
    """:func:`period_text` of a value row of an indicator whose catalogue ``stichtag`` is given."""
    return period_text(period_kind(stichtag), int(year), period)


def missing_marker(status: str | None) -> str:
    """Marker of a value without a number in charts: official symbol and word (``– fehlt``, ``. geheim``);
    the Zeichenerklärung shows the same text."""
    status = status or "missing"
    word = LABELS_DE.get(status, LABELS_DE["missing"])
    return f"{SYMBOLS.get(status, SYMBOLS['missing'])} {word}"
