"""Words defined once for the ETL and the dashboard: units, directions, levels, areas (life phases).

Statuses and provenance live in ``etl/status.py``; sources, providers and licences in
``catalogue/sources.toml`` (read by ``etl.catalogue.load_sources``).
"""

#: Area code -> life-phase label (German, shown in the UI), in life-course order.
AREAS = {
    "A": "Rahmenbedingungen",
    "C": "Frühe Bildung",
    "D": "Schule",
    "E": "Berufliche Bildung",
    "F": "Hochschule",
    "G": "Weiterbildung",
    "W": "Arbeit & Wirtschaft",
}
DIRECTIONS = ("higher_better", "lower_better", "neutral")
#: How a ranking reads, per direction (German).
DIRECTION_READING_DE = {"higher_better": "höher ist besser", "lower_better": "niedriger ist besser",
                        "neutral": "nach Höhe, ohne Wertung"}
#: Region levels from the top; the order in region lists.
LEVELS = ("bund", "land", "rb", "kreis", "gemeindeverband", "gemeinde", "jugendamt", "agentur")
LEVEL_LABELS_DE = {"bund": "Bund", "land": "Land", "rb": "Regierungsbezirk", "kreis": "Kreis",
                   "gemeindeverband": "Gemeindeverband", "gemeinde": "Gemeinde", "jugendamt": "Jugendamt",
                   "agentur": "Agentur für Arbeit"}
#: Unit -> factor applied to numerator / denominator (the units an indicator may have).
UNIT_SCALE = {"Anzahl": 1, "%": 100, "je 100": 100, "je 1.000 EW": 1000, "Quotient": 1}
#: Units of counts (no comparison between regions of different size; changes in %).
COUNT_UNITS = frozenset({"", "Anzahl", "count", "Personen"})
#: Units that are shares in percent (changes are percentage points).
PERCENT_UNITS = frozenset({"%", "Prozent", "percent"})
#: Units shown without a suffix after the number.
BARE_UNITS = frozenset({"", "Anzahl", "count", "Quotient"})


def is_count(unit: str | None) -> bool:
    return (unit or "") in COUNT_UNITS


def is_percent(unit: str | None) -> bool:
    return (unit or "").strip() in PERCENT_UNITS


def rate_scale(unit: str | None) -> int | None:
    """Factor of a rate unit (100 for %, 1000 for per 1,000); None for counts and quotients."""
    unit = (unit or "").strip()
    scale = UNIT_SCALE.get("%" if unit in PERCENT_UNITS else unit)
    return scale if scale and scale > 1 else None
