"""Population tables: 12411-02-03-4 and -5 (ffcsv5), 12411-09i and 12421-01i (Tabellen-CSV)."""

from __future__ import annotations

import re

import numpy as np

from etl.demo.context import Context
from etl.demo.model import roll_up, split_gemeinden
from etl.demo.table import TableData, ordered_regions, stack

#: Age groups of the ALTX14 classification and of 12421-01i as (from, to) with to exclusive.
ALTX14 = [
    (0, 3),
    (3, 6),
    (6, 10),
    (10, 16),
    (16, 19),
    (19, 20),
    (20, 25),
    (25, 30),
    (30, 40),
    (40, 50),
    (50, 55),
    (55, 65),
    (65, 75),
    (75, 91),
]
#: Stichtage of 12411-02-03-5 at Germany scale (about 10,800 Gemeinden x 45 cells per Stichtag).
GERMANY_GEMEINDE_YEARS = (2023, 2024, 2025)
PROJECTION_GROUPS = [(0, 3), (3, 6), (6, 10), (10, 16), (16, 19), (19, 20), (20, 65), (65, 91)]


def age_groups(cells: np.ndarray, groups: list[tuple[int, int]]) -> np.ndarray:
    """(..., 91) single years -> (..., groups)."""
    return np.stack([cells[..., lo:hi].sum(axis=-1) for lo, hi in groups], axis=-1)


def _altx14_rows(cells: np.ndarray) -> np.ndarray:
    """(years, sex m/f, 91) -> (years, 45): sex total/m/f x age total + 14 ALTX14 groups."""
    groups = age_groups(cells, ALTX14)  # (years, sex, 14)
    groups = np.concatenate([groups.sum(axis=2, keepdims=True), groups], axis=2)  # total first
    return np.concatenate([groups.sum(axis=1, keepdims=True), groups], axis=1).reshape(len(groups), -1)


def _altx14_table(ctx: Context, code: str, regions: list[str], cells: dict, years: list[int]) -> TableData:
    sexes, ages = ctx.spec(code)["classifications"]
    values = {ags: _altx14_rows(cells[ags]) for ags in regions}
    cols = [((s[0], a[0]), 0) for s in sexes["attributes"] for a in ages["attributes"]]
    periods = [f"{y}-12-31" for y in years]
    return TableData(code, ctx.spec(code), regions, periods, years, cols, stack(regions, values))


def population_kreise(ctx: Context) -> TableData:
    regions = ordered_regions(ctx.geo, ctx.spec("12411-02-03-4")["levels"], ctx.nrw_only)
    years = [int(y) for y in ctx.pop_long.years]
    return _altx14_table(ctx, "12411-02-03-4", regions, ctx.pop_long.cells, years)


def gemeinde_cells(ctx: Context) -> dict[str, np.ndarray]:
    """Population cells (years, sex, 91) of every Gemeinde; Germany scale: Kreise split (cached)."""
    if "gemeinde_cells" not in ctx.cache:
        cells = {g: ctx.pop.cells[g] for g in ctx.geo.lippe_gemeinden}
        if ctx.germany:
            kreise = {k: ctx.pop.cells[k] for k in ctx.geo.kreise}
            cells.update(split_gemeinden(ctx.geo, ctx.rng, kreise))
        ctx.cache["gemeinde_cells"] = cells
    return ctx.cache["gemeinde_cells"]


def population_gemeinden(ctx: Context) -> TableData:
    """12411-02-03-5: every Gemeinde (Germany scale: the latest Stichtage only, to bound the size)."""
    code = "12411-02-03-5"
    regions = ordered_regions(ctx.geo, ctx.spec(code)["levels"], ctx.nrw_only, all_gemeinden=True)
    years = [int(y) for y in ctx.pop.years]
    index = list(range(len(years)))
    if ctx.germany:
        index = [years.index(y) for y in GERMANY_GEMEINDE_YEARS]
    cells = {g: c[index] for g, c in gemeinde_cells(ctx).items()}
    return _altx14_table(ctx, code, regions, cells, [years[i] for i in index])


def expand_columns(columns: list[str]) -> list[str]:
    """Replace the '…' placeholder of sources.toml by the single years it stands for."""
    if "…" not in columns:
        return columns
    i = columns.index("…")
    start = int(re.match(r"(\d+)", columns[i - 1]).group(1)) + 1
    stop = int(re.match(r"(\d+)", columns[i + 1]).group(1))
    return columns[:i] + [f"{a} bis unter {a + 1} Jahre" for a in range(start, stop)] + columns[i + 1 :]


def population_ages(ctx: Context) -> TableData:
    spec = ctx.spec("12411-09i")
    columns = expand_columns(spec["columns"])
    # Landesdatenbank NRW: NRW only, also at Germany scale (then with NRW's synthetic Gemeinden)
    regions = ordered_regions(ctx.geo, spec["levels"], nrw_only=True, all_gemeinden=ctx.germany)
    cells = {**ctx.pop.cells, **gemeinde_cells(ctx)}
    values = {}
    for ags in regions:
        single = cells[ags].sum(axis=1)  # (years, 91)
        values[ags] = np.concatenate([single.sum(axis=1, keepdims=True), single], axis=1)
    if len(columns) != 92:
        raise ValueError(f"12411-09i: expected 92 columns in sources.toml, got {len(columns)}")
    years = [int(y) for y in ctx.pop.years]
    cols = [(h0, h1, c) for h0, h1 in [tuple(spec["header"])] for c in columns]
    return TableData(
        "12411-09i", spec, regions, [f"31.12.{y}" for y in years], years, cols, stack(regions, values)
    )


def projection(ctx: Context) -> TableData:
    """Projection from the 31.12.2024 population: -8 % by 2050 in Lippe, under-20s shrink most."""
    spec = ctx.spec("12421-01i")
    first, last = spec["time"]["years"]
    years = np.arange(first, last + 1)
    steps = years - 2024
    geo = ctx.geo
    units = geo.kreise + geo.lippe_gemeinden
    base = np.stack([age_groups(ctx.pop.series(u, 2024).sum(axis=0), PROJECTION_GROUPS) for u in units])
    rates = np.array([-0.011, -0.012, -0.010, -0.008, -0.006, -0.006, -0.0062, 0.0095])
    shift = ctx.rng.normal(0.0, 0.003, (len(units), 1))
    factors = (1 + rates[None, None, :] + shift[:, :, None]) ** steps[None, :, None]
    groups = np.rint(base[:, None, :] * factors)  # (units, years, groups)
    values = dict(zip(units, groups, strict=True))
    values["05766"] = sum(values[g] for g in geo.lippe_gemeinden)
    kreis_values = np.stack([values[k] for k in geo.kreise])
    values.update(roll_up(geo, geo.kreise, kreis_values, ["land", "rb"]))
    regions = ordered_regions(geo, spec["levels"], nrw_only=True)
    full = {r: np.concatenate([values[r].sum(axis=1, keepdims=True), values[r]], axis=1) for r in regions}
    cols = [(spec["header"][0], spec["header"][1], c) for c in spec["columns"]]
    return TableData(
        "12421-01i", spec, regions, [str(y) for y in years], list(map(int, years)), cols, stack(regions, full)
    )
