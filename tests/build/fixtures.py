"""Small source files: real official tables in their real layouts, with own small numbers.

Layouts as in the real downloads (tests/fixtures/real_layouts, ../shared/samples, etl/demo/layouts.py):
Tabellen-CSV of the Regionaldatenbank and the Landesdatenbank NRW (cp1252, LF, header block, header
rows, footer with copyright and Stand) and GENESIS flat files v5 (UTF-8 with BOM, LF, codes; as a bare
`_de_flat.csv` member or in the web service's ZIP). Local data come in the open template.

`write_sources(folder)` writes a consistent set: no errors, no warnings. The writers take the values a
test changes as parameters; `append` adds a data line to a written file.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

LF = "\n"
REGIO_COPYRIGHT = (
    '"© Statistische Ämter des Bundes und der Länder, Deutschland, 2025.\n'
    "Dieses Werk ist lizenziert unter der Datenlizenz Deutschland\n"
    '- Namensnennung - Version 2.0."'
)
LDB_COPYRIGHT = (
    "© IT.NRW, Düsseldorf, 2026. Dieses Werk ist lizenziert unter der Datenlizenz Deutschland - "
    "Namensnennung - Version 2.0."
)
FOOTNOTE = '"Testdatei des Bildungsmonitors: eigene kleine Zahlen im Aufbau der amtlichen Datei."'
FLAT_HEAD = "statistics_code;statistics_label;time_code;time_label;time"
#: the 16 Gemeinden of Kreis Lippe: (key, label in the Landesdatenbank)
LIPPE_GEMEINDEN = {
    "05766004": "Augustdorf",
    "05766008": "Bad Salzuflen, Stadt",
    "05766012": "Barntrup, Stadt",
    "05766016": "Blomberg, Stadt",
    "05766020": "Detmold, Stadt",
    "05766024": "Dörentrup",
    "05766028": "Extertal",
    "05766032": "Horn-Bad Meinberg, Stadt",
    "05766036": "Kalletal",
    "05766040": "Lage, Stadt",
    "05766044": "Lemgo, Stadt",
    "05766048": "Leopoldshöhe",
    "05766052": "Lügde, Stadt",
    "05766056": "Oerlinghausen, Stadt",
    "05766060": "Schieder-Schwalenberg, Stadt",
    "05766064": "Schlangen",
}
#: population per single year of age (0 … 89, then "90 Jahre und mehr") in 12411-09i: 1 in each
#: Gemeinde, 5 in Schlangen; the Kreis has 20 per age (16 x … adds up: 15 x 1 + 5)
GEMEINDE_PER_AGE = {ags: (5 if ags == "05766064" else 1) for ags in LIPPE_GEMEINDEN}
KREIS_PER_AGE = 20
#: Lippe, 31.12.2024, by sex: 10 men and 10 women per age 0-89, aged 90 and more 5 men and 15 women
LIPPE_POP = {"total": 1820, "m": 905, "f": 915}
#: ALTX20 age groups of 12411-02-03-4 (code, label, first age, last age + 1; 91 = 90 and more)
ALTX20 = [
    ("ALT000B03", "unter 3 Jahre", 0, 3),
    ("ALT003B06", "3 bis unter 6 Jahre", 3, 6),
    ("ALT006B10", "6 bis unter 10 Jahre", 6, 10),
    ("ALT010B15", "10 bis unter 15 Jahre", 10, 15),
    ("ALT015B18", "15 bis unter 18 Jahre", 15, 18),
    ("ALT018B20", "18 bis unter 20 Jahre", 18, 20),
    ("ALT020B25", "20 bis unter 25 Jahre", 20, 25),
    ("ALT025B30", "25 bis unter 30 Jahre", 25, 30),
    ("ALT030B35", "30 bis unter 35 Jahre", 30, 35),
    ("ALT035B40", "35 bis unter 40 Jahre", 35, 40),
    ("ALT040B45", "40 bis unter 45 Jahre", 40, 45),
    ("ALT045B50", "45 bis unter 50 Jahre", 45, 50),
    ("ALT050B55", "50 bis unter 55 Jahre", 50, 55),
    ("ALT055B60", "55 bis unter 60 Jahre", 55, 60),
    ("ALT060B65", "60 bis unter 65 Jahre", 60, 65),
    ("ALT065B75", "65 bis unter 75 Jahre", 65, 75),
    ("ALT075UM", "75 Jahre und mehr", 75, 91),
]
#: 21111-01-03-4, Schulart rows (BILSA8) in the order of the real file (Insgesamt last)
BILSA8 = [
    "Vorschulbereich",
    "Grundschulen",
    "Schulartunabhängige Orientierungsstufe",
    "Hauptschulen",
    "Schularten mit mehreren Bildungsgängen",
    "Realschulen",
    "Gymnasien",
    "Integrierte Gesamtschulen",
    "Freie Waldorfschulen",
    "Sonderschulen/Förderschulen",
    "Abendschulen und Kollegs",
    "Insgesamt",
]
#: pupils 2023 (multiples of 5) per Schulart, Insgesamt last; Lippe has "x" for the Orientierungsstufe
PUPILS = {
    "05766": ["-", "12000", "x", "1000", "3000", "2500", "9000", "6000", "300", "1005", "200", "35005"],
    "05711": ["-", "10000", "-", "500", "2000", "2000", "8000", "7000", "-", "800", "100", "30400"],
}
REGIO_LABEL = {"05766": "Lippe, Kreis", "05711": "Bielefeld, kreisfreie Stadt"}
#: 21111-02-06-4, Lippe 2023: (BILAG2 code, label, leavers, of which female); parts (without the
#: "darunter" line) add up to the total
LEAVERS = [
    ("INSGESAMT", "Insgesamt", "3500", "1700"),
    ("BILABS11", "ohne Hauptschulabschluss", "200", "80"),
    ("BILABS12", "mit Hauptschulabschluss", "500", "200"),
    ("BILABS13", "mit Mittlerem Abschluss", "1500", "700"),
    ("BILABS14D", "dar. schulischer Teil der Fachhochschulreife", "100", "45"),
    ("BILABS14", "mit Fachhochschulreife", "-", "-"),
    ("BILABS15", "mit allgemeiner Hochschulreife", "1300", "720"),
]
#: 21311-01-01-4, Lippe WS 2023/24 by Fächergruppe (attribute labels as in the real flat file)
STUDENTS = [
    ("INSGESAMT", "Insgesamt", "5000"),
    ("HS-FG01", "Geisteswissenschaften", "400"),
    ("HS-FG02", "Sport", "."),
    ("HS-FG03", "Rechts-, Wirtschafts- und Sozialwissenschaften", "1500"),
    ("HS-FG04", "Mathematik/Naturwissenschaften", "300"),
    ("HS-FG05", "Humanmedizin/Gesundheitswissenschaften", "-"),
    ("HS-FG07", "Agrar-, Forst- und Ernährungswissensch., Veterinär", "100"),
    ("HS-FG08", "Ingenieurwissenschaften", "2000"),
    ("HS-FG09", "Kunst, Kunstwissenschaft", "600"),
    ("HS-FG10", "Außerhalb der Studienbereichsgliederung", "-"),
]


def q(text: str) -> str:
    """A cell quoted as the GENESIS exports do when it holds the separator or a quote."""
    return '"' + text.replace('"', '""') + '"' if ";" in text or '"' in text else text


def age_label(age: int) -> str:
    if age == 0:
        return "unter 1 Jahr"
    if age == 90:
        return "90 Jahre und mehr"
    return f"{age} bis unter {age + 1} Jahre"


def write_tabellen(
    path: Path,
    block: list[str],
    header: list[list[str]],
    rows: list[list[str]],
    dims: int,
    copyright_: str = REGIO_COPYRIGHT,
    stand: str = "13.03.2025 / 16:39:14",
) -> Path:
    """Tabellen-CSV (cp1252, LF): the header block (first line unpadded, the rest padded to the table
    width), header rows (label cells after `dims` empty cells), data rows, the footer."""
    pad = ";" * (dims + len(header[0]) - 1)
    lines = [block[0], *(line + pad for line in block[1:])]
    lines += [";" * dims + ";".join(q(c) for c in row) for row in header]
    lines += [";".join(row) for row in rows]
    lines += ["__________", FOOTNOTE, copyright_, f"Stand: {stand}"]
    path.write_bytes((LF.join(lines) + LF).encode("cp1252"))
    return path


def write_flat(
    path: Path,
    statistic: tuple[str, str, str, str],
    region: tuple[str, str],
    classes: list[tuple[str, str]],
    value: tuple[str, str, str],
    rows: list[tuple],
) -> Path:
    """GENESIS flat file v5 (UTF-8 with BOM, LF). statistic: (code, label, time code, time label);
    region: (variable code, label); classes: (code, label) per classification; value: (unit, code, label);
    rows: (time, ags, region label, [(attribute code, attribute label) per classification], cell), a row
    of another value variable with its own (unit, code, label) as a sixth item."""
    groups = [
        f"{n}_variable_code;{n}_variable_label;{n}_variable_attribute_code;{n}_variable_attribute_label"
        for n in range(1, len(classes) + 2)
    ]
    lines = [";".join([FLAT_HEAD, *groups, "value;value_unit;value_variable_code;value_variable_label"])]
    for time, ags, label, attrs, cell, *own in rows:
        cells = [*statistic, time, *region, ags, q(label)]
        for (code, class_label), (attr, attr_label) in zip(classes, attrs, strict=True):
            cells += [code, q(class_label), attr, q(attr_label)]
        unit, code, value_label = own[0] if own else value
        cells += [cell, unit, code, q(value_label)]
        lines.append(";".join(cells))
    path.write_bytes(b"\xef\xbb\xbf" + (LF.join(lines) + LF).encode("utf-8"))
    return path


def write_template(path: Path, rows: list[str]) -> Path:
    text = [
        "# Quelle: Testdaten",
        "# Stand: 2025-03-01",
        "table_code;period;ags;region;variable;classification;unit;value",
        *rows,
    ]
    path.write_text("\n".join(text) + "\n", encoding="utf-8")
    return path


def append(path: Path, line: str, encoding: str = "cp1252") -> None:
    """Add a data line: before the footer of a Tabellen-CSV, at the end of anything else."""
    text = path.read_bytes().decode(encoding)
    if "__________" in text:
        text = text.replace("__________", line + LF + "__________")
    else:
        text += line + LF
    path.write_bytes(text.encode(encoding))


def population_sex(
    folder: Path,
    lippe_total: str = "1820",
    key: str = "05766",
    name: str = "12411-01-01-4_1740000000000_de_flat.csv",
) -> Path:
    """12411-01-01-4 (flat file as extracted from the web service ZIP): Lippe and Bielefeld by sex."""
    sexes = [("", "Insgesamt"), ("GESM", "männlich"), ("GESW", "weiblich")]
    rows = [
        ("2024-12-31", key, "Lippe, Kreis", [sex], cell)
        for sex, cell in zip(sexes, (lippe_total, "905", "915"), strict=True)
    ]
    rows += [
        ("2024-12-31", "05711", "Bielefeld, kreisfreie Stadt", [sex], cell)
        for sex, cell in zip(sexes, ("910", "455", "455"), strict=True)
    ]
    return write_flat(
        folder / name,
        ("12411", "Fortschreibung des Bevölkerungsstandes", "STAG", "Stichtag"),
        ("KREISE", "Kreise und kreisfreie Städte"),
        [("GES", "Geschlecht")],
        ("Anzahl", "BEVSTD", "Bevölkerungsstand"),
        rows,
    )


def _lippe_band(start: int, end: int) -> tuple[int, int]:
    """(men, women) of Lippe aged start … end - 1 (91 = 90 and more)."""
    men = 10 * (min(end, 90) - start) + (5 if end == 91 else 0)
    women = 10 * (min(end, 90) - start) + (15 if end == 91 else 0)
    return men, women


def population_groups(folder: Path) -> Path:
    """12411-02-03-4 (Tabellen-CSV): Lippe and Bielefeld by ALTX20 age group (rows) and sex (columns);
    Bielefeld's under-3 figures are secret ('.'), its 3-6 figures a true zero ('-')."""
    rows = []
    for _code, label, start, end in ALTX20:
        men, women = _lippe_band(start, end)
        rows.append(
            ["31.12.2024", "05766", "      Lippe, Kreis", label, str(men + women), str(men), str(women)]
        )
    rows.append(["31.12.2024", "05766", "      Lippe, Kreis", "Insgesamt", "1820", "905", "915"])
    for _code, label, start, end in ALTX20:
        cells = {0: ["."] * 3, 3: ["-"] * 3}.get(start)
        width = end - start
        rows.append(
            [
                "31.12.2024",
                "05711",
                "      Bielefeld, kreisfreie Stadt",
                label,
                *(cells or [str(10 * width), str(5 * width), str(5 * width)]),
            ]
        )
    rows.append(
        ["31.12.2024", "05711", "      Bielefeld, kreisfreie Stadt", "Insgesamt", "910", "455", "455"]
    )
    block = [
        "Tabelle: 12411-02-03-4",
        "Bevölkerung nach Geschlecht und Altersgruppen (17) -",
        "Stichtag 31.12. - regionale Tiefe: Kreise und krfr. Städte",
        "Fortschreibung des Bevölkerungsstandes",
        "Bevölkerungsstand (Anzahl)",
    ]
    return write_tabellen(
        folder / "12411-02-03-4.csv",
        block,
        [["Insgesamt", "männlich", "weiblich"]],
        rows,
        dims=4,
        stand="18.12.2025 / 12:13:08",
    )


def population_gemeinden(folder: Path, schlangen_extra: int = 0) -> Path:
    """12411-09i (Landesdatenbank NRW): Kreis Lippe and its 16 Gemeinden by single year of age.
    `schlangen_extra` people aged 90 and more are added to Schlangen (total and part)."""
    value = "Bevölkerungsstand (Basis Zensus 2022 und früher)"
    header = [
        [value] * 92,
        ["Altersjahre (unter 1 bis 90 Jahre und mehr)"] * 92,
        ["Insgesamt", *(age_label(a) for a in range(91))],
        ["Anzahl"] * 92,
    ]

    def row(ags: str, label: str, per_age: int, extra: int = 0) -> list[str]:
        ages = [per_age] * 90 + [per_age + extra]
        return ["31.12.2024", ags, label, str(sum(ages)), *(str(v) for v in ages)]

    rows = [row("05766", "    Lippe, Kreis", KREIS_PER_AGE)]
    rows += [
        row(ags, "      " + label, GEMEINDE_PER_AGE[ags], schlangen_extra if ags == "05766064" else 0)
        for ags, label in LIPPE_GEMEINDEN.items()
    ]
    block = [
        "Tabelle: 12411-09i",
        "Bevölkerungsstand nach Altersjahren (90)",
        "- Gemeinden - Stichtag",
        "Fortschreibung des Bevölkerungsstandes",
    ]
    return write_tabellen(
        folder / "12411-09i.csv",
        block,
        header,
        rows,
        dims=3,
        copyright_=LDB_COPYRIGHT,
        stand="16.02.2026 / 12:15:28",
    )


def pupils(folder: Path, bielefeld_total: str = "30400") -> Path:
    """21111-01-03-4 (Tabellen-CSV): schools and pupils by Schulart (rows) for Lippe and Bielefeld,
    2023 (school year 2023/24); the pupil columns by sex, nationality and grade are breakdowns the core
    does not use."""
    value = "Schülerinnen und Schüler an allgemeinbildenden Schulen"
    header = [
        ["Allgemeinbildende Schulen", *[value] * 5],
        [
            "",
            "Geschlecht",
            "Geschlecht",
            "Nationalität",
            *["Klassenstufe / Jahrgangsstufe / Schulbesuchsjahr"] * 2,
        ],
        [
            "",
            "Insgesamt",
            "weiblich",
            "ausländisch",
            "7. Klassenstufe",
            "11. Jahrgangsstufe / Einführungsphase",
        ],
        ["Anzahl"] * 6,
    ]
    rows = []
    for ags, values in PUPILS.items():
        values = [*values[:-1], bielefeld_total if ags == "05711" else values[-1]]
        for label, cell in zip(BILSA8, values, strict=True):
            if cell in ("-", "x"):
                cells = [cell] * 6
            else:
                count = int(cell)
                grades = [str(count // 20), str(count // 25)] if label == "Insgesamt" else ["x", "x"]
                cells = [str(max(1, count // 400)), cell, str(count // 2), str(count // 10), *grades]
            rows.append(["2023", ags, "      " + REGIO_LABEL[ags], label, *cells])
    block = [
        "GENESIS-Tabelle: 21111-01-03-4",
        "Schulen, Schülerinnen und Schüler nach Schularten -",
        "Stichtag: Schuljahresbeginn - regionale Tiefe: Kreise und",
        "krfr. Städte",
        "Statistik der allgemeinbildenden Schulen",
    ]
    return write_tabellen(folder / "21111-01-03-4.csv", block, header, rows, dims=4)


def leavers_row(time: str = "2023") -> str:
    """The data line of Lippe in 21111-02-06-4 (leavers by certificate, total and female)."""
    cells = [c for _code, _label, total, female in LEAVERS for c in (total, female)]
    return ";".join([time, "05766", "      Lippe, Kreis", *cells])


def school_leavers(folder: Path) -> Path:
    """21111-02-06-4 (Tabellen-CSV): leavers of 2023 in Lippe by certificate and sex (header rows)."""
    header = [
        ["Absolvierende/Abgehende allgemeinbildender Schulen nach dem Abschluss"] * 14,
        [label for _code, label, _t, _f in LEAVERS for _ in range(2)],
        ["Insgesamt", "weiblich"] * 7,
    ]
    block = [
        "GENESIS-Tabelle: 21111-02-06-4",
        "Absolvierende/Abgehende allgemeinbildender Schulen nach",
        "Geschlecht und Abschlussarten - Schuljahr - regionale Tiefe:",
        "Kreise und krfr. Städte",
        "Statistik der allgemeinbildenden Schulen",
        "Absolvierende/Abgehende (Anzahl)",
    ]
    return write_tabellen(
        folder / "21111-02-06-4.csv",
        block,
        header,
        [leavers_row().split(";")],
        dims=3,
        stand="13.03.2025 / 16:40:08",
    )


def apprentices(folder: Path, total: str = "4500") -> Path:
    """LOCAL-AUSZUBILDENDE (template; no public Kreis table): Lippe 31.12.2024 by Ausbildungsbereich."""
    cells = {
        ("apprentices", "IH"): "3000",
        ("apprentices", "HW"): "1500",
        ("apprentices", "INSGESAMT"): total,
        ("new_contracts", "IH"): "1200",
        ("new_contracts", "HW"): "600",
        ("new_contracts", "INSGESAMT"): "1800",
    }
    return write_template(
        folder / "LOCAL-AUSZUBILDENDE.csv",
        [
            f"LOCAL-AUSZUBILDENDE;2024;05766;Lippe;{var};{area};Anzahl;{cell}"
            for (var, area), cell in cells.items()
        ],
    )


def local_kita(folder: Path) -> Path:
    rows = []
    for key, name in (("JA05766K", "Kreisjugendamt Lippe"), ("JA05766020", "Jugendamt Detmold")):
        for var, u3, o3 in (("places", "400", "1200"), ("children_in_care", "380", "1150")):
            rows += [
                f"LOCAL-KITA;2024/25;{key};{name};{var};u3;Anzahl;{u3}",
                f"LOCAL-KITA;2024/25;{key};{name};{var};3to6;Anzahl;{o3}",
            ]
    rows.append("LOCAL-KITA;2024/25;05766020;Detmold;places_planned;INSGESAMT;Anzahl;.")
    return write_template(folder / "local_kita.csv", rows)


def students_zip(folder: Path) -> Path:
    """21311-01-01-4 as the web service delivers it: a ZIP with one flat file; the totals of sex and
    nationality carry the code INSGESAMT (as in the real file). Women and Germans are breakdowns the
    core does not use."""
    total = ("INSGESAMT", "Insgesamt")
    rows = [
        ("2023-10P6M", "05766", "Lippe, Kreis", [total, total, (code, label)], cell)
        for code, label, cell in STUDENTS
    ]
    rows += [
        (
            "2023-10P6M",
            "05766",
            "Lippe, Kreis",
            [("GESW", "weiblich"), total, ("HS-FG08", "Ingenieurwissenschaften")],
            "700",
        ),
        ("2023-10P6M", "05766", "Lippe, Kreis", [("GESM", "männlich"), ("NATD", "deutsch"), total], "2300"),
        ("2023-10P6M", "05766", "Lippe, Kreis", [total, ("NATA", "ausländisch"), total], "400"),
    ]
    inner = write_flat(
        folder / "21311-01-01-4_1740000000000_de_flat.csv",
        ("21311", "Statistik der Studierenden", "SEMEST", "Semester"),
        ("KREISE", "Kreise und kreisfreie Städte"),
        [
            ("GESINS", "Geschlecht"),
            ("NAT01", "Nationalität (inkl. insgesamt)"),
            ("HS-FG2", "Fächergruppe (mit Insgesamt)"),
        ],
        ("Anzahl", "HS-W02", "Studierende (im Kreisgebiet)"),
        rows,
    )
    target = folder / "21311-01-01-4.zip"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.write(inner, inner.name)
    inner.unlink()
    return target


WRITERS = (
    population_sex,
    population_groups,
    population_gemeinden,
    pupils,
    school_leavers,
    apprentices,
    local_kita,
    students_zip,
)


def write_sources(folder: Path) -> Path:
    """The complete consistent fixture set."""
    folder.mkdir(parents=True, exist_ok=True)
    for writer in WRITERS:
        writer(folder)
    return folder
