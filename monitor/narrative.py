"""Plain-German sentences and judgements for indicator values (KPI cards, presentation, reports, alt text).

Rules: say the level, the change against the previous period and the position against the reference
region; call a difference smaller than the rounding noise "innerhalb der Rundungsungenauigkeit"; for a
suppressed value say so and nothing else; judge ("besser"/"schlechter") only where the indicator has a
direction; no causal words; never claim more than the data show. The longer text (comparisons with peers,
development over five years, rank) is in ``monitor.paragraphs``.

Pure rules: no database, no Streamlit. The facts come from ``monitor.facts``.
"""

from dataclasses import dataclass

from etl.status import LABELS_DE, UNUSABLE
from etl.vocabulary import COUNT_UNITS, is_count, rate_scale
from monitor import fmt

__all__ = ["COUNT_UNITS", "is_count"]
UNUSABLE_WORDS = {status: LABELS_DE[status] for status in UNUSABLE}
#: Word and arrow of a judgement / trend (cards, badges, slides).
JUDGEMENT_WORDS = {"better": "günstiger", "worse": "ungünstiger", "neutral": "kaum verändert",
                   "none": "nicht vergleichbar", "no_direction": "ohne Wertung"}
ARROWS = {"up": "▲", "down": "▼", "flat": "►", "none": "–"}
EPSILON = 1e-9


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
    peer_value: float | None = None  # median of the peer Kreise (None: no peer comparison)
    peer_status: str | None = None
    peer_name: str = "Median der Kreise ähnlicher Struktur"
    history: tuple["Point", ...] = ()  # values of up to five years up to ``period``, oldest first
    provenance: str | None = None  # official / synthetic / mixed (etl.status.PROVENANCES) of ``value``
    trend_tolerance: float | None = None  # rounding noise of the first-to-last difference of ``history``
    rank: "Rank | None" = None


@dataclass(frozen=True)
class Point:
    """One value of a time series."""

    period: str  # display label
    year: int
    value: float | None
    status: str


@dataclass(frozen=True)
class Rank:
    """Position of the region among comparable regions (1 = best; neutral indicators: 1 = highest)."""

    position: int
    count: int  # regions with a usable value
    scope: str  # plural noun with context, e.g. "Gemeinden im Kreis Lippe"
    tied_with: tuple[str, ...] = ()  # the same shown value
    without_value: int = 0
    near_tied_with: tuple[str, ...] = ()  # another shown value, but closer than the rounding noise


def known(value: float | None) -> float:
    """A value the caller has checked with :func:`usable` (narrows the type; None here is a bug)."""
    if value is None:
        raise ValueError("value without a number used in a comparison")
    return float(value)


def usable(value: float | None, status: str | None) -> bool:
    return status not in UNUSABLE_WORDS and status is not None and not fmt.is_missing(value)


def normalise_direction(direction: str | None) -> str:
    text = (direction or "").lower()
    if "higher" in text or text in {"up", "+1", "1"}:
        return "higher"
    if "lower" in text or text in {"down", "-1"}:
        return "lower"
    return "neutral"


def noise(decimals: int, rounding: float | None = None) -> float:
    """The one tolerance of all comparisons of shown values (change, position, trend, rank): two values
    closer than this are "etwa gleich" – one unit of the last shown decimal, or the rounding noise of the
    inputs (``rounding``, :func:`rounding_tolerance`) when that is larger."""
    return max(rounding or 0.0, 10.0 ** -decimals)


def tolerance(facts: Facts) -> float:
    return noise(facts.decimals, facts.tolerance)


def rounding_tolerance(unit: str | None, decimals: int, rounding_base: float | None = None,
                       denominators: tuple = (), numerators: tuple = ()) -> float:
    """Rounding noise of a value: one unit of the last shown decimal; when inputs are rounded to multiples
    of ``rounding_base``, also the widest effect of ±base/2 on each denominator (rates) or the base
    itself (counts). With ``numerators`` (same order as ``denominators``) the rounding of the numerator
    counts too: |Δ(n/d)| ≤ base/2 · (1 + n/d) / d."""
    base = 10.0 ** -decimals
    if not rounding_base:
        return base
    if is_count(unit):
        return max(base, float(rounding_base))
    scale = rate_scale(unit)
    half = rounding_base / 2
    pairs = zip(denominators, tuple(numerators) + (None,) * len(denominators), strict=False)
    known = [(d, 0.0 if fmt.is_missing(n) else float(n)) for d, n in pairs if not fmt.is_missing(d) and d > 0]
    noise = sum(scale * half * ((1 + n / d) if numerators else 1) / d for d, n in known) if scale else 0.0
    return max(base, noise)


def rounding_base_for(base: float | None, start: int | None, year: int) -> float | None:
    """Multiple the inputs are rounded to in ``year`` (catalogue ``rounding_base`` from ``rounding_from``)."""
    if fmt.is_missing(base) or not base:
        return None
    return None if not fmt.is_missing(start) and start and year < int(start) else float(base)


def change(facts: Facts) -> float | None:
    """Change against the previous period: relative (%) for counts, else the difference in the unit
    (percentage points for percentages)."""
    if not (usable(facts.value, facts.status) and usable(facts.prev_value, facts.prev_status)):
        return None
    if not is_count(facts.unit):
        return known(facts.value) - known(facts.prev_value)
    if facts.prev_value == 0:
        return None
    return (known(facts.value) / known(facts.prev_value) - 1) * 100


def within_noise(facts: Facts) -> bool:
    return abs(known(facts.value) - known(facts.prev_value)) < tolerance(facts) - EPSILON


def trend(facts: Facts) -> str:
    """``up``, ``down``, ``flat`` (within rounding noise) or ``none`` (no comparison possible)."""
    if not (usable(facts.value, facts.status) and usable(facts.prev_value, facts.prev_status)):
        return "none"
    if within_noise(facts):
        return "flat"
    return "up" if known(facts.value) > known(facts.prev_value) else "down"


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
    clauses = [c for c in (change_clause(facts), _reference_clause(facts)) if c]
    return f"{facts.title} in {facts.region} ({facts.period}): {value} – {'; '.join(clauses)}."


def change_clause(facts: Facts) -> str:
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
    verb = "gestiegen" if known(facts.value) > known(facts.prev_value) else "gesunken"
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
    if abs(known(facts.value) - known(facts.ref_value)) < tolerance(facts) - EPSILON:
        return f"etwa auf dem Niveau von {facts.ref_name} ({ref}, innerhalb der Rundungsungenauigkeit)"
    side = "über" if known(facts.value) > known(facts.ref_value) else "unter"
    return f"{side} dem Wert für {facts.ref_name} ({ref})"
