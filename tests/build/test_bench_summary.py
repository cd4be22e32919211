"""bench/run_all.py: PASS/FAIL against the targets from known measurement results."""

from bench.run_all import build_rows, parse_rows, table


def parse_result(variant: str, seconds: float, peak_mb: float) -> dict:
    return {"variant": variant, "rows": 1_000_000, "seconds": seconds, "cpu": seconds, "peak_mb": peak_mb}


def test_parse_judged_on_time_and_memory_ratio_to_duckdb():
    base = parse_result("duckdb_read_csv", 2.0, 700.0)
    others = [parse_result("parse_file_arrow", 3.9, 690.0), parse_result("parse_file", 9.0, 900.0)]
    rows = parse_rows([base, *others])
    assert [(r.result, round(r.x_time, 2), round(r.x_memory, 2)) for r in rows] == [
        ("Referenz", 1.0, 1.0), ("PASS", 1.95, 0.99), ("info", 4.5, 1.29)]
    assert parse_rows([base, parse_result("parse_file_arrow", 4.1, 600.0)])[1].result == "FAIL"
    assert parse_rows([base, parse_result("parse_file_arrow", 2.0, 710.0)])[1].result == "FAIL"


def build_result(code: int, seconds: float, peak_mb: float) -> dict:
    return {"exit_code": code, "seconds": seconds, "peak_mb": peak_mb, "raw_rows": 4_000_000,
            "raw_seconds": 10.0, "core_rows": 3_000_000, "core_seconds": 2.0, "validation_seconds": 1.0,
            "mart_seconds": 9.0, "checkpoint_seconds": None}


def test_build_judged_on_seconds_memory_and_exit_code():
    rows = build_rows(build_result(0, 30.0, 1500.0))
    assert [r.step for r in rows][-1] == "build total" and rows[-1].result == "PASS"
    assert build_rows(build_result(0, 61.0, 1500.0))[-1].result == "FAIL"
    assert build_rows(build_result(0, 30.0, 4200.0))[-1].result == "FAIL"
    assert build_rows(build_result(1, 30.0, 1500.0))[-1].result == "FAIL (exit 1)"
    text = table(rows)
    assert "build raw (parse + load)" in text and "400,000" in text  # 4,000,000 rows in 10 s
    assert text.splitlines()[-2].split()[:3] == ["build", "checkpoint", "-"]
