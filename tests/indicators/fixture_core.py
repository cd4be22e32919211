"""Hand-written core tables (docs/DATA_MODEL.md §4) for the indicator tests.

Regions: NRW 05, Germany DG, Kreis Lippe 05766, Gemeinden Detmold 05766020 and Bad Salzuflen 05766008,
Jugendämter JA05766020 (Detmold) and JA05766K (here: Bad Salzuflen only), Agentur AA_DETMOLD.
Numbers are round so that every expected value in test_mart.py can be checked by hand.
"""

import duckdb

LIPPE, DETMOLD, BS, NRW = "05766", "05766020", "05766008", "05"
JA_DT, JA_K = "JA05766020", "JA05766K"

KEYED = {
    "pupils": ["school_type"],
    "transitions": ["school_type"],
    "school_leavers": ["certificate"],
    "allday": ["measure"],
    "kita": ["age_band", "measure"],
    "vocational": ["sector", "measure"],
    "training_market": ["occupation_group", "measure"],
    "apprentices": ["area", "measure"],
    "employees": ["wz_section", "age_group", "place"],
    "unemployment": ['"group"', "measure"],
    "vhs": ["measure"],
    "students": ["subject_group"],
}
COMMON = "period TEXT, year INTEGER, value DOUBLE, status TEXT, table_code TEXT"
# Kreis population by the 14 age groups of 12411-02-03-4 (2024); total 250,000.
KREIS_GROUPS = [
    (0, 3, 9000),
    (3, 6, 9000),
    (6, 10, 12000),
    (10, 16, 18000),
    (16, 19, 9000),
    (19, 20, 3000),
    (20, 25, 15000),
    (25, 30, 15000),
    (30, 40, 30000),
    (40, 50, 30000),
    (50, 55, 15000),
    (55, 65, 30000),
    (65, 75, 30000),
    (75, None, 25000),
]


def _v(cell: object) -> tuple[float | None, str]:
    """Cell shorthand: number -> ok; '-' -> 0 zero; '.' secret; '/' unreliable; '...' later; (n, status)."""
    symbols = {"-": (0.0, "zero"), ".": (None, "secret"), "/": (None, "unreliable"), "...": (None, "later")}
    if isinstance(cell, tuple):
        return float(cell[0]), cell[1]
    if isinstance(cell, str):
        return symbols[cell]
    return float(cell), "ok"


def create_core(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("CREATE SCHEMA core")
    con.execute(
        "CREATE TABLE core.regions (ags TEXT, name TEXT, level TEXT, parent TEXT, kind TEXT, nuts TEXT)"
    )
    con.execute("""CREATE TABLE core.region_groups (group_key TEXT, member_ags TEXT, group_type TEXT,
        valid_from DATE, valid_to DATE, share DOUBLE)""")
    con.execute(f"""CREATE TABLE core.population (ags TEXT, sex TEXT, age_from INTEGER, age_to INTEGER,
        {COMMON}, stand TEXT)""")
    con.execute(f"""CREATE TABLE core.population_projection (ags TEXT, base_year INTEGER, age_from INTEGER,
        age_to INTEGER, {COMMON}, stand TEXT)""")
    for table, keys in KEYED.items():
        con.execute(f"CREATE TABLE core.{table} (ags TEXT, {', '.join(k + ' TEXT' for k in keys)}, {COMMON})")
    _regions(con)
    _population(con)
    _projection(con)
    for table, rows in _keyed_rows().items():
        _insert_keyed(con, table, rows)


def _regions(con: duckdb.DuckDBPyConnection) -> None:
    con.executemany(
        "INSERT INTO core.regions VALUES (?, ?, ?, ?, ?, ?)",
        [
            ("DG", "Deutschland", "bund", None, "Staat", "DE"),
            (NRW, "Nordrhein-Westfalen", "land", "DG", "Land", "DEA"),
            (LIPPE, "Lippe", "kreis", "057", "Kreis", "DEA45"),
            (DETMOLD, "Detmold", "gemeinde", LIPPE, "Stadt", "DEA45"),
            (BS, "Bad Salzuflen", "gemeinde", LIPPE, "Stadt", "DEA45"),
            (JA_DT, "Jugendamt Detmold", "jugendamt", LIPPE, "Jugendamtsbezirk", None),
            (JA_K, "Kreisjugendamt Lippe", "jugendamt", LIPPE, "Jugendamtsbezirk", None),
            ("AA_DETMOLD", "Agentur für Arbeit Detmold", "agentur", "057", "Agenturbezirk", None),
        ],
    )
    con.executemany(
        "INSERT INTO core.region_groups VALUES (?, ?, ?, ?, ?, ?)",
        [
            (JA_DT, DETMOLD, "jugendamt", None, None, 1.0),
            (JA_K, BS, "jugendamt", None, None, 1.0),
            ("AA_DETMOLD", LIPPE, "agentur", "2013-01-01", None, 1.0),
        ],
    )


def _population(con: duckdb.DuckDBPyConnection) -> None:
    rows = []

    def add(ags, year, code, a0, a1, cell):
        value, status = _v(cell)
        rows.append((ags, "total", a0, a1, f"{year}-12-31", year, value, status, code))

    kreis = "12411-02-03-4"
    for ags, factor in ((LIPPE, 1), (NRW, 70)):
        for a0, a1, n in KREIS_GROUPS:
            add(ags, 2024, kreis, a0, a1, n * factor)
            add(ags, 2023, kreis, a0, a1, (9500 if a0 == 0 else n) * factor)
    add(LIPPE, 2024, kreis, 0, None, 250000)
    add(LIPPE, 2023, kreis, 0, None, 250500)
    add(LIPPE, 2014, kreis, 0, None, 240000)
    add(NRW, 2024, kreis, 0, None, (17500000, "provisional"))
    add(NRW, 2023, kreis, 0, None, 17535000)
    add(LIPPE, 2024, "12411-09i", 0, None, 249000)  # second source for the Kreis: must lose to 12411-02-03-4
    # Gemeinden by single years (12411-09i): Detmold 10 per year and 50 aged 90+ (2024; 40 in 2023),
    # Bad Salzuflen 20 per year and 100 aged 90+, age 1 secret in 2024.
    for year in (2023, 2024):
        for age in range(90):
            add(DETMOLD, year, "12411-09i", age, age + 1, 10)
            add(BS, year, "12411-09i", age, age + 1, "." if (year == 2024 and age == 1) else 20)
        add(DETMOLD, year, "12411-09i", 90, None, 50 if year == 2024 else 40)
        add(BS, year, "12411-09i", 90, None, 100)
        add(DETMOLD, year, "12411-09i", 0, None, 950 if year == 2024 else 940)
        add(BS, year, "12411-09i", 0, None, 1900)
    con.executemany("INSERT INTO core.population VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)", rows)


def _projection(con: duckdb.DuckDBPyConnection) -> None:
    bands = [(0, 3), (3, 6), (6, 10), (10, 16), (16, 19), (19, 20), (20, 65), (65, None)]
    data = {  # (ags, base_year, year): values per band
        (LIPPE, 2024, 2040): [7000, 7000, 10000, 15000, 8000, 3000, 120000, 60000],
        (LIPPE, 2023, 2040): [1, 1, 1, 1, 1, 1, 1, 1],  # older vintage: ignored
        (DETMOLD, 2024, 2040): [25, 25, 35, 55, 30, 10, 400, 320],
        (DETMOLD, 2024, 2030): [28, 29, 38, 58, 30, 10, 420, 310],
    }
    rows = [
        (ags, base, a0, a1, str(year), year, float(v), "ok", "LOCAL-VORAUSBERECHNUNG")
        for (ags, base, year), values in data.items()
        for (a0, a1), v in zip(bands, values, strict=True)
    ]
    con.executemany("INSERT INTO core.population_projection VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)", rows)


def _insert_keyed(con: duckdb.DuckDBPyConnection, table: str, rows: list[tuple]) -> None:
    """rows: (ags, period, year, table_code, *keys, cell)."""
    width = len(KEYED[table])
    values = [(r[0], *r[4 : 4 + width], r[1], r[2], *_v(r[-1]), r[3]) for r in rows]
    con.executemany(f"INSERT INTO core.{table} VALUES ({', '.join(['?'] * (width + 6))})", values)


def _keyed_rows() -> dict[str, list[tuple]]:
    p24, p23 = "2024/25", "2023/24"
    pupils = [
        (LIPPE, p24, 2024, "21111-01-03-4", t, n)
        for t, n in [
            ("GS", 10000),
            ("HS", 1000),
            ("RS", 3000),
            ("SK", 2000),
            ("GE", 6000),
            ("GY", 8000),
            ("FOE", 1000),
            ("total", 31000),
        ]
    ]
    pupils += [
        (LIPPE, "2018/19", 2018, "21111-01-03-4", "GS", 10500),
        (LIPPE, "2018/19", 2018, "21111-01-03-4", "total", 31500),
        (DETMOLD, p24, 2024, "21111-01-03-4", "GS", 2000),
        (DETMOLD, p24, 2024, "21111-01-03-4", "HS", "."),
        (DETMOLD, p24, 2024, "21111-01-03-4", "GY", 1500),
        (DETMOLD, p24, 2024, "21111-01-03-4", "total", 6000),
    ]
    transitions = [
        (LIPPE, p24, 2024, "LOCAL-UEBERGAENGE", t, n)
        for t, n in [
            ("HS", 50),
            ("RS", 400),
            ("SK", 300),
            ("GE", 800),
            ("GY", 1000),
            ("FOE", 30),
            ("SONST", 20),
            ("total", 2600),
        ]
    ]
    transitions += [
        (BS, p24, 2024, "LOCAL-UEBERGAENGE", "GY", "-"),
        (BS, p24, 2024, "LOCAL-UEBERGAENGE", "total", "-"),
        (BS, p24, 2024, "LOCAL-UEBERGAENGE", "HS", "/"),
    ]
    leavers = [
        (LIPPE, p23, 2024, "21111-02-06-4", c, n)
        for c, n in [
            ("ohne_esa", 200),
            ("esa", 600),
            ("msa", 1400),
            ("fhr", 300),
            ("ahr", 1500),
            ("total", 4000),
        ]
    ]
    leavers += [
        (NRW, p23, 2024, "21111-02-06-4", c, n)
        for c, n in [("ohne_esa", 9000), ("msa", 60000), ("ahr", 70000), ("total", 180000)]
    ]
    leavers += [
        (DETMOLD, p23, 2024, "21111-02-06-4", "ohne_esa", 45),
        (DETMOLD, p23, 2024, "21111-02-06-4", "total", 900),
        (DETMOLD, p23, 2024, "21111-02-06-4", "ahr", 300),
        (DETMOLD, "2022/23", 2023, "21111-02-06-4", "ohne_esa", 40),
    ]  # 2023: no total -> missing
    allday = [
        (DETMOLD, p24, 2024, "LOCAL-OGS", m, n)
        for m, n in [("ogs_places", 30), ("ogs_pupils", 28), ("primary_pupils", 40)]
    ]
    allday += [
        (LIPPE, p24, 2024, "LOCAL-OGS", "ogs_pupils", (5000, "provisional")),
        (LIPPE, p24, 2024, "LOCAL-OGS", "primary_pupils", 10000),
    ]
    k25, k24 = "2025-03-01", "2024-03-01"
    kita = [
        (LIPPE, k25, 2025, "22543-03-01-4", b, m, n)
        for b, m, n in [
            ("u3", "children_in_care", 3000),
            ("3to6", "children_in_care", 8640),
            ("u3", "fullday_share", 50.0),
        ]
    ]
    kita += [
        (LIPPE, k24, 2024, "22543-03-01-4", b, m, n)
        for b, m, n in [
            ("u3", "children_in_care", "."),
            ("3to6", "children_in_care", 8600),
            ("u3", "fullday_share", "."),
        ]
    ]
    kita += [
        (NRW, k25, 2025, "22543-03-01-4", "u3", "children_in_care", 210000),
        (LIPPE, k25, 2025, "22541-01-04-4", "total", "places", 15000),
    ]
    kita += [
        (JA_DT, "2024/25", 2025, "LOCAL-KITA", b, m, n)
        for b, m, n in [
            ("u3", "places", 12),
            ("3to6", "places", 33),
            ("u3", "children_in_care", 9),
            ("u3", "places_planned", 13),
        ]
    ]
    kita += [
        (JA_DT, "2025/26", 2026, "LOCAL-KITA", "u3", "places", 14),
        (BS, "2024/25", 2025, "LOCAL-KITA", "u3", "places", 24),
        (BS, "2024/25", 2025, "LOCAL-KITA", "3to6", "places", "-"),
    ]
    vocational = [
        (LIPPE, p24, 2024, "21121-01-05-4", s, m, n)
        for s, m, n in [
            ("I", "pupils", 6000),
            ("II", "pupils", 1500),
            ("III", "pupils", 2500),
            ("total", "pupils", 10000),
            ("I", "entrants", 2000),
            ("II", "entrants", 800),
            ("III", "entrants", 1200),
        ]
    ]
    vocational += [
        (LIPPE, p23, 2023, "21121-01-05-4", s, "entrants", n)
        for s, n in [("I", 1900), ("II", "."), ("III", 1100)]
    ]
    vocational += [
        (NRW, p24, 2024, "21121-01-05-4", s, "entrants", n) for s, n in [("I", 60000), ("II", 30000)]
    ]
    market = [
        ("AA_DETMOLD", p23, 2024, "LOCAL-AUSBILDUNGSMARKT", "total", m, n)
        for m, n in [
            ("applicants", 2339),
            ("places", 2101),
            ("unplaced", 121),
            ("unfilled", 95),
            ("new_contracts", 1800),
            ("alternative", 300),
        ]
    ]
    market += [
        (LIPPE, p23, 2024, "LOCAL-AUSBILDUNGSMARKT", "total", m, n)
        for m, n in [("applicants", 2339), ("places", "."), ("unplaced", "-"), ("unfilled", 95)]
    ]
    market += [("AA_DETMOLD", p23, 2024, "LOCAL-AUSBILDUNGSMARKT", "52", "unplaced", 10)]
    apprentices = [
        (a, "2024-12-31", 2024, "LOCAL-AUSZUBILDENDE", "total", m, n)
        for a, m, n in [
            (LIPPE, "apprentices", 5400),
            (LIPPE, "new_contracts", 1890),
            (NRW, "apprentices", 270000),
            (NRW, "new_contracts", 90000),
        ]
    ]
    e24, e23 = "2024-06-30", "2023-06-30"
    employees = [
        (a, e24, 2024, "13111-07-05-4", w, g, "work", n)
        for a, w, g, n in [
            (LIPPE, "total", "total", 120000),
            (LIPPE, "C", "total", 33600),
            (LIPPE, "total", "50-60", 20000),
            (LIPPE, "total", "60-65", 8000),
            (LIPPE, "total", "65-", 2000),
            (LIPPE, "G", "total", 12000),
            (NRW, "total", "total", 7000000),
            (NRW, "C", "total", 1400000),
            (NRW, "total", "50-60", 1200000),
            (NRW, "total", "60-65", 500000),
            (NRW, "total", "65-", 50000),
            (NRW, "G", "total", 700000),
            ("DG", "total", "total", 35000000),
            ("DG", "C", "total", 6650000),
        ]
    ]
    employees += [
        (LIPPE, e24, 2024, "13111-07-05-4", "total", "total", "residence", 110000),
        (LIPPE, e23, 2023, "13111-07-05-4", "total", "total", "work", 118000),
        (LIPPE, e23, 2023, "13111-07-05-4", "C", "total", "work", "."),
        (NRW, e23, 2023, "13111-07-05-4", "total", "total", "work", 6900000),
        (NRW, e23, 2023, "13111-07-05-4", "C", "total", "work", 1380000),
    ]
    unemployment = [
        (a, str(y), y, "13211-02-05-4", g, m, n)
        for a, y, g, m, n in [
            (LIPPE, 2024, "total", "rate", 5.5),
            (LIPPE, 2024, "u25", "rate", 4.9),
            (LIPPE, 2024, "total", "unemployed", 10500),
            (NRW, 2024, "total", "rate", 7.2),
            (LIPPE, 2025, "u25", "rate", "..."),
        ]
    ]
    vhs = [
        (LIPPE, "2024", 2024, "LOCAL-VHS", "hours", 50000),
        (LIPPE, "2024", 2024, "LOCAL-VHS", "enrolments", 25000),
    ]
    students = [
        (LIPPE, "WS 2023/24", 2023, "21311-01-01-4", "total", 8000),
        (NRW, "WS 2023/24", 2023, "21311-01-01-4", "total", 780000),
    ]
    return {
        "pupils": pupils,
        "transitions": transitions,
        "school_leavers": leavers,
        "allday": allday,
        "kita": kita,
        "vocational": vocational,
        "training_market": market,
        "apprentices": apprentices,
        "employees": employees,
        "unemployment": unemployment,
        "vhs": vhs,
        "students": students,
    }
