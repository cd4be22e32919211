"""German number formatting and official symbols."""

import math

import pytest

from monitor import fmt


@pytest.mark.parametrize(("value", "decimals", "expected"), [
    (1234567.891, 1, "1.234.567,9"), (0.5, 0, "1"), (1.25, 2, "1,25"), (-3.14, 1, "−3,1"), (-0.04, 1, "0,0"),
    (None, 1, "–"), (math.nan, 0, "–"), (12, 0, "12"),
    # a tie rounds away from zero (DIN 1333, as the official tables), not to the even neighbour
    (5.25, 1, "5,3"), (2.5, 0, "3"), (-2.5, 0, "−3"), (-0.05, 1, "−0,1"), (57 / 200, 2, "0,29"),
    (2.675, 2, "2,68"), (99.95, 1, "100,0"), (12.34999, 1, "12,3"), (1e15 + 0.5, 0, "1.000.000.000.000.001"),
])
def test_fmt_number(value, decimals, expected):
    assert fmt.fmt_number(value, decimals) == expected


def test_round_half_up_on_series_keeps_index_and_nan():
    import pandas as pd

    series = pd.Series([5.25, None, -0.05, 0.285, 1e15], index=[3, 4, 5, 6, 7], name="Wert")
    rounded = fmt.round_half_up(series, 1)
    assert rounded.index.tolist() == [3, 4, 5, 6, 7] and rounded.name == "Wert"
    assert rounded.iloc[[0, 2, 3, 4]].tolist() == [5.3, -0.1, 0.3, 1e15] and math.isnan(rounded.iloc[1])
    assert series.round(1).iloc[0] == 5.2  # what pandas gives: the even neighbour
    assert fmt.round_half_up(0.125, 2) == 0.13 and fmt.round_half_up(0.0, 0) == 0.0


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


# --- period labels ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("stichtag", "kind"), [
    ("31.12.", "stichtag"), ("01.03. (Kinder), 31.12. des Vorjahres (Bevölkerung)", "kita"),
    ("Kita-Jahr (Plätze), 31.12. des Vorjahres (Bevölkerung)", "kita"), ("01.03.", "kita"),
    ("Schuljahr (Stichtag Oktober)", "schuljahr"), ("Schuljahr", "schuljahr"),
    ("30.09. (Ende des Berichtsjahres)", "berichtsjahr"),
    ("Berichtsjahr Oktober bis September (Bilanz 30.09.)", "berichtsjahr"),
    ("Ende des Schuljahres (Sommer)", "stichtag"), ("Jahresdurchschnitt", "stichtag"), ("", "stichtag"),
])
def test_period_kind_from_the_catalogue_stichtag(stichtag, kind):
    assert fmt.period_kind(stichtag) == kind


def test_one_label_per_period_type():
    assert fmt.school_year_label(2024) == "2024/25" and fmt.school_year_label(2099) == "2099/00"
    assert fmt.kita_year_label(2025) == "2024/25"  # Stichtag 1 March 2025 lies in Kita-Jahr 2024/25
    assert fmt.berichtsjahr_label(2025) == "2024/25"  # October 2024 to 30 September 2025
    assert fmt.stichtag_label("2024-12-31") == "31.12.2024"


def test_kita_values_of_kreis_and_gemeinde_get_the_same_kind_of_label():
    # the Kreis row of the Kita statistics (Stichtag 1 March 2025) and the local Gemeinde row (2025/26)
    stichtag = "01.03. (Kinder), 31.12. des Vorjahres (Bevölkerung)"
    assert fmt.indicator_period(stichtag, "2025-03-01", 2025) == "Kita-Jahr 2024/25"
    assert fmt.indicator_period(stichtag, "2025/26", 2026) == "Kita-Jahr 2025/26"
    assert fmt.indicator_period("31.12.", "2024-12-31", 2024) == "31.12.2024"
    assert fmt.indicator_period("Schuljahr (Stichtag Oktober)", "2024/25", 2024) == "Schuljahr 2024/25"
    assert fmt.indicator_period("30.09. (Ende des Berichtsjahres)", "2023/24", 2024) == "Berichtsjahr 2023/24"


def test_selector_options_show_the_label_of_the_texts():
    options = fmt.year_options("berichtsjahr", [2022, 2024, 2023, 2024])
    assert list(options.items()) == [("2024", "2023/24"), ("2023", "2022/23"), ("2022", "2021/22")]
    assert options.get("2024") == "2023/24" and options.get("2023/24") == "2023/24"  # unknown: itself
    assert fmt.year_options("stichtag", [2024]) == {"2024": "2024"}
    assert fmt.selector_label("kita") == "Kita-Jahr" and fmt.selector_label("stichtag") == "Jahr"
    assert fmt.period_text("schuljahr", 2029) == "Schuljahr 2029/30"


def test_missing_marker_is_symbol_and_word():
    assert fmt.missing_marker("missing") == "– fehlt"
    assert fmt.missing_marker("secret") == ". geheim"
    assert fmt.missing_marker("not_applicable") == "x nicht sinnvoll"
    assert fmt.missing_marker(None) == "– fehlt"
