"""School tables (IT.NRW school statistics): pupils, transitions and leavers by Kreis and Gemeinde."""

from __future__ import annotations

import numpy as np

from etl.demo import calibration as cal
from etl.demo.context import Context
from etl.demo.model import YEARS, roll_up, split
from etl.demo.table import TableData, col, ordered_regions, round_to, school_year, stack

T = (YEARS - 2014) / 11.0  # 0 in 2014 .. 1 in 2025
# Secondary school types of the model: HS, RS, SK, GE, GY, PR, WDS.
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


def _school_sites(ctx: Context, size: np.ndarray) -> tuple[str | None, str]:
    """Gemeinde of the PRIMUS school (None: none) and of the Waldorf school of the home Kreis."""
    gem = ctx.geo.home_gemeinden
    primus = cal.PRIMUS_GEMEINDE.get(ctx.home)
    waldorf = cal.WALDORF_GEMEINDE.get(ctx.home) or gem[int(np.argmax(size))]
    return primus, waldorf


def _presence(ctx: Context) -> np.ndarray:
    """(gemeinden, years, 9 school types incl. GS and FOE) 1 where the Gemeinde has such a school
    (by size; the PRIMUS and the Waldorf school at fixed places)."""
    gem = ctx.geo.home_gemeinden
    size = np.array([ctx.pop.total(g)[-1] for g in gem], dtype=float)
    primus_gemeinde, waldorf_gemeinde = _school_sites(ctx, size)
    has = np.zeros((len(gem), len(YEARS), 9))
    has[:, :, 0] = 1  # Grundschule everywhere
    has[:, :, 1] = (size >= 35_000)[:, None] & ((YEARS < 2020) | (size >= 50_000)[:, None])  # HS closing
    has[:, :, 2] = (size >= 14_000)[:, None]
    has[:, :, 3] = ((size >= 7_000) & (size < 15_000))[:, None]
    has[:, :, 4] = (size >= 9_000)[:, None]
    has[:, :, 5] = (size >= 15_000)[:, None]
    has[:, :, 6] = np.array([g == primus_gemeinde for g in gem])[:, None]
    has[:, :, 7] = (size >= 15_000)[:, None]
    has[:, :, 8] = np.array([g == waldorf_gemeinde for g in gem])[:, None]
    return has


def school_model(ctx: Context) -> dict:
    """Unrounded integer pupils, transitions and leavers per unit and home Gemeinde: (years, columns)."""
    if "school" in ctx.cache:
        return ctx.cache["school"]
    units, n = ctx.units, len(ctx.units)
    primus = np.array([cal.PRIMUS_SHARE.get(u, 0.0) for u in units])
    waldorf = np.where(ctx.rng.random(n) < 0.6, 0.006, 0.0)
    if ctx.home in cal.WALDORF_SHARE:
        waldorf[units.index(ctx.home)] = cal.WALDORF_SHARE[ctx.home]
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
    l_shares[units.index(ctx.home)] = LEAVER_SHARES  # the home Kreis: the shares as published
    leavers_base = np.concatenate(
        [ctx.pop_ages(units, 16, 19)[:, :1], ctx.pop_ages(units, 16, 19)[:, :-1]], axis=1
    )
    leavers = split(np.rint(leavers_base / 3 * 1.07), l_shares)
    model = {
        "pupils": dict(zip(units, pupils, strict=True)),
        "transitions": dict(zip(units, transitions, strict=True)),
        "leavers": dict(zip(units, leavers, strict=True)),
    }
    _split_home(ctx, model)
    ctx.cache["school"] = model
    return model


def _split_home(ctx: Context, model: dict) -> None:
    """The home Kreis's figures onto its Gemeinden (Schulort weights); parts sum exactly to the Kreis."""
    gem, home = ctx.geo.home_gemeinden, ctx.home
    has = _presence(ctx)
    size = np.array([ctx.pop.total(g) for g in gem], dtype=float)  # (gemeinden, years)
    noise = np.exp(ctx.rng.normal(0, 0.15, (len(gem), 1, 9)))
    weights = has * (size[:, :, None] ** 1.15) * noise  # (gemeinden, years, 9)
    # a school type no Gemeinde has (e.g. a Kreis without a PRIMUS school): its pupils, if any, at the
    # largest Gemeinde, so that the parts still sum to the Kreis
    largest = (np.arange(len(gem)) == int(np.argmax(size[:, -1])))[:, None, None]
    weights = np.where(weights.sum(axis=0, keepdims=True) > 0, weights, largest * 1.0)
    pupils = split(model["pupils"][home], weights.transpose(1, 2, 0))  # (years, 9, gemeinden)
    model["pupils"].update(zip(gem, pupils.transpose(2, 0, 1), strict=True))
    gs = pupils[:, 0, :].T[:, :, None].astype(float)  # grade-4 leavers at the Grundschule's place
    t_weights = np.repeat(gs, 8, axis=2) * np.exp(ctx.rng.normal(0, 0.2, (len(gem), 1, 8)))
    # each Gemeinde its own drift of the school choice over the years (seeded), around the Kreis's shares
    drift = ctx.rng.spawn(1)[0].normal(0.0, 0.35, (len(gem), 1, 8))
    t_weights = t_weights * np.exp(drift * (T - 0.5)[None, :, None])
    t_weights[:, :, 5] = has[:, :, 6] + 1e-12
    trans = split(model["transitions"][home], t_weights.transpose(1, 2, 0))
    model["transitions"].update(zip(gem, trans.transpose(2, 0, 1), strict=True))


#: BILSA8 attribute per pupils column of the model (GS, HS, RS, SK, GE, GY, PRIMUS, FOE, WDS).
PUPIL_TYPES = [
    "SCHULE03",
    "SCHULE05",
    "SCHULE07",
    "SCHULE06",
    "SCHULE09",
    "SCHULE08",
    "SCHULE06",
    "SCHULE11",
    "SCHULE10",
]
#: Pupils per school (for the number of schools, BIL013) by BILSA8 attribute.
SCHOOL_SIZE = {
    "SCHULE03": 210,
    "SCHULE05": 280,
    "SCHULE07": 520,
    "SCHULE06": 480,
    "SCHULE09": 950,
    "SCHULE08": 820,
    "SCHULE11": 120,
    "SCHULE10": 380,
}
#: Template school types per transitions column of the model.
TRANSITION_TYPES = ["HS", "RS", "SK", "GE", "GY", "PRIMUS", "FOE", "SONST"]
#: BILAG2 attribute per leavers column of the model; "dar. schulischer Teil der FHR" is a part of MSA.
LEAVER_TYPES = ["BILABS11", "BILABS12", "BILABS13", "BILABS14", "BILABS15"]
FEMALE = {
    "BILABS11": 0.38,
    "BILABS12": 0.41,
    "BILABS13": 0.48,
    "BILABS14D": 0.5,
    "BILABS14": 0.5,
    "BILABS15": 0.55,
}


def _kreis_regions(ctx: Context, code: str, model: dict) -> tuple[list[str], dict]:
    """Regions of a Regionaldatenbank school table and the model values rolled up to them."""
    spec, units = ctx.spec(code), ctx.units
    values = {u: model[u] for u in units}
    values.update(roll_up(ctx.geo, units, np.stack([model[u] for u in units]), spec["levels"]))
    return ordered_regions(ctx.geo, spec["levels"], ctx.land_only), values


def _rounded(raw: np.ndarray, first_rounded: int, counts: np.ndarray) -> np.ndarray:
    """NRW school statistics: counts (not numbers of schools) rounded to 5 from `first_rounded`."""
    late = (np.array(YEARS) >= first_rounded)[None, :, None] & counts[None, None, :]
    return np.where(late, round_to(raw, 5), raw)


def _pupil_cells(pupils: np.ndarray, only: str | None = None) -> dict[tuple, np.ndarray]:
    """(years, 9 model columns) -> {column key: (years,)} of 21111-01-03-4 (`only`: one zero row)."""
    by_type: dict[str, np.ndarray] = {}
    for k, attr in enumerate(PUPIL_TYPES):
        by_type[attr] = by_type.get(attr, 0) + pupils[:, k]
    rows = {only: 0 * pupils[:, 0]} if only else {**by_type, "INSGESAMT1": sum(by_type.values())}
    cells = {}
    for attr, n in rows.items():
        secondary = attr not in ("SCHULE03", "INSGESAMT1")
        upper = attr in ("SCHULE08", "SCHULE09", "SCHULE10")
        size = SCHOOL_SIZE.get(attr, 1)
        schools = (
            sum(np.ceil(by_type[a] / s) for a, s in SCHOOL_SIZE.items())
            if attr == "INSGESAMT1"
            else (np.ceil(n / size))
        )
        cells[col("BIL013", BILSA8=attr)] = schools
        cells[col("BIL003", BILSA8=attr)] = n
        cells[col("BIL003", BILSA8=attr, GES="GESW")] = np.rint(n * 0.488)
        cells[col("BIL003", BILSA8=attr, NAT="NATA")] = np.rint(n * 0.15)
        cells[col("BIL003", BILSA8=attr, BILKL2="KLSTUFE07")] = np.rint(n / 6) if secondary else 0 * n
        cells[col("BIL003", BILSA8=attr, BILKL2="JGSTUFE11")] = np.rint(n * 0.13) if upper else 0 * n
    return cells


def pupils(ctx: Context) -> TableData:
    """21111-01-03-4: schools and pupils by school type per Kreis (year = start of the school year)."""
    code = "21111-01-03-4"
    model = school_model(ctx)["pupils"]
    cells = {u: _pupil_cells(v) for u, v in model.items() if u in ctx.units}
    keys = list(next(iter(cells.values())))
    for attr in ("SCHULE29", "SCHULE04", "SCHULE28"):  # not in the NRW model: true zeros
        keys += [k for k in _pupil_cells(np.zeros((len(YEARS), 9)), attr)]
    matrix = {u: np.stack([c.get(k, np.zeros(len(YEARS))) for k in keys], axis=1) for u, c in cells.items()}
    regions, values = _kreis_regions(ctx, code, matrix)
    counts = np.array([k[0] == "BIL003" for k in keys])
    rounded = _rounded(stack(regions, values), 2019, counts)
    return TableData(
        code, ctx.spec(code), regions, [str(y) for y in YEARS], [int(y) for y in YEARS], keys, rounded
    )


def leavers_kreise(ctx: Context) -> TableData:
    """21111-02-06-4: leavers by certificate and sex; year = end of the school year, rounded from 2020."""
    code = "21111-02-06-4"
    model = school_model(ctx)["leavers"]
    keys, matrix = [], {}
    for u in ctx.units:
        parts = dict(zip(LEAVER_TYPES, model[u].T, strict=True))
        parts["BILABS14D"] = np.rint(parts["BILABS13"] * 0.02)
        parts["INSGESAMT"] = model[u].sum(axis=1)
        columns = []
        for attr in ["INSGESAMT", "BILABS11", "BILABS12", "BILABS13", "BILABS14D", "BILABS14", "BILABS15"]:
            female = np.rint(parts[attr] * FEMALE.get(attr, 0.48))
            columns += [
                (col("BILABS", BILAG2=attr), parts[attr]),
                (col("BILABS", BILAG2=attr, GES="GESW"), female),
            ]
        keys = [k for k, _ in columns]
        matrix[u] = np.stack([v for _, v in columns], axis=1)
    regions, values = _kreis_regions(ctx, code, matrix)
    rounded = _rounded(stack(regions, values), 2020, np.ones(len(keys), bool))
    return TableData(
        code, ctx.spec(code), regions, [str(y) for y in YEARS], [int(y) for y in YEARS], keys, rounded
    )


def transitions(ctx: Context) -> TableData:
    """Template LOCAL-UEBERGAENGE: transitions after grade 4 per Gemeinde, Kreis, RB, Land (rounded to 5)."""
    code = "LOCAL-UEBERGAENGE"
    model = school_model(ctx)["transitions"]
    kreise = ctx.geo.kreise
    values = {u: np.concatenate([model[u], model[u].sum(axis=1, keepdims=True)], axis=1) for u in model}
    values.update(roll_up(ctx.geo, kreise, np.stack([values[k] for k in kreise]), ["land", "rb"]))
    regions = ordered_regions(ctx.geo, ["land", "rb", "kreis", "gemeinde"], land_only=True)
    cols = [("transitions", t) for t in [*TRANSITION_TYPES, "INSGESAMT"]]
    raw = stack(regions, values)
    td = TableData(
        code,
        ctx.spec(code),
        regions,
        [school_year(y) for y in YEARS],
        [int(y) for y in YEARS],
        cols,
        round_to(raw, 5),
    )
    gemeinde = np.array([ctx.geo.level[r] == "gemeinde" for r in regions])[:, None, None]
    td.mark((raw >= 1) & (raw <= 2) & gemeinde, ".")
    return td
