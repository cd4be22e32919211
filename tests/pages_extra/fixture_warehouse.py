"""A small hand-made warehouse for the page tests: the tables the four pages read, with known values.

Known values used in assertions (Kita-Jahr 2025, population 31.12.2024):
- Gemeinde Detmold (05766020) children under 3: 600 + 610 + 620 = 1,830; Jugendamt Detmold u3 places 700
  → demand at 45 % = 823.5, gap 123.5; at 50 % = 915, gap 215.
- Gemeinde Lage (05766040) single-year population age 1 is secret → its gap is unknown.
- Transitions: every area but Detmold has 10 to a PRIMUS-Schule and 5 to other schools (SONST).
- Employees Lippe: B-E 38,400, of which C 35,000; aged 50+ (all sectors) 30 % of the total.
- Training market (AA_DETMOLD, 2024): group 26 places 300, applicants 360; group 62 places 250,
  applicants 200; total applicants 2,339, unplaced 121, alternative 300.
"""

from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from etl import CATALOGUE_DIR
from etl.mart import build_mart
from etl.regions import load_regions

LIPPE = "05766"
GEMEINDEN = [f"05766{n:03d}" for n in range(4, 65, 4)]
JUGENDAEMTER = ["JA05766K", "JA05766008", "JA05766020", "JA05766040", "JA05766044"]
#: the partition positions of 13111-07-05-4 (C and the aggregates B-F, G-U are derived from them)
SECTIONS = ["A", "B-E", "F", "G-I", "J", "K", "L", "M-N", "O-Q", "R-U"]
#: age groups of 13111-05-03-4 from 50 and their share of all employees
OLDER = {"50-60": 0.2, "60-65": 0.08, "65-": 0.02}
SCHOOL_TYPES = ["HS", "RS", "SK", "GE", "GY", "FOE"]
#: source table of each core table (employees by age: 13111-05-03-4); each has a file record in raw.files
TABLE_CODES = {
    "population": "12411-09i", "population_projection": "LOCAL-VORAUSBERECHNUNG",
    "transitions": "LOCAL-UEBERGAENGE", "school_leavers": "21111-02-06-4", "vocational": "LOCAL-IABE",
    "students": "21311-01-01-4", "kita": "LOCAL-KITA", "allday": "LOCAL-OGS", "employees": "13111-07-05-4",
    "unemployment": "13211-02-05-4", "training_market": "LOCAL-AUSBILDUNGSMARKT",
    "apprentices": "LOCAL-AUSZUBILDENDE",
}
AGE_TABLE = "13111-05-03-4"
#: Stand of every file record
STAND = "2026-02-08T02:47:00"


def _rows(records: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(records)
    frame["status"] = frame["status"].fillna("ok") if "status" in frame else "ok"
    frame.loc[frame["status"] != "ok", "value"] = None
    frame["value"] = frame["value"].astype("float64")
    frame["period"] = frame["year"].astype(str)
    return frame


def _population(rng: np.random.Generator, kreise: list[str]) -> pd.DataFrame:
    rows = []
    for year in (2023, 2024):
        for ags in GEMEINDEN:
            for age in range(10):
                value = rng.integers(60, 400)
                status = "ok"
                if ags == "05766020":
                    value = [600, 610, 620][age] if age < 3 else 640
                if ags == "05766040" and age == 1 and year == 2024:
                    status = "secret"
                rows.append(
                    {
                        "ags": ags,
                        "year": year,
                        "sex": "total",
                        "age_from": age,
                        "age_to": age + 1,
                        "value": value,
                        "status": status,
                    }
                )
        for ags in kreise:
            total = 347_149 if ags == LIPPE else int(rng.integers(150_000, 1_100_000))
            rows.append(
                {"ags": ags, "year": year, "sex": "total", "age_from": 0, "age_to": None, "value": total}
            )
            for lo, hi in ((0, 3), (3, 6), (6, 10)):
                rows.append(
                    {
                        "ags": ags,
                        "year": year,
                        "sex": "total",
                        "age_from": lo,
                        "age_to": hi,
                        "value": total * 0.01 * (hi - lo),
                    }
                )
    return _rows(rows)


def _projection() -> pd.DataFrame:
    rows = []
    for ags in [LIPPE, "05766020"]:
        for year in range(2025, 2036):
            for (lo, hi), base in (((0, 3), 9000), ((3, 6), 9300), ((6, 10), 12800)):
                scale = 0.2 if ags != LIPPE else 1.0
                rows.append(
                    {
                        "ags": ags,
                        "base_year": 2024,
                        "year": year,
                        "sex": "total",
                        "age_from": lo,
                        "age_to": hi,
                        "value": base * scale * (1 - 0.01 * (year - 2025)),
                    }
                )
    return _rows(rows)


def _school(rng: np.random.Generator) -> dict[str, pd.DataFrame]:
    transitions, leavers, vocational, students = [], [], [], []
    for year in (2022, 2023, 2024):
        for ags in [LIPPE, *GEMEINDEN]:
            parts = {t: 5 * int(rng.integers(2, 40)) for t in SCHOOL_TYPES}
            parts |= {"PRIMUS": 10, "other": 5}
            if ags == "05766020":
                parts = {"HS": 20, "RS": 120, "SK": 40, "GE": 160, "GY": 260, "FOE": 0, "PRIMUS": 0,
                         "other": 0}
            for school_type, value in [*parts.items(), ("total", sum(parts.values()))]:
                status = "secret" if (ags == "05766052" and school_type == "FOE") else "ok"
                transitions.append(
                    {"ags": ags, "year": year, "school_type": school_type, "value": value, "status": status}
                )
        certs = {"ohne_esa": 180, "esa": 520, "msa": 1400, "fhr": 300, "ahr": 1250}
        for cert, value in [*certs.items(), ("total", sum(certs.values()))]:
            leavers.append({"ags": LIPPE, "year": year, "certificate": cert, "value": value + year - 2022})
        for sector, entrants in (("I", 1900), ("II", 700), ("III", 900)):
            vocational.append(
                {"ags": LIPPE, "year": year, "sector": sector, "measure": "entrants", "value": entrants}
            )
            vocational.append(
                {"ags": LIPPE, "year": year, "sector": sector, "measure": "pupils", "value": entrants * 2.6}
            )
        students.append(
            {"ags": LIPPE, "year": year, "subject_group": "total", "value": 7800 + 50 * (year - 2022)}
        )
    return {
        "transitions": _rows(transitions),
        "school_leavers": _rows(leavers),
        "vocational": _rows(vocational),
        "students": _rows(students),
    }


def _care(rng: np.random.Generator) -> dict[str, pd.DataFrame]:
    kita, allday = [], []
    for ags in [*JUGENDAEMTER, *GEMEINDEN]:
        for band, measure, value in (
            ("u3", "places", rng.integers(100, 900)),
            ("3to6", "places", rng.integers(300, 2200)),
        ):
            if ags == "JA05766020" and band == "u3":
                value = 700
            kita.append({"ags": ags, "year": 2025, "age_band": band, "measure": measure, "value": value})
            kita.append({"ags": ags, "year": 2024, "age_band": band, "measure": measure, "value": value - 20})
    for ags in GEMEINDEN:
        pupils = int(rng.integers(300, 2600))
        allday.append({"ags": ags, "year": 2024, "measure": "primary_pupils", "value": pupils})
        allday.append({"ags": ags, "year": 2024, "measure": "ogs_places", "value": round(pupils * 0.45)})
        allday.append({"ags": ags, "year": 2024, "measure": "ogs_pupils", "value": round(pupils * 0.44)})
    return {"kita": _rows(kita), "allday": _rows(allday)}


def _economy(rng: np.random.Generator, kreise: list[str]) -> dict[str, pd.DataFrame]:
    employees, unemployment, market, apprentices = [], [], [], []
    for year in (2023, 2024):
        for ags in [*kreise, "05"]:
            scale = 40 if ags == "05" else 1
            values = {s: int(rng.integers(2000, 20000)) * scale for s in SECTIONS}
            if ags == LIPPE:
                values["B-E"] = 38_400
            total = sum(values.values())
            derived = {
                "C": 35_000 if ags == LIPPE else round(values["B-E"] * 0.9),
                "B-F": values["B-E"] + values["F"],
                "G-U": sum(v for s, v in values.items() if s not in ("A", "B-E", "F")),
                "total": total,
            }
            for section, value in [*values.items(), *derived.items()]:
                employees.append(
                    {"ags": ags, "year": year, "wz_section": section, "age_group": "total", "place": "work",
                     "value": value}
                )
            for age_group, share in OLDER.items():
                employees.append(
                    {"ags": ags, "year": year, "wz_section": "total", "age_group": age_group, "place": "work",
                     "value": round(total * share)}
                )
            rate = 5.5 if ags == LIPPE else float(rng.uniform(4, 11))
            unemployment.append(
                {"ags": ags, "year": year, "group": "total", "measure": "rate", "value": rate}
            )
        groups = {
            "25": (180, 220, 10, 25),
            "26": (300, 360, 12, 40),
            "62": (250, 200, 30, 8),
            "81": (150, 140, 20, 5),
            "71": (220, 330, 4, 30),
        }
        for group, (places, applicants, unfilled, unplaced) in groups.items():
            for measure, value in (
                ("places", places),
                ("applicants", applicants),
                ("unfilled", unfilled),
                ("unplaced", unplaced),
            ):
                market.append(
                    {
                        "ags": "AA_DETMOLD",
                        "year": year,
                        "occupation_group": group,
                        "measure": measure,
                        "value": value,
                        "status": "secret" if (group == "81" and measure == "unfilled") else "ok",
                    }
                )
        for measure, value in (
            ("applicants", 2339),
            ("places", 2101),
            ("unplaced", 121),
            ("unfilled", 95),
            ("alternative", 300),
        ):
            market.append(
                {
                    "ags": "AA_DETMOLD",
                    "year": year,
                    "occupation_group": "total",
                    "measure": measure,
                    "value": value,
                }
            )
        for area, value in (("IH", 3600), ("HW", 1900), ("OD", 300), ("FB", 500), ("total", 6300)):
            apprentices.append(
                {"ags": LIPPE, "year": year, "area": area, "measure": "apprentices", "value": value}
            )
    return {
        "employees": _rows(employees),
        "unemployment": _rows(unemployment),
        "training_market": _rows(market),
        "apprentices": _rows(apprentices),
    }


def _mart(rng: np.random.Generator, kreise: list[str]) -> dict[str, pd.DataFrame]:
    indicators = pd.DataFrame(
        [
            {
                "id": "leavers_abitur_share",
                "title": "Abgänger mit allgemeiner Hochschulreife",
                "short_title": "Abiturquote",
                "area": "D",
                "unit": "%",
                "decimals": 1,
                "direction": "higher_better",
                "sources": ["21111-02-06-4"],
                "headline": True,
            },
            {
                "id": "unemployment_rate",
                "title": "Arbeitslosenquote",
                "short_title": "Arbeitslosenquote",
                "area": "W",
                "unit": "%",
                "decimals": 1,
                "direction": "lower_better",
                "sources": ["13211-02-05-4"],
                "headline": True,
            },
            {
                "id": "childcare_rate_u3",
                "title": "Betreuungsquote unter 3 Jahre",
                "short_title": "Betreuung U3",
                "area": "C",
                "unit": "%",
                "decimals": 1,
                "direction": "higher_better",
                "sources": ["22543-03-01-4"],
                "headline": False,
            },
        ]
    )
    rows = []
    for indicator in indicators["id"]:
        for ags in [*kreise, "05"]:
            for year in (2023, 2024):
                value = float(rng.uniform(5, 45))
                status = "ok"
                if indicator == "unemployment_rate" and ags == LIPPE:
                    value = 5.5
                if indicator == "childcare_rate_u3" and ags == "05762":
                    status = "secret"
                rows.append(
                    {
                        "indicator_id": indicator,
                        "ags": ags,
                        "period": str(year),
                        "year": year,
                        "value": None if status != "ok" else value,
                        "numerator": None,
                        "denominator": None,
                        "status": status,
                        "note": None,
                        "provenance": "synthetic",
                    }
                )
    breaks = pd.DataFrame({"indicator_id": ["population_total"], "year": [2022], "label": ["Zensus 2022"],
                           "note": ["Ab 31.12.2022 Basis Zensus 2022."]})
    return {"indicators": indicators, "indicator_values": pd.DataFrame(rows), "series_breaks": breaks}


def _files(con: duckdb.DuckDBPyConnection, codes: list[str]) -> None:
    """One demo file record per source table (the source lines name loaded tables with their Stand)."""
    con.execute("""CREATE TABLE raw.files (file_id INT, file_name TEXT, sha256 TEXT, format TEXT,
        table_code TEXT, title TEXT, stand TEXT, copyright TEXT, encoding TEXT, synthetic BOOLEAN,
        rows INT, loaded_at TIMESTAMP)""")
    con.executemany("INSERT INTO raw.files VALUES (?, ?, 'x', 'tabellen_csv', ?, 'Fixture', ?, '© demo', "
                    "'utf-8', true, 100, now())",
                    [(i, f"{code}.csv", code, STAND) for i, code in enumerate(codes, start=1)])


def build(directory: Path, seed: int = 7) -> Path:
    """Write ``build-fixture.duckdb`` and ``CURRENT`` into ``directory``; returns the directory."""
    rng = np.random.default_rng(seed)
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "build-20260101T000000000000Z-1.duckdb"
    path.unlink(missing_ok=True)
    con = duckdb.connect(str(path))
    for schema in ("raw", "core", "mart", "meta"):
        con.execute(f"CREATE SCHEMA {schema}")
    load_regions(con, CATALOGUE_DIR)
    kreise = [r[0] for r in con.execute("SELECT ags FROM core.regions WHERE level = 'kreis'").fetchall()]
    tables = {
        "population": _population(rng, kreise),
        "population_projection": _projection(),
        **_school(rng),
        **_care(rng),
        **_economy(rng, kreise),
    }
    tables = {name: frame.assign(table_code=TABLE_CODES[name], stand=STAND) for name, frame in tables.items()}
    employees = tables["employees"]
    employees.loc[employees["age_group"] != "total", "table_code"] = AGE_TABLE
    for name, frame in tables.items():
        con.register("frame", frame)
        con.execute(f"CREATE TABLE core.{name} AS SELECT * FROM frame")
        con.unregister("frame")
    for name in ("pupils", "vhs"):  # core tables the fixture leaves empty
        con.execute(f"CREATE TABLE core.{name} (ags TEXT, period TEXT, year INT, school_type TEXT, "
                    "measure TEXT, value DOUBLE, status TEXT, table_code TEXT, stand TEXT)")
    _files(con, [*TABLE_CODES.values(), AGE_TABLE])
    build_mart(con)  # the mart tables and macros the pages read (gaps, economy …) from the core above
    for name, frame in _mart(rng, kreise).items():  # hand-made catalogue and indicator values
        con.register("frame", frame)
        con.execute(f"CREATE OR REPLACE TABLE mart.{name} AS SELECT * FROM frame")
        con.unregister("frame")
    con.execute("CREATE TABLE meta.build (key TEXT, value TEXT)")
    con.execute("INSERT INTO meta.build VALUES ('synthetic', 'true'), ('build_id', 'fixture')")
    con.close()
    (directory / "CURRENT").write_text(path.name, encoding="utf-8")
    return directory
