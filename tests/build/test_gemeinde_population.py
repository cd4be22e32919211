"""Gemeinde population from 12411-09i (LDB, single years) and 12411-02-03-5 (Regionaldatenbank, ALTX20
groups by sex, all Länder): core keeps both, mart.population_bands takes per band the newer Stand;
the source folder's region supplement."""

import json
from pathlib import Path

import duckdb
import pytest

from etl.warehouse import current_path
from tests.build.conftest import build
from tests.build.fixtures import ALTX20, write_flat

SUPPLEMENT = (
    "ags;name;level;parent;kind;nuts\n03;Niedersachsen;land;DG;Land;\n"
    "03241;Region Hannover;kreis;03;Kreis;\n03241001;Hannover;gemeinde;03241;Stadt;\n"
)
FLAT = "12411-02-03-5_1740000000000_de_flat.csv"
#: (Stichtag, key, label, men per year of age, women per year of age); "75 Jahre und mehr" = 16 years
GEMEINDEN = (
    ("2024-12-31", "05766020", "Detmold, Stadt", 10, 10),
    ("2023-12-31", "05766020", "Detmold, Stadt", 4, 6),
    ("2024-12-31", "03241001", "Hannover, Landeshauptstadt", 2, 3),
)


def gemeinden_table(folder: Path) -> Path:
    """12411-02-03-5 flat file (region variable GEMEIN): Detmold 2024 (also in 12411-09i), Detmold 2023
    (only here), Hannover 2024 (not in the region dimension)."""
    sexes = [("", "Insgesamt"), ("GESM", "männlich"), ("GESW", "weiblich")]
    rows = []
    for time, ags, label, men, women in GEMEINDEN:
        for (sex, sex_label), per_age in zip(sexes, (men + women, men, women), strict=True):
            rows.append((time, ags, label, [(sex, sex_label), ("", "Insgesamt")], str(91 * per_age)))
            rows += [
                (time, ags, label, [(sex, sex_label), (code, age)], str((end - start) * per_age))
                for code, age, start, end in ALTX20
            ]
    return write_flat(
        folder / FLAT,
        ("12411", "Fortschreibung des Bevölkerungsstandes", "STAG", "Stichtag"),
        ("GEMEIN", "Gemeinden"),
        [("GES", "Geschlecht"), ("ALTX20", "Altersgruppen (unter 3 bis 75 u. m.)")],
        ("Anzahl", "BEVSTD", "Bevölkerungsstand"),
        rows,
    )


def population(con: duckdb.DuckDBPyConnection, ags: str) -> list[tuple]:
    return con.execute(
        "SELECT year, sex, age_from, age_to, value, table_code FROM core.population"
        " WHERE ags = ? ORDER BY year, sex, age_from, age_to NULLS LAST, table_code",
        [ags],
    ).fetchall()


def bands(con: duckdb.DuckDBPyConnection, ags: str) -> dict[tuple, float]:
    return dict(
        ((year, band), value)
        for year, band, value in con.execute(
            "SELECT year, band, value FROM mart.population_bands WHERE ags = ? AND band IN ('total', 'u3')",
            [ags],
        ).fetchall()
    )


@pytest.fixture
def gemeinde_sources(sources: Path) -> Path:
    gemeinden_table(sources)
    (sources / "meta").mkdir()
    (sources / "meta" / "regions_supplement.csv").write_text(SUPPLEMENT, encoding="utf-8")
    return sources


def test_core_keeps_both_tables_and_the_ldb_table_wins_where_the_flat_file_has_no_stand(
    gemeinde_sources: Path, tmp_path: Path, capsys
):
    build(gemeinde_sources, tmp_path / "warehouse", with_mart=True)
    assert "Regionen-Ergänzung aus dem Quellordner" in capsys.readouterr().out
    with duckdb.connect(str(current_path(tmp_path / "warehouse")), read_only=True) as con:
        detmold, hannover = population(con, "05766020"), population(con, "03241001")
        detmold_bands, hannover_bands = bands(con, "05766020"), bands(con, "03241001")
        findings = con.execute("SELECT rule FROM meta.findings").fetchall()
    assert findings == []  # Gemeinden per table: 12411-09i's 16 still add up to the Kreis
    # core: 2024 from both tables (92 single years of 12411-09i, 3 x 18 rows of 12411-02-03-5), 2023 only here
    assert {(r[0], r[5]): 0 for r in detmold}.keys() == {
        (2024, "12411-09i"),
        (2024, "12411-02-03-5"),
        (2023, "12411-02-03-5"),
    }
    assert sum(r[5] == "12411-09i" for r in detmold) == 92
    assert sum(r[0] == 2023 for r in detmold) == 54
    assert (2023, "f", 0, 3, 18.0, "12411-02-03-5") in detmold
    assert [r[4] for r in detmold if r[0] == 2024 and r[1] == "total" and r[2] == 0 and r[3] is None] == [
        1820.0,
        91.0,
    ]
    # mart: 12411-09i (Stand 16.02.2026) before the flat file without Stand; 2023 only from the flat file
    assert detmold_bands == {
        (2024, "total"): 91.0,
        (2024, "u3"): 3.0,
        (2023, "total"): 910.0,
        (2023, "u3"): 30.0,
    }
    assert hannover_bands == {(2024, "total"): 455.0, (2024, "u3"): 15.0}
    assert [r[4] for r in hannover if r[1] == "total" and r[2] == 0 and r[3] is None] == [455.0]


def test_a_newer_stand_of_the_flat_file_wins_per_band(gemeinde_sources: Path, tmp_path: Path):
    manifest = {"tables": {"12411-02-03-5": {"file": FLAT, "stand": None, "updated": "01.03.2026 10:00:00h"}}}
    (gemeinde_sources / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    build(gemeinde_sources, tmp_path / "warehouse", with_mart=True)
    with duckdb.connect(str(current_path(tmp_path / "warehouse")), read_only=True) as con:
        detmold = bands(con, "05766020")
        revisions = con.execute(
            "SELECT table_code, previous_value, value FROM meta.revisions"
            " WHERE ags = '05766020' AND period = '2024-12-31'"
        ).fetchall()
    assert detmold[(2024, "total")] == 1820.0 and detmold[(2024, "u3")] == 60.0
    # the differing Gemeinde totals are recorded (newer Stand first)
    assert revisions == [("12411-02-03-5", 91.0, 1820.0)]


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
        assert con.execute(
            "SELECT name, level, parent FROM core.regions WHERE ags = '03241001'"
        ).fetchone() == ("Hannover, Landeshauptstadt", "gemeinde", "03")
        assert con.execute("SELECT file_name FROM meta.findings WHERE rule = 'region_added'").fetchall() == [
            (FLAT,)
        ]
