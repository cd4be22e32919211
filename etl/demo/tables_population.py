"""Population tables: 12411-01-01-4, -02-03-5 (ffcsv5); 12411-02-03-4, -04-02-4, -09i, -15i (Tabellen-CSV);
the IT.NRW projection (template LOCAL-VORAUSBERECHNUNG)."""

from __future__ import annotations

import re

import numpy as np

from etl.demo import calibration as cal
from etl.demo.context import Context
from etl.demo.model import roll_up, split_gemeinden
from etl.demo.table import TableData, col, is_total, ordered_regions, stack

#: Stichtage of 12411-02-03-5 at Germany scale (about 10,800 Gemeinden x 54 cells per Stichtag).
GERMANY_GEMEINDE_YEARS = (2023, 2024, 2025)
#: Age bands of the projection template (classification codes of template_schema.toml).
PROJECTION_BANDS = [
    "ALT000B03",
    "ALT003B06",
    "ALT006B10",
    "ALT010B16",
    "ALT016B19",
    "ALT019B20",
    "ALT020B65",
    "ALT065UM",
]
SEXES = {"INSGESAMT": slice(0, 2), "GESM": slice(0, 1), "GESW": slice(1, 2)}


def age_band(code: str) -> tuple[int, int]:
    """ALT003B06 -> (3, 6); ALT075UM -> (75, 91); ALT017 -> (17, 18); INSGESAMT -> (0, 91)."""
    if is_total(code):
        return 0, 91
    lo, hi = re.fullmatch(r"ALT(\d{3})(?:B(\d{2,3})|(UM))?", code).group(1, 2)
    if code.endswith("UM"):
        return int(lo), 91
    return int(lo), int(hi) if hi else int(lo) + 1


def stichtag(years: list[int], day: str, spec: dict) -> list[str]:
    """Period cells: `31.12.2024` in a Tabellen-CSV, `2024-12-31` in a flat file (day = 'MM-DD')."""
    month, dom = day.split("-")
    if spec["format"] == "tabellen_csv":
        return [f"{dom}.{month}.{y}" for y in years]
    return [f"{y}-{day}" for y in years]


def _by_sex_and_age(ctx: Context, code: str, regions: list[str], cells: dict, years: list[int]) -> TableData:
    """Every GES x age attribute of the table (age classification = the one with `age = true`)."""
    spec = ctx.spec(code)
    ages = next(c["code"] for c in spec["classifications"] if c.get("age"))
    cols, bands = [], []
    for sex, part in SEXES.items():
        for attr in spec["classes"][ages]["attributes"]:
            cols.append(col("BEVSTD", GES=sex, **{ages: attr}))
            bands.append((part, age_band(attr)))
    values = {
        ags: np.stack([cells[ags][:, part, lo:hi].sum(axis=(1, 2)) for part, (lo, hi) in bands], axis=1)
        for ags in regions
    }
    periods = stichtag(years, "12-31", spec)
    return TableData(code, spec, regions, periods, years, cols, stack(regions, values))


def population_sex(ctx: Context) -> TableData:
    """12411-01-01-4 (flat file): population by sex."""
    code = "12411-01-01-4"
    spec = ctx.spec(code)
    regions = ordered_regions(ctx.geo, spec["levels"], ctx.land_only)
    years = [int(y) for y in ctx.pop.years]
    cols = [col("BEVSTD", GES=sex) for sex in SEXES]
    values = {
        ags: np.stack([ctx.pop.cells[ags][:, part].sum(axis=(1, 2)) for part in SEXES.values()], axis=1)
        for ags in regions
    }
    periods = stichtag(years, "12-31", spec)
    return TableData(code, spec, regions, periods, years, cols, stack(regions, values))


def population_kreise(ctx: Context) -> TableData:
    code = "12411-02-03-4"
    regions = ordered_regions(ctx.geo, ctx.spec(code)["levels"], ctx.land_only)
    years = [int(y) for y in ctx.pop_long.years]
    return _by_sex_and_age(ctx, code, regions, ctx.pop_long.cells, years)


def population_single_years_kreise(ctx: Context) -> TableData:
    code = "12411-04-02-4"
    regions = ordered_regions(ctx.geo, ctx.spec(code)["levels"], ctx.land_only)
    return _by_sex_and_age(ctx, code, regions, ctx.pop.cells, [int(y) for y in ctx.pop.years])


def gemeinde_cells(ctx: Context) -> dict[str, np.ndarray]:
    """Population cells (years, sex, 91) of every Gemeinde; Germany scale: Kreise split (cached)."""
    if "gemeinde_cells" not in ctx.cache:
        cells = {g: ctx.pop.cells[g] for g in ctx.geo.home_gemeinden}
        if ctx.germany:
            kreise = {k: ctx.pop.cells[k] for k in ctx.geo.kreise}
            cells.update(split_gemeinden(ctx.geo, ctx.rng, kreise))
        ctx.cache["gemeinde_cells"] = cells
    return ctx.cache["gemeinde_cells"]


def population_gemeinden(ctx: Context) -> TableData:
    """12411-02-03-5: every Gemeinde (Germany scale: the latest Stichtage only, to bound the size)."""
    code = "12411-02-03-5"
    regions = ordered_regions(ctx.geo, ctx.spec(code)["levels"], ctx.land_only, all_gemeinden=True)
    years = [int(y) for y in ctx.pop.years]
    index = [years.index(y) for y in GERMANY_GEMEINDE_YEARS] if ctx.germany else list(range(len(years)))
    cells = {g: c[index] for g, c in gemeinde_cells(ctx).items()}
    return _by_sex_and_age(ctx, code, regions, cells, [years[i] for i in index])


def _ldb_regions(ctx: Context, code: str) -> tuple[list[str], dict]:
    """Landesdatenbank: the home Land only, also at Germany scale (then with all its Gemeinden)."""
    regions = ordered_regions(ctx.geo, ctx.spec(code)["levels"], land_only=True, all_gemeinden=ctx.germany)
    return regions, {**ctx.pop.cells, **gemeinde_cells(ctx)}


def population_ages(ctx: Context) -> TableData:
    """12411-09i: total and single years of age 0..89, 90 and more (both sexes)."""
    code = "12411-09i"
    spec = ctx.spec(code)
    regions, cells = _ldb_regions(ctx, code)
    attrs = list(spec["classes"]["ALTERSJAHRE"]["attributes"])
    bands = [age_band(a) for a in attrs]
    values = {
        ags: np.stack([cells[ags][:, :, lo:hi].sum(axis=(1, 2)) for lo, hi in bands], axis=1)
        for ags in regions
    }
    years = [int(y) for y in ctx.pop.years]
    cols = [col("BEVSTD", ALTERSJAHRE=a) for a in attrs]
    return TableData(code, spec, regions, stichtag(years, "12-31", spec), years, cols, stack(regions, values))


def _areas(ctx: Context, regions: list[str], cells: dict) -> dict[str, float]:
    """Synthetic cadastral areas (qkm): seeded per Kreis (the home Kreis as published where known), split
    onto its Gemeinden by population."""
    area = {}
    for kreis in (r for r in regions if ctx.geo.level[r] == "kreis"):
        known = cal.KREIS_AREA.get(kreis) if kreis == ctx.home else None
        area[kreis] = known if known is not None else round(float(ctx.rng.uniform(80, 1300)), 2)
        members = [g for g in regions if ctx.geo.level[g] == "gemeinde" and ctx.geo.parent[g] == kreis]
        weights = np.array([cells[g][-1].sum() for g in members], dtype=float) ** 0.5 + 1.0
        area.update(
            zip(members, np.round(area[kreis] * weights / max(weights.sum(), 1), 2).tolist(), strict=True)
        )
        if members:
            area[kreis] = round(sum(area[g] for g in members), 2)
    for region in (r for r in regions if ctx.geo.level[r] in ("land", "rb")):
        area[region] = round(sum(v for k, v in area.items() if len(k) == 5 and k.startswith(region)), 2)
    return area


def population_area(ctx: Context) -> TableData:
    """12411-15i: population, cadastral area (synthetic, fixed per Gemeinde/Kreis) and density."""
    code = "12411-15i"
    spec = ctx.spec(code)
    regions, cells = _ldb_regions(ctx, code)
    area = _areas(ctx, regions, cells)
    years = [int(y) for y in ctx.pop.years]
    values = {}
    for ags in regions:
        pop = cells[ags].sum(axis=(1, 2)).astype(float)
        values[ags] = np.stack([pop, np.full(len(years), area[ags]), np.round(pop / area[ags], 1)], axis=1)
    cols = [col(v["code"]) for v in spec["values"]]
    td = TableData(
        code,
        spec,
        regions,
        stichtag(years, "12-31", spec),
        years,
        cols,
        stack(regions, values),
        decimals=np.array([0, 2, 1]),
    )
    return td


def projection(ctx: Context) -> TableData:
    """Template LOCAL-VORAUSBERECHNUNG from the 31.12.2024 population: -5 % by 2040, under-20s shrink most."""
    years = np.arange(2025, 2041)
    steps = years - 2024
    geo = ctx.geo
    units = geo.kreise + geo.home_gemeinden
    bands = [age_band(b) for b in PROJECTION_BANDS]
    base = np.stack([[ctx.pop.series(u, 2024).sum(axis=0)[lo:hi].sum() for lo, hi in bands] for u in units])
    rates = np.array([-0.011, -0.012, -0.010, -0.008, -0.006, -0.006, -0.0062, 0.0095])
    shift = ctx.rng.normal(0.0, 0.003, (len(units), 1))
    factors = (1 + rates[None, None, :] + shift[:, :, None]) ** steps[None, :, None]
    groups = np.rint(base[:, None, :] * factors)  # (units, years, groups)
    values = dict(zip(units, groups, strict=True))
    values[geo.home] = sum(values[g] for g in geo.home_gemeinden)
    values.update(roll_up(geo, geo.kreise, np.stack([values[k] for k in geo.kreise]), ["land", "rb"]))
    regions = ordered_regions(geo, ["land", "rb", "kreis", "gemeinde"], land_only=True)
    full = {r: np.concatenate([values[r].sum(axis=1, keepdims=True), values[r]], axis=1) for r in regions}
    cols = [("population_base2024", band) for band in ["INSGESAMT", *PROJECTION_BANDS]]
    code = "LOCAL-VORAUSBERECHNUNG"
    return TableData(
        code,
        ctx.spec(code),
        regions,
        [str(y) for y in years],
        list(map(int, years)),
        cols,
        stack(regions, full),
    )
