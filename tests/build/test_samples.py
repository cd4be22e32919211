"""Core mapping on the real 12411-09i export (Kreise and higher; skipped when ../shared/samples is absent)."""

from pathlib import Path

import duckdb
import pytest

from etl.build import SQL_DIR, run_sql_file
from etl.load import load_file
from etl.parse import parse_file_arrow

SAMPLE = Path(__file__).resolve().parents[2] / ".." / "shared" / "samples" / "genesis_tabellen_csv" / (
    "ldbnrw_12411-09i_latin1.csv")

pytestmark = pytest.mark.samples


@pytest.fixture(scope="module")
def con():
    if not SAMPLE.is_file():
        pytest.skip("../shared/samples is not present")
    con = duckdb.connect()
    con.execute((SQL_DIR / "schema.sql").read_text(encoding="utf-8"))
    rows, findings = load_file(con, SAMPLE, 1, parse_file_arrow)
    assert findings == [] and rows > 0
    con.execute((SQL_DIR / "macros.sql").read_text(encoding="utf-8"))
    run_sql_file(con, SQL_DIR / "core" / "population.sql", {"12411-09i"})
    yield con
    con.close()


def test_every_real_age_label_is_mapped(con):
    assert con.execute("SELECT count(*) FROM core.population WHERE age_from IS NULL OR year IS NULL"
                       ).fetchone() == (0,)
    bands = con.execute("SELECT DISTINCT age_from, age_to FROM core.population ORDER BY 1, 2 NULLS LAST"
                        ).fetchall()
    assert bands[:3] == [(0, 1), (0, None), (1, 2)] and bands[-1] == (90, None)
    assert len(bands) == 92  # total + 91 single years / open end


def test_kreis_rows_are_kept_without_12411_02_03_4_and_single_years_add_up(con):
    lippe = "ags = '05766' AND sex = 'total' AND year = 2024"
    total = con.execute(f"SELECT value FROM core.population WHERE {lippe} AND age_from = 0 AND age_to IS NULL"
                        ).fetchone()[0]
    parts = con.execute(f"SELECT count(*), sum(value) FROM core.population WHERE {lippe}"
                        " AND NOT (age_from = 0 AND age_to IS NULL)").fetchone()
    assert total == 347149
    assert parts == (91, total)
