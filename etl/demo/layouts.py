"""Print layout of every Tabellen-CSV table as seen in a real download (catalogue/sources.toml `formats`).

Per table: first line (`Tabelle:` or `GENESIS-Tabelle:`), title lines as wrapped in the real file, the
statistic line, the optional value line, the classification written as a row column (`row`), the header
rows top to bottom and the value columns left to right. A header row is `value` (value label), `unit`,
`class:<CODE>` / `attr:<CODE>` (label of that classification / attribute of the column, empty when the
column has none) or `text:<label>` (a fixed group label); `a+b`: the first non-empty of a and b.
A column is `VALUE` or `VALUE|CLS=ATTR|…`.
`regions`: `regio` (DG 0, Land 2, RB 4, Kreis 6 spaces) or `ldb` (Land 0, RB 2, Kreis 4, Gemeinde 6);
`names_only`: no key column (13111-54i). `copyright`: provider whose attribution closes the file.
"""

from __future__ import annotations

GES3 = ["attr:GES"]
SEX_COLS = ["BEVSTD|GES=INSGESAMT", "BEVSTD|GES=GESM", "BEVSTD|GES=GESW"]

LAYOUTS: dict[str, dict] = {
    "12411-02-03-4": {
        "first": "Tabelle",
        "title": [
            "Bevölkerung nach Geschlecht und Altersgruppen (17) -",
            "Stichtag 31.12. - regionale Tiefe: Kreise und krfr. Städte",
        ],
        "statistic": "Fortschreibung des Bevölkerungsstandes",
        "value_line": "Bevölkerungsstand (Anzahl)",
        "row": "ALTX20",
        "header": GES3,
        "columns": SEX_COLS,
        "regions": "regio",
    },
    "12411-04-02-4": {
        "first": "GENESIS-Tabelle",
        "title": [
            "Bevölkerungsstand: Bevölkerung nach Geschlecht",
            "und Altersjahren (79) - Stichtag 31.12. -",
            "regionale Tiefe: Kreise und krfr. Städte",
        ],
        "statistic": "Fortschreibung des Bevölkerungsstandes",
        "value_line": "Bevölkerungsstand (Anzahl)",
        "row": "ALTX76",
        "header": GES3,
        "columns": SEX_COLS,
        "regions": "regio",
    },
    "12411-09i": {
        "first": "Tabelle",
        "title": ["Bevölkerungsstand nach Altersjahren (90)", "- Gemeinden - Stichtag"],
        "statistic": "Fortschreibung des Bevölkerungsstandes",
        "header": ["value", "class:ALTERSJAHRE", "attr:ALTERSJAHRE", "unit"],
        "columns": "ALTERSJAHRE",
        "regions": "ldb",
    },
    "12411-15i": {
        "first": "Tabelle",
        "title": ["Katasterfläche (qkm), Bevölkerung und Bevölkerungsdichte - Stichtag - Gemeinden"],
        "header": ["stat", "value", "unit"],
        "stat": {
            "BEVSTD": "Fortschreibung des Bevölkerungsstandes",
            "FLAECHE": "Flächenerhebung nach Art der tatsächlichen Nutzung",
            "BEVDICHTE": "Fortschreibung des Bevölkerungsstandes",
        },
        "columns": ["BEVSTD", "FLAECHE", "BEVDICHTE"],
        "regions": "ldb",
    },
    "21111-01-03-4": {
        "first": "GENESIS-Tabelle",
        "title": [
            "Schulen, Schülerinnen und Schüler nach Schularten -",
            "Stichtag: Schuljahresbeginn - regionale Tiefe: Kreise und",
            "krfr. Städte",
        ],
        "statistic": "Statistik der allgemeinbildenden Schulen",
        "row": "BILSA8",
        "header": ["value", "class", "attr", "unit"],
        "columns": [
            "BIL013",
            "BIL003|GES=INSGESAMT",
            "BIL003|GES=GESW",
            "BIL003|NAT=NATA",
            "BIL003|BILKL2=KLSTUFE07",
            "BIL003|BILKL2=JGSTUFE11",
        ],
        "regions": "regio",
    },
    "21111-02-06-4": {
        "first": "GENESIS-Tabelle",
        "title": [
            "Absolvierende/Abgehende allgemeinbildender Schulen nach",
            "Geschlecht und Abschlussarten - Schuljahr - regionale Tiefe:",
            "Kreise und krfr. Städte",
        ],
        "statistic": "Statistik der allgemeinbildenden Schulen",
        "value_line": "Absolvierende/Abgehende (Anzahl)",
        "header": [
            "text:Absolvierende/Abgehende allgemeinbildender Schulen nach dem Abschluss",
            "attr:BILAG2",
            "attr:GES",
        ],
        "columns": [
            f"BILABS|BILAG2={a}|GES={g}"
            for a in ("INSGESAMT", "BILABS11", "BILABS12", "BILABS13", "BILABS14D", "BILABS14", "BILABS15")
            for g in ("INSGESAMT", "GESW")
        ],
        "regions": "regio",
    },
    "21121-01-05-4": {
        "first": "GENESIS-Tabelle",
        "title": [
            "Berufliche Schulen: Schulen und Schüler nach Schulart",
            "- Stichtag: Schuljahresbeginn -",
            "regionale Tiefe: Kreise und krfr. Städte",
        ],
        "statistic": "Statistik der beruflichen Schulen",
        "row": "BILSA7",
        "header": ["value", "class", "attr", "unit"],
        "columns": ["BIL014", "BIL004|GES=INSGESAMT", "BIL004|GES=GESW", "BIL004|NAT=NATA"],
        "regions": "regio",
    },
    "22541-01-04-4": {
        "first": "GENESIS-Tabelle",
        "title": [
            "Statistik der Tageseinrichtungen für Kinder,",
            "Tageseinrichtungen für Kinder - Stichtage -",
            "regionale Tiefe: Kreise und krfr. Städte",
        ],
        "statistic": "Statistik der Tageseinrichtungen für Kinder",
        "header": ["value", "attr:KINTE4+class:PERS03", "attr:PERS03", "unit"],
        "columns": ["KIN002"]
        + [f"KIN002|KINTE4={a}" for a in ("ALT000B03", "ALT002B008A", "ALT005B014A", "ALTGRKINDER")]
        + ["KIN004", "PLZ005"]
        + [
            f"PER005|PERS03={a}"
            for a in (
                "INSGESAMT",
                "PERSONAL001",
                "PERSONAL002B",
                "PERSONAL002W",
                "PERSONAL002",
                "PERSONAL003",
            )
        ][1:]
        + ["RZVPB1"],
        "regions": "regio",
    },
    "13111-05-03-4": {
        "first": "GENESIS-Tabelle",
        "title": [
            "Sozialversicherungspflichtig Beschäftigte am Arbeitsort nach",
            "Geschlecht, Nationalität und Altersgruppen",
            "-Stichtag 30.06.- regionale Tiefe: Kreise und krfr. Städte",
        ],
        "statistic": "Sozialversicherungspflichtig Beschäftigte",
        "value_line": "Sozialversicherungspfl. Beschäftigte (Arbeitsort) (Anzahl)",
        "row": "ALT007",
        "header": ["class:NAT", "attr:NAT", "class:GES", "attr:GES"],
        "columns": [
            f"ERW032|NAT={n}|GES={g}" for n in ("INSGESAMT", "NATA") for g in ("INSGESAMT", "GESM", "GESW")
        ],
        "regions": "regio",
    },
    "13111-54i": {
        "first": "Tabelle",
        "title": [
            "Sozialversicherungspflichtige Beschäftigte (Arbeitsort) nach",
            "Wirtschaftsabschnitte sowie Schul- und Berufsabschluss -",
            "kreisfreie Städte und Kreise - Stichtag (ab 2021)",
        ],
        "statistic": "Statistik der sozialversicherungspflichtig Beschäftigten",
        "value_line": "Sozialversicherungspfl. Beschäftigte (Arbeitsort) (Anzahl)",
        "row": "WZ08",
        "row_code": True,
        "header": ["attr:ABSCHLUSS"],
        "columns": "ABSCHLUSS",
        "regions": "ldb",
        "names_only": True,
        "footnote": "Quelle: Statistik der Bundesagentur für Arbeit,\nDatenabruf Juli 2024",
    },
    "13211-02-05-4": {
        "first": "Tabelle",
        "title": [
            "Arbeitslose nach ausgewählten Personengruppen sowie",
            "Arbeitslosenquoten - Jahresdurchschnitt - (ab 2009)",
            "regionale Tiefe:",
            "Kreise und krfr. Städte",
        ],
        "statistic": "Arbeitsmarktstatistik der Bundesagentur für Arbeit",
        "header": ["value", "attr", "unit"],
        "columns": ["ERWP06"]
        + [
            f"ERWP06|ERWAQ7={a}"
            for a in (
                "ARBEITSLOS08",
                "ARBEITSLOS06",
                "ARBEITSLOS12",
                "ARBEITSLOS13",
                "ARBEITSLOS14",
                "ARBEITSLOS05",
            )
        ]
        + ["ERWP09", "ERWP10"]
        + [f"ERWP10|ERWAQ8={a}" for a in ("ARBEITSQUO05", "ARBEITSQUO06", "ARBEITSQUO07", "ARBEITSQUO09")],
        "regions": "regio",
    },
}
#: Classification order of an ffcsv v5 file where the real one differs from the catalogue order.
FFCSV_ORDER = {
    "21311-01-01-4": ["GESINS", "NAT01", "HS-FG2"],
    "21311-01-01-4-B": ["GESINS", "NAT01", "HS-FG2"],
}
#: Classifications whose flat file writes the total with the code INSGESAMT (seen in the 21311 sample);
#: elsewhere the total has an empty attribute code.
FFCSV_EXPLICIT_TOTAL = {"GESINS", "NAT01", "HS-FG2"}
#: Variable labels of the real flat file where the catalogue has the metadata label.
FFCSV_LABELS = {"GESINS": "Geschlecht"}
#: Attribute labels of the real flat file where the catalogue has another (metadata) label.
FFCSV_ATTRIBUTE_LABELS = {
    "HS-FG04": "Mathematik/Naturwissenschaften",
    "HS-FG07": "Agrar-, Forst- und Ernährungswissensch., Veterinär",
    "HS-FG10": "Außerhalb der Studienbereichsgliederung",
}
