"""Sectors and occupations: the grouped WZ 2008 positions of 13111-07-05-4 and the weighted mapping of
occupation groups (KldB 2010, 2-digit) to them (``catalogue/occupation_sector_mapping.csv``; weights per
occupation group sum to 1; estimates, not an official key). The build loads the mapping into
``mart.occupation_sectors``.
"""

import csv
from pathlib import Path

import duckdb

MAPPING_FILE = Path(__file__).resolve().parents[1] / "catalogue" / "occupation_sector_mapping.csv"
MAPPING_COLUMNS = ["kldb2", "kldb2_label", "wz_section", "weight", "note"]

#: the grouped WZ 2008 positions of 13111-07-05-4 (core.employees.wz_section), short German labels
WZ_LABELS = {
    "A": "Land- und Forstwirtschaft, Fischerei", "B-F": "Produzierendes Gewerbe",
    "B-E": "Produzierendes Gewerbe ohne Baugewerbe", "C": "Verarbeitendes Gewerbe", "F": "Baugewerbe",
    "G-U": "Dienstleistungsbereiche", "G-I": "Handel, Verkehr und Lagerei, Gastgewerbe",
    "J": "Information und Kommunikation", "K": "Finanz- und Versicherungsdienstleistungen",
    "L": "Grundstücks- und Wohnungswesen",
    "M-N": "Freiberufl., wiss., techn. und sonst. wirtschaftl. Dienstleistungen",
    "O-Q": "Öffentl. Verwaltung, Erziehung, Gesundheits- und Sozialwesen",
    "R-U": "Kunst, Erholung, sonst. Dienstleistungen, private Haushalte",
}
#: positions that add up to all employees (B-F = B-E + F, G-U = G-I … R-U); targets of the mapping
PARTITION = ("A", "B-E", "F", "G-I", "J", "K", "L", "M-N", "O-Q", "R-U")
#: a position shown inside its partition position
PARTS = {"C": "B-E"}


class MappingError(ValueError):
    """The mapping file is invalid; the message names file, line and reason."""


def load_mapping(path: Path = MAPPING_FILE) -> list[tuple[str, str, str, float, str]]:
    """Rows (kldb2, label, wz_section, weight, note). MappingError names file, line and reason for a bad
    row (code, section, weight) or a group whose weights do not sum to 1."""
    rows = []
    with path.open(encoding="utf-8") as handle:
        reader = csv.reader(handle, delimiter=";")
        if next(reader, None) != MAPPING_COLUMNS:
            raise MappingError(f"{path.name}, Zeile 1: Kopfzeile muss {';'.join(MAPPING_COLUMNS)} lauten")
        for line, row in enumerate(reader, start=2):
            rows.append(_mapping_row(path, line, row))
    sums: dict[str, float] = {}
    for code, _, _, weight, _ in rows:
        sums[code] = sums.get(code, 0.0) + weight
    bad = {code: round(total, 3) for code, total in sums.items() if abs(total - 1) > 1e-6}
    if bad:
        raise MappingError(f"{path.name}: Gewichte je Berufsgruppe müssen 1 ergeben: {bad}")
    return rows


def _mapping_row(path: Path, line: int, row: list[str]) -> tuple[str, str, str, float, str]:
    where = f"{path.name}, Zeile {line}"
    if len(row) != len(MAPPING_COLUMNS):
        raise MappingError(f"{where}: {len(row)} statt {len(MAPPING_COLUMNS)} Felder (Semikolon im Text?)")
    code, label, section, weight, note = (cell.strip() for cell in row)
    if not (len(code) == 2 and code.isdigit()):
        raise MappingError(f"{where}: Berufsgruppe {code!r} ist kein KldB-2010-Zweisteller")
    if section not in PARTITION:
        raise MappingError(f"{where}: Wirtschaftsbereich {section!r} unbekannt ({', '.join(PARTITION)})")
    try:
        value = float(weight)
    except ValueError:
        raise MappingError(f"{where}: Gewicht {weight!r} ist keine Zahl") from None
    if not 0 < value <= 1:
        raise MappingError(f"{where}: Gewicht {value} muss größer 0 und höchstens 1 sein")
    return code, label, section, value, note


def section_label(section: str) -> str:
    """``Verarbeitendes Gewerbe (C)``; a part of a partition position starts with ``darunter``."""
    label = f"{WZ_LABELS.get(section, section)} ({section})"
    return f"darunter {label}" if section in PARTS else label


def build_tables(con: duckdb.DuckDBPyConnection, path: Path = MAPPING_FILE) -> None:
    """``mart.occupation_sectors`` (the mapping) and ``mart.wz_sections`` (code, label, partition, part_of,
    position in the page order)."""
    con.execute("CREATE OR REPLACE TABLE mart.occupation_sectors (kldb2 TEXT, kldb2_label TEXT, "
                "wz_section TEXT, weight DOUBLE, note TEXT)")
    con.executemany("INSERT INTO mart.occupation_sectors VALUES (?, ?, ?, ?, ?)", load_mapping(path))
    con.execute("CREATE OR REPLACE TABLE mart.wz_sections (wz_section TEXT, label TEXT, in_partition BOOLEAN,"
                " part_of TEXT, position INTEGER)")
    con.executemany("INSERT INTO mart.wz_sections VALUES (?, ?, ?, ?, ?)",
                    [(code, section_label(code), code in PARTITION, PARTS.get(code), i)
                     for i, code in enumerate(WZ_LABELS)])
