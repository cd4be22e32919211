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
from tests.build.fixtures import (
    append,
    leavers_row,
    population_gemeinden,
    population_groups,
    pupils,
    write_flat,
)

REPO = Path(__file__).resolve().parents[2]
KITA_LINE = "LOCAL-KITA;{period};JA05766K;Kreisjugendamt Lippe;places;u3;Anzahl;{value}"
#: a pupils line (21111-01-03-4) of another region: Insgesamt row, six value columns
PUPILS_LINE = "2023;{ags};      {label};Insgesamt;20;3005;1500;100;x;x"


def failing_build(sources: Path, warehouse: Path) -> tuple[str, list[tuple]]:
    """Build once cleanly, break nothing else, then return the failure message and stored findings."""
    with pytest.raises(BuildFailed) as info:
        build(sources, warehouse)
    partial = next(warehouse.glob(f"*{PARTIAL_SUFFIX}"))
    con = duckdb.connect(str(partial), read_only=True)
    findings = con.execute(
        "SELECT severity, rule, file_name, line, table_code FROM meta.findings WHERE severity = 'error'"
    ).fetchall()
    con.close()
    return str(info.value), findings


@pytest.fixture
def served(sources: Path, tmp_path: Path) -> tuple[Path, Path]:
    """A warehouse with a good build served; returns (warehouse dir, served file)."""
    warehouse = tmp_path / "wh"
    return warehouse, build(sources, warehouse)


def test_malformed_region_key_names_file_and_line(sources, served):
    warehouse, good = served
    # a Tabellen-CSV key column holds only well-formed keys (else it is no key column): use a flat file
    flat = sources / "12411-01-01-4_1740000000000_de_flat.csv"
    last = flat.read_bytes().decode("utf-8-sig").splitlines()[-1]
    append(flat, last.replace(";05711;Bielefeld, kreisfreie Stadt;", ";057110;Nirgendwo;"), "utf-8")
    message, findings = failing_build(sources, warehouse)
    assert [f for f in findings if f[1] == "unknown_region"] == [
        ("error", "unknown_region", flat.name, 8, "12411-01-01-4")
    ]
    assert f"{flat.name}, Zeile 8" in message and "057110" in message
    assert current_path(warehouse) == good


def test_unknown_official_key_is_added_with_a_warning(sources, tmp_path):
    # a Kreis of another Land, as in a Germany-wide download of the Regionaldatenbank
    append(
        sources / "21111-01-03-4.csv", PUPILS_LINE.format(ags="16077", label="Altenburger Land, Landkreis")
    )
    served = build(sources, tmp_path / "wh")
    con = duckdb.connect(str(served), read_only=True)
    region = con.execute("SELECT name, level, parent, kind FROM core.regions WHERE ags = '16077'").fetchall()
    added = con.execute("SELECT file_name, message FROM meta.findings WHERE rule = 'region_added'").fetchall()
    pupils_16077 = con.execute("SELECT school_type, value FROM core.pupils WHERE ags = '16077'").fetchall()
    con.close()
    assert region == [("Altenburger Land, Landkreis", "kreis", "16", None)]
    assert [(f, m.split(" Regionalschlüssel")[0]) for f, m in added] == [("21111-01-03-4.csv", "1")]
    assert pupils_16077 == [("total", 3005.0)]


def test_duplicate_key(sources, served):
    warehouse, good = served
    append(sources / "21111-02-06-4.csv", leavers_row())  # Lippe's line (10) once more
    message, findings = failing_build(sources, warehouse)
    assert findings == [("error", "duplicate_key", "21111-02-06-4.csv", 11, "21111-02-06-4")]
    assert "21111-02-06-4.csv, Zeile 11" in message and "wie in Zeile 10" in message
    assert current_path(warehouse) == good


def test_negative_count(sources, served):
    warehouse, good = served
    append(sources / "local_kita.csv", KITA_LINE.format(period="2023/24", value="-5"), "utf-8")
    message, findings = failing_build(sources, warehouse)
    assert findings == [
        ("error", "negative_count", "local_kita.csv", 13, "LOCAL-KITA"),
        ("error", "value_range", "local_kita.csv", None, "LOCAL-KITA"),
    ]
    assert "negative Anzahl -5" in message
    assert current_path(warehouse) == good


def test_period_out_of_range(sources, served):
    warehouse, good = served
    append(sources / "21111-02-06-4.csv", leavers_row(time="1935"))
    message, findings = failing_build(sources, warehouse)
    assert findings == [("error", "period_range", "21111-02-06-4.csv", 11, "21111-02-06-4")]
    assert "21111-02-06-4.csv, Zeile 11" in message and "'1935'" in message
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
    # Bielefeld: parts 30400, total 30500: off by 100 > 11 parts x 5 (rounding_base of 21111-01-03-4)
    pupils(sources, bielefeld_total="30500")
    # Schlangen 5 more (total and "90 Jahre und mehr") than in every Kreis total of Lippe (tolerance 0)
    population_gemeinden(sources, schlangen_extra=5)
    con = duckdb.connect(str(build(sources, tmp_path / "wh")), read_only=True)
    found = con.execute(
        "SELECT rule, file_name, table_code, message FROM meta.findings ORDER BY 1, 3"
    ).fetchall()
    con.close()
    gemeinden = "core.population 05766 2024: Summe der 16 Gemeinden 1825 ≠ Kreiswert 1820"
    assert found == [
        (
            "gemeinden_vs_kreis",
            "12411-01-01-4_1740000000000_de_flat.csv, 12411-09i.csv",
            "12411-01-01-4",
            gemeinden,
        ),
        ("gemeinden_vs_kreis", "12411-02-03-4.csv, 12411-09i.csv", "12411-02-03-4", gemeinden),
        ("gemeinden_vs_kreis", "12411-09i.csv", "12411-09i", gemeinden),
        (
            "parts_vs_total",
            "21111-01-03-4.csv",
            "21111-01-03-4",
            "core.pupils 05711 2023: Summe der Teile nach school_type 30400 ≠ Insgesamt 30500",
        ),
    ]


def test_parts_within_the_rounding_tolerance_are_no_warning(sources, tmp_path):
    pupils(sources, bielefeld_total="30455")  # off by 55 = 11 parts x 5
    con = duckdb.connect(str(build(sources, tmp_path / "wh")), read_only=True)
    assert con.execute("SELECT count(*) FROM meta.findings").fetchone() == (0,)
    con.close()


def test_tolerances():
    assert tolerance_per_part("21111-01-03-4") == 5
    assert tolerance_per_part("21111-02-06-4") == 5
    assert tolerance_per_part("LOCAL-UEBERGAENGE") == 5
    assert tolerance_per_part("LOCAL-AUSZUBILDENDE") == 3
    assert tolerance_per_part("12411-02-03-4") == 0


def test_cli_exit_code_and_message(sources, tmp_path):
    append(sources / "local_kita.csv", KITA_LINE.format(period="2024/25", value="400"), "utf-8")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "etl",
            "build",
            "--source-dir",
            str(sources),
            "--warehouse-dir",
            str(tmp_path / "wh"),
            "--skip-mart",
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "local_kita.csv, Zeile 13" in result.stderr and "Build abgebrochen" in result.stderr
    assert not (tmp_path / "wh" / "CURRENT").exists()


def test_unknown_label_is_a_warning_naming_file_and_line_and_never_summed(sources, tmp_path):
    """An age group the catalogue does not know (ALTX20 has no 0-1 band): its row is left out with the
    warning stage_unmapped; the build succeeds and the known rows are used as delivered."""
    path = population_groups(sources)
    append(path, "31.12.2024;05766;      Lippe, Kreis;unter 1 Jahr (geschätzt);20;10;10")  # line 43
    con = duckdb.connect(str(build(sources, tmp_path / "wh")), read_only=True)
    found = con.execute(
        "SELECT severity, rule, file_name, line, table_code, message FROM meta.findings"
    ).fetchall()
    lippe = con.execute(
        "SELECT count(*), sum(value) FILTER (WHERE age_to IS NULL AND age_from = 0)"
        " FROM core.population WHERE ags = '05766' AND table_code = '12411-02-03-4'"
        " AND sex = 'total'"
    ).fetchone()
    con.close()
    [(severity, rule, file_name, line, code, message)] = found
    assert (severity, rule, file_name, line, code) == (
        "warning",
        "stage_unmapped",
        "12411-02-03-4.csv",
        43,
        "12411-02-03-4",
    )
    assert "'unter 1 Jahr (geschätzt)' nicht im Katalog" in message
    assert lippe == (18, 1820.0)


def test_extra_classification_in_a_flat_file_keeps_its_total(sources, tmp_path):
    """A flat file with a breakdown the catalogue does not list for the table (nationality in
    12411-01-01-4): only its total rows are used, its parts are never added to the total."""
    total, sexes = ("", "Insgesamt"), [("", "Insgesamt"), ("GESM", "männlich"), ("GESW", "weiblich")]
    rows = [
        ("2024-12-31", "05766", "Lippe, Kreis", [sex, total], cell)
        for sex, cell in zip(sexes, ("1820", "905", "915"), strict=True)
    ]
    rows.append(("2024-12-31", "05766", "Lippe, Kreis", [total, ("NATA", "Ausländer(innen)")], "100"))
    rows += [
        ("2024-12-31", "05711", "Bielefeld, kreisfreie Stadt", [sex, total], cell)
        for sex, cell in zip(sexes, ("910", "455", "455"), strict=True)
    ]
    write_flat(
        sources / "12411-01-01-4_1740000000000_de_flat.csv",
        ("12411", "Fortschreibung des Bevölkerungsstandes", "STAG", "Stichtag"),
        ("KREISE", "Kreise und kreisfreie Städte"),
        [("GES", "Geschlecht"), ("NAT", "Nationalität")],
        ("Anzahl", "BEVSTD", "Bevölkerungsstand"),
        rows,
    )
    con = duckdb.connect(str(build(sources, tmp_path / "wh")), read_only=True)
    raw = con.execute('SELECT count(*) FROM raw."12411-01-01-4"').fetchone()
    core = con.execute(
        "SELECT sex, value FROM core.population WHERE ags = '05766'"
        " AND table_code = '12411-01-01-4' ORDER BY 1"
    ).fetchall()
    findings = con.execute("SELECT count(*) FROM meta.findings").fetchone()
    con.close()
    assert raw == (7,)
    assert core == [("f", 915.0), ("m", 905.0), ("total", 1820.0)]
    assert findings == (0,)
