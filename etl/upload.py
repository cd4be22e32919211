"""Uploads of official files: check and preview, then store under data/uploads and build a new version.

Flow (docs/UPLOAD.md): the uploaded bytes go to a temporary folder, are parsed (etl.parse) and checked
by the build's own steps on an in-memory database holding only that file (raw, core, validation).
Nothing is stored unless the file passes. On confirmation the file is stored in the uploads folder
(an older upload of the same table code moves to ``replaced/``), a new warehouse version is built in a
separate process from the source folders + uploads (etl.sources precedence) and the attempt is
appended to ``load_log.jsonl``. A failed build takes the stored file back out; CURRENT stays.
"""

from __future__ import annotations

import contextlib
import fcntl
import io
import json
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from etl import DATA_DIR, REPO_ROOT, warehouse
from etl.parse import parse_file_arrow
from etl.parse.ffcsv import is_statistic_code
from etl.sources import core_of, parse_described, peek
from etl.validate import ERROR, Finding

MAX_BYTES = 50_000_000  # 50 MB
SUFFIXES = (".csv", ".zip")
LOG_NAME = "load_log.jsonl"
LOCK_NAME = ".upload.lock"
REPLACED = "replaced"
BUILD_TIMEOUT = 1800  # seconds
_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


class UploadRejected(ValueError):
    """The file is not loaded; the message (German) says why. Nothing was stored or built."""


@dataclass
class Preview:
    """What an uploaded file holds and what the checks found."""

    file_name: str
    size: int
    sha256: str
    format: str
    table_code: str
    title: str | None
    stand: str | None
    synthetic: bool
    rows: int
    subject: str
    regions: list[tuple[str, str]]  # (ags, label as delivered)
    periods: list[str]
    symbols: list[tuple[str, str, int]]  # (cell text that was not a plain number, status, count)
    statuses: dict[str, int]
    findings: list[Finding] = field(default_factory=list)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == ERROR]


@dataclass
class LoadResult:
    """Outcome of a confirmed load (also written to the load log)."""

    ok: bool
    message: str
    build_id: str | None
    stored: Path | None
    entry: dict


def safe_name(name: str) -> str:
    """The uploaded file's base name with only letters, digits, `.`, `_` and `-`."""
    base = _SAFE_NAME.sub("_", Path(name).name).strip("._")
    if not base:
        raise UploadRejected("Der Dateiname ist leer oder ungültig.")
    return base


def check_upload(name: str, size: int, limit: int = MAX_BYTES) -> None:
    """Reject unsupported file types and files above the size limit (before reading them)."""
    if Path(name).suffix.lower() not in SUFFIXES:
        raise UploadRejected(f"{name}: Dateityp nicht unterstützt – erlaubt sind .csv und .zip "
                             "(Tabellen-CSV, ffcsv, ZIP aus GENESIS, Vorlage-CSV).")
    if size > limit:
        raise UploadRejected(f"{name}: Datei zu groß ({_mb(size)}); höchstens {_mb(limit)} sind erlaubt.")
    if size == 0:
        raise UploadRejected(f"{name}: Die Datei ist leer.")


def _mb(size: int) -> str:
    return f"{size / 1e6:.1f}".replace(".", ",").removesuffix(",0") + " MB"


@contextlib.contextmanager
def staged_upload(name: str, data: bytes, limit: int = MAX_BYTES) -> Iterator[Path]:
    """The bytes as a file in a temporary folder (removed afterwards), after the type and size check."""
    check_upload(name, len(data), limit)
    with tempfile.TemporaryDirectory(prefix="upload-") as tmp:
        path = Path(tmp) / safe_name(name)
        path.write_bytes(data)
        yield path


def preview(path: Path) -> Preview:
    """Parse and check one file. Raises UploadRejected for malformed or unsupported files."""
    con = duckdb.connect()
    try:
        findings = validate_alone(con, path)
        _reject_unreadable(findings)
        loaded = con.execute(
            "SELECT sha256, format, table_code, title, stand, synthetic, rows FROM raw.files").fetchone()
        assert loaded is not None  # a file that did not load was rejected just above
        sha256, fmt, code, title, stand, synthetic, rows = loaded
        _check_table(path, code)
        table = 'raw."' + code.replace('"', '""') + '"'  # code checked by etl.load (letters, digits, -, _)
        return Preview(
            file_name=path.name, size=path.stat().st_size, sha256=sha256, format=fmt, table_code=code,
            title=title, stand=stand, synthetic=bool(synthetic), rows=rows, subject=core_of()[code],
            regions=con.execute(f"SELECT DISTINCT ags, region FROM {table} ORDER BY ags NULLS FIRST, region"
                                ).fetchall(),
            periods=[p for (p,) in con.execute(f"SELECT DISTINCT period FROM {table} WHERE period IS NOT NULL"
                                               " ORDER BY period").fetchall()],
            symbols=con.execute(f"SELECT symbol, status, count(*) FROM {table} WHERE symbol IS NOT NULL"
                                " GROUP BY ALL ORDER BY symbol, status").fetchall(),
            statuses=dict(con.execute(f"SELECT status, count(*) FROM {table} GROUP BY status").fetchall()),
            findings=findings,
        )
    finally:
        con.close()


def _check_table(path: Path, code: str) -> None:
    """Only tables the monitor uses are loaded; a flat file named without its table code is told so."""
    if code in core_of():
        return
    if is_statistic_code(code):
        raise UploadRejected(f"{path.name}: Der Dateiname enthält keinen Tabellencode, die Datei nennt nur"
                             f" den Statistik-Code {code}. Bitte die Datei unter dem Namen aus GENESIS"
                             " hochladen (z. B. 12411-01-01-4_…_de_flat.csv oder die ZIP-Datei).")
    raise UploadRejected(f"{path.name}: Tabelle {code} wird vom Monitor nicht verwendet (nicht in "
                         "catalogue/sources.toml); sie würde nichts ändern und wird nicht geladen.")


def _reject_unreadable(findings: list[Finding]) -> None:
    """An unreadable or unsupported file (parse error, skipped kind) is rejected with file, line, reason."""
    bad = next((f for f in findings if f.rule in ("parse", "skipped_file")), None)
    if bad is not None:
        line = f", Zeile {bad.line}" if bad.line else ""
        what = "nicht lesbar" if bad.rule == "parse" else "nicht unterstützt"
        raise UploadRejected(f"Datei {what}: {bad.file_name}{line}: {bad.message}")


def validate_alone(con: duckdb.DuckDBPyConnection, path: Path) -> list[Finding]:
    """The build's steps (raw load, core, validation; no mart) on `con` with only this file loaded."""
    from etl import build  # the build module imports the whole ETL; only needed here

    quiet = contextlib.redirect_stdout(io.StringIO())
    with tempfile.TemporaryDirectory(prefix="upload-check-") as tmp, quiet:
        (Path(tmp) / path.name).symlink_to(path.resolve())  # the file alone in its folder
        return build.populate(con, Path(tmp), None, parse_file_arrow, "vorschau", with_mart=False)


@dataclass(frozen=True)
class Target:
    """Where a load stores the file and which folders the new build reads (uploads last)."""

    uploads_dir: Path
    warehouse_dir: Path
    base_dirs: tuple[Path, ...]

    @property
    def source_dirs(self) -> list[Path]:
        uploads = self.uploads_dir.resolve()
        return [d for d in self.base_dirs if d.resolve() != uploads] + [self.uploads_dir]


def base_dirs(described: str | None, data_dir: Path = DATA_DIR, uploads_dir: Path | None = None
              ) -> tuple[Path, ...]:
    """Source folders before the uploads: those of the current build (meta.build source_dir) that
    still exist, else data/demo; then data/raw and its database subfolders (etl fetch) if present."""
    uploads = (uploads_dir or data_dir / "uploads").resolve()
    dirs = [d for d in parse_described(described) if d.is_dir() and d.resolve() != uploads]
    if not dirs and (data_dir / "demo").is_dir():
        dirs.append(data_dir / "demo")
    raw = data_dir / "raw"
    if raw.is_dir():
        dirs += [raw, *sorted(p for p in raw.iterdir() if p.is_dir() and p.name != "geo")]
    seen, unique = set(), []
    for folder in dirs:
        if folder.resolve() not in seen:
            seen.add(folder.resolve())
            unique.append(folder)
    return tuple(unique)


@contextlib.contextmanager
def upload_lock(uploads_dir: Path) -> Iterator[None]:
    """One load at a time (flock; released by the kernel if the process dies)."""
    uploads_dir.mkdir(parents=True, exist_ok=True)
    with open(uploads_dir / LOCK_NAME, "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise UploadRejected("Ein anderer Ladevorgang läuft gerade. Bitte in einigen Minuten erneut "
                                 "versuchen.") from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def load(path: Path, user: str, target: Target) -> LoadResult:
    """Store a checked file in the uploads folder and build a new warehouse version from it.

    Raises UploadRejected (nothing stored, no build) for bad files, a missing user name or a load
    already running; a failed build is reported in the result, its file taken back out.
    """
    user = " ".join(user.split())[:80]
    if not user:
        raise UploadRejected("Bitte einen Namen angeben (er steht im Ladeprotokoll).")
    checked = preview(path)
    if checked.errors:
        raise UploadRejected(f"Die Prüfung fand {len(checked.errors)} Fehler (erster: {checked.errors[0]}).")
    with upload_lock(target.uploads_dir):
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        moved = _set_aside(target.uploads_dir, checked.table_code, stamp)
        stored = target.uploads_dir / path.name
        if stored.exists():  # same name, another table: keep both
            stored = target.uploads_dir / f"{stamp}_{path.name}"
        try:
            shutil.copy2(path, stored)
            done = _run_build(target)
        except OSError as exc:  # e.g. disk full: handled like a failed build
            done = subprocess.CompletedProcess([], 1, "", str(exc))
        if done.returncode != 0:
            stored.unlink(missing_ok=True)
            for original, aside in moved:
                aside.replace(original)
        ok = done.returncode == 0
        current = warehouse.current_path(target.warehouse_dir) if ok else None
        build_id = current.name.removesuffix(".duckdb") if current else None
        message = "Neuer Datenstand erstellt." if ok else f"Build fehlgeschlagen: {_tail(done.stderr)}"
        entry = {"time": datetime.now(UTC).isoformat(timespec="seconds"), "user": user,
                 "files": [{"name": stored.name, "sha256": checked.sha256, "table_code": checked.table_code,
                            "replaced": [o.name for o, _ in moved]}],
                 "result": "ok" if ok else "error", "message": message, "build_id": build_id}
        append_log(target.uploads_dir, entry)
    return LoadResult(ok, message, build_id, stored if ok else None, entry)


def _set_aside(uploads_dir: Path, table_code: str, stamp: str) -> list[tuple[Path, Path]]:
    """Move earlier uploads of the same table code to replaced/<stamp>/; returns (original, moved)."""
    moved = []
    for old in sorted(p for p in uploads_dir.iterdir() if p.is_file() and p.suffix.lower() in SUFFIXES):
        if peek(old).table_code == table_code:
            aside = uploads_dir / REPLACED / stamp / old.name
            aside.parent.mkdir(parents=True, exist_ok=True)
            old.replace(aside)
            moved.append((old, aside))
    return moved


def _run_build(target: Target) -> subprocess.CompletedProcess:
    """`python -m etl build` in a separate process: the app keeps serving the current version."""
    args = [sys.executable, "-m", "etl", "build", "--warehouse-dir", str(target.warehouse_dir)]
    for folder in target.source_dirs:
        args += ["--source-dir", str(folder)]
    try:
        return subprocess.run(args, cwd=REPO_ROOT, capture_output=True, text=True, timeout=BUILD_TIMEOUT,
                              check=False)
    except subprocess.TimeoutExpired:
        return subprocess.CompletedProcess(args, 1, "", f"Zeitlimit von {BUILD_TIMEOUT} s überschritten")


def _tail(text: str, lines: int = 5) -> str:
    return " | ".join(line for line in text.strip().splitlines()[-lines:]) or "ohne Meldung"


def append_log(uploads_dir: Path, entry: dict) -> None:
    """Append one JSON line to the load log."""
    with open(uploads_dir / LOG_NAME, "a", encoding="utf-8") as handle:
        handle.write(json.dumps(entry, ensure_ascii=False) + "\n")


def read_log(uploads_dir: Path, limit: int = 50) -> list[dict]:
    """The newest `limit` log entries, newest first (a damaged line is skipped)."""
    path = uploads_dir / LOG_NAME
    if not path.is_file():
        return []
    entries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        with contextlib.suppress(json.JSONDecodeError):
            entries.append(json.loads(line))
    return entries[::-1][:limit]
