"""Kreis-level tables: Kita, vocational schools, apprentices, employees, unemployment, students."""

from __future__ import annotations

import numpy as np

from etl.demo import calibration as cal
from etl.demo.catalogue import LIPPE
from etl.demo.context import Context
from etl.demo.model import YEARS, roll_up, split
from etl.demo.table import TableData, ordered_regions, round_to, school_year, stack

T = (YEARS - 2014) / 11.0
#: Employment shares of the WZ 2008 sections A..U (NRW-like); C is set per Kreis.
WZ_SHARES = np.array(
    [
        0.004,
        0.002,
        0.20,
        0.006,
        0.007,
        0.055,
        0.145,
        0.06,
        0.03,
        0.035,
        0.03,
        0.007,
        0.065,
        0.075,
        0.06,
        0.04,
        0.17,
        0.008,
        0.025,
        0.0009,
        0.00002,
    ]
)
AGE_SHARES = np.stack([0.105 - 0.005 * T, 0.695 - 0.075 * T, 0.20 + 0.08 * T], axis=1)  # u25, 25-55, 55+
#: Lippe unemployment rate path (annual average, percent); 2024 and 2025 are published.
LIPPE_RATE = dict(
    zip(YEARS.tolist(), [6.6, 6.5, 6.3, 5.9, 5.5, 5.2, 6.0, 5.9, 5.3, 5.3, 5.5, 6.1], strict=True)
)


def _kreis_table(
    ctx: Context,
    code: str,
    units: list[str],
    unit_values: np.ndarray,
    periods: list[str],
    cols: list[tuple],
    decimals: np.ndarray | None = None,
) -> TableData:
    spec = ctx.spec(code)
    values = dict(zip(units, unit_values, strict=True))
    values.update(roll_up(ctx.geo, units, unit_values, spec["levels"]))
    regions = ordered_regions(ctx.geo, spec["levels"], ctx.nrw_only)
    return TableData(
        code, spec, regions, periods, [int(y) for y in YEARS], cols, stack(regions, values), decimals=decimals
    )


def _units_without_rest(ctx: Context, code: str) -> list[str]:
    return ctx.units if "bund" in ctx.spec(code)["levels"] else ctx.geo.kreise


def kita_children(ctx: Context) -> TableData:
    """Children in care at 1 March: population of 31.12. of the previous year times care rates."""
    code = "22543-03-01-4"
    units = _units_without_rest(ctx, code)
    prev = lambda a: np.concatenate([a[:, :1], a[:, :-1]], axis=1)  # noqa: E731
    u3, o3 = prev(ctx.pop_ages(units, 0, 3)), prev(ctx.pop_ages(units, 3, 6))
    rate_u3 = np.clip(ctx.rng.normal(0.25, 0.04, (len(units), 1)), 0.15, 0.4) + 0.011 * (YEARS - 2014)
    rate_u3[units.index(LIPPE)] = 0.22 + 0.011 * (YEARS - 2014)
    rate_o3 = np.clip(ctx.rng.normal(0.92, 0.02, (len(units), 1)), 0.85, 0.97) + 0 * T
    full = np.clip(ctx.rng.normal(0.45, 0.08, (len(units), 1, 2)), 0.2, 0.7)
    children = np.stack([np.rint(u3 * rate_u3), np.rint(o3 * rate_o3)], axis=2)
    long = np.rint(children * full)
    values = np.stack([children[..., 0], long[..., 0], children[..., 1], long[..., 1]], axis=2)
    ages, scope = ctx.spec(code)["classifications"]
    cols = [((a[0], b[0]), 0) for a in ages["attributes"] for b in scope["attributes"]]
    ctx.cache["kita_children"] = dict(zip(units, children, strict=True))
    return _kreis_table(ctx, code, units, values, [f"{y}-03-01" for y in YEARS], cols)


def kita_places(ctx: Context) -> TableData:
    code = "22541-01-04-4"
    units = _units_without_rest(ctx, code)
    if "kita_children" not in ctx.cache:
        kita_children(ctx)
    children = np.stack([ctx.cache["kita_children"][u] for u in units])
    places = np.rint(
        (children[..., 0] * 0.75 + children[..., 1] * 1.04) * ctx.unit_noise(0.03, 1)[: len(units)]
    )
    return _kreis_table(ctx, code, units, places[..., None], [f"{y}-03-01" for y in YEARS], [((), 0)])


def vocational(ctx: Context) -> TableData:
    code = "21121-01-05-4"
    units = ctx.geo.kreise
    pupils_total = np.rint(ctx.pop_ages(units, 16, 22) * 0.52 * ctx.unit_noise(0.1, 1)[: len(units)])
    shares = (
        np.stack([0.55 + 0 * T, 0.13 - 0.03 * T, 0.32 + 0.01 * T], axis=1)[None]
        * ctx.unit_noise(0.1, 1, 3)[: len(units)]
    )
    pupils = split(pupils_total, shares)
    entrants = np.rint(pupils / np.array([2.7, 1.15, 2.6]))
    values = np.stack([pupils.sum(axis=2), entrants.sum(axis=2)], axis=2)[..., None, :]
    values = np.concatenate([values, np.stack([pupils, entrants], axis=3)], axis=2).reshape(
        len(units), len(YEARS), 8
    )
    attrs = ctx.spec(code)["classifications"][0]["attributes"]
    cols = [((a[0],), v) for a in attrs for v in (0, 1)]
    return _kreis_table(ctx, code, units, values, [school_year(y) for y in YEARS], cols)


def employees(ctx: Context) -> TableData:
    """Employees at workplace by WZ section and age group; sections and ages sum to the totals."""
    code = "13111-07-05-4"
    units = ctx.units
    city = np.array([ctx.geo.kind.get(u) == "Kreisfreie Stadt" for u in units])
    ratio = np.where(city, ctx.rng.uniform(0.42, 0.5, len(units)), ctx.rng.uniform(0.29, 0.36, len(units)))
    total = ctx.pop_ages(units, 0, 91) * ratio[:, None] * (1 + 0.009 * (YEARS - 2016))
    lippe = units.index(LIPPE)
    total[lippe] = cal.EMPLOYEES_2016 * (1 + 0.009 * (YEARS - 2016))
    manuf = np.clip(ctx.rng.normal(0.21, 0.06, len(units)) - np.where(city, 0.08, 0.0), 0.07, 0.38)
    manuf[lippe] = cal.MANUFACTURING_SHARE
    shares = np.repeat(WZ_SHARES[None, :], len(units), axis=0) * ctx.unit_noise(0.2, 21)
    shares[:, 2] = 0
    shares = shares / shares.sum(axis=1, keepdims=True) * (1 - manuf[:, None])
    shares[:, 2] = manuf
    shares = shares[:, None, :] * (1 - 0.003 * (YEARS - 2016))[None, :, None] ** np.eye(21)[2][None, None, :]
    sections = split(np.rint(total), shares)  # (units, years, 21)
    ages = split(sections, np.broadcast_to(AGE_SHARES[None, :, None, :], sections.shape + (3,)).copy())
    full = np.concatenate([ages.sum(axis=3, keepdims=True), ages], axis=3)  # (u, y, 21, 4)
    full = np.concatenate([full.sum(axis=2, keepdims=True), full], axis=2).reshape(len(units), len(YEARS), -1)
    wz, age = ctx.spec(code)["classifications"]
    cols = [((w[0], a[0]), 0) for w in wz["attributes"] for a in age["attributes"]]
    td = _kreis_table(ctx, code, units, full, [f"{y}-06-30" for y in YEARS], cols)
    small = (td.values >= 1) & (td.values <= 2)
    tu = np.array([w in ("WZ08-T", "WZ08-U") for (w, _a), _v in cols])[None, None, :]
    td.mark(small | (tu & (td.values > 0) & (td.values < 20)), ".")
    return td


def unemployment(ctx: Context) -> TableData:
    """Annual averages; rates = unemployed / civilian labour force, aggregated by summing both."""
    code = "13211-02-05-4"
    units = ctx.units
    city = np.array([ctx.geo.kind.get(u) == "Kreisfreie Stadt" for u in units])
    force = ctx.pop_ages(units, 15, 65) * 0.78
    rate = np.clip(ctx.rng.normal(6.2, 1.5, (len(units), 1)) + np.where(city, 2.5, 0.0)[:, None], 3.0, 14.0)
    path = np.array([LIPPE_RATE[y] for y in YEARS.tolist()])
    rate = rate * path / path.mean() * ctx.unit_noise(0.04, len(YEARS))
    lippe = units.index(LIPPE)
    force[lippe] = cal.UNEMPLOYED_2025 / (cal.UNEMPLOYMENT_RATE[2025] / 100) * (1 + 0.004 * (YEARS - 2025))
    rate[lippe] = path
    unemployed = np.rint(force * rate / 100)
    unemployed[lippe, -1] = cal.UNEMPLOYED_2025
    force25, u25 = force * 0.105, np.rint(unemployed * ctx.rng.uniform(0.095, 0.12, (len(units), 1)))
    u25[lippe, -1] = cal.UNEMPLOYED_U25_2025
    counts = np.stack([unemployed, force, u25, force25], axis=2)
    spec = ctx.spec(code)
    values = dict(zip(units, counts, strict=True))
    values.update(roll_up(ctx.geo, units, counts, spec["levels"]))
    regions = ordered_regions(ctx.geo, spec["levels"], ctx.nrw_only)
    c = stack(regions, values)
    out = np.stack(
        [
            c[..., 0],
            np.round(c[..., 0] / c[..., 1] * 100, 1),
            c[..., 2],
            np.round(c[..., 2] / c[..., 3] * 100, 1),
        ],
        axis=2,
    )
    attrs = spec["classifications"][0]["attributes"]
    cols = [((a[0],), v) for a in attrs for v in (0, 1)]
    return TableData(
        code,
        spec,
        regions,
        [str(y) for y in YEARS],
        [int(y) for y in YEARS],
        cols,
        out,
        decimals=np.array([0, 1, 0, 1]),
    )


def apprentices(ctx: Context) -> TableData:
    """Apprentices and new contracts by area at 31.12.; every cell rounded to a multiple of 3."""
    code = "21211-01i"
    spec = ctx.spec(code)
    units = ctx.geo.kreise
    base = ctx.pop_ages(units, 15, 65) * 0.033 * ctx.unit_noise(0.12, 1)[: len(units)]
    shares = (
        np.array([0.58, 0.27, 0.04, 0.025, 0.075, 0.01])[None, None, :]
        * ctx.unit_noise(0.25, 1, 6)[: len(units)]
    )
    appr = split(np.rint(base), np.broadcast_to(shares, base.shape + (6,)).copy())
    new = np.rint(appr * 0.36)
    raw = {
        u: np.concatenate(
            [appr[i], appr[i].sum(1, keepdims=True), new[i], new[i].sum(1, keepdims=True)], axis=1
        )
        for i, u in enumerate(units)
    }
    raw.update(roll_up(ctx.geo, units, np.stack([raw[u] for u in units]), ["land"]))
    regions = ordered_regions(ctx.geo, spec["levels"], nrw_only=True)
    cols = [(h, c) for h in spec["header"] for c in spec["columns"]]
    return TableData(
        code,
        spec,
        regions,
        [f"31.12.{y}" for y in YEARS],
        [int(y) for y in YEARS],
        cols,
        round_to(stack(regions, raw), 3),
    )


def students(ctx: Context) -> TableData:
    """Students in winter term by sex, nationality and subject group; the latest term is '...'."""
    code = "21311-01-01-4"
    spec = ctx.spec(code)
    units = ctx.units
    city = np.array([ctx.geo.kind.get(u) == "Kreisfreie Stadt" for u in units])
    has = city | (ctx.rng.random(len(units)) < 0.4)
    size = np.where(city, ctx.rng.uniform(5e3, 5e4, len(units)), ctx.rng.uniform(1e3, 8e3, len(units))) * has
    fg = ctx.rng.dirichlet(np.ones(6) * 2, len(units))
    lippe = units.index(LIPPE)
    size[lippe] = 6_600
    fg[lippe] = [0.05, 0.2, 0.08, 0.07, 0.45, 0.15]
    if not ctx.germany:
        size[-1] = 2.2e6
    total = np.rint(size[:, None] * (1 - 0.01 * (YEARS - 2019)))
    by_fg = split(total, np.broadcast_to(fg[:, None, :], total.shape + (6,)).copy())
    male = np.array([0.3, 0.5, 0.55, 0.3, 0.75, 0.45])
    sex_nat = np.stack(
        [male * 0.87, male * 0.13, (1 - male) * 0.87, (1 - male) * 0.13], axis=1
    )  # mD mA wD wA
    cells = split(by_fg, np.broadcast_to(sex_nat, by_fg.shape + (4,)).copy()).reshape(by_fg.shape + (2, 2))
    cells = np.concatenate([cells.sum(axis=3, keepdims=True), cells], axis=3)  # sex: total, m, w
    cells = np.concatenate([cells.sum(axis=4, keepdims=True), cells], axis=4)  # nat: total, d, a
    cells = np.concatenate([cells.sum(axis=2, keepdims=True), cells], axis=2)  # subject group: total + 6
    values = cells.transpose(0, 1, 3, 4, 2).reshape(len(units), len(YEARS), -1)
    sexes, nats, fgs = spec["classifications"]
    cols = [
        ((s[0], n[0], f[0]), 0)
        for s in sexes["attributes"]
        for n in nats["attributes"]
        for f in fgs["attributes"]
    ]
    td = _kreis_table(ctx, code, units, values, [f"{y}-10P6M" for y in YEARS], cols)
    td.mark((td.values >= 1) & (td.values <= 2), ".")
    td.symbols[:, -1, :] = "..."
    return td
