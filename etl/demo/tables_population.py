"""Population tables: 12411-02-03-4 (ffcsv5), 12411-09i and 12421-01i (Tabellen-CSV)."""

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
PROJECTION_GROUPS = [(0, 3), (3, 6), (6, 10), (10, 16), (16, 19), (19, 20), (20, 65), (65, 91)]


def age_groups(cells: np.ndarray, groups: list[tuple[int, int]]) -> np.ndarray:
    """(..., 91) single years -> (..., groups)."""
    return np.stack([cells[..., lo:hi].sum(axis=-1) for lo, hi in groups], axis=-1)


def population_kreise(ctx: Context) -> TableData:
    spec = ctx.spec("12411-02-03-4")
    regions = ordered_regions(ctx.geo, spec["levels"], ctx.nrw_only)
    sexes, ages = spec["classifications"]
    values = {}
    for ags in regions:
        groups = age_groups(ctx.pop_long.cells[ags], ALTX14)  # (years, sex, 14)
        groups = np.concatenate([groups.sum(axis=2, keepdims=True), groups], axis=2)  # total first
        values[ags] = np.concatenate([groups.sum(axis=1, keepdims=True), groups], axis=1).reshape(
            len(groups), -1
        )
    cols = [((s[0], a[0]), 0) for s in sexes["attributes"] for a in ages["attributes"]]
    years = [int(y) for y in ctx.pop_long.years]
    return TableData(
        "12411-02-03-4", spec, regions, [f"{y}-12-31" for y in years], years, cols, stack(regions, values)
    )


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
    regions = ordered_regions(ctx.geo, spec["levels"], ctx.nrw_only, all_gemeinden=ctx.germany)
    cells = dict(ctx.pop.cells)
    if ctx.germany:
        kreise = {k: ctx.pop.cells[k].sum(axis=1) for k in ctx.geo.kreise}
        cells.update({g: v[:, None, :] for g, v in split_gemeinden(ctx.geo, ctx.rng, kreise).items()})
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
