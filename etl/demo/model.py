"""Numeric core of the demo: integer apportionment, roll-up along the region tree, population."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from etl.demo import calibration as cal
from etl.demo.catalogue import Geography

YEARS = np.arange(2014, 2026)
REST = "XX"  # rest of Germany outside the home Land (default scale only): feeds DG, never written


def apportion(total: np.ndarray, shares: np.ndarray) -> np.ndarray:
    """Split integer totals (N,) by shares (N, K) into integers that sum exactly (largest remainder)."""
    total = np.asarray(total, dtype=np.int64)
    shares = shares / shares.sum(axis=1, keepdims=True)
    exact = total[:, None] * shares
    floor = np.floor(exact)
    rest = total - floor.sum(axis=1).astype(np.int64)
    order = np.argsort(floor - exact, axis=1, kind="stable")
    rank = np.empty_like(order)
    np.put_along_axis(rank, order, np.broadcast_to(np.arange(shares.shape[1]), order.shape), axis=1)
    return floor.astype(np.int64) + (rank < rest[:, None])


def split(total: np.ndarray, shares: np.ndarray) -> np.ndarray:
    """apportion() over the last axis of any shape: total (...), shares (..., K)."""
    shape = shares.shape
    return apportion(np.asarray(total).reshape(-1), shares.reshape(-1, shape[-1])).reshape(shape)


def split_cells(totals: np.ndarray, shares: np.ndarray) -> np.ndarray:
    """Totals (...) into sex x age cells: shares (..., 2, 91) -> integers (..., 2, 91)."""
    flat = shares.reshape(shares.shape[:-2] + (-1,))
    return split(totals, flat).reshape(shares.shape)


def units_of(geo: Geography, with_rest: bool) -> list[str]:
    return geo.kreise + ([REST] if with_rest else [])


def roll_up(geo: Geography, units: list[str], values: np.ndarray, levels: list[str]) -> dict[str, np.ndarray]:
    """Values per Kreis unit -> values for every region of the given levels (sums over the tree)."""
    keys = np.array(units)
    out: dict[str, np.ndarray] = {}
    for level in ("bund", "land", "rb", "kreis"):
        if level not in levels:
            continue
        for region in geo.at(level):
            mask = np.ones(len(keys), bool) if region == "DG" else np.char.startswith(keys, region)
            if mask.any():
                out[region] = values[mask].sum(axis=0)
    return out


def _cohort_size(birth_year: np.ndarray) -> np.ndarray:
    knots = [1900, 1935, 1945, 1950, 1964, 1972, 1990, 1996, 2011, 2016, 2021, 2026]
    size = [0.7, 1.0, 0.85, 1.15, 1.55, 1.0, 1.05, 0.95, 0.82, 0.92, 0.97, 0.84]
    return np.interp(birth_year, knots, size)


def age_shares(years: np.ndarray, youth: np.ndarray) -> np.ndarray:
    """Shares (units, years, sex m/f, age 0..90+) from cohorts, survival, migration and a youth factor."""
    ages = np.arange(106)
    base = (
        _cohort_size(years[:, None] - ages[None, :])
        * np.exp(-((ages / 88.0) ** 7))
        * (1 + 0.12 * np.exp(-(((ages - 28) / 8.0) ** 2)))
    )
    base = np.concatenate([base[:, :90], base[:, 90:].sum(axis=1, keepdims=True)], axis=1)
    tilt = np.where(np.arange(91) < 20, 1.0, 0.0) + np.where(
        (np.arange(91) >= 25) & (np.arange(91) < 45), 1, 0
    )
    tilt = tilt - np.where(np.arange(91) >= 65, 1.0, 0.0)
    weights = base[None, :, :] * (1 + youth[:, None, None] * tilt[None, None, :])
    male = np.interp(np.arange(91), [0, 50, 70, 80, 90], [0.513, 0.5, 0.47, 0.43, 0.32])
    both = np.stack([weights * male, weights * (1 - male)], axis=2)
    return both / both.sum(axis=(2, 3), keepdims=True)


@dataclass
class Population:
    """Population by region, year, sex (m, f) and single year of age 0..90+ (integers)."""

    years: np.ndarray
    cells: dict[str, np.ndarray]  # region -> (years, 2, 91)

    def series(self, region: str, year: int) -> np.ndarray:
        return self.cells[region][int(np.searchsorted(self.years, year))]

    def ages(self, region: str, lo: int, hi: int | None) -> np.ndarray:
        """Both sexes, ages lo..hi-1 (hi None = open), per year."""
        return self.cells[region][:, :, lo:hi].sum(axis=(1, 2))

    def total(self, region: str) -> np.ndarray:
        return self.cells[region].sum(axis=(1, 2))


#: Size of a home Kreis without published Gemeinde figures and without a table size (split onto its
#: Gemeinden by kind).
DEFAULT_KREIS_SIZE = {"Kreis": 300_000, "Kreisfreie Stadt": 250_000}
#: Yearly population growth of a home Gemeinde: bounds of its own path (own level and drift around the
#: Kreis, smaller Gemeinden lower, as in rural Ostwestfalen-Lippe).
GEMEINDE_GROWTH_BOUNDS = (-0.01, 0.005)


def home_gemeinde_base(geo: Geography, gemeinden: list[str]) -> np.ndarray:
    """Population 2024 of the home Gemeinden: published (calibration) or, for a Kreis without figures, the
    Kreis's table size (else a default size) split with Städte about twice as large as Gemeinden (seeded by
    the Kreis key)."""
    known = cal.GEMEINDE_POPULATION_2024
    if all(g in known for g in gemeinden):
        return np.array([known[g] for g in gemeinden], dtype=float)
    weights = np.array([2.0 if geo.kind.get(g) == "Stadt" else 1.0 for g in gemeinden])
    weights *= np.exp(np.random.default_rng(int(geo.home)).normal(0.0, 0.5, len(gemeinden)))
    default = DEFAULT_KREIS_SIZE.get(geo.kind.get(geo.home, ""), DEFAULT_KREIS_SIZE["Kreis"])
    total = cal.KREIS_POPULATION_2023_ROUNDED.get(geo.home, default)
    return apportion(np.array([total]), weights[None, :])[0].astype(float)


def gemeinde_growth(rng: np.random.Generator, base: np.ndarray, years: np.ndarray) -> np.ndarray:
    """Yearly growth rates (gemeinden, years) of the home Gemeinden, each on its own seeded path: a level
    (lower for smaller Gemeinden) and a drift from the first to the last year, within the bounds."""
    level = rng.normal(-0.0008, 0.004, len(base)) + 0.0015 * np.log(base / np.median(base))
    drift = rng.spawn(1)[0].normal(0.0, 0.005, len(base))
    t = (years - years.mean()) / max(float(np.ptp(years)), 1.0)  # -0.5 .. 0.5
    return np.clip(level[:, None] + drift[:, None] * t[None, :], *GEMEINDE_GROWTH_BOUNDS)


def home_gemeinde_totals(
    rng: np.random.Generator, geo: Geography, gemeinden: list[str], years: np.ndarray
) -> np.ndarray:
    """Totals (gemeinden, years) on each Gemeinde's own growth path: 2024 as published, 2023 summing to the
    published Kreis figure (when the calibration has one)."""
    base = home_gemeinde_base(geo, gemeinden)
    rate = gemeinde_growth(rng, base, years)
    i23, i24 = (int(np.searchsorted(years, y)) for y in (2023, 2024))
    steps = np.log1p(rate)  # growth from year y-1 to year y
    cumulative = np.cumsum(steps, axis=1)
    log_path = cumulative - cumulative[:, i24 : i24 + 1]  # log(P(y) / P(2024))
    path = base[:, None] * np.exp(log_path)
    published = cal.KREIS_POPULATION.get(geo.home, {})
    if 2023 in published:  # the years up to 2023 on the level of the published Kreis figure (no kink)
        path[:, : i23 + 1] *= published[2023] / path[:, i23].sum()
    totals = np.rint(path).astype(np.int64)
    totals[:, i24] = base.astype(np.int64)
    if 2023 in published:
        totals[:, i23] = apportion(np.array([published[2023]]), path[None, :, i23])[0]
    return totals


def kreis_sizes(
    geo: Geography, others: list[str], drawn: np.ndarray, home: float, with_rest: bool
) -> np.ndarray:
    """Population 31.12.2023 of the model units other than the home Kreis. The Kreise of the home Land in
    the calibration table get their rounded real size, scaled by one factor so that they and the home Kreis
    (`home`) sum exactly to the Land total; the rest keep their random size (`drawn`), scaled to the rest of
    the Land (default scale) or of Germany (Germany scale)."""
    size = drawn.copy()
    table, land_total = cal.KREIS_POPULATION_2023_ROUNDED, cal.LAND_POPULATION_2023.get(geo.land)
    known = np.array([u in table and geo.land_of(u) == geo.land for u in others]) & (land_total is not None)
    in_land = np.char.startswith(np.array(others), geo.land)
    fixed = 0.0
    if known.any() and land_total is not None:
        weights = np.array([table[u] for u, k in zip(others, known, strict=True) if k], dtype=float)
        remaining = land_total - home if known.sum() == in_land.sum() else weights.sum()
        size[known] = apportion(np.array([round(remaining)]), weights[None, :])[0]
        fixed = size[known].sum() + home
    scope = (in_land if with_rest else np.ones(len(others), bool)) & ~known
    target = land_total if with_rest else cal.GERMANY_POPULATION
    if target is not None and scope.any():
        size[scope] *= (target - fixed) / size[scope].sum() if fixed else target / size[scope].sum()
    if with_rest:
        size[-1] = cal.REST_POPULATION
    return size


def population(geo: Geography, rng: np.random.Generator, years: np.ndarray, with_rest: bool) -> Population:
    units = units_of(geo, with_rest)
    others = [u for u in units if u != geo.home]
    city = np.array([geo.kind.get(u) == "Kreisfreie Stadt" for u in others])
    size = np.where(
        city,
        np.exp(rng.normal(np.log(260e3), 0.55, len(others))),
        np.exp(rng.normal(np.log(300e3), 0.3, len(others))),
    )
    size = np.clip(size, np.where(city, 100e3, 130e3), np.where(city, 1.1e6, 650e3))
    growth = rng.normal(0.0008, 0.003, len(others))
    youth = rng.normal(0.0, 0.05, len(others)) - np.where(city, 0.03, 0.0)
    core_years = np.intersect1d(years, YEARS)
    gem = geo.home_gemeinden
    gem_totals = home_gemeinde_totals(rng, geo, gem, core_years)
    gem_youth = rng.normal(0.0, 0.06, len(gem))
    home_2023 = float(gem_totals[:, int(np.searchsorted(core_years, 2023))].sum())
    size = kreis_sizes(geo, others, size, home_2023, with_rest)
    totals = np.rint(size[:, None] * (1 + growth[:, None]) ** (years[None, :] - 2023)).astype(np.int64)
    cells = split_cells(totals, age_shares(years, youth))
    out = dict(zip(others, cells, strict=True))
    gem_cells = split_cells(gem_totals, age_shares(core_years, gem_youth))
    out.update(zip(gem, gem_cells, strict=True))
    home = np.zeros((len(years), 2, 91), dtype=np.int64)
    index = np.searchsorted(years, core_years)
    home[index] = gem_cells.sum(axis=0)
    if len(core_years) < len(years):  # Germany bench years before 2014: scaled back from 2014
        early = years < core_years[0]
        home[early] = split_cells(
            np.rint(gem_totals[:, 0].sum() * (1 + 0.001 * (years[early] - 2014))),
            age_shares(years[early], np.zeros(1))[0],
        )
    out[geo.home] = home
    kreis_cells = np.stack([out[u] for u in units])
    out.update(roll_up(geo, units, kreis_cells, ["bund", "land", "rb"]))
    return Population(years=years, cells=out)


def split_gemeinden(geo: Geography, rng: np.random.Generator, kreis_values: dict[str, np.ndarray]) -> dict:
    """Germany scale: split Kreis values (any shape) onto synthetic Gemeinden; parts sum exactly."""
    out = {}
    by_kreis: dict[str, list[str]] = {}
    for ags in geo.synthetic_gemeinden:
        by_kreis.setdefault(ags[:5], []).append(ags)
    for kreis, members in by_kreis.items():
        weights = rng.pareto(1.3, len(members)) + 0.05
        weights[0] += weights.sum()  # the main town
        weights /= weights.sum()
        total = kreis_values[kreis]
        parts = np.floor(total[None, ...] * weights.reshape((-1,) + (1,) * total.ndim)).astype(np.int64)
        parts[0] += total - parts.sum(axis=0)
        out.update(zip(members, parts, strict=True))
    return out
