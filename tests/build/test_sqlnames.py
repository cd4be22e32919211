"""etl.sqlnames.repeats_hash: the pre-check of every duplicate-key rule."""

import duckdb

from etl.sqlnames import repeats_hash


def test_repeats_hash_is_true_exactly_for_a_repeated_key():
    con = duckdb.connect()
    con.execute("CREATE TABLE t (k INTEGER, s TEXT)")
    assert not repeats_hash(con, "t", "k, s")
    con.execute("INSERT INTO t VALUES (1, 'a'), (1, 'b'), (2, NULL)")
    assert not repeats_hash(con, "t", "k, s")
    assert repeats_hash(con, "t", "k")
    con.execute("INSERT INTO t VALUES (2, NULL)")
    assert repeats_hash(con, "t", "k, s")
