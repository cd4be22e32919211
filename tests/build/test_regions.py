"""Region dimension: core.regions and core.region_groups from the catalogue (+ supplement)."""

import csv
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
    # every NRW Gemeinde (catalogue/gemeinden.csv, 396 on 01.01.2021) under its Kreis
    assert levels == {"bund": 1, "land": 1, "rb": 5, "kreis": 53, "gemeinde": 396, "jugendamt": 5,
                      "agentur": 1}
    historic = con.execute("SELECT ags, name FROM core.regions WHERE kind = 'historisch' AND ags LIKE '05%'"
                           " ORDER BY 1").fetchall()
    assert historic == [("05313", "Aachen, krfr. Stadt"), ("05354", "Aachen, Kreis")]
    assert con.execute("SELECT name, parent, nuts FROM core.regions WHERE ags = '05766'").fetchall() == [
        ("Lippe", "057", "DEA45")]
    assert con.execute("SELECT count(*) FROM core.regions WHERE level = 'gemeinde' AND parent = '05766'"
                       ).fetchall() == [(16,)]


def test_every_kreis_has_its_gemeinden_from_the_reference_list(con):
    load_regions(con, CATALOGUE)
    empty = con.execute("SELECT k.ags FROM core.regions k WHERE k.level = 'kreis' AND k.kind IS DISTINCT FROM"
                        " 'historisch' AND NOT EXISTS (SELECT 1 FROM core.regions g"
                        " WHERE g.level = 'gemeinde'"
                        " AND g.parent = k.ags)").fetchall()
    assert empty == []
    guetersloh = con.execute("SELECT ags, name, kind, nuts FROM core.regions WHERE level = 'gemeinde'"
                             " AND parent = '05754' ORDER BY ags").fetchall()
    assert [g[0] for g in guetersloh] == [f"05754{n:03d}" for n in range(4, 53, 4)]
    assert guetersloh[1] == ("05754008", "Gütersloh", "Stadt", "DEA42")  # NUTS 3 of the Kreis
    assert guetersloh[4] == ("05754020", "Herzebrock-Clarholz", "Gemeinde", "DEA42")
    # a kreisfreie Stadt is also the one Gemeinde of its Kreis
    assert con.execute("SELECT name, parent FROM core.regions WHERE ags = '05711000'").fetchall() == [
        ("Bielefeld", "05711")]


def test_regions_csv_rows_agree_with_the_reference_list():
    """regions.csv wins for a key in both files (Lippe's Gemeinden): the two must not drift apart."""
    with open(CATALOGUE / "gemeinden.csv", encoding="utf-8") as handle:
        reference = {r["ags"]: r for r in csv.DictReader(handle, delimiter=";")}
    with open(CATALOGUE / "regions.csv", encoding="utf-8") as handle:
        listed = [r for r in csv.DictReader(handle, delimiter=";") if r["level"] == "gemeinde"]
    assert listed
    for row in listed:
        assert (row["name"], row["kind"], row["parent"]) == (
            reference[row["ags"]]["name"], reference[row["ags"]]["kind"], reference[row["ags"]]["parent"])


def test_reference_gemeinde_under_an_unknown_kreis_is_an_error(tmp_path):
    for name in ("regions.csv", "jugendamt_mapping.csv", "agentur_mapping.csv"):
        (tmp_path / name).write_bytes((CATALOGUE / name).read_bytes())
    (tmp_path / "gemeinden.csv").write_text("ags;name;kind;parent\n03241001;Hannover;Stadt;03241\n",
                                            encoding="utf-8")
    with pytest.raises(RegionError, match=r"gemeinden.csv, Zeile 2: .*'03241001'"):
        read_regions(tmp_path)


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
