"""Checks that catch wrong numbers a parser cannot see (rules in docs/WAREHOUSE.md, "Validation").

Called by etl.validate.validate: one row per core key, counts without fractions (a thousands
separator read as a decimal comma), values within their possible range, parts not above their total,
and core rows without a region key or year named as such.
"""

from __future__ import annotations

from functools import partial

import duckdb

from etl.sqlnames import ident, repeats_hash, scalar
from etl.validate import ERROR, MAX_PER_RULE, Check, Finding, tolerance_per_part

#: units of counts: GENESIS writes them without thousands separator
WHOLE_UNITS = ("anzahl", "personen")
#: core columns that are not part of a row's key
NOT_KEY = {"value", "status", "table_code", "period", "stand"}
#: core tables that hold the same figure from several tables by design (mart.population_bands picks
#: one per band by Stand): the table code is part of their key
OVERLAPPING = {"population", "population_projection"}
#: measures in percent of a whole (rates, shares): at most 100 (negative values: every core value ≥ 0)
PERCENT_MEASURES = "measure = 'rate' OR suffix(measure, '_rate') OR suffix(measure, '_share')"
#: (core table, part filter, total filter, columns matching part and total, what): parts ≤ total
SUBSETS = (
    ("kita", "age_band IN ('u3', '3to6')", "age_band = 'total'", ("ags", "year", "measure"),
     "Altersgruppen unter 3 und 3 bis 6 vs. insgesamt"),
    ("kita", "measure = 'children_fullday'", "measure = 'children_in_care'", ("ags", "year", "age_band"),
     "Ganztagskinder vs. betreute Kinder"),
    ("unemployment", "\"group\" = 'u25' AND measure = 'unemployed'",
     "\"group\" = 'total' AND measure = 'unemployed'", ("ags", "year"), "Arbeitslose unter 25 vs. insgesamt"),
    ("training_market", "measure = 'unplaced'", "measure = 'applicants'", ("ags", "year", "occupation_group"),
     "unversorgte vs. alle Bewerber"),
    ("training_market", "measure = 'unfilled'", "measure = 'places'", ("ags", "year", "occupation_group"),
     "unbesetzte vs. alle Stellen"),
    ("allday", "measure = 'ogs_pupils'", "measure = 'primary_pupils'", ("ags", "year"),
     "OGS-Kinder vs. Grundschulkinder"),
    ("students", "subject_group <> 'total'", "subject_group = 'total'", ("ags", "year"),
     "Fächergruppen vs. insgesamt"),
)



def _core_columns(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    return [r[0] for r in con.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = 'core' AND table_name = ?"
        " ORDER BY ordinal_position", [table]).fetchall()]


def _core_tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    return [r[0] for r in con.execute("SELECT table_name FROM information_schema.tables"
                                      " WHERE table_schema = 'core' AND table_name NOT LIKE 'region%'"
                                      " ORDER BY 1").fetchall()]


def _files(con: duckdb.DuckDBPyConnection, codes: str | None) -> str | None:
    """File names of the comma-separated table codes."""
    return scalar(con, "SELECT string_agg(DISTINCT file_name, ', ' ORDER BY file_name) FROM raw.files"
                  " WHERE list_contains(string_split(?, ', '), table_code)", [codes or ""])


def _capped(found: list[Finding]) -> list[Finding]:
    if len(found) <= MAX_PER_RULE:
        return found
    first = found[0]
    more = Finding(first.severity, first.rule, None, None, first.table_code,
                   f"… und {len(found) - MAX_PER_RULE} weitere")
    return [*found[:MAX_PER_RULE], more]


def check_core_duplicates(con: duckdb.DuckDBPyConnection, table: str) -> list[Finding]:
    """Two or more core rows with the same key (all columns but value, status, table code, period):
    e.g. a source with a classification the core SQL does not expect would multiply every value."""
    keys = [c for c in _core_columns(con, table)
            if c not in NOT_KEY or (c == "table_code" and table in OVERLAPPING)]
    cols = ", ".join(ident(c) for c in keys)
    # one hash per key first (grouping 4.7 M rows of core.population by six columns took 1.4 s of a
    # Germany-scale build): no repeated hash means no duplicate
    if not repeats_hash(con, f"core.{ident(table)}", cols):
        return []
    # the duplicate keys (a plain count), then the table codes of those few keys only: an ordered
    # DISTINCT aggregate over every key of core.population took 13 s of a Germany-scale build
    same = " AND ".join(f"t.{ident(c)} IS NOT DISTINCT FROM d.{ident(c)}" for c in keys)
    d_cols = ", ".join(f"d.{ident(c)}" for c in keys)
    rows = con.execute(f"""
        WITH d AS (SELECT {cols}, count(*) AS n FROM core.{ident(table)} GROUP BY {cols} HAVING count(*) > 1
                   ORDER BY {cols} LIMIT {MAX_PER_RULE + 1})
        SELECT string_agg(DISTINCT t.table_code, ', ' ORDER BY t.table_code), any_value(d.n), {d_cols}
        FROM d JOIN core.{ident(table)} t ON {same} GROUP BY {d_cols} ORDER BY {d_cols}""").fetchall()
    return _capped([Finding(ERROR, "duplicate_core_key", _files(con, r[0]), None, r[0],
                            f"core.{table}: {r[1]} Zeilen für denselben Schlüssel "
                            + ", ".join(f"{k}={v}" for k, v in zip(keys, r[2:], strict=True))
                            + " (Quelle mit einer zusätzlichen Gliederung?)") for r in rows])


def check_whole_counts(con: duckdb.DuckDBPyConnection, table: str) -> list[Finding]:
    """A count (unit Anzahl/Personen) that may be a thousands separator read as decimal comma: `9,120`
    is 9.12 with the decimal comma but 9120 with a separator. Ambiguous, so an error where the column
    (file and variable) otherwise holds whole numbers: a value below 1000 with one to three decimals.
    Not ambiguous: 2800,5 (a thousands group has three digits); columns of mostly fractional counts
    such as full-time equivalents (Vollzeitstellen)."""
    t = f"raw.{ident(table)}"
    rows = con.execute(f"""
        WITH c AS (SELECT *, value = round(value) AS whole,
                          abs(value) < 1000 AND abs(value * 1000 - round(value * 1000)) < 1e-6 AS ambiguous
                   FROM {t} WHERE lower(unit) IN (SELECT unnest(?)) AND value IS NOT NULL),
             cols AS (SELECT file_id, variable FROM c GROUP BY ALL HAVING avg(whole::INTEGER) > 0.5)
        SELECT f.file_name, min(c.line), c.value, c.variable FROM c JOIN cols USING (file_id, variable)
        JOIN raw.files f USING (file_id) WHERE NOT c.whole AND c.ambiguous
        GROUP BY ALL ORDER BY 1, 2 LIMIT {MAX_PER_RULE + 1}""", [list(WHOLE_UNITS)]).fetchall()
    return _capped([Finding(ERROR, "fractional_count", name, line, table,
                            f"Anzahl {_german(value)} ({variable}) ist mehrdeutig: Dezimalkomma oder"
                            f" Tausendertrennzeichen ({_german(value * 1000)})? Die übrigen Werte der Spalte"
                            " sind ganze Zahlen; GENESIS schreibt Anzahlen ohne Tausendertrennzeichen")
                    for name, line, value, variable in rows])


def _german(value: float) -> str:
    return f"{value:g}".replace(".", ",")


def check_ranges(con: duckdb.DuckDBPyConnection) -> list[Finding]:
    """Negative values in any core table (all hold counts, rates or shares), and rates or shares above
    100 %."""
    found = []
    for table in _core_tables(con):
        rows = con.execute(f"SELECT table_code, ags, year, value FROM core.{ident(table)} WHERE value < 0"
                           f" ORDER BY 1, 2, 3 LIMIT {MAX_PER_RULE + 1}").fetchall()
        found += _capped([Finding(ERROR, "value_range", _files(con, code), None, code,
                                  f"core.{table} {ags} {year}: negativer Wert {_german(v)} ist unmöglich")
                          for code, ags, year, v in rows])
        if "measure" not in _core_columns(con, table):
            continue
        rows = con.execute(f"SELECT table_code, ags, year, measure, value FROM core.{ident(table)}"
                           f" WHERE ({PERCENT_MEASURES}) AND value > 100"
                           f" ORDER BY 1, 2, 3 LIMIT {MAX_PER_RULE + 1}").fetchall()
        found += _capped([Finding(ERROR, "value_range", _files(con, code), None, code,
                                  f"core.{table} {ags} {year}: {measure} {_german(v)} % liegt über 100 %")
                          for code, ags, year, measure, v in rows])
    return found


def check_subset(con: duckdb.DuckDBPyConnection, table: str, part: str, total: str, match: tuple[str, ...],
                 what: str) -> list[Finding]:
    """Sum of the parts above the total (beyond the rounding tolerance) is impossible: an error."""
    on = " AND ".join(f"p.{ident(c)} IS NOT DISTINCT FROM t.{ident(c)}" for c in match)
    cols = ", ".join(f"t.{ident(c)}" for c in match)
    rows = con.execute(f"""
        WITH p AS (SELECT * FROM core.{ident(table)} WHERE {part}),
             t AS (SELECT * FROM core.{ident(table)} WHERE {total} AND value IS NOT NULL)
        SELECT t.table_code, {cols}, sum(p.value), t.value, count(*) FROM t JOIN p ON {on}
        GROUP BY t.table_code, {cols}, t.value HAVING bool_and(p.value IS NOT NULL)
        ORDER BY 1, 2, 3""").fetchall()
    found = []
    for code, *keys, parts, tot, n in rows:
        if parts > tot + tolerance_per_part(code) * n:
            found.append(Finding(ERROR, "parts_exceed_total", _files(con, code), None, code,
                                 f"core.{table} {' '.join(map(str, keys))}: {what}: Summe der Teile"
                                 f" {_german(parts)} > Insgesamt {_german(tot)}"))
    return _capped(found)


def check_missing_keys(con: duckdb.DuckDBPyConnection, table: str) -> list[Finding]:
    """Core rows without region key or without a readable year, named as such (not as unmapped codes)."""
    found = []
    for column, what in (("ags", "ohne Regionalschlüssel (leeres Feld in der Quelle)"),
                         ("year", "ohne lesbares Jahr")):
        rows = con.execute(f"SELECT table_code, count(*) FROM core.{ident(table)} WHERE {ident(column)}"
                           " IS NULL GROUP BY 1 ORDER BY 1").fetchall()
        found += [Finding(ERROR, "missing_key", _files(con, code), None, code,
                          f"{n} Zeilen in core.{table} {what}") for code, n in rows]
    return found


def all_checks(con: duckdb.DuckDBPyConnection, raw_tables: list[str]) -> list[Check]:
    """All checks of this module on an open build (raw and core filled), for etl.validate.run_checks."""
    checks: list[Check] = [partial(check_whole_counts, table=t) for t in raw_tables]
    for table in _core_tables(con):
        checks += [partial(check_core_duplicates, table=table), partial(check_missing_keys, table=table)]
    checks.append(check_ranges)
    return checks + [partial(check_subset, table=t, part=p, total=tot, match=m, what=w)
                     for t, p, tot, m, w in SUBSETS]
