"""Bad inputs written on the fly, each with the outcome it must have.

`PARSE_CASES`: files that `etl.parse` must reject with a ParseError whose message contains the
fragment (file, line where known, German reason). Large inputs (zip bombs, long fields) are made in
tmp_path by the test, never committed.
"""

from __future__ import annotations

import io
import struct
import zipfile
from collections.abc import Callable
from dataclasses import dataclass

from tests.parse.conftest import V5_HEADER, v5_line

BOM = b"\xef\xbb\xbf"
V4_HEADER = (
    "Statistik_Code;Statistik_Label;Zeit_Code;Zeit_Label;Zeit;1_Merkmal_Code;1_Merkmal_Label;"
    "1_Auspraegung_Code;1_Auspraegung_Label;ERW001__Arbeitslose__Anzahl"
)
TEMPLATE_HEAD = (
    "# Quelle: Test\n# Stand: 2025-03-01\ntable_code;period;ags;region;variable;classification;unit;value\n"
)
KITA_ROW = "LOCAL-KITA;2024/25;05766020;Detmold;places;u3;Anzahl;{value}"
TABELLEN_HEAD = (
    "Tabelle: 21211-01i\nAuszubildende;;;;\n;;;Auszubildende;Auszubildende\n;;;Handwerk;Insgesamt\n"
    ";;;Anzahl;Anzahl\n"
)
TABELLEN_FOOT = "__________\n© Test\nStand: 16.02.2026 / 12:15:28\n"


@dataclass(frozen=True)
class Case:
    id: str
    name: str  # file name
    data: bytes | Callable[[], bytes]
    fragment: str  # expected part of the error message

    def content(self) -> bytes:
        return self.data() if callable(self.data) else self.data


def ff5(*lines: str, bom: bool = True) -> bytes:
    return (BOM if bom else b"") + ("\n".join([V5_HEADER, *lines]) + "\n").encode("utf-8")


def v4(*lines: str) -> bytes:
    return ("\n".join([V4_HEADER, *lines]) + "\n").encode("utf-8")


def v4_line(value: str = "10200", key: str = "05766") -> str:
    return f"13211;Arbeitsmarkt;JAHR;Jahr;2024;KREISE;Kreise;{key};Lippe, Kreis;{value}"


def template(*rows: str, head: str = TEMPLATE_HEAD) -> bytes:
    return (head + "\n".join(rows) + "\n").encode("utf-8")


def tabellen(
    *rows: str, head: str = TABELLEN_HEAD, foot: str = TABELLEN_FOOT, encoding: str = "cp1252"
) -> bytes:
    return (head + "\n".join(rows) + "\n" + foot).encode(encoding)


def tab_row(time: str = "31.12.2024", key: str = "05766", a: str = "3", b: str = "6") -> str:
    return f"{time};{key};Lippe, Kreis;{a};{b}"


def zipped(members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def patched_zip(data: bytes, *, method: int | None = None, flags: int | None = None) -> bytes:
    """Rewrite compression method / flag bits in every local and central header."""
    out = bytearray(data)
    for signature, flag_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = out.find(signature)
        while at >= 0:
            if flags is not None:
                struct.pack_into("<H", out, at + flag_at, flags)
            if method is not None:
                struct.pack_into("<H", out, at + flag_at + 2, method)
            at = out.find(signature, at + 4)
    return bytes(out)


GOOD_FF5 = ff5(v5_line())

FORMAT_CASES = [
    Case("empty", "e.csv", b"", "leere Datei"),
    Case("whitespace_only", "w.csv", b"   \n\n", "leere Datei"),
    Case("binary", "b.csv", bytes(range(200, 256)) * 20, "unbekanntes Dateiformat"),
    Case("png", "p.csv", b"\x89PNG\r\n\x1a\n" + b"abc" * 10, "Steuerzeichen"),
    Case(
        "html_error_page", "h.csv", b"<!DOCTYPE html><html><body>503</body></html>", "unbekanntes Dateiformat"
    ),
    Case("xml", "x.csv", b"<?xml version='1.0'?><a/>", "unbekanntes Dateiformat"),
    Case(
        "json_status",
        "j.csv",
        b'{"Ident":{},"Status":{"Code":104,"Content":"Kein passendes Objekt"}}',
        "Status 104",
    ),
    Case("json_broken", "j2.csv", b'{"Ident": ', "JSON-Antwort"),
    Case("json_list", "j3.json", b'{"a": [1, 2]}', "Status None"),
    Case(
        "cube_file",
        "c.csv",
        b"* Der Benutzer X hat am 18.02.2026 exportiert\nK;DQ;FACH-SCHL\n",
        "Datenquader",
    ),
    Case("cube_kdq", "c2.csv", b"K;DQ;FACH-SCHL;GHH-ART\nD;47414BJ002;;N\n", "Datenquader"),
    Case("pdf", "d.csv", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "unbekanntes Dateiformat"),
    Case("only_bom", "o.csv", BOM, "leere Datei"),
    Case("semicolons_only", "s.csv", b";;;;\n;;;;\n", "unbekanntes Dateiformat"),
]

ENCODING_CASES = [
    Case("nul_in_label", "n.csv", ff5(v5_line().replace("Lippe", "Lip\x00pe")), "Zeile 2: Steuerzeichen"),
    Case("nul_first_byte", "n2.csv", b"\x00" + GOOD_FF5, "Zeile 1: Steuerzeichen"),
    Case(
        "control_soh",
        "c1.csv",
        ff5(v5_line(), v5_line().replace("Kreis", "Kr\x01eis")),
        "Zeile 3: Steuerzeichen",
    ),
    Case("control_esc", "c2.csv", ff5(v5_line().replace("Lippe", "\x1b[31mLippe")), "Steuerzeichen"),
    Case("control_del", "c3.csv", ff5(v5_line().replace("Lippe", "Lippe\x7f")), "Steuerzeichen"),
    Case("form_feed", "c4.csv", ff5(v5_line()) + b"\x0c", "Steuerzeichen"),
    Case("utf16", "u16.csv", V5_HEADER.encode("utf-16"), "Steuerzeichen"),
    Case("double_utf8_ffcsv", "d.csv", ff5(v5_line().replace("Lippe", "DÃ¼sseldorf")), "doppelt kodiert"),
    Case(
        "double_utf8_template",
        "d2.csv",
        template(KITA_ROW.format(value="1").replace("Detmold", "DÃ¼ren")),
        "doppelt kodiert",
    ),
    Case(
        "mixed_utf8_cp1252",
        "m.csv",
        b"\n".join(
            [
                V5_HEADER.encode(),
                v5_line().replace("Lippe", "D\u00fcsseldorf").encode("utf-8"),
                v5_line().replace("Lippe", "K\u00f6ln").encode("cp1252"),
            ]
        )
        + b"\n",
        "Zeile 2: gemischte Zeichenkodierung",
    ),
    Case(
        "mixed_tabellen",
        "m2.csv",
        tabellen(tab_row()).replace(b"Lippe", "L\u00fcppe".encode("utf-8")) + "\u00e4".encode("cp1252"),
        "gemischte Zeichenkodierung",
    ),
    Case("bom_with_cp1252", "b.csv", GOOD_FF5 + "12411;\u00e4\u00e4\n".encode("cp1252"), "Zeile 3"),
    Case("cr_only_ffcsv", "cr.csv", ff5(v5_line(), v5_line()).replace(b"\n", b"\r"), "Zeilenenden nur CR"),
    Case(
        "cr_only_template",
        "cr2.csv",
        template(KITA_ROW.format(value="1")).replace(b"\n", b"\r"),
        "Zeilenenden nur CR",
    ),
    Case("cr_only_tabellen", "cr3.csv", tabellen(tab_row()).replace(b"\n", b"\r"), "Zeilenenden nur CR"),
    Case(
        "cr_in_unquoted_field",
        "cr4.csv",
        ff5(v5_line().replace("Lippe", "Lip\rpe"), v5_line()),
        "Zeile 2: Zeilenumbruch (CR)",
    ),
]


def _long(cells: str) -> str:
    return cells.replace("Lippe, Kreis", "L" * 140_000)


CSV_CASES = [
    Case("long_field_ffcsv", "l.csv", lambda: ff5(_long(v5_line())), "Zeile 2: Feld länger als 131.072"),
    Case(
        "long_field_ffcsv_later",
        "l2.csv",
        lambda: ff5(v5_line(), v5_line(), _long(v5_line())),
        "Zeile 4: Zeile länger als 131.072 Bytes",
    ),
    Case(
        "long_field_template",
        "l3.csv",
        lambda: template(KITA_ROW.format(value="1").replace("Detmold", "D" * 140_000)),
        "Zeile 4: Feld länger als 131.072",
    ),
    Case(
        "long_field_tabellen",
        "l4.csv",
        lambda: tabellen(tab_row().replace("Lippe", "L" * 140_000)),
        "Zeile 6: Feld länger",
    ),
    Case(
        "long_quoted_field",
        "l5.csv",
        lambda: ff5(v5_line().replace("Lippe, Kreis", '"' + "x" * 140_000 + '"')),
        "Feld länger",
    ),
    Case("unbalanced_quote", "q.csv", ff5(v5_line().replace("Lippe", '"Lippe'), v5_line()), "Spaltenzahl"),
    Case("extra_column", "x.csv", ff5(v5_line() + ";extra"), "falsche Spaltenzahl"),
    Case("missing_column", "y.csv", ff5(v5_line().rsplit(";", 1)[0]), "falsche Spaltenzahl"),
    Case("extra_column_later", "x2.csv", ff5(v5_line(), v5_line(), v5_line() + ";1"), "Zeile 4"),
    Case("header_only", "h.csv", ff5(), "keine Datenzeilen"),
    Case(
        "header_wrong",
        "h2.csv",
        BOM + b"statistics_code;statistics_name;time\n1;2;3\n",
        "unerwartete Kopfzeile",
    ),
    Case(
        "value_columns_wrong",
        "h3.csv",
        ff5().replace(b"value_variable_label", b"value_label"),
        "unerwartete Wertspalten",
    ),
    Case(
        "v4_value_column_name",
        "v.csv",
        v4(v4_line()).replace(b"ERW001__Arbeitslose__Anzahl", b"ERW001"),
        "nicht im Format CODE__Label__Einheit",
    ),
    Case(
        "v4_no_value_columns",
        "v2.csv",
        v4().replace(b";ERW001__Arbeitslose__Anzahl", b"") + b"1;2;3;4;5\n",
        "keine Wertspalten",
    ),
    Case("tab_delimited", "t.csv", GOOD_FF5.replace(b";", b"\t"), "unerwartete Kopfzeile"),
]

FFCSV_VALUE_CASES = [
    Case("thousands_point", "a.csv", ff5(v5_line(value="1.234")), "Zeile 2: unbekanntes Zeichen"),
    Case("thousands_space", "b.csv", ff5(v5_line(value="9 120")), "unbekanntes Zeichen"),
    Case("two_commas", "c.csv", ff5(v5_line(value="1,234,567")), "unbekanntes Zeichen"),
    Case("exponent", "d.csv", ff5(v5_line(value="1e5")), "unbekanntes Zeichen"),
    Case("nan", "e.csv", ff5(v5_line(value="NaN")), "unbekanntes Zeichen"),
    Case("infinity", "f.csv", ff5(v5_line(value="inf")), "unbekanntes Zeichen"),
    Case("double_minus", "g.csv", ff5(v5_line(value="--5")), "unbekanntes Zeichen"),
    Case("plus_sign", "h.csv", ff5(v5_line(value="+5")), "unbekanntes Zeichen"),
    Case("decimal_point", "i.csv", ff5(v5_line(value="6.5")), "unbekanntes Zeichen"),
    Case("fullwidth_value", "j.csv", ff5(v5_line(value="\uff11\uff12")), "unbekanntes Zeichen"),
    Case("arabic_indic_value", "k.csv", ff5(v5_line(value="\u0661\u0662")), "unbekanntes Zeichen"),
    Case("question_mark", "l.csv", ff5(v5_line(), v5_line(value="?")), "Zeile 3: unbekanntes Zeichen"),
    Case("empty_brackets", "m.csv", ff5(v5_line(value="()")), "unbekanntes Zeichen"),
    Case(
        "fullwidth_year",
        "n.csv",
        ff5(v5_line(time="\uff12\uff10\uff12\uff14", time_code="JAHR")),
        "ungültige oder unbekannte Zeitangabe",
    ),
    Case("fullwidth_date", "o.csv", ff5(v5_line(time="\uff12\uff10\uff12\uff14-12-31")), "Zeitangabe"),
    Case(
        "arabic_year", "p.csv", ff5(v5_line(time="\u0662\u0660\u0662\u0664", time_code="JAHR")), "Zeitangabe"
    ),
    Case(
        "invalid_date",
        "q.csv",
        ff5(v5_line(time="2024-02-30")),
        "Zeile 2: ungültige oder unbekannte Zeitangabe",
    ),
    Case("school_year_gap", "r.csv", ff5(v5_line(time="2023/25", time_code="SCHJAHR")), "Zeitangabe"),
    Case("semester_wrong", "s.csv", ff5(v5_line(time="2023-07P6M", time_code="SEMEST")), "Zeitangabe"),
    Case("month_13", "t.csv", ff5(v5_line(time="2024-13", time_code="MONAT")), "Zeitangabe"),
    Case("unknown_time_code", "u.csv", ff5(v5_line(time="2024", time_code="QUARTAL")), "Zeitangabe"),
    Case(
        "region_var_moves",
        "v.csv",
        ff5(v5_line(), v5_line().replace("KREISE", "GES")),
        "Zeile 3: Regionalmerkmal",
    ),
]

TABELLEN_CASES = [
    Case("tab_no_footer", "a.csv", tabellen(tab_row(), foot=""), "Fußzeile '__________' fehlt"),
    Case("tab_no_stand", "b.csv", tabellen(tab_row(), foot="__________\n© Test\n"), "Stand: TT.MM.JJJJ"),
    Case(
        "tab_no_header",
        "c.csv",
        tabellen(tab_row(), head="Tabelle: 21211-01i\nTitel;;;;\n"),
        "keine Spaltenkopfzeilen",
    ),
    Case("tab_no_data", "d.csv", tabellen(), "keine Datenzeilen"),
    Case(
        "tab_no_title_no_header_text",
        "n.csv",
        tabellen(tab_row(), head="Tabelle: 21211-01i\n;;;Anzahl;Anzahl\n"),
        "Zeile 2: Wertspalten ohne Namen",
    ),
    Case("tab_cell_count", "e.csv", tabellen(tab_row() + ";7"), "falsche Spaltenzahl"),
    Case("tab_unknown_symbol", "f.csv", tabellen(tab_row(b="?")), "Zeile 6: Spalte 5: unbekanntes Zeichen"),
    Case("tab_thousands_point", "g.csv", tabellen(tab_row(a="1.234")), "Spalte 4: unbekanntes Zeichen"),
    Case("tab_no_time", "h.csv", tabellen(tab_row(time="gestern")), "keine Zeitspalte"),
    Case(
        "tab_fullwidth_year",
        "i.csv",
        tabellen(tab_row(time="\uff12\uff10\uff12\uff14"), encoding="utf-8"),
        "keine Zeitspalte",
    ),
    Case("tab_nul", "j.csv", tabellen(tab_row(a="3\x00")), "Zeile 6: Steuerzeichen"),
    Case(
        "tab_double_utf8",
        "k.csv",
        tabellen(tab_row().replace("Lippe", "DÃ¼ren"), encoding="utf-8"),
        "doppelt kodiert",
    ),
    Case("tab_quote_open", "l.csv", tabellen('"31.12.2024;05766;Lippe;3;6'), "Fußzeile"),
]

TEMPLATE_CASES = [
    Case(
        "tpl_header",
        "a.csv",
        template(KITA_ROW.format(value="1"), head="# Stand: 2025-03-01\ntable;period\n"),
        "Kopfzeile muss lauten",
    ),
    Case(
        "tpl_unknown_table",
        "b.csv",
        template(KITA_ROW.format(value="1").replace("LOCAL-KITA", "LOCAL-XYZ")),
        "unbekannter Tabellencode",
    ),
    Case(
        "tpl_variable",
        "c.csv",
        template(KITA_ROW.format(value="1").replace("places", "seats")),
        "nicht erlaubt",
    ),
    Case("tpl_unit", "d.csv", template(KITA_ROW.format(value="1").replace("Anzahl", "Prozent")), "Einheit"),
    Case(
        "tpl_classification",
        "e.csv",
        template(KITA_ROW.format(value="1").replace(";u3;", ";u2;")),
        "Klassifikation",
    ),
    Case(
        "tpl_region_key",
        "f.csv",
        template(KITA_ROW.format(value="1").replace("05766020", "5766020")),
        "Regionalschlüssel",
    ),
    Case(
        "tpl_fullwidth_key",
        "g.csv",
        template(KITA_ROW.format(value="1").replace("05766020", "\uff10" * 8)),
        "Regionalschlüssel",
    ),
    Case(
        "tpl_period",
        "h.csv",
        template(KITA_ROW.format(value="1").replace("2024/25", "2024-25")),
        "Zeitangabe",
    ),
    Case(
        "tpl_fullwidth_period",
        "i.csv",
        template(KITA_ROW.format(value="1").replace("2024/25", "\uff12\uff10\uff12\uff14/\uff12\uff15")),
        "Zeitangabe",
    ),
    Case(
        "tpl_duplicate",
        "j.csv",
        template(KITA_ROW.format(value="1"), KITA_ROW.format(value="2")),
        "doppelte Zeile",
    ),
    Case("tpl_empty_value", "k.csv", template(KITA_ROW.format(value="")), "leerer Wert"),
    Case(
        "tpl_second_table",
        "l.csv",
        template(
            KITA_ROW.format(value="1"), "LOCAL-OGS;2024/25;05766020;Detmold;ogs_places;INSGESAMT;Anzahl;1"
        ),
        "zweiter Tabellencode",
    ),
    Case("tpl_thousands_point", "m.csv", template(KITA_ROW.format(value="1.234")), "unbekanntes Zeichen"),
    Case("tpl_no_rows", "n.csv", template(), "keine Datenzeilen"),
    Case(
        "tpl_bad_stand",
        "o.csv",
        template(KITA_ROW.format(value="1"), head=TEMPLATE_HEAD.replace("2025-03-01", "März")),
        "ungültiges Datum",
    ),
    Case("tpl_columns", "p.csv", template(KITA_ROW.format(value="1") + ";x"), "falsche Spaltenzahl"),
]


def _many_members() -> bytes:
    return zipped({f"m{i}.csv": GOOD_FF5 for i in range(11)})


def _bomb() -> bytes:
    """40 MB of one repeated line deflate to ~40 KB (ratio ~1000): rejected before extraction."""
    return zipped({"12411-01-01-4_1_de_flat.csv": GOOD_FF5 + b"0" * 40_000_000})


ZIP_CASES = [
    Case("zip_two_members", "a.zip", zipped({"a.csv": GOOD_FF5, "b.csv": GOOD_FF5}), "genau eine Datei"),
    Case("zip_empty", "b.zip", zipped({}), "genau eine Datei"),
    Case("zip_only_dir", "c.zip", zipped({"dir/": b""}), "genau eine Datei"),
    Case("zip_truncated", "d.zip", zipped({"a.csv": GOOD_FF5 * 50})[:300], "beschädigte ZIP-Datei"),
    Case("zip_fake_pk", "e.zip", b"PK\x03\x04garbage" * 10, "beschädigte ZIP-Datei"),
    Case(
        "zip_encrypted",
        "f.zip",
        patched_zip(zipped({"a.csv": GOOD_FF5}), flags=0x1),
        "verschlüsselte ZIP-Datei",
    ),
    Case(
        "zip_deflate64",
        "g.zip",
        patched_zip(zipped({"a.csv": GOOD_FF5}, zipfile.ZIP_STORED), method=9),
        "Kompressionsverfahren 9",
    ),
    Case(
        "zip_method_99",
        "h.zip",
        patched_zip(zipped({"a.csv": GOOD_FF5}, zipfile.ZIP_STORED), method=99),
        "Kompressionsverfahren 99",
    ),
    Case("zip_traversal", "i.zip", zipped({"../../etc/x.csv": GOOD_FF5}), "unzulässiger Name"),
    Case("zip_absolute", "j.zip", zipped({"/tmp/x.csv": GOOD_FF5}), "unzulässiger Name"),
    Case("zip_backslash_traversal", "k.zip", zipped({"..\\..\\x.csv": GOOD_FF5}), "unzulässiger Name"),
    Case("zip_drive_letter", "l.zip", zipped({"C:/x.csv": GOOD_FF5}), "unzulässiger Name"),
    Case("zip_many_members", "m.zip", _many_members, "höchstens 10"),
    Case("zip_bomb_ratio", "n.zip", _bomb, "Kompressionsverhältnis"),
    Case(
        "zip_nested_zip",
        "o.zip",
        zipped({"inner.zip": zipped({"a.csv": GOOD_FF5})}),
        "ZIP-Datei in der ZIP-Datei",
    ),
    Case("zip_empty_member", "p.zip", zipped({"a.csv": b""}), "leere Datei"),
    Case(
        "zip_json_member",
        "q.zip",
        zipped({"a.csv": b'{"Status": {"Code": 98, "Content": "zu gross"}}'}),
        "Status 98",
    ),
    Case("zip_cube_member", "r.zip", zipped({"a.csv": b"K;DQ;FACH-SCHL\n"}), "Datenquader"),
    Case(
        "zip_member_nul",
        "s.zip",
        zipped({"a.csv": ff5(v5_line().replace("Lippe", "Lip\x00pe"))}),
        "s.zip:a.csv, Zeile 2: Steuerzeichen",
    ),
    Case(
        "zip_member_bad_value",
        "t.zip",
        zipped({"a.csv": ff5(v5_line(value="9.120"))}),
        "t.zip:a.csv, Zeile 2: unbekanntes Zeichen",
    ),
    Case(
        "zip_crc_error",
        "u.zip",
        zipped({"a.csv": GOOD_FF5}, zipfile.ZIP_STORED).replace(b"Lippe, Kreis", b"Lippe, Kreiz", 1),
        "beschädigte ZIP-Datei",
    ),
]

PARSE_CASES = (
    FORMAT_CASES
    + ENCODING_CASES
    + CSV_CASES
    + FFCSV_VALUE_CASES
    + TABELLEN_CASES
    + TEMPLATE_CASES
    + ZIP_CASES
)
