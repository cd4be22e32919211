"""The full text about one indicator in one region: level and change with a verdict, position against the
reference region and the peer median, the development over up to five years and the rank (slides,
reports, alt text). Pure rules over ``monitor.narrative.Facts``; the short card sentence is
``monitor.narrative.sentence``."""

from collections.abc import Mapping, Sequence
from dataclasses import replace

from etl.vocabulary import is_count
from monitor import fmt
from monitor.narrative import (
    EPSILON,
    Facts,
    Point,
    Rank,
    change_clause,
    change_text,
    known,
    noise,
    normalise_direction,
    sentence,
    tolerance,
    trend,
    usable,
)

VERDICTS = {"better": "besser", "worse": "schlechter"}
MIN_TREND_SPAN = 3  # years; a shorter series gets no development sentence
MAX_TIED_NAMES = 3  # a rank tied with more regions names their number, not the regions


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
    clause = change_clause(facts)
    if trend(facts) in {"up", "down"}:
        clause = _with_verdict(clause, known(facts.value) > known(facts.prev_value), facts.direction)
    return f"{head} – {clause}."


def position(facts: Facts, other: float | None, status: str | None, noun: str) -> str:
    """Position against one comparison value: ``höher als der Wert für NRW (32,8 %) – besser``,
    ``gleichauf mit dem …`` (same shown value), ``etwa gleichauf … (innerhalb der Rundungsungenauigkeit)``."""
    if not usable(other, status):
        return f"für den {noun} liegt kein Wert vor"
    shown = _value(facts, other, status)
    if shown == _value(facts, facts.value, facts.status):
        return f"gleichauf mit dem {noun} ({shown})"
    if abs(known(facts.value) - known(other)) < tolerance(facts) - EPSILON:
        return f"etwa gleichauf mit dem {noun} ({shown}, Unterschied innerhalb der Rundungsungenauigkeit)"
    higher = known(facts.value) > known(other)
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
    first, last = known(points[0].value), known(points[-1].value)
    noise = max(facts.trend_tolerance or 0.0, tolerance(facts))
    if abs(last - first) < noise - EPSILON:
        return "flat"
    return "up" if last > first else "down"


def _steady(points: list[Point], rising: bool) -> bool:
    steps = [known(b.value) - known(a.value) for a, b in zip(points, points[1:], strict=False)]
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
    """``Rang 3 von 16 Gemeinden im Kreis Lippe (höher ist besser), gleichauf mit …``; ties of the shown
    value: names while ties and near-ties are ``MAX_TIED_NAMES`` at most, else ``gleichauf mit 12
    weiteren``; near-ties (another shown
    value, closer than the rounding noise) share the rank: ``etwa gleichauf mit … (innerhalb der
    Rundungsungenauigkeit)``; all regions on the same value: ``Alle 53 gleichauf: …``, all within the
    noise: ``Alle 53 etwa gleichauf: …``. Empty without rank and for counts."""
    rank = facts.rank
    if rank is None or is_count(facts.unit) or not usable(facts.value, facts.status) or rank.count < 2:
        return ""
    side = normalise_direction(facts.direction)
    order = {"higher": "höher ist besser", "lower": "niedriger ist besser"}.get(side,
                                                                             "nach Höhe, ohne Wertung")
    missing = f"; {rank.without_value} ohne Wert" if rank.without_value else ""
    shared = len(rank.tied_with) + len(rank.near_tied_with)
    if shared + 1 == rank.count:
        if not rank.near_tied_with:
            return f"Alle {rank.count} gleichauf: derselbe gerundete Wert bei allen {rank.scope}{missing}."
        return (f"Alle {rank.count} etwa gleichauf: Unterschiede innerhalb der Rundungsungenauigkeit bei "
                f"allen {rank.scope}{missing}.")
    text = f"Rang {rank.position} von {rank.count} {rank.scope} ({order})"
    named = shared <= MAX_TIED_NAMES  # names only while there are few in all (slides have little room)
    if rank.tied_with:
        text += f", gleichauf mit {_names(rank.tied_with, named)}"
    if rank.near_tied_with:
        text += (f", etwa gleichauf mit {_names(rank.near_tied_with, named)} (Unterschied innerhalb der "
                 "Rundungsungenauigkeit)")
    top, bottom = rank.position == 1, rank.position + shared == rank.count
    extreme = {("higher", True): "bester Wert", ("lower", True): "bester Wert",
               ("neutral", True): "höchster Wert", ("higher", False): "schlechtester Wert",
               ("lower", False): "schlechtester Wert", ("neutral", False): "niedrigster Wert"}
    if top or bottom:
        text += f" – {'gemeinsam ' if shared else ''}{extreme[(side, top)]}"
    return text + missing + "."


def rank_cell(rank: Rank | None) -> str:
    """``3 von 12``, with ties and near-ties counted: ``3 von 12 (gleichauf mit einem weiteren)``,
    ``5 von 12 (etwa gleichauf mit 2 weiteren)``, ``alle 12 etwa gleichauf``; ``–`` without a rank (for rank
    tables)."""
    if rank is None:
        return "–"
    if len(rank.tied_with) + len(rank.near_tied_with) + 1 == rank.count:
        return f"alle {rank.count} {'etwa ' if rank.near_tied_with else ''}gleichauf"
    shared = [f"{word} mit {_names(names, named=False)}" for word, names in
              (("gleichauf", rank.tied_with), ("etwa gleichauf", rank.near_tied_with)) if names]
    return f"{rank.position} von {rank.count}" + (f" ({', '.join(shared)})" if shared else "")


def _names(names: Sequence[str], named: bool) -> str:
    """The names, or their number (``12 weiteren``)."""
    if named:
        return _join(names)
    return "einem weiteren" if len(names) == 1 else f"{len(names)} weiteren"


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
            scope: str, rounding: float | None = None) -> Rank | None:
    """Rank of ``own`` among ``values`` (label → (value, status)): the same shown (rounded) value is a tie,
    a difference below ``narrative.noise`` (one shown decimal, or the rounding noise ``rounding`` of the
    inputs) a near-tie; both share the rank (position = 1 + the regions better by more than the noise).
    None when ``own`` has no usable value."""
    raw = {k: known(v) for k, (v, s) in values.items() if usable(v, s)}
    if own not in raw:
        return None
    shown = {k: fmt.round_half_up(v, decimals) for k, v in raw.items()}
    limit = noise(decimals, rounding) - EPSILON
    higher = normalise_direction(direction) != "lower"
    tied = tuple(k for k, v in shown.items() if v == shown[own] and k != own)
    near = tuple(k for k, v in raw.items() if k != own and k not in tied and abs(v - raw[own]) < limit)
    mine = shown[own]
    better = sum(1 for k, v in shown.items() if k not in near and (v > mine if higher else v < mine))
    return Rank(position=better + 1, count=len(shown), scope=scope, tied_with=tied,
                without_value=len(values) - len(shown), near_tied_with=near)
