"""Mart layer: every catalogue indicator computed from core, plus small tables for the dashboard.

``build_mart(con)`` is called by the build after core is complete. It creates in schema ``mart``:
``obs`` (core values in one long shape, the formulas' input), ``population_bands``, ``projection_bands``,
``location_quotients``, ``gap_inputs``, ``indicators`` (the catalogue), ``indicator_values`` and
``table_provenance`` (official / synthetic / mixed per table code, from ``raw.files``).
See docs/INDICATORS_GUIDE.md for the formula convention and docs/DATA_MODEL.md §1 for statuses and
§1a for provenance: every value carries ``provenance`` beside ``status``, combined the same way.
"""

import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import duckdb
import pyarrow as pa

from etl import sectors
from etl.catalogue import INDICATORS_PATH, Indicator, load_indicators, series_breaks
from etl.sqlnames import repeats_hash, scalar

SQL_DIR = Path(__file__).resolve().parent / "sql"

#: topic -> (core table, key expression, extra filter). Keys of two columns are joined with '/'.
OBS_SOURCES = {
    "pupils": ("core.pupils", "school_type", "TRUE"),
    "transitions": ("core.transitions", "school_type", "TRUE"),
    "leavers": ("core.school_leavers", "certificate", "TRUE"),
    "allday": ("core.allday", "measure", "TRUE"),
    "kita": ("core.kita", "age_band || '/' || measure", "TRUE"),
    "vocational": ("core.vocational", "sector || '/' || measure", "TRUE"),
    "training_market": ("core.training_market", "occupation_group || '/' || measure", "TRUE"),
    "apprentices": ("core.apprentices", "area || '/' || measure", "TRUE"),
    "employees": ("core.employees", "wz_section || '/' || age_group", "place = 'work'"),
    "unemployment": ("core.unemployment", '"group" || \'/\' || measure', "TRUE"),
    "vhs": ("core.vhs", "measure", "TRUE"),
    "students": ("core.students", "subject_group", "TRUE"),
}
#: Additive topics summed from members into groups without own values: topic -> group types
#: (population bands are grouped in mart.population_bands already).
GROUP_TOPICS = {"kita": ("jugendamt",)}
#: Age bands (name, from, to exclusive; 200 = open end) offered as topic ``population``.
BANDS = [("total", 0, 200), ("u3", 0, 3), ("3to6", 3, 6), ("u6", 0, 6), ("6to10", 6, 10),
         ("10to16", 10, 16), ("16to19", 16, 19), ("19to25", 19, 25), ("u20", 0, 20), ("20to65", 20, 65),
         ("65plus", 65, 200)]
RATIO_COLUMNS = {"ags", "period", "year", "numerator", "numerator_status", "numerator_provenance",
                 "denominator", "denominator_status", "denominator_provenance"}
VALUE_COLUMNS = {"ags", "period", "year", "value", "value_status", "value_provenance"}
#: indicator formulas run at the same time (the build machine has 2 cores)
VALUE_WORKERS = 2
CORE_TABLES = {"population", "population_projection", "region_groups", "regions",
               *(src[0].split(".")[1] for src in OBS_SOURCES.values())}


#: Tables and macros the dashboard reads beside the indicator values (after mart.indicator_values, in
#: this order): coverage gaps at bound demand rates, economy, transitions and flows, peer features.
DASHBOARD_SQL = ("gaps.sql", "economy.sql", "flows.sql", "peers.sql")


class MartError(RuntimeError):
    """The mart cannot be built (missing core table, broken formula …); the message says which."""


def build_mart(con: duckdb.DuckDBPyConnection, indicators: list[Indicator] | None = None) -> None:
    """Create schema ``mart`` with all tables from core (see module docstring)."""
    indicators = load_indicators() if indicators is None else indicators
    _check_core(con)
    con.execute("CREATE SCHEMA IF NOT EXISTS mart")
    con.execute((SQL_DIR / "status.sql").read_text(encoding="utf-8"))
    _run(con, "macros.sql")
    _build_table_provenance(con)
    _build_bands(con)
    _build_obs(con)
    _run(con, "formulas.sql")
    _run(con, "location_quotients.sql")
    _run(con, "gap_inputs.sql")
    _build_catalogue_table(con, indicators)
    _build_values(con, indicators)
    sectors.build_tables(con)
    for name in DASHBOARD_SQL:
        _run(con, name)
    _build_breaks(con, indicators)


#: a formula that is nothing but one call of a table macro (mart.ratio, mart.change, mart.value_of …)
_MACRO_CALL = re.compile(r"SELECT \* FROM (mart\.\w+)\([^()]*\)", re.IGNORECASE)
#: `lag := n` in a formula: the denominator (e.g. population) is n years older than the value's year
_LAG = re.compile(r"lag\s*:=\s*(\d+)")


def _build_breaks(con: duckdb.DuckDBPyConnection, indicators: list[Indicator]) -> None:
    """mart.series_breaks: per indicator the first year whose value rests on a new basis of one of its
    source tables (Zensus 2022 for every population-based series); with a lag the break moves by it."""
    breaks = series_breaks()
    rows = []
    for ind in indicators:
        lag = max((int(n) for n in _LAG.findall(ind.formula)), default=0)
        for code in ind.sources:
            rows += [(ind.id, b["year"] + lag, b["label"], b.get("note", ""), code)
                     for b in breaks.get(code, [])]
    con.execute("CREATE OR REPLACE TABLE mart.series_breaks (indicator_id TEXT, year INTEGER, label TEXT,"
                " note TEXT, table_code TEXT)")
    if rows:
        con.executemany("INSERT INTO mart.series_breaks VALUES (?, ?, ?, ?, ?)", rows)
    con.execute("CREATE OR REPLACE TABLE mart.series_breaks AS SELECT indicator_id, year, label,"
                " any_value(note) AS note FROM mart.series_breaks GROUP BY ALL ORDER BY ALL")


def _run(con: duckdb.DuckDBPyConnection, name: str) -> None:
    sql = (SQL_DIR / "mart" / name).read_text(encoding="utf-8")
    if any(line.strip() and not line.strip().startswith("--") for line in sql.splitlines()):
        con.execute(sql)


def _build_table_provenance(con: duckdb.DuckDBPyConnection) -> None:
    """mart.table_provenance: per table code the provenance of its loaded files (raw.files.synthetic);
    empty when the warehouse has no file records (then every provenance is NULL = unknown)."""
    has_files = scalar(con, "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'raw'"
                       " AND table_name = 'files'")
    source = ("SELECT table_code, CASE WHEN bool_and(synthetic) THEN 'synthetic' WHEN bool_or(synthetic)"
              " THEN 'mixed' ELSE 'official' END AS provenance FROM raw.files GROUP BY table_code"
              if has_files else "SELECT NULL::TEXT AS table_code, NULL::TEXT AS provenance WHERE false")
    con.execute(f"CREATE OR REPLACE TABLE mart.table_provenance AS {source}")


def _check_core(con: duckdb.DuckDBPyConnection) -> None:
    found = {row[0] for row in con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'core'").fetchall()}
    missing = sorted(CORE_TABLES - found)
    if missing:
        raise MartError(f"mart: core table(s) missing: {', '.join('core.' + t for t in missing)}")


# --- population and projection by age band --------------------------------------------------------------


def _band_sources_sql(source: str, where: str) -> str:
    """Temp table band_sources: per (table_code, stand) of the source rows the rank of the code (c) and
    of the Stand (s: newest first, NULL last), so that choosing a source compares integers."""
    return f"""CREATE OR REPLACE TEMP TABLE band_sources AS
        SELECT table_code, stand, dense_rank() OVER (ORDER BY table_code) AS c,
               dense_rank() OVER (ORDER BY stand DESC NULLS LAST) AS s
        FROM (SELECT DISTINCT table_code, stand FROM {source} WHERE {where})"""


def _bands_sql(source: str, keys: list[str], where: str) -> str:
    """Age-band sums per (ags, keys, band): an exact row if there is one, else complete parts.

    Rows are first summed into the elementary intervals between band limits (one hash aggregation over
    the large single-year tables), then into bands. One source table (table_code) per (ags, keys, band):
    the newest Stand, then the first by code, an exact row before parts (arg_min over the ranks of
    band_sources, see _band_sources_sql). Parts must tile the band; rows of one table_code must not
    overlap. Statuses travel as status_rank until the end.
    """
    k = ", ".join(keys)
    bands = ", ".join(f"('{n}', {a}, {b})" for n, a, b in BANDS)
    limits = sorted({a for _, a, _ in BANDS} | {b for _, _, b in BANDS})
    pairs = list(zip(limits, limits[1:], strict=False))
    elems = ", ".join(f"({a}, {b})" for a, b in pairs)
    start = "CASE " + " ".join(f"WHEN a0 >= {a} THEN {a}" for a, _ in reversed(pairs)) + " END"
    end = "CASE " + " ".join(f"WHEN a0 >= {a} THEN {b}" for a, b in reversed(pairs)) + " END"
    return f"""
    WITH bands(band, a, b) AS (VALUES {bands}),
    eb AS (SELECT e0, band, a, b FROM (VALUES {elems}) elems(e0, e1) JOIN bands ON e0 >= a AND e1 <= b),
    r AS (SELECT ags, {k}, period, age_from AS a0, coalesce(age_to, 200) AS a1, value, status, bs.c, bs.s
          FROM {source} src JOIN band_sources bs ON bs.table_code IS NOT DISTINCT FROM src.table_code
              AND bs.stand IS NOT DISTINCT FROM src.stand
          WHERE {where}),
    exact AS (SELECT r.* EXCLUDE (a0, a1), b.band, 0 AS prio
              FROM r JOIN bands b ON r.a0 = b.a AND r.a1 = b.b),
    fine AS (SELECT ags, {k}, c, e0, min(period) AS period, min(s) AS s, sum(value) AS value,
                    min(status_rank(coalesce(status, 'missing'))) AS sr, sum(a1 - a0) AS width,
                    min(a0) AS lo, max(a1) AS hi
             FROM (SELECT *, {start} AS e0, {end} AS e1 FROM r) WHERE a1 <= e1
             GROUP BY ALL),
    parts AS (SELECT ags, {k}, band, c, min(period) AS period, min(s) AS s, 1 AS prio, sum(value) AS value,
                     mart.rank_status(min(sr)) AS status
              FROM fine JOIN eb USING (e0)
              GROUP BY ags, {k}, band, c
              HAVING sum(width) = any_value(b - a) AND min(lo) = any_value(a) AND max(hi) = any_value(b)),
    best AS (SELECT ags, {k}, band, arg_min({{'period': period, 'value': value, 'status': status, 'c': c}},
                                           {{'s': s, 'c': c, 'prio': prio}}) AS w
             FROM (SELECT * FROM exact UNION ALL BY NAME SELECT * FROM parts) GROUP BY ALL)
    SELECT ags, {k}, band, w.period, w.value, w.status, tp.provenance
    FROM best JOIN (SELECT DISTINCT table_code, c FROM band_sources) bs ON bs.c = w.c
    LEFT JOIN mart.table_provenance tp USING (table_code)"""


def _groups_sql(rel: str, keys: list[str], group_types: tuple[str, ...] = ("jugendamt", "agentur")) -> str:
    """Rows for Jugendamt / Agentur group keys summed from their members (core.region_groups).

    Only for group keys without a row of their own; a member without a row makes the sum ``missing``.
    """
    on_keys = " AND ".join(f"d.{c} IS NOT DISTINCT FROM a.{c}" for c in keys)
    return f"""SELECT * FROM (
    WITH m AS (SELECT group_key, member_ags, coalesce(share, 1.0) AS share, valid_from, valid_to
               FROM core.region_groups WHERE group_type IN {_sql_list(group_types)}),
    a AS (SELECT m.group_key AS ags, s.year, {', '.join('s.' + c for c in keys)}, min(s.period) AS period,
                 sum(s.value * m.share) AS value, mart.worst_status(s.status) AS status,
                 mart.worst_provenance(s.provenance) AS provenance, count(DISTINCT s.ags) AS n
          FROM {rel} s JOIN m ON m.member_ags = s.ags AND mart.valid_in(m.valid_from, m.valid_to, s.year)
          GROUP BY ALL),
    need AS (SELECT g.ags, g.year, count(*) AS n
             FROM (SELECT DISTINCT ags, year FROM a) g
             JOIN m ON m.group_key = g.ags AND mart.valid_in(m.valid_from, m.valid_to, g.year)
             GROUP BY ALL)
    SELECT a.ags, a.year, {', '.join('a.' + c for c in keys)}, a.period, a.value,
           CASE WHEN a.n < need.n THEN status_combine(a.status, 'missing') ELSE a.status END AS status,
           a.provenance
    FROM a JOIN need USING (ags, year)
    WHERE NOT EXISTS (SELECT 1 FROM {rel} d WHERE d.ags = a.ags AND d.year = a.year AND {on_keys}))"""


def _sql_list(items: tuple[str, ...]) -> str:
    return "(" + ", ".join(f"'{item}'" for item in items) + ")"


def _build_bands(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(_band_sources_sql("core.population", "sex = 'total'"))
    con.execute("CREATE OR REPLACE TEMP TABLE pop_direct AS "
                + _bands_sql("core.population", ["year"], "sex = 'total'"))
    con.execute("CREATE OR REPLACE TABLE mart.population_bands AS SELECT * FROM pop_direct UNION ALL BY NAME "
                + _groups_sql("pop_direct", ["band"]))
    con.execute(_band_sources_sql("core.population_projection", "TRUE"))
    con.execute("CREATE OR REPLACE TEMP TABLE proj_direct AS "
                + _bands_sql("core.population_projection", ["base_year", "year"], "TRUE"))
    con.execute("CREATE OR REPLACE TABLE mart.projection_bands AS "
                "SELECT * FROM proj_direct UNION ALL BY NAME "
                + _groups_sql("proj_direct", ["base_year", "band"]))
    con.execute("DROP TABLE pop_direct; DROP TABLE proj_direct; DROP TABLE band_sources")


# --- obs: all core values in one long shape -----------------------------------------------------------------


def _build_obs(con: duckdb.DuckDBPyConnection) -> None:
    parts = [_topic_sql(con, topic, *source) for topic, source in OBS_SOURCES.items()]
    parts.append(_normalised("SELECT 'population' AS topic, ags, period, year, band AS key, value, status, "
                             "provenance FROM mart.population_bands"))
    con.execute("CREATE OR REPLACE TABLE mart.obs AS " + " UNION ALL ".join(parts))
    for topic, types in GROUP_TOPICS.items():
        rows = _groups_sql(f"(SELECT * FROM mart.obs WHERE topic = '{topic}')", ["topic", "key"], types)
        con.execute(f"CREATE OR REPLACE TEMP TABLE group_rows AS {rows}")
        columns = "topic, ags, period, year, key, value, status, provenance"
        con.execute(f"INSERT INTO mart.obs {_normalised(f'SELECT {columns} FROM group_rows')}")
    con.execute("DROP TABLE IF EXISTS group_rows")


def _topic_sql(con: duckdb.DuckDBPyConnection, topic: str, table: str, key: str, where: str) -> str:
    """Rows of one topic; where a core table mixes sources, one table_code per key (the first by code).
    The provenance of a row is the one of its table code's files."""
    select = (f"SELECT '{topic}' AS topic, ags, period, year, {key} AS key, value, status, tp.provenance "
              f"FROM {table} LEFT JOIN mart.table_provenance tp USING (table_code) WHERE {where}")
    if scalar(con, f"SELECT count(DISTINCT table_code) > 1 FROM {table}"):
        select += " QUALIFY row_number() OVER (PARTITION BY ags, year, key ORDER BY table_code) = 1"
    return _normalised(select)


def _normalised(select: str) -> str:
    """(topic, ags, period, year, key, value, status, provenance) with NULL status or NULL value ->
    ``missing``, and the value NULL whenever the status is not usable."""
    return f"""SELECT topic, ags, period, year, key, CASE WHEN status_usable(st) THEN value END AS value,
        st AS status, provenance
    FROM (SELECT *, CASE WHEN status IS NULL OR (value IS NULL AND status_usable(status)) THEN 'missing'
                         ELSE status END AS st FROM ({select}))"""


# --- catalogue and indicator values -------------------------------------------------------------------------


def _build_catalogue_table(con: duckdb.DuckDBPyConnection, indicators: list[Indicator]) -> None:
    con.register("catalogue_rows", pa.Table.from_pylist([ind.as_row() for ind in indicators]))
    try:
        con.execute("CREATE OR REPLACE TABLE mart.indicators AS SELECT * FROM catalogue_rows")
    finally:
        con.unregister("catalogue_rows")


def _build_values(con: duckdb.DuckDBPyConnection, indicators: list[Indicator]) -> None:
    """mart.indicator_values: one INSERT per indicator, VALUE_WORKERS at a time (each is small: planning
    and single-threaded parts of one statement leave the other core idle)."""
    con.execute("""CREATE OR REPLACE TABLE mart.indicator_values (indicator_id TEXT, ags TEXT, period TEXT,
        year INTEGER, value DOUBLE, numerator DOUBLE, denominator DOUBLE, status TEXT, note TEXT,
        provenance TEXT)""")
    jobs = list(zip(indicators, _formula_columns(con, indicators), strict=True))
    with ThreadPoolExecutor(VALUE_WORKERS) as pool:
        shares = [jobs[k::VALUE_WORKERS] for k in range(VALUE_WORKERS)]
        list(pool.map(_insert_share, [con] * VALUE_WORKERS, shares))
    if not repeats_hash(con, "mart.indicator_values", "indicator_id, ags, period"):
        return
    dupes = con.execute("""SELECT indicator_id, ags, period, count(*) FROM mart.indicator_values
        GROUP BY ALL HAVING count(*) > 1 LIMIT 1""").fetchone()
    if dupes:
        raise MartError(f"{INDICATORS_PATH}: indicator {dupes[0]!r}: formula returns {dupes[3]} rows for "
                        f"ags {dupes[1]} period {dupes[2]}")


def _formula_columns(con: duckdb.DuckDBPyConnection, indicators: list[Indicator]) -> list[set[str]]:
    """The columns of each formula. A formula that is one call of a formula macro has that macro's
    columns: one formula per macro is bound (binding took ~6 ms a formula), every other one apart."""
    known: dict[str, set[str]] = {}
    found = []
    for ind in indicators:
        call = _MACRO_CALL.fullmatch(ind.formula.strip())
        key = call.group(1) if call else ind.formula
        if key not in known:
            try:
                known[key] = set(con.sql(ind.formula).columns)
            except duckdb.Error as exc:
                raise _formula_error(ind, exc) from exc
        found.append(known[key])
    return found


def _insert_share(con: duckdb.DuckDBPyConnection, jobs: list[tuple[Indicator, set[str]]]) -> None:
    """The rows of these indicators (with their formulas' columns), one after the other on a cursor of
    their own."""
    with con.cursor() as cursor:
        for ind, columns in jobs:
            _insert_values(cursor, ind, columns)


def _insert_values(cursor: duckdb.DuckDBPyConnection, ind: Indicator, columns: set[str]) -> None:
    """The rows of one indicator, straight from its formula (no intermediate table)."""
    params = {"id": ind.id, "note": ind.rounding_note or None, "note_from": ind.rounding_from}
    sql = _value_sql(ind, columns)
    try:
        cursor.execute(sql, params | ({"scale": ind.scale} if "$scale" in sql else {}))
    except duckdb.Error as exc:
        raise _formula_error(ind, exc) from exc


def _formula_error(ind: Indicator, exc: duckdb.Error) -> MartError:
    return MartError(f"{INDICATORS_PATH}: indicator {ind.id!r}: formula fails: {exc}")


def _value_sql(ind: Indicator, columns: set[str]) -> str:
    """INSERT from the formula's rows; parameters $id, $note, $note_from and (ratios) $scale."""
    note = "CASE WHEN $note IS NOT NULL AND ($note_from IS NULL OR year >= $note_from) THEN $note END"
    if "note" in columns:
        note = f"nullif(concat_ws('; ', note, {note}), '')"
    if columns >= RATIO_COLUMNS:
        return f"""INSERT INTO mart.indicator_values
        SELECT $id, ags, period, year,
               CASE WHEN status_usable(st) AND denominator <> 0 THEN numerator / denominator * $scale END,
               CASE WHEN status_usable(ns) THEN numerator END,
               CASE WHEN status_usable(ds) THEN denominator END,
               CASE WHEN status_usable(st) AND denominator = 0 THEN 'not_applicable' ELSE st END,
               CASE WHEN status_usable(st) AND denominator <> 0 THEN {note} END,
               mart.provenance_combine(numerator_provenance, denominator_provenance)
        FROM (SELECT *, status_combine(ns, ds) AS st FROM (
            SELECT f.*, {_checked('numerator')} AS ns, {_checked('denominator')} AS ds
            FROM ({ind.formula}) f))"""
    if columns >= VALUE_COLUMNS:
        return f"""INSERT INTO mart.indicator_values
        SELECT $id, ags, period, year, CASE WHEN status_usable(st) THEN value END, NULL, NULL, st,
               CASE WHEN status_usable(st) THEN {note} END, value_provenance
        FROM (SELECT f.*, {_checked('value')} AS st FROM ({ind.formula}) f)"""
    raise MartError(f"{INDICATORS_PATH}: indicator {ind.id!r}: formula must return {sorted(RATIO_COLUMNS)} "
                    f"or {sorted(VALUE_COLUMNS)}, got {sorted(columns)}")


def _checked(column: str) -> str:
    """Status of a formula column: NULL status, or a NULL value with a usable status, is ``missing``."""
    status = f"f.{column}_status"
    return (f"CASE WHEN {status} IS NULL OR (f.{column} IS NULL AND status_usable({status})) "
            f"THEN 'missing' ELSE {status} END")
