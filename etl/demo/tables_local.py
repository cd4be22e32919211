"""Local data in the open template: Kita planning, OGS, BA training market, Volkshochschulen."""

from __future__ import annotations

import numpy as np

from etl.demo import calibration as cal
from etl.demo.catalogue import LIPPE, NRW
from etl.demo.context import Context
from etl.demo.model import YEARS, split
from etl.demo.table import TableData, school_year, stack
from etl.demo.tables_school import school_model

#: KldB 2010 occupation groups (2 digits) with weights for applicants and for places.
OCCUPATIONS = {
    "11": (0.02, 0.02),
    "12": (0.015, 0.02),
    "22": (0.03, 0.05),
    "24": (0.04, 0.06),
    "25": (0.11, 0.13),
    "26": (0.10, 0.12),
    "29": (0.03, 0.05),
    "32": (0.02, 0.03),
    "34": (0.04, 0.05),
    "51": (0.05, 0.05),
    "62": (0.14, 0.10),
    "63": (0.03, 0.04),
    "71": (0.17, 0.11),
    "72": (0.025, 0.02),
    "81": (0.10, 0.08),
    "82": (0.05, 0.03),
    "93": (0.0015, 0.001),
    "94": (0.001, 0.0008),
}
#: Lippe training market series (Berichtsjahr end); the published years come from calibration.
MARKET_FILL = {
    2014: (3_420, 2_080, 160, 70),
    2015: (3_390, 2_060, 150, 75),
    2016: (3_350, 2_090, 140, 80),
    2017: (3_300, 2_120, 150, 85),
    2018: (3_240, 2_150, 160, 95),
    2019: (3_180, 2_170, 165, 105),
    2021: (2_840, 2_090, 150, 120),
    2022: (2_620, 2_150, 110, 130),
}


def _template(
    ctx: Context,
    code: str,
    regions: list[str],
    periods: list[str],
    cols: list[tuple],
    values: dict[str, np.ndarray],
) -> TableData:
    return TableData(
        code, ctx.spec(code), regions, periods, [int(y) for y in YEARS], cols, stack(regions, values)
    )


def kita_local(ctx: Context) -> TableData:
    """Places, planned places and children per Gemeinde and Jugendamt; Jugendamt = sum of its Gemeinden."""
    geo, gem = ctx.geo, ctx.geo.lippe_gemeinden
    ja_of = {g: ja for ja, members in geo.jugendamt.items() for g in members}
    u3 = np.stack([ctx.pop.ages(g, 0, 3) for g in gem]).astype(float)
    o3 = np.stack([ctx.pop.ages(g, 3, 6) for g in gem]).astype(float)
    rate = np.array([cal.U3_PLACE_RATE_2019[ja_of[g]] for g in gem])[:, None] + 0.012 * (YEARS - 2019)
    rate = rate * np.exp(ctx.rng.normal(0, 0.04, (len(gem), 1)))
    places = np.stack([np.rint(u3 * rate), np.rint(o3 * ctx.rng.uniform(0.97, 1.05, (len(gem), 1)))], axis=2)
    children = np.rint(places * ctx.rng.uniform(0.9, 0.98, (len(gem), 1, 2)))
    planned = np.rint(places * ctx.rng.uniform(1.02, 1.08, (len(gem), 1, 2)))
    parts = np.stack([places, planned, children], axis=2)  # (g, y, measure, age)
    parts = np.concatenate([parts, parts.sum(axis=3, keepdims=True)], axis=3).reshape(
        len(gem), len(YEARS), -1
    )
    values = dict(zip(gem, parts, strict=True))
    for ja, members in geo.jugendamt.items():
        values[ja] = sum(values[g] for g in members)
    regions = list(geo.jugendamt) + gem
    cols = [
        (m, a) for m in ("places", "places_planned", "children_in_care") for a in ("u3", "3to6", "INSGESAMT")
    ]
    td = _template(ctx, "LOCAL-KITA", regions, [school_year(y) for y in YEARS], cols, values)
    td.mark((np.array(YEARS) < 2024)[None, :, None] & np.array([m == "places_planned" for m, _ in cols]), "x")
    return td


def ogs_local(ctx: Context) -> TableData:
    gem = ctx.geo.lippe_gemeinden
    primary = np.stack([school_model(ctx)["pupils"][g][:, 0] for g in gem]).astype(float)
    share = np.clip(0.36 + 0.025 * (YEARS - 2014) + ctx.rng.normal(0, 0.06, (len(gem), 1)), 0.2, 0.85)
    pupils = np.rint(primary * share)
    places = np.rint(pupils * ctx.rng.uniform(1.0, 1.06, (len(gem), 1)))
    parts = np.stack([places, pupils, primary], axis=2)
    values = dict(zip(gem, parts, strict=True))
    values[LIPPE] = parts.sum(axis=0)
    cols = [(m, "INSGESAMT") for m in ("ogs_places", "ogs_pupils", "primary_pupils")]
    return _template(ctx, "LOCAL-OGS", [LIPPE, *gem], [school_year(y) for y in YEARS], cols, values)


def _market_totals(ctx: Context) -> np.ndarray:
    """(years, 6): applicants, places, unplaced, unfilled, alternative, new_contracts for Lippe."""
    rows = []
    for year in YEARS.tolist():
        applicants, places, unplaced, unfilled = cal.TRAINING_MARKET.get(year) or MARKET_FILL[year]
        rows.append(
            (applicants, places, unplaced, unfilled, round(applicants * 0.13), places - unfilled - 40)
        )
    return np.array(rows, dtype=float)


def training_market(ctx: Context) -> TableData:
    """BA Ausbildungsmarkt by KldB group: totals as published; small groups anonymised with '*'."""
    lippe = _market_totals(ctx)
    nrw = np.rint(lippe * ctx.rng.uniform(30, 34, (1, 6)))
    weights = np.array(list(OCCUPATIONS.values()))  # (groups, 2)
    measure_weights = weights[:, [0, 1, 0, 1, 0, 1]].T  # applicants-like or places-like
    noise = np.exp(ctx.rng.normal(0, 0.1, (len(YEARS), 6, len(OCCUPATIONS))))
    values = {}
    for key, totals in (("AA_DETMOLD", lippe), (LIPPE, lippe), (NRW, nrw)):
        groups = split(totals, measure_weights[None] * noise)  # (years, 6, groups)
        values[key] = np.concatenate([totals[..., None], groups], axis=2).reshape(len(YEARS), -1)
    measures = ("applicants", "places", "unplaced", "unfilled", "alternative", "new_contracts")
    cols = [(m, g) for m in measures for g in ("INSGESAMT", *OCCUPATIONS)]
    td = _template(
        ctx,
        "LOCAL-AUSBILDUNGSMARKT",
        ["AA_DETMOLD", LIPPE, NRW],
        [school_year(y - 1) for y in YEARS],
        cols,
        values,
    )
    td.mark((td.values >= 1) & (td.values <= 2), "*")
    return td


def vhs(ctx: Context) -> TableData:
    """Teaching hours, enrolments and courses per Kreis; one value marked unreliable ('/')."""
    kreise = [k for k in ctx.geo.kreise if k.startswith(NRW)]
    pop = np.stack([ctx.pop.total(k) for k in kreise]).astype(float)
    covid = np.where(YEARS == 2020, 0.55, np.where(YEARS == 2021, 0.7, 1.0))
    hours = np.rint(pop * ctx.rng.uniform(0.07, 0.13, (len(kreise), 1)) * covid)
    enrol = np.rint(pop * ctx.rng.uniform(0.04, 0.08, (len(kreise), 1)) * covid)
    parts = np.stack([hours, enrol, np.rint(enrol / 11)], axis=2)
    values = dict(zip(kreise, parts, strict=True))
    values[NRW] = parts.sum(axis=0)
    cols = [(m, "INSGESAMT") for m in ("hours", "enrolments", "courses")]
    td = _template(ctx, "LOCAL-VHS", [NRW, *kreise], [str(y) for y in YEARS], cols, values)
    unreliable = np.zeros(td.values.shape, bool)
    unreliable[1 + int(ctx.rng.integers(len(kreise))), int(np.searchsorted(YEARS, 2020)), 0] = True
    td.mark(unreliable, "/")
    return td
