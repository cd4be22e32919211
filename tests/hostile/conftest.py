"""The hostile-input corpus: outcome registry, summary line, and a small served warehouse.

Every case records one outcome; the terminal summary prints
``bad inputs: N tried, K clear errors, S skipped with reason, 0 tracebacks, 0 wrong accepts, 0 data lost``.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from pathlib import Path

import duckdb
import pytest

from etl.warehouse import current_path
from tests.build.conftest import build
from tests.build.fixtures import write_sources

#: outcome per case id: clear_error | skipped | traceback | wrong_accept | data_lost
OUTCOMES: dict[str, str] = {}
ORDER = ("clear_error", "skipped", "traceback", "wrong_accept", "data_lost")


def record(case: str, outcome: str) -> None:
    assert outcome in ORDER, outcome
    OUTCOMES[case] = outcome


def summary_line() -> str:
    counts = Counter(OUTCOMES.values())
    return (
        f"bad inputs: {len(OUTCOMES)} tried, {counts['clear_error']} clear errors,"
        f" {counts['skipped']} skipped with reason, {counts['traceback']} tracebacks,"
        f" {counts['wrong_accept']} wrong accepts, {counts['data_lost']} data lost"
    )


def pytest_terminal_summary(terminalreporter) -> None:
    if OUTCOMES:
        terminalreporter.write_sep("=", "hostile corpus")
        terminalreporter.write_line(summary_line())


def content_digest(warehouse: Path) -> tuple[str, str]:
    """(file name CURRENT names, digest of every core table's content) of the served build."""
    path = current_path(warehouse)
    con = duckdb.connect(str(path), read_only=True)
    try:
        tables = [
            r[0]
            for r in con.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'core' ORDER BY 1"
            ).fetchall()
        ]
        digest = hashlib.sha256()
        for table in tables:
            rows = con.execute(f'SELECT * FROM core."{table}" ORDER BY ALL').fetchall()
            digest.update(repr((table, rows)).encode())
    finally:
        con.close()
    return path.name, digest.hexdigest()


@pytest.fixture(scope="module")
def served(tmp_path_factory) -> tuple[Path, Path, tuple[str, str]]:
    """(good sources, warehouse dir, digest) of one good build, built once per module."""
    root = tmp_path_factory.mktemp("hostile")
    sources = write_sources(root / "sources")
    warehouse = root / "warehouse"
    build(sources, warehouse)
    return sources, warehouse, content_digest(warehouse)
