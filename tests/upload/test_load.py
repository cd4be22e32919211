"""A real load: a non-synthetic ffcsv for one subject → new build → the read layer sees the new values,
the demo notice lists the subjects still synthetic, the load log has the entry."""

import hashlib
import json

import pytest

from etl import upload, warehouse
from etl.warehouse import current_path
from monitor import db, provenance
from monitor.queries import meta
from tests.upload.conftest import copy_warehouse
from tests.upload.fixtures import LIPPE_RATE_2024, template_text, unemployment_text

DATA = unemployment_text().encode("utf-8")


@pytest.fixture(scope="module")
def loaded(tmp_path_factory, demo_sources, demo_warehouse):
    root = tmp_path_factory.mktemp("load")
    warehouse_dir = copy_warehouse(demo_warehouse, root / "warehouse")
    target = upload.Target(root / "uploads", warehouse_dir, (demo_sources,))
    before = current_path(target.warehouse_dir)
    with upload.staged_upload("13211-02-05-4.csv", DATA) as path:
        result = upload.load(path, "  Erika   Muster ", target)
    return target, before, result


@pytest.fixture
def read_loaded(loaded, monkeypatch):
    monkeypatch.setenv(db.ENV_DIR, str(loaded[0].warehouse_dir))
    return loaded


def _latest(indicator_id: str, ags: str, year: int):
    return db.query("SELECT value, status FROM mart.indicator_values WHERE indicator_id = ? AND ags = ? "
                    "AND year = ?", (indicator_id, ags, year))


def test_load_switches_to_a_new_build_and_stores_the_file(loaded):
    target, before, result = loaded
    assert result.ok, result.message
    assert current_path(target.warehouse_dir) != before
    assert result.build_id == current_path(target.warehouse_dir).name.removesuffix(".duckdb")
    assert result.stored == target.uploads_dir / "13211-02-05-4.csv"
    assert result.stored.read_bytes() == DATA


def test_read_layer_sees_the_uploaded_values(read_loaded):
    rate = _latest("unemployment_rate", "05766", 2024)
    assert rate["value"].tolist() == [LIPPE_RATE_2024] and rate["status"].tolist() == ["ok"]
    youth = _latest("youth_unemployment_rate", "05766", 2024)
    assert youth["value"].isna().all() and youth["status"].tolist() == ["secret"]  # never 0
    assert _latest("unemployment_rate", "05766", 2020).empty  # the demo series is gone, not mixed in
    files = meta.loaded_files()
    row = files[files["table_code"] == "13211-02-05-4"]
    assert row["file_name"].tolist() == ["13211-02-05-4.csv"] and not row["synthetic"].any()


def test_demo_notice_lists_the_subjects_still_synthetic(read_loaded):
    target = read_loaded[0]
    assert meta.build_info()["synthetic"] == "true"
    remaining = provenance.synthetic_subjects()
    assert "Bevölkerung" in remaining and "Arbeitslosigkeit" not in remaining
    text = provenance.demo_notice_text()
    assert text.startswith("**Teilweise Demodaten:**") and "Kindertagesbetreuung" in text
    assert json.loads(meta.build_info()["source_dir"])[-1] == str(target.uploads_dir.resolve())


def test_log_has_the_entry(loaded):
    target, _, result = loaded
    entries = upload.read_log(target.uploads_dir)
    assert len(entries) == 1
    entry = entries[0]
    assert entry["user"] == "Erika Muster" and entry["result"] == "ok"
    assert entry["build_id"] == result.build_id
    assert entry["files"] == [{"name": "13211-02-05-4.csv", "sha256": hashlib.sha256(DATA).hexdigest(),
                               "table_code": "13211-02-05-4", "replaced": []}]


def test_failed_build_takes_the_file_back_out(target):
    first = target.uploads_dir / "13211-02-05-4.csv"
    target.uploads_dir.mkdir()
    first.write_bytes(unemployment_text(synthetic=True).encode())  # an earlier upload of the same table
    before = current_path(target.warehouse_dir)
    with warehouse.build_lock(target.warehouse_dir), upload.staged_upload("13211-02-05-4.csv", DATA) as path:
        result = upload.load(path, "Test", target)  # the build cannot take the lock
    assert not result.ok and "anderer Build" in result.message
    assert current_path(target.warehouse_dir) == before
    assert first.read_bytes() == unemployment_text(synthetic=True).encode()  # the earlier upload is back
    assert list(target.uploads_dir.glob(f"{upload.REPLACED}/*/*.csv")) == []
    entry = upload.read_log(target.uploads_dir)[0]
    assert entry["result"] == "error" and entry["build_id"] is None


def test_upload_of_another_table_with_the_same_name_is_kept(target):
    other = target.uploads_dir / "13211-02-05-4.csv"
    target.uploads_dir.mkdir()
    other.write_text(template_text("LOCAL-VHS", False), encoding="utf-8")
    with warehouse.build_lock(target.warehouse_dir), upload.staged_upload("13211-02-05-4.csv", DATA) as path:
        result = upload.load(path, "Test", target)
    assert not result.ok and result.entry["files"][0]["replaced"] == []
    assert result.entry["files"][0]["name"].endswith("_13211-02-05-4.csv")  # stored beside it, then removed
    assert sorted(p.name for p in target.uploads_dir.glob("*.csv")) == ["13211-02-05-4.csv"]
    assert other.read_text(encoding="utf-8") == template_text("LOCAL-VHS", False)
