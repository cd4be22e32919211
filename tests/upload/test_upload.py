"""Upload: preview of a good file; oversized, malformed and unsupported files rejected with nothing
changed; a real load builds a new version that the read layer sees, with a log entry."""

import hashlib
import io
import zipfile

import pytest

from etl import upload
from etl.warehouse import current_path
from tests.upload.fixtures import LIPPE_FIRST_LINE, unemployment_text


def _bytes(synthetic: bool = False) -> bytes:
    return unemployment_text(synthetic).encode("utf-8")


def test_size_limit_message_in_megabytes():
    with pytest.raises(upload.UploadRejected, match=r"zu groß \(52,5 MB\); höchstens 50 MB sind erlaubt"):
        upload.check_upload("a.zip", 52_500_000)


def test_preview_of_a_good_file(tmp_path):
    with upload.staged_upload("13211-02-05-4.csv", _bytes()) as path:
        shown = upload.preview(path)
    assert (shown.format, shown.table_code, shown.subject) == ("ffcsv5", "13211-02-05-4", "unemployment")
    assert not shown.synthetic and shown.rows == 24
    assert shown.regions == [("05", "Nordrhein-Westfalen"), ("05766", "Lippe, Kreis"), ("DG", "Deutschland")]
    assert shown.periods == ["2023", "2024"]
    assert shown.symbols == [(".", "secret", 2)] and shown.statuses == {"ok": 22, "secret": 2}
    assert shown.findings == [] and shown.errors == []
    assert not path.exists()  # the staging folder is gone


def test_preview_of_a_zip_from_the_web_service():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("13211-02-05-4_1770518845685_de_flat.csv", _bytes())
    with upload.staged_upload("13211-02-05-4.zip", buffer.getvalue()) as path:
        shown = upload.preview(path)
    assert (shown.format, shown.table_code, shown.rows, shown.errors) == ("ffcsv5", "13211-02-05-4", 24, [])
    assert shown.sha256 == hashlib.sha256(buffer.getvalue()).hexdigest()  # of the delivered ZIP


def _with_lippe_key(key: str) -> str:
    return unemployment_text().replace(";05766;      Lippe, Kreis;", f";{key};Nirgendwo;")


def test_preview_reports_the_build_validation(tmp_path):
    with upload.staged_upload("13211-02-05-4.csv", _with_lippe_key("5766").encode()) as path:  # zero lost
        shown = upload.preview(path)
    assert {f.rule for f in shown.errors} == {"unknown_region"}
    assert shown.errors[0].file_name == "13211-02-05-4.csv" and shown.errors[0].line == LIPPE_FIRST_LINE == 18


def test_preview_adds_a_well_formed_unknown_key_with_a_warning(tmp_path):
    with upload.staged_upload("13211-02-05-4.csv", _with_lippe_key("05999").encode()) as path:
        shown = upload.preview(path)
    assert shown.errors == [] and [f.rule for f in shown.findings] == ["region_added"]


def _load(name: str, data: bytes, target: upload.Target, limit: int = upload.MAX_BYTES,
          user: str = "Test") -> upload.LoadResult:
    with upload.staged_upload(name, data, limit) as path:
        return upload.load(path, user, target)


def _unchanged(target: upload.Target, before) -> None:
    assert current_path(target.warehouse_dir) == before
    assert not target.uploads_dir.exists() or not any(target.uploads_dir.glob("*.csv"))
    assert upload.read_log(target.uploads_dir) == []


@pytest.mark.parametrize(("name", "data", "limit", "reason"), [
    ("13211-02-05-4.csv", _bytes(), 1000, "Datei zu groß"),
    ("tabelle.xlsx", b"PK\x03\x04", upload.MAX_BYTES, "Dateityp nicht unterstützt"),
    ("13211-02-05-4.csv", b"Statistik_Code;Statistik_Label\n1;2;3\n", upload.MAX_BYTES, "Datei nicht lesbar"),
    ("kaputt.zip", b"PK\x03\x04 no zip", upload.MAX_BYTES, "beschädigte ZIP-Datei"),
    ("leer.csv", b"", upload.MAX_BYTES, "Die Datei ist leer"),
])
def test_bad_files_are_rejected_and_nothing_changes(target, name, data, limit, reason):
    before = current_path(target.warehouse_dir)
    with pytest.raises(upload.UploadRejected, match=reason):
        _load(name, data, target, limit)
    _unchanged(target, before)


def test_table_not_used_by_the_monitor_is_rejected(target):
    before = current_path(target.warehouse_dir)
    text = unemployment_text()
    with pytest.raises(upload.UploadRejected, match="Tabelle 12345-01-01-4 wird vom Monitor nicht verwendet"):
        _load("12345-01-01-4.csv", text.encode(), target)
    _unchanged(target, before)


def test_file_with_validation_errors_is_rejected(target):
    before = current_path(target.warehouse_dir)
    with pytest.raises(upload.UploadRejected, match="unknown_region"):
        _load("13211-02-05-4.csv", _with_lippe_key("5766").encode(), target)
    _unchanged(target, before)


def test_name_is_required(target):
    with pytest.raises(upload.UploadRejected, match="Namen"):
        _load("13211-02-05-4.csv", _bytes(), target, user="  ")
    assert not target.uploads_dir.exists()


def test_base_dirs_follow_the_current_build_then_raw(tmp_path):
    demo, raw = tmp_path / "demo", tmp_path / "raw"
    for folder in (demo, raw / "regionalstatistik", raw / "geo", tmp_path / "uploads"):
        folder.mkdir(parents=True)
    assert upload.base_dirs(None, tmp_path) == (demo, raw, raw / "regionalstatistik")
    other = tmp_path / "elsewhere"
    other.mkdir()
    assert upload.base_dirs(str(other), tmp_path) == (other, raw, raw / "regionalstatistik")
    assert upload.base_dirs(f'["{tmp_path / "uploads"}"]', tmp_path)[0] == demo  # uploads never a base
