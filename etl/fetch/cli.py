"""``python -m etl fetch``: download the tables of catalogue/fetch_sources.toml into data/raw."""

import argparse
import logging
from dataclasses import dataclass, field
from pathlib import Path

from etl import DATA_DIR
from etl.fetch import store
from etl.fetch.client import ClientSettings, FetchError, GenesisClient, TableSkipped
from etl.fetch.credentials import DEFAULT_ENV_FILE, EnvFileError, credentials_for, settings, variable_hint
from etl.fetch.sources import DEFAULT_SOURCES, Database, FetchSource, SourcesError, load_sources

log = logging.getLogger("etl.fetch")
EXIT_FAILED, EXIT_CONFIG = 1, 2


@dataclass
class Summary:
    fetched: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--only", action="append", metavar="CODE", help="nur diese Tabelle (Code oder id; mehrfach möglich)"
    )
    parser.add_argument("--out", type=Path, default=DATA_DIR / "raw", help="Zielordner (Standard: data/raw)")
    parser.add_argument("--dry-run", action="store_true", help="nur anzeigen, was abgerufen würde; kein Netz")
    parser.add_argument("--force", action="store_true", help="auch unveränderte Tabellen neu laden")
    parser.add_argument("--sources", type=Path, default=DEFAULT_SOURCES, help="Abrufliste (TOML)")
    parser.add_argument("--env-file", type=Path, default=DEFAULT_ENV_FILE, help="Datei mit Zugangsdaten")
    parser.add_argument(
        "--timeout", type=float, default=ClientSettings.timeout, help="Sekunden je HTTP-Anfrage"
    )
    parser.add_argument(
        "--max-wait",
        type=float,
        default=ClientSettings.max_wait,
        help="maximale Gesamtwartezeit je Tabelle in Sekunden",
    )


def main(args: argparse.Namespace) -> int:
    if not logging.getLogger().handlers:
        logging.basicConfig(level=logging.INFO, format="%(message)s")
    try:
        databases, sources = load_sources(args.sources)
        sources = _selected(sources, args.only)
        values = settings(args.env_file)
    except (SourcesError, EnvFileError) as exc:
        print(f"Fehler: {exc}")
        return EXIT_CONFIG
    needed = {databases[s.database] for s in sources}
    ordered = sorted(needed, key=lambda d: d.key)
    missing = [db for db in ordered if credentials_for(db.env_prefix, values) is None]
    if args.dry_run:
        _print_plan(sources, databases, args.out)
    if missing:
        _print_missing(missing, args.env_file)
        return EXIT_CONFIG
    if args.dry_run:
        return 0
    client_settings = ClientSettings(timeout=args.timeout, max_wait=args.max_wait)
    summary = Summary()
    for db in ordered:
        credentials = credentials_for(db.env_prefix, values)
        assert credentials is not None  # databases without credentials returned EXIT_CONFIG above
        client = GenesisClient(db, credentials, client_settings)
        try:
            for source in (s for s in sources if s.database == db.key):
                fetch_one(client, source, args.out, args.force, summary)
        finally:
            client.close()
    _print_summary(summary, args.out)
    return EXIT_FAILED if summary.failed else 0


def fetch_one(client: GenesisClient, source: FetchSource, out: Path, force: bool, summary: Summary) -> None:
    """Fetch one table: skip when ``Updated`` is unchanged; record the outcome in ``summary``."""
    label = f"{source.database}/{source.id}"
    previous = store.previous_entry(out, source)
    try:
        updated = client.table_updated(source.code)
        if previous and not force and updated and previous.get("updated") == updated:
            raise TableSkipped(f"unverändert seit {updated}")
        entry = store.store(out, source, client.download(source), updated)
    except TableSkipped as exc:
        summary.skipped.append(f"{label}: {exc}")
        log.info("übersprungen %s: %s", label, exc)
    except (FetchError, store.InvalidDownload) as exc:
        kept = " (vorherige Datei bleibt erhalten)" if previous else ""
        summary.failed.append(f"{label}: {exc}{kept}")
        log.error("FEHLER %s: %s%s", label, exc, kept)
    else:
        rows = f", {entry['rows']} Zeilen" if entry.get("rows") is not None else ""
        stand = updated or "?"
        summary.fetched.append(f"{label}: {entry['file']} ({entry['bytes']} Bytes{rows}, Stand {stand})")
        log.info("geladen %s -> %s", label, Path(out) / source.database / entry["file"])


def _selected(sources: list[FetchSource], only: list[str] | None) -> list[FetchSource]:
    if not only:
        return sources
    unknown = [o for o in only if not any(o in (s.id, s.code) for s in sources)]
    if unknown:
        raise SourcesError(f"--only: {', '.join(unknown)} steht nicht in der Abrufliste")
    return [s for s in sources if s.id in only or s.code in only]


def _print_plan(sources: list[FetchSource], databases: dict[str, Database], out: Path) -> None:
    print(f"Geplante Abrufe ({len(sources)} Tabellen, kein Netzzugriff):")
    for s in sources:
        filters = ", ".join(f"{k}={v}" for k, v in s.parameters().items() if v and k != "name")
        print(
            f"  {databases[s.database].base_url}data/tablefile {s.code} [{filters}] -> "
            f"{Path(out) / s.database / s.id}.zip"
        )


def _print_missing(missing: list[Database], env_file: Path) -> None:
    print(
        "Keine Zugangsdaten für den GENESIS-Web-Service. Bitte setzen (Umgebung oder "
        f"{env_file}, Vorlage .env.example):"
    )
    for db in missing:
        print(f"  {db.name}: {variable_hint(db.env_prefix)}")
    print("Kein Netzzugriff erfolgt.")


def _print_summary(summary: Summary, out: Path) -> None:
    for title, items in (
        ("Geladen", summary.fetched),
        ("Übersprungen", summary.skipped),
        ("Fehlgeschlagen", summary.failed),
    ):
        print(f"{title}: {len(items)}")
        for item in items:
            print(f"  {item}")
    if summary.fetched or summary.skipped:
        print(f"Nächster Schritt: python -m etl build --source-dir {out}")
