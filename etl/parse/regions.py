"""Region keys: which ffcsv variable is the region, and ARS -> AGS."""

import re
from collections.abc import Iterable

#: ffcsv variable codes that carry the region (attribute code = AGS, ARS or `DG`).
REGION_VARIABLES = frozenset({"KREISE", "GEMEIN", "DLAND", "DINSG", "GEODL1", "REGBEZ", "KREISG"})
#: Prefixes of Zensus 2022 region variables (GEOGM1…, GEOLK1…, GEORB1…).
REGION_PREFIXES = ("GEOGM", "GEOLK", "GEORB")
#: Kreis (5 digits) + Gemeindeverband (2-4) + Gemeinde (3): Regio keys of Gemeinden in a Verband
#: (`0713101075`, `03151401002`) and the 12-digit ARS (`057660020020`).
_GEMEINDE_IN_VERBAND = re.compile(r"\d{10,12}", re.ASCII)
#: Regio keys of Gemeindeverbände that no Gemeinde key can have: Kreis + 2 digits (`0713101`) or the
#: 9-digit ARS part Kreis + 4 digits
_VERBAND = re.compile(r"\d{7}|\d{9}", re.ASCII)
#: value of the parser column `region_level` on the lines of a Gemeindeverband (NULL elsewhere)
LEVEL_VERBAND = "gemeindeverband"


def is_region_variable(code: str) -> bool:
    return code in REGION_VARIABLES or code.startswith(REGION_PREFIXES)


def to_ags(key: str) -> str:
    """AGS for a region key: 10-12 digits (Gemeinde in a Verband, ARS) -> key[:5] + key[-3:]
    (`057660020020` -> `05766020`, `03151401002` -> `03151002`); everything else unchanged."""
    key = key.strip()
    return key[:5] + key[-3:] if _GEMEINDE_IN_VERBAND.fullmatch(key) else key


def verband_keys(keys: Iterable[str]) -> set[str]:
    """The keys of Gemeindeverbände among the region keys of one file: 7 or 9 digits, and every key that
    is the Verband part (all but the last 3 digits) of a 10-12-digit key of the same file, so the
    8-digit Samtgemeinde `03151401` above `03151401002` (an 8-digit key without such members is a
    Gemeinde AGS: the shape alone cannot tell them apart)."""
    keys = set(keys)
    parts = {k[:-3] for k in keys if _GEMEINDE_IN_VERBAND.fullmatch(k)}
    return {k for k in keys if _VERBAND.fullmatch(k) or k in parts}


def sql_to_ags(column: str) -> str:
    """DuckDB expression of `to_ags` (NULL stays NULL); the length test spares the regex."""
    k = column
    long = f"length({k}) BETWEEN 10 AND 12 AND regexp_full_match({k}, '[0-9]+')"
    return f"CASE WHEN {long} THEN left({k}, 5) || right({k}, 3) ELSE {k} END"
