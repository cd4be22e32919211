"""Region keys: which ffcsv variable is the region, and ARS -> AGS."""

import re

#: ffcsv variable codes that carry the region (attribute code = AGS, ARS or `DG`).
REGION_VARIABLES = frozenset({"KREISE", "GEMEIN", "DLAND", "DINSG", "GEODL1", "REGBEZ", "KREISG"})
#: Prefixes of Zensus 2022 region variables (GEOGM1…, GEOLK1…, GEORB1…).
REGION_PREFIXES = ("GEOGM", "GEOLK", "GEORB")
_ARS = re.compile(r"\d{12}")


def is_region_variable(code: str) -> bool:
    return code in REGION_VARIABLES or code.startswith(REGION_PREFIXES)


def to_ags(key: str) -> str:
    """AGS for an AGS/ARS/`DG` key: 12-digit ARS -> ARS[:5] + ARS[9:12]; everything else unchanged."""
    key = key.strip()
    return key[:5] + key[9:12] if _ARS.fullmatch(key) else key


def sql_to_ags(column: str) -> str:
    """DuckDB expression of `to_ags` (NULL stays NULL); the length test spares the regex."""
    k = column
    ars = f"length({k}) = 12 AND regexp_full_match({k}, '[0-9]{{12}}')"
    return f"CASE WHEN {ars} THEN left({k}, 5) || right({k}, 3) ELSE {k} END"

