"""Peer similarity and ranking on hand-made frames."""

import math

import pandas as pd
import pytest

from monitor import compare

SPECS = [{"id": "a", "weight": 1.0, "transform": "none"}, {"id": "b", "weight": 1.0, "transform": "log"}]


def features(rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["ags", "feature", "value", "status"])


def test_similarity_standardised_distance_and_peers():
    # a: 0, 2, 4, 6 -> mean 3, sd sqrt(5); b: log values equal -> sd 0 -> contributes nothing
    data = features(
        [(r, "a", v, "ok") for r, v in [("R", 0.0), ("P1", 2.0), ("P2", 4.0), ("P3", 6.0)]]
        + [(r, "b", 10.0, "ok") for r in ["R", "P1", "P2", "P3"]]
    )
    out = compare.similarity(data, "R", SPECS, k=2).set_index("ags")
    assert out.loc["P1", "distance"] == pytest.approx(2 / math.sqrt(5))
    assert out.loc["P3", "distance"] == pytest.approx(6 / math.sqrt(5))
    assert out.index[0] == "R" and out.loc["R", "distance"] == 0
    assert out["peer"].to_dict() == {"R": False, "P1": True, "P2": True, "P3": False}


def test_similarity_excludes_candidates_with_suppressed_feature():
    data = features(
        [("R", "a", 1.0, "ok"), ("P1", "a", 1.1, "ok"), ("P2", "a", None, "secret"), ("P3", "a", 5.0, "ok")]
    )
    out = compare.similarity(data, "R", SPECS[:1], k=5).set_index("ags")
    assert math.isnan(out.loc["P2", "distance"]) and not out.loc["P2", "peer"]
    assert out.loc[["P1", "P3"], "peer"].all()


def test_similarity_reference_without_value_is_an_error():
    data = features([("R", "a", None, "secret"), ("P1", "a", 1.0, "ok"), ("P2", "a", 2.0, "ok")])
    with pytest.raises(ValueError, match="Referenzregion R"):
        compare.similarity(data, "R", SPECS[:1], k=1)


def test_ranking_respects_direction_and_skips_unknown():
    latest = pd.DataFrame(
        {"ags": ["A", "B", "C", "D"], "value": [5.0, 7.0, None, 6.0], "status": ["ok", "ok", "secret", "ok"]}
    )
    lower = compare.ranking(latest, "lower_better")
    assert lower["ags"].tolist() == ["A", "D", "B", "C"] and lower["rank"].tolist()[:3] == [1, 2, 3]
    assert math.isnan(lower["rank"].iloc[3])
    assert compare.ranking(latest, "higher_better")["ags"].tolist()[:3] == ["B", "D", "A"]


def test_share_of_total_and_latest_year_for_reference():
    frame = pd.DataFrame(
        [
            ("R", 2024, 300.0, "ok", "C"),
            ("R", 2024, 1000.0, "ok", "total"),
            ("S", 2024, None, "secret", "C"),
            ("S", 2024, 500.0, "ok", "total"),
        ],
        columns=["ags", "year", "value", "status", "part"],
    )
    out = compare.share_of_total(frame, "C").set_index("ags")
    assert out.loc["R", "value"] == pytest.approx(30.0) and out.loc["S", "status"] == "secret"
    values = pd.DataFrame(
        {
            "ags": ["R", "R", "S"],
            "year": [2023, 2024, 2025],
            "value": [1.0, None, 2.0],
            "status": ["ok", "later", "ok"],
        }
    )
    assert compare.latest_year(values, "R") == 2023


def test_config_is_documented_and_complete():
    config = compare.load_config()
    assert config["similarity"]["k"] >= 3
    assert {f["id"] for f in config["similarity"]["features"]} <= set(compare.FEATURE_SQL)
    assert len(config["comparison"]["owl"]) == 6 and "05766" not in config["comparison"]["owl"]


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (("k = 5", "k = 0"), "k muss eine ganze Zahl ab 1"),
        (('id = "population"', 'id = "density"'), "unbekanntes Merkmal 'density'"),
        (("reference = ", "referenz = "), "Angaben fehlen: reference"),
        (("[comparison]", "[comparison"), "peer_indicators.toml: "),
    ],
)
def test_bad_config_is_an_error_naming_the_file(tmp_path, edit, message):
    text = compare.CONFIG_FILE.read_text(encoding="utf-8").replace(*edit, 1)
    path = tmp_path / "peer_indicators.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        compare.load_config(path)
