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
        ("R", "C", 300.0, "ok"),
        ("R", "G", 100.0, "ok"),
        ("R", "Q", None, "secret"),
        ("N", "total", 10000.0, "ok"),
        ("N", "C", 2000.0, "ok"),
        ("N", "G", 1500.0, "ok"),
        ("N", "Q", 1500.0, "ok"),
    ]
)


def test_location_quotients_known_values_and_suppressed_section():
    lq = economy.location_quotients(EMP, "R", "N").set_index("wz_section")
    assert lq.loc["C", "share"] == pytest.approx(0.3)
    assert lq.loc["C", "lq"] == pytest.approx(1.5)
    assert lq.loc["G", "lq"] == pytest.approx(0.1 / 0.15)
    assert math.isnan(lq.loc["Q", "lq"]) and lq.loc["Q", "status"] == "secret"
    assert lq.loc["C", "label"] == "Verarbeitendes Gewerbe"


def test_key_industries_need_lq_above_one_and_a_large_share():
    lq = economy.location_quotients(EMP, "R", "N")
    assert economy.key_industries(lq)["wz_section"].tolist() == ["C"]
    assert economy.key_industries(lq, min_share=0.5).empty


def test_mapping_weights_sum_to_one_and_cover_groups():
    mapping = economy.load_mapping()
    assert mapping.groupby("kldb2")["weight"].sum().round(6).eq(1).all()
    assert {"26", "62", "81"} <= set(mapping["kldb2"])
    assert set(mapping["wz_section"]) <= set(economy.WZ_LABELS)


HEADER = "kldb2;kldb2_label;wz_section;weight;note\n"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("26;Elektro;C;0.6;x\n", r"map.csv: Gewichte je Berufsgruppe müssen 1 ergeben"),
        ("26;Elektro;C;1.0;x\n62;Verkauf;Z;1.0;x\n", r"map.csv, Zeile 3: Wirtschaftsabschnitt 'Z'"),
        ("26;Elektro;C;eins;x\n", r"map.csv, Zeile 2: Gewicht 'eins'"),
        ("2a;Elektro;C;1.0;x\n", r"map.csv, Zeile 2: Berufsgruppe '2a'"),
        ("26;Elektro;C;1.0;a;b\n", r"map.csv, Zeile 2: 6 statt 5 Felder"),
    ],
)
def test_bad_mapping_is_an_error_with_file_and_line(tmp_path, body, message):
    bad = tmp_path / "map.csv"
    bad.write_text(HEADER + body, encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        economy.load_mapping(bad)


def test_training_by_sector_distributes_by_weight_and_keeps_unknowns():
    mapping = pd.DataFrame(
        {"kldb2": ["26", "26", "62"], "wz_section": ["C", "F", "G"], "weight": [0.6, 0.4, 1.0]}
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
    assert out.loc["C", "places"] == pytest.approx(60.0) and out.loc["F", "applicants"] == pytest.approx(20.0)
    assert out.loc["G", "places"] == pytest.approx(40.0)
    assert math.isnan(out.loc["G", "applicants"]) and out.loc["G", "applicants_status"] == "secret"


def test_ratio_series_per_year_with_status():
    num = pd.DataFrame({"year": [2023, 2024], "value": [60.0, None], "status": ["ok", "secret"]})
    den = pd.DataFrame({"year": [2023, 2024], "value": [1200.0, 1000.0], "status": ["ok", "ok"]})
    out = economy.ratio_series(num, den)
    assert out["value"].iloc[0] == pytest.approx(5.0)
    assert math.isnan(out["value"].iloc[1]) and out["status"].iloc[1] == "secret"


def test_sector_replacement_places_per_100_older():
    lq = economy.location_quotients(EMP, "R", "N")
    older = pd.DataFrame({"wz_section": ["C", "G"], "value": [80.0, 20.0], "status": ["ok", "ok"]})
    training = pd.DataFrame(
        {
            "wz_section": ["C", "G"],
            "places": [20.0, 5.0],
            "places_status": ["ok", "ok"],
            "applicants": [25.0, 4.0],
            "applicants_status": ["ok", "ok"],
        }
    )
    out = economy.sector_replacement(lq, older, training).set_index("wz_section")
    assert out.loc["C", "places_per_100_older"] == pytest.approx(25.0)
    assert out.loc["C", "older_share"] == pytest.approx(80 / 300)
    assert out.loc["Q", "status"] == "missing" and math.isnan(out.loc["Q", "places_per_100_older"])
