"""Transition computations on hand-made frames."""

import math

import pandas as pd
import pytest

from monitor import flows


def test_shares_use_total_row_and_unknown_total_gives_unknown_shares():
    data = pd.DataFrame(
        [
            ("G1", 2024, "GY", 40.0, "ok"),
            ("G1", 2024, "RS", 20.0, "ok"),
            ("G1", 2024, "total", 80.0, "ok"),
            ("G2", 2024, "GY", 10.0, "ok"),
            ("G2", 2024, "total", None, "secret"),
        ],
        columns=["ags", "year", "school_type", "value", "status"],
    )
    out = flows.shares(data, "school_type").set_index(["ags", "school_type"])
    assert out.loc[("G1", "GY"), "share"] == pytest.approx(50.0)
    assert out.loc[("G1", "RS"), "share"] == pytest.approx(25.0)
    assert math.isnan(out.loc[("G2", "GY"), "share"]) and out.loc[("G2", "GY"), "share_status"] == "secret"


def test_allocate_flows_keeps_leavers_and_respects_paths():
    leavers = {"ohne_esa": 50.0, "esa": 150.0, "msa": 400.0, "fhr": 100.0, "ahr": 300.0}
    entrants = {"I": 300.0, "II": 150.0, "III": 150.0}
    result = flows.allocate_flows(leavers, entrants)
    by_source = result.groupby("source")["value"].sum()
    for cert, value in leavers.items():
        assert by_source[cert] == pytest.approx(value, rel=1e-6)
    matrix = result.set_index(["source", "target"])["value"]
    assert ("ahr", "II") not in matrix.index and ("ahr", "III") not in matrix.index
    assert ("ohne_esa", "III") not in matrix.index
    by_target = result.groupby("target")["value"].sum()
    assert by_target["STUDY"] == pytest.approx(200.0)  # half of 100 FHR + 300 AHR
    assert by_target["II"] == pytest.approx(150.0, rel=1e-3)
    assert by_target["REST"] == pytest.approx(200.0, rel=1e-3)  # 1000 - 200 studying - 600 entrants


def test_allocate_flows_scales_entrants_down_when_they_exceed_leavers():
    result = flows.allocate_flows({"msa": 100.0, "ahr": 100.0}, {"I": 200.0, "III": 100.0})
    by_target = result.groupby("target")["value"].sum()
    assert by_target["STUDY"] == pytest.approx(50.0)
    assert by_target["I"] + by_target["III"] == pytest.approx(150.0)  # 300 entrants scaled to 150 leavers
    assert "REST" not in by_target


def test_allocate_flows_rejects_unknown_inputs():
    with pytest.raises(ValueError, match="vollständigen"):
        flows.allocate_flows({"esa": float("nan")}, {"I": 1.0})


def test_flow_inputs_status_follows_inputs():
    leavers = pd.DataFrame(
        {
            "year": 2024,
            "certificate": list(flows.CERT_LABELS),
            "value": [1.0, 2.0, None, 4.0, 5.0],
            "status": ["ok", "ok", "secret", "ok", "ok"],
        }
    )
    vocational = pd.DataFrame(
        {
            "year": 2024,
            "sector": ["I", "II", "III"],
            "measure": "entrants",
            "value": [1.0, 2.0, 3.0],
            "status": "ok",
        }
    )
    assert flows.flow_inputs(leavers, vocational, 2024)[2] == "secret"
    assert flows.flow_inputs(leavers, vocational.iloc[:2], 2024)[2] == "missing"


def test_market_outcome_residual_and_suppression():
    rows = []
    for year, applicants, alternative, unplaced in [(2023, 2471, 300, 91), (2024, 2339, None, 121)]:
        for measure, value in [
            ("applicants", applicants),
            ("alternative", alternative),
            ("unplaced", unplaced),
        ]:
            rows.append((year, "total", measure, value, "ok" if value is not None else "secret"))
    market = pd.DataFrame(rows, columns=["year", "occupation_group", "measure", "value", "status"])
    out = flows.market_outcome(market)
    assert out.loc[0, "placed"] == pytest.approx(2471 - 300 - 91)
    assert math.isnan(out.loc[1, "placed"]) and out.loc[1, "placed_status"] == "secret"
    long = flows.outcome_long(out)
    assert set(long["Verbleib"]) == set(flows.OUTCOME_LABELS.values()) and len(long) == 6
