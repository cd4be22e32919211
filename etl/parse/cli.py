"""`python -m etl parse FILE [--csv]`: print the tidy table; header on stderr; exit 2 on bad input."""

import argparse
import os
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


def _german(value: float) -> str:
    """Value text as in the official files: decimal comma, no thousands separator, no `.0`."""
    if pd.isna(value):
        return ""
    return str(int(value)) if float(value).is_integer() else repr(float(value)).replace(".", ",")


def main(args: argparse.Namespace) -> int:
    try:
        parsed = parse_file(args.file, table_code=args.table_code)
    except ParseError as exc:
        print(f"Fehler: {exc}", file=sys.stderr)
        return 2
    table = parsed.table
    print(_summary(parsed.meta, table), file=sys.stderr)
    shown = table.assign(value=table["value"].map(_german))
    try:
        if args.csv:
            shown.to_csv(sys.stdout, sep=";", index=False, lineterminator="\n")
        else:
            options = ("display.max_rows", None, "display.max_columns", None, "display.width", 200)
            with pd.option_context(*options):
                print(shown.to_string(index=False, na_rep="–"))
        sys.stdout.flush()
    except BrokenPipeError:  # e.g. `| head`: the reader has what it wanted
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - keeps the interpreter's final flush quiet
    return 0
