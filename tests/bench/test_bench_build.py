"""bench_build's native-load floor and run_all's summary rows (no timing asserted)."""

import zipfile

import duckdb

from bench import bench_build, run_all


def test_floor_loads_every_line_of_csv_and_zip_members(tmp_path, capsys):
    source = tmp_path / "src"
    source.mkdir()
    (source / "a.csv").write_text("x;y\n1;2\n3;4\n", encoding="utf-8")
    (source / "b.csv").write_bytes("Tabelle: Ä\n;;K\n2024;05766;\"Lip\npe\"\n".encode("cp1252"))
    with zipfile.ZipFile(source / "c.zip", "w") as archive:
        archive.writestr("c.csv", "u;v;w\n5;6;7\n")
    (source / "web.json").write_text("{}", encoding="utf-8")  # skipped, as by the build
    database = tmp_path / "floor" / "floor.duckdb"
    database.parent.mkdir()
    bench_build.floor_worker(source, database)
    assert capsys.readouterr().out.strip() == "floor 3 Dateien, 8 Zeilen"
    con = duckdb.connect(str(database), read_only=True)
    tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    assert tables == {"f0", "f1", "f2", "f0_pass", "f1_pass", "f2_pass"}  # loaded and written once more
    assert con.execute("SELECT count(*) FROM f1_pass").fetchone()[0] == 3
    con.close()


def test_read_floor_reads_the_same_lines_and_stores_nothing(tmp_path, capsys):
    source = tmp_path / "src"
    source.mkdir()
    (source / "a.csv").write_text("x;y\n1;2\n3;4\n", encoding="utf-8")
    with zipfile.ZipFile(source / "c.zip", "w") as archive:
        archive.writestr("c.csv", "u;v;w\n5;6;7\n")
    database = tmp_path / "read" / "floor.duckdb"
    database.parent.mkdir()
    bench_build.floor_worker(source, database, write=False)
    assert capsys.readouterr().out.strip() == "floor 2 Dateien, 5 Zeilen"
    assert not database.exists()


def test_write_floor_copies_every_table_of_a_build(tmp_path, capsys):
    build = tmp_path / "build.duckdb"
    con = duckdb.connect(str(build))
    con.execute('CREATE SCHEMA raw; CREATE TABLE raw."12411-01-01-4" AS SELECT range AS v FROM range(5)')
    con.execute("CREATE SCHEMA mart; CREATE TABLE mart.obs AS SELECT 'x' AS k")
    con.execute("CREATE VIEW mart.v AS SELECT 1")
    con.close()
    copy = tmp_path / "copy.duckdb"
    bench_build.write_floor_worker(build, copy)
    assert capsys.readouterr().out.strip() == "write 2 Tabellen, 6 Zeilen"  # views are not data written
    con = duckdb.connect(str(copy), read_only=True)
    assert con.execute('SELECT sum(v) FROM raw."12411-01-01-4"').fetchone()[0] == 10
    assert con.execute("SELECT k FROM mart.obs").fetchall() == [("x",)]
    con.close()


def test_summary_rows_show_the_ratio_to_the_floor():
    result = {"raw_rows": 100, "raw_seconds": 1.0, "core_rows": 50, "core_seconds": 1.0,
              "validation_seconds": 0.5, "mart_seconds": 0.5, "checkpoint_seconds": 0.1, "exit_code": 0,
              "seconds": 12.0, "peak_mb": 900.0, "x_time": 1.2, "x_memory": 1.5,
              "floor": {"seconds": 10.0, "peak_mb": 600.0, "files": 2, "rows": 80,
                        "read": {"seconds": 3.0, "peak_mb": 300.0, "files": 2, "rows": 80}},
              "write_floor": {"seconds": 6.0, "peak_mb": 500.0, "tables": 9, "rows": 150}}
    rows = run_all.build_rows(result)
    floor, read, written = rows[:3]
    assert (floor.step, floor.seconds, floor.result) == ("build floor (DuckDB native)", 10.0, "Referenz")
    assert (read.step, read.seconds, read.result) == ("build read floor (nothing stored)", 3.0, "Referenz")
    assert (written.step, written.rows, written.seconds) == ("build write floor (copy of the build)", 150,
                                                             6.0)
    total = next(r for r in rows if r.step == "build total")
    assert (total.x_time, total.x_memory, total.result) == (1.2, 1.5, "PASS")
    assert (rows[-1].step, rows[-1].result) == ("build / floor", "FAIL")  # 1.2x > 1.15x
