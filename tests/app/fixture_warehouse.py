"""A small hand-made warehouse with the tables the dashboard reads (docs/DATA_MODEL.md §4).

Values are chosen so that tests can assert exact numbers, including a suppressed value, a change within
rounding noise and a missing previous year.
"""

import csv
from pathlib import Path

import duckdb

REPO = Path(__file__).resolve().parents[2]
BUILD_NAME = "build-20261126T070000000000Z-1.duckdb"
LIPPE = "05766"
OWL = ("05711", "05754", "05758", "05762", "05770", "05774")

INDICATORS = [
    # id, title, short, area, life_phase, unit, decimals, direction, headline, sources
    ("population_total", "Bevölkerung insgesamt", "Bevölkerung", "A", "Rahmenbedingungen", "Anzahl", 0,
     "neutral", True, ["12411-02-03-4"]),
    ("childcare_rate_u3", "Betreuungsquote der unter 3-Jährigen", "Betreuung U3", "C", "Frühe Bildung",
     "%", 1, "higher_better", True, ["22543-03-01-4"]),
    ("leavers_without_certificate_share", "Schulabgänger ohne Ersten Schulabschluss",
     "Ohne Abschluss", "D", "Schule", "%", 1, "lower_better", True, ["21111-02-06-4"]),
    ("unemployment_rate", "Arbeitslosenquote", "Arbeitslosenquote", "W", "Arbeit", "%", 1, "lower_better",
     False, ["13211-02-05-4"]),
]
# indicator -> {ags: {year: (value, status)}}; Gemeinden and Kreise get generated values below
SERIES = {
    "population_total": {
        LIPPE: {2020: 348_391, 2021: 348_846, 2022: 349_450, 2023: 349_781, 2024: 347_149},
        "05": {2020: 17_925_570, 2021: 17_924_591, 2022: 18_139_116, 2023: 18_190_422, 2024: 18_034_454},
    },
    "childcare_rate_u3": {
        LIPPE: {2021: 30.1, 2022: 31.0, 2023: 32.4, 2024: 33.0, 2025: 33.06},
        "05": {2021: 29.0, 2022: 30.4, 2023: 31.6, 2024: 32.2, 2025: 32.8},
        "057": {2021: 29.5, 2022: 30.2, 2023: 31.1, 2024: 31.9, 2025: 32.5},
    },
    "leavers_without_certificate_share": {
        LIPPE: {2020: 5.8, 2021: 6.1, 2022: 6.5, 2023: 6.0, 2024: 6.9},
        "05": {2020: 5.6, 2021: 5.9, 2022: 6.1, 2023: 6.2, 2024: 6.3},
        "057": {2020: 5.2, 2021: 5.5, 2022: 5.9, 2023: 5.8, 2024: 6.0},
    },
    "unemployment_rate": {
        LIPPE: {2024: 5.5, 2025: 6.1},
        "05": {2024: 7.2, 2025: 7.5},
    },
}
SECRET_GEMEINDE = "05766012"  # Barntrup: childcare rate 2025 suppressed


def _regions() -> list[tuple]:
    with open(REPO / "catalogue" / "regions.csv", encoding="utf-8") as handle:
        return [tuple(r[c] or None for c in ("ags", "name", "level", "parent", "kind", "nuts"))
                for r in csv.DictReader(handle, delimiter=";")]


def _value_rows(regions: list[tuple]) -> list[tuple]:
    rows = []
    kreise = [r[0] for r in regions if r[2] == "kreis" and r[0] != LIPPE]
    gemeinden = [r[0] for r in regions if r[2] == "gemeinde"]
    for ind in INDICATORS:
        series = {k: dict(v) for k, v in SERIES[ind[0]].items()}
        years = sorted(series[LIPPE])
        base = series[LIPPE]
        members = kreise if ind[0] == "unemployment_rate" else kreise + gemeinden
        for i, ags in enumerate(members):
            factor = 0.8 + (i % 9) * 0.05
            scale = 0.05 if ags in gemeinden and ind[5] == "Anzahl" else 1.0
            series[ags] = {y: round(base[y] * factor * scale, 1) for y in years}
        for ags, by_year in series.items():
            for year, value in by_year.items():
                status = "ok"
                if ind[0] == "childcare_rate_u3" and ags == SECRET_GEMEINDE and year == 2025:
                    value, status = None, "secret"
                period = f"{year}-12-31" if ind[0] == "population_total" else str(year)
                rows.append((ind[0], ags, period, year, value, None, None, status, None, "synthetic"))
    return rows


def build(directory: Path) -> Path:
    """Write the fixture build and ``CURRENT`` into ``directory``; return the directory."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / BUILD_NAME
    regions = _regions()
    con = duckdb.connect(str(path))
    for schema in ("raw", "core", "mart", "meta"):
        con.execute(f"CREATE SCHEMA {schema}")
    con.execute("CREATE TABLE core.regions (ags TEXT, name TEXT, level TEXT, parent TEXT, kind TEXT, "
                "nuts TEXT)")
    con.executemany("INSERT INTO core.regions VALUES (?, ?, ?, ?, ?, ?)", regions)
    con.execute("CREATE TABLE core.region_groups (group_key TEXT, member_ags TEXT, group_type TEXT, "
                "valid_from DATE, valid_to DATE, share DOUBLE)")
    con.execute("""CREATE TABLE mart.indicators (id TEXT, title TEXT, short_title TEXT, area TEXT,
        life_phase TEXT, unit TEXT, decimals INT, direction TEXT, numerator TEXT, denominator TEXT,
        formula TEXT, sources TEXT[], stichtag TEXT, place_principle TEXT, levels TEXT[], methodology TEXT,
        breaks TEXT, rounding_note TEXT, rounding_from INT, rounding_base INT, headline BOOLEAN)""")
    for ind in INDICATORS:
        con.execute(
            f"INSERT INTO mart.indicators VALUES ({', '.join(['?'] * 21)})",
            [ind[0], ind[1], ind[2], ind[3], ind[4], ind[5], ind[6], ind[7], f"Zähler von {ind[2]}",
             f"Nenner von {ind[2]}", "SUM(a) / SUM(b)", ind[9], "31.12.", "Wohnort", ["kreis", "gemeinde"],
             f"Definition von {ind[1]}.", "Zensus-2022-Bruch.", "Schuldaten auf 5 gerundet.", 2020,
             5 if ind[3] == "D" else None, ind[8]],
        )
    con.execute("""CREATE TABLE mart.indicator_values (indicator_id TEXT, ags TEXT, period TEXT, year INT,
        value DOUBLE, numerator DOUBLE, denominator DOUBLE, status TEXT, note TEXT, provenance TEXT)""")
    con.executemany("INSERT INTO mart.indicator_values VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    _value_rows(regions))
    con.execute("CREATE TABLE mart.series_breaks (indicator_id TEXT, year INTEGER, label TEXT, note TEXT)")
    con.execute("INSERT INTO mart.series_breaks VALUES (?, 2022, 'Zensus 2022', 'Ab 2022 Zensus 2022.')",
                [INDICATORS[0][0]])
    con.execute("CREATE TABLE meta.build (key TEXT, value TEXT)")
    con.executemany("INSERT INTO meta.build VALUES (?, ?)", [
        ("build_id", "build-fixture-1"), ("built_at", "2026-11-26T07:00:00"), ("synthetic", "true"),
        ("git_revision", "abc1234")])
    con.execute("CREATE TABLE meta.findings (severity TEXT, rule TEXT, file_name TEXT, line INT, "
                "table_code TEXT, message TEXT)")
    con.execute("INSERT INTO meta.findings VALUES ('warning', 'sum_check', '21111-02-06-4.csv', 17,"
                " '21111-02-06-4', "
                "'Teile ergeben nicht die Summe (Rundung)')")
    con.execute("""CREATE TABLE raw.files (file_id INT, file_name TEXT, sha256 TEXT, format TEXT,
        table_code TEXT, title TEXT, stand TEXT, copyright TEXT, encoding TEXT, synthetic BOOLEAN,
        rows INT, loaded_at TIMESTAMP)""")
    con.executemany("INSERT INTO raw.files VALUES (?, ?, 'x', ?, ?, ?, ?, '© demo', 'utf-8', true, 100,"
                    " now())", [
        (1, "12411-02-03-4_flat.csv", "ffcsv5", "12411-02-03-4", "Bevölkerung", "2026-01-19T13:58:12"),
        (2, "21111-02-06-4.csv", "tabellen_csv", "21111-02-06-4", "Absolvierende", "2025-03-13T16:40:08")])
    con.close()
    (directory / "CURRENT").write_text(BUILD_NAME + "\n", encoding="utf-8")
    return directory
