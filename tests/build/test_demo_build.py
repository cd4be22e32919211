"""The build of the synthetic demo (`python -m etl demo`, shared session fixture): every core table filled."""

import duckdb
import pytest

from etl.build import CORE_ORDER
from etl.warehouse import current_path


@pytest.fixture(scope="module")
def demo(demo_warehouse):
    con = duckdb.connect(str(current_path(demo_warehouse)), read_only=True)
    yield con
    con.close()


def test_every_core_table_is_filled_with_usable_values(demo):
    for table in CORE_ORDER:
        rows, usable = demo.execute(f"SELECT count(*), count(value) FROM core.{table}").fetchone()
        assert usable > 0, table
        assert rows >= usable


def test_no_errors_and_marked_synthetic(demo):
    assert demo.execute("SELECT count(*) FROM meta.findings WHERE severity = 'error'").fetchone() == (0,)
    meta = dict(demo.execute("SELECT key, value FROM meta.build").fetchall())
    assert meta["synthetic"] == "true"
    assert int(meta["rows_core"]) == sum(int(meta[f"rows_core.{t}"]) for t in CORE_ORDER)


def test_lippe_population_is_plausible_and_gemeinden_add_up(demo):
    total = "sex = 'total' AND age_from = 0 AND age_to IS NULL AND year = 2024"
    kreis = dict(demo.execute(f"SELECT table_code, value FROM core.population WHERE ags = '05766'"
                              f" AND {total}").fetchall())
    gemeinden = {code: (n, s) for code, n, s in demo.execute(
        f"SELECT table_code, count(*), sum(value) FROM core.population WHERE ags LIKE '05766___'"
        f" AND {total} GROUP BY 1").fetchall()}
    # every population table of the demo gives the same Kreis total, and each Gemeinde table adds up to it
    assert set(kreis) == {"12411-01-01-4", "12411-02-03-4", "12411-04-02-4", "12411-09i", "12411-15i"}
    (value,) = set(kreis.values())
    assert 300_000 < value < 400_000
    assert gemeinden == {code: (16, value) for code in ("12411-02-03-5", "12411-09i", "12411-15i")}


def test_training_market_per_agentur_and_kreis(demo):
    keys = {r[0] for r in demo.execute("SELECT DISTINCT ags FROM core.training_market").fetchall()}
    assert {"AA_DETMOLD", "05766"} <= keys
