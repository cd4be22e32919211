"""Kreis-level tables: Kita, vocational schools, apprentices, employees, unemployment, students."""

from __future__ import annotations

import numpy as np

from etl.demo import calibration as cal
from etl.demo.context import Context
from etl.demo.model import YEARS, roll_up, split
from etl.demo.table import TableData, col, is_total, ordered_regions, round_to, school_year, stack
from etl.demo.writers import layout_columns as writers_columns

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
#: Time profile of the unemployment rate of every Kreis: the first calibrated path (annual averages).
RATE_PATH = np.array(next(iter(cal.UNEMPLOYMENT_RATE_PATH.values())), dtype=float)


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
    regions = ordered_regions(ctx.geo, spec["levels"], ctx.land_only or spec["provider"] == "ldbnrw")
    return TableData(
        code, spec, regions, periods, [int(y) for y in YEARS], cols, stack(regions, values), decimals=decimals
    )


def _units_without_rest(ctx: Context, code: str) -> list[str]:
    return ctx.units if "bund" in ctx.spec(code)["levels"] else ctx.geo.kreise


KITA_KINDS = (("INSGESAMT3", slice(0, 2)), ("ARTDHILFE69", slice(0, 1)), ("ARTDHILFE64", slice(1, 2)))


def _kita_model(ctx: Context) -> dict[str, np.ndarray]:
    """Per unit (years, 4, 2): children u3 / 3to6 in Kita / Tagespflege at 1 March, then the population
    u3 / 3to6 of 31.12. before (in both last-axis places)."""
    if "kita" not in ctx.cache:
        prev = lambda a: np.concatenate([a[:, :1], a[:, :-1]], axis=1)  # noqa: E731
        u3, o3 = prev(ctx.pop_ages(ctx.units, 0, 3)), prev(ctx.pop_ages(ctx.units, 3, 6))
        n = len(ctx.units)
        rate_u3 = np.clip(ctx.rng.normal(0.25, 0.04, (n, 1)), 0.15, 0.4) + 0.011 * (YEARS - 2014)
        if ctx.home in cal.KITA_RATE_U3_2014:
            rate_u3[ctx.units.index(ctx.home)] = cal.KITA_RATE_U3_2014[ctx.home] + 0.011 * (YEARS - 2014)
        rate_o3 = np.clip(ctx.rng.normal(0.92, 0.02, (n, 1)), 0.85, 0.97) + 0 * T
        children = np.stack([np.rint(u3 * rate_u3), np.rint(o3 * rate_o3)], axis=2)  # (n, y, 2)
        pflege = np.rint(children * np.array([0.2, 0.02]))
        care = np.stack([children - pflege, pflege], axis=3)  # (n, y, age, kind)
        pop = np.repeat(np.stack([u3, o3], axis=2)[..., None], 2, axis=3)
        ctx.cache["kita"] = dict(zip(ctx.units, np.concatenate([care, pop], axis=2), strict=True))
    return ctx.cache["kita"]


def _kita_table(ctx: Context, code: str, ages: list[tuple[str, int]], value: str) -> TableData:
    """Children (total, Kita, Tagespflege), quota KIND36 and share with > 7 hours KIND38 per age group."""
    spec, units = ctx.spec(code), _units_without_rest(ctx, code)
    model, age_cls = _kita_model(ctx), "ALT543" if value == "KIND33" else "ALT544"
    keys, kids, pops = [], [], []
    for attr, k in ages:
        for kind, part in KITA_KINDS:
            pairs = {"KINTE5": kind, age_cls: attr}
            keys += [col(value, **pairs), col("KIND36", **pairs), col("KIND38", **pairs)]
            kids.append(np.stack([model[u][:, k, part].sum(axis=1) for u in units]))
            pops.append(np.stack([model[u][:, 2 + k, 0] for u in units]))
    regions = ordered_regions(ctx.geo, spec["levels"], ctx.land_only)
    n, p = (_rolled(ctx, regions, units, np.stack(x, axis=2), spec["levels"]) for x in (kids, pops))
    quota = np.round(n / np.maximum(p, 1) * 100, 1)
    long = np.round(np.rint(n * 0.45) / np.maximum(n, 1) * 100, 1)
    values = np.stack([n, quota, long], axis=3).reshape(len(regions), len(YEARS), -1)
    return TableData(
        code,
        spec,
        regions,
        [f"{y}-03-01" for y in YEARS],
        [int(y) for y in YEARS],
        keys,
        values,
        decimals=np.array([0, 1, 1] * len(kids)),
    )


def _rolled(
    ctx: Context, regions: list[str], units: list[str], values: np.ndarray, levels: list
) -> np.ndarray:
    return stack(
        regions, {**dict(zip(units, values, strict=True)), **roll_up(ctx.geo, units, values, levels)}
    )


def kita_children(ctx: Context) -> TableData:
    return _kita_table(ctx, "22543-03-01-4", [("INSGESAMT", 0)], "KIND33")


def kita_children_ages(ctx: Context) -> TableData:
    return _kita_table(ctx, "22543-04-01-4", [("ALT000B03", 0), ("ALT003B06", 1)], "KIND34")


def kita_places(ctx: Context) -> TableData:
    """22541-01-04-4: Einrichtungen, Plätze, tätige Personen (Tabellen-CSV, Stichtag 01.03.)."""
    code = "22541-01-04-4"
    units = _units_without_rest(ctx, code)
    model = _kita_model(ctx)
    layout_cols = writers_columns(code, ctx.spec(code))
    rows = {}
    for u in units:
        kids = model[u][:, :2, 0]
        places = np.rint(kids[:, 0] * 0.75 + kids[:, 1] * 1.04)
        homes = np.ceil(places / 62)
        staff = np.rint(places * 0.26)
        parts = {
            "KIN002": homes,
            "KIN004": np.rint(homes * 0.6),
            "PLZ005": places,
            "RZVPB1": np.rint(staff * 0.7),
        }
        shares = {"ALT000B03": 0.02, "ALT002B008A": 0.3, "ALT005B014A": 0.01, "ALTGRKINDER": 0.67}
        pers = {
            "PERSONAL001": staff,
            "PERSONAL002B": np.rint(staff * 0.8),
            "PERSONAL002W": np.rint(staff * 0.75),
            "PERSONAL002": 0 * staff,
            "PERSONAL003": 0 * staff,
        }
        cells = []
        for value, pairs in layout_cols:
            attr = dict(pairs)
            if "KINTE4" in attr:
                cells.append(np.rint(homes * shares[attr["KINTE4"]]))
            elif "PERS03" in attr:
                cells.append(pers[attr["PERS03"]])
            else:
                cells.append(parts[value])
        rows[u] = np.stack(cells, axis=1)
    periods = [f"01.03.{y}" for y in YEARS]
    return _kreis_table(ctx, code, units, np.stack([rows[u] for u in units]), periods, layout_cols)


#: Shares of the vocational school types (SCHULE171, "darunter", is a part of SCHULE17, not additive).
VOCATIONAL_SHARES = {
    "SCHULE17": 0.55,
    "SCHULE171": 0.05,
    "SCHULE20": 0.0,
    "SCHULE21": 0.16,
    "SCHULE22": 0.04,
    "SCHULE23": 0.09,
    "SCHULE24": 0.0,
    "SCHULE25": 0.11,
    "SCHULE26": 0.0,
}


def _vocational_pupils(ctx: Context) -> np.ndarray:
    units = ctx.units
    if "vocational" not in ctx.cache:
        ctx.cache["vocational"] = np.rint(ctx.pop_ages(units, 16, 22) * 0.52 * ctx.unit_noise(0.1, 1))
    return ctx.cache["vocational"]


def vocational(ctx: Context) -> TableData:
    """21121-01-05-4: schools and pupils by type of vocational school (rounded to 5 from 2019)."""
    code = "21121-01-05-4"
    total = _vocational_pupils(ctx)
    additive = {a: v for a, v in VOCATIONAL_SHARES.items() if a != "SCHULE171"}
    parts = split(
        total, np.broadcast_to(np.array(list(additive.values())), total.shape + (len(additive),)).copy()
    )
    counts = {
        **dict(zip(additive, np.moveaxis(parts, 2, 0), strict=True)),
        "SCHULE171": np.rint(total * VOCATIONAL_SHARES["SCHULE171"]),
        "INSGESAMT": total,
    }
    keys, cells = [], []
    for attr, n in counts.items():
        keys += [
            col("BIL014", BILSA7=attr),
            col("BIL004", BILSA7=attr),
            col("BIL004", BILSA7=attr, GES="GESW"),
            col("BIL004", BILSA7=attr, NAT="NATA"),
        ]
        cells += [np.ceil(n / 1500) * (attr != "SCHULE171"), n, np.rint(n * 0.42), np.rint(n * 0.12)]
    values = np.stack(cells, axis=2)
    td = _kreis_table(ctx, code, ctx.units, values, [str(y) for y in YEARS], keys)
    late = (YEARS >= 2019)[None, :, None] & np.array([v == "BIL004" for v, _ in keys])[None, None, :]
    td.values = np.where(late, round_to(td.values, 5), td.values)
    td.mark(np.array([v == "BIL014" and dict(p).get("BILSA7") == "SCHULE171" for v, p in keys]), "x")
    return td


def iabe(ctx: Context) -> TableData:
    """Template LOCAL-IABE: entrants and pupils by iABE sector per Kreis of the home Land and the Land."""
    code = "LOCAL-IABE"
    kreise = ctx.geo.kreise
    total = _vocational_pupils(ctx)[: len(kreise)]
    shares = np.array([0.47, 0.13, 0.20, 0.20])
    pupils = split(total, np.broadcast_to(shares, total.shape + (4,)).copy())
    entrants = np.rint(pupils / np.array([2.8, 1.1, 2.6, 1.0]))
    parts = np.concatenate(
        [entrants, entrants.sum(2, keepdims=True), pupils, pupils.sum(2, keepdims=True)], axis=2
    )
    values = dict(zip(kreise, parts, strict=True))
    values.update(roll_up(ctx.geo, kreise, parts, ["land"]))
    regions = ordered_regions(ctx.geo, ["land", "kreis"], land_only=True)
    cols = [(v, s) for v in ("entrants", "pupils") for s in ("I", "II", "III", "IV", "INSGESAMT")]
    return TableData(
        code,
        ctx.spec(code),
        regions,
        [school_year(y) for y in YEARS],
        [int(y) for y in YEARS],
        cols,
        stack(regions, values),
    )


#: Aggregated WZ 2008 positions as index ranges of the 21 sections A..U (13111-07-05-4 / 13111-54i).
WZ_POSITIONS = {
    "A": (0, 1),
    "B-F": (1, 6),
    "B-E": (1, 5),
    "C": (2, 3),
    "F": (5, 6),
    "G-U": (6, 21),
    "G-I": (6, 9),
    "J": (9, 10),
    "K": (10, 11),
    "L": (11, 12),
    "M-N": (12, 14),
    "O-Q": (14, 17),
    "R-U": (17, 21),
}
#: ALT007 age groups (unter 20, 20-25, 25-30, 30-50, 50-60, 60-65, 65+): shares 2014 and change to 2025.
AGE7 = np.stack(
    [
        0.035 - 0.003 * T,
        0.075 - 0.005 * T,
        0.11 + 0 * T,
        0.44 - 0.03 * T,
        0.25 + 0.0 * T,
        0.075 + 0.03 * T,
        0.015 + 0.008 * T,
    ],
    axis=1,
)
#: Spread of the age structure between Kreise: a log-normal factor per Kreis and age group, constant over
#: the years (with one profile for all, every Kreis had the same share of employees from 50).
AGE7_SPREAD = 0.08
SCHOOL_CERT = {"OHNE-SCHUL": 0.035, "HAUPT": 0.18, "MITTEL": 0.30, "ABI": 0.305, "SCHUL-UNB": 0.18}
VOCATIONAL_CERT = {"OHNE-BERUF": 0.15, "BERUF": 0.62, "AKAD": 0.14, "BERUF-UNB": 0.09}


def _sections(ctx: Context) -> np.ndarray:
    """Employees at workplace on 30.06. by WZ 2008 section A..U: (units, years, 21), cached."""
    if "sections" in ctx.cache:
        return ctx.cache["sections"]
    units = ctx.units
    city = np.array([ctx.geo.kind.get(u) == "Kreisfreie Stadt" for u in units])
    # employees at workplace per inhabitant: Kreise about 0.3-0.4, kreisfreie Städte (commuter targets) more
    ratio = np.where(city, ctx.rng.uniform(0.34, 0.52, len(units)), ctx.rng.uniform(0.29, 0.41, len(units)))
    total = ctx.pop_ages(units, 0, 91) * ratio[:, None] * (1 + 0.009 * (YEARS - 2016))
    home = units.index(ctx.home)
    if ctx.home in cal.EMPLOYEES_2016:
        total[home] = cal.EMPLOYEES_2016[ctx.home] * (1 + 0.009 * (YEARS - 2016))
    manuf = np.clip(ctx.rng.normal(0.21, 0.06, len(units)) - np.where(city, 0.08, 0.0), 0.07, 0.38)
    if ctx.home in cal.MANUFACTURING_SHARE:
        manuf[home] = cal.MANUFACTURING_SHARE[ctx.home]
    shares = np.repeat(WZ_SHARES[None, :], len(units), axis=0) * ctx.unit_noise(0.2, 21)
    shares[:, 2] = 0
    shares = shares / shares.sum(axis=1, keepdims=True) * (1 - manuf[:, None])
    shares[:, 2] = manuf
    shares = shares[:, None, :] * (1 - 0.003 * (YEARS - 2016))[None, :, None] ** np.eye(21)[2][None, None, :]
    ctx.cache["sections"] = split(np.rint(total), shares)
    return ctx.cache["sections"]


def _positions(sections: np.ndarray) -> np.ndarray:
    """(..., 21) sections -> (..., 14): total, then the 13 aggregated positions."""
    parts = [sections[..., lo:hi].sum(axis=-1) for lo, hi in WZ_POSITIONS.values()]
    return np.stack([sections.sum(axis=-1), *parts], axis=-1)


def employees(ctx: Context) -> TableData:
    """13111-07-05-4 (flat file): employees by WZ 2008 position; small cells suppressed ('.')."""
    code = "13111-07-05-4"
    attrs = ctx.spec(code)["classes"]["WZ08S1"]["attributes"]
    keys = [col("ERW032", WZ08S1=a) for a in attrs]
    td = _kreis_table(ctx, code, ctx.units, _positions(_sections(ctx)), [f"{y}-06-30" for y in YEARS], keys)
    td.mark((td.values >= 1) & (td.values <= 2), ".")
    return td


def _age_shares(ctx: Context) -> np.ndarray:
    """AGE7 per model unit (units, years, 7): drawn from a generator of its own, so the other tables keep
    their draws."""
    own = np.random.default_rng([int(ctx.home), 13111053])
    shares = AGE7[None] * np.exp(own.normal(0.0, AGE7_SPREAD, (len(ctx.units), 1, 7)))
    return shares / shares.sum(axis=2, keepdims=True)


def employees_ages(ctx: Context) -> TableData:
    """13111-05-03-4: employees by age group (ALT007), nationality and sex; ages sum to the totals."""
    code = "13111-05-03-4"
    total = _sections(ctx).sum(axis=2)
    ages = split(total, np.broadcast_to(_age_shares(ctx), total.shape + (7,)).copy())
    ages = np.concatenate([ages, total[..., None]], axis=2)  # the total row last
    attrs = [a for a in ctx.spec(code)["classes"]["ALT007"]["attributes"] if not is_total(a)] + ["INSGESAMT"]
    keys, cells = [], []
    for nat, share in (("INSGESAMT", 1.0), ("NATA", 0.13)):
        for sex, part in (("INSGESAMT", 1.0), ("GESM", 0.54), ("GESW", 0.46)):
            keys += [col("ERW032", ALT007=a, NAT=nat, GES=sex) for a in attrs]
            cells.append(np.rint(ages * share * part))
    values = np.concatenate(cells, axis=2)
    return _kreis_table(ctx, code, ctx.units, values, [f"30.06.{y}" for y in YEARS], keys)


def employees_certificates(ctx: Context) -> TableData:
    """13111-54i (names only, Stichtag 31.12. from 2021): employees by WZ section and certificate."""
    code = "13111-54i"
    spec = ctx.spec(code)
    kreise = ctx.geo.kreise
    positions = _positions(_sections(ctx)[: len(kreise)])  # (kreise, years, 14)
    keys, cells = [], []
    wz = list(spec["classes"]["WZ08"]["attributes"])
    for w, position in zip(wz, np.moveaxis(positions, 2, 0), strict=True):
        keys.append(col("ERW032", WZ08=w))
        cells.append(position)
        for group in (SCHOOL_CERT, VOCATIONAL_CERT):
            parts = split(
                position,
                np.broadcast_to(np.array(list(group.values())), position.shape + (len(group),)).copy(),
            )
            keys += [col("ERW032", WZ08=w, ABSCHLUSS=a) for a in group]
            cells += list(np.moveaxis(parts, 2, 0))
    values = np.stack(cells, axis=2)
    years = YEARS[YEARS >= 2021]
    td = _kreis_table(ctx, code, kreise, values, [f"31.12.{y}" for y in YEARS], keys)
    keep = np.searchsorted(YEARS, years)
    td.values, td.symbols = td.values[:, keep], td.symbols[:, keep]
    td.periods, td.years = [td.periods[i] for i in keep], [int(y) for y in years]
    return td


def unemployment(ctx: Context) -> TableData:
    """Annual averages; rates = unemployed / civilian labour force, aggregated by summing both."""
    code = "13211-02-05-4"
    units = ctx.units
    city = np.array([ctx.geo.kind.get(u) == "Kreisfreie Stadt" for u in units])
    force = ctx.pop_ages(units, 15, 65) * 0.78
    rate = np.clip(ctx.rng.normal(6.2, 1.5, (len(units), 1)) + np.where(city, 2.5, 0.0)[:, None], 3.0, 14.0)
    path = RATE_PATH
    rate = rate * path / path.mean() * ctx.unit_noise(0.04, len(YEARS))
    home, known = units.index(ctx.home), ctx.home in cal.UNEMPLOYED_2025
    if known:  # the home Kreis as published: the unemployed of 2025 at the published rate
        home_path = np.array(cal.UNEMPLOYMENT_RATE_PATH[ctx.home], dtype=float)
        force[home] = cal.UNEMPLOYED_2025[ctx.home] / (home_path[-1] / 100) * (1 + 0.004 * (YEARS - 2025))
        rate[home] = home_path
    unemployed = np.rint(force * rate / 100)
    if known:
        unemployed[home, -1] = cal.UNEMPLOYED_2025[ctx.home]
    force25, u25 = force * 0.105, np.rint(unemployed * ctx.rng.uniform(0.095, 0.12, (len(units), 1)))
    if ctx.home in cal.UNEMPLOYED_U25_2025:
        u25[home, -1] = cal.UNEMPLOYED_U25_2025[ctx.home]
    groups = {
        "ARBEITSLOS08": 0.33,
        "ARBEITSLOS06": 0.06,
        "ARBEITSLOS12": 0.022,
        "ARBEITSLOS14": 0.22,
        "ARBEITSLOS05": 0.35,
    }
    parts = {a: np.rint(unemployed * share) for a, share in groups.items()}
    counts = np.stack([unemployed, force, u25, force25, *parts.values()], axis=2)
    spec = ctx.spec(code)
    regions = ordered_regions(ctx.geo, spec["levels"], ctx.land_only)
    c = _rolled(ctx, regions, units, counts, spec["levels"])
    rate = np.round(c[..., 0] / c[..., 1] * 100, 1)
    cells = {col("ERWP06"): c[..., 0], col("ERWP06", ERWAQ7="ARBEITSLOS13"): c[..., 2]}
    cells.update({col("ERWP06", ERWAQ7=a): c[..., 4 + k] for k, a in enumerate(groups)})
    cells[col("ERWP09")] = np.round(rate * 1.1, 1)
    cells[col("ERWP10")] = rate
    for attr, factor in (("ARBEITSQUO05", 1.04), ("ARBEITSQUO06", 0.96), ("ARBEITSQUO07", 2.3)):
        cells[col("ERWP10", ERWAQ8=attr)] = np.round(rate * factor, 1)
    cells[col("ERWP10", ERWAQ8="ARBEITSQUO09")] = np.round(c[..., 2] / c[..., 3] * 100, 1)
    keys = list(cells)
    return TableData(
        code,
        spec,
        regions,
        [str(y) for y in YEARS],
        [int(y) for y in YEARS],
        keys,
        np.stack([cells[k] for k in keys], axis=2),
        decimals=np.array([0 if k[0] == "ERWP06" else 1 for k in keys]),
    )


def apprentices(ctx: Context) -> TableData:
    """Template LOCAL-AUSZUBILDENDE: apprentices and new contracts by area at 31.12.; cells rounded to 3."""
    code = "LOCAL-AUSZUBILDENDE"
    kreise = ctx.land_kreise
    base = ctx.pop_ages(kreise, 15, 65) * 0.033 * ctx.unit_noise(0.12, 1)[: len(kreise)]
    shares = (
        np.array([0.58, 0.27, 0.04, 0.025, 0.075, 0.01])[None, None, :]
        * ctx.unit_noise(0.25, 1, 6)[: len(kreise)]
    )
    appr = split(np.rint(base), np.broadcast_to(shares, base.shape + (6,)).copy())
    new = np.rint(appr * 0.36)
    parts = np.concatenate([appr, appr.sum(2, keepdims=True), new, new.sum(2, keepdims=True)], axis=2)
    regions = ordered_regions(ctx.geo, ["land", "kreis"], land_only=True)
    values = _rolled(ctx, regions, kreise, parts, ["land", "kreis"])
    areas = ("IH", "HW", "OD", "LW", "FB", "HWI", "INSGESAMT")
    cols = [(v, a) for v in ("apprentices", "new_contracts") for a in areas]
    return TableData(
        code,
        ctx.spec(code),
        regions,
        [str(y) for y in YEARS],
        [int(y) for y in YEARS],
        cols,
        round_to(values, 3),
    )


#: Fächergruppen of the model.
MODEL_GROUPS = ("HS-FG01", "HS-FG03", "HS-FG04", "HS-FG05", "HS-FG08", "HS-FG09")
#: All Fächergruppen as in the real file; those outside the model have no students ("-").
SUBJECT_GROUPS = (
    "HS-FG01",
    "HS-FG02",
    "HS-FG03",
    "HS-FG04",
    "HS-FG05",
    "HS-FG07",
    "HS-FG08",
    "HS-FG09",
    "HS-FG10",
)


def students(ctx: Context) -> TableData:
    """Students in winter term by sex, nationality and subject group; the latest term is '...'."""
    code = "21311-01-01-4"
    units = ctx.units
    city = np.array([ctx.geo.kind.get(u) == "Kreisfreie Stadt" for u in units])
    has = city | (ctx.rng.random(len(units)) < 0.4)
    size = np.where(city, ctx.rng.uniform(5e3, 5e4, len(units)), ctx.rng.uniform(1e3, 8e3, len(units))) * has
    fg = ctx.rng.dirichlet(np.ones(6) * 2, len(units))
    if ctx.home in cal.STUDENTS:
        home = units.index(ctx.home)
        size[home], fg[home] = cal.STUDENTS[ctx.home][0], list(cal.STUDENTS[ctx.home][1])
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
    cells = np.concatenate([cells.sum(axis=2, keepdims=True), cells, 0 * cells[:, :, :1]], axis=2)
    slots = [0] + [
        1 + MODEL_GROUPS.index(g) if g in MODEL_GROUPS else len(MODEL_GROUPS) + 1 for g in SUBJECT_GROUPS
    ]
    cells = cells[:, :, slots]  # subject group: total + all groups
    values = cells.transpose(0, 1, 3, 4, 2).reshape(len(units), len(YEARS), -1)
    cols = [
        col("HS-W02", GESINS=sex, NAT01=nat, **{"HS-FG2": fg})
        for sex in ("INSGESAMT", "GESM", "GESW")
        for nat in ("INSGESAMT", "NATD", "NATA")
        for fg in ("INSGESAMT", *SUBJECT_GROUPS)
    ]
    td = _kreis_table(ctx, code, units, values, [f"{y}-10P6M" for y in YEARS], cols)
    td.mark((td.values >= 1) & (td.values <= 2), ".")
    td.symbols[:, -1, :] = "..."
    return td


def students_home(ctx: Context) -> TableData:
    """21311-01-01-4-B (regionale Ebenen) as in the real download for one Kreis: the home Kreis's -4
    figures."""
    full = students(ctx)
    row = full.regions.index(ctx.home)
    spec = ctx.spec("21311-01-01-4-B")
    return TableData(
        spec["code"],
        spec,
        [ctx.home],
        full.periods,
        full.years,
        full.cols,
        full.values[row : row + 1].copy(),
        full.symbols[row : row + 1].copy(),
    )
