"""Downloads that open correctly in a German Excel: CSV (UTF-8 BOM, ``;``, decimal comma, dates
dd.mm.yyyy) and XLSX with a second sheet holding source, licence, Stand, build id and definition. Text
cells that a spreadsheet would run as a formula are neutralised."""

import io
import re
from collections.abc import Mapping

import pandas as pd

from etl.status import ALL_STATUSES, LABELS_DE

#: Characters a spreadsheet may read as the start of a formula, also in their full-width forms; checked
#: after leading whitespace (space, tab, line feed, carriage return, ideographic space) is skipped.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")
#: Text that is a plain number (``-5``, ``-5,3``, ``+3``, ``-1.234,5``, ``1e-3``) is not a formula.
NUMBER_TEXT = re.compile(r"[+-]?\d+(?:[.,]\d+)*(?:[eE][+-]?\d+)?")
DATE_FORMAT = "%d.%m.%Y"
EXCEL_DATE_FORMAT = "DD.MM.YYYY"
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
META_SHEET = "Quelle und Definition"


def neutralise(value: object) -> object:
    """Prefix text that starts with a formula character, possibly after whitespace, with ``'``; numbers and
    numeric text stay unchanged."""
    if not isinstance(value, str) or NUMBER_TEXT.fullmatch(value.strip()):
        return value
    if value.startswith(FORMULA_PREFIXES) or value.lstrip().startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _safe(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    out.columns = [str(neutralise(str(c))) for c in out.columns]
    for column in out.columns:
        kind = out[column].dtype
        if not (pd.api.types.is_numeric_dtype(kind) or pd.api.types.is_datetime64_any_dtype(kind)):
            out[column] = out[column].map(neutralise, na_action="ignore")
    return out


def german_dates(frame: pd.DataFrame) -> pd.DataFrame:
    """Date columns and ISO date texts (``2024-12-31``) as ``31.12.2024`` (text, for the CSV)."""
    out = frame.copy()
    for column in out.columns:
        series = out[column]
        if pd.api.types.is_datetime64_any_dtype(series):
            out[column] = series.dt.strftime(DATE_FORMAT)
        elif not pd.api.types.is_numeric_dtype(series):
            out[column] = series.map(_german_date, na_action="ignore")
    return out


def _german_date(value: object) -> object:
    if isinstance(value, str) and ISO_DATE.match(value):
        year, month, day = value.split("-")
        return f"{day}.{month}.{year}"
    if hasattr(value, "strftime"):
        return value.strftime(DATE_FORMAT)
    return value


def with_status_labels(frame: pd.DataFrame) -> pd.DataFrame:
    """Replace status code columns (``status``, ``<x>_status`` holding codes of docs/DATA_MODEL.md §1) by a
    German ``Status`` column placed right after its value column (``value`` / ``<x>``)."""
    out = frame.copy()
    for column in [c for c in out.columns if str(c) == "status" or str(c).endswith("_status")]:
        codes = out[column].dropna()
        if codes.empty or not codes.isin(ALL_STATUSES).all():
            continue
        base = "value" if column == "status" else str(column)[: -len("_status")]
        name = "Status" if column == "status" else f"{base} Status"
        labels = out.pop(column).map(lambda s: LABELS_DE.get(s, s), na_action="ignore")
        at = out.columns.get_loc(base) + 1 if base in out.columns else len(out.columns)
        out.insert(at, name, labels)
    return out


def to_csv(frame: pd.DataFrame) -> bytes:
    """CSV for German Excel: UTF-8 with BOM, ``;`` separator, decimal comma, dates dd.mm.yyyy, empty cell for
    NULL (never 0)."""
    text = _safe(german_dates(frame)).to_csv(sep=";", decimal=",", index=False, lineterminator="\r\n")
    return text.encode("utf-8-sig")


def to_xlsx(frame: pd.DataFrame, meta: Mapping[str, str] | None = None) -> bytes:
    """XLSX with sheet ``Daten`` and sheet ``Quelle und Definition`` (key/value rows); dates as Excel dates
    shown dd.mm.yyyy."""
    buffer = io.BytesIO()
    info = pd.DataFrame({"Angabe": list((meta or {}).keys()), "Inhalt": list((meta or {}).values())})
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        _safe(frame).to_excel(writer, sheet_name="Daten", index=False)
        _safe(info).to_excel(writer, sheet_name=META_SHEET, index=False)
        sheet = writer.sheets["Daten"]
        for number, column in enumerate(frame.columns, start=1):
            if pd.api.types.is_datetime64_any_dtype(frame[column].dtype):
                for (cell,) in sheet.iter_rows(min_row=2, min_col=number, max_col=number):
                    cell.number_format = EXCEL_DATE_FORMAT
    return buffer.getvalue()


def build_meta(meta: Mapping[str, str] | None, build: Mapping[str, str], stand: str) -> dict[str, str]:
    """``meta`` completed with the build id and its Stand (``stand``, formatted) unless already present."""
    out = dict(meta or {})
    if not any(key.startswith("Datenstand") for key in out):
        out["Datenstand (Build)"] = f"{build.get('build_id', '')} vom {stand}"
    if build.get("synthetic") == "true" and "Hinweis" not in out:
        out["Hinweis"] = "Demodaten: synthetisch erzeugt, keine amtlichen Ergebnisse."
    return out
