"""stage layer: every catalogued official table in one shape, whatever shape its files came in.

The databases deliver the same table as a flat file (ffcsv: variable and attribute *codes*) or as a
Tabellen-CSV (formatted export: *labels* only). For each raw table listed in catalogue/sources.toml
this module writes stage."<code>" with the value variable code and, per classification the core
needs (`use = true`), the attribute code and its core key (plus age bounds for age classifications).

Rules (docs/DATA_MODEL.md §2a):
- a classification the core does not need, or one the catalogue does not list, keeps only its total
  rows: an extra breakdown is never summed;
- a label or code the catalogue does not know drops its rows with a warning naming file, line and
  label: reported, never guessed;
- the same value delivered by two files (a revision, e.g. before and after the Zensus-2022 rebasing)
  keeps the file with the newer Stand and records the pair in meta.revisions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import duckdb
import pyarrow as pa

from etl.sqlnames import ident, repeats_hash, scalar
from etl.validate import WARNING, Finding

TOTAL = "INSGESAMT"
TOTAL_KEY = "total"
_AGE_LABEL = (
    (re.compile(r"^unter (\d+) jahre?n?$"), lambda m: (0, int(m[1]))),
    (re.compile(r"^(\d+) bis unter (\d+) jahre?n?$"), lambda m: (int(m[1]), int(m[2]))),
    (re.compile(r"^(\d+) jahre? und (?:mehr|älter)$"), lambda m: (int(m[1]), None)),
    (re.compile(r"^(\d+) und mehr jahre?$"), lambda m: (int(m[1]), None)),
)
_AGE_CODE = re.compile(r"^ALT(\d{3})(?:B(\d{2,3})|(UM))?$")
#: prefix of the raw combination columns in the mapping table (attribute columns reuse the codes)
SOURCE_PREFIX = "_src_"
#: schema of the mapping tables: stage."<code>" is a view of raw."<code>" joined with its mapping
MAPPING_SCHEMA = "stage_mapping"
#: raw columns that are never parts of a label combination
BASE_COLUMNS = ("table_code", "time_code", "period", "ags", "region", "variable", "variable_label", "unit",
                "value", "status", "symbol", "line", "file_id", "region_level")


def normalise(label: str | None) -> str:
    """Label comparison form: whitespace collapsed, case folded."""
    return " ".join((label or "").split()).casefold()


def age_bounds_of_label(label: str) -> tuple[int, int | None] | None:
    """(from, to) of an age label such as "3 bis unter 6 Jahre" (to exclusive, None = open)."""
    text = normalise(label)
    for pattern, bounds in _AGE_LABEL:
        match = pattern.match(text)
        if match:
            return bounds(match)
    return None


def age_bounds_of_code(code: str) -> tuple[int, int | None] | None:
    """(from, to) of a GENESIS age code: ALT003B06, ALT075UM, ALT014 (a single year)."""
    match = _AGE_CODE.match(code or "")
    if not match:
        return None
    start = int(match[1])
    if match[3]:
        return start, None
    return start, int(match[2]) if match[2] else start + 1


def age_code(bounds: tuple[int, int | None]) -> str:
    start, end = bounds
    if end is None:
        return f"ALT{start:03d}UM"
    return f"ALT{start:03d}" if end == start + 1 else f"ALT{start:03d}B{end:02d}"


@dataclass(frozen=True)
class Attribute:
    code: str
    key: str | None
    bounds: tuple[int, int | None] | None = None


@dataclass
class Classification:
    code: str
    use: bool
    age: bool
    by_label: dict[str, Attribute] = field(default_factory=dict)
    by_code: dict[str, Attribute] = field(default_factory=dict)
    label: str = ""

    def is_total(self, code: str) -> bool:
        attribute = self.by_code.get(code)
        return code.startswith(TOTAL) or (attribute is not None and attribute.key == TOTAL_KEY)

    def from_code(self, code: str) -> Attribute | None:
        if self.is_total(code):
            return Attribute(code, TOTAL_KEY)
        if code in self.by_code:
            return self.by_code[code]
        bounds = age_bounds_of_code(code) if self.age else None
        return Attribute(code, f"{bounds[0]}-{bounds[1] or ''}", bounds) if bounds else None

    def from_label(self, label: str) -> Attribute | None:
        found = self.by_label.get(normalise(label))
        if found is not None or not self.age:
            return found
        bounds = age_bounds_of_label(label)
        return Attribute(age_code(bounds), f"{bounds[0]}-{bounds[1] or ''}", bounds) if bounds else None


@dataclass
class Spec:
    """The catalogue entry of one table, indexed for resolving codes and labels."""

    code: str
    classes: list[Classification]
    values: dict[str, dict]  # value code -> entry
    value_labels: dict[str, str]  # normalised label -> value code
    ignored: set[str]

    @property
    def used(self) -> list[Classification]:
        return [c for c in self.classes if c.use]


def _classification(entry: dict) -> Classification:
    cls = Classification(entry["code"], bool(entry.get("use", False)), bool(entry.get("age", False)),
                         label=entry.get("label", ""))
    for item in entry.get("attributes", []):
        code = item["code"]
        bounds = (age_bounds_of_code(code) or age_bounds_of_label(item["label"])) if cls.age else None
        key = item.get("key") or (TOTAL_KEY if code == TOTAL else None)
        if key is None and bounds is not None:
            key = f"{bounds[0]}-{bounds[1] or ''}"
        attribute = Attribute(code, key, bounds)
        cls.by_code[code] = attribute
        for label in (item["label"], *item.get("aliases", [])):
            cls.by_label[normalise(label)] = attribute
    return cls


def spec_of(entry: dict, tables: dict[str, dict]) -> Spec:
    """Spec from a [[table]] entry; `same_as` borrows classifications and values of another entry."""
    structure = tables[entry["same_as"]] if entry.get("same_as") else entry
    classes = [_classification(c) for c in structure.get("classifications", [])]
    values = {v["code"]: v for v in structure.get("values", [])}
    value_labels = {normalise(label): v["code"] for v in values.values()
                    for label in (v["label"], *v.get("aliases", []))}
    ignored = {normalise(x) for x in structure.get("ignore_labels", [])}
    ignored |= {normalise(c.label) for c in classes}
    return Spec(entry["code"], classes, values, value_labels, ignored)


@dataclass
class Resolved:
    value_code: str | None = None
    attributes: dict[str, Attribute] = field(default_factory=dict)
    dropped: str | None = None  # reason the rows are left out (a breakdown not needed: no warning)
    unknown: str | None = None  # a label or code the catalogue does not know (warning)


def resolve_codes(spec: Spec, variable: str, codes: dict[str, str | None]) -> Resolved:
    """An ffcsv combination: value variable code and attribute code per classification column."""
    result = Resolved(value_code=variable if variable in spec.values else None)
    if result.value_code is None:
        result.unknown = f"Wertmerkmal {variable!r} nicht im Katalog"
        return result
    known = {c.code: c for c in spec.classes}
    for column, code in codes.items():
        code = code or TOTAL
        cls = known.get(column)
        if cls is None or not cls.use:
            if not (code.startswith(TOTAL) or (cls is not None and cls.is_total(code))):
                result.dropped = f"Untergliederung {column}={code} nicht benötigt"
                return result
            continue
        attribute = cls.from_code(code)
        if attribute is None or attribute.key is None:
            result.unknown = f"Ausprägung {code!r} von {column} nicht im Katalog"
            return result
        result.attributes[column] = attribute
    return _fill_totals(spec, result)


def _fill_totals(spec: Spec, result: Resolved) -> Resolved:
    for cls in spec.used:
        result.attributes.setdefault(cls.code, Attribute(TOTAL, TOTAL_KEY))
    return result


def _label_candidates(spec: Spec, label: str) -> list[tuple[Classification, Attribute]]:
    found = []
    for cls in spec.classes:
        attribute = cls.from_label(label) or (cls.by_code.get(label) if cls.use else None)
        if attribute is not None:
            found.append((cls, attribute))
    return found


def _read_labels(spec: Spec, parts: Iterable[str]) -> tuple[Resolved, list]:
    """The value variable and, per attribute label, its candidate classifications (and whether the
    label was an attribute code cell)."""
    result = Resolved()
    pending: list[tuple[list, bool]] = []  # (candidates, whether the label was an attribute code cell)
    for label in parts:
        text = normalise(label)
        if not text or text in spec.ignored:
            continue
        if text in spec.value_labels:
            result.value_code = spec.value_labels[text]
            continue
        if text == "insgesamt":
            # a code cell left empty before "Insgesamt" is filled from the row above by the parser
            # (13111-54i: "R-T" then ";Insgesamt"): the explicit total wins over the code
            if pending and pending[-1][1]:
                pending.pop()
            continue
        candidates = _label_candidates(spec, label)
        if not candidates:
            result.unknown = f"Bezeichnung {' '.join(label.split())!r} nicht im Katalog"
            return result, []
        pending.append((candidates, all(cls.from_label(label) is None for cls, _ in candidates)))
    return result, pending


def resolve_labels(spec: Spec, parts: Iterable[str]) -> Resolved:
    """A Tabellen-CSV combination: the labels of its row dimensions and column header rows."""
    result, pending = _read_labels(spec, parts)
    if result.unknown:
        return result
    if result.value_code is None and len(spec.values) == 1:
        result.value_code = next(iter(spec.values))
    if result.value_code is None:
        result.unknown = "kein Wertmerkmal erkennbar"
        return result
    allowed = spec.values[result.value_code].get("classifications")
    for candidates, _ in pending:
        fitting = [c for c in candidates if allowed is None or c[0].code in allowed]
        if not fitting:
            code = candidates[0][1].code
            result.unknown = f"Ausprägung {code} passt nicht zum Wertmerkmal {result.value_code}"
            return result
        cls, attribute = next((c for c in fitting if c[0].code not in result.attributes), fitting[0])
        if not cls.use:
            if not cls.is_total(attribute.code):
                result.dropped = f"Untergliederung {cls.code}={attribute.code} nicht benötigt"
                return result
            continue
        result.attributes[cls.code] = attribute
    return _fill_totals(spec, result)


# --- warehouse side ------------------------------------------------------------------------------


def _columns(con: duckdb.DuckDBPyConnection, code: str) -> list[str]:
    rows = con.execute("SELECT column_name FROM information_schema.columns WHERE table_schema = 'raw'"
                       " AND table_name = ? ORDER BY ordinal_position", [code]).fetchall()
    return [r[0] for r in rows]


def _combo_columns(columns: list[str]) -> tuple[list[str], list[str]]:
    """(ffcsv classification columns, Tabellen-CSV label columns) of a raw table."""
    label_cols = [c for c in columns if re.fullmatch(r"(dim|header)_\d+", c)]
    class_cols = [c for c in columns if c not in BASE_COLUMNS and c not in label_cols
                  and not c.endswith("_label") and c != "value_q"]
    return class_cols, label_cols


def _resolve_row(spec: Spec, row: dict, class_cols: list[str], label_cols: list[str]) -> Resolved:
    if row["_shape"] == "codes":
        return resolve_codes(spec, row["variable"], {c: row[c] for c in class_cols if row[c] is not None})
    return resolve_labels(spec, [row[c] for c in label_cols if row[c] is not None])


def _base(code: str, label_cols: list[str]) -> str:
    """raw rows with the file's shape and Stand; label cells that repeat the region name or key (a
    name-only table's region column) are blanked so they are not read as attributes."""
    blanked = ", ".join(
        f"CASE WHEN trim(r.{ident(c)}) IN (trim(coalesce(r.region, '')), coalesce(r.ags, '')) THEN NULL"
        f" ELSE r.{ident(c)} END AS {ident(c)}" for c in label_cols)
    exclude = f" EXCLUDE ({', '.join(ident(c) for c in label_cols)})" if label_cols else ""
    return (f"SELECT r.*{exclude}{', ' + blanked if blanked else ''},"
            f" CASE WHEN f.format LIKE 'ffcsv%' THEN 'codes' ELSE 'labels' END AS _shape,"
            f" f.stand, f.file_name AS _file FROM raw.{ident(code)} r JOIN raw.files f USING (file_id)")


def _result_columns(spec: Spec) -> list[str]:
    columns = ["value_code"]
    for cls in spec.used:
        columns += [cls.code, f"{cls.code}_key"] + ([f"{cls.code}_from", f"{cls.code}_to"] if cls.age else [])
    return columns


def _append(out: dict[str, list], spec: Spec, resolved: Resolved) -> None:
    out["value_code"].append(resolved.value_code)
    for cls in spec.used:
        attribute = resolved.attributes[cls.code]
        out[cls.code].append(attribute.code)
        out[f"{cls.code}_key"].append(attribute.key)
        if cls.age:
            bounds = attribute.bounds or (None, None)
            out[f"{cls.code}_from"].append(bounds[0])
            out[f"{cls.code}_to"].append(bounds[1])


def _mapping(spec: Spec, combos: list[dict], columns: list[str], class_cols: list[str],
             label_cols: list[str]) -> tuple[pa.Table, list[tuple[dict, str]]]:
    """Mapping table (combination columns → value code, attribute codes, keys, age bounds) and the
    combinations with an unknown label or code."""
    results = _result_columns(spec)
    out: dict[str, list] = {**{SOURCE_PREFIX + c: [] for c in columns}, **{c: [] for c in results}}
    unknown = []
    for row in combos:
        resolved = _resolve_row(spec, row, class_cols, label_cols)
        if resolved.unknown:
            unknown.append((row, resolved.unknown))
        elif not resolved.dropped:
            for column in columns:
                out[SOURCE_PREFIX + column].append(row[column])
            _append(out, spec, resolved)
    types = {c: pa.int64() for c in results if c.endswith(("_from", "_to"))}
    return pa.table({c: pa.array(v, type=types.get(c, pa.string())) for c, v in out.items()}), unknown


def _unmapped_findings(code: str, unknown: list[tuple[dict, str]]) -> list[Finding]:
    """One warning per unknown label or code, at its first file and line."""
    first: dict[str, tuple[dict, int]] = {}
    for row, reason in unknown:
        seen, count = first.get(reason, (row, 0))
        first[reason] = (seen, count + 1)
    return [Finding(WARNING, "stage_unmapped", row["_file"], row["_line"], code,
                    f"{reason} ({count} Kombinationen); Zeilen nicht verwendet, nie aufsummiert")
            for reason, (row, count) in first.items()]


def stage_table(con: duckdb.DuckDBPyConnection, spec: Spec) -> list[Finding]:
    """Create stage."<code>" from raw."<code>" (a view over raw and the mapping table
    stage_mapping."<code>"; a table when keep_newest drops second deliveries); returns warnings for
    unknown labels or codes."""
    class_cols, label_cols = _combo_columns(_columns(con, spec.code))
    columns = ["_shape", "variable", *class_cols, *label_cols]
    base = _base(spec.code, label_cols)
    listed = ", ".join(ident(c) for c in columns)
    rows = con.execute(f"SELECT {listed}, min(line), min(_file) FROM ({base}) GROUP BY ALL").fetchall()
    combos = [dict(zip([*columns, "_line", "_file"], r, strict=True)) for r in rows]
    mapping, unknown = _mapping(spec, combos, columns, class_cols, label_cols)
    findings = _unmapped_findings(spec.code, unknown)
    results = _result_columns(spec)
    on = " AND ".join(f"b.{ident(c)} IS NOT DISTINCT FROM m.{ident(SOURCE_PREFIX + c)}" for c in columns)
    con.register("_mapping", mapping)
    try:
        con.execute(f"CREATE TABLE {MAPPING_SCHEMA}.{ident(spec.code)} AS SELECT * FROM _mapping")
    finally:
        con.unregister("_mapping")
    # a view: core reads each stage table once, so writing a copy of raw would only cost time
    con.execute(f"""
        CREATE VIEW stage.{ident(spec.code)} AS
        SELECT b.table_code, b.file_id, b.line, b.ags, b.region, b.period, b.time_code, b.value,
               b.status, b.symbol, b.stand, {', '.join('m.' + ident(c) for c in results)}
        FROM ({base}) b JOIN {MAPPING_SCHEMA}.{ident(spec.code)} m ON {on}""")
    return findings + keep_newest(con, spec)


def keep_newest(con: duckdb.DuckDBPyConnection, spec: Spec) -> list[Finding]:
    """One row per region, period, value variable and attribute combination: the file with the newer
    Stand wins (unknown Stand last, then the later file); differing values go to meta.revisions."""
    target = f"stage.{ident(spec.code)}"
    keys = ["ags", "period", "value_code", *[c.code for c in spec.used]]
    partition = ", ".join(ident(k) for k in keys)
    # repeated key hashes first (grouping by the key columns took twice as long): most tables come from
    # one file without repeated keys, and ranking every row into a temp table cost 6 s of a Germany-scale
    # build
    if not repeats_hash(con, target, partition):
        return []
    con.execute(f"CREATE OR REPLACE TEMP TABLE _ranked AS SELECT *, row_number() OVER (PARTITION BY"
                f" {partition} ORDER BY stand DESC NULLS LAST, file_id DESC) AS _rank FROM {target}")
    try:
        duplicates = scalar(con, "SELECT count(*) FROM _ranked WHERE _rank > 1")
        if not duplicates:
            return []
        revised = scalar(con, f"""
            INSERT INTO meta.revisions
            SELECT k.table_code, k.ags, k.period,
                   concat_ws('/', {', '.join('k.' + ident(k) for k in keys[2:])}),
                   k.value, k.stand, k.file_id, d.value, d.stand, d.file_id
            FROM _ranked k JOIN _ranked d USING ({partition})
            WHERE k._rank = 1 AND d._rank > 1 AND d.value IS DISTINCT FROM k.value""")
        con.execute(f"DROP VIEW {target}")
        con.execute(f"CREATE TABLE {target} AS SELECT * EXCLUDE (_rank) FROM _ranked WHERE _rank = 1")
    finally:
        con.execute("DROP TABLE IF EXISTS _ranked")
    files = scalar(con, "SELECT string_agg(file_name, ', ' ORDER BY file_name) FROM raw.files"
                   " WHERE table_code = ?", [spec.code])
    return [Finding(WARNING, "revision", files, None, spec.code,
                    f"{duplicates} Werte mehrfach geliefert, davon {revised} mit anderem Wert: es gilt der"
                    " neuere Stand (meta.revisions)")]


def build_stage(con: duckdb.DuckDBPyConnection, catalogue: dict) -> list[Finding]:
    """stage."<code>" for every catalogued official table present in raw."""
    con.execute(f"CREATE SCHEMA IF NOT EXISTS stage; CREATE SCHEMA IF NOT EXISTS {MAPPING_SCHEMA}")
    con.execute("CREATE TABLE IF NOT EXISTS meta.revisions (table_code TEXT, ags TEXT, period TEXT,"
                " keys TEXT, value DOUBLE, stand TEXT, file_id INTEGER, previous_value DOUBLE,"
                " previous_stand TEXT, previous_file_id INTEGER)")
    raw = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables"
                                     " WHERE table_schema = 'raw'").fetchall()}
    tables = {t["code"]: t for t in catalogue.get("table", [])}
    findings = []
    for code, entry in tables.items():
        if code in raw and entry.get("format") != "template":
            findings += stage_table(con, spec_of(entry, tables))
    return findings
