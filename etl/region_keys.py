"""Region keys of the raw tables, right after the raw load (docs/DATA_MODEL.md §5).

1. Name-only tables (a Tabellen-CSV without key column, e.g. LDB 13111-54i: the region name sits in a
   `dim_k` column and `ags` is empty): the names are resolved against core.regions with `normalise` and
   the raw `ags` (and `region`) filled in place. An unknown or ambiguous name is an error naming file,
   line and name.
2. Official keys the dimension does not know (Gemeinden outside the reference list catalogue/gemeinden.csv,
   Gemeindeverbände, Berlin Bezirke, 8-digit units listed under KREISE, dissolved units): well-formed
   keys (`DG`, 2, 3, 5, 7, 8 or 9 digits) are added to core.regions with the file's label, a level from
   the key length (an 8-digit key is a Gemeindeverband where the parser marked its line,
   `region_level`) and the parent from the key prefix; one warning per file says how many. Other keys
   stay unknown and stop the build (`unknown_region`, etl/validate.py).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

import duckdb

from etl.parse.regions import LEVEL_VERBAND
from etl.regions import KIND_HISTORIC, KIND_KREIS_LIST, LEVEL_BY_LENGTH
from etl.sqlnames import ident, raw_tables, scalar
from etl.validate import ERROR, MAX_PER_RULE, WARNING, Finding

#: keys that may be added to the dimension: Germany, Land, RB, Kreis, Gemeindeverband (7, 8, 9), Gemeinde
WELL_FORMED = re.compile(r"DG|[0-9]{2}|[0-9]{3}|[0-9]{5}|[0-9]{7,9}")
#: share of the distinct values of a column that must resolve for it to count as the region column
NAME_COLUMN_SHARE = 0.5
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "-": " ", "–": " "})
#: (pattern on the folded name, hint); the first match is cut off the name
_AFFIXES = (
    (re.compile(r",\s*(krfr\.|kreisfreie)\s*stadt$"), "kreisfrei"),
    (re.compile(r"^kreisfreie\s+stadt\s+"), "kreisfrei"),
    (re.compile(r",\s*(stadt|landeshauptstadt)$"), "stadt"),
    (re.compile(r"^stadt\s+"), "stadt"),
    (re.compile(r",\s*(regierungsbezirk|reg\.\s*bez\.|stat\.\s*region)$"), "rb"),
    (re.compile(r"^(regierungsbezirk|reg\.\s*bez\.)\s*"), "rb"),
    (re.compile(r",\s*(land)?kreis$"), "kreis"),
    (re.compile(r"^(land)?kreis\s+"), "kreis"),
    (re.compile(r",\s*gemeinde$"), "gemeinde"),
)
#: spelling variants, applied to the folded name
_VARIANTS = ((re.compile(r"\ba\.\s*d\.\s*"), "an der "), (re.compile(r"\bi\.\s*"), "in "),
             (re.compile(r"\bst\.\s*"), "sankt "))


def normalise(name: str) -> tuple[str, str | None]:
    """(folded base name, hint) of a region name: case, indentation, ä/ae, hyphens, parentheses
    ("(einschl. Stadt Aachen)") and the affixes `, Stadt`, `krfr. Stadt`, `kreisfreie Stadt`, `Kreis`,
    `Landkreis`, `, Regierungsbezirk` are ignored; the affix becomes the hint
    (kreisfrei | stadt | rb | kreis | gemeinde | None)."""
    text = " ".join(name.split()).casefold().translate(_UMLAUTS)
    text = " ".join(re.sub(r"\([^)]*\)", " ", text).split())
    hint = None
    for pattern, found in _AFFIXES:
        cut = pattern.sub("", text)
        if cut != text:
            text, hint = cut.strip(), found
            break
    for pattern, replacement in _VARIANTS:
        text = pattern.sub(replacement, text)
    return " ".join(text.split()), hint


@dataclass(frozen=True)
class _Entry:
    ags: str
    level: str
    city: bool  # a kreisfreie Stadt (by kind or by its own name)


def _compatible(hint: str | None, entry: _Entry) -> bool:
    if hint is None:
        return True
    if hint == "kreisfrei":
        return entry.level == "kreis" and entry.city
    if hint == "stadt":
        return entry.level == "gemeinde" or (entry.level == "kreis" and entry.city)
    if hint == "kreis":
        return entry.level == "kreis" and not entry.city
    return entry.level == hint


class NameIndex:
    """Region names of core.regions by normalised base name."""

    def __init__(self, rows: list[tuple[str, str, str, str | None]]) -> None:
        self._by_base: dict[str, list[_Entry]] = defaultdict(list)
        for ags, name, level, kind in rows:
            base, hint = normalise(name)
            city = kind == "Kreisfreie Stadt" or hint == "kreisfrei"
            self._by_base[base].append(_Entry(ags, level, city))

    def candidates(self, name: str) -> list[str]:
        """Keys a name may stand for (one: resolved; none: unknown; several: ambiguous)."""
        base, hint = normalise(name)
        return sorted(e.ags for e in self._by_base.get(base, []) if _compatible(hint, e))




def _columns(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    return [r[0] for r in con.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = 'raw' AND table_name = ?",
        [table]).fetchall()]


def _name_columns(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    return [r[0] for r in con.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = 'raw' AND table_name = ?"
        " AND (column_name = 'region' OR regexp_full_match(column_name, 'dim_[0-9]+'))"
        " ORDER BY ordinal_position", [table]).fetchall()]


def resolve_names(con: duckdb.DuckDBPyConnection, table: str, index: NameIndex) -> list[Finding]:
    """Fill `ags` of the rows without key from the region names of one raw table (in place)."""
    t = f"raw.{ident(table)}"
    if not scalar(con, f"SELECT count(*) FROM {t} WHERE ags IS NULL"):
        return []
    best: tuple[float, str, dict[str, list[str]]] | None = None
    for column in _name_columns(con, table):
        names = [r[0] for r in con.execute(f"SELECT DISTINCT trim({ident(column)}) FROM {t}"
                                           f" WHERE ags IS NULL AND {ident(column)} IS NOT NULL").fetchall()]
        if not names:
            continue
        found = {n: index.candidates(n) for n in names}
        share = sum(len(keys) == 1 for keys in found.values()) / len(names)
        if share >= NAME_COLUMN_SHARE and (best is None or share > best[0]):
            best = (share, column, found)
    if best is None:  # no region column: the table has no regional breakdown
        return []
    _, column, found = best
    col = ident(column)
    resolved = [(name, keys[0]) for name, keys in found.items() if len(keys) == 1]
    con.execute("CREATE OR REPLACE TEMP TABLE _region_names (label TEXT, key TEXT)")
    con.executemany("INSERT INTO _region_names VALUES (?, ?)", resolved)
    con.execute(f"UPDATE {t} SET ags = m.key, region = m.label FROM _region_names m"
                f" WHERE {t}.ags IS NULL AND trim({t}.{col}) = m.label")
    con.execute("DROP TABLE _region_names")
    bad = {name: keys for name, keys in found.items() if len(keys) != 1}
    if not bad:
        return []
    rows = con.execute(
        f"SELECT f.file_name, min(r.line), trim(r.{col}) FROM {t} r JOIN raw.files f USING (file_id)"
        f" WHERE r.ags IS NULL AND trim(r.{col}) IN (SELECT unnest(?)) GROUP BY 1, 3 ORDER BY 1, 2",
        [list(bad)]).fetchall()
    findings = []
    for file_name, line, name in rows[:MAX_PER_RULE]:
        keys = bad[name]
        why = (f"mehrdeutig ({', '.join(keys)}); Name eindeutiger schreiben, z. B. mit ', Kreis' oder"
               " ', krfr. Stadt'") if keys else "in core.regions nicht gefunden (catalogue/regions.csv)"
        findings.append(Finding(ERROR, "region_name", file_name, line, table,
                                f"Regionsname {name!r} in Spalte {column}: {why}"))
    if len(rows) > MAX_PER_RULE:
        findings.append(Finding(ERROR, "region_name", None, None, table,
                                f"… und {len(rows) - MAX_PER_RULE} weitere"))
    return findings


#: the distinct well-formed keys of a raw table `{t}` that core.regions lacks
UNKNOWN_KEY = ("SELECT ags FROM (SELECT DISTINCT ags FROM {t} WHERE ags IS NOT NULL)"
               " WHERE ags NOT IN (SELECT ags FROM core.regions) AND regexp_full_match(ags, ?)")


def _unknown_keys(con: duckdb.DuckDBPyConnection, table: str) -> list[tuple]:
    """(file_id, ags, label, max year of the key, max year of the file, key length most common in the
    file, marked as Gemeindeverband by the parser) for every well-formed key of one raw table that
    core.regions lacks."""
    t = f"raw.{ident(table)}"
    year = "TRY_CAST(regexp_extract(period, '([0-9]{4})', 1) AS INTEGER)"
    marked = f"region_level = '{LEVEL_VERBAND}'" if "region_level" in _columns(con, table) else "false"
    return con.execute(f"""
        WITH r AS (SELECT file_id, ags, trim(region) AS label, {year} AS y, line,
                          coalesce({marked}, false) AS verband FROM {t} WHERE ags IS NOT NULL),
        f AS (SELECT file_id, max(y) AS file_year, mode(length(ags)) AS depth FROM r GROUP BY 1)
        SELECT r.file_id, r.ags, arg_min(r.label, r.line), max(r.y), any_value(f.file_year),
               any_value(f.depth), bool_or(r.verband)
        FROM r JOIN f USING (file_id)
        WHERE r.ags NOT IN (SELECT ags FROM core.regions) AND regexp_full_match(r.ags, ?)
        GROUP BY 1, 2""", [WELL_FORMED.pattern]).fetchall()


def _parent(ags: str, known: set[str]) -> str | None:
    if ags == "DG":
        return None
    if len(ags) == 2:
        return "DG"
    for prefix in (ags[:5], ags[:3], ags[:2]):
        if len(prefix) < len(ags) and prefix in known:
            return prefix
    return ags[:2]


def add_unknown_keys(con: duckdb.DuckDBPyConnection) -> list[Finding]:
    """Add the well-formed keys of all raw tables that core.regions lacks; one warning per file.

    Level from the key length; `gemeindeverband` also for an 8-digit key that a file marks as one
    (Samtgemeinde above its members, etl/parse/regions.py `verband_keys`). Historic (kind `historisch`):
    the key occurs in a file only for years before the file's newest year (in every file that carries
    it). An 8-digit Gemeinde key in a file whose keys are mostly 5-digit gets kind KIND_KREIS_LIST.
    Labels: the file's label with indentation stripped (first line of the key)."""
    seen: dict[str, dict] = {}
    per_file: dict[int, list[str]] = defaultdict(list)
    for table in _tables_where(con, raw_tables(con), UNKNOWN_KEY, [WELL_FORMED.pattern]):
        for file_id, ags, label, key_year, file_year, depth, verband in _unknown_keys(con, table):
            entry = seen.setdefault(ags, {"label": label, "historic": True, "kreis_list": False,
                                          "verband": False})
            entry["label"] = entry["label"] or label
            entry["historic"] &= key_year is not None and file_year is not None and key_year < file_year
            entry["kreis_list"] |= len(ags) == 8 and depth == 5
            entry["verband"] |= verband
            per_file[file_id].append(ags)
    if not seen:
        return []
    known = {r[0] for r in con.execute("SELECT ags FROM core.regions").fetchall()} | set(seen)
    rows = []
    for ags, entry in sorted(seen.items()):
        level = "bund" if ags == "DG" else LEVEL_VERBAND if entry["verband"] else LEVEL_BY_LENGTH[len(ags)]
        kreis_list = entry["kreis_list"] and level == "gemeinde"
        kind = KIND_HISTORIC if entry["historic"] else KIND_KREIS_LIST if kreis_list else None
        rows.append((ags, entry["label"] or ags, level, _parent(ags, known), kind, None))
    con.executemany("INSERT INTO core.regions VALUES (?, ?, ?, ?, ?, ?)", rows)
    names = dict(con.execute("SELECT file_id, file_name FROM raw.files").fetchall())
    historic = sum(r[4] == KIND_HISTORIC for r in rows)
    verbaende = {r[0] for r in rows if r[2] == LEVEL_VERBAND}
    return [Finding(WARNING, "region_added", names.get(file_id), None, None,
                    f"{len(keys)} Regionalschlüssel nicht im Katalog, mit der Bezeichnung der Datei ergänzt"
                    f" (Ebene aus der Schlüssellänge; davon {len(verbaende.intersection(keys))}"
                    f" Gemeindeverbände; insgesamt {len(rows)} neu, davon {historic} historisch)")
            for file_id, keys in sorted(per_file.items())]


def complete_regions(con: duckdb.DuckDBPyConnection) -> list[Finding]:
    """After the raw load: resolve region names of name-only tables, then add unknown official keys."""
    findings = []
    if keyless := _tables_where(con, raw_tables(con), "SELECT 1 FROM {t} WHERE ags IS NULL"):
        index = NameIndex(con.execute("SELECT ags, name, level, kind FROM core.regions").fetchall())
        findings = [f for table in keyless for f in resolve_names(con, table, index)]
    return findings + add_unknown_keys(con)


def _tables_where(con: duckdb.DuckDBPyConnection, tables: list[str], rows: str,
                  params: list | None = None) -> list[str]:
    """The raw tables for which the query `rows` (over `{t}`, with `params`) returns a row; one
    statement for all tables (most have none: a statement per table costs more than its scan)."""
    if not tables:
        return []
    parts = [f"(SELECT ? AS name FROM ({rows.format(t=f'raw.{ident(t)}')}) LIMIT 1)" for t in tables]
    values = [v for t in tables for v in [t, *(params or [])]]
    found = {r[0] for r in con.execute(" UNION ALL ".join(parts), values).fetchall()}
    return [t for t in tables if t in found]
