"""Plain-German sentences and judgements for KPI cards. Pure functions: no database, no Streamlit.

Rules: say the level, the change against the previous period and the position against the comparison
region; call a change smaller than the rounding noise "innerhalb der Rundungsungenauigkeit"; for a
suppressed value say so and nothing else; never claim more than the data show.
"""

from dataclasses import dataclass

from monitor import fmt

UNUSABLE_WORDS = {
    "secret": "geheim/gesperrt", "unreliable": "nicht sicher genug", "later": "liegt noch nicht vor",
    "not_applicable": "nicht sinnvoll", "missing": "fehlt",
}
JUDGEMENT_WORDS = {"better": "günstiger", "worse": "ungünstiger", "neutral": "unverändert",
                   "none": "nicht vergleichbar", "no_direction": "ohne Wertung"}
ARROWS = {"up": "▲", "down": "▼", "flat": "►", "none": "–"}
EPSILON = 1e-9
COUNT_UNITS = {"Anzahl", "count", "Personen"}
#: Rate units and the factor applied to numerator / denominator (for the rounding noise of a rate).
RATE_SCALES = {"%": 100, "Prozent": 100, "je 100": 100, "je 1.000 EW": 1000}


@dataclass(frozen=True)
class Facts:
    """What a card knows about one indicator in one region."""

    title: str
    region: str
    unit: str | None
    decimals: int
    direction: str  # higher | lower | neutral
    value: float | None
    status: str
    period: str
    prev_value: float | None = None
    prev_status: str | None = None  # None: there is no previous period at all
    prev_period: str | None = None
    ref_value: float | None = None
    ref_status: str | None = None
    ref_name: str = "NRW"
    tolerance: float | None = None  # rounding noise of the value (absolute, in the indicator unit)


def usable(value: float | None, status: str | None) -> bool:
    return status not in UNUSABLE_WORDS and status is not None and not fmt.is_missing(value)


def normalise_direction(direction: str | None) -> str:
    text = (direction or "").lower()
    if "higher" in text or text in {"up", "+1", "1"}:
        return "higher"
    if "lower" in text or text in {"down", "-1"}:
        return "lower"
    return "neutral"


def tolerance(facts: Facts) -> float:
    return max(facts.tolerance or 0.0, 10.0 ** -facts.decimals)


def rounding_tolerance(unit: str | None, decimals: int, rounding_base: float | None = None,
                       denominators: tuple = ()) -> float:
    """Rounding noise of a value: one unit of the last shown decimal; when inputs are rounded to multiples
    of ``rounding_base``, also the widest effect of ±base/2 on each denominator (rates) or the base
    itself (counts)."""
    base = 10.0 ** -decimals
    if not rounding_base:
        return base
    if is_count(unit):
        return max(base, float(rounding_base))
    scale = RATE_SCALES.get((unit or "").strip())
    known = [d for d in denominators if not fmt.is_missing(d) and d > 0]
    half = rounding_base / 2
    return max(base, sum(scale * half / d for d in known)) if scale and known else base


def is_count(unit: str | None) -> bool:
    return (unit or "Anzahl") in COUNT_UNITS


def change(facts: Facts) -> float | None:
    """Change against the previous period: relative (%) for counts, else the difference in the unit
    (percentage points for percentages)."""
    if not (usable(facts.value, facts.status) and usable(facts.prev_value, facts.prev_status)):
        return None
    if not is_count(facts.unit):
        return facts.value - facts.prev_value
    if facts.prev_value == 0:
        return None
    return (facts.value / facts.prev_value - 1) * 100


def within_noise(facts: Facts) -> bool:
    return abs(facts.value - facts.prev_value) < tolerance(facts) - EPSILON


def trend(facts: Facts) -> str:
    """``up``, ``down``, ``flat`` (within rounding noise) or ``none`` (no comparison possible)."""
    if not (usable(facts.value, facts.status) and usable(facts.prev_value, facts.prev_status)):
        return "none"
    if within_noise(facts):
        return "flat"
    return "up" if facts.value > facts.prev_value else "down"


def judgement(facts: Facts) -> str:
    """``better``/``worse`` following the direction, ``neutral`` (flat), ``no_direction`` or ``none``."""
    move = trend(facts)
    if move == "none":
        return "none"
    if move == "flat":
        return "neutral"
    direction = normalise_direction(facts.direction)
    if direction == "neutral":
        return "no_direction"
    return "better" if (move == "up") == (direction == "higher") else "worse"


def change_text(facts: Facts) -> str:
    """``+0,6 Pp.`` for percentages, ``−0,8 %`` for counts, ``+1,2 je 100`` for other rates; ``–`` when
    no comparison is possible."""
    delta = change(facts)
    if fmt.is_percent(facts.unit):
        return fmt.fmt_change(delta, "Pp.", facts.decimals)
    if is_count(facts.unit):
        return fmt.fmt_change(delta, "%", 1)
    return fmt.fmt_change(delta, facts.unit, facts.decimals)


def sentence(facts: Facts) -> str:
    """One plain-German sentence: level, change against the previous period, position against the
    comparison region."""
    if not usable(facts.value, facts.status):
        word = UNUSABLE_WORDS.get(facts.status, "fehlt")
        return f"{facts.title} in {facts.region} ({facts.period}): Wert {word} – keine Aussage möglich."
    value = fmt.fmt_value(facts.value, facts.status, facts.decimals, facts.unit)
    clauses = [c for c in (_change_clause(facts), _reference_clause(facts)) if c]
    return f"{facts.title} in {facts.region} ({facts.period}): {value} – {'; '.join(clauses)}."


def _change_clause(facts: Facts) -> str:
    if facts.prev_status is None:
        return "kein Wert für den Vorzeitraum"
    if not usable(facts.prev_value, facts.prev_status):
        word = UNUSABLE_WORDS.get(facts.prev_status, "fehlt")
        return f"Wert für {facts.prev_period} {word}, daher keine Veränderung angebbar"
    if within_noise(facts):
        if facts.value == facts.prev_value:
            return f"gegenüber {facts.prev_period} unverändert"
        return (f"gegenüber {facts.prev_period} kaum verändert ({change_text(facts)}, "
                "innerhalb der Rundungsungenauigkeit)")
    verb = "gestiegen" if facts.value > facts.prev_value else "gesunken"
    return f"gegenüber {facts.prev_period} {verb} ({change_text(facts)})"


def _reference_clause(facts: Facts) -> str:
    """Position against the comparison region; only for rates and ratios (counts are not comparable)."""
    if is_count(facts.unit) or facts.ref_status is None:
        return ""
    if not usable(facts.ref_value, facts.ref_status):
        return f"Vergleichswert für {facts.ref_name} {UNUSABLE_WORDS.get(facts.ref_status, 'fehlt')}"
    ref = fmt.fmt_value(facts.ref_value, facts.ref_status, facts.decimals, facts.unit)
    own = fmt.fmt_value(facts.value, facts.status, facts.decimals, facts.unit)
    if own == ref:
        return f"gleichauf mit {facts.ref_name} ({ref})"
    if abs(facts.value - facts.ref_value) < tolerance(facts) - EPSILON:
        return f"etwa auf dem Niveau von {facts.ref_name} ({ref}, innerhalb der Rundungsungenauigkeit)"
    side = "über" if facts.value > facts.ref_value else "unter"
    return f"{side} dem Wert für {facts.ref_name} ({ref})"
