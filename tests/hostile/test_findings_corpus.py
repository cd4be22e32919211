"""Readable files with wrong numbers: the build's own checks (as in the upload preview) must flag them."""

from __future__ import annotations

import duckdb
import pytest

from etl.upload import validate_alone
from tests.build.fixtures import population_sex
from tests.hostile.conftest import record
from tests.hostile.findings import FINDING_CASES, FindingCase


@pytest.mark.parametrize("case", FINDING_CASES, ids=[c.id for c in FINDING_CASES])
def test_wrong_number_is_a_finding(case: FindingCase, tmp_path):
    path = case.write(tmp_path)
    con = duckdb.connect()
    try:
        findings = validate_alone(con, path)
        rules = {f.rule for f in findings}
        harmless = case.harmless is not None and case.harmless(con)
    finally:
        con.close()
    ok = case.rule in rules or harmless
    record(case.id, "clear_error" if ok else "wrong_accept")
    assert ok, [str(f) for f in findings]
    hit = next((f for f in findings if f.rule == case.rule), None)
    assert hit is None or hit.file_name == path.name


def test_thousands_comma_message_names_both_readings(tmp_path):
    con = duckdb.connect()
    findings = validate_alone(con, population_sex(tmp_path, lippe_total="9,120"))
    con.close()
    (hit,) = [f for f in findings if f.rule == "fractional_count"]
    assert hit.line == 2 and "9,12" in hit.message and "9120" in hit.message


def test_counts_with_decimals_that_are_not_ambiguous_pass(tmp_path):
    con = duckdb.connect()
    # a thousands group has 3 digits: "1000,5" cannot be one
    findings = validate_alone(con, population_sex(tmp_path, lippe_total="1000,5"))
    con.close()
    assert "fractional_count" not in {f.rule for f in findings}


def test_empty_region_key_is_not_called_an_unmapped_code(tmp_path):
    from tests.hostile.findings import _leavers_without_region

    con = duckdb.connect()
    findings = validate_alone(con, _leavers_without_region(tmp_path))
    con.close()
    assert "unmapped_code" not in {f.rule for f in findings}
    assert any("ohne Regionalschlüssel" in f.message for f in findings if f.rule == "missing_key")
