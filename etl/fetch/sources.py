"""The declarative download list ``catalogue/fetch_sources.toml``: databases and tables."""

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from etl import CATALOGUE_DIR

DEFAULT_SOURCES = CATALOGUE_DIR / "fetch_sources.toml"

#: format in the catalogue -> value of the web-service parameter ``format``
FORMATS = {"ffcsv": "ffcsv", "csv": "csv"}
_CODE = re.compile(r"^[0-9A-Za-z][0-9A-Za-z_.-]*$")
_ENV_PREFIX = re.compile(r"^[A-Z][A-Z0-9_]*$")


class SourcesError(ValueError):
    """The download list is malformed; the message names file, entry and reason."""


@dataclass(frozen=True)
class Database:
    key: str
    name: str
    base_url: str
    env_prefix: str


@dataclass(frozen=True)
class FetchSource:
    id: str
    code: str
    database: str
    format: str = "ffcsv"
    regionalvariable: str = ""
    regionalkey: str = ""
    startyear: str = ""
    endyear: str = ""
    note: str = ""

    def parameters(self) -> dict[str, str]:
        """Form parameters of ``data/tablefile`` (without credentials)."""
        return {
            "name": self.code,
            "area": "all",
            "format": FORMATS[self.format],
            "compress": "false",
            "language": "de",
            "quality": "on",
            "startyear": self.startyear,
            "endyear": self.endyear,
            "regionalvariable": self.regionalvariable,
            "regionalkey": self.regionalkey,
            "job": "false",
        }


def load_sources(path: Path = DEFAULT_SOURCES) -> tuple[dict[str, Database], list[FetchSource]]:
    """Read and check the download list; raise SourcesError naming file, entry and reason."""
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise SourcesError(f"{path}: cannot read download list: {exc}") from exc
    databases = {key: _database(path, key, entry) for key, entry in data.get("databases", {}).items()}
    sources = [_source(path, i, entry, databases) for i, entry in enumerate(data.get("table", []), 1)]
    ids = [s.id for s in sources]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise SourcesError(f"{path}: duplicate table id(s): {', '.join(duplicates)} (set a distinct `id`)")
    return databases, sources


def _database(path: Path, key: str, entry: dict) -> Database:
    where = f"{path}: [databases.{key}]"
    for field in ("name", "base_url", "env_prefix"):
        if not isinstance(entry.get(field), str) or not entry[field]:
            raise SourcesError(f"{where}: field `{field}` is missing or empty")
    if not entry["base_url"].startswith(("https://", "http://")):
        raise SourcesError(f"{where}: base_url must start with https:// (got {entry['base_url']!r})")
    if not _ENV_PREFIX.match(entry["env_prefix"]):
        raise SourcesError(f"{where}: env_prefix must be upper-case letters, digits, underscores")
    base_url = entry["base_url"] if entry["base_url"].endswith("/") else entry["base_url"] + "/"
    return Database(key, entry["name"], base_url, entry["env_prefix"])


def _source(path: Path, index: int, entry: dict, databases: dict[str, Database]) -> FetchSource:
    where = f"{path}: [[table]] #{index} ({entry.get('code', '?')})"
    known = set(FetchSource.__dataclass_fields__)
    unknown = sorted(set(entry) - known)
    if unknown:
        raise SourcesError(f"{where}: unknown field(s) {', '.join(unknown)}")
    code = entry.get("code")
    if not isinstance(code, str) or not _CODE.match(code):
        raise SourcesError(f"{where}: `code` must be a table code such as 12411-02-03-4")
    if entry.get("database") not in databases:
        raise SourcesError(f"{where}: database {entry.get('database')!r} is not one of {sorted(databases)}")
    if entry.get("format", "ffcsv") not in FORMATS:
        raise SourcesError(f"{where}: format must be one of {sorted(FORMATS)}")
    values = {k: str(v) if k in ("startyear", "endyear") else v for k, v in entry.items()}
    values.setdefault("id", code)
    if not _CODE.match(values["id"]):
        raise SourcesError(f"{where}: `id` may only hold letters, digits, '-', '_' and '.'")
    for field, value in values.items():
        if not isinstance(value, str):
            raise SourcesError(f"{where}: field `{field}` must be text")
    return FetchSource(**values)
