"""Peer features, similarity and group ranks in SQL (etl/sql/mart/peers.sql) on a hand-made mart, and
the settings file of the similarity."""

import math
import tomllib

import duckdb
import pytest

from etl.mart import SQL_DIR
from monitor.queries import compare


def mart(obs: list[tuple], values: list[tuple] = ()) -> duckdb.DuckDBPyConnection:
    """An in-memory mart with the status macros, ``core.regions`` (Kreise R, P1 … P4), ``mart.obs`` rows
    (topic, key, ags, year, value, status) and ``mart.indicator_values`` rows (id, ags, year, value,
    status); then peers.sql."""
    con = duckdb.connect()
    con.execute("CREATE SCHEMA core; CREATE SCHEMA mart")
    con.execute((SQL_DIR / "status.sql").read_text(encoding="utf-8"))
    con.execute((SQL_DIR / "mart" / "macros.sql").read_text(encoding="utf-8"))
    con.execute("CREATE TABLE core.regions AS SELECT * FROM (VALUES ('R', 'kreis'), ('P1', 'kreis'), "
                "('P2', 'kreis'), ('P3', 'kreis'), ('P4', 'kreis'), ('L', 'land')) t(ags, level)")
    con.execute("CREATE TABLE mart.obs (topic TEXT, key TEXT, ags TEXT, period TEXT, year INTEGER, "
                "value DOUBLE, status TEXT, provenance TEXT)")
    for t, k, a, y, v, s in obs:
        con.execute("INSERT INTO mart.obs VALUES (?, ?, ?, CAST(? AS TEXT), ?, ?, ?, 'synthetic')",
                    [t, k, a, y, y, v, s])
    con.execute("CREATE TABLE mart.indicator_values (indicator_id TEXT, ags TEXT, period TEXT, year INTEGER,"
                " value DOUBLE, status TEXT, provenance TEXT)")
    for i, a, y, v, s in values:
        con.execute("INSERT INTO mart.indicator_values VALUES (?, ?, CAST(? AS TEXT), ?, ?, ?, 'official')",
                    [i, a, y, y, v, s])
    con.execute((SQL_DIR / "mart" / "peers.sql").read_text(encoding="utf-8"))
    return con


def population(ags: str, value: float | None, status: str = "ok", year: int = 2024) -> tuple:
    return ("population", "total", ags, year, value, status)


def unemployment(ags: str, value: float | None, status: str = "ok", year: int = 2024) -> tuple:
    return ("unemployment", "total/rate", ags, year, value, status)


def similarity(con, reference="R", features=("unemployment_rate", "population"), weights=(1.0, 1.0),
               logs=(False, True), k=2) -> dict[str, dict]:
    rows = con.execute("SELECT * FROM mart.peer_similarity(?, ?, ?, ?, ?, ?)",
                       [reference, ["R", "P1", "P2", "P3", "P4"], list(features), list(weights), list(logs),
                        k]).df()
    return {a: part.set_index("feature").to_dict("index") | {"_": part.iloc[0].to_dict()}
            for a, part in rows.groupby("ags")}


def test_standardised_distance_and_the_k_nearest():
    # unemployment 0, 2, 4, 6 → mean 3, sd sqrt(5); population equal → sd 0 → contributes nothing
    con = mart([unemployment(a, v) for a, v in [("R", 0.0), ("P1", 2.0), ("P2", 4.0), ("P3", 6.0)]]
               + [population(a, 1000.0) for a in ("R", "P1", "P2", "P3")])
    out = similarity(con)
    assert set(out) == {"R", "P1", "P2", "P3"}  # P4 has no row at all: no candidate
    assert out["P1"]["_"]["distance"] == pytest.approx(2 / math.sqrt(5))
    assert out["P3"]["_"]["distance"] == pytest.approx(6 / math.sqrt(5))
    assert out["R"]["_"]["distance"] == 0 and out["R"]["_"]["position"] == 1
    assert {a: bool(o["_"]["peer"]) for a, o in out.items()} == {"R": False, "P1": True, "P2": True,
                                                                 "P3": False}
    assert out["P2"]["unemployment_rate"]["z"] == pytest.approx(1 / math.sqrt(5))


def test_weights_and_log_transform():
    con = mart([unemployment(a, 1.0) for a in ("R", "P1", "P2")]
               + [population(a, v) for a, v in [("R", 10.0), ("P1", 100.0), ("P2", 1000.0)]])
    out = similarity(con, weights=(1.0, 4.0))
    # log values 1, 2, 3 (× ln 10): z = -1.2247…, 0, 1.2247…; distance = sqrt(4) × |Δz|
    assert out["P1"]["_"]["distance"] == pytest.approx(2 * math.sqrt(1.5))
    assert out["P2"]["_"]["distance"] == pytest.approx(2 * 2 * math.sqrt(1.5))


def test_candidate_with_suppressed_feature_is_left_out_of_distance_and_standardisation():
    con = mart([unemployment("R", 1.0), unemployment("P1", 1.1), unemployment("P2", None, "secret"),
                unemployment("P3", 5.0)])
    out = similarity(con, features=("unemployment_rate",), weights=(1.0,), logs=(False,), k=5)
    assert out["P2"]["_"]["distance"] is None or math.isnan(out["P2"]["_"]["distance"])
    assert not out["P2"]["_"]["peer"] and out["P2"]["unemployment_rate"]["status"] == "secret"
    assert out["P1"]["_"]["peer"] and out["P3"]["_"]["peer"]
    values = [1.0, 1.1, 5.0]
    sd = math.sqrt(sum((v - sum(values) / 3) ** 2 for v in values) / 3)
    assert out["P3"]["_"]["distance"] == pytest.approx(4.0 / sd)


def test_feature_year_is_the_latest_usable_one_of_the_reference():
    con = mart([unemployment("R", 1.0, year=2023), unemployment("R", None, "later", year=2024),
                unemployment("P1", 3.0, year=2023), unemployment("P1", 9.0, year=2024)])
    out = similarity(con, features=("unemployment_rate",), weights=(1.0,), logs=(False,))
    assert out["P1"]["unemployment_rate"]["year"] == 2023
    assert out["P1"]["unemployment_rate"]["value"] == 3.0


def test_reference_without_value_gives_no_distance():
    con = mart([unemployment("R", None, "secret"), unemployment("P1", 1.0), unemployment("P2", 2.0)])
    rows = con.execute("SELECT * FROM mart.peer_similarity(?, ?, ?, ?, ?, ?)",
                       ["R", ["R", "P1", "P2"], ["unemployment_rate"], [1.0], [False], 1]).df()
    assert rows.empty


def test_manufacturing_share_keeps_suppressed_parts_apart():
    con = mart([("employees", "C/total", "R", 2024, 300.0, "ok"), ("employees", "total/total", "R", 2024,
                                                                    1000.0, "ok"),
                ("employees", "C/total", "P1", 2024, None, "secret"),
                ("employees", "total/total", "P1", 2024, 500.0, "ok"),
                ("employees", "total/total", "P2", 2024, 400.0, "provisional")])
    rows = con.execute("SELECT ags, value, status FROM mart.peer_features "
                       "WHERE feature = 'manufacturing_share' ORDER BY ags").fetchall()
    assert rows == [("P1", None, "secret"), ("P2", None, "missing"), ("R", pytest.approx(30.0), "ok")]


def test_group_ranks_follow_the_direction_share_ties_and_skip_unusable():
    values = [("x", "P1", 2024, 5.0, "ok"), ("x", "P2", 2024, 7.0, "ok"), ("x", "P3", 2024, None, "secret"),
              ("x", "R", 2024, 6.0, "ok"), ("x", "P4", 2024, 6.0, "ok"), ("x", "L", 2024, 6.5, "ok"),
              ("x", "R", 2023, 1.0, "ok")]
    con = mart([], values)
    members = ["R", "P1", "P2", "P3", "P4"]
    lower = con.execute("SELECT ags, member, year, rank, ranked_count FROM mart.group_ranks(?, ?, ?, ?, ?)",
                        ["x", members, "R", "L", 1]).fetchall()
    assert lower == [("P1", True, 2024, 1, 4), ("P4", True, 2024, 2, 4), ("R", True, 2024, 2, 4),
                     ("P2", True, 2024, 4, 4), ("P3", True, 2024, None, 4), ("L", False, 2024, None, 4)]
    higher = con.execute("SELECT ags, rank FROM mart.group_ranks(?, ?, ?, ?, ?) WHERE member",
                         ["x", members, "R", "L", -1]).fetchall()
    assert higher[:4] == [("P2", 1), ("P4", 2), ("R", 2), ("P1", 4)]


def test_group_ranks_missing_member_is_a_row_without_rank():
    con = mart([], [("x", "R", 2024, 6.0, "ok")])
    rows = con.execute("SELECT ags, status, rank FROM mart.group_ranks(?, ?, ?, ?, ?)",
                       ["x", ["R", "P1"], "R", "L", 1]).fetchall()
    assert rows == [("R", "ok", 1), ("P1", "missing", None), ("L", "missing", None)]


def test_config_is_documented_and_complete():
    config = compare.load_config()
    assert config.k >= 3
    assert {f.id for f in config.features} <= set(compare.FEATURES)
    assert [f.transform for f in config.features] == ["log", "none", "none"]
    raw = tomllib.loads(compare.CONFIG_FILE.read_text(encoding="utf-8"))
    assert not {"reference", "land"} & set(raw["similarity"])  # the home region is configuration elsewhere
    assert set(raw["comparison"]) == {"default_indicators"}


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (("k = 5", "k = 0"), "k muss eine ganze Zahl ab 1"),
        (('id = "population"', 'id = "density"'), "unbekanntes Merkmal 'density'"),
        (("k = 5", "kk = 5"), "Angaben fehlen: k"),
        (('transform = "log"', 'transform = "sqrt"'), "transform 'sqrt' unbekannt"),
        (("[comparison]", "[comparison"), "peer_indicators.toml: "),
    ],
)
def test_bad_config_is_an_error_naming_the_file(tmp_path, edit, message):
    text = compare.CONFIG_FILE.read_text(encoding="utf-8").replace(*edit, 1)
    path = tmp_path / "peer_indicators.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        compare.load_config(path)
