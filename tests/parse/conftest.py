"""Helpers for the parser tests: fixture paths and small files written on the fly."""

from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SAMPLES = Path(__file__).resolve().parents[2] / ".." / "shared" / "samples"

V5_HEADER = (
    "statistics_code;statistics_label;time_code;time_label;time;"
    "1_variable_code;1_variable_label;1_variable_attribute_code;1_variable_attribute_label;"
    "value;value_unit;value_variable_code;value_variable_label"
)


def v5_line(time: str = "2024-12-31", value: str = "1", key: str = "05766", time_code: str = "STAG") -> str:
    return (
        f"12411;Bevölkerung;{time_code};Stichtag;{time};KREISE;Kreise;{key};Lippe, Kreis;"
        f"{value};Anzahl;BEVSTD;Bevölkerungsstand"
    )


@pytest.fixture
def write(tmp_path):
    """Write text (or bytes) to tmp_path/name and return the path."""

    def _write(name: str, content: str | bytes, encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_bytes(content.encode(encoding))
        return path

    return _write


@pytest.fixture(scope="session")
def samples() -> Path:
    if not SAMPLES.is_dir():
        pytest.skip("../shared/samples is not present")
    return SAMPLES
