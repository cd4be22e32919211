"""Transition figures of the mart (etl/sql/mart/flows.sql) on hand-made rows: shares, rechnerische flows,
training-market outcome."""

import pandas as pd
import pytest

from monitor.views import shares
from tests.pages_extra.mart_fixture import small_mart

CERTS = ("ohne_esa", "esa", "msa", "fhr", "ahr")


def obs(topic: str, ags: str, year: int, values: dict[str, float | None]) -> list[tuple]:
    return [(topic, ags, year, key, v, "ok" if v is not None else "secret") for key, v in values.items()]


def test_shares_use_total_row_and_unknown_total_gives_unknown_shares():
    rows = [*obs("transitions", "05766004", 2024, {"GY": 40.0, "RS": 20.0, "PRIMUS": 10.0, "FOE": None,
                                                   "total": 80.0}),
            *obs("transitions", "05766008", 2024, {"GY": 10.0, "total": None})]
    con = small_mart(rows, indicator_ids=("transition_rate_gy",))
    found = {(a, t): (share, status, indicator) for a, t, share, status, indicator in con.execute(
        "SELECT ags, school_type, share, share_status, indicator_id FROM mart.transition_shares").fetchall()}
    assert found[("05766004", "GY")] == (pytest.approx(50.0), "ok", "transition_rate_gy")
    assert found[("05766004", "RS")][:2] == (pytest.approx(25.0), "ok")  # no indicator in this catalogue
    assert found[("05766004", "PRIMUS")][:2] == (pytest.approx(12.5), "ok")
    assert found[("05766004", "FOE")][:2] == (None, "secret")  # suppressed: unknown, not 0
    assert found[("05766008", "GY")][:2] == (None, "secret")
    card = con.execute("SELECT value FROM mart.indicator_values WHERE indicator_id = 'transition_rate_gy' "
                       "AND ags = '05766004'").fetchone()[0]
    assert found[("05766004", "GY")][0] == card  # the chart reads the catalogue indicator


def flow_rows(leavers: dict[str, float | None], entrants: dict[str, float | None], ags: str = "05766",
              year: int = 2024) -> list[tuple]:
    return [*obs("leavers", ags, year, leavers),
            *obs("vocational", ags, year, {f"{s}/entrants": v for s, v in entrants.items()})]


def flows(con, ags: str = "05766", year: int = 2024) -> list[tuple]:
    return con.execute("SELECT source, target, value FROM mart.transition_flows(?, ?)",
                       [ags, year]).fetchall()


def totals(result: list[tuple], position: int) -> dict[str, float]:
    out: dict[str, float] = {}
    for row in result:
        out[row[position]] = out.get(row[position], 0.0) + row[2]
    return out


def test_flows_keep_leavers_and_respect_paths():
    leavers = {"ohne_esa": 50.0, "esa": 150.0, "msa": 400.0, "fhr": 100.0, "ahr": 300.0}
    result = flows(small_mart(flow_rows(leavers, {"I": 300.0, "II": 150.0, "III": 150.0})))
    by_source = totals(result, 0)
    for cert, value in leavers.items():
        assert by_source[cert] == pytest.approx(value, rel=1e-6)
    pairs = {(s, t) for s, t, _ in result}
    assert not {("ahr", "II"), ("ahr", "III"), ("ohne_esa", "III")} & pairs
    by_target = totals(result, 1)
    assert by_target["STUDY"] == pytest.approx(200.0)  # half of 100 FHR + 300 AHR
    assert by_target["II"] == pytest.approx(150.0, rel=1e-3)
    assert by_target["REST"] == pytest.approx(200.0, rel=1e-3)  # 1000 - 200 studying - 600 entrants


def test_flows_scale_entrants_down_when_they_exceed_leavers():
    leavers = {"ohne_esa": 0.0, "esa": 0.0, "msa": 100.0, "fhr": 0.0, "ahr": 100.0}
    by_target = totals(flows(small_mart(flow_rows(leavers, {"I": 200.0, "II": 0.0, "III": 100.0}))), 1)
    assert by_target["STUDY"] == pytest.approx(50.0)
    assert by_target["I"] + by_target["III"] == pytest.approx(150.0)  # 300 entrants scaled to 150 leavers
    assert "REST" not in by_target


def test_flow_status_follows_inputs_and_unknown_inputs_give_no_flows():
    leavers = dict(zip(CERTS, [1.0, 2.0, None, 4.0, 5.0], strict=True))
    rows = [*flow_rows(leavers, {"I": 1.0, "II": 2.0, "III": 3.0}),
            *flow_rows(dict(zip(CERTS, [1.0] * 5, strict=True)), {"I": 1.0, "II": 2.0}, year=2023)]
    con = small_mart(rows)
    status = dict(con.execute("SELECT year, status FROM mart.flow_status WHERE ags = '05766'").fetchall())
    assert status == {2024: "secret", 2023: "missing"}  # secret leavers; no sector III row
    assert flows(con, year=2024) == [] and flows(con, year=2023) == []


def test_market_outcome_residual_and_suppression():
    rows = [*obs("training_market", "AA_TEST", 2023, {"total/applicants": 2471.0, "total/alternative": 300.0,
                                                      "total/unplaced": 91.0}),
            *obs("training_market", "AA_TEST", 2024, {"total/applicants": 2339.0, "total/alternative": None,
                                                      "total/unplaced": 121.0})]
    con = small_mart(rows)
    out = con.execute("SELECT year, placed, placed_status, places_status FROM mart.training_outcome "
                      "ORDER BY year").fetchall()
    assert out[0] == (2023, pytest.approx(2471 - 300 - 91), "ok", "missing")
    assert out[1][1:3] == (None, "secret")  # an unknown part makes the residual unknown, not 0


def test_negative_input_makes_the_flows_not_computable():
    leavers = dict(zip(CERTS, [1.0, 2.0, -3.0, 4.0, 5.0], strict=True))
    con = small_mart(flow_rows(leavers, {"I": 1.0, "II": 2.0, "III": 3.0}))
    assert con.execute("SELECT status FROM mart.flow_status").fetchone()[0] == "not_applicable"
    assert flows(con) == []


def _shares(rows: list[tuple[str, str, float | None, str]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["Gebiet", "Schulform", "share", "share_status"])


def test_stacked_shares_show_the_rest_to_100_percent_honestly():
    data = _shares([("Klein", "Gymnasium", 45.0, "ok"), ("Klein", "Realschule", 44.0, "ok"),  # rounded: 89 %
                    ("Geheim", "Gymnasium", 60.0, "ok"), ("Geheim", "Realschule", None, "secret"),
                    ("Voll", "Gymnasium", 50.0, "ok"), ("Voll", "Realschule", 50.0, "ok"),
                    ("Über", "Gymnasium", 55.0, "ok"), ("Über", "Realschule", 48.0, "ok")])
    fig = shares.stacked_shares(data, category="Schulform", label_col="Gebiet", title="T", source="Q",
                                highlight="Klein")
    rest = next(t for t in fig.data if t.name == shares.REST_LEGEND)
    assert list(rest.y) == ["▶ Klein · Summe 89 %", "Geheim (.) · Summe 60 %"]
    assert list(rest.x) == [11.0, 40.0]  # the rest is drawn, labelled as rest, not as a school type
    assert list(rest.base) == [89.0, 60.0]  # at the end of the bar, from the sum of the parts to 100 %
    assert list(rest.customdata) == ["11,0", "40,0"] and "%{customdata} %" in rest.hovertemplate
    assert list(fig.data[0].customdata) == ["45,0", "60,0", "50,0", "55,0"]  # hover in de-DE, as fmt rounds
    assert max(len(t.name) for t in fig.data) <= 40  # legend entries fit two per row
    assert rest.marker.pattern.shape == "x"
    axis = list(fig.layout.yaxis.categoryarray)
    assert set(fig.data[0].y) <= set(axis)  # every bar sits on a category of the ordered axis
    assert "Voll" in axis and "Über · Summe 103 %" in axis  # a full bar carries no note
    assert fig.layout.xaxis.range == (0, 103.0)  # a bar above 100 % (rounding) is not cut off
    alt = shares.parts_alt(data, "Gebiet")
    assert alt.startswith("Bei 3 von 4 Gebieten ergeben die ausgewiesenen Anteile nicht 100 % (zwischen 60 % "
                          "und 103 %)")
    assert "100 %" in shares.parts_alt(data[data["Gebiet"] == "Voll"], "Gebiet")
    assert "je Gebiet 100 %" not in alt
