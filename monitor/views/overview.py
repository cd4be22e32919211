"""Übersicht: the headline indicators of a region as KPI cards along the life course."""

from dataclasses import dataclass

from etl.catalogue import Indicator
from etl.vocabulary import AREAS, is_count
from monitor import db, facts, fmt, narrative
from monitor.queries import indicators, regions
from monitor.views.common import with_marker


@dataclass(frozen=True)
class Card:
    """Everything a KPI card shows, already formatted."""

    id: str
    life_phase: str
    title: str
    value_text: str
    period_text: str
    change_text: str
    trend: str  # up | down | flat | none
    judgement: str  # better | worse | neutral | no_direction | none
    reference_text: str
    sentence: str
    status: str
    provenance: str | None = None  # official | synthetic | mixed (etl/status.py); None: unknown


def title() -> str:
    """``Bildungsmonitor Kreis Lippe``: the page title names the home Kreis."""
    return f"Bildungsmonitor {regions.label(regions.home().kreis)}"


def intro() -> str:
    """The sentence below the title, naming the home Land."""
    return ("Zentrale Kennzahlen entlang des Lebenslaufs – mit Veränderung zum Vorzeitraum und Vergleich mit "
            f"{regions.label(regions.home().land)}.")


def _card(entry: Indicator, found: narrative.Facts, provenance: str | None) -> Card:
    ref_value = fmt.fmt_value(found.ref_value, found.ref_status, found.decimals, found.unit)
    comparable = found.ref_status is not None and not is_count(entry.unit)
    value = fmt.fmt_value(found.value, found.status, found.decimals, found.unit)
    reference = f"{found.ref_name}: {ref_value}" if comparable else ""
    return Card(
        id=entry.id, life_phase=entry.life_phase or AREAS.get(entry.area, entry.area), title=found.title,
        value_text=with_marker(value, provenance), period_text=found.period,
        change_text=narrative.change_text(found), trend=narrative.trend(found),
        judgement=narrative.judgement(found), reference_text=reference,
        sentence=narrative.sentence(found), status=found.status, provenance=provenance,
    )


@db.per_build
def kpi_cards(region: str, reference: str | None = None) -> tuple[list[Card], list[str]]:
    """Cards of the headline indicators in ``region`` compared with ``reference`` (default: the region's
    Land); also the titles of headline indicators without any value for the region."""
    reference = reference or regions.land_of(region)
    heads = indicators.headline()
    rows = indicators.latest_values([h.id for h in heads], [region, reference])
    cards, without = [], []
    for entry in heads:
        mine = rows[rows["indicator_id"] == entry.id]
        own, ref = mine[mine["ags"] == region], mine[mine["ags"] == reference]
        found = facts.build(entry, own, ref, region, reference)
        if found is None:
            without.append(entry.title)
            continue
        cards.append(_card(entry, found, found.provenance))
    return cards, without


def legend() -> str:
    """The caption below the cards: what colour, arrow and word mean."""
    return ("Farbe, Pfeil und Wort zeigen die Entwicklung gegenüber dem Vorzeitraum in Richtung des "
            "Indikators (günstiger/ungünstiger); grau: kaum verändert, ohne Wertung oder nicht vergleichbar.")


def without_text(titles: list[str]) -> str:
    """``Für diese Region nicht verfügbar: …`` (empty when every headline indicator has a value)."""
    return f"Für diese Region nicht verfügbar: {', '.join(titles)}." if titles else ""
