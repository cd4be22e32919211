"""Open an input file: unzip, fingerprint, detect encoding and kind from the first bytes."""

import codecs
import csv
import hashlib
import json
import os
import re
import shutil
import tempfile
import time
import zipfile
import zlib
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from etl.parse.errors import ParseError, UnsupportedFile

BOM = codecs.BOM_UTF8
CHUNK = 4 << 20
#: prefix of the temporary folders (with the process id, so stale ones of dead processes can be removed)
TEMP_PREFIX = "etl-parse-"
#: a temporary folder without a live owner older than this (seconds) is removed by remove_stale_temp
STALE_AFTER = 3600
#: bytes that never occur in a text file (C0 controls except TAB, LF, CR; DEL)
CONTROL_BYTES = bytes([*range(0, 9), 11, 12, *range(14, 32), 127])
#: UTF-8 of "Ã" or "Â" followed by a UTF-8 char U+0080–U+00BF: text that was UTF-8-decoded twice
DOUBLE_UTF8 = re.compile(rb"\xc3[\x82\x83]\xc2[\x80-\xbf]")
#: in a cp1252 file: a valid UTF-8 sequence for U+0080–U+07FF (ü = C3 BC) → UTF-8 and cp1252 mixed
UTF8_IN_CP1252 = re.compile(rb"\xc3[\x80-\xbf]|\xc2[\xa0-\xbf]")
TEMPLATE_HEADER = "table_code;period;ags;region;variable;classification;unit;value"
KIND_PREFIXES = (
    ("statistics_code", "ffcsv5"),
    ("Statistik_Code", "ffcsv4"),
    ("GENESIS-Tabelle:", "tabellen_csv"),
    ("Tabelle:", "tabellen_csv"),
    (TEMPLATE_HEADER, "template"),
    ("#", "template"),
)
#: compression methods Python reads (stored, deflate, bzip2, lzma); GENESIS writes deflate
ZIP_METHODS = {zipfile.ZIP_STORED: "ohne", zipfile.ZIP_DEFLATED: "Deflate", zipfile.ZIP_BZIP2: "BZIP2",
               zipfile.ZIP_LZMA: "LZMA"}
_UNSAFE_MEMBER = re.compile(r"(^|[\\/])\.\.([\\/]|$)|^[\\/]|^[A-Za-z]:|\x00")


@dataclass(frozen=True)
class ZipLimits:
    """Limits checked before and while a ZIP is unpacked (docs/FORMATS_NOTES.md, "ZIP limits").

    Defaults fit GENESIS downloads (one CSV, the Germany-scale demo ~300 MB unzipped, deflate ratio of
    flat files below 50); each can be set by an environment variable of the same name.
    """

    members: int = 10  # ETL_ZIP_MAX_MEMBERS: entries in the archive (folders included)
    total_bytes: int = 1 << 30  # ETL_ZIP_MAX_BYTES: uncompressed size of all members
    member_bytes: int = 1 << 30  # ETL_ZIP_MAX_MEMBER_BYTES: uncompressed size of one member
    ratio: int = 200  # ETL_ZIP_MAX_RATIO: uncompressed / compressed size of a member

    @classmethod
    def from_env(cls) -> "ZipLimits":
        names = {"members": "ETL_ZIP_MAX_MEMBERS", "total_bytes": "ETL_ZIP_MAX_BYTES",
                 "member_bytes": "ETL_ZIP_MAX_MEMBER_BYTES", "ratio": "ETL_ZIP_MAX_RATIO"}
        values = {}
        for field, env in names.items():
            text = os.environ.get(env, "").strip()
            if text:
                if not text.isascii() or not text.isdigit() or int(text) < 1:
                    raise ValueError(f"Umgebungsvariable {env}={text!r}: positive ganze Zahl erwartet")
                values[field] = int(text)
        return cls(**values)


@dataclass
class Source:
    """One (unzipped) input file ready to parse."""

    path: Path  # the CSV to read (a temporary copy for ZIP members)
    label: str  # name used in error messages
    file_name: str  # name of the delivered file (the ZIP member for ZIPs)
    encoding: str  # 'utf-8-sig', 'utf-8' or 'cp1252'
    kind: str  # 'ffcsv5' | 'ffcsv4' | 'tabellen_csv' | 'template'
    scan: Future[tuple[str, int]]  # (sha256 of the delivered file, data_lines(path)),
    # computed in a background thread beside the parse
    archive: str | None = None  # name of the ZIP the file came from

    @property
    def sha256(self) -> str:
        return self.scan.result()[0]

    @property
    def data_lines(self) -> int:
        return self.scan.result()[1]

    def read_text(self) -> str:
        data = self.path.read_bytes()
        try:
            return data.decode(self.encoding)
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            raise ParseError(self.label, line, f"ungültige Zeichenkodierung ({self.encoding})") from exc


def data_lines(path: Path) -> int:
    """Physical lines after the header line.

    Every record takes at least one line and a blank line none, so when this equals the number of
    records read, record n sits on line n + 1 (also with quoted cells); otherwise the parser
    re-counts the lines of each record (a cell spanning lines or a blank line).
    """
    return _scan(path, None)


def _scan(path: Path, digest: "hashlib._Hash | None") -> int:
    """data_lines(path), feeding every chunk to `digest` as well (one read for both)."""
    newlines, last = 0, b""
    with path.open("rb") as stream:
        while chunk := stream.read(CHUNK):
            if digest is not None:
                digest.update(chunk)
            newlines, last = newlines + chunk.count(b"\n"), chunk[-1:]
    return newlines - 1 if last == b"\n" else newlines


def _fingerprint(delivered: Path, csv_path: Path) -> tuple[str, int]:
    """sha256 of the delivered file and data_lines of the CSV (one read when it is the same file)."""
    digest = hashlib.sha256()
    if delivered == csv_path:
        lines = _scan(csv_path, digest)
    else:  # ZIP: hash the (small) archive, count the lines of the unzipped member
        with delivered.open("rb") as stream:
            while chunk := stream.read(CHUNK):
                digest.update(chunk)
        lines = data_lines(csv_path)
    return digest.hexdigest(), lines


def _kind(head: str, label: str) -> str:
    for prefix, kind in KIND_PREFIXES:
        if head.startswith(prefix):
            return kind
    if head.lstrip().startswith("{"):
        raise UnsupportedFile(label, None, _json_status(head))
    if head.startswith("* Der Benutzer") or head.startswith("K;DQ"):
        raise UnsupportedFile(
            label, 1, "GENESIS-Datenquader (K/D-Sätze) wird nicht unterstützt; bitte ffcsv laden"
        )
    if not head.strip():
        raise ParseError(label, 1, "leere Datei")
    raise ParseError(label, 1, "unbekanntes Dateiformat (weder ffcsv, Tabellen-CSV noch Vorlage)")


def _json_status(text: str) -> str:
    try:
        status = json.loads(text).get("Status") or {}
    except (json.JSONDecodeError, AttributeError):
        return "JSON-Antwort des Webservice statt Daten"
    return f"Webservice-Antwort statt Daten: Status {status.get('Code')} – {status.get('Content')}"


def csv_error(label: str, line: int | None, exc: csv.Error) -> ParseError:
    """A csv module error as ParseError with a German reason. Python's csv keeps its default field
    limit (131,072 characters): a GENESIS cell is far shorter, so a longer one means a broken file."""
    text = str(exc)
    if "field larger than field limit" in text:
        reason = f"Feld länger als {csv.field_size_limit():,} Zeichen (Datei beschädigt?)".replace(",", ".")
    elif "new-line character seen in unquoted field" in text:
        reason = "Zeilenumbruch (CR) mitten in einem Feld ohne Anführungszeichen"
    else:
        reason = f"CSV-Fehler: {text}"
    return ParseError(label, line, reason)


def _mib(size: int) -> str:
    if size < 1 << 20:
        return f"{size} Bytes"
    return f"{size / (1 << 20):.1f}".replace(".", ",") + " MiB"


def _check_members(archive: zipfile.ZipFile, name: str, limits: ZipLimits) -> zipfile.ZipInfo:
    """The one file member, after checking the directory entries against the limits (no extraction)."""
    entries = archive.infolist()
    if len(entries) > limits.members:
        raise ParseError(name, None, f"ZIP enthält {len(entries)} Einträge; höchstens {limits.members}"
                         " erlaubt (ETL_ZIP_MAX_MEMBERS)")
    total = 0
    for entry in entries:
        where = f"{name}:{entry.filename}"
        if _UNSAFE_MEMBER.search(entry.filename) or not entry.filename.strip("/"):
            raise ParseError(where, None, "unzulässiger Name im ZIP (absoluter Pfad oder '..')")
        if entry.flag_bits & 0x1:
            raise ParseError(where, None, "verschlüsselte ZIP-Datei (Passwort) wird nicht unterstützt")
        if entry.compress_type not in ZIP_METHODS:
            allowed = ", ".join(ZIP_METHODS.values())
            raise ParseError(where, None, f"ZIP-Kompressionsverfahren {entry.compress_type} wird nicht"
                             f" unterstützt (erlaubt: {allowed})")
        _check_size(where, entry.file_size, max(entry.compress_size, 1), limits)
        total += entry.file_size
    if total > limits.total_bytes:
        raise ParseError(name, None, f"ZIP entpackt {_mib(total)}; höchstens {_mib(limits.total_bytes)}"
                         " erlaubt (ETL_ZIP_MAX_BYTES)")
    members = [m for m in entries if not m.is_dir()]
    if len(members) != 1:
        raise ParseError(name, None, f"ZIP muss genau eine Datei enthalten, enthält {len(members)}")
    return members[0]


def _check_size(where: str, size: int, compressed: int, limits: ZipLimits) -> None:
    if size > limits.member_bytes:
        raise ParseError(where, None, f"entpackt {_mib(size)}; höchstens {_mib(limits.member_bytes)} je Datei"
                         " erlaubt (ETL_ZIP_MAX_MEMBER_BYTES)")
    if size > limits.ratio * compressed:
        raise ParseError(where, None, f"Kompressionsverhältnis über {limits.ratio}:1 (ZIP-Bombe?);"
                         " höchstens ETL_ZIP_MAX_RATIO erlaubt")


def _extract(archive: zipfile.ZipFile, member: zipfile.ZipInfo, target: Path, where: str,
             limits: ZipLimits) -> None:
    """Stream the member to target; stop as soon as the real size passes a limit (headers can lie)."""
    written = 0
    with archive.open(member) as src, target.open("wb") as dst:
        while chunk := src.read(CHUNK):
            written += len(chunk)
            _check_size(where, written, max(member.compress_size, 1), limits)
            dst.write(chunk)


def _unzip(path: Path, tmp: Path) -> tuple[Path, str]:
    try:
        limits = ZipLimits.from_env()
    except ValueError as exc:
        raise ParseError(path.name, None, f"ZIP-Grenzen nicht lesbar: {exc}") from exc
    where = path.name
    try:
        with zipfile.ZipFile(path) as archive:
            member = _check_members(archive, path.name, limits)
            where = f"{path.name}:{member.filename}"
            target = tmp / (Path(member.filename).name or "member.csv")
            _extract(archive, member, target, where, limits)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, zlib.error) as exc:
        raise ParseError(where, None, f"beschädigte ZIP-Datei ({exc})") from exc
    except (RuntimeError, NotImplementedError) as exc:  # zipfile: encryption, unknown method
        raise ParseError(where, None, f"ZIP-Datei nicht lesbar ({exc})") from exc
    return target, member.filename


def _inspect(path: Path, label: str, decode: bool) -> bool:
    """True if `decode` and the file is valid UTF-8 (a BOM file is not decoded here: its readers name
    the line of a bad byte). Rejects first the bytes no official text file holds: control characters
    (NUL …) and text that was decoded twice ('Ã¼'). One read; lines are counted only for an error."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    utf8, offset, tail = True, 0, b""
    with path.open("rb") as stream:
        while chunk := stream.read(CHUNK):
            if len(chunk.translate(None, CONTROL_BYTES)) != len(chunk):
                at = min(chunk.find(bytes([b])) for b in CONTROL_BYTES if bytes([b]) in chunk)
                _fail(path, label, offset + at, "Steuerzeichen (z. B. NUL) im Text; Datei beschädigt?")
            # the regex only where its third byte occurs (a byte test is 10x faster; rarely true)
            if (b"\xc2" in tail or b"\xc2" in chunk) and (match := DOUBLE_UTF8.search(tail + chunk)):
                _fail(path, label, offset - len(tail) + match.start(), "doppelt kodierter Text (z. B. 'Ã¼'"
                      " statt 'ü')")
            utf8 = utf8 and decode and _decodes(decoder, chunk)
            offset, tail = offset + len(chunk), (tail + chunk[-3:])[-3:]
    return utf8 and _decodes(decoder, b"", final=True)


def _decodes(decoder: codecs.IncrementalDecoder, chunk: bytes, final: bool = False) -> bool:
    try:
        decoder.decode(chunk, final=final)
    except UnicodeDecodeError:
        return False
    return True


def _fail(path: Path, label: str, at: int, reason: str) -> None:
    """Raise for the byte at offset `at` of the file, naming its line (counted only here: rare)."""
    with path.open("rb") as stream:
        line = stream.read(at).count(b"\n") + 1
    raise ParseError(label, line, reason)


def _reject_mixed(path: Path, label: str) -> None:
    """A file that is not UTF-8 is read as cp1252; UTF-8 sequences in it mean mixed encodings. Searched
    chunk by chunk (a sequence never holds a line break); the line is found only for an error."""
    offset, tail = 0, b""  # tail: the last byte of the previous chunk (a sequence may span two)
    with path.open("rb") as stream:
        while chunk := stream.read(CHUNK):
            if match := UTF8_IN_CP1252.search(tail + chunk):
                _mixed(path, label, offset - len(tail) + match.start())
            offset, tail = offset + len(chunk), chunk[-1:]


def _mixed(path: Path, label: str, at: int) -> None:
    """Raise for the UTF-8 sequence at byte offset `at`, naming its line and showing the line."""
    with path.open("rb") as stream:
        before = stream.read(at)
        rest = stream.readline()
    start = before.rfind(b"\n") + 1
    text = (before[start:] + rest).decode("cp1252", errors="replace").strip()[:80]
    raise ParseError(label, before.count(b"\n") + 1, "gemischte Zeichenkodierung (UTF-8 und cp1252 in einer"
                     f" Datei): {text!r}")


def _check_line_ends(head: bytes, label: str) -> None:
    if b"\r" in head and b"\n" not in head:
        raise ParseError(label, 1, "Zeilenenden nur CR (altes Mac-Format); bitte mit CRLF oder LF speichern")


def remove_stale_temp(now: float | None = None) -> list[Path]:
    """Remove temporary folders of parser runs that were killed (owner process gone, or older than
    STALE_AFTER without a process id); returns the removed folders."""
    now = time.time() if now is None else now
    removed = []
    for folder in Path(tempfile.gettempdir()).glob(f"{TEMP_PREFIX}*"):
        pid = folder.name.removeprefix(TEMP_PREFIX).split("-", 1)[0]
        try:
            stale = not _alive(int(pid)) if pid.isdigit() else now - folder.stat().st_mtime > STALE_AFTER
        except OSError:
            continue
        if stale and folder.is_dir():
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def temp_dir() -> tempfile.TemporaryDirectory:
    """A temporary folder named with this process id (see remove_stale_temp)."""
    return tempfile.TemporaryDirectory(prefix=f"{TEMP_PREFIX}{os.getpid()}-")


@contextmanager
def open_source(path: str | Path) -> Iterator[Source]:
    """Yield the Source for `path`; temporary files are removed afterwards.

    Every failure to read the file, also inside the `with` body (the parsers), surfaces as ParseError
    naming the file (and ZIP member): CSV module errors, decoding errors, I/O errors.
    """
    path = Path(path)
    if not path.is_file():
        raise ParseError(path, None, "Datei nicht gefunden")
    label = path.name
    try:
        with temp_dir() as tmp, ThreadPoolExecutor(1) as pool:
            source = _open(path, Path(tmp), pool)
            label = source.label
            yield source
    except csv.Error as exc:
        raise csv_error(label, None, exc) from exc
    except UnicodeError as exc:
        raise ParseError(label, None, f"ungültige Zeichenkodierung ({exc})") from exc
    except OSError as exc:
        raise ParseError(label, None, f"Datei nicht lesbar ({exc.strerror or exc})") from exc


def _open(path: Path, tmp: Path, pool: ThreadPoolExecutor) -> Source:
    with path.open("rb") as stream:
        magic = stream.read(4)
    label, csv_path, archive = path.name, path, None
    if magic.startswith(b"PK"):
        csv_path, member = _unzip(path, tmp)
        label, archive = f"{path.name}:{member}", path.name
    with csv_path.open("rb") as stream:
        head_bytes = stream.read(4096)
    if not head_bytes:
        raise ParseError(label, None, "leere Datei")
    if archive and head_bytes.startswith(b"PK"):
        raise ParseError(label, None, "ZIP-Datei in der ZIP-Datei wird nicht unterstützt; bitte entpacken")
    _check_line_ends(head_bytes, label)
    # With a BOM the readers reject invalid bytes later, naming the line.
    bom = head_bytes.startswith(BOM)
    encoding = "utf-8-sig" if bom else "utf-8"
    if not _inspect(csv_path, label, decode=not bom) and not bom:
        _reject_mixed(csv_path, label)
        encoding = "cp1252"
    head = head_bytes.decode(encoding, errors="ignore")
    kind = _kind(head, label)
    return Source(path=csv_path, label=label, file_name=csv_path.name, encoding=encoding, kind=kind,
                  scan=pool.submit(_fingerprint, path, csv_path), archive=archive)
