"""ZIP limits: configurable, checked before extraction and enforced while streaming."""

from __future__ import annotations

import struct
import zipfile

import pytest

from etl.parse import ParseError, parse_file_arrow
from etl.parse.source import CHUNK, ZipLimits, _extract
from tests.hostile.cases import GOOD_FF5, zipped
from tests.hostile.conftest import record


def test_defaults_and_environment(monkeypatch):
    assert ZipLimits.from_env() == ZipLimits(members=10, total_bytes=1 << 30, member_bytes=1 << 30, ratio=200)
    monkeypatch.setenv("ETL_ZIP_MAX_BYTES", "5000")
    monkeypatch.setenv("ETL_ZIP_MAX_RATIO", "50")
    assert ZipLimits.from_env() == ZipLimits(total_bytes=5000, ratio=50)


def test_unzipped_size_above_the_configured_limit_is_rejected_before_extraction(monkeypatch, tmp_path):
    path = tmp_path / "a.zip"
    path.write_bytes(zipped({"12411-01-01-4_1_de_flat.csv": GOOD_FF5 * 40}, zipfile.ZIP_STORED))
    monkeypatch.setenv("ETL_ZIP_MAX_BYTES", "2000")
    expected = r"a.zip: ZIP entpackt \d+ Bytes; höchstens 2000 Bytes erlaubt \(ETL_ZIP_MAX_BYTES\)"
    with pytest.raises(ParseError, match=expected):
        parse_file_arrow(path)
    record("zip_env_total_limit", "clear_error")


def test_invalid_limit_setting_is_named(monkeypatch, tmp_path):
    path = tmp_path / "a.zip"
    path.write_bytes(zipped({"a.csv": GOOD_FF5}))
    monkeypatch.setenv("ETL_ZIP_MAX_RATIO", "viel")
    with pytest.raises(ParseError, match="ETL_ZIP_MAX_RATIO='viel': positive ganze Zahl erwartet"):
        parse_file_arrow(path)
    record("zip_env_invalid", "clear_error")


def test_streaming_stops_at_the_real_size_whatever_the_header_says(tmp_path):
    """_extract counts the bytes it writes: a header understating the size cannot get past the limit."""
    source = tmp_path / "s.zip"
    source.write_bytes(zipped({"a.csv": b"0" * (3 * CHUNK)}))
    target = tmp_path / "out.csv"
    limits = ZipLimits(member_bytes=CHUNK + 1, ratio=10**9)
    with zipfile.ZipFile(source) as archive, pytest.raises(ParseError, match="je Datei erlaubt"):
        _extract(archive, archive.infolist()[0], target, "s.zip:a.csv", limits)
    assert target.stat().st_size <= CHUNK  # stopped at the first chunk beyond the limit
    record("zip_stream_limit", "clear_error")


def test_header_with_a_false_small_size_is_a_broken_zip(tmp_path):
    data = bytearray(zipped({"a.csv": GOOD_FF5 + b"0" * 100_000}))
    for signature, at in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):  # uncompressed size fields
        struct.pack_into("<I", data, data.find(signature) + at, 100)
    path = tmp_path / "lie.zip"
    path.write_bytes(bytes(data))
    with pytest.raises(ParseError, match="lie.zip:a.csv: beschädigte ZIP-Datei|Kompressionsverhältnis"):
        parse_file_arrow(path)
    record("zip_size_lies", "clear_error")
