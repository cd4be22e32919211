"""Economy computations on hand-made frames."""

import math

import pandas as pd
import pytest

from monitor import economy


def employees(rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["ags", "wz_section", "value", "status"])


EMP = employees(
    [
        ("R", "total", 1000.0, "ok"),
        ("R", "B-E", 350.0, "ok"),
        ("R", "C", 300.0, "ok"),
        ("R", "G-U", 500.0, "ok"),
        ("R", "G-I", 100.0, "ok"),
        ("R", "O-Q", None, "secret"),
        ("N", "total", 10000.0, "ok"),
        ("N", "B-E", 2500.0, "ok"),
        ("N", "C", 2000.0, "ok"),
        ("N", "G-U", 6000.0, "ok"),
        ("N", "G-I", 1500.0, "ok"),
        ("N", "O-Q", 1500.0, "ok"),
    ]
)


def test_location_quotients_known_values_and_suppressed_section():
    lq = economy.location_quotients(EMP, "R", "N").set_index("wz_section")
    assert lq.loc["C", "share"] == pytest.approx(0.3)
    assert lq.loc["C", "lq"] == pytest.approx(1.5)
    assert lq.loc["G-I", "lq"] == pytest.approx(0.1 / 0.15)
    assert math.isnan(lq.loc["O-Q", "lq"]) and lq.loc["O-Q", "status"] == "secret"
    assert lq.loc["C", "label"] == "darunter Verarbeitendes Gewerbe (C)"
    assert lq.loc["B-E", "label"] == "Produzierendes Gewerbe ohne Baugewerbe (B-E)"
    assert list(lq.index) == ["B-E", "C", "G-I", "O-Q"]  # the aggregate G-U is not a row


def test_key_industries_need_lq_above_one_and_a_large_share():
    lq = economy.location_quotients(EMP, "R", "N")
    assert economy.key_industries(lq)["wz_section"].tolist() == ["B-E", "C"]  # LQ 1.4 and 1.5
    assert economy.key_industries(lq, min_share=0.5).empty


def test_mapping_weights_sum_to_one_and_cover_groups():
    mapping = economy.load_mapping()
    assert mapping.groupby("kldb2")["weight"].sum().round(6).eq(1).all()
    assert {"26", "62", "81"} <= set(mapping["kldb2"])
    assert set(mapping["wz_section"]) <= set(economy.PARTITION)
    electro = mapping[mapping["kldb2"] == "26"].set_index("wz_section")["weight"]
    assert electro.to_dict() == {"B-E": pytest.approx(0.7), "F": pytest.approx(0.3)}  # C 0.6 + D 0.1 in B-E


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
    with pytest.raises(ValueError, match=message):
        economy.load_mapping(bad)


def test_training_by_sector_distributes_by_weight_and_keeps_unknowns():
    mapping = pd.DataFrame(
        {"kldb2": ["26", "26", "62"], "wz_section": ["B-E", "F", "G-I"], "weight": [0.6, 0.4, 1.0]}
    )
    market = pd.DataFrame(
        [
            ("26", "places", 100.0, "ok"),
            ("26", "applicants", 50.0, "ok"),
            ("62", "places", 40.0, "ok"),
            ("62", "applicants", None, "secret"),
            ("total", "places", 140.0, "ok"),
        ],
        columns=["occupation_group", "measure", "value", "status"],
    )
    out = economy.training_by_sector(market, mapping).set_index("wz_section")
    assert out.loc["B-E", "places"] == pytest.approx(60.0)
    assert out.loc["F", "applicants"] == pytest.approx(20.0)
    assert out.loc["G-I", "places"] == pytest.approx(40.0)
    assert math.isnan(out.loc["G-I", "applicants"]) and out.loc["G-I", "applicants_status"] == "secret"


def test_ratio_series_per_year_with_status():
    num = pd.DataFrame({"year": [2023, 2024], "value": [60.0, None], "status": ["ok", "secret"]})
    den = pd.DataFrame({"year": [2023, 2024], "value": [1200.0, 1000.0], "status": ["ok", "ok"]})
    out = economy.ratio_series(num, den)
    assert out["value"].iloc[0] == pytest.approx(5.0)
    assert math.isnan(out["value"].iloc[1]) and out["status"].iloc[1] == "secret"


def test_sector_training_places_per_100_employees_of_the_partition():
    lq = economy.location_quotients(EMP, "R", "N")
    training = pd.DataFrame(
        {
            "wz_section": ["B-E", "G-I"],
            "places": [14.0, 5.0],
            "places_status": ["ok", "ok"],
            "applicants": [25.0, 4.0],
            "applicants_status": ["ok", "ok"],
        }
    )
    out = economy.sector_training(lq, training).set_index("wz_section")
    assert list(out.index) == ["B-E", "G-I", "O-Q"]  # C lies inside B-E; sorted by employees
    assert out.loc["B-E", "places_per_100"] == pytest.approx(4.0)
    assert out.loc["G-I", "places_per_100"] == pytest.approx(5.0)
    assert out.loc["O-Q", "status"] == "secret" and math.isnan(out.loc["O-Q", "places_per_100"])
