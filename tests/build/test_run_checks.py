"""etl.validate.run_checks: checks at the same time, findings in the order of the checks."""

import time

import duckdb

from etl.validate import WARNING, Finding, run_checks


def _check(rule: str, seconds: float):
    def check(con: duckdb.DuckDBPyConnection) -> list[Finding]:
        time.sleep(seconds)  # the first check ends last
        (n,) = con.execute("SELECT count(*) FROM t").fetchone()
        return [Finding(WARNING, rule, None, None, None, f"{n} Zeilen")]
    return check


def test_findings_keep_the_order_of_the_checks_and_each_check_sees_the_build(tmp_path):
    con = duckdb.connect(str(tmp_path / "b.duckdb"))
    con.execute("CREATE TABLE t AS SELECT * FROM range(3)")
    found = run_checks(con, [_check("a", 0.2), _check("b", 0), _check("c", 0)])
    assert [(f.rule, f.message) for f in found] == [("a", "3 Zeilen"), ("b", "3 Zeilen"), ("c", "3 Zeilen")]
