"""Versorgungslücken: the tables behind and beside the gap charts (``monitor.views.gaps``), German column
names, de-DE numbers and official symbols."""

import pandas as pd

from monitor import charts, fmt
from monitor.views.common import with_markers


def status_words(status: pd.Series) -> pd.Series:
    return status.map(charts.status_word)


def gap_data(table: pd.DataFrame, area_label: str, need_label: str = "Kinder") -> pd.DataFrame:
    """The numbers behind a gap chart, with German column names (NULL stays empty, status in words)."""
    return pd.DataFrame({
        area_label: table["name"], need_label: fmt.round_half_up(table["children"], 0),
        "Bedarf (Plätze)": fmt.round_half_up(table["demand"], 1), "Plätze": table["places"],
        "Lücke (Plätze)": fmt.round_half_up(table["gap"], 1),
        "Versorgungsquote (%)": fmt.round_half_up(table["coverage"] * 100, 1),
        "Status": status_words(table["status"]),
    })


def _formatted(values: pd.Series, statuses: pd.Series, decimals: int = 0,
               unit: str | None = None) -> list[str]:
    return [fmt.fmt_value(v, s, decimals, unit) for v, s in zip(values, statuses, strict=True)]


def gap_display(table: pd.DataFrame, area_label: str, need_label: str = "Kinder") -> pd.DataFrame:
    """Ranked table as shown on screen: de-DE numbers, official symbols for unknown values, the provenance
    marker at the gap."""
    return pd.DataFrame({
        "Rang": [str(p) if pd.notna(g) else "–"
                 for p, g in zip(table["position"], table["gap"], strict=True)],
        area_label: table["name"],
        need_label: _formatted(table["children"], table["children_status"]),
        "Bedarf": _formatted(table["demand"], table["children_status"]),
        "Plätze": _formatted(table["places"], table["places_status"]),
        "Lücke": with_markers(_formatted(table["gap"], table["status"]), list(table["provenance"])),
        "Versorgungsquote": _formatted(table["coverage"] * 100, table["status"], 1, "%"),
    })
