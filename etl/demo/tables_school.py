"""School tables (IT.NRW school statistics): pupils, transitions and leavers by Kreis and Gemeinde."""

from __future__ import annotations

import numpy as np

from etl.demo.catalogue import LIPPE
from etl.demo.context import Context
from etl.demo.model import YEARS, roll_up, split
from etl.demo.table import TableData, ordered_regions, round_to, school_year, stack

T = (YEARS - 2014) / 11.0  # 0 in 2014 .. 1 in 2025
# Secondary school types in the order of 21111-01i: HS, RS, SK, GE, GY, PR, WDS.
SECONDARY_SHARES = np.stack(
    [0.10 - 0.07 * T, 0.22 - 0.04 * T, 0.06 + 0.03 * T, 0.20 + 0.09 * T, 0.38 - 0.01 * T, 0 * T, 0 * T],
    axis=1,
)
TRANSITION_SHARES = np.stack(
    [
        0.04 - 0.03 * T,
        0.22 - 0.04 * T,
        0.08 + 0.02 * T,
        0.24 + 0.08 * T,
        0.40 - 0.02 * T,
        0 * T,
        0.012 + 0 * T,
        0.01 + 0 * T,
    ],
    axis=1,
)
LEAVER_SHARES = np.stack(
    [0.056 + 0.006 * T, 0.17 - 0.03 * T, 0.38 + 0.02 * T, 0.016 + 0 * T, 0.378 + 0.004 * T], axis=1
)
PRIMUS_KREISE = {LIPPE: 0.02, "05770": 0.015}
#: Which Lippe Gemeinden have which secondary school type (by size; PRIMUS and Waldorf fixed places).
PRIMUS_GEMEINDE, WALDORF_GEMEINDE = "05766060", "05766020"


def _presence(ctx: Context) -> np.ndarray:
    """(gemeinden, years, 9 school types incl. GS and FOE) 1 where the Gemeinde has such a school."""
    gem = ctx.geo.lippe_gemeinden
    size = np.array([ctx.pop.total(g)[-1] for g in gem], dtype=float)
    has = np.zeros((len(gem), len(YEARS), 9))
    has[:, :, 0] = 1  # Grundschule everywhere
    has[:, :, 1] = (size >= 35_000)[:, None] & ((YEARS < 2020) | (size >= 50_000)[:, None])  # HS closing
    has[:, :, 2] = (size >= 14_000)[:, None]
    has[:, :, 3] = ((size >= 7_000) & (size < 15_000))[:, None]
    has[:, :, 4] = (size >= 9_000)[:, None]
    has[:, :, 5] = (size >= 15_000)[:, None]
    has[:, :, 6] = np.array([g == PRIMUS_GEMEINDE for g in gem])[:, None]
    has[:, :, 7] = (size >= 15_000)[:, None]
    has[:, :, 8] = np.array([g == WALDORF_GEMEINDE for g in gem])[:, None]
    return has


def school_model(ctx: Context) -> dict:
    """Unrounded integer pupils, transitions and leavers per unit and Lippe Gemeinde: (years, columns)."""
    if "school" in ctx.cache:
        return ctx.cache["school"]
    units, n = ctx.units, len(ctx.units)
    primus = np.array([PRIMUS_KREISE.get(u, 0.0) for u in units])
    waldorf = np.where(ctx.rng.random(n) < 0.6, 0.006, 0.0)
    waldorf[units.index(LIPPE)] = 0.004
    shares = SECONDARY_SHARES[None] * ctx.unit_noise(0.15, 1, 7)
    shares[:, :, 5], shares[:, :, 6] = primus[:, None], waldorf[:, None]
    gs = np.rint(ctx.pop_ages(units, 6, 10) * 0.98)
    sec = split(np.rint(ctx.pop_ages(units, 10, 16) * 0.92 + ctx.pop_ages(units, 16, 19) * 0.36), shares)
    foe = np.rint((gs + sec.sum(axis=2)) * 0.045 * ctx.unit_noise(0.15, 1))
    pupils = np.concatenate(
        [gs[..., None], sec[..., :5], sec[..., 5:6], foe[..., None], sec[..., 6:]], axis=2
    )
    t_shares = TRANSITION_SHARES[None] * ctx.unit_noise(0.12, 1, 8)
    t_shares[:, :, 5] = primus[:, None] * 0.8
    transitions = split(np.rint(ctx.pop_ages(units, 10, 11) * 0.97), t_shares)
    l_shares = LEAVER_SHARES[None] * ctx.unit_noise(0.1, 1, 5)
    l_shares[units.index(LIPPE)] = LEAVER_SHARES
    leavers_base = np.concatenate(
        [ctx.pop_ages(units, 16, 19)[:, :1], ctx.pop_ages(units, 16, 19)[:, :-1]], axis=1
    )
    leavers = split(np.rint(leavers_base / 3 * 1.07), l_shares)
    model = {
        "pupils": dict(zip(units, pupils, strict=True)),
        "transitions": dict(zip(units, transitions, strict=True)),
        "leavers": dict(zip(units, leavers, strict=True)),
    }
    _split_lippe(ctx, model)
    ctx.cache["school"] = model
    return model


def _split_lippe(ctx: Context, model: dict) -> None:
    """Lippe's Kreis figures onto its Gemeinden (Schulort weights); parts sum exactly to the Kreis."""
    gem = ctx.geo.lippe_gemeinden
    has = _presence(ctx)
    size = np.array([ctx.pop.total(g) for g in gem], dtype=float)  # (gemeinden, years)
    noise = np.exp(ctx.rng.normal(0, 0.15, (len(gem), 1, 9)))
    weights = has * (size[:, :, None] ** 1.15) * noise  # (gemeinden, years, 9)
    pupils = split(model["pupils"][LIPPE], weights.transpose(1, 2, 0))  # (years, 9, gemeinden)
    model["pupils"].update(zip(gem, pupils.transpose(2, 0, 1), strict=True))
    gs = pupils[:, 0, :].T[:, :, None].astype(float)  # grade-4 leavers at the Grundschule's place
    t_weights = np.repeat(gs, 8, axis=2) * np.exp(ctx.rng.normal(0, 0.2, (len(gem), 1, 8)))
    t_weights[:, :, 5] = has[:, :, 6] + 1e-12
    trans = split(model["transitions"][LIPPE], t_weights.transpose(1, 2, 0))
    model["transitions"].update(zip(gem, trans.transpose(2, 0, 1), strict=True))
    secondary = pupils[:, 1:, :].sum(axis=1).T
    upper = pupils[:, [4, 5], :].sum(axis=1).T * (has[:, :, 5] + has[:, :, 4] * (size >= 15_000))
    l_weights = np.stack([secondary] * 3 + [upper] * 2, axis=2) + 1e-12
    leavers = split(model["leavers"][LIPPE], l_weights.transpose(1, 2, 0))
    model["leavers"].update(zip(gem, leavers.transpose(2, 0, 1), strict=True))


def _with_total(values: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    return {k: np.concatenate([v, v.sum(axis=-1, keepdims=True)], axis=-1) for k, v in values.items()}


def _tabellen(ctx: Context, code: str, kind: str, periods: list[str], first_rounded: int) -> TableData:
    spec = ctx.spec(code)
    model = school_model(ctx)[kind]
    units = ctx.geo.kreise
    values = dict(model)
    values.update(roll_up(ctx.geo, units, np.stack([model[u] for u in units]), ["land"]))
    regions = ordered_regions(ctx.geo, spec["levels"], nrw_only=True)
    raw = stack(regions, _with_total(values))
    rounded = np.where(np.array(YEARS)[None, :, None] >= first_rounded, round_to(raw, 5), raw)
    cols = [(spec["header"][0], c) for c in spec["columns"]]
    td = TableData(code, spec, regions, periods, [int(y) for y in YEARS], cols, rounded)
    small = (raw >= 1) & (raw <= 4) & (np.array(YEARS)[None, :, None] < first_rounded)
    gemeinde = np.array([ctx.geo.level[r] == "gemeinde" for r in regions])[:, None, None]
    td.mark(small & gemeinde, ".")
    return td


def pupils(ctx: Context) -> TableData:
    return _tabellen(ctx, "21111-01i", "pupils", [school_year(y) for y in YEARS], 2019)


def transitions(ctx: Context) -> TableData:
    return _tabellen(ctx, "21111-10i", "transitions", [school_year(y) for y in YEARS], 2019)


def leavers_gemeinden(ctx: Context) -> TableData:
    """Leavers leave in summer: year 2024 is school year 2023/24; rounding from 2019/20 (= 2020)."""
    return _tabellen(ctx, "21111-20i", "leavers", [school_year(y - 1) for y in YEARS], 2020)


def leavers_kreise(ctx: Context) -> TableData:
    spec = ctx.spec("21111-02-06-4")
    model = school_model(ctx)["leavers"]
    units = ctx.units
    values = dict(model)
    values.update(roll_up(ctx.geo, units, np.stack([model[u] for u in units]), spec["levels"]))
    regions = ordered_regions(ctx.geo, spec["levels"], ctx.nrw_only)
    raw = stack(
        regions, {k: np.concatenate([v.sum(axis=-1, keepdims=True), v], axis=-1) for k, v in values.items()}
    )
    rounded = np.where(np.array(YEARS)[None, :, None] >= 2020, round_to(raw, 5), raw)
    cols = [((a[0],), 0) for a in spec["classifications"][0]["attributes"]]
    return TableData(
        spec["code"],
        spec,
        regions,
        [school_year(y - 1) for y in YEARS],
        [int(y) for y in YEARS],
        cols,
        rounded,
    )
