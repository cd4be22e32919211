"""Region dimension: core.regions and core.region_groups from the catalogue (+ supplement)."""

from pathlib import Path

import duckdb
import pytest

from etl.regions import RegionError, load_regions, read_regions

CATALOGUE = Path(__file__).resolve().parents[2] / "catalogue"


@pytest.fixture
def con():
    con = duckdb.connect()
    con.execute("CREATE SCHEMA core")
    yield con
    con.close()


def test_levels_and_lippe(con):
    load_regions(con, CATALOGUE)
    levels = dict(con.execute("SELECT level, count(*) FROM core.regions WHERE kind IS DISTINCT FROM"
                              " 'historisch' GROUP BY 1").fetchall())
    assert levels == {"bund": 1, "land": 1, "rb": 5, "kreis": 53, "gemeinde": 16, "jugendamt": 5,
                      "agentur": 1}
    historic = con.execute("SELECT ags, name FROM core.regions WHERE kind = 'historisch' AND ags LIKE '05%'"
                           " ORDER BY 1").fetchall()
    assert historic == [("05313", "Aachen, krfr. Stadt"), ("05354", "Aachen, Kreis")]
    assert con.execute("SELECT name, parent, nuts FROM core.regions WHERE ags = '05766'").fetchall() == [
        ("Lippe", "057", "DEA45")]
    assert con.execute("SELECT count(*) FROM core.regions WHERE level = 'gemeinde' AND parent = '05766'"
                       ).fetchall() == [(16,)]


def test_jugendaemter_cover_each_gemeinde_once(con):
    load_regions(con, CATALOGUE)
    groups = dict(con.execute("SELECT group_key, count(*) FROM core.region_groups"
                              " WHERE group_type = 'jugendamt' GROUP BY 1").fetchall())
    assert groups == {"JA05766K": 12, "JA05766008": 1, "JA05766020": 1, "JA05766040": 1, "JA05766044": 1}
    assert con.execute("SELECT count(DISTINCT member_ags), count(*) FROM core.region_groups"
                       " WHERE group_type = 'jugendamt'").fetchall() == [(16, 16)]
    assert con.execute("SELECT member_ags FROM core.region_groups WHERE group_key = 'JA05766020'"
                       ).fetchall() == [("05766020",)]


def test_agentur_mapping_has_validity_and_share(con):
    load_regions(con, CATALOGUE)
    got = con.execute("SELECT group_key, member_ags, CAST(valid_from AS TEXT), valid_to, share"
                      " FROM core.region_groups WHERE group_type = 'agentur'").fetchall()
    assert got == [("AA_DETMOLD", "05766", "2013-01-01", None, 1.0)]


def test_supplement_adds_new_keys_with_derived_level_and_parent(tmp_path):
    extra = tmp_path / "extra.csv"
    extra.write_text("ags;name;kind\n05766;Lippe (doppelt);Kreis\n03;Niedersachsen;Land\n"
                     "03241;Region Hannover;Kreis\n03241001;Hannover;Stadt\n", encoding="utf-8")
    rows = {r[0]: r for r in read_regions(CATALOGUE, extra)}
    assert rows["05766"][1] == "Lippe"  # the catalogue wins for known keys
    assert rows["03"][2:4] == ("land", None)
    assert rows["03241"][2:4] == ("kreis", "03")
    assert rows["03241001"][2:4] == ("gemeinde", "03241")


def test_bad_supplement_names_file_and_line(tmp_path):
    extra = tmp_path / "extra.csv"
    extra.write_text("ags;name\n0576;Vierstellig\n", encoding="utf-8")
    with pytest.raises(RegionError, match=r"extra.csv, Zeile 2: .*'0576'"):
        read_regions(CATALOGUE, extra)
