"""Command line: ``python -m monitor.reports bericht --region <Kreis-AGS> --out bericht.pdf`` or
``python -m monitor.reports vorlage --region <Gemeinde-AGS> --topic schule --out vorlage.pdf`` (regions of
the configured home Kreis)."""

import argparse
import sys
from pathlib import Path

from monitor import db, reports
from monitor.reports.topics import TOPIC_KEYS


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="python -m monitor.reports", description="PDF-Berichte erzeugen")
    kinds = main.add_subparsers(dest="kind", required=True)
    full = kinds.add_parser("bericht", help="Bericht mit allen Themen für eine Region")
    short = kinds.add_parser("vorlage", help="Sitzungsvorlage (1–2 Seiten) zu einem Thema")
    short.add_argument("--topic", required=True, choices=TOPIC_KEYS, help="Thema")
    for sub in (full, short):
        sub.add_argument("--region", required=True,
                         help="AGS des Heimatkreises, einer seiner Gemeinden oder eines Jugendamts")
        sub.add_argument("--out", required=True, type=Path, help="Ziel-PDF")
    return main


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if not args.out.parent.is_dir():
        print(f"Fehler: Zielordner {args.out.parent} existiert nicht.", file=sys.stderr)
        return 2
    try:
        if args.kind == "bericht":
            data = reports.bericht(args.region, progress=print)
        else:
            data = reports.sitzungsvorlage(args.region, args.topic, progress=print)
        args.out.write_bytes(data)
    except (reports.ReportError, reports.ChartExportError, db.WarehouseMissing, OSError) as error:
        print(f"Fehler: {error}", file=sys.stderr)
        return 1
    print(f"Gespeichert: {args.out} ({len(data) // 1024} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
