"""A build of the demo together with every real file in ../shared/samples (skipped when absent):
the subjects those files cover become official, the rest stays demo, mixed values are flagged."""

from pathlib import Path

import duckdb
import pytest

from etl.build import run_build
from etl.demo.generate import generate

SAMPLES = Path(__file__).resolve().parents[2] / ".." / "shared" / "samples"

pytestmark = pytest.mark.samples


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    if not SAMPLES.is_dir():
        pytest.skip("../shared/samples is not present")
    root = tmp_path_factory.mktemp("samples_build")
    demo, real = root / "demo", root / "real"
    generate(demo, log=lambda _: None)
    real.mkdir()
    for path in sorted(SAMPLES.rglob("*")):
        if path.is_file() and path.suffix in {".csv", ".json", ".zip"} and "geo" not in path.parts:
            (real / path.name).symlink_to(path)
    current = run_build([demo, real], root / "warehouse")
    con = duckdb.connect(str(current), read_only=True)
    yield con
    con.close()


def _indicator(con, indicator: str, ags: str, year: int) -> tuple:
    return con.execute("SELECT value, status, provenance FROM mart.indicator_values WHERE indicator_id = ?"
                       " AND ags = ? AND year = ?", [indicator, ags, year]).fetchone()


def test_real_population_is_official(con):
    assert _indicator(con, "population_total", "05766", 2024) == (347149.0, "ok", "official")
    # 12411-09i (LDB, Stand 16.02.2026) and 12411-01-01-4 (ffcsv) agree on the Kreis total
    assert _indicator(con, "population_total", "05", 2024)[0] == 18034454.0


def test_older_vintage_is_kept_apart_from_the_demo(con):
    # the v4 flat file of 12411-01-01-4 delivers 31.12.2023 before the rebasing: 349.781 (no Stand)
    assert _indicator(con, "population_total", "05766", 2023) == (349781.0, "ok", "official")


def test_real_students_replace_the_demo(con):
    synthetic = con.execute("SELECT bool_or(synthetic) FROM raw.files WHERE table_code LIKE '21311%'"
                            ).fetchone()[0]
    assert synthetic is False
    assert _indicator(con, "students_total", "05766", 2023)[1:] == ("ok", "official")


def test_demo_subjects_stay_synthetic_and_mixes_are_flagged(con):
    assert _indicator(con, "pupils_share_gy", "05766", 2023)[2] == "synthetic"
    assert _indicator(con, "childcare_rate_u3", "05766", 2025)[2] == "mixed"  # demo Kita / real population


def test_unsupported_sample_files_are_skipped_with_reason(con):
    skipped = con.execute("SELECT file_name, message FROM meta.findings WHERE severity = 'warning'"
                          " AND file_name LIKE '%cubefile%'").fetchall()
    assert skipped and "Datenquader" in skipped[0][1]
