"""etl.load.load_raw parses the next file while one is inserted, but not while a large table is inserted
(two large tables and a parse at once set the build's peak memory)."""

import threading
from types import SimpleNamespace

import duckdb
import pyarrow as pa

from etl import load
from etl.build import SQL_DIR

ROWS = {"a.csv": 10, "b.csv": 2000, "c.csv": 10, "d.csv": 10}  # b: over the (patched) look-ahead limit


def test_next_file_is_parsed_during_an_insert_unless_the_table_is_large(tmp_path, monkeypatch):
    for name in ROWS:
        (tmp_path / name).write_text("", encoding="utf-8")  # listed by source_files; parsed by the fake
    monkeypatch.setattr(load, "LOOKAHEAD_BYTES", 4096)
    started = {name: threading.Event() for name in ROWS}

    def parse(path):
        started[path.name].set()
        rows = ROWS[path.name]
        table = pa.table({"ags": ["05766"] * rows, "value": [1.0] * rows, "line": list(range(2, rows + 2))})
        return SimpleNamespace(table=table, meta={"table_code": "T-" + path.stem, "format": "template"})

    names = sorted(ROWS)
    parsed_meanwhile = {}
    insert = load.insert_frame

    def watched_insert(con, code, table, file_id):
        following = names[file_id] if file_id < len(names) else None
        if following:  # did the next file's parse start while this table was being inserted?
            parsed_meanwhile[names[file_id - 1]] = started[following].wait(timeout=0.5)
        insert(con, code, table, file_id)

    monkeypatch.setattr(load, "insert_frame", watched_insert)
    con = duckdb.connect()
    con.execute((SQL_DIR / "schema.sql").read_text(encoding="utf-8"))
    total, findings = load.load_raw(con, tmp_path, parse, progress=lambda _: None)
    assert (total, findings) == (sum(ROWS.values()), [])
    assert pa.table({"value": [1.0] * 2000}).nbytes >= load.LOOKAHEAD_BYTES  # b is large, a and c are not
    assert parsed_meanwhile == {"a.csv": True, "b.csv": False, "c.csv": True}
    assert con.execute('SELECT count(*) FROM raw."T-b"').fetchone()[0] == 2000
    assert con.execute("SELECT file_id, file_name FROM raw.files ORDER BY 1").fetchall() == [
        (1, "a.csv"), (2, "b.csv"), (3, "c.csv"), (4, "d.csv")]
