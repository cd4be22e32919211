"""Which of the served data are synthetic demo data (read-only; used by every page's notice)."""

from monitor.markup import escape
from monitor.queries import meta

SUBJECT_LABELS = {
    "population": "Bevölkerung", "population_projection": "Bevölkerungsvorausberechnung",
    "pupils": "Schülerinnen und Schüler", "transitions": "Übergänge nach Klasse 4",
    "school_leavers": "Schulabschlüsse", "allday": "Offener Ganztag", "kita": "Kindertagesbetreuung",
    "vocational": "Berufskollegs", "training_market": "Ausbildungsmarkt", "apprentices": "Auszubildende",
    "employees": "Beschäftigte", "unemployment": "Arbeitslosigkeit", "vhs": "Volkshochschulen",
    "students": "Studierende",
}


def subject_label(subject: str) -> str:
    return SUBJECT_LABELS.get(subject, subject)


def synthetic_subjects() -> list[str]:
    """German names of the subjects whose loaded files are still synthetic demo data."""
    return sorted(subject_label(s) for s in meta.synthetic_subjects())


def demo_notice_text() -> str | None:
    """The demo notice for the current build: all synthetic, only some subjects, or none (None)."""
    if meta.build_info().get("synthetic", "false").lower() != "true":
        return None
    return partial_demo_text() or ("**Demodaten:** Alle Zahlen sind synthetisch erzeugt und dienen nur der "
                                   "Vorführung. Sie sind keine amtlichen Ergebnisse.")


def partial_demo_text() -> str | None:
    """The notice listing the subjects still synthetic when real files are loaded too, else None (also
    for a warehouse without source records)."""
    remaining = synthetic_subjects()
    if not meta.has_official_files() or not remaining:
        return None
    return ("**Teilweise Demodaten:** Für diese Themen sind die Zahlen noch synthetisch erzeugt und "
            f"keine amtlichen Ergebnisse: {escape(', '.join(remaining))}. Alle übrigen Themen beruhen auf "
            "geladenen Dateien.")
