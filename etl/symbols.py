"""Official value cells -> (value, status, symbol), see docs/DATA_MODEL.md §1 and FORMATS.md §2.

One vocabulary, two implementations that must agree: `parse_cell` (Python, small files) and
`sql_value_status` (DuckDB SQL, large flat files). Numbers use a decimal comma and no thousands
separator; anything else raises instead of being guessed.
"""

import re

#: Cells that replace a number: symbol -> (value, status).
SYMBOLS: dict[str, tuple[float | None, str]] = {
    "-": (0.0, "zero"),
    ".": (None, "secret"),
    "*": (None, "secret"),
    "...": (None, "later"),
    "/": (None, "unreliable"),
    "x": (None, "not_applicable"),
}
#: Letters after a number (`123p`) and ffcsv `value_q` flags -> status.
SUFFIX_FLAGS = {"p": "provisional", "r": "revised", "s": "estimated", "e": "final"}
QUALITY_FLAGS = {**SUFFIX_FLAGS, "()": "limited"}

NUMBER = r"-?[0-9]+(,[0-9]+)?"
SUFFIX_CHARS = "prse "
BRACKETS = "()"
_NUMBER_RE = re.compile(NUMBER)
_SUFFIXED_RE = re.compile(rf"({NUMBER}) ?([prse])")
_BRACKETED_RE = re.compile(rf"\(({NUMBER})\)")


class SymbolError(ValueError):
    """A cell that is neither a number nor a known symbol."""


def to_float(text: str) -> float:
    return float(text.replace(",", "."))


def parse_cell(cell: str, quality: str = "") -> tuple[float | None, str, str | None]:
    """Map one value cell (and an optional ffcsv value_q flag) to (value, status, symbol)."""
    text = cell.strip()
    quality = quality.strip()
    if quality and quality not in QUALITY_FLAGS:
        raise SymbolError(f"unbekanntes Qualitätskennzeichen {quality!r}")
    if _NUMBER_RE.fullmatch(text):
        if quality:
            return to_float(text), QUALITY_FLAGS[quality], quality
        return to_float(text), "ok", None
    if text == "":
        return None, "missing", None
    if text in SYMBOLS:
        value, status = SYMBOLS[text]
        return value, status, text
    if match := _SUFFIXED_RE.fullmatch(text):
        return to_float(match.group(1)), SUFFIX_FLAGS[match.group(3)], text
    if match := _BRACKETED_RE.fullmatch(text):
        return to_float(match.group(1)), "limited", text
    raise SymbolError(f"unbekanntes Zeichen im Wertfeld: {cell!r}")


def _sql_str(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def sql_value_status(cell: str, quality: str | None = None) -> tuple[str, str, str]:
    """SQL expressions (value, status, symbol) for the text column `cell` (and quality column).

    Empty cells must arrive as NULL (DuckDB's CSV default). The common case, a plain number, is
    tested first on the raw text; the rest on the trimmed text. The status is NULL for a cell that
    `parse_cell` would reject; the caller reports that line.
    """
    v, tv = cell, f"trim({cell})"
    q = f"coalesce(trim({quality}), '')" if quality else "''"

    def matches(text: str, pattern: str) -> str:
        return f"regexp_full_match({text}, '{pattern}')"

    def number(text: str) -> str:
        return f"CAST(replace({text}, ',', '.') AS DOUBLE)"

    def when(mapping: dict[str, str]) -> str:
        return " ".join(f"WHEN {_sql_str(key)} THEN {_sql_str(status)}" for key, status in mapping.items())

    plain, plain_t = matches(v, NUMBER), matches(tv, NUMBER)
    suffixed, bracketed = matches(tv, f"{NUMBER} ?[prse]"), matches(tv, f"\\({NUMBER}\\)")
    flagged = f"CASE {q} WHEN '' THEN 'ok' {when(QUALITY_FLAGS)} END"
    status = (
        f"CASE WHEN {q} NOT IN ('', {', '.join(map(_sql_str, QUALITY_FLAGS))}) THEN NULL"
        f" WHEN {plain} THEN {flagged}"
        f" WHEN {v} IS NULL OR {tv} = '' THEN 'missing'"
        f" WHEN {plain_t} THEN {flagged}"
        f" WHEN {suffixed} THEN CASE right({tv}, 1) {when(SUFFIX_FLAGS)} END"
        f" WHEN {bracketed} THEN 'limited'"
        f" ELSE CASE {tv} {when({s: st for s, (_, st) in SYMBOLS.items()})} END END"
    )
    value = (
        f"CASE WHEN {plain} THEN {number(v)} WHEN {v} IS NULL THEN NULL"
        f" WHEN {plain_t} THEN {number(tv)}"
        f" WHEN {suffixed} THEN {number(f'rtrim({tv}, {_sql_str(SUFFIX_CHARS)})')}"
        f" WHEN {bracketed} THEN {number(f'trim({tv}, {_sql_str(BRACKETS)})')}"
        f" WHEN {tv} = '-' THEN 0.0 END"
    )
    symbol = (
        f"CASE WHEN {plain} OR {plain_t} THEN nullif({q}, '')"
        f" WHEN {v} IS NULL OR {tv} = '' THEN NULL ELSE {tv} END"
    )
    return value, status, symbol
