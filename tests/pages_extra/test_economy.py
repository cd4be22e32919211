"""Economy figures of the mart (etl/sql/mart/location_quotients.sql, economy.sql) on hand-made rows, and
the occupation-sector mapping (etl.sectors)."""

import pytest

from etl import sectors
from tests.pages_extra.mart_fixture import small_mart

KREIS, LAND = "05766", "05"


def employees(ags: str, year: int, values: dict[str, float | None], age: str = "total") -> list[tuple]:
    return [("employees", ags, year, f"{s}/{age}", v, "ok" if v is not None else "secret")
            for s, v in values.items()]


EMP = [
    *employees(KREIS, 2024, {"total": 1000.0, "B-E": 350.0, "C": 300.0, "G-U": 500.0, "G-I": 100.0,
                             "O-Q": None}),
    *employees(LAND, 2024, {"total": 10000.0, "B-E": 2500.0, "C": 2000.0, "G-U": 6000.0, "G-I": 1500.0,
                            "O-Q": 1500.0}),
]


def rows(con, sql: str, *params) -> dict:
    """Result rows by WZ section."""
    cursor = con.execute(sql, list(params))
    names = [c[0] for c in cursor.description]
    found = [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]
    return {r["wz_section"]: r for r in found}


def test_location_quotients_known_values_and_suppressed_section():
    con = small_mart(EMP)
    lq = rows(con, "SELECT * FROM mart.sector_structure WHERE ags = ? AND year = 2024", KREIS)
    assert lq["C"]["share"] == pytest.approx(30.0) and lq["C"]["ref_share"] == pytest.approx(20.0)
    assert lq["C"]["lq"] == pytest.approx(1.5) and lq["C"]["ref_ags"] == LAND
    assert lq["G-I"]["lq"] == pytest.approx(0.1 / 0.15)
    assert lq["O-Q"]["lq"] is None and lq["O-Q"]["status"] == "secret"  # suppressed: unknown, not 0
    assert lq["C"]["label"] == "darunter Verarbeitendes Gewerbe (C)"
    assert lq["B-E"]["label"] == "Produzierendes Gewerbe ohne Baugewerbe (B-E)"
    assert sorted(lq, key=lambda s: lq[s]["position"]) == ["B-E", "C", "G-I", "O-Q"]  # no aggregate G-U
    assert lq["C"]["provenance"] == "synthetic"


def test_key_industries_need_lq_above_one_and_a_large_share():
    con = small_mart(EMP)
    keys = con.execute("SELECT wz_section FROM mart.sector_structure WHERE ags = ? AND key_industry "
                       "ORDER BY share DESC", [KREIS]).fetchall()
    assert [k[0] for k in keys] == ["B-E", "C"]  # LQ 1.4 and 1.5; G-I has LQ < 1


def test_mapping_weights_sum_to_one_and_cover_groups():
    mapping = sectors.load_mapping()
    sums: dict[str, float] = {}
    for code, _, _, weight, _ in mapping:
        sums[code] = sums.get(code, 0.0) + weight
    assert all(round(total, 6) == 1 for total in sums.values())
    assert {"26", "62", "81"} <= set(sums)
    assert {section for _, _, section, _, _ in mapping} <= set(sectors.PARTITION)
    electro = {section: weight for code, _, section, weight, _ in mapping if code == "26"}
    assert electro == {"B-E": pytest.approx(0.7), "F": pytest.approx(0.3)}  # C 0.6 + D 0.1 in B-E


HEADER = "kldb2;kldb2_label;wz_section;weight;note\n"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("26;Elektro;B-E;0.6;x\n", r"map.csv: Gewichte je Berufsgruppe müssen 1 ergeben"),
        ("26;Elektro;B-E;1.0;x\n62;Verkauf;Z;1.0;x\n", r"map.csv, Zeile 3: Wirtschaftsbereich 'Z'"),
        ("26;Elektro;C;1.0;x\n", r"map.csv, Zeile 2: Wirtschaftsbereich 'C' unbekannt"),  # inside B-E
        ("26;Elektro;B-E;eins;x\n", r"map.csv, Zeile 2: Gewicht 'eins'"),
        ("2a;Elektro;B-E;1.0;x\n", r"map.csv, Zeile 2: Berufsgruppe '2a'"),
        ("26;Elektro;B-E;1.0;a;b\n", r"map.csv, Zeile 2: 6 statt 5 Felder"),
    ],
)
def test_bad_mapping_is_an_error_with_file_and_line(tmp_path, body, message):
    bad = tmp_path / "map.csv"
    bad.write_text(HEADER + body, encoding="utf-8")
    with pytest.raises(sectors.MappingError, match=message):
        sectors.load_mapping(bad)


def market(ags: str, year: int, values: dict[str, float | None]) -> list[tuple]:
    return [("training_market", ags, year, key, v, "ok" if v is not None else "secret")
            for key, v in values.items()]


MARKET = market("AA_TEST", 2024, {"26/places": 100.0, "26/applicants": 50.0, "62/places": 40.0,
                                  "62/applicants": None, "total/places": 140.0})


@pytest.fixture
def mapping(tmp_path):
    path = tmp_path / "mapping.csv"
    path.write_text(HEADER + "26;Elektro;B-E;0.6;x\n26;Elektro;F;0.4;x\n62;Verkauf;G-I;1.0;x\n",
                    encoding="utf-8")
    return path


def test_training_by_sector_distributes_by_weight_and_keeps_unknowns(mapping):
    con = small_mart(MARKET, mapping=mapping)
    out = rows(con, "SELECT * FROM mart.training_by_sector WHERE ags = 'AA_TEST' AND year = 2024")
    assert out["B-E"]["places"] == pytest.approx(60.0)
    assert out["F"]["applicants"] == pytest.approx(20.0)
    assert out["G-I"]["places"] == pytest.approx(40.0)
    assert out["G-I"]["applicants"] is None and out["G-I"]["applicants_status"] == "secret"
    assert "total" not in out and set(out) == {"B-E", "F", "G-I"}


def test_sector_training_places_per_100_employees_of_the_partition(mapping):
    places = market("AA_TEST", 2024, {"26/places": 23.3333333333, "26/applicants": 30.0, "62/places": 5.0,
                                      "62/applicants": 4.0})
    con = small_mart([*EMP, *places], mapping=mapping)
    out = rows(con, "SELECT * FROM mart.sector_training(?, 2024, 'AA_TEST', 2024)", KREIS)
    assert set(out) == {"B-E", "G-I", "O-Q"}  # C lies inside B-E
    assert out["B-E"]["places_per_100"] == pytest.approx(14.0 / 350 * 100)  # 0.6 × 23.33 places
    assert out["G-I"]["places_per_100"] == pytest.approx(5.0)
    assert out["O-Q"]["status"] == "secret" and out["O-Q"]["places_per_100"] is None
    none = rows(con, "SELECT * FROM mart.sector_training(?, 2024, NULL, NULL)", KREIS)
    assert none["B-E"]["places_status"] == "missing" and none["B-E"]["places_per_100"] is None


def test_training_rates_per_older_employees_and_the_catalogue_indicator():
    apprentices = [("apprentices", KREIS, 2023, "total/apprentices", 60.0, "ok"),
                   ("apprentices", KREIS, 2024, "total/apprentices", None, "secret")]
    older = [row for year in (2023, 2024) for row in employees(
        KREIS, year, {"total": 1200.0}) + [("employees", KREIS, year, f"total/{g}", v, "ok")
                                         for g, v in (("50-60", 200.0), ("60-65", 90.0), ("65-", 10.0))]]
    con = small_mart([*apprentices, *older], indicator_ids=("training_rate",))
    rates = con.execute("SELECT measure, year, value, status, numerator, denominator "
                        "FROM mart.training_rates ORDER BY measure, year").fetchall()
    assert rates[0][:2] == ("per_older_employees", 2023) and rates[0][2] == pytest.approx(20.0)  # 60 / 300
    assert rates[0][4:] == (60.0, 300.0)
    assert rates[1][2] is None and rates[1][3] == "secret"
    assert rates[2][:2] == ("training_rate", 2023) and rates[2][2] == pytest.approx(5.0)
    card = con.execute("SELECT value FROM mart.indicator_values WHERE indicator_id = 'training_rate' "
                       "AND year = 2023").fetchone()[0]
    assert rates[2][2] == card  # the chart reads the catalogue indicator


def test_older_employees_unknown_when_an_age_group_is_missing():
    rows_ = [("apprentices", KREIS, 2023, "total/apprentices", 60.0, "ok"),
             ("employees", KREIS, 2023, "total/50-60", 200.0, "ok"),
             ("employees", KREIS, 2023, "total/60-65", 90.0, "ok")]
    con = small_mart(rows_)
    value, status = con.execute("SELECT value, status FROM mart.training_rates "
                                "WHERE measure = 'per_older_employees'").fetchone()
    assert value is None and status == "missing"
