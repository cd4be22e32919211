"""Open an input file: unzip, fingerprint, detect encoding and kind from the first bytes."""

import codecs
import hashlib
import json
import shutil
import tempfile
import zipfile
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from etl.parse.errors import ParseError

BOM = codecs.BOM_UTF8
CHUNK = 4 << 20
TEMPLATE_HEADER = "table_code;period;ags;region;variable;classification;unit;value"
KIND_PREFIXES = (
    ("statistics_code", "ffcsv5"),
    ("Statistik_Code", "ffcsv4"),
    ("GENESIS-Tabelle:", "tabellen_csv"),
    ("Tabelle:", "tabellen_csv"),
    (TEMPLATE_HEADER, "template"),
    ("#", "template"),
)


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


def _is_utf8(path: Path) -> bool:
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        with path.open("rb") as stream:
            while chunk := stream.read(CHUNK):
                decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


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
    if head.lstrip().startswith('{"Ident"') or head.lstrip().startswith("{"):
        raise ParseError(label, None, _json_status(head))
    if head.startswith("* Der Benutzer") or head.startswith("K;DQ"):
        raise ParseError(
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


def _unzip(path: Path, tmp: Path) -> tuple[Path, str]:
    try:
        with zipfile.ZipFile(path) as archive:
            members = [m for m in archive.infolist() if not m.is_dir()]
            if len(members) != 1:
                raise ParseError(
                    path.name, None, f"ZIP muss genau eine Datei enthalten, enthält {len(members)}"
                )
            target = tmp / Path(members[0].filename).name
            with archive.open(members[0]) as src, target.open("wb") as dst:
                shutil.copyfileobj(src, dst, CHUNK)
    except zipfile.BadZipFile as exc:
        raise ParseError(path.name, None, f"beschädigte ZIP-Datei ({exc})") from exc
    return target, members[0].filename


@contextmanager
def open_source(path: str | Path) -> Iterator[Source]:
    """Yield the Source for `path`; temporary files are removed afterwards."""
    path = Path(path)
    if not path.is_file():
        raise ParseError(path, None, "Datei nicht gefunden")
    with tempfile.TemporaryDirectory(prefix="etl-parse-") as tmp, ThreadPoolExecutor(1) as pool:
        with path.open("rb") as stream:
            magic = stream.read(4)
        label, csv_path = path.name, path
        if magic.startswith(b"PK"):
            csv_path, member = _unzip(path, Path(tmp))
            label = f"{path.name}:{member}"
        scan = pool.submit(_fingerprint, path, csv_path)
        with csv_path.open("rb") as stream:
            head_bytes = stream.read(4096)
        if not head_bytes:
            raise ParseError(label, None, "leere Datei")
        # With a BOM the readers reject invalid bytes later, naming the line.
        bom = head_bytes.startswith(BOM)
        encoding = "utf-8-sig" if bom else "utf-8" if _is_utf8(csv_path) else "cp1252"
        head = head_bytes.decode(encoding, errors="ignore")
        yield Source(
            path=csv_path,
            label=label,
            file_name=csv_path.name,
            encoding=encoding,
            kind=_kind(head, label),
            scan=scan,
        )
