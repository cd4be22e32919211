"""Plain-German sentences and judgements for indicator values (KPI cards, presentation, reports, alt text).

Rules: say the level, the change against the previous period, the position against NRW and the peer
Kreise, the development over up to five years and the rank; call a difference smaller than the rounding
noise "innerhalb der Rundungsungenauigkeit"; for a suppressed value say so and nothing else; judge
("besser"/"schlechter") only where the indicator has a direction; no causal words; never claim more than
the data show.

Pure rules: no database, no Streamlit. The facts come from ``monitor.facts``.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

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
    tied_with: tuple[str, ...] = ()
    without_value: int = 0


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


# --- full text: level and change, comparisons, development, rank ------------------------------------

VERDICTS = {"better": "besser", "worse": "schlechter"}
MIN_TREND_SPAN = 3  # years; a shorter series gets no development sentence


def verdict(higher: bool, direction: str | None) -> str:
    """``besser``/``schlechter`` for a higher (or lower) value; empty for neutral indicators."""
    side = normalise_direction(direction)
    if side == "neutral":
        return ""
    return VERDICTS["better" if higher == (side == "higher") else "worse"]


def _with_verdict(text: str, higher: bool, direction: str | None) -> str:
    word = verdict(higher, direction)
    return f"{text} – {word}" if word else text


def _value(facts: Facts, value: float | None, status: str | None) -> str:
    return fmt.fmt_value(value, status, facts.decimals, facts.unit)


def level_sentence(facts: Facts) -> str:
    """Level and change against the previous period, with ``besser``/``schlechter`` where defined."""
    if not usable(facts.value, facts.status):
        return sentence(facts)
    head = f"{facts.title} in {facts.region} ({facts.period}): {_value(facts, facts.value, facts.status)}"
    clause = _change_clause(facts)
    if trend(facts) in {"up", "down"}:
        clause = _with_verdict(clause, facts.value > facts.prev_value, facts.direction)
    return f"{head} – {clause}."


def position(facts: Facts, other: float | None, status: str | None, noun: str) -> str:
    """Position against one comparison value: ``höher als der Wert für NRW (32,8 %) – besser``,
    ``gleichauf mit dem …`` (same shown value), ``etwa gleichauf … (innerhalb der Rundungsungenauigkeit)``."""
    if not usable(other, status):
        return f"für den {noun} liegt kein Wert vor"
    shown = _value(facts, other, status)
    if shown == _value(facts, facts.value, facts.status):
        return f"gleichauf mit dem {noun} ({shown})"
    if abs(facts.value - other) < tolerance(facts) - EPSILON:
        return f"etwa gleichauf mit dem {noun} ({shown}, Unterschied innerhalb der Rundungsungenauigkeit)"
    higher = facts.value > other
    return _with_verdict(f"{'höher' if higher else 'niedriger'} als der {noun} ({shown})", higher,
                         facts.direction)


def comparison_sentence(facts: Facts) -> str:
    """Position against the reference region and the peer median; empty for counts (sizes differ) and
    when nothing is compared."""
    if is_count(facts.unit) or not usable(facts.value, facts.status):
        return ""
    parts = []
    if facts.ref_status is not None:
        parts.append(position(facts, facts.ref_value, facts.ref_status, f"Wert für {facts.ref_name}"))
    if facts.peer_status is not None:
        parts.append(position(facts, facts.peer_value, facts.peer_status, facts.peer_name))
    return f"Im Vergleich: {'; '.join(parts)}." if parts else ""


def _usable_points(facts: Facts) -> list[Point]:
    return [p for p in facts.history if usable(p.value, p.status)]


def long_trend(facts: Facts) -> str:
    """Development over ``history``: ``up``, ``down``, ``flat`` (first-to-last difference within the rounding
    noise) or ``none`` (fewer than two usable values or less than three years apart)."""
    points = _usable_points(facts)
    if len(points) < 2 or points[-1].year - points[0].year < MIN_TREND_SPAN:
        return "none"
    first, last = points[0].value, points[-1].value
    noise = max(facts.trend_tolerance or 0.0, tolerance(facts))
    if abs(last - first) < noise - EPSILON:
        return "flat"
    return "up" if last > first else "down"


def _steady(points: list[Point], rising: bool) -> bool:
    steps = [b.value - a.value for a, b in zip(points, points[1:], strict=False)]
    return all((s >= 0) if rising else (s <= 0) for s in steps)


def trend_sentence(facts: Facts) -> str:
    """One sentence on the development over up to five years; empty without history."""
    if not facts.history or not usable(facts.value, facts.status):
        return ""
    move = long_trend(facts)
    gaps = [p.period for p in facts.history if not usable(p.value, p.status)]
    gap_note = f" Ohne Wert: {', '.join(gaps)}." if gaps else ""
    if move == "none":
        return f"Für eine Entwicklung über mehrere Jahre liegen zu wenige Werte vor.{gap_note}"
    points = _usable_points(facts)
    first, last = points[0], points[-1]
    span = f"Von {first.period} bis {last.period}"
    values = f"{_value(facts, first.value, first.status)} → {_value(facts, last.value, last.status)}"
    if move == "flat":
        return f"{span} etwa gleich geblieben ({values}, innerhalb der Rundungsungenauigkeit).{gap_note}"
    rising = move == "up"
    delta = replace(facts, value=last.value, status=last.status, prev_value=first.value,
                    prev_status=first.status)
    shape = "" if len(points) < 3 else (" durchgehend" if _steady(points, rising) else " mit Schwankungen")
    text = f"{span}{shape} {'gestiegen' if rising else 'gesunken'} ({values}, {change_text(delta)})"
    return f"{_with_verdict(text, rising, facts.direction)}.{gap_note}"


def rank_sentence(facts: Facts) -> str:
    """``Rang 3 von 16 Gemeinden im Kreis Lippe (höher ist besser), gleichauf mit …``; empty without rank
    and for counts."""
    rank = facts.rank
    if rank is None or is_count(facts.unit) or not usable(facts.value, facts.status) or rank.count < 2:
        return ""
    side = normalise_direction(facts.direction)
    order = {"higher": "höher ist besser", "lower": "niedriger ist besser"}.get(side,
                                                                             "nach Höhe, ohne Wertung")
    text = f"Rang {rank.position} von {rank.count} {rank.scope} ({order})"
    if rank.tied_with:
        text += f", gleichauf mit {_join(rank.tied_with)}"
    top, bottom = rank.position == 1, rank.position + len(rank.tied_with) == rank.count
    extreme = {("higher", True): "bester Wert", ("lower", True): "bester Wert",
               ("neutral", True): "höchster Wert", ("higher", False): "schlechtester Wert",
               ("lower", False): "schlechtester Wert", ("neutral", False): "niedrigster Wert"}
    if top or bottom:
        shared = "gemeinsam " if rank.tied_with else ""
        text += f" – {shared}{extreme[(side, top)]}"
    if rank.without_value:
        text += f"; {rank.without_value} ohne Wert"
    return text + "."


def _join(names: Sequence[str]) -> str:
    names = list(names)
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} und {names[-1]}"


def sentences(facts: Facts) -> list[str]:
    """All sentences about one indicator in one region, in reading order (empty parts left out)."""
    if not usable(facts.value, facts.status):
        return [sentence(facts)]
    parts = (level_sentence(facts), comparison_sentence(facts), trend_sentence(facts), rank_sentence(facts))
    return [p for p in parts if p]


def paragraph(facts: Facts) -> str:
    """``sentences`` joined: the text for presentation slides, reports and chart alt text."""
    return " ".join(sentences(facts))


def rank_of(values: Mapping[str, tuple[float | None, str]], own: str, direction: str | None, decimals: int,
            scope: str) -> Rank | None:
    """Rank of ``own`` among ``values`` (label → (value, status)), compared on the shown (rounded) values;
    None when ``own`` has no usable value."""
    shown = {k: round(v, decimals) for k, (v, s) in values.items() if usable(v, s)}
    if own not in shown:
        return None
    higher = normalise_direction(direction) != "lower"
    mine = shown[own]
    better = sum(1 for v in shown.values() if (v > mine if higher else v < mine))
    tied = tuple(k for k, v in shown.items() if v == mine and k != own)
    return Rank(position=better + 1, count=len(shown), scope=scope, tied_with=tied,
                without_value=len(values) - len(shown))
