"""Kind detection from the first bytes, encodings, and files that are not data."""

import json

import pytest

from etl.parse import ParseError, parse_file

from .conftest import V5_HEADER, v5_line


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "leere Datei"),
        (b"Hallo;Welt\n1;2\n", "unbekanntes Dateiformat"),
        (b"* Der Benutzer X hat am 18.02.2026 diesen Export angestossen.\nK;DQ;FACH-SCHL\n", "Datenquader"),
        (b"K;DQ;FACH-SCHL;GHH-ART\nD;47414BJ002;;N\n", "nicht unterstützt"),
    ],
)
def test_not_data(write, content, reason):
    with pytest.raises(ParseError, match=reason) as info:
        parse_file(write("x.csv", content))
    assert str(info.value).startswith("x.csv")


def test_web_service_status_json(write):
    body = {
        "Ident": {"Service": "data", "Method": "tablefile"},
        "Status": {"Code": 98, "Content": "Die Tabelle ist zu gross", "Type": "Fehler"},
    }
    with pytest.raises(ParseError, match="Status 98 – Die Tabelle ist zu gross"):
        parse_file(write("antwort.json", json.dumps(body)))


def test_missing_file(tmp_path):
    with pytest.raises(ParseError, match="nicht gefunden"):
        parse_file(tmp_path / "fehlt.csv")


@pytest.mark.parametrize(
    ("encoding", "expected"), [("utf-8-sig", "utf-8-sig"), ("utf-8", "utf-8"), ("cp1252", "cp1252")]
)
def test_encoding_rule(write, encoding, expected):
    text = f"{V5_HEADER}\n{v5_line()}\n".replace("Lippe, Kreis", "Lügde €")
    parsed = parse_file(write("e.csv", text, encoding))
    assert parsed.meta["encoding"] == expected and parsed.table.region[0] == "Lügde €"


def test_bom_file_with_broken_bytes_names_the_line(write):
    text = f"{V5_HEADER}\n{v5_line()}\n".encode("utf-8-sig") + b"12411;\xe4\xe4\n"
    with pytest.raises(ParseError) as info:
        parse_file(write("b.csv", text))
    assert info.value.line == 3


@pytest.mark.parametrize("chunk", [4096, 1, 2, 7])  # also a UTF-8 sequence split between two chunks
def test_mixed_encoding_names_line_and_text(write, monkeypatch, chunk):
    from etl.parse import source

    monkeypatch.setattr(source, "CHUNK", chunk)
    lines = [V5_HEADER.encode(), v5_line().encode("cp1252"),
             v5_line().replace("Lippe", "K\u00f6ln").encode("cp1252"),
             v5_line().replace("Lippe", "D\u00fcsseldorf").encode("utf-8")]
    with pytest.raises(ParseError, match="gemischte Zeichenkodierung") as info:
        parse_file(write("m.csv", b"\n".join(lines) + b"\n"))
    assert info.value.line == 4
    assert "DÃ¼sseldorf" in str(info.value)  # the line as read in cp1252


def test_sha256_is_of_the_delivered_bytes(write):
    import hashlib

    content = f"{V5_HEADER}\n{v5_line()}\n".encode("utf-8-sig")
    assert parse_file(write("h.csv", content)).meta["sha256"] == hashlib.sha256(content).hexdigest()


@pytest.mark.parametrize("chunk", [4096, 1, 2, 3, 5])  # the four bytes of 'Ã¼' split between two chunks
def test_double_encoded_text_is_found_across_chunks(write, monkeypatch, chunk):
    from etl.parse import source

    monkeypatch.setattr(source, "CHUNK", chunk)
    text = f"{V5_HEADER}\n{v5_line()}\n{v5_line().replace('Lippe', 'DÃ¼sseldorf')}\n"
    with pytest.raises(ParseError, match="doppelt kodierter Text") as info:
        parse_file(write("d.csv", text))
    assert info.value.line == 3
