"""Coverage-gap computations on hand-made frames."""

import math

import pandas as pd
import pytest

from monitor import db, gaps


def frame(rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame(
        rows, columns=["ags", "name", "children", "children_status", "places", "places_status"]
    )


def test_place_gap_sorted_and_suppressed_input_is_unknown_not_zero():
    result = gaps.place_gap(
        frame(
            [
                ("A", "Aort", 100.0, "ok", 30.0, "ok"),  # 45 needed, gap 15
                ("B", "Bort", 200.0, "ok", 100.0, "ok"),  # 90 needed, gap -10
                ("C", "Cort", None, "secret", 50.0, "ok"),  # unknown
                ("D", "Dort", 400.0, "ok", 150.0, "ok"),  # 180 needed, gap 30
            ]
        ),
        0.45,
    )
    assert list(result["ags"]) == ["D", "A", "B", "C"]
    assert result["gap"].iloc[:3].tolist() == pytest.approx([30.0, 15.0, -10.0])
    unknown = result.iloc[3]
    assert math.isnan(unknown["gap"]) and unknown["status"] == "secret"
    assert result.loc[result["ags"] == "A", "coverage"].item() == pytest.approx(0.3)


def test_place_gap_unusable_places_keeps_demand_but_gap_unknown():
    result = gaps.place_gap(frame([("A", "Aort", 100.0, "ok", None, "missing")]), 0.97)
    assert result["demand"].item() == pytest.approx(97.0)
    assert math.isnan(result["gap"].item()) and result["status"].item() == "missing"


def test_flagged_input_keeps_value_and_flag():
    result = gaps.place_gap(frame([("A", "Aort", 100.0, "provisional", 40.0, "ok")]), 0.5)
    assert result["gap"].item() == pytest.approx(10.0) and result["status"].item() == "provisional"


def test_rate_outside_range_is_an_error():
    with pytest.raises(ValueError, match="Bedarfsquote"):
        gaps.place_gap(frame([("A", "Aort", 1.0, "ok", 1.0, "ok")]), 1.2)


@pytest.mark.parametrize(("year", "grades"), [(2025, 0), (2026, 1), (2027, 2), (2029, 4), (2033, 4)])
def test_entitled_grades_follow_the_legal_right(year, grades):
    assert gaps.entitled_grades(year) == grades


def test_ogs_gap_counts_only_entitled_grades_and_growth():
    data = pd.DataFrame(
        {
            "ags": ["A", "B"],
            "name": ["Aort", "Bort"],
            "primary_pupils": [400.0, 800.0],
            "primary_pupils_status": ["ok", "."],
            "ogs_places": [100.0, 300.0],
            "ogs_places_status": ["ok", "ok"],
            "factor": [1.1, 1.0],
        }
    )
    data.loc[1, "primary_pupils_status"] = "secret"
    data.loc[1, "primary_pupils"] = None
    result = gaps.ogs_gap(data, 2027, 0.8)  # grades 1-2: 400 * 1.1 * 2/4 * 0.8 = 176
    assert result.loc[0, "ags"] == "A" and result.loc[0, "gap"] == pytest.approx(76.0)
    assert math.isnan(result.loc[1, "gap"]) and result.loc[1, "status"] == "secret"


def test_children_by_band_uses_exact_band_or_complete_single_years():
    pop = pd.DataFrame(
        [
            ("K", 2024, 0, 3, 900.0, "ok"),
            ("G1", 2024, 0, 1, 10.0, "ok"),
            ("G1", 2024, 1, 2, 11.0, "ok"),
            ("G1", 2024, 2, 3, 12.0, "ok"),
            ("G2", 2024, 0, 1, 10.0, "ok"),
            ("G2", 2024, 1, 2, None, "secret"),
            ("G2", 2024, 2, 3, 12.0, "ok"),
            ("G3", 2024, 0, 1, 10.0, "ok"),
            ("G3", 2024, 1, 2, 11.0, "ok"),
            ("G1", 2024, 3, 4, 99.0, "ok"),
        ],
        columns=["ags", "year", "age_from", "age_to", "value", "status"],
    )
    kids = gaps.children_by_band(pop, 0, 3).set_index("ags")
    assert kids.loc["K", "value"] == 900.0
    assert kids.loc["G1", "value"] == 33.0 and kids.loc["G1", "status"] == "ok"
    assert math.isnan(kids.loc["G2", "value"]) and kids.loc["G2", "status"] == "secret"
    assert math.isnan(kids.loc["G3", "value"]) and kids.loc["G3", "status"] == "missing"


def test_aggregate_groups_sums_members_and_missing_member_makes_unknown():
    values = pd.DataFrame(
        {"ags": ["G1", "G2", "G3"], "value": [10.0, 20.0, 5.0], "status": ["ok", "ok", "ok"]}
    )
    groups = pd.DataFrame({"group_key": ["J1", "J1", "J2", "J2"], "member_ags": ["G1", "G2", "G3", "G4"]})
    out = gaps.aggregate_groups(values, groups).set_index("ags")
    assert out.loc["J1", "value"] == 30.0
    assert math.isnan(out.loc["J2", "value"]) and out.loc["J2", "status"] == "missing"


def test_projection_factor_with_kreis_fallback():
    projection = pd.DataFrame(
        {
            "ags": ["K", "K", "G1", "G1"],
            "year": [2025, 2030, 2025, 2030],
            "value": [1000.0, 900.0, 100.0, 120.0],
            "status": ["ok"] * 4,
        }
    )
    factors, methods = gaps.projection_factors(projection, 2024, 2030, "K")
    assert factors["G1"] == pytest.approx(1.2) and factors["*"] == pytest.approx(0.9)
    scaled = gaps.apply_factors(
        pd.DataFrame({"ags": ["G1", "G2"], "value": [50.0, 10.0], "status": ["ok", "ok"]}), factors, methods
    )
    assert scaled["value"].tolist() == pytest.approx([60.0, 9.0])
    assert scaled["method"].tolist() == ["eigene Vorausberechnung", "aus Kreis skaliert"]


def test_training_balance_gap_and_mismatch():
    rows = []
    for group, places, applicants, unfilled, unplaced in [
        ("25", 100, 130, 5, 20),
        ("62", 200, 150, 25, 10),
        ("81", 80, 85, None, 4),
        ("total", 380, 365, 30, 34),
    ]:
        for measure, value in [
            ("places", places),
            ("applicants", applicants),
            ("unfilled", unfilled),
            ("unplaced", unplaced),
        ]:
            rows.append((group, measure, value, "ok" if value is not None else "secret"))
    market = pd.DataFrame(rows, columns=["occupation_group", "measure", "value", "status"])
    out = gaps.training_balance(market)
    assert out["occupation_group"].tolist() == ["62", "25", "81"]
    assert out["gap"].tolist() == pytest.approx([-50.0, 30.0, 5.0])
    assert out.loc[1, "mismatch"] == pytest.approx(400.0)
    assert math.isnan(out.loc[2, "mismatch"]) and out.loc[2, "mismatch_status"] == "secret"


def test_per_build_cache_is_keyed_by_the_build_file(monkeypatch):
    calls = []

    @gaps.per_build
    def compute(x: int) -> int:
        calls.append(x)
        return x * 2

    monkeypatch.setattr(gaps.db, "warehouse_path", lambda: "/tmp/build-a.duckdb")
    assert compute(2) == 4 and compute(2) == 4
    monkeypatch.setattr(gaps.db, "warehouse_path", lambda: "/tmp/build-b.duckdb")
    assert compute(2) == 4
    assert calls == [2, 2]  # once per build, not once per call


def test_occupation_name_shortens_long_labels_only():
    labels = {
        "62": "Verkaufsberufe",
        "82": "Nichtmedizinische Gesundheits-, Körperpflege- und Wellnessberufe",
    }
    assert gaps.occupation_name("62", labels) == "62 Verkaufsberufe"
    short = gaps.occupation_name("82", labels, width=20)
    assert short.startswith("82 Nichtmedizinische") and short.endswith("…") and len(short) <= 23
    assert gaps.occupation_name("99", labels) == "99"


def test_room_for_labels_widens_both_sides():
    import plotly.graph_objects as go

    fig = go.Figure()
    gaps.room_for_labels(fig, pd.Series([-100.0, 300.0, None]))
    assert fig.layout.xaxis.range == (-200.0, 380.0)  # span 400: 25 % left, 20 % right


def test_scope_texts():
    assert gaps.kita_scope("u3", {"kita_year": 2025}) == "unter 3 Jahre (U3), Kita-Jahr 2024/25"
    assert (
        gaps.kita_scope("3to6", {"kita_year": 2025, "target_year": 2030}, short=True)
        == "3–6 Jahre, Prognose 2030"
    )
    assert gaps.ogs_scope(2027) == "Schuljahr 2027/28, Rechtsanspruch für 2 von 4 Klassen"


def test_gap_source_names_the_tables_read_with_stand(page_warehouse, monkeypatch):
    monkeypatch.setenv(db.ENV_DIR, str(page_warehouse))
    stand = "08.02.2026, 02:47 Uhr"
    _, today = gaps.kita_table("05766", "u3", 0.45)
    assert today["sources"] == ["LOCAL-KITA", "12411-09i"]
    _, projected = gaps.kita_table("05766", "u3", 0.45, "gemeinde", 2030)
    assert projected["sources"] == ["LOCAL-KITA", "12411-09i", "LOCAL-VORAUSBERECHNUNG"]
    assert gaps.gap_source(projected) == (
        "Quelle: lokale Daten des Kreises (Vorlage), "
        f"Tabellen LOCAL-KITA (Stand {stand}), LOCAL-VORAUSBERECHNUNG "
        f"(Stand {stand}); IT.NRW, Landesdatenbank NRW, Tabelle 12411-09i (Stand {stand}); "
        "eigene Berechnungen")
