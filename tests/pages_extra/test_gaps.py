"""Coverage gaps from the mart macros (etl/sql/mart/gaps.sql) on a small hand-made warehouse with known
values, and the German texts of the Versorgungslücken views."""

import math
from pathlib import Path

import duckdb
import pandas as pd
import plotly.graph_objects as go
import pytest

from monitor import db, fmt
from monitor.queries import gaps as queries
from monitor.views import gaps as views
from monitor.views import training

SQL = Path(__file__).resolve().parents[2] / "etl" / "sql"
TABLES = {
    "core.regions": "ags TEXT, name TEXT, level TEXT, parent TEXT, kind TEXT",
    "core.region_groups": "group_key TEXT, group_type TEXT, member_ags TEXT, share DOUBLE, valid_from TEXT, "
                          "valid_to TEXT",
    "mart.obs": "topic TEXT, ags TEXT, period TEXT, year INT, key TEXT, value DOUBLE, status TEXT, "
                "provenance TEXT",
    "mart.population_bands": "ags TEXT, year INT, band TEXT, period TEXT, value DOUBLE, status TEXT, "
                             "provenance TEXT",
    "mart.projection_bands": "ags TEXT, base_year INT, year INT, band TEXT, period TEXT, value DOUBLE, "
                             "status TEXT, provenance TEXT",
    "mart.occupation_sectors": "kldb2 TEXT, kldb2_label TEXT, wz_section TEXT, weight DOUBLE, note TEXT",
    "core.kita": "ags TEXT, year INT, age_band TEXT, measure TEXT, value DOUBLE, status TEXT, "
                 "table_code TEXT",
    "core.population": "ags TEXT, year INT, sex TEXT, age_from INT, age_to INT, value DOUBLE, status TEXT, "
                       "table_code TEXT",
    "core.population_projection": "ags TEXT, base_year INT, year INT, age_from INT, age_to INT, "
                                  "value DOUBLE, status TEXT, table_code TEXT",
    "core.allday": "ags TEXT, year INT, measure TEXT, value DOUBLE, status TEXT, table_code TEXT",
    "core.training_market": "ags TEXT, year INT, occupation_group TEXT, measure TEXT, value DOUBLE, "
                            "status TEXT, table_code TEXT",
}
#: Kreis K1: Gemeinden A–D and X (no population), Jugendämter J1 (A, B) and J2 (D, X); K2: E (no places),
#: E2; K3: F (provisional children, official population, synthetic places); K4: G, H for the OGS gap.
REGIONS = [
    *[(k, f"Kreis {k}", "kreis", "05", "Kreis") for k in ("K1", "K2", "K3", "K4")],
    *[(g, f"{g}ort", "gemeinde", "K1", "Gemeinde") for g in ("A", "B", "C", "D", "X")],
    ("J1", "Jugendamt J1", "jugendamt", "K1", "Jugendamtsbezirk"),
    ("J2", "Jugendamt J2", "jugendamt", "K1", "Jugendamtsbezirk"),
    ("E", "Eort", "gemeinde", "K2", "Gemeinde"), ("E2", "Ezwei", "gemeinde", "K2", "Gemeinde"),
    ("F", "Fort", "gemeinde", "K3", "Gemeinde"),
    ("G", "Gort", "gemeinde", "K4", "Gemeinde"), ("H", "Hort", "gemeinde", "K4", "Gemeinde"),
]
GROUPS = [("J1", "A"), ("J1", "B"), ("J2", "D"), ("J2", "X")]
CHILDREN = [("A", 100.0, "ok"), ("B", 200.0, "ok"), ("C", None, "secret"), ("D", 400.0, "ok"),
            ("E", 100.0, "ok"), ("E2", 50.0, "ok"), ("F", 100.0, "provisional")]
PLACES = [("A", 30.0), ("B", 100.0), ("C", 50.0), ("D", 150.0), ("J1", 120.0), ("J2", 200.0), ("E2", 10.0),
          ("F", 40.0)]
MARKET = [("25", 100, 130, 5, 20), ("62", 200, 150, 25, 10), ("81", 80, 85, None, 4), ("11", 0, 0, 0, 0),
          ("total", 380, 365, 30, 34)]


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: list[tuple]) -> None:
    if rows:
        con.executemany(f"INSERT INTO {table} VALUES ({', '.join('?' * len(rows[0]))})", rows)


def _fill(con: duckdb.DuckDBPyConnection) -> None:
    _insert(con, "core.regions", REGIONS)
    _insert(con, "core.region_groups", [(j, "jugendamt", g, None, None, None) for j, g in GROUPS])
    _insert(con, "mart.population_bands", [
        (a, 2024, "u3", "2024-12-31", v, s, "official" if a == "F" else "synthetic") for a, v, s in CHILDREN])
    _insert(con, "core.population", [(a, 2024, "total", age, age + 1, None, "ok", "POP-SINGLE")
                                      for a, _, _ in CHILDREN for age in range(3)])
    _insert(con, "mart.obs", [("kita", a, "2025", 2025, "u3/places", v, "ok", "synthetic")
                              for a, v in PLACES])
    _insert(con, "core.kita", [(a, 2025, "u3", "places", v, "ok", "KITA") for a, v in PLACES])
    projection = [("A", 100.0, 120.0), ("K1", 1000.0, 900.0)]
    _insert(con, "mart.projection_bands", [(a, 2023, y, "u3", str(y), v, "ok", "synthetic")
                                           for a, v25, v30 in projection
                                           for y, v in ((2025, v25), (2030, v30))])
    _insert(con, "core.population_projection", [("A", 2023, 2025, 0, 3, 100.0, "ok", "PROJ")])
    ogs = [("G", "primary_pupils", 400.0, "ok"), ("G", "ogs_places", 100.0, "ok"),
           ("H", "primary_pupils", None, "secret"), ("H", "ogs_places", 300.0, "ok")]
    _insert(con, "mart.obs", [("allday", a, "2025", 2025, m, v, s, "synthetic") for a, m, v, s in ogs])
    _insert(con, "core.allday", [(a, 2025, m, v, s, "OGS") for a, m, v, s in ogs])
    _insert(con, "mart.projection_bands", [(a, 2023, y, "6to10", str(y), v, "ok", "synthetic")
                                           for a, v25, v27 in (("G", 100.0, 110.0), ("K4", 1000.0, 1000.0))
                                           for y, v in ((2025, v25), (2027, v27))])
    measures = ("places", "applicants", "unfilled", "unplaced")
    _insert(con, "mart.obs", [
        ("training_market", "R", "2024", 2024, f"{group}/{m}", v, "ok" if v is not None else "secret",
         "synthetic")
        for group, *values in MARKET for m, v in zip(measures, values, strict=True)])
    _insert(con, "core.training_market", [("R", 2024, "25", "places", 100.0, "ok", "MARKT")])
    _insert(con, "mart.occupation_sectors", [("62", "Verkaufsberufe", "G-I", 1.0, "")])


@pytest.fixture(scope="module")
def gap_warehouse(tmp_path_factory) -> Path:
    directory = tmp_path_factory.mktemp("gap_warehouse")
    path = directory / "build-20260101T000000000000Z-1.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE SCHEMA core; CREATE SCHEMA mart")
    for table, columns in TABLES.items():
        con.execute(f"CREATE TABLE {table} ({columns})")
    _fill(con)
    for script in (SQL / "status.sql", SQL / "mart" / "macros.sql", SQL / "mart" / "gaps.sql"):
        con.execute(script.read_text(encoding="utf-8"))
    con.close()
    (directory / "CURRENT").write_text(path.name, encoding="utf-8")
    return directory


@pytest.fixture
def gap_db(gap_warehouse, monkeypatch):
    monkeypatch.setenv(db.ENV_DIR, str(gap_warehouse))


def by_area(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.set_index("ags")


def test_kita_gap_sorted_and_suppressed_input_is_unknown_not_zero(gap_db):
    result = queries.kita_gap("K1", "u3", 0.45, "gemeinde")
    assert list(result["ags"]) == ["D", "A", "B", "C", "X"]  # unknown gaps last, by name
    assert result["gap"].iloc[:3].tolist() == pytest.approx([30.0, 15.0, -10.0])  # 180-150, 45-30, 90-100
    unknown = by_area(result).loc["C"]
    assert math.isnan(unknown["gap"]) and unknown["status"] == "secret"
    assert by_area(result).loc["X", "status"] == "missing"
    assert by_area(result).loc["A", "coverage"] == pytest.approx(0.3)
    assert result["position"].tolist() == [1, 2, 3, 4, 5]
    assert result[["kita_year", "pop_year"]].iloc[0].tolist() == [2025, 2024]
    assert list(result["sources"].iloc[0]) == ["KITA", "POP-SINGLE"]
    assert result.loc[0, "missing_total"] == pytest.approx(45.0) and result.loc[0, "missing_areas"] == 2
    assert views.gap_summary(result, "U3", 0.45) == (
        "Größte Lücke: **Dort** – es fehlen rechnerisch **30** Plätze (U3, Bedarfsquote 45 %). Zusammen "
        "fehlen 45 Plätze in 2 von 5 Gebieten. Für 2 Gebiet(e) ist die Lücke unbekannt (Eingangswert geheim "
        "oder fehlend).")


def test_missing_places_keep_demand_but_gap_unknown(gap_db):
    row = by_area(queries.kita_gap("K2", "u3", 0.97, "gemeinde")).loc["E"]
    assert row["demand"] == pytest.approx(97.0)
    assert math.isnan(row["gap"]) and row["status"] == "missing"


def test_flagged_input_keeps_value_and_flag_and_provenance_is_combined(gap_db):
    row = queries.kita_gap("K3", "u3", 0.5, "gemeinde").iloc[0]
    assert row["gap"] == pytest.approx(10.0) and row["status"] == "provisional"
    assert row["provenance"] == "mixed"  # official children, synthetic places


def test_jugendamt_sums_members_and_a_member_without_value_makes_it_unknown(gap_db):
    result = by_area(queries.kita_gap("K1", "u3", 0.45, "jugendamt"))
    assert result.loc["J1", "children"] == 300.0 and result.loc["J1", "gap"] == pytest.approx(15.0)
    assert math.isnan(result.loc["J2", "children"]) and result.loc["J2", "status"] == "missing"


def test_projection_factor_with_kreis_fallback(gap_db):
    result = by_area(queries.kita_gap("K1", "u3", 0.5, "gemeinde", 2030))
    # A: own projection 120/100 (reference = first projection year 2025); B: Kreis 900/1000
    assert result.loc["A", "children"] == pytest.approx(120.0)
    assert result.loc["B", "children"] == pytest.approx(180.0)
    assert list(result.loc["A", "methods"]) == ["eigene Vorausberechnung"]
    assert list(result.loc["B", "methods"]) == ["aus Kreis skaliert"]
    assert result.loc["C", "status"] == "secret"
    assert list(result["sources"].iloc[0]) == ["KITA", "POP-SINGLE", "PROJ"]
    _, info = views.kita("K1", "u3", 0.5, "jugendamt", 2030)
    assert info.methods == ("aus Kreis skaliert", "eigene Vorausberechnung") and info.target_year == 2030


def test_rate_outside_range_is_a_german_error(gap_db):
    with pytest.raises(ValueError, match="Bedarfsquote"):
        queries.kita_gap("K1", "u3", 1.2, "gemeinde")
    with pytest.raises(ValueError, match="Bedarfsquote"):
        queries.ogs_gap("K4", 2027, -0.1)


@pytest.mark.parametrize(("year", "grades"), [(2025, 0), (2026, 1), (2027, 2), (2029, 4), (2033, 4)])
def test_entitled_grades_follow_the_legal_right(gap_db, year, grades):
    assert queries.entitled_grades(year) == grades


def test_ogs_gap_counts_only_entitled_grades_and_growth(gap_db):
    result = by_area(queries.ogs_gap("K4", 2027, 0.8))
    assert result.loc["G", "gap"] == pytest.approx(76.0)  # 400 * 1.1 * 2/4 * 0.8 - 100
    assert math.isnan(result.loc["H", "gap"]) and result.loc["H", "status"] == "secret"
    assert result.loc["G", "grades"] == 2 and list(result.loc["G", "methods"]) == ["eigene Vorausberechnung"]
    today = by_area(queries.ogs_gap("K4", 2025, 0.8))
    assert today.loc["G", "gap"] == pytest.approx(-100.0)  # no entitled grade yet
    assert views.ogs("K4", 2025, 0.8)[1].methods == ()


def test_training_balance_gap_and_mismatch(gap_db):
    out = queries.training_balance("R", 2024)
    assert out["occupation_group"].tolist() == ["62", "25", "81", "11"]
    assert out["gap"].tolist() == pytest.approx([-50.0, 30.0, 5.0, 0.0])
    assert out.loc[1, "mismatch"] == pytest.approx(400.0)
    assert math.isnan(out.loc[2, "mismatch"]) and out.loc[2, "mismatch_status"] == "secret"
    # no applicant, no place, no unfilled place: the gap is a true 0, the ratio per 100 unfilled places is
    # no statement (x), never an empty row
    assert out.loc[3, "status"] == "ok"
    assert math.isnan(out.loc[3, "mismatch"]) and out.loc[3, "mismatch_status"] == "not_applicable"
    assert out.loc[0, "label"] == "Verkaufsberufe"
    assert queries.training_region(["K1", None, "R"]) == "R"
    assert queries.training_years("R") == [2024]


def test_per_build_cache_is_keyed_by_the_build_file(monkeypatch):
    calls = []

    @db.per_build
    def compute(x: int) -> int:
        calls.append(x)
        return x * 2

    monkeypatch.setattr(db, "warehouse_path", lambda: "/tmp/build-a.duckdb")
    assert compute(2) == 4 and compute(2) == 4
    monkeypatch.setattr(db, "warehouse_path", lambda: "/tmp/build-b.duckdb")
    assert compute(2) == 4
    assert calls == [2, 2]  # once per build, not once per call


def test_occupation_name_shortens_long_labels_only():
    labels = {"62": "Verkaufsberufe",
              "82": "Nichtmedizinische Gesundheits-, Körperpflege- und Wellnessberufe"}
    assert training.occupation_name("62", labels) == "62 Verkaufsberufe"
    short = training.occupation_name("82", labels, width=20)
    assert short.startswith("82 Nichtmedizinische") and short.endswith("…") and len(short) <= 23
    assert training.occupation_name("99", labels) == "99"


def test_room_for_labels_widens_both_sides():
    fig = go.Figure()
    views.room_for_labels(fig, pd.Series([-100.0, 300.0, None]))
    assert fig.layout.xaxis.range == (-200.0, 380.0)  # span 400: 25 % left, 20 % right


def test_scope_texts():
    assert views.kita_scope("u3", views.GapInfo(2025)) == "unter 3 Jahre (U3), Kita-Jahr 2024/25"
    projected = views.GapInfo(2025, target_year=2030)
    assert views.kita_scope("3to6", projected, short=True) == "3–6 Jahre, Prognose 2030"
    assert views.ogs_scope(2027, 2) == "Schuljahr 2027/28, Rechtsanspruch für 2 von 4 Klassen"


def test_gap_source_names_the_tables_read_with_stand(page_warehouse, monkeypatch):
    monkeypatch.setenv(db.ENV_DIR, str(page_warehouse))
    stand = "08.02.2026, 02:47 Uhr"
    _, today = views.kita("05766", "u3", 0.45, "jugendamt")
    assert today.sources == ("LOCAL-KITA", "12411-09i")
    _, projected = views.kita("05766", "u3", 0.45, "gemeinde", 2030)
    assert projected.sources == ("LOCAL-KITA", "12411-09i", "LOCAL-VORAUSBERECHNUNG")
    assert views.gap_source(projected) == (
        "Quelle: lokale Daten des Kreises (Vorlage), "
        f"Tabellen LOCAL-KITA (Stand {stand}), LOCAL-VORAUSBERECHNUNG "
        f"(Stand {stand}); IT.NRW, Landesdatenbank NRW, Tabelle 12411-09i (Stand {stand}); "
        "eigene Berechnungen")


def test_mismatch_view_marks_zero_unfilled_as_not_applicable(gap_db, monkeypatch):
    monkeypatch.setattr(training, "source_line", lambda region: "Quelle: Test")
    view = training.mismatch_view("R", 2024)
    row = view.data.set_index("Berufsgruppe").loc["11"]
    assert row["Status"] == "nicht sinnvoll" and math.isnan(row["Unversorgte je 100 unbesetzte Stellen"])
    markers = [t for t in view.fig.data if t.name == "kein Wert (geheim/unsicher/fehlt)"][0]
    assert sorted(markers.text) == [". geheim", "x nicht sinnvoll"]  # order follows the bars
    assert "1 Berufsgruppe(n) ohne unbesetzte Stelle: Verhältnis nicht sinnvoll (x)." in view.alt_text
    title = view.fig.layout.title.text.replace("<br>", " ")
    assert title.endswith("Berichtsjahr 2023/24 (Bilanz 30.09.2024)")


def test_training_summary_names_the_occupation_groups(gap_db):
    text = training.training_summary(training.balance("R", 2024), "R")
    assert "Berufsgruppe **25** (30 mehr Bewerber als Stellen)" in text  # no label in the fixture
    assert "Berufsgruppe **62 Verkaufsberufe** (50 Stellen mehr)" in text


def test_training_year_options_use_the_berichtsjahr_label():
    options = training.year_options([2023, 2025, 2024])
    assert options == {"2025": "2024/25", "2024": "2023/24", "2023": "2022/23"}
    assert training.period_title(2025) == "Berichtsjahr 2024/25 (Bilanz 30.09.2025)"



def test_total_says_when_the_rounded_areas_add_up_to_another_number():
    table = pd.DataFrame({"name": ["Lemgo", "Lage", "Bad Salzuflen", "Detmold"],
                          "gap": [175.6, 111.6, 32.6, -12.0], "missing_total": [319.8] * 4,
                          "missing_areas": [3] * 4})
    assert views.gap_summary(table, "U3", 0.45) == (
        "Größte Lücke: **Lemgo** – es fehlen rechnerisch **176** Plätze (U3, Bedarfsquote 45 %). Zusammen "
        "fehlen 320 Plätze in 3 von 4 Gebieten (aus den ungerundeten Werten; die gerundeten Einzelwerte "
        "ergeben 321).")
    table["gap"] = [175.6, 111.4, 32.8, -12.0]  # 176 + 111 + 33 = 320 = the rounded 319.8: nothing to say
    assert views.missing_sentence(table) == "Zusammen fehlen 320 Plätze in 3 von 4 Gebieten."
    assert fmt.sum_remark(pd.Series([], dtype=float), 0.0) == ""  # no area short of places
    assert fmt.sum_remark(pd.Series([0.25, 0.25]), 0.5, 1) == (  # 0,3 + 0,3 against 0,5
        " (aus den ungerundeten Werten; die gerundeten Einzelwerte ergeben 0,6)")
