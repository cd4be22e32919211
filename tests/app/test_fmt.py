"""German number formatting and official symbols."""

import math

import pytest

from monitor import fmt


@pytest.mark.parametrize(("value", "decimals", "expected"), [
    (1234567.891, 1, "1.234.567,9"), (0.5, 0, "0"), (1.25, 2, "1,25"), (-3.14, 1, "−3,1"), (-0.04, 1, "0,0"),
    (None, 1, "–"), (math.nan, 0, "–"), (12, 0, "12"),
])
def test_fmt_number(value, decimals, expected):
    assert fmt.fmt_number(value, decimals) == expected


@pytest.mark.parametrize(("value", "status", "unit", "expected"), [
    (None, "secret", "%", "."), (None, "unreliable", "%", "/"), (None, "later", None, "..."),
    (None, "not_applicable", None, "x"), (None, "missing", None, "–"), (math.nan, "ok", None, "–"),
    (12.345, "ok", "%", "12,3 %"), (12.345, "provisional", "%", "12,3p %"),
    (5.0, "limited", "Anzahl", "(5,0)"),
    (0.0, "zero", "Anzahl", "0,0"), (7.0, "revised", "je 1.000 EW", "7,0r je 1.000 EW"),
])
def test_fmt_value_shows_symbol_for_null_and_flags(value, status, unit, expected):
    assert fmt.fmt_value(value, status, 1, unit) == expected


def test_null_value_is_never_zero():
    assert fmt.fmt_value(None, "secret", 0, "Anzahl") != "0"


@pytest.mark.parametrize(("delta", "unit", "expected"), [
    (1.234, "Pp.", "+1,2 Pp."), (-0.8, "%", "−0,8 %"), (0.01, "Pp.", "±0,0 Pp."), (None, "%", "–"),
])
def test_fmt_change(delta, unit, expected):
    assert fmt.fmt_change(delta, unit, 1) == expected


@pytest.mark.parametrize(("period", "expected"), [
    ("2024-12-31", "31.12.2024"), ("2024-05", "Mai 2024"), ("2023/24", "2023/24"), ("2024", "2024"),
    ("WS 2023/24", "WS 2023/24"), (None, "–"),
])
def test_fmt_period(period, expected):
    assert fmt.fmt_period(period) == expected


def test_fmt_date_time():
    assert fmt.fmt_date_time("2026-01-19T13:58:12") == "19.01.2026, 13:58 Uhr"
    assert fmt.fmt_date_time("2026-01-19") == "19.01.2026"
    assert fmt.fmt_date_time(None) == "–"
