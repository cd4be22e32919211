"""Plotly configuration in German: modebar tooltips and messages (an inline ``locales`` dictionary, since
the plotly bundle of Streamlit carries no locale files and nothing may be loaded from a CDN), no logo, the
offline topojson stub and PNG export named after the view."""

#: Plotly's English interface strings (plotly.js 3, as bundled by Streamlit) → German.
DICTIONARY_DE = {
    "Autoscale": "Automatisch skalieren",
    "Box Select": "Rechteckauswahl",
    "Click to enter Colorscale title": "Klicken, um den Farbskalentitel einzugeben",
    "Click to enter Plot subtitle": "Klicken, um den Untertitel einzugeben",
    "Click to enter Plot title": "Klicken, um den Titel einzugeben",
    "Click to enter X axis title": "Klicken, um den Titel der x-Achse einzugeben",
    "Click to enter Y axis title": "Klicken, um den Titel der y-Achse einzugeben",
    "Compare data on hover": "Werte beim Überfahren vergleichen",
    "Double-click on legend to isolate one trace": "Doppelklick auf die Legende: nur diese Reihe zeigen",
    "Double-click to zoom back out": "Doppelklick: zurück zur Gesamtansicht",
    "Download plot": "Grafik herunterladen",
    "Download plot as a PNG": "Grafik als PNG herunterladen",
    "Download plot as JSON": "Grafik als JSON herunterladen",
    "Draw circle": "Kreis zeichnen",
    "Draw closed freeform": "Geschlossene Freiform zeichnen",
    "Draw line": "Linie zeichnen",
    "Draw open freeform": "Offene Freiform zeichnen",
    "Draw rectangle": "Rechteck zeichnen",
    "Erase active shape": "Ausgewählte Form löschen",
    "Image download succeeded": "Grafik heruntergeladen",
    "JSON download succeeded": "JSON heruntergeladen",
    "Lasso Select": "Lassoauswahl",
    "Orbital rotation": "Orbitale Drehung",
    "Pan": "Verschieben",
    "Preparing image - this may take a few seconds": "Grafik wird erstellt – das kann einige Sekunden dauern",
    "Reset": "Zurücksetzen",
    "Reset axes": "Achsen zurücksetzen",
    "Reset camera to default": "Kamera zurücksetzen",
    "Reset camera to last save": "Kamera auf letzte Speicherung zurücksetzen",
    "Reset view": "Ansicht zurücksetzen",
    "Reset views": "Ansichten zurücksetzen",
    "Show closest data on hover": "Nächsten Wert beim Überfahren zeigen",
    "Sorry, there was a problem downloading your image!": "Die Grafik konnte nicht heruntergeladen werden.",
    "Sorry, there was a problem downloading your JSON file!": "Die JSON-Datei konnte nicht heruntergeladen "
    "werden.",
    "Toggle Spike Lines": "Hilfslinien ein/aus",
    "Toggle show closest data on hover": "Nächsten Wert beim Überfahren ein/aus",
    "Turntable rotation": "Drehteller-Drehung",
    "Zoom": "Zoomen",
    "Zoom in": "Vergrößern",
    "Zoom out": "Verkleinern",
}
#: Number and date formats of plotly's own German locale (d3 format); the charts set ``separators`` too.
FORMAT_DE = {
    "days": ["Sonntag", "Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag"],
    "shortDays": ["So", "Mo", "Di", "Mi", "Do", "Fr", "Sa"],
    "months": ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
               "Oktober", "November", "Dezember"],
    "shortMonths": ["Jan", "Feb", "Mär", "Apr", "Mai", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dez"],
    "date": "%d.%m.%Y",
    "decimal": ",",
    "thousands": ".",
}
#: What every chart's config holds: German locale, no logo, offline maps.
BASE = {
    "displaylogo": False,
    "topojsonURL": "/app/static/",
    "locale": "de",
    "locales": {"de": {"dictionary": DICTIONARY_DE, "format": FORMAT_DE}},
}


def config(filename: str | None = None) -> dict:
    """The chart config; ``filename`` (without extension) names the modebar PNG download."""
    image: dict[str, object] = {"format": "png", "scale": 2}
    if filename:
        image["filename"] = filename
    return {**BASE, "toImageButtonOptions": image}


#: the config without a file name (the presentation, which hides the modebar)
CONFIG = config()
