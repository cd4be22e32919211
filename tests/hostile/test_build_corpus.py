"""A representative subset through full builds: the build stops with file, line and reason and the
served warehouse stays exactly as it was; unsupported files in a download folder are skipped."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import duckdb
import pytest

from etl.build import BuildFailed
from etl.parse.source import TEMP_PREFIX
from etl.warehouse import current_path
from tests.build.conftest import build
from tests.conftest import REPO_ROOT
from tests.hostile.cases import GOOD_FF5, PARSE_CASES, zipped
from tests.hostile.conftest import content_digest, record
from tests.hostile.findings import FINDING_CASES

BY_ID = {c.id: c for c in PARSE_CASES}
FINDINGS_BY_ID = {c.id: c for c in FINDING_CASES}
BUILD_PARSE = ["zip_bomb_ratio", "zip_encrypted", "zip_deflate64", "zip_traversal", "long_field_ffcsv",
               "long_field_template", "cr_only_ffcsv", "nul_in_label", "mixed_utf8_cp1252", "tab_no_stand"]
BUILD_FINDINGS = ["thousands_comma_template", "negative_rate", "kita_parts_above_total", "empty_region_key",
                  "period_1945"]


def _failing_build(served, tmp_path: Path, write) -> str:
    sources, warehouse, digest = served
    folder = tmp_path / "sources"
    shutil.copytree(sources, folder)
    name = write(folder)
    with pytest.raises(BuildFailed) as info:
        build(folder, warehouse)
    lost = content_digest(warehouse) != digest
    return name, str(info.value), lost


@pytest.mark.parametrize("case_id", BUILD_PARSE)
def test_unreadable_file_stops_the_build_and_keeps_the_served_one(case_id, served, tmp_path):
    case = BY_ID[case_id]

    def write(folder: Path) -> str:
        (folder / case.name).write_bytes(case.content())
        return case.name

    name, message, lost = _failing_build(served, tmp_path, write)
    record(f"build:{case_id}", "data_lost" if lost else "clear_error")
    assert not lost
    assert name in message and case.fragment in message and "[parse]" in message


@pytest.mark.parametrize("case_id", BUILD_FINDINGS)
def test_wrong_number_stops_the_build_and_keeps_the_served_one(case_id, served, tmp_path):
    case = FINDINGS_BY_ID[case_id]
    name, message, lost = _failing_build(served, tmp_path, lambda folder: case.write(folder).name)
    record(f"build:{case_id}", "data_lost" if lost else "clear_error")
    assert not lost
    assert f"[{case.rule}]" in message and name in message


SKIPPED = {
    "cube.csv": b"* Der Benutzer X hat am 18.02.2026 diesen Export angestossen.\nK;DQ;FACH-SCHL\n",
    "status_104.json": b'{"Ident": {}, "Status": {"Code": 104, "Content": "Kein passendes Objekt"}}',
    "job_created.csv": b'{"Status": {"Code": 99, "Content": "Es wurde ein Job angelegt"}}',
    "answer.zip": zipped({"answer.csv": b'{"Status": {"Code": 98, "Content": "zu gross"}}'}),
}


def _findings(warehouse: Path) -> list[tuple]:
    con = duckdb.connect(str(current_path(warehouse)), read_only=True)
    try:
        return con.execute("SELECT severity, rule, file_name, message FROM meta.findings ORDER BY 3"
                           ).fetchall()
    finally:
        con.close()


def test_download_folder_skips_unsupported_files_and_builds_the_rest(served, tmp_path):
    sources, _, digest = served
    folder = tmp_path / "downloads"
    shutil.copytree(sources, folder)
    for name, data in SKIPPED.items():
        (folder / name).write_bytes(data)
    build(folder, tmp_path / "warehouse")
    skipped = {f[2]: f for f in _findings(tmp_path / "warehouse") if f[1] == "skipped_file"}
    assert set(skipped) == {"cube.csv", "status_104.json", "job_created.csv", "answer.zip:answer.csv"}
    assert all(f[0] == "warning" for f in skipped.values())
    assert "Status 104 – Kein passendes Objekt" in skipped["status_104.json"][3]
    assert "Datenquader" in skipped["cube.csv"][3]
    assert content_digest(tmp_path / "warehouse")[1] == digest[1]  # the rest built exactly as without them
    for name in SKIPPED:
        record(f"skip:{name}", "skipped")


def test_real_cube_and_json_samples_are_skipped(served, samples_dir, tmp_path):
    sources, _, digest = served
    folder = tmp_path / "downloads"
    shutil.copytree(sources, folder)
    picked = [samples_dir / "genesis_ffcsv" / "restatis_fixture_cubefile_47414BJ002.csv",
              *sorted((samples_dir / "genesis_api_json").glob("*status*.json"))]
    for path in picked:
        (folder / path.name).symlink_to(path)
    build(folder, tmp_path / "warehouse")
    skipped = {f[2] for f in _findings(tmp_path / "warehouse") if f[1] == "skipped_file"}
    assert skipped == {p.name for p in picked}
    assert content_digest(tmp_path / "warehouse")[1] == digest[1]
    for path in picked:
        record(f"skip:{path.name}", "skipped")


def test_statistic_code_fallback_is_a_warning_and_the_letter_code_comes_from_the_name(served, tmp_path):
    sources, _, _ = served
    folder = tmp_path / "downloads"
    shutil.copytree(sources, folder)
    atlas = GOOD_FF5.replace(b"12411;", b"99910;")
    (folder / "AI-N-01-2-5_1740000000000_de_flat.csv").write_bytes(atlas)
    (folder / "regionalatlas.csv").write_bytes(atlas)
    build(folder, tmp_path / "warehouse")
    con = duckdb.connect(str(current_path(tmp_path / "warehouse")), read_only=True)
    codes = dict(con.execute("SELECT file_name, table_code FROM raw.files").fetchall())
    con.close()
    assert codes["AI-N-01-2-5_1740000000000_de_flat.csv"] == "AI-N-01-2-5"
    assert codes["regionalatlas.csv"] == "99910"
    (warning,) = [f for f in _findings(tmp_path / "warehouse") if f[1] == "table_code"]
    assert warning[0] == "warning" and "nur den Statistik-Code 99910" in warning[3]
    record("build:statistic_code_only_folder", "clear_error")


def _etl(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "etl", *args], cwd=REPO_ROOT, capture_output=True, text=True,
                          check=False, env={**os.environ, **(env or {})})


def test_cli_build_reports_a_zip_bomb_without_traceback(served, tmp_path):
    sources, warehouse, digest = served
    folder = tmp_path / "sources"
    shutil.copytree(sources, folder)
    (folder / "bomb.zip").write_bytes(BY_ID["zip_bomb_ratio"].content())
    done = _etl("build", "--source-dir", str(folder), "--warehouse-dir", str(warehouse), "--skip-mart")
    lost = content_digest(warehouse) != digest
    record("cli:build:zip_bomb", "traceback" if "Traceback" in done.stderr else "data_lost" if lost
           else "clear_error")
    assert done.returncode == 1 and "Traceback" not in done.stderr and not lost
    assert "bomb.zip:12411-01-01-4_1_de_flat.csv: Kompressionsverhältnis" in done.stderr


@pytest.mark.parametrize("case_id", ["zip_encrypted", "long_field_template", "cr_only_ffcsv"])
def test_cli_parse_reports_without_traceback(case_id, tmp_path):
    case = BY_ID[case_id]
    path = tmp_path / case.name
    path.write_bytes(case.content())
    done = _etl("parse", str(path))
    record(f"cli:parse:{case_id}", "traceback" if "Traceback" in done.stderr else "clear_error")
    assert done.returncode == 2 and "Traceback" not in done.stderr and case.fragment in done.stderr


def test_stale_temp_folders_of_killed_runs_are_removed_by_the_next_build(served, tmp_path):
    sources, warehouse, _ = served
    dead = subprocess.Popen(["true"])
    dead.wait()  # its process id is free now
    stale = Path(tempfile.mkdtemp(prefix=f"{TEMP_PREFIX}{dead.pid}-"))
    (stale / "member.csv").write_bytes(b"x" * 1000)
    mine = Path(tempfile.mkdtemp(prefix=f"{TEMP_PREFIX}{os.getpid()}-"))  # a live owner: kept
    try:
        build(sources, tmp_path / "warehouse")
        assert not stale.exists() and mine.exists()
    finally:
        shutil.rmtree(mine, ignore_errors=True)
        shutil.rmtree(stale, ignore_errors=True)


def test_upload_preview_rejects_with_the_same_reason(tmp_path):
    from etl.upload import UploadRejected, preview

    for case_id in ("zip_encrypted", "zip_bomb_ratio", "cube_file", "nul_in_label"):
        case = BY_ID[case_id]
        path = tmp_path / case.name
        path.write_bytes(case.content())
        with pytest.raises(UploadRejected) as info:
            preview(path)
        assert case.fragment in str(info.value)
        record(f"upload:{case_id}", "clear_error")


def test_zip_member_is_read_as_delivered(tmp_path):
    """Control: a good ZIP still parses (the limits do not reject ordinary downloads)."""
    from etl.parse import parse_file_arrow

    path = tmp_path / "12411-01-01-4.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("12411-01-01-4_1740000000000_de_flat.csv", GOOD_FF5)
    assert parse_file_arrow(path).meta["table_code"] == "12411-01-01-4"
