"""Local data in the open template: Kita planning, OGS, BA training market, Volkshochschulen."""

from __future__ import annotations

import numpy as np

from etl.demo import calibration as cal
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
    """Places, planned places and children per Gemeinde and Jugendamt; Jugendamt = sum of its Gemeinden.
    A home Kreis without Jugendamt mapping (catalogue/jugendamt_mapping.csv): per Gemeinde only."""
    geo, gem = ctx.geo, ctx.geo.home_gemeinden
    ja_of = {g: ja for ja, members in geo.jugendamt.items() for g in members}
    u3 = np.stack([ctx.pop.ages(g, 0, 3) for g in gem]).astype(float)
    o3 = np.stack([ctx.pop.ages(g, 3, 6) for g in gem]).astype(float)
    start = [cal.U3_PLACE_RATE_2019.get(ja_of.get(g, ""), cal.U3_PLACE_RATE_2019_DEFAULT) for g in gem]
    level = np.array(start)[:, None] * np.exp(ctx.rng.normal(0, 0.04, (len(gem), 1)))
    o3_level = ctx.rng.uniform(0.97, 1.05, (len(gem), 1))
    # each Gemeinde its own expansion path from its 2019 level: slope and curvature (seeded), bounded
    own = ctx.rng.spawn(1)[0]
    step = (YEARS - 2019)[None, :]
    slope, curve = own.uniform(0.003, 0.024, (len(gem), 1)), own.normal(0.0, 0.0007, (len(gem), 1))
    rate = np.clip(level + slope * step + curve * step**2, 0.08, 0.8)
    o3_rate = np.clip(o3_level + own.normal(0.0, 0.004, (len(gem), 1)) * step, 0.85, 1.12)
    places = np.stack([np.rint(u3 * rate), np.rint(o3 * o3_rate)], axis=2)
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
    gem, home = ctx.geo.home_gemeinden, ctx.home
    primary = np.stack([school_model(ctx)["pupils"][g][:, 0] for g in gem]).astype(float)
    level = 0.36 + ctx.rng.normal(0, 0.06, (len(gem), 1))
    # each Gemeinde its own expansion of the Ganztag: slope and curvature (seeded), bounded
    own, step = ctx.rng.spawn(1)[0], (YEARS - 2014)[None, :]
    slope, curve = own.uniform(0.01, 0.032, (len(gem), 1)), own.normal(0.0, 0.0005, (len(gem), 1))
    share = np.clip(level + slope * step + curve * step**2, 0.15, 0.85)
    pupils = np.rint(primary * share)
    places = np.rint(pupils * ctx.rng.uniform(1.0, 1.06, (len(gem), 1)))
    parts = np.stack([places, pupils, primary], axis=2)
    values = dict(zip(gem, parts, strict=True))
    values[home] = parts.sum(axis=0)
    cols = [(m, "INSGESAMT") for m in ("ogs_places", "ogs_pupils", "primary_pupils")]
    return _template(ctx, "LOCAL-OGS", [home, *gem], [school_year(y) for y in YEARS], cols, values)


def _market_series(ctx: Context) -> list[tuple]:
    """(applicants, places, unplaced, unfilled) per year for the home Kreis: as calibrated, else the first
    calibrated Kreis's series scaled by population 2024."""
    kreis = ctx.home if ctx.home in cal.TRAINING_MARKET else next(iter(cal.TRAINING_MARKET))
    series = {**cal.TRAINING_MARKET_FILL[kreis], **cal.TRAINING_MARKET[kreis]}
    rows = [series[year] for year in YEARS.tolist()]
    if kreis == ctx.home:
        return rows
    factor = ctx.pop.series(ctx.home, 2024).sum() / cal.KREIS_POPULATION[kreis][2024]
    return [tuple(round(v * factor) for v in row) for row in rows]


def _market_totals(ctx: Context) -> np.ndarray:
    """(years, 6): applicants, places, unplaced, unfilled, alternative, new_contracts for the home Kreis."""
    rows = []
    for applicants, places, unplaced, unfilled in _market_series(ctx):
        rows.append(
            (applicants, places, unplaced, unfilled, round(applicants * 0.13), places - unfilled - 40)
        )
    return np.array(rows, dtype=float)


def training_market(ctx: Context) -> TableData:
    """BA Ausbildungsmarkt by KldB group for the Agenturbezirk of the home Kreis (when mapped), the Kreis
    and the Land: totals as published; small groups anonymised with '*'."""
    home = _market_totals(ctx)
    land = np.rint(home * ctx.rng.uniform(30, 34, (1, 6)))
    weights = np.array(list(OCCUPATIONS.values()))  # (groups, 2)
    measure_weights = weights[:, [0, 1, 0, 1, 0, 1]].T  # applicants-like or places-like
    noise = np.exp(ctx.rng.normal(0, 0.1, (len(YEARS), 6, len(OCCUPATIONS))))
    values = {}
    regions = ([ctx.geo.agentur] if ctx.geo.agentur else []) + [ctx.home, ctx.geo.land]
    for key in regions:
        totals = land if key == ctx.geo.land else home
        groups = split(totals, measure_weights[None] * noise)  # (years, 6, groups)
        values[key] = np.concatenate([totals[..., None], groups], axis=2).reshape(len(YEARS), -1)
    measures = ("applicants", "places", "unplaced", "unfilled", "alternative", "new_contracts")
    cols = [(m, g) for m in measures for g in ("INSGESAMT", *OCCUPATIONS)]
    td = _template(
        ctx,
        "LOCAL-AUSBILDUNGSMARKT",
        regions,
        [school_year(y - 1) for y in YEARS],
        cols,
        values,
    )
    td.mark((td.values >= 1) & (td.values <= 2), "*")
    return td


def vhs(ctx: Context) -> TableData:
    """Teaching hours, enrolments and courses per Kreis; one value marked unreliable ('/')."""
    kreise, land = ctx.land_kreise, ctx.geo.land
    pop = np.stack([ctx.pop.total(k) for k in kreise]).astype(float)
    covid = np.where(YEARS == 2020, 0.55, np.where(YEARS == 2021, 0.7, 1.0))
    hours = np.rint(pop * ctx.rng.uniform(0.07, 0.13, (len(kreise), 1)) * covid)
    enrol = np.rint(pop * ctx.rng.uniform(0.04, 0.08, (len(kreise), 1)) * covid)
    parts = np.stack([hours, enrol, np.rint(enrol / 11)], axis=2)
    values = dict(zip(kreise, parts, strict=True))
    values[land] = parts.sum(axis=0)
    cols = [(m, "INSGESAMT") for m in ("hours", "enrolments", "courses")]
    td = _template(ctx, "LOCAL-VHS", [land, *kreise], [str(y) for y in YEARS], cols, values)
    unreliable = np.zeros(td.values.shape, bool)
    unreliable[1 + int(ctx.rng.integers(len(kreise))), int(np.searchsorted(YEARS, 2020)), 0] = True
    td.mark(unreliable, "/")
    return td
