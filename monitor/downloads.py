"""Downloads that open correctly in a German Excel: CSV (UTF-8 BOM, ``;``, decimal comma, dates
dd.mm.yyyy) and XLSX with a second sheet holding source, licence, Stand, build id and definition. Text
cells that a spreadsheet would run as a formula are neutralised.

Both carry the same context rows (title, region, period, assumptions, source, Stand, build, demo note;
:func:`ordered_meta`). In the CSV they come first, one ``# Angabe;Inhalt`` line each, then one empty line,
then the table with its header. Excel and LibreOffice open this as two columns of context above the table
(no ``sep=`` line: Excel would then ignore the BOM and garble umlauts); programs skip the head with
``comment="#"`` (pandas, R) or by reading from the first empty line on (:func:`read_csv_table`).
"""

import csv
import io
import re
import unicodedata
from collections.abc import Iterable, Mapping

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
META_PREFIX = "# "
#: context rows shown first and last; all other rows (assumptions, definition) keep their order between
LEAD_KEYS = ("Titel", "Region", "Zeitraum")
TAIL_KEYS = ("Quelle", "Lizenz und Namensnennung", "Stand der Daten", "Datenstand (Build)", "Hinweis")
DEMO_HINT = "Demodaten: synthetisch erzeugt, keine amtlichen Ergebnisse."
UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"})


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


def to_csv(frame: pd.DataFrame, meta: Mapping[str, str] | None = None) -> bytes:
    """CSV for German Excel: UTF-8 with BOM, ``;`` separator, decimal comma, dates dd.mm.yyyy, empty cell for
    NULL (never 0); with ``meta``, its rows as ``# Angabe;Inhalt`` lines and an empty line first."""
    text = _safe(german_dates(frame)).to_csv(sep=";", decimal=",", index=False, lineterminator="\r\n")
    return (meta_lines(meta) + text).encode("utf-8-sig")


def meta_lines(meta: Mapping[str, str] | None) -> str:
    """The CSV head: one ``# Angabe;Inhalt`` line per context row (values on one line, neutralised), then an
    empty line; empty without rows."""
    if not meta:
        return ""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    for key, value in meta.items():
        writer.writerow([META_PREFIX + " ".join(str(key).split()), neutralise(" ".join(str(value).split()))])
    return buffer.getvalue() + "\r\n"


def read_csv_table(data: bytes) -> tuple[dict[str, str], list[list[str]]]:
    """(context rows, table rows with header) of a CSV written by :func:`to_csv` (tests and scripts)."""
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))
    meta: dict[str, str] = {}
    while rows and rows[0] and rows[0][0].startswith(META_PREFIX):
        row = rows.pop(0)
        meta[row[0][len(META_PREFIX):]] = row[1] if len(row) > 1 else ""
    if meta and rows and not rows[0]:
        rows.pop(0)
    return meta, rows


def to_xlsx(frame: pd.DataFrame, meta: Mapping[str, str] | None = None) -> bytes:
    """XLSX with sheet ``Daten`` and sheet ``Quelle und Definition`` (key/value rows); dates as Excel dates
    shown dd.mm.yyyy."""
    buffer = io.BytesIO()
    info = context_rows((meta or {}).items())
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        _safe(frame).to_excel(writer, sheet_name="Daten", index=False)
        _safe(info).to_excel(writer, sheet_name=META_SHEET, index=False)
        sheet = writer.sheets["Daten"]
        for number, column in enumerate(frame.columns, start=1):
            if pd.api.types.is_datetime64_any_dtype(frame[column].dtype):
                for (cell,) in sheet.iter_rows(min_row=2, min_col=number, max_col=number):
                    cell.number_format = EXCEL_DATE_FORMAT
    return buffer.getvalue()


def build_meta(meta: Mapping[str, str] | None, build: Mapping[str, str], stand: str, *,
               title: str | None = None, demo: str | None = None) -> dict[str, str]:
    """``meta`` completed with the title (when it has none), the build id and its Stand (``stand``,
    formatted) and, for a synthetic build, the demo note (``demo`` or the default), in
    :func:`ordered_meta` order."""
    out = dict(meta or {})
    if out.get("Quelle", "").startswith("Quelle: "):  # source lines of the charts name themselves
        out["Quelle"] = out["Quelle"][len("Quelle: "):]
    if title and "Titel" not in out:
        out["Titel"] = title
    if not any(key.startswith("Datenstand") for key in out):
        out["Datenstand (Build)"] = f"{build.get('build_id', '')} vom {stand}"
    if build.get("synthetic") == "true" and "Hinweis" not in out:
        out["Hinweis"] = demo or DEMO_HINT
    return ordered_meta(out)


def ordered_meta(meta: Mapping[str, str]) -> dict[str, str]:
    """Title, region and period first; source, licence, Stand, build and note last; the rest between."""
    lead = [k for k in LEAD_KEYS if k in meta]
    tail = [k for k in TAIL_KEYS if k in meta]
    middle = [k for k in meta if k not in lead and k not in tail]
    return {k: meta[k] for k in [*lead, *middle, *tail]}


def file_name(*parts: object) -> str:
    """ASCII-safe file name from the parts, joined by ``_`` (``"kita_lücke", "3–6", None, 2040, "Lippe"`` →
    ``kita_luecke_3_6_2040_Lippe``): umlauts transliterated, accents dropped, other characters ``_``."""
    words = [_ascii(str(p)) for p in parts if p is not None and str(p).strip()]
    return "_".join(w for w in words if w) or "daten"


def _ascii(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.translate(UMLAUTS))
    folded = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"[^A-Za-z0-9]+", "_", folded).strip("_")


def context_rows(meta: Iterable[tuple[str, str]]) -> pd.DataFrame:
    """The source sheet of the XLSX: one ``Angabe``/``Inhalt`` row per context row."""
    pairs = list(meta)
    return pd.DataFrame({"Angabe": [k for k, _ in pairs], "Inhalt": [v for _, v in pairs]})
