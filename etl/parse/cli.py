"""`python -m etl parse FILE [--csv]`: print the tidy table; header on stderr; exit 2 on bad input."""

import argparse
import sys

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


def main(args: argparse.Namespace) -> int:
    try:
        parsed = parse_file(args.file, table_code=args.table_code)
    except ParseError as exc:
        print(f"Fehler: {exc}", file=sys.stderr)
        return 2
    table = parsed.table
    print(_summary(parsed.meta, table), file=sys.stderr)
    if args.csv:
        table.to_csv(sys.stdout, sep=";", index=False, decimal=",", lineterminator="\n")
    else:
        with pd.option_context("display.max_rows", None, "display.max_columns", None, "display.width", 250):
            print(table.to_string(index=False, na_rep="–"))
    return 0
