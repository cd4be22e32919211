"""Report topics: the life phases of the catalogue grouped as the monitor's chapters."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Topic:
    """A chapter of a report: a key for URLs and the CLI, a German title and the catalogue life phases."""

    key: str
    title: str
    life_phases: tuple[str, ...]
    file_label: str  # ASCII label for file names

    @property
    def is_gaps(self) -> bool:
        """The Versorgungslücken chapter (gap macros, not catalogue indicators)."""
        return self.key == GAPS_KEY


GAPS_KEY = "versorgung"
#: Topics in life-course order (the order of the Bericht), then the planning result: coverage gaps.
TOPICS: tuple[Topic, ...] = (
    Topic("rahmen", "Rahmenbedingungen", ("Rahmenbedingungen",), "Rahmenbedingungen"),
    Topic("fruehe-bildung", "Frühe Bildung", ("Frühe Bildung",), "Fruehe_Bildung"),
    Topic("schule", "Schule", ("Schule",), "Schule"),
    Topic("uebergaenge", "Übergänge und Berufliche Bildung",
          ("Berufliche Bildung", "Hochschule", "Weiterbildung"), "Uebergaenge"),
    Topic("wirtschaft", "Arbeit und Wirtschaft", ("Arbeit & Wirtschaft",), "Arbeit_Wirtschaft"),
    Topic(GAPS_KEY, "Versorgungslücken", (), "Versorgungsluecken"),
)
TOPIC_KEYS = tuple(t.key for t in TOPICS)


class ReportError(ValueError):
    """A report cannot be made for the requested region or topic (message in German)."""


def topic(key: str) -> Topic:
    """The topic with ``key``; ReportError naming the valid keys otherwise."""
    for item in TOPICS:
        if item.key == key:
            return item
    raise ReportError(f"Unbekanntes Thema „{key}“. Gültig: {', '.join(TOPIC_KEYS)}.")


def topic_of(life_phase: str | None) -> Topic | None:
    """The topic a catalogue life phase belongs to."""
    for item in TOPICS:
        if life_phase in item.life_phases:
            return item
    return None
