"""Bad numbers in readable files: each must give an error finding of its rule (never a silent number)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb

from tests.build.fixtures import (
    append,
    leavers_row,
    population_sex,
    school_leavers,
    write_flat,
    write_template,
)


@dataclass(frozen=True)
class FindingCase:
    id: str
    write: Callable[[Path], Path]
    rule: str  # expected error finding (or warning for `table_code`)
    #: alternative outcome that is not a wrong accept: the bad number never reached core
    harmless: Callable[[duckdb.DuckDBPyConnection], bool] | None = None


def _kita(
    folder: Path,
    children_u3: str = "380",
    places: tuple[str, str] = ("400", "1200"),
    total: str | None = None,
    extra: list[str] | None = None,
) -> Path:
    rows = []
    for key, name in (("JA05766K", "Kreisjugendamt Lippe"), ("JA05766020", "Jugendamt Detmold")):
        rows += [
            f"LOCAL-KITA;2024/25;{key};{name};places;u3;Anzahl;{places[0]}",
            f"LOCAL-KITA;2024/25;{key};{name};places;3to6;Anzahl;{places[1]}",
            f"LOCAL-KITA;2024/25;{key};{name};children_in_care;3to6;Anzahl;1150",
        ]
    rows.append(f"LOCAL-KITA;2024/25;JA05766020;Jugendamt Detmold;children_in_care;u3;Anzahl;{children_u3}")
    rows.append("LOCAL-KITA;2024/25;JA05766K;Kreisjugendamt Lippe;children_in_care;u3;Anzahl;370")
    if total is not None:
        rows.append(f"LOCAL-KITA;2024/25;JA05766K;Kreisjugendamt Lippe;places;INSGESAMT;Anzahl;{total}")
    return write_template(folder / "local_kita.csv", rows + (extra or []))


def _leavers(folder: Path, time: str | None = None) -> Path:
    """21111-02-06-4 (Tabellen-CSV) with Lippe's line once more, for another year if `time` is given."""
    path = school_leavers(folder)
    append(path, leavers_row(time or "2023"))
    return path


def _unemployment(folder: Path, rate: str = "5,5", u25: str = "1100") -> Path:
    """13211-02-05-4 flat file: counts by ERWAQ7, rates by ERWAQ8 (the other one at its total)."""
    total, rate_value = (
        ("", "Insgesamt"),
        ("Prozent", "ERWP10", "Arbeitslosenquote bez. auf alle zivile Erwerbsp."),
    )
    rows = [
        ("2024", "05766", "Lippe, Kreis", [total, total], "10200"),
        ("2024", "05766", "Lippe, Kreis", [("ARBEITSLOS13", "15 bis unter 25 Jahre"), total], u25),
        ("2024", "05766", "Lippe, Kreis", [total, total], rate, rate_value),
    ]
    return write_flat(
        folder / "13211-02-05-4_1740000000000_de_flat.csv",
        ("13211", "Arbeitsmarktstatistik der Bundesagentur für Arbeit", "JAHR", "Jahr"),
        ("KREISE", "Kreise und kreisfreie Städte"),
        [("ERWAQ7", "Personengruppen (Arbeitslose)"), ("ERWAQ8", "Personengruppen (Quoten)")],
        ("Anzahl", "ERWP06", "Arbeitslose"),
        rows,
    )


def _kita_places_extra(folder: Path) -> Path:
    """22541-01-04-4 flat file with a breakdown of places the core does not use (KINTE4): three rows."""
    attrs = {"": "Insgesamt", "ALT000B03": "unter 3 Jahre", "ALTGRKINDER": "Kinder aller Altersgruppen"}
    rows = [
        ("2025-03-01", "05766", "Lippe, Kreis", [(code, attrs[code])], value)
        for code, value in (("", "9000"), ("ALT000B03", "2500"), ("ALTGRKINDER", "9000"))
    ]
    return write_flat(
        folder / "22541-01-04-4_1740000000000_de_flat.csv",
        ("22541", "Statistik der Tageseinrichtungen für Kinder", "STAG", "Stichtag"),
        ("KREISE", "Kreise und kreisfreie Städte"),
        [("KINTE4", "Einrichtungen nach Alter der Kinder")],
        ("Anzahl", "PLZ005", "Genehmigte Plätze"),
        rows,
    )


def _leavers_without_region(folder: Path) -> Path:
    """21111-02-06-4 flat file without a region variable (a Germany-only download)."""
    lines = [
        "statistics_code;statistics_label;time_code;time_label;time;1_variable_code;1_variable_label;"
        "1_variable_attribute_code;1_variable_attribute_label;value;value_unit;value_variable_code;"
        "value_variable_label"
    ]
    for code, label, value in (
        ("", "Insgesamt", "900"),
        ("BILABS15", "mit allgemeiner Hochschulreife", "300"),
    ):
        lines.append(
            f"21111;Statistik der allgemeinbildenden Schulen;JAHR;Jahr;2023;BILAG2;Schulabschluss;"
            f"{code};{label};{value};Anzahl;BILABS;Absolvierende/Abgehende"
        )
    path = folder / "21111-02-06-4_1740000000000_de_flat.csv"
    path.write_bytes(("\n".join(lines) + "\n").encode("utf-8-sig"))
    return path


def _places_single_total(con: duckdb.DuckDBPyConnection) -> bool:
    rows = con.execute(
        "SELECT value FROM core.kita WHERE ags = '05766' AND measure = 'places' AND age_band = 'total'"
    ).fetchall()
    return rows == [(9000.0,)]


def _no_rate_above(limit: float, negative: bool = False) -> Callable[[duckdb.DuckDBPyConnection], bool]:
    def check(con: duckdb.DuckDBPyConnection) -> bool:
        cond = "value < 0" if negative else f"value > {limit}"
        return con.execute(f"SELECT count(*) FROM core.unemployment WHERE {cond}").fetchone()[0] == 0

    return check


FINDING_CASES = [
    FindingCase("thousands_comma_template", lambda d: _kita(d, children_u3="9,120"), "fractional_count"),
    FindingCase(
        "thousands_comma_ffcsv", lambda d: population_sex(d, lippe_total="9,120"), "fractional_count"
    ),
    FindingCase("negative_count_template", lambda d: _kita(d, children_u3="-5"), "negative_count"),
    FindingCase("negative_count_ffcsv", lambda d: population_sex(d, lippe_total="-1000"), "negative_count"),
    FindingCase("duplicate_raw_line", _leavers, "duplicate_key"),
    FindingCase("period_1945", lambda d: _leavers(d, time="1945"), "period_range"),
    FindingCase("period_1900", lambda d: _leavers(d, time="1900"), "period_range"),
    FindingCase("period_2100", lambda d: _leavers(d, time="2100"), "period_range"),
    FindingCase(
        "kita_parts_above_total",
        lambda d: _kita(d, places=("900", "1200"), total="1000"),
        "parts_exceed_total",
    ),
    FindingCase(
        "negative_rate",
        lambda d: _unemployment(d, rate="-3,2"),
        "value_range",
        _no_rate_above(0, negative=True),
    ),
    FindingCase(
        "rate_above_100", lambda d: _unemployment(d, rate="120,5"), "value_range", _no_rate_above(100)
    ),
    FindingCase("u25_above_total", lambda d: _unemployment(d, u25="20000"), "parts_exceed_total"),
    FindingCase("kita_extra_classification", _kita_places_extra, "duplicate_core_key", _places_single_total),
    FindingCase("empty_region_key", _leavers_without_region, "missing_key"),
    FindingCase(
        "fullwidth_region_key",
        lambda d: population_sex(d, key="\uff10\uff15\uff17\uff16\uff16"),
        "unknown_region",
    ),
    FindingCase("statistic_code_only", lambda d: population_sex(d, name="bevoelkerung.csv"), "table_code"),
]
