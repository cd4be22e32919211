"""12411-02-03-5 fills Gemeinde population that 12411-09i lacks; the source folder's region supplement."""

from pathlib import Path

import duckdb
import pytest

from etl.build import BuildFailed
from etl.warehouse import current_path
from tests.build.conftest import build
from tests.build.fixtures import write_ffcsv5

SUPPLEMENT = "ags;name;level;parent;kind;nuts\n03;Niedersachsen;land;DG;Land;\n" \
             "03241;Region Hannover;kreis;03;Kreis;\n03241001;Hannover;gemeinde;03241;Stadt;\n"


def gemeinden_table(folder: Path) -> Path:
    """12411-02-03-5 (region variable GEMEIN): Detmold 2024 (in 12411-09i), Detmold 2023, Hannover 2024."""
    rows = []
    for time, ags, label, total in (("2024-12-31", "05766020", "Detmold, Stadt", 2000),
                                    ("2023-12-31", "05766020", "Detmold, Stadt", 100),
                                    ("2024-12-31", "03241001", "Hannover, Landeshauptstadt", 500)):
        for sex, share in (("", 1.0), ("GESM", 0.4), ("GESW", 0.6)):
            for age, part in (("", 1.0), ("ALT000B03", 0.1), ("ALT003B06", 0.2), ("ALT075UM", 0.7)):
                cell = str(round(total * share * part))
                rows.append((time, ags, label, [sex, age], cell, "Anzahl", "BEVSTD", "Bevölkerungsstand"))
    path = write_ffcsv5(folder / "12411-02-03-5_flat.csv", "12411", "STAG", ["GES", "ALTX14"], rows)
    kreise = "KREISE;Kreise und kreisfreie Städte".encode()
    path.write_bytes(path.read_bytes().replace(kreise, b"GEMEIN;Gemeinden"))
    return path


def population(con: duckdb.DuckDBPyConnection, ags: str) -> list[tuple]:
    return con.execute("SELECT year, sex, age_from, age_to, value, table_code FROM core.population"
                       " WHERE ags = ? ORDER BY year, sex, age_from", [ags]).fetchall()


@pytest.fixture
def gemeinde_sources(sources: Path) -> Path:
    gemeinden_table(sources)
    (sources / "meta").mkdir()
    (sources / "meta" / "regions_supplement.csv").write_text(SUPPLEMENT, encoding="utf-8")
    return sources


def test_regional_table_only_where_ldb_table_has_no_figure(gemeinde_sources: Path, tmp_path: Path, capsys):
    build(gemeinde_sources, tmp_path / "warehouse")
    assert "Regionen-Ergänzung aus dem Quellordner" in capsys.readouterr().out
    with duckdb.connect(str(current_path(tmp_path / "warehouse")), read_only=True) as con:
        detmold = population(con, "05766020")
        hannover = population(con, "03241001")
        assert con.execute("SELECT count(*) FROM meta.findings WHERE severity = 'error'").fetchone() == (0,)
    # 2024 from 12411-09i (60, single years, sex total only); 12411-02-03-5's 2000 is not used
    assert [r for r in detmold if r[0] == 2024 and r[2] == 0 and r[3] is None] == [
        (2024, "total", 0, None, 60.0, "12411-09i")]
    assert {r[5] for r in detmold if r[0] == 2024} == {"12411-09i"}
    # 2023 only in 12411-02-03-5: all of its 12 rows, by sex and age group
    in_2023 = [r for r in detmold if r[0] == 2023]
    assert len(in_2023) == 12 and {r[5] for r in in_2023} == {"12411-02-03-5"}
    assert (2023, "f", 0, 3, 6.0, "12411-02-03-5") in in_2023
    assert [r[4] for r in hannover if r[1] == "total" and r[2] == 0 and r[3] is None] == [500.0]


def test_explicit_regions_file_overrides_the_supplement(gemeinde_sources: Path, tmp_path: Path):
    broken = "ags;name\n0324;vierstellig\n"  # would stop the build if it were read
    (gemeinde_sources / "meta" / "regions_supplement.csv").write_text(broken, encoding="utf-8")
    explicit = tmp_path / "regions.csv"
    explicit.write_text(SUPPLEMENT, encoding="utf-8")
    build(gemeinde_sources, tmp_path / "warehouse", regions=explicit)
    with duckdb.connect(str(current_path(tmp_path / "warehouse")), read_only=True) as con:
        assert con.execute("SELECT name FROM core.regions WHERE ags = '03241001'").fetchone() == ("Hannover",)


def test_without_supplement_the_unknown_gemeinde_is_added_from_the_file(sources: Path, tmp_path: Path):
    gemeinden_table(sources)
    build(sources, tmp_path / "warehouse")
    with duckdb.connect(str(current_path(tmp_path / "warehouse")), read_only=True) as con:
        assert con.execute("SELECT level, parent FROM core.regions WHERE ags = '03241001'").fetchone() == (
            "gemeinde", "03")
        assert con.execute("SELECT count(*) FROM meta.findings WHERE rule = 'region_added'").fetchone() == (1,)
