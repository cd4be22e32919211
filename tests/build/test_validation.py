"""Validation: errors stop the build (file and line named, CURRENT unchanged), warnings are stored."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from etl.build import BuildFailed
from etl.validate import tolerance_per_part
from etl.warehouse import PARTIAL_SUFFIX, current_path
from tests.build.conftest import build

REPO = Path(__file__).resolve().parents[2]
KITA_LINE = "LOCAL-KITA;{period};JA05766K;Kreisjugendamt Lippe;places;u3;Anzahl;{value}"


def append(path: Path, line: str, encoding: str = "utf-8") -> None:
    """Add a data line: before the footer of a Tabellen-CSV, at the end of anything else."""
    text = path.read_bytes().decode(encoding)
    if "__________" in text:
        text = text.replace("__________", line + "\r\n__________")
    else:
        text += line + "\n"
    path.write_bytes(text.encode(encoding))


def failing_build(sources: Path, warehouse: Path) -> tuple[str, list[tuple]]:
    """Build once cleanly, break nothing else, then return the failure message and stored findings."""
    with pytest.raises(BuildFailed) as info:
        build(sources, warehouse)
    partial = next(warehouse.glob(f"*{PARTIAL_SUFFIX}"))
    con = duckdb.connect(str(partial), read_only=True)
    findings = con.execute("SELECT severity, rule, file_name, line, table_code FROM meta.findings"
                           " WHERE severity = 'error'").fetchall()
    con.close()
    return str(info.value), findings


@pytest.fixture
def served(sources: Path, tmp_path: Path) -> tuple[Path, Path]:
    """A warehouse with a good build served; returns (warehouse dir, served file)."""
    warehouse = tmp_path / "wh"
    return warehouse, build(sources, warehouse)


def test_malformed_region_key_names_file_and_line(sources, served):
    warehouse, good = served
    append(sources / "21111-01i.csv", "2024/25;0599900;  Nirgendwo;5;5;0;10", "cp1252")
    message, findings = failing_build(sources, warehouse)
    assert [f for f in findings if f[1] == "unknown_region"] == [
        ("error", "unknown_region", "21111-01i.csv", 9, "21111-01i")]
    assert "21111-01i.csv, Zeile 9" in message and "0599900" in message
    assert current_path(warehouse) == good


def test_unknown_official_key_is_added_with_a_warning(sources, tmp_path):
    append(sources / "21111-01i.csv", "2024/25;05999004;  Nirgendwo;5;5;0;10", "cp1252")
    served = build(sources, tmp_path / "wh")
    con = duckdb.connect(str(served), read_only=True)
    region = con.execute("SELECT name, level, parent, kind FROM core.regions WHERE ags = '05999004'").fetchall()
    added = con.execute("SELECT file_name, message FROM meta.findings WHERE rule = 'region_added'").fetchall()
    con.close()
    assert region == [("Nirgendwo", "gemeinde", "05", None)]
    assert [(f, m.split(" Regionalschlüssel")[0]) for f, m in added] == [("21111-01i.csv", "1")]


def test_duplicate_key(sources, served):
    warehouse, good = served
    append(sources / "21211-01i.csv", "31.12.2024;05766;Lippe, Kreis;3;3;6;3;3;6", "cp1252")
    message, findings = failing_build(sources, warehouse)
    assert findings[0] == ("error", "duplicate_key", "21211-01i.csv", 7, "21211-01i")
    assert {f[1] for f in findings[1:]} <= {"duplicate_core_key"}  # core may double the repeated line
    assert "21211-01i.csv, Zeile 7" in message and "wie in Zeile 6" in message
    assert current_path(warehouse) == good


def test_negative_count(sources, served):
    warehouse, good = served
    append(sources / "local_kita.csv", KITA_LINE.format(period="2023/24", value="-5"))
    message, findings = failing_build(sources, warehouse)
    assert findings == [("error", "negative_count", "local_kita.csv", 13, "LOCAL-KITA"),
                        ("error", "value_range", "local_kita.csv", None, "LOCAL-KITA")]
    assert "negative Anzahl -5" in message
    assert current_path(warehouse) == good


def test_period_out_of_range(sources, served):
    warehouse, good = served
    append(sources / "21211-01i.csv", "31.12.1935;05766;Lippe, Kreis;3;3;6;3;3;6", "cp1252")
    message, findings = failing_build(sources, warehouse)
    assert findings == [("error", "period_range", "21211-01i.csv", 7, "21211-01i")]
    assert "1935-12-31" in message
    assert current_path(warehouse) == good


def test_unparseable_file_is_an_error_with_the_parser_message(sources, served):
    warehouse, good = served
    (sources / "kaputt.csv").write_text("Das ist keine Statistik\n", encoding="utf-8")
    message, findings = failing_build(sources, warehouse)
    assert findings == [("error", "parse", "kaputt.csv", 1, None)]
    assert "kaputt.csv, Zeile 1" in message and "unbekanntes Dateiformat" in message
    assert current_path(warehouse) == good


def test_next_build_removes_the_failed_partial_file(sources, served):
    warehouse, _ = served
    bad = sources / "kaputt.csv"
    bad.write_text("Das ist keine Statistik\n", encoding="utf-8")
    failing_build(sources, warehouse)
    bad.unlink()
    new = build(sources, warehouse)
    assert current_path(warehouse) == new
    assert not list(warehouse.glob(f"*{PARTIAL_SUFFIX}*"))


def test_parts_and_gemeinden_warnings_are_stored_and_build_succeeds(sources, tmp_path):
    path = sources / "21111-01i.csv"  # Lemgo: 1500 + 1200 + 100 = 2800 -> total 2900 is off by 100 > 3 * 5
    path.write_bytes(path.read_bytes().replace(b"100;2800", b"100;2900"))
    path = sources / "12411-09i.csv"  # one Gemeinde 5 more than in the Kreis total (tolerance 0)
    path.write_bytes(path.read_bytes().replace(b"Gemeinde 064;100;1;98;1", b"Gemeinde 064;105;1;103;1"))
    con = duckdb.connect(str(build(sources, tmp_path / "wh")), read_only=True)
    found = con.execute("SELECT rule, table_code, message FROM meta.findings ORDER BY 1").fetchall()
    con.close()
    assert found == [
        ("gemeinden_vs_kreis", "12411-02-03-4",
         "core.population 05766 2024: Summe der 16 Gemeinden 1005 ≠ Kreiswert 1000"),
        ("parts_vs_total", "21111-01i",
         "core.pupils 05766044 2024: Summe der Teile nach school_type 2800 ≠ Insgesamt 2900"),
    ]


def test_tolerances():
    assert tolerance_per_part("21111-01i") == 5
    assert tolerance_per_part("21211-01i") == 3
    assert tolerance_per_part("12411-02-03-4") == 0


def test_cli_exit_code_and_message(sources, tmp_path):
    append(sources / "local_kita.csv", KITA_LINE.format(period="2024/25", value="400"))
    result = subprocess.run([sys.executable, "-m", "etl", "build", "--source-dir", str(sources),
                             "--warehouse-dir", str(tmp_path / "wh"), "--skip-mart"],
                            cwd=REPO, capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert "local_kita.csv, Zeile 13" in result.stderr and "Build abgebrochen" in result.stderr
    assert not (tmp_path / "wh" / "CURRENT").exists()


def test_source_without_an_expected_classification_fails_clearly(sources, served):
    from tests.build.fixtures import write_ffcsv5

    warehouse, good = served
    write_ffcsv5(sources / "12411-02-03-4_flat.csv", "12411", "STAG", ["GES"], [
        ("2024-12-31", "05766", "Lippe, Kreis", [""], "1000", "Anzahl", "BEVSTD", "Bevölkerungsstand")])
    with pytest.raises(BuildFailed, match=r"etl/sql/core/population.sql passt nicht .*ALTX14"):
        build(sources, warehouse)
    assert current_path(warehouse) == good
