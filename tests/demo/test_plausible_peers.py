"""Demo peers of real size and Gemeinden on their own paths (issue 11, item 6).

The comparison Kreise of the home Land have the order of magnitude of their real population (the rounded
table in etl/demo/calibration.py), the Land sums to its total, derived counts follow the sizes, and the
home Gemeinden have trends of their own while they still sum to the Kreis."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from etl.demo import calibration as cal
from etl.demo.generate import build_context
from tests.demo.test_demo import REPO, ffcsv, rows_of, tabellen, template

LIPPE, HOEXTER, LAND = "05766", "05762", "05"
TABLE = cal.KREIS_POPULATION_2023_ROUNDED


@pytest.fixture(scope="module")
def manifest(demo_sources: Path) -> dict:
    return json.loads((demo_sources / "manifest.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def kreis_totals(demo_sources: Path, manifest: dict) -> dict[tuple[str, str], int]:
    """(31.12.YYYY, ags) -> population of 12411-02-03-4 (Land, RB and Kreise)."""
    rows = rows_of(demo_sources, manifest, "12411-02-03-4")
    return {(r[0], r[1]): int(r[4]) for r in rows if r[3] == "Insgesamt"}


@pytest.fixture(scope="module")
def gemeinde_cells(demo_sources: Path, manifest: dict) -> dict[tuple[str, str], list[int]]:
    """(31.12.YYYY, ags) -> [total, age 0, age 1, ...] of 12411-09i for Lippe and its Gemeinden."""
    data = tabellen(demo_sources, manifest, "12411-09i")
    return {k: [int(c) for c in v] for k, v in data.items() if k[1].startswith(LIPPE)}


def gemeinden() -> list[str]:
    return sorted(a for a in cal.GEMEINDE_POPULATION_2024 if a.startswith(LIPPE))


def slope(values: list[float] | np.ndarray) -> float:
    """Least-squares slope per year of a yearly series."""
    values = np.asarray(values, dtype=float)
    return float(np.polyfit(np.arange(len(values)), values, 1)[0])


# --- Kreise of the Land at their real order of magnitude ---------------------------------------


def test_table_covers_exactly_the_kreise_of_the_land() -> None:
    with open(REPO / "catalogue" / "de_kreise.csv", encoding="utf-8-sig", newline="") as handle:
        nrw = {row["ags"] for row in csv.DictReader(handle, delimiter=";") if row["ags"].startswith(LAND)}
    assert len(nrw) == 53 and set(TABLE) == nrw
    assert all(v % 1000 == 0 and 100_000 < v < 1_100_000 for v in TABLE.values())


def test_hoexter_has_its_real_size_not_a_random_one(kreis_totals: dict) -> None:
    hoexter = kreis_totals[("31.12.2023", HOEXTER)]
    assert abs(hoexter / TABLE[HOEXTER] - 1) < 0.10, hoexter
    assert 125_000 < hoexter < 155_000


def test_every_kreis_of_the_land_within_ten_percent_of_its_table_size(kreis_totals: dict) -> None:
    off = {}
    for ags, size in TABLE.items():
        got = kreis_totals[("31.12.2023", ags)]
        if abs(got / size - 1) >= 0.10:
            off[ags] = (got, size)
    assert off == {}
    ranks = sorted(TABLE, key=lambda a: kreis_totals[("31.12.2023", a)])
    assert ranks[0] == "05120" and ranks[-1] == "05315"  # Remscheid smallest, Köln largest


def test_land_sums_to_its_total_and_lippe_stays_as_published(kreis_totals: dict) -> None:
    for year in range(2014, 2026):
        period = f"31.12.{year}"
        kreise = sum(v for (p, a), v in kreis_totals.items() if p == period and len(a) == 5)
        assert kreis_totals[(period, LAND)] == kreise
    assert kreis_totals[("31.12.2023", LAND)] == cal.LAND_POPULATION_2023[LAND]
    assert kreis_totals[("31.12.2023", LIPPE)] == cal.KREIS_POPULATION[LIPPE][2023]
    assert kreis_totals[("31.12.2024", LIPPE)] == cal.KREIS_POPULATION[LIPPE][2024]


def test_a_home_kreis_without_gemeinde_figures_takes_its_table_size() -> None:
    ctx = build_context(2026, "lippe", HOEXTER)
    assert ctx.pop.series(HOEXTER, 2024).sum() == TABLE[HOEXTER]
    assert ctx.pop.series(LAND, 2023).sum() == cal.LAND_POPULATION_2023[LAND]
    lippe = ctx.pop.series(LIPPE, 2023).sum()
    assert abs(lippe / TABLE[LIPPE] - 1) < 0.01


def test_germany_scale_keeps_the_land_and_germany_totals() -> None:
    ctx = build_context(2026, "germany")
    assert ctx.pop.series(LAND, 2023).sum() == cal.LAND_POPULATION_2023[LAND]
    assert abs(ctx.pop.series("DG", 2023).sum() - cal.GERMANY_POPULATION) < 1_000
    assert all(abs(ctx.pop.series(a, 2023).sum() / v - 1) < 0.10 for a, v in TABLE.items())


# --- derived counts follow the sizes -----------------------------------------------------------


def test_employees_follow_the_sizes(demo_sources: Path, manifest: dict, kreis_totals: dict) -> None:
    df = ffcsv(demo_sources, manifest, "13111-07-05-4")
    df = df[(df["time"] == "2024-06-30") & (df["2_variable_attribute_code"] == "")]
    employees = dict(zip(df["1_variable_attribute_code"], df["value"].astype(int), strict=True))
    assert 45_000 < employees[HOEXTER] < 62_000
    ratios = {a: employees[a] / kreis_totals[("31.12.2024", a)] for a in TABLE}
    assert all(0.28 < r < 0.62 for r in ratios.values()), ratios
    assert employees["05315"] > 5 * employees[HOEXTER]  # Köln and Höxter


def test_the_share_of_employees_from_50_differs_between_kreise(demo_sources: Path, manifest: dict) -> None:
    """13111-05-03-4: each Kreis has an age structure of its own (one profile for all made every Kreis
    "gleichauf"), and its age groups still sum to its total."""
    from50 = ("50 bis unter 60 Jahre", "60 bis unter 65 Jahre", "65 Jahre und mehr")
    shares, rows = {}, rows_of(demo_sources, manifest, "13111-05-03-4")
    for ags in TABLE:
        own = {r[3]: int(r[4]) for r in rows if r[0] == "30.06.2025" and r[1] == ags}
        assert sum(v for k, v in own.items() if k != "Insgesamt") == own["Insgesamt"], ags
        shares[ags] = sum(own[a] for a in from50) / own["Insgesamt"]
    assert max(shares.values()) - min(shares.values()) > 0.03, shares  # more than 3 Pp. apart
    assert all(0.30 < v < 0.48 for v in shares.values()), shares
    assert len({round(v, 3) for v in shares.values()}) > 25  # not one value for all


def test_school_kita_and_unemployment_counts_follow_the_sizes(
    demo_sources: Path, manifest: dict, kreis_totals: dict
) -> None:
    rows = rows_of(demo_sources, manifest, "21111-01-03-4")
    pupils = {r[1]: int(r[5]) for r in rows if r[0] == "2024" and r[3] == "Insgesamt"}  # schools, pupils
    unemployed = {r[1]: int(r[3]) for r in rows_of(demo_sources, manifest, "13211-02-05-4") if r[0] == "2025"}
    kita = ffcsv(demo_sources, manifest, "22543-03-01-4")
    kita = kita[(kita["time"] == "2025-03-01") & (kita["value_variable_code"] == "KIND33")]
    kita = kita[kita["2_variable_attribute_code"] == ""]  # Kita and Tagespflege
    u3 = dict(zip(kita["1_variable_attribute_code"], kita["value"].astype(int), strict=True))
    for ags in TABLE:
        pop = kreis_totals[("31.12.2024", ags)]
        assert 0.07 < pupils[ags] / pop < 0.15, ags
        assert 0.01 < unemployed[ags] / pop < 0.08, ags
        assert 0.002 < u3[ags] / pop < 0.02, ags
    assert 10_000 < pupils[HOEXTER] < 20_000 and pupils["05315"] > 80_000


# --- Gemeinden on their own paths, summing to the Kreis -----------------------------------------


def test_gemeinde_population_trends_differ_from_the_kreis(gemeinde_cells: dict) -> None:
    years = range(2014, 2026)
    series = {a: [gemeinde_cells[(f"31.12.{y}", a)][0] for y in years] for a in [LIPPE, *gemeinden()]}
    growth = {a: (s[9] / s[0]) ** (1 / 9) - 1 for a, s in series.items()}  # 2014 -> 2023 per year
    kreis = growth.pop(LIPPE)
    assert all(-0.01 <= g <= 0.005 for g in growth.values()), growth
    differing = [a for a, g in growth.items() if abs(g - kreis) > 0.0015 or np.sign(g) != np.sign(kreis)]
    assert len(differing) >= 8, growth
    assert max(growth.values()) - min(growth.values()) > 0.006
    for y in years:  # the parts sum to the Kreis in every year
        period = f"31.12.{y}"
        assert sum(gemeinde_cells[(period, a)][0] for a in gemeinden()) == gemeinde_cells[(period, LIPPE)][0]


def test_gemeinde_u3_place_rates_have_their_own_slopes(
    demo_sources: Path, manifest: dict, gemeinde_cells: dict
) -> None:
    kita = template(demo_sources, manifest, "LOCAL-KITA")
    places = kita[(kita["variable"] == "places") & (kita["classification"] == "u3")]
    places = places.set_index(["ags", "period"])["value"].astype(int)
    years = range(2014, 2026)
    u3 = {(a, y): sum(gemeinde_cells[(f"31.12.{y}", a)][1:4]) for a in gemeinden() for y in years}
    placed = {(a, y): places[(a, f"{y}/{(y + 1) % 100:02d}")] for a in gemeinden() for y in years}
    rate = {a: [placed[(a, y)] / u3[(a, y)] for y in years] for a in gemeinden()}
    kreis = [sum(placed[(a, y)] for a in gemeinden()) / sum(u3[(a, y)] for a in gemeinden()) for y in years]
    assert all(0.0 < r < 1.0 for series in rate.values() for r in series)
    slopes = {a: slope(series) for a, series in rate.items()}
    differing = [a for a, s in slopes.items() if abs(s - slope(kreis)) > 0.004]
    assert len(differing) >= 8, slopes
    counted = kita[kita["value"] != "x"].assign(v=lambda d: d["value"].astype(int))
    keys = ["period", "variable", "classification"]
    jugendaemter = counted[counted["ags"].str.startswith("JA")].groupby(keys)["v"].sum()
    parts = counted[counted["ags"].str.match(r"\d{8}$")].groupby(keys)["v"].sum()
    assert jugendaemter.equals(parts)  # the Jugendämter cover the Gemeinden exactly


def test_gemeinde_ogs_shares_have_their_own_slopes(demo_sources: Path, manifest: dict) -> None:
    df = template(demo_sources, manifest, "LOCAL-OGS")
    df["v"] = df["value"].astype(int)
    wide = df.pivot_table(index=["ags", "period"], columns="variable", values="v", aggfunc="sum")
    share = (wide["ogs_pupils"] / wide["primary_pupils"]).unstack("period")
    assert ((share > 0.1) & (share < 0.9)).all().all()
    slopes = {a: slope(share.loc[a].to_numpy()) for a in share.index}
    kreis = slopes.pop(LIPPE)
    assert len([a for a, s in slopes.items() if abs(s - kreis) > 0.005]) >= 8, slopes
    parts = wide.drop(index=LIPPE, level="ags").groupby(level="period").sum()
    pd.testing.assert_frame_equal(parts, wide.xs(LIPPE, level="ags"), check_names=False)


def test_gemeinde_transition_trends_differ_in_sign(demo_sources: Path, manifest: dict) -> None:
    df = template(demo_sources, manifest, "LOCAL-UEBERGAENGE")
    df = df[(df["value"] != ".") & df["classification"].isin(["GY", "INSGESAMT"])]
    df["v"] = df["value"].map(lambda c: 0 if c == "-" else int(c))
    wide = df.pivot_table(index=["ags", "period"], columns="classification", values="v", aggfunc="sum")
    share = (wide["GY"] / wide["INSGESAMT"]).unstack("period")
    slopes = {a: slope(share.loc[a].to_numpy()) for a in share.index if a.startswith(LIPPE)}
    kreis = slopes.pop(LIPPE)
    assert kreis < 0  # the Kreis's Gymnasium share falls a little ...
    assert len([s for s in slopes.values() if s > 0.002]) >= 4, slopes  # ... several Gemeinden rise
