"""Sentences and judgements of the KPI cards: a table of cases."""

import pytest

from monitor.narrative import Facts, change_text, judgement, rounding_tolerance, sentence, trend

BASE = {"title": "Betreuung U3", "region": "Kreis Lippe", "unit": "%", "decimals": 1,
        "direction": "higher_better", "period": "2025", "prev_period": "2024", "ref_name": "NRW"}


def facts(**kw) -> Facts:
    return Facts(**{**BASE, **kw})


CASES = [
    # id, facts, expected trend, judgement, sentence fragments, forbidden fragments
    ("rise_better", facts(value=35.0, status="ok", prev_value=33.0, prev_status="ok", ref_value=32.8,
                          ref_status="ok"),
     "up", "better", ["Betreuung U3 in Kreis Lippe (2025): 35,0 % – gegenüber 2024 gestiegen (+2,0 Pp.); "
                      "über dem Wert für NRW (32,8 %)."], ["Rundung"]),
    ("rise_worse", facts(direction="lower_better", value=6.9, status="ok", prev_value=6.0, prev_status="ok"),
     "up", "worse", ["gestiegen (+0,9 Pp.)"], []),
    ("within_rounding", facts(value=33.06, status="ok", prev_value=33.0, prev_status="ok"),
     "flat", "neutral", ["kaum verändert (+0,1 Pp., innerhalb der Rundungsungenauigkeit)"], ["gestiegen"]),
    ("rounded_inputs", facts(value=10.0, status="ok", prev_value=8.0, prev_status="ok",
                             tolerance=rounding_tolerance("%", 1, 5, (60, 60))),
     "flat", "neutral", ["innerhalb der Rundungsungenauigkeit"], ["gestiegen"]),
    ("suppressed", facts(value=None, status="secret", prev_value=33.0, prev_status="ok", ref_value=32.8,
                         ref_status="ok"),
     "none", "none", ["Wert geheim", "keine Aussage möglich"], ["NRW", "gestiegen", "0,0"]),
    ("previous_suppressed", facts(value=30.0, status="ok", prev_value=None, prev_status="secret"),
     "none", "none", ["Wert für 2024 geheim, daher keine Veränderung angebbar"],
     ["gestiegen", "gesunken"]),
    ("no_previous_year", facts(value=30.0, status="ok"),
     "none", "none", ["30,0 % – kein Wert für den Vorzeitraum."], ["gestiegen"]),
    ("tie_with_nrw", facts(value=32.8, status="ok", prev_value=32.8, prev_status="ok", ref_value=32.8,
                           ref_status="ok"),
     "flat", "neutral", ["gegenüber 2024 unverändert; gleichauf mit NRW (32,8 %)."],
     ["über dem", "unter dem"]),
    ("count_percent_change", facts(title="Bevölkerung", unit="Anzahl", decimals=0, direction="neutral",
                                   value=347149, status="ok", prev_value=349781, prev_status="ok",
                                   ref_value=18e6, ref_status="ok"),
     "down", "no_direction", ["347.149", "gesunken (−0,8 %)"], ["NRW"]),
    ("rate_per_100_change_in_unit", facts(title="ANR", unit="je 100", direction="higher_better", value=98.5,
                                          status="ok", prev_value=98.7, prev_status="ok", ref_value=98.7,
                                          ref_status="ok"),
     "down", "worse", ["98,5 je 100", "gesunken (−0,2 je 100)", "unter dem Wert für NRW (98,7 je 100)"],
     ["%"]),
    ("provisional_flag", facts(value=35.0, status="provisional", prev_value=33.0, prev_status="ok"),
     "up", "better", ["35,0p %"], []),
]


@pytest.mark.parametrize(("case", "f", "exp_trend", "exp_judgement", "must", "must_not"), CASES,
                         ids=[c[0] for c in CASES])
def test_narrative_cases(case, f, exp_trend, exp_judgement, must, must_not):
    text = sentence(f)
    assert trend(f) == exp_trend
    assert judgement(f) == exp_judgement
    for fragment in must:
        assert fragment in text, (case, text)
    for fragment in must_not:
        assert fragment not in text, (case, text)


def test_rounding_tolerance_grows_for_small_denominators():
    assert rounding_tolerance("%", 1, None, (60,)) == pytest.approx(0.1)
    assert rounding_tolerance("%", 1, 5, (60, 60)) == pytest.approx(100 * 2.5 / 60 * 2)
    assert rounding_tolerance("%", 1, 5, (60_000,)) == pytest.approx(0.1)  # large counts: display rounding
    assert rounding_tolerance("je 1.000 EW", 0, 10, (1000,)) == pytest.approx(5.0)
    assert rounding_tolerance("Anzahl", 0, 5) == 5.0


def test_change_text_for_counts_is_relative():
    f = facts(unit="Anzahl", decimals=0, value=110, status="ok", prev_value=100, prev_status="ok")
    assert change_text(f) == "+10,0 %"
