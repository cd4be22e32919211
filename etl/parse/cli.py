"""`python -m etl parse FILE [--csv]`: print the tidy table; header on stderr; exit 2 on bad input."""

import argparse
import os
import sys
from collections.abc import Iterator

import pandas as pd

from etl.parse import ParseError, parse_file


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", help="ffcsv (also zipped), Tabellen-CSV or template CSV")
    parser.add_argument("--csv", action="store_true", help="semicolon CSV on stdout (for piping)")
    parser.add_argument("--table-code", help="table code to use instead of the one found in the file")


def _summary(meta: dict, table: pd.DataFrame) -> str:
    symbols = table["symbol"].value_counts(dropna=True)
    found = ", ".join(f"{s!s} ×{n}" for s, n in symbols.items()) or "keine"
    return "\n".join(
        [
            f"Datei:     {meta['file_name']}",
            f"Format:    {meta['format']}  Kodierung: {meta['encoding']}",
            f"Tabelle:   {meta['table_code']}  {meta['title'] or ''}".rstrip(),
            f"Stand:     {meta['stand'] or '–'}"
            + ("  (SYNTHETISCHE DEMODATEN)" if meta["synthetic"] else ""),
            f"Zeilen:    {meta['rows']}",
            f"Zeichen:   {found}",
        ]
    )


def german_values(values: pd.Series) -> pd.Series:
    """Value texts as in the official files: decimal comma, no thousands separator, no `.0`; NULL empty."""
    numbers = pd.to_numeric(values, errors="coerce").astype("float64")
    whole = numbers.notna() & (numbers == numbers.round())
    text = numbers.astype("string").str.replace(".", ",", regex=False)
    text[whole] = numbers[whole].astype("int64").astype("string")
    return text.fillna("")


def aligned_lines(table: pd.DataFrame, chunk: int = 100_000) -> Iterator[str]:
    """The table as right-aligned text columns, header first, in blocks of ``chunk`` rows (streamed, so a
    Germany-size file prints in about the time of its CSV and ``| head`` stops early)."""
    text = pd.DataFrame({c: table[c].astype("string").fillna("–") for c in table.columns})
    widths = [max(len(str(c)), int(text[c].str.len().max() or 0)) for c in text.columns]
    yield "  ".join(str(c).rjust(w) for c, w in zip(text.columns, widths, strict=True))
    for start in range(0, len(text), chunk):
        part = text.iloc[start:start + chunk]
        columns = [part[c].str.rjust(w) for c, w in zip(text.columns, widths, strict=True)]
        yield columns[0].str.cat(columns[1:], sep="  ").str.cat(sep="\n")


def main(args: argparse.Namespace) -> int:
    try:
        parsed = parse_file(args.file, table_code=args.table_code)
    except ParseError as exc:
        print(f"Fehler: {exc}", file=sys.stderr)
        return 2
    table = parsed.table
    print(_summary(parsed.meta, table), file=sys.stderr)
    shown = table.assign(value=german_values(table["value"]))
    try:
        if args.csv:
            shown.to_csv(sys.stdout, sep=";", index=False, lineterminator="\n")
        else:
            for block in aligned_lines(shown.assign(value=shown["value"].replace("", None))):
                if block:
                    print(block)
        sys.stdout.flush()
    except BrokenPipeError:  # e.g. `| head`: the reader has what it wanted
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - keeps the interpreter's final flush quiet
    return 0
