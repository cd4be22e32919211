"""The indicator catalogue (catalogue/indicators.toml): loading and validation.

Used by the mart build (etl/mart.py) and the read layer. See docs/INDICATORS_GUIDE.md.
"""

import re
import tomllib
from dataclasses import MISSING, asdict, dataclass, fields
from functools import cache
from pathlib import Path

from etl.vocabulary import AREAS, DIRECTIONS, LEVELS, UNIT_SCALE

REPO = Path(__file__).resolve().parents[1]
INDICATORS_PATH = REPO / "catalogue" / "indicators.toml"
SOURCES_PATH = REPO / "catalogue" / "sources.toml"

ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]{1,62}$")


class CatalogueError(ValueError):
    """The catalogue file is invalid; the message names file, line and reason."""


@dataclass(frozen=True)
class Indicator:
    id: str
    title: str
    short_title: str
    area: str
    life_phase: str
    unit: str
    decimals: int
    direction: str
    numerator: str
    denominator: str
    formula: str
    sources: tuple[str, ...]
    stichtag: str
    place_principle: str
    levels: tuple[str, ...]
    methodology: str
    breaks: str = ""
    rounding_note: str = ""
    rounding_from: int | None = None
    rounding_base: int | None = None
    headline: bool = False

    @property
    def scale(self) -> int:
        """Factor applied to numerator / denominator (100 for %, 1000 for per 1,000 …)."""
        return UNIT_SCALE[self.unit]

    def as_row(self) -> dict:
        """Field values as plain Python objects (lists for the tuple fields) plus ``scale``."""
        row = asdict(self)
        row["sources"], row["levels"] = list(self.sources), list(self.levels)
        row["scale"] = self.scale
        return row


REQUIRED = [f.name for f in fields(Indicator) if f.default is MISSING]
TEXT_REQUIRED = ("title", "short_title", "numerator", "formula", "stichtag", "place_principle", "methodology")


@cache
def load_sources(path: Path = SOURCES_PATH) -> dict:
    """catalogue/sources.toml (licences, providers, tables), read once per process; do not modify."""
    with open(path, "rb") as handle:
        return tomllib.load(handle)


def source_codes(path: Path = SOURCES_PATH) -> set[str]:
    """Table codes listed in catalogue/sources.toml."""
    return {table["code"] for table in load_sources(path).get("table", [])}


def series_breaks(path: Path = SOURCES_PATH) -> dict[str, list[dict]]:
    """Table code → its series breaks ({year, label, note}: first year on the new basis)."""
    return {t["code"]: t["series_breaks"] for t in load_sources(path).get("table", [])
            if t.get("series_breaks")}


def load_indicators(path: Path = INDICATORS_PATH, sources_path: Path = SOURCES_PATH) -> list[Indicator]:
    """Read and validate the catalogue; raise CatalogueError naming file, line and reason."""
    text = path.read_text(encoding="utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise CatalogueError(f"{path}: invalid TOML: {exc}") from exc
    entries = data.get("indicator", [])
    if not entries:
        raise CatalogueError(f"{path}: no [[indicator]] entries")
    lines = _entry_lines(text)
    known_sources = source_codes(sources_path)
    result: list[Indicator] = []
    seen: dict[str, int | str] = {}  # id -> line of its first entry
    for index, entry in enumerate(entries):
        where = f"{path}, line {lines[index] if index < len(lines) else '?'}"
        indicator = _validate(entry, where, known_sources)
        if indicator.id in seen:
            first = seen[indicator.id]
            raise CatalogueError(f"{where}: duplicate id {indicator.id!r} (first at line {first})")
        seen[indicator.id] = lines[index] if index < len(lines) else "?"
        result.append(indicator)
    return result


def _entry_lines(text: str) -> list[int]:
    return [n for n, line in enumerate(text.splitlines(), start=1) if line.strip() == "[[indicator]]"]


def _validate(entry: dict, where: str, known_sources: set[str]) -> Indicator:
    ident = entry.get("id", "?")
    prefix = f"{where} (indicator {ident!r})"
    allowed = {f.name for f in fields(Indicator)}
    unknown = set(entry) - allowed
    if unknown:
        raise CatalogueError(f"{prefix}: unknown field(s) {sorted(unknown)}")
    missing = [name for name in REQUIRED if name not in entry]
    if missing:
        raise CatalogueError(f"{prefix}: missing field(s) {missing}")
    empty = [name for name in TEXT_REQUIRED if not str(entry[name]).strip()]
    if empty:
        raise CatalogueError(f"{prefix}: empty field(s) {empty}")
    checks = [
        (isinstance(ident, str) and ID_PATTERN.match(ident), f"id {ident!r} must be snake_case [a-z0-9_]"),
        (entry["area"] in AREAS, f"area {entry['area']!r} not in {sorted(AREAS)}"),
        (entry["life_phase"] == AREAS.get(entry["area"]),
         f"life_phase {entry['life_phase']!r} must be {AREAS.get(entry['area'])!r} for area {entry['area']}"),
        (entry["direction"] in DIRECTIONS, f"direction {entry['direction']!r} not in {DIRECTIONS}"),
        (entry["unit"] in UNIT_SCALE, f"unit {entry['unit']!r} not in {sorted(UNIT_SCALE)}"),
        (isinstance(entry["decimals"], int) and 0 <= entry["decimals"] <= 3, "decimals must be 0..3"),
        (entry["levels"] and set(entry["levels"]) <= set(LEVELS), f"levels must be a subset of {LEVELS}"),
        (entry["sources"] and set(entry["sources"]) <= known_sources,
         f"unknown source(s) {sorted(set(entry['sources']) - known_sources)} (not in sources.toml)"),
        (not (entry.get("rounding_from") or entry.get("rounding_base")) or entry.get("rounding_note"),
         "rounding_from / rounding_base need a rounding_note"),
    ]
    for ok, reason in checks:
        if not ok:
            raise CatalogueError(f"{prefix}: {reason}")
    values = dict(entry, sources=tuple(entry["sources"]), levels=tuple(entry["levels"]))
    return Indicator(**values)
