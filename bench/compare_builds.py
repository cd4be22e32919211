"""Compare two warehouse builds table by table: row count, column types and an order-free row hash.

    .venv/bin/python bench/compare_builds.py OLD.duckdb NEW.duckdb

For checking that a speed-up of the build changes no result (e.g. two builds of the Germany-scale
demo, before and after). Every table of every schema is compared by ``count(*)`` and
``sum(hash(all columns))``; what differs from build to build by design is left out: columns ending in
``_at`` (raw.files.loaded_at) and the meta.build entries build_id, built_at, seconds, git_revision
and source_dir. Prints one line per differing table; exit code 1 if any differs.
"""

from __future__ import annotations

import sys

import duckdb

#: meta.build keys that differ between two builds of the same sources
VOLATILE_KEYS = ("build_id", "built_at", "seconds", "git_revision", "source_dir")


def digest(path: str) -> dict[str, tuple]:
    """table -> ((rows, row hash sum), column names and types)."""
    con = duckdb.connect(path, read_only=True)
    out = {}
    tables = con.execute("SELECT table_schema, table_name FROM information_schema.tables ORDER BY 1, 2")
    for schema, table in tables.fetchall():
        columns = con.execute("SELECT column_name, data_type FROM information_schema.columns"
                              " WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position",
                              [schema, table]).fetchall()
        if (schema, table) == ("meta", "build"):
            volatile = ", ".join(f"'{k}'" for k in VOLATILE_KEYS)
            sql = (f"SELECT count(*), sum(hash(key, CASE WHEN key IN ({volatile}) THEN NULL ELSE value END)"
                   "::HUGEINT) FROM meta.build")
        else:
            kept = ", ".join(f'"{name}"' for name, _ in columns if not name.endswith("_at"))
            sql = f'SELECT count(*), sum(hash({kept})::HUGEINT) FROM "{schema}"."{table}"'
        out[f"{schema}.{table}"] = (con.execute(sql).fetchone(), columns)
    con.close()
    return out


def main() -> int:
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    old, new = digest(sys.argv[1]), digest(sys.argv[2])
    differ = sorted(name for name in old.keys() | new.keys() if old.get(name) != new.get(name))
    for name in differ:
        print(f"differs: {name}: {old.get(name, ('missing',))[0]} -> {new.get(name, ('missing',))[0]}")
    print(f"{len(old)} / {len(new)} tables, {len(differ)} differ")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
