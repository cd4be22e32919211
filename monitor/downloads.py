"""Downloads that open correctly in a German Excel: CSV (UTF-8 BOM, ``;``, decimal comma) and XLSX with
a second sheet holding source, licence, Stand and definition. Text cells that a spreadsheet would run as
a formula are neutralised."""

import io
from collections.abc import Mapping

import pandas as pd

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    """Prefix text starting with a formula character with ``'``; numbers stay numbers."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _safe(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    out.columns = [str(neutralise(str(c))) for c in out.columns]
    for column in out.columns:
        if not pd.api.types.is_numeric_dtype(out[column]):
            out[column] = out[column].map(neutralise, na_action="ignore")
    return out


def to_csv(frame: pd.DataFrame) -> bytes:
    """CSV for German Excel: UTF-8 with BOM, ``;`` separator, decimal comma, empty cell for NULL."""
    text = _safe(frame).to_csv(sep=";", decimal=",", index=False, lineterminator="\r\n")
    return text.encode("utf-8-sig")


def to_xlsx(frame: pd.DataFrame, meta: Mapping[str, str] | None = None) -> bytes:
    """XLSX with sheet ``Daten`` and sheet ``Quelle und Definition`` (key/value rows)."""
    buffer = io.BytesIO()
    info = pd.DataFrame({"Angabe": list((meta or {}).keys()), "Inhalt": list((meta or {}).values())})
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        _safe(frame).to_excel(writer, sheet_name="Daten", index=False)
        _safe(info).to_excel(writer, sheet_name="Quelle und Definition", index=False)
    return buffer.getvalue()
