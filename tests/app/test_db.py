"""Read layer: CURRENT is resolved on every call, so a new build is served without a restart."""

import shutil

import duckdb
import pytest

from monitor import db
from monitor.queries import meta, regions
from tests.app import fixture_warehouse


def test_warehouse_path_follows_env(fixture_env):
    assert db.warehouse_path() == fixture_env / fixture_warehouse.BUILD_NAME


def test_no_current_means_no_warehouse(tmp_path, monkeypatch):
    monkeypatch.setenv(db.ENV_DIR, str(tmp_path))
    assert db.warehouse_path() is None
    with pytest.raises(db.WarehouseMissing):
        db.query("SELECT 1")


def test_switching_current_serves_the_new_build(tmp_path, monkeypatch, fixture_dir):
    shutil.copy(fixture_dir / fixture_warehouse.BUILD_NAME, tmp_path / fixture_warehouse.BUILD_NAME)
    (tmp_path / "CURRENT").write_text(fixture_warehouse.BUILD_NAME, encoding="utf-8")
    monkeypatch.setenv(db.ENV_DIR, str(tmp_path))
    assert meta.build_info()["build_id"] == "build-fixture-1"
    newer = "build-20261126T080000000000Z-2.duckdb"
    shutil.copy(tmp_path / fixture_warehouse.BUILD_NAME, tmp_path / newer)
    with duckdb.connect(str(tmp_path / newer)) as con:
        con.execute("UPDATE meta.build SET value = 'build-fixture-2' WHERE key = 'build_id'")
    (tmp_path / "CURRENT").write_text(newer, encoding="utf-8")
    assert meta.build_info()["build_id"] == "build-fixture-2"


def test_query_binds_parameters(fixture_env):
    frame = db.query("SELECT name FROM core.regions WHERE ags = ?", ["05766'; DROP TABLE x; --"])
    assert frame.empty
    assert db.query("SELECT name FROM core.regions WHERE ags = ?", ("05766",))["name"].tolist() == ["Lippe"]


def test_region_label(fixture_env):
    assert regions.label("05766") == "Kreis Lippe"
    assert regions.label("05711") == "Bielefeld"
    assert regions.label("05766020") == "Detmold"
    assert regions.label("99999") == "99999"



def test_query_results_are_the_callers_own_copy(fixture_env):
    sql = "SELECT name FROM core.regions WHERE ags = ?"
    first = db.query(sql, ["05766"])
    first.loc[0, "name"] = "geändert"
    assert db.query(sql, ["05766"])["name"].tolist() == ["Lippe"]


def test_query_binds_list_parameters_and_caches_them(fixture_env):
    sql = "SELECT count(*) AS n FROM core.regions WHERE list_contains(?, ags)"
    assert db.query(sql, [["05766", "05711"]])["n"].iloc[0] == 2
    assert db.query(sql, [["05766"]])["n"].iloc[0] == 1  # another list, another cache entry


def test_per_build_shares_one_result_and_drops_the_oldest_entry():
    memo, made = db.Memo(2), []

    def make(key: str) -> list[str]:
        made.append(key)
        return [key]

    first = memo.get("a", lambda: make("a"))
    assert memo.get("a", lambda: make("a")) is first  # one shared object, not a copy
    memo.get("b", lambda: make("b"))
    memo.get("a", lambda: make("a"))  # "a" used again: "b" is now the oldest
    memo.get("c", lambda: make("c"))
    memo.get("a", lambda: make("a"))
    memo.get("b", lambda: make("b"))
    assert made == ["a", "b", "c", "b"]


def test_settle_freezes_long_lived_objects_only_after_growth():
    import gc

    try:
        db.Memo(1).get("new", lambda: "entry")  # a new cache entry: the next settle freezes
        db.settle()
        frozen = gc.get_freeze_count()
        assert frozen > 0
        kept = [object() for _ in range(100)]
        db.settle()  # nothing new in the caches, no module imported: no collection, no freeze
        assert gc.get_freeze_count() == frozen and kept
    finally:
        gc.unfreeze()
