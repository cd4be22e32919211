"""Validation of a build: findings with severity, rule, file, line and table code (meta.findings).

Errors stop the build; warnings are stored for the methodology page. Rules (docs/WAREHOUSE.md):
parse, unknown_region, duplicate_key, negative_count, period_range, unmapped_code (errors) and
parts_vs_total, gemeinden_vs_kreis (warnings).
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import astuple, dataclass
from datetime import UTC, datetime
from functools import cache, partial

import duckdb

from etl.catalogue import load_sources
from etl.regions import KIND_HISTORIC, KIND_KREIS_LIST
from etl.sqlnames import ident, raw_tables, repeats_hash, scalar

ERROR, WARNING = "error", "warning"
COUNT_UNITS = ("anzahl", "unterrichtsstunden", "1000", "personen")
#: checks run at the same time, each on a cursor of its own (the build machine has 2 cores and most
#: checks are small queries that leave the other core idle)
CHECK_WORKERS = 2
#: max. findings reported per rule and table (the last one says how many more there are)
MAX_PER_RULE = 20
#: Earliest accepted reference year (docs/WAREHOUSE.md, rule period_range): official GENESIS series reach
#: back to 1946/1950 (births 12612-0002 from 1950); an earlier year is an error, the latest accepted is
#: the current year + 30 (projections).
FIRST_YEAR = 1946
#: key columns of each core table besides ags and year (unmapped codes are NULL there)
CORE_CODES = {
    "population": ("sex", "age_from"), "population_projection": ("base_year", "age_from"),
    "pupils": ("school_type",), "transitions": ("school_type",), "school_leavers": ("certificate",),
    "allday": ("measure",), "kita": ("age_band", "measure"), "vocational": ("sector", "measure"),
    "training_market": ("occupation_group", "measure"), "apprentices": ("area", "measure"),
    "employees": ("wz_section", "age_group"), "unemployment": ("group", "measure"),
    "vhs": ("measure",), "students": ("subject_group",),
}
#: (core table, part column, total code, filter for the other dimensions' totals)
PARTS = (
    ("population", "sex", "total", "age_from = 0 AND age_to IS NULL"),
    ("population", "age_from", None, "sex = 'total'"),
    ("pupils", "school_type", "total", "TRUE"),
    ("transitions", "school_type", "total", "TRUE"),
    # "darunter" groups (dar. schulischer Teil der FHR, Berufsschüler ohne Ausbildungsvertrag) are parts
    # of another part and the grouped WZ positions overlap: only disjoint parts are summed
    ("school_leavers", "certificate", "total", "certificate <> 'fhr_schulisch'"),
    ("vocational", "sector", "total", "sector NOT LIKE 'schulart:%'"),
    ("vocational", "sector", "schulart:total",
     "sector LIKE 'schulart:%' AND sector <> 'schulart:BS_ohne_vertrag'"),
    ("apprentices", "area", "total", "TRUE"),
    ("employees", "wz_section", "total",
     "age_group = 'total' AND wz_section IN ('total', 'A', 'B-F', 'G-U')"),
    ("employees", "age_group", "total", "wz_section = 'total'"),
)
#: (core table, filter selecting the total row of each region)
GEMEINDE_SUMS = (
    ("population", "sex = 'total' AND age_from = 0 AND age_to IS NULL"),
    ("pupils", "school_type = 'total'"),
)


@dataclass(frozen=True)
class Finding:
    severity: str
    rule: str
    file_name: str | None
    line: int | None
    table_code: str | None
    message: str

    def __str__(self) -> str:
        where = self.file_name or "?"
        if self.line is not None:
            where += f", Zeile {self.line}"
        code = f" ({self.table_code})" if self.table_code else ""
        label = "FEHLER" if self.severity == ERROR else "Warnung"
        return f"{label} [{self.rule}] {where}{code}: {self.message}"


@cache
def _rounding_bases() -> dict[str, float]:
    tables = load_sources().get("table", [])
    return {t["code"]: float(t["rounding_base"]) for t in tables if t.get("rounding_base")}


def tolerance_per_part(table_code: str) -> float:
    """Allowed deviation per part: the table's `rounding_base` in catalogue/sources.toml (IT.NRW school
    tables 5, vocational training statistics 3), else 0."""
    return _rounding_bases().get(table_code, 0.0)




def _columns(con: duckdb.DuckDBPyConnection, schema: str, table: str) -> list[str]:
    return [r[0] for r in con.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = ? AND table_name = ?"
        " ORDER BY ordinal_position", [schema, table]).fetchall()]


def key_columns(columns: list[str]) -> list[str]:
    """Columns that identify a raw row within its file: everything except values and labels. The same
    row in two files is a second delivery (a revision), resolved in etl/stage.py, not an error."""
    skip = {"value", "status", "symbol", "line", "region", "variable_label", "unit"}
    return [c for c in columns if c not in skip and not c.endswith("_label") and not c.startswith("header_")]


def _capped(rows: list[tuple], severity: str, rule: str, code: str, make) -> list[Finding]:
    found = [Finding(severity, rule, r[0], r[1], code, make(r)) for r in rows[:MAX_PER_RULE]]
    if len(rows) > MAX_PER_RULE:
        found.append(Finding(severity, rule, None, None, code, f"… und {len(rows) - MAX_PER_RULE} weitere"))
    return found


def _duplicates(con: duckdb.DuckDBPyConnection, table: str, keys: list[str]) -> list[tuple]:
    """(file_id, line, first line) per repeated line; hashing first keeps large tables fast."""
    t, cols = f"raw.{ident(table)}", ", ".join(ident(c) for c in keys)
    if not repeats_hash(con, t, cols):
        return []
    return con.execute(  # exact check on the few candidate rows
        f"WITH c AS (SELECT h FROM (SELECT hash({cols}) AS h, count(*) AS n FROM {t} GROUP BY h)"
        " WHERE n > 1) SELECT file_id, line, min(first) FROM ("
        " SELECT arg_max(file_id, line) AS file_id, max(line) AS line,"
        f" min(line) AS first FROM {t} WHERE hash({cols}) IN (SELECT h FROM c) GROUP BY {cols}"
        " HAVING count(*) > 1) GROUP BY file_id, line ORDER BY file_id, line").fetchall()


def check_raw_table(con: duckdb.DuckDBPyConnection, table: str, current_year: int) -> list[Finding]:
    """Unknown region keys, duplicate keys, negative counts and periods out of range in one raw table."""
    t = f"raw.{ident(table)}"
    names = dict(con.execute("SELECT file_id, file_name FROM raw.files").fetchall())

    def named(rows: list[tuple]) -> list[tuple]:
        return [(names.get(r[0]), *r[1:]) for r in rows]

    found = _capped(named(con.execute(
        f"SELECT file_id, min(line), ags, count(*) FROM {t}"
        " WHERE ags IS NOT NULL AND ags NOT IN (SELECT ags FROM core.regions)"
        " GROUP BY file_id, ags ORDER BY 1, 2").fetchall()), ERROR, "unknown_region", table,
        lambda r: f"Regionalschlüssel {r[2]!r} ({r[3]} Zeilen) ist kein amtlicher Schlüssel (DG, 2, 3, 5,"
                  " 7, 8 oder 9 Ziffern) und steht nicht in core.regions")
    found += _capped(named(_duplicates(con, table, key_columns(_columns(con, "raw", table)))),
                     ERROR, "duplicate_key", table,
                     lambda r: f"doppelter Schlüssel: gleiche Merkmale wie in Zeile {r[2]}")
    found += _capped(named(con.execute(
        f"SELECT file_id, line, value FROM {t} WHERE value < 0 AND lower(unit) IN (SELECT unnest(?))"
        " ORDER BY 1, 2", [list(COUNT_UNITS)]).fetchall()), ERROR, "negative_count", table,
        lambda r: f"negative Anzahl {r[2]:g}")
    found += _capped(named(con.execute(
        "SELECT file_id, line, period FROM ("
        f" SELECT file_id, period, min(line) AS line FROM {t} GROUP BY ALL)"
        " WHERE NOT coalesce(TRY_CAST(regexp_extract(period, '(\\d{4})', 1) AS INTEGER) BETWEEN ? AND ?,"
        " false) ORDER BY 1, 2", [FIRST_YEAR, current_year + 30]).fetchall()), ERROR, "period_range", table,
        lambda r: f"Zeitraum {r[2]!r} liegt außerhalb von {FIRST_YEAR} bis {current_year + 30} "
                  "oder ist unlesbar")
    return found


def _files_of(con: duckdb.DuckDBPyConnection, table_codes: list[str]) -> str | None:
    return scalar(con, "SELECT string_agg(DISTINCT file_name, ', ' ORDER BY file_name) FROM raw.files"
                  " WHERE table_code IN (SELECT unnest(?))", [table_codes])


def check_unmapped(con: duckdb.DuckDBPyConnection, table: str, codes: tuple[str, ...]) -> list[Finding]:
    """Core rows whose code could not be mapped from the raw label or attribute code."""
    cond = " OR ".join(f"{ident(c)} IS NULL" for c in codes)  # no ags/year: etl.value_checks
    rows = con.execute(f"SELECT table_code, count(*) FROM core.{ident(table)} WHERE {cond} GROUP BY 1"
                       " ORDER BY 1").fetchall()
    return [Finding(ERROR, "unmapped_code", _files_of(con, [code]), None, code,
                    f"{n} Zeilen in core.{table} mit Merkmal, das keinem Code zugeordnet werden kann"
                    f" ({', '.join(codes)}); siehe etl/sql/core/{table}.sql und catalogue/sources.toml")
            for code, n in rows]


def check_parts(con: duckdb.DuckDBPyConnection, table: str, part: str, total: str | None,
                where: str) -> list[Finding]:
    """Sum of the parts vs the total (only where all values are usable); warning beyond tolerance."""
    cols = [c for c in _columns(con, "core", table)
            if c not in {"period", "value", "status", "table_code", part, "age_to"}]
    others = ", ".join(ident(c) for c in cols)
    is_total = "age_from = 0 AND age_to IS NULL" if total is None else f"{ident(part)} = '{total}'"
    # age parts are compared only when they tile 0 … open end (a download filtered to a few age
    # groups is not a partition of the total)
    tiled = "TRUE" if total is not None else f"""(
        min(age_from) FILTER (WHERE NOT ({is_total})) = 0
        AND count(*) FILTER (WHERE NOT ({is_total}) AND age_to IS NULL) = 1
        AND sum(age_to - age_from) FILTER (WHERE NOT ({is_total}) AND age_to IS NOT NULL)
            = max(age_from) FILTER (WHERE NOT ({is_total}) AND age_to IS NULL))"""
    rows = con.execute(f"""
        SELECT table_code, ags, year, sum(value) FILTER (WHERE NOT ({is_total})) AS parts,
               max(value) FILTER (WHERE {is_total}),
               count(*) FILTER (WHERE NOT ({is_total})) AS n
        FROM core.{ident(table)} WHERE {where}
        GROUP BY table_code, {others}
        HAVING count(*) FILTER (WHERE {is_total}) = 1 AND n > 0 AND bool_and(value IS NOT NULL) AND {tiled}
        ORDER BY 1, 2, 3""").fetchall()
    found = []
    for code, ags, year, parts, tot, n in rows:
        if abs(parts - tot) > tolerance_per_part(code) * n:
            found.append(Finding(WARNING, "parts_vs_total", _files_of(con, [code]), None, code,
                                 f"core.{table} {ags} {year}: Summe der Teile nach {part} {parts:g}"
                                 f" ≠ Insgesamt {tot:g}"))
    return found


def check_gemeinden(con: duckdb.DuckDBPyConnection, table: str, where: str) -> list[Finding]:
    """Sum over all Gemeinden of a Kreis vs the Kreis value (only if every Gemeinde is present), per
    Gemeinde source table: tables that overlap by design (population) are never added up."""
    # A city listed among the Kreise (Aachen 05334002 beside the Städteregion) is a Gemeinde of its Kreis
    # too: it counts when the table has Gemeinde depth (at least one ordinary Gemeinde of that Kreis);
    # a Kreis-level table with only the city is not compared. Dissolved (historic) units are not expected.
    rows = con.execute(f"""
        WITH t AS (SELECT * FROM core.{ident(table)} WHERE {where} AND value IS NOT NULL),
        g AS (SELECT r.parent AS kreis, t.year, sum(t.value) AS s, count(*) AS n, t.table_code,
                     count(*) FILTER (WHERE r.kind IS DISTINCT FROM ?) AS ordinary
              FROM t JOIN core.regions r ON r.ags = t.ags AND r.level = 'gemeinde'
                  AND r.kind IS DISTINCT FROM ? GROUP BY 1, 2, t.table_code),
        k AS (SELECT t.ags, t.year, t.value, t.table_code FROM t
              JOIN core.regions r ON r.ags = t.ags AND r.level = 'kreis')
        SELECT k.table_code, g.table_code, k.ags, k.year, g.s, k.value, g.n FROM g JOIN k ON k.ags = g.kreis
            AND k.year = g.year
        WHERE g.ordinary > 0 AND g.n = (SELECT count(*) FROM core.regions WHERE level = 'gemeinde'
                                         AND parent = g.kreis AND kind IS DISTINCT FROM ?)
        ORDER BY 3, 4, 1, 2""", [KIND_KREIS_LIST, KIND_HISTORIC, KIND_HISTORIC]).fetchall()
    found = []
    for kcode, gcode, ags, year, total, kvalue, n in rows:
        if abs(total - kvalue) > tolerance_per_part(gcode) * n:
            found.append(Finding(WARNING, "gemeinden_vs_kreis", _files_of(con, [kcode, gcode]),
                                 None, kcode, f"core.{table} {ags} {year}: Summe der {n} Gemeinden {total:g}"
                                 f" ≠ Kreiswert {kvalue:g}"))
    return found


Check = Callable[[duckdb.DuckDBPyConnection], list[Finding]]


def run_checks(con: duckdb.DuckDBPyConnection, checks: list[Check]) -> list[Finding]:
    """The findings of all checks in their order, CHECK_WORKERS checks at a time."""
    def run(check: Check) -> list[Finding]:
        with con.cursor() as cursor:
            return check(cursor)

    with ThreadPoolExecutor(CHECK_WORKERS) as pool:
        return [finding for found in pool.map(run, checks) for finding in found]


def validate(con: duckdb.DuckDBPyConnection, current_year: int | None = None) -> list[Finding]:
    """All checks on the raw and core tables of an open build."""
    from etl.value_checks import all_checks  # imports this module

    year = current_year or datetime.now(UTC).year
    tables = raw_tables(con)
    checks: list[Check] = [partial(check_raw_table, table=t, current_year=year) for t in tables]
    checks += [partial(check_unmapped, table=t, codes=codes) for t, codes in CORE_CODES.items()]
    checks += [partial(check_parts, table=t, part=p, total=tot, where=w) for t, p, tot, w in PARTS]
    checks += [partial(check_gemeinden, table=t, where=w) for t, w in GEMEINDE_SUMS]
    return run_checks(con, checks + all_checks(con, tables))


def store(con: duckdb.DuckDBPyConnection, findings: list[Finding]) -> None:
    """Append findings to meta.findings."""
    if findings:
        con.executemany("INSERT INTO meta.findings VALUES (?, ?, ?, ?, ?, ?)", [astuple(f) for f in findings])
