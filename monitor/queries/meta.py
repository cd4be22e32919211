"""Build metadata: ``meta.build``, loaded files, validation findings, table presence."""

import pandas as pd

from monitor import db


@db.per_build
def table_exists(schema: str, table: str) -> bool:
    """Whether ``schema.table`` exists in the current build."""
    found = db.query(
        "SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = ? AND table_name = ?",
        (schema, table),
    )
    return bool(found["n"].iloc[0])


def build_info() -> dict[str, str]:
    """``meta.build`` as a dict (build_id, built_at, synthetic, …); empty for a warehouse without it (the
    hand-made test warehouses). The caller's own copy of the per-build record."""
    return dict(_build_record())


@db.per_build
def _build_record() -> dict[str, str]:
    if not table_exists("meta", "build"):
        return {}
    rows = db.query("SELECT key, value FROM meta.build")
    return dict(zip(rows["key"], rows["value"], strict=True))


def loaded_files() -> pd.DataFrame:
    """``raw.files``: every loaded file with its table code and Stand."""
    return db.query("SELECT file_name, table_code, title, format, stand, rows, synthetic, loaded_at "
                    "FROM raw.files ORDER BY table_code, file_name")


def findings() -> pd.DataFrame:
    """``meta.findings``: validation results (errors first)."""
    return db.query("SELECT severity, rule, file_name, line, table_code, message FROM meta.findings "
                    "ORDER BY severity = 'error' DESC, file_name, line")


@db.per_build
def has_official_files() -> bool:
    """Whether the build loaded any file without the demo marker."""
    if not table_exists("raw", "files"):
        return False
    return bool(db.query("SELECT count(*) AS n FROM raw.files WHERE NOT synthetic")["n"].iloc[0])


def synthetic_subjects() -> list[str]:
    """Core tables fed only by synthetic files (``meta.sources``); empty without source records."""
    if not (table_exists("meta", "sources") and table_exists("raw", "files")):
        return []
    return list(db.query("SELECT DISTINCT core FROM meta.sources WHERE synthetic ORDER BY core")["core"])


def boundary_count(level: str) -> int:
    """Number of real boundary shapes of a level in ``geo.boundaries`` (0 without the table)."""
    if not table_exists("geo", "boundaries"):
        return 0
    return int(db.query("SELECT count(*) AS n FROM geo.boundaries WHERE level = ?", (level,))["n"].iloc[0])


def boundaries(level: str) -> pd.DataFrame:
    """Shapes of one level (``geo.boundaries``)."""
    return db.query("SELECT * FROM geo.boundaries WHERE level = ?", (level,))
