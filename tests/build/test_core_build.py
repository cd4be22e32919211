"""etl.build.build_core: every core table, built two at a time; a file that does not fit is named."""

import duckdb
import pytest

from etl.build import CORE_ORDER, SQL_DIR, BuildFailed, build_core
from etl.stage import build_stage


@pytest.fixture
def con():
    con = duckdb.connect()
    con.execute((SQL_DIR / "schema.sql").read_text(encoding="utf-8"))
    build_stage(con, {})
    return con


def test_without_sources_every_core_table_is_there_and_empty(con):
    assert build_core(con) == dict.fromkeys(CORE_ORDER, 0)


def test_the_first_file_in_core_order_that_does_not_fit_is_named(con):
    # templates without their columns: allday.sql (LOCAL-OGS) comes before vhs.sql (LOCAL-VHS)
    con.execute('CREATE TABLE raw."LOCAL-VHS" (ags TEXT); CREATE TABLE raw."LOCAL-OGS" (ags TEXT)')
    with pytest.raises(BuildFailed, match=r"etl/sql/core/allday\.sql passt nicht"):
        build_core(con)


def test_no_core_file_reads_another_core_table_it_builds():
    """The files run two at a time: one that read a table another file builds would see it half-made."""
    import re

    for name in CORE_ORDER:
        sql = (SQL_DIR / "core" / f"{name}.sql").read_text(encoding="utf-8")
        read = set(re.findall(r"\bcore\.\"?(\w+)", sql)) & set(CORE_ORDER)
        assert read <= {name}, f"etl/sql/core/{name}.sql reads {sorted(read - {name})}"
