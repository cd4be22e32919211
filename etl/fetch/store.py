"""Raw files under ``<out>/<database>/<id>.zip|csv`` and their manifest ``manifest.json``.

A download is written to a temporary file, checked (ZIP with one CSV member, then ``etl.parse``
when available) and only then moved over the previous file, so a broken download never replaces
a good one. The manifest holds no secrets: the URL and parameters never contain credentials.
"""

import hashlib
import io
import json
import os
import zipfile
import zlib
from datetime import UTC, datetime
from pathlib import Path

from etl.fetch.client import Download, log
from etl.fetch.sources import FetchSource

MANIFEST = "manifest.json"
_CSV_STARTS = ("statistics_code", "Statistik_Code", "GENESIS-Tabelle:", "Tabelle:")


class InvalidDownload(ValueError):
    """The downloaded body is not a usable statistics file; the previous file was kept."""


def read_manifest(folder: Path) -> dict:
    path = Path(folder) / MANIFEST
    if not path.is_file():
        return {}
    try:
        return json.loads(path.read_text(encoding="utf-8")).get("tables", {})
    except json.JSONDecodeError as exc:
        raise InvalidDownload(f"{path}, line {exc.lineno}: manifest is not valid JSON ({exc.msg})") from exc


def previous_entry(out: Path, source: FetchSource) -> dict | None:
    """The manifest entry of the last good download, if its file still exists."""
    folder = Path(out) / source.database
    entry = read_manifest(folder).get(source.id)
    return entry if entry and (folder / entry.get("file", "")).is_file() else None


def store(out: Path, source: FetchSource, download: Download, updated: str | None) -> dict:
    """Check and write the download atomically; update and return the manifest entry."""
    folder = Path(out) / source.database
    folder.mkdir(parents=True, exist_ok=True)
    suffix = ".zip" if download.body[:2] == b"PK" else ".csv"
    target = folder / f"{source.id}{suffix}"
    temp = folder / f".{source.id}.part{suffix}"
    temp.write_bytes(download.body)
    try:
        meta = check_file(temp, f"{source.database}/{source.code}")
        os.replace(temp, target)
    finally:
        temp.unlink(missing_ok=True)
    entry = {
        "id": source.id,
        "code": source.code,
        "database": source.database,
        "file": target.name,
        "url": download.url,
        "parameters": download.parameters,
        "fetched_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "sha256": hashlib.sha256(download.body).hexdigest(),
        "bytes": len(download.body),
        "updated": updated,
        "stand": meta.get("stand"),
        "rows": meta.get("rows"),
        "status_code": download.status_code,
        "notes": list(download.notes) + _code_note(source, meta),
    }
    _write_manifest(folder, source.id, entry)
    return entry


def _code_note(source: FetchSource, meta: dict) -> list[str]:
    """Warn when the parser reads another table code than requested (the build files it under that)."""
    found = meta.get("table_code")
    if not found or found == source.code:
        return []
    note = f"{source.code}: der Parser liest den Tabellencode {found}"
    log.warning("%s", note)
    return [note]


def check_file(path: Path, label: str) -> dict:
    """Structural check, then ``etl.parse.parse_file`` when present; InvalidDownload on failure."""
    head = _first_member_head(path, label)
    text = head.decode("utf-8-sig", errors="replace").lstrip()
    if not text.startswith(_CSV_STARTS):
        what = "eine Statusmeldung (JSON)" if text.startswith("{") else "keine GENESIS-Datei"
        raise InvalidDownload(f"{label}: Download ist {what}, Anfang: {text[:60]!r}")
    parse_file = _parser()
    if parse_file is None:
        return {}
    try:
        parsed = parse_file(path)
    except Exception as exc:  # any parser failure rejects the download; the message is kept
        raise InvalidDownload(f"{label}: Download lässt sich nicht lesen: {exc}") from exc
    meta = getattr(parsed, "meta", {}) or {}
    return {"stand": meta.get("stand"), "rows": meta.get("rows"), "table_code": meta.get("table_code")}


def _first_member_head(path: Path, label: str) -> bytes:
    data = Path(path).read_bytes()
    if data[:2] != b"PK":
        return data[:200]
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = [m for m in archive.infolist() if not m.is_dir()]
            if len(members) != 1:
                raise InvalidDownload(f"{label}: ZIP enthält {len(members)} Dateien statt genau einer")
            if archive.testzip() is not None:
                raise InvalidDownload(f"{label}: ZIP ist beschädigt ({members[0].filename})")
            with archive.open(members[0]) as member:
                return member.read(200)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as exc:
        raise InvalidDownload(f"{label}: ZIP ist beschädigt ({exc})") from exc


def _parser():
    try:
        from etl.parse import parse_file
    except ImportError:
        return None
    return parse_file


def _write_manifest(folder: Path, key: str, entry: dict) -> None:
    tables = read_manifest(folder)
    tables[key] = entry
    body = {"about": "Abrufprotokoll von python -m etl fetch (ohne Zugangsdaten)", "tables": tables}
    temp = folder / f".{MANIFEST}.part"
    temp.write_text(json.dumps(body, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    os.replace(temp, folder / MANIFEST)
