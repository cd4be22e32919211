"""Narrative sentences: a table of cases on hand-made facts (no warehouse)."""

import pytest

from monitor.narrative import Facts, Point, Rank, rounding_tolerance
from monitor.paragraphs import (
    comparison_sentence,
    level_sentence,
    long_trend,
    paragraph,
    rank_cell,
    rank_of,
    rank_sentence,
    sentences,
    trend_sentence,
    verdict,
)

BASE = {"title": "Betreuungsquote U3", "region": "Kreis Lippe", "unit": "%", "decimals": 1,
        "direction": "higher_better", "period": "2025", "prev_period": "2024", "ref_name": "NRW"}


def facts(**kw) -> Facts:
    return Facts(**{**BASE, **kw})


def history(*values, start=2020, status="ok") -> tuple[Point, ...]:
    return tuple(Point(str(start + i), start + i, v, status if v is not None else "secret")
                 for i, v in enumerate(values))


SCHOOL = {"title": "Übergang Gymnasium", "direction": "neutral"}

CASES = [
    # id, facts, fragments that must appear in the paragraph, fragments that must not
    ("suppressed", facts(value=None, status="secret", prev_value=30.0, prev_status="ok", ref_value=32.0,
                         ref_status="ok", history=history(28.0, 29.0, 30.0), rank=Rank(1, 16, "Gemeinden")),
     ["Wert geheim – keine Aussage möglich."], ["0,0", "NRW", "Rang", "besser", "gestiegen"]),
    ("rounded_within_noise",  # 12/60 → 14/60 pupils, both rounded to multiples of 5
     facts(**SCHOOL, value=23.3, status="ok", prev_value=20.0, prev_status="ok",
           tolerance=rounding_tolerance("%", 1, 5, (60, 60), (14, 12))),
     ["kaum verändert (+3,3 Pp., innerhalb der Rundungsungenauigkeit)"], ["gestiegen", "besser"]),
    ("rounded_large_denominator_is_real",
     facts(**SCHOOL, value=23.3, status="ok", prev_value=20.0, prev_status="ok",
           tolerance=rounding_tolerance("%", 1, 5, (6000, 6000), (1400, 1200))),
     ["gestiegen (+3,3 Pp.)."], ["Rundungsungenauigkeit", "besser"]),
    ("missing_previous_year", facts(value=30.0, status="ok"),
     ["30,0 % – kein Wert für den Vorzeitraum."], ["gestiegen", "gesunken"]),
    ("previous_suppressed", facts(value=30.0, status="ok", prev_value=None, prev_status="later"),
     ["Wert für 2024 fällt später an, daher keine Veränderung angebbar"], ["gestiegen"]),
    ("tie_with_nrw_and_peers", facts(value=32.8, status="ok", ref_value=32.8, ref_status="ok",
                                      peer_value=32.8, peer_status="ok"),
     ["gleichauf mit dem Wert für NRW (32,8 %); gleichauf mit dem Median der Kreise ähnlicher Struktur"],
     ["höher", "niedriger", "besser", "schlechter"]),
    ("neutral_direction", facts(**SCHOOL, value=40.0, status="ok", prev_value=35.0, prev_status="ok",
                                ref_value=38.0, ref_status="ok"),
     ["gestiegen (+5,0 Pp.).", "höher als der Wert für NRW (38,0 %)."], ["besser", "schlechter"]),
    ("lower_is_better", facts(title="Ohne Abschluss", direction="lower_better", value=5.0, status="ok",
                              prev_value=6.0, prev_status="ok", ref_value=6.5, ref_status="ok",
                              peer_value=4.0, peer_status="ok"),
     ["gesunken (−1,0 Pp.) – besser.", "niedriger als der Wert für NRW (6,5 %) – besser",
      "höher als der Median der Kreise ähnlicher Struktur (4,0 %) – schlechter"], []),
    ("peers_without_value", facts(value=30.0, status="ok", peer_value=None, peer_status="missing"),
     ["für den Median der Kreise ähnlicher Struktur liegt kein Wert vor."], ["(0,0", " 0,0"]),
    ("count_no_comparison", facts(title="Bevölkerung", unit="Anzahl", decimals=0, direction="neutral",
                                  value=346580, status="ok", prev_value=347149, prev_status="ok",
                                  ref_value=18e6, ref_status="ok", rank=Rank(1, 53, "Kreisen")),
     ["346.580 – gegenüber 2024 gesunken (−0,2 %)."], ["NRW", "Rang", "besser"]),
]


@pytest.mark.parametrize(("case", "f", "must", "must_not"), CASES, ids=[c[0] for c in CASES])
def test_paragraph_cases(case, f, must, must_not):
    text = paragraph(f)
    for fragment in must:
        assert fragment in text, (case, text)
    for fragment in must_not:
        assert fragment not in text, (case, text)


def test_no_causal_words_in_any_case():
    for _, f, _, _ in CASES:
        text = paragraph(f).lower()
        assert not any(w in text for w in ("weil", "wegen", "aufgrund", "führt", "verursacht")), text


TRENDS = [
    # id, values 2020..2025, expected trend, fragment
    ("rising_steady", (28.0, 29.0, 30.5, 31.0, 33.0, 34.1), "up",
     "Von 2020 bis 2025 durchgehend gestiegen (28,0 % → 34,1 %, +6,1 Pp.) – besser."),
    ("falling_with_swings", (34.0, 35.0, 31.0, 32.0, 30.0, 29.5), "down",
     "Von 2020 bis 2025 mit Schwankungen gesunken (34,0 % → 29,5 %, −4,5 Pp.) – schlechter."),
    ("flat", (30.0, 31.0, 29.0, 30.0, 30.5, 30.05), "flat",
     "Von 2020 bis 2025 etwa gleich geblieben (30,0 % → 30,1 %, innerhalb der Rundungsungenauigkeit)."),
    ("gap_named", (28.0, None, 30.0, 31.0, 32.0, 33.0), "up", "Ohne Wert: 2021."),
    ("too_short", (None, None, None, None, 32.0, 33.0), "none", "zu wenige Werte"),
]


@pytest.mark.parametrize(("case", "values", "expected", "fragment"), TRENDS, ids=[t[0] for t in TRENDS])
def test_five_year_trend(case, values, expected, fragment):
    f = facts(value=values[-1], status="ok", history=history(*values))
    assert long_trend(f) == expected
    assert fragment in trend_sentence(f), trend_sentence(f)


def test_trend_within_rounding_noise_of_rounded_inputs_is_flat():
    noise = rounding_tolerance("%", 1, 5, (60, 60), (12, 14))
    f = facts(value=23.3, status="ok", history=history(20.0, 21.0, 22.0, 23.3), trend_tolerance=noise)
    assert long_trend(f) == "flat"


GEMEINDEN = {"Detmold": (40.0, "ok"), "Lemgo": (35.0, "ok"), "Lage": (35.04, "ok"), "Blomberg": (20.0, "ok"),
             "Schieder-Schwalenberg": (None, "secret")}


@pytest.mark.parametrize(("own", "direction", "expected"), [
    ("Detmold", "higher_better",
     "Rang 1 von 4 Gemeinden im Kreis Lippe (höher ist besser) – bester Wert; 1 ohne Wert."),
    ("Blomberg", "higher_better",
     "Rang 4 von 4 Gemeinden im Kreis Lippe (höher ist besser) – schlechtester Wert; 1 ohne Wert."),
    ("Blomberg", "lower_better",
     "Rang 1 von 4 Gemeinden im Kreis Lippe (niedriger ist besser) – bester Wert; 1 ohne Wert."),
    ("Lemgo", "higher_better",
     "Rang 2 von 4 Gemeinden im Kreis Lippe (höher ist besser), gleichauf mit Lage; 1 ohne Wert."),
    ("Detmold", "neutral",
     "Rang 1 von 4 Gemeinden im Kreis Lippe (nach Höhe, ohne Wertung) – höchster Wert; 1 ohne Wert."),
])
def test_rank_first_last_tie(own, direction, expected):
    rank = rank_of(GEMEINDEN, own, direction, 1, "Gemeinden im Kreis Lippe")
    f = facts(value=GEMEINDEN[own][0], status="ok", direction=direction, rank=rank)
    assert rank_sentence(f) == expected


def test_rank_tied_for_last_place():
    rank = rank_of({"A": (3.0, "ok"), "B": (1.0, "ok"), "C": (1.0, "ok")}, "B", "higher_better", 0, "Kreisen")
    assert (rank.position, rank.tied_with) == (2, ("C",))
    text = rank_sentence(facts(value=1.0, status="ok", rank=rank))
    assert "gleichauf mit C – gemeinsam schlechtester Wert" in text


def test_rank_all_regions_on_the_same_value_names_none_of_them():
    values = {f"Kreis {i}": (37.8, "ok") for i in range(53)} | {"Kreis X": (None, "secret")}
    rank = rank_of(values, "Kreis 7", "neutral", 1, "Kreisen und kreisfreien Städten in NRW")
    text = rank_sentence(facts(value=37.8, status="ok", direction="neutral", rank=rank))
    assert text == ("Alle 53 gleichauf: derselbe gerundete Wert bei allen Kreisen und kreisfreien Städten "
                    "in NRW; 1 ohne Wert.")


@pytest.mark.parametrize(("tied", "fragment"), [
    (3, "Rang 2 von 6 Kreisen (höher ist besser), gleichauf mit C, D und E."),
    (4, "Rang 2 von 7 Kreisen (höher ist besser), gleichauf mit 4 weiteren."),
    (12, "Rang 2 von 15 Kreisen (höher ist besser), gleichauf mit 12 weiteren."),
])
def test_rank_with_many_ties_counts_them(tied, fragment):
    names = "BCDEFGHIJKLMNOP"[:tied + 1]
    values = {"A": (50.0, "ok"), **{n: (40.0, "ok") for n in names}, "Z": (10.0, "ok")}
    rank = rank_of(values, "B", "higher_better", 1, "Kreisen")
    text = rank_sentence(facts(value=40.0, status="ok", rank=rank))
    assert text == fragment
    assert "F" not in text and "Z" not in text


def test_rank_many_tied_for_first_place():
    values = {n: (40.0, "ok") for n in "ABCDEF"} | {"Z": (10.0, "ok")}
    rank = rank_of(values, "A", "lower_better", 1, "Kreisen")
    assert rank_sentence(facts(value=40.0, status="ok", direction="lower_better", rank=rank)) == \
        "Rang 2 von 7 Kreisen (niedriger ist besser), gleichauf mit 5 weiteren – gemeinsam schlechtester " \
        "Wert."


def test_rank_of_suppressed_region_is_none():
    assert rank_of(GEMEINDEN, "Schieder-Schwalenberg", "higher_better", 1, "Gemeinden") is None


def test_verdict_only_for_directed_indicators():
    assert verdict(True, "higher_better") == "besser"
    assert verdict(True, "lower_better") == "schlechter"
    assert verdict(False, "lower_better") == "besser"
    assert verdict(True, "neutral") == ""


def test_level_sentence_and_comparison_order():
    f = facts(value=35.0, status="ok", prev_value=33.0, prev_status="ok", ref_value=36.0, ref_status="ok")
    assert level_sentence(f) == ("Betreuungsquote U3 in Kreis Lippe (2025): 35,0 % – gegenüber 2024 "
                                 "gestiegen (+2,0 Pp.) – besser.")
    assert comparison_sentence(f) == "Im Vergleich: niedriger als der Wert für NRW (36,0 %) – schlechter."
    assert sentences(f) == [level_sentence(f), comparison_sentence(f)]


def test_rounding_tolerance_with_numerators():
    # share 12/60: noise 100 * 2.5 * (1 + 0.2) / 60 = 5.0 percentage points
    assert rounding_tolerance("%", 1, 5, (60,), (12,)) == pytest.approx(5.0)
    assert rounding_tolerance("%", 1, 5, (60,)) == pytest.approx(100 * 2.5 / 60)


def test_rank_near_tie_within_one_shown_decimal_shares_the_rank():
    """35,36 % and 35,34 %/35,30 % print as 35,4 % and 35,3 %, but differ by less than 0,1: near-ties."""
    values = {"C": (40.0, "ok"), "A": (35.34, "ok"), "Own": (35.36, "ok"), "B": (35.30, "ok"),
              "D": (30.0, "ok")}
    rank = rank_of(values, "Own", "higher_better", 1, "Kreisen")
    assert (rank.position, rank.tied_with, rank.near_tied_with) == (2, (), ("A", "B"))
    assert rank_of(values, "A", "higher_better", 1, "Kreisen").position == 2  # shared, not 3
    text = rank_sentence(facts(value=35.36, status="ok", rank=rank))
    assert text == ("Rang 2 von 5 Kreisen (höher ist besser), etwa gleichauf mit A und B (Unterschied "
                    "innerhalb der Rundungsungenauigkeit).")
    apart = rank_of(values | {"A": (35.26, "ok")}, "Own", "higher_better", 1, "Kreisen")  # 0,10 apart
    assert "A" not in apart.near_tied_with


def test_rank_near_tie_within_the_rounding_noise_of_the_source():
    """Inputs rounded to multiples of 5: a Gemeinde rate of 30,0 % over 100 pupils is uncertain by
    ±2,5 / 100 (numerator and denominator: about 3,3 Pp.); 31,2 % is about the same, 40,0 % is not."""
    rounding = rounding_tolerance("%", 1, 5, (100,), (30,))
    assert 3.2 < rounding < 3.3
    values = {"Own": (30.0, "ok"), "A": (31.2, "ok"), "B": (40.0, "ok"), "C": (33.4, "ok")}
    rank = rank_of(values, "Own", "higher_better", 1, "Gemeinden", rounding)
    assert (rank.position, rank.near_tied_with) == (3, ("A",))  # C (3,4 Pp. higher) and B are ahead
    without = rank_of(values, "Own", "higher_better", 1, "Gemeinden")  # one shown decimal only
    assert (without.position, without.near_tied_with) == (4, ())
    text = rank_sentence(facts(value=30.0, status="ok", rank=rank, tolerance=rounding))
    assert text == ("Rang 3 von 4 Gemeinden (höher ist besser), etwa gleichauf mit A (Unterschied "
                    "innerhalb der Rundungsungenauigkeit) – gemeinsam schlechtester Wert.")


def test_rank_ties_and_near_ties_together_and_all_within_the_noise():
    values = {"A": (50.0, "ok"), "Own": (40.0, "ok"), "B": (40.02, "ok"),
              **{n: (39.96, "ok") for n in "CDEF"}}
    rank = rank_of(values, "Own", "higher_better", 1, "Kreisen")
    assert rank.tied_with == ("B", "C", "D", "E", "F") and rank.near_tied_with == ()
    values = {"A": (50.0, "ok"), "Own": (40.0, "ok"), "B": (40.0, "ok"),
              **{n: (39.94, "ok") for n in "CDEF"}}
    rank = rank_of(values, "Own", "higher_better", 1, "Kreisen")
    assert (rank.tied_with, rank.near_tied_with) == (("B",), ("C", "D", "E", "F"))
    assert rank_sentence(facts(value=40.0, status="ok", rank=rank)) == (
        "Rang 2 von 7 Kreisen (höher ist besser), gleichauf mit einem weiteren, etwa gleichauf mit 4 "
        "weiteren (Unterschied innerhalb der Rundungsungenauigkeit) – gemeinsam schlechtester Wert.")
    close = {n: (37.8 + 0.02 * i, "ok") for i, n in enumerate("ABCD")}  # 37,80 … 37,86: 37,8 and 37,9
    rank = rank_of(close, "A", "neutral", 1, "Kreisen in NRW")
    assert rank_sentence(facts(value=37.8, status="ok", direction="neutral", rank=rank)) == (
        "Alle 4 etwa gleichauf: Unterschiede innerhalb der Rundungsungenauigkeit bei allen Kreisen in NRW.")


def test_rank_names_ties_and_near_ties_only_while_few_in_all():
    values = {"A": (50.0, "ok"), "Own": (40.0, "ok"), "B": (40.0, "ok"), "C": (40.0, "ok"),
              "D": (39.94, "ok"), "E": (39.94, "ok"), "Z": (10.0, "ok")}
    rank = rank_of(values, "Own", "higher_better", 1, "Kreisen")
    text = rank_sentence(facts(value=40.0, status="ok", rank=rank))
    assert text == ("Rang 2 von 7 Kreisen (höher ist besser), gleichauf mit 2 weiteren, etwa gleichauf mit 2 "
                    "weiteren (Unterschied innerhalb der Rundungsungenauigkeit).")
    few = {k: v for k, v in values.items() if k not in "DE"} | {"D": (39.94, "ok")}
    rank = rank_of(few, "Own", "higher_better", 1, "Kreisen")
    text = rank_sentence(facts(value=40.0, status="ok", rank=rank))
    assert "gleichauf mit B und C, etwa gleichauf mit D (" in text


def test_rank_cell_counts_ties_and_near_ties_for_rank_tables():
    """The Vergleich rank table: 35,34 and 35,31 show the same 35,3 (a tie); 35,249 shows 35,2 but is
    within one shown decimal of 35,34 (a near-tie)."""
    values = {"A": (40.0, "ok"), "B": (35.34, "ok"), "C": (35.249, "ok"), "D": (35.31, "ok"),
              "E": (20.0, "ok"), "F": (None, "secret")}
    assert rank_cell(rank_of(values, "B", "higher_better", 1, "")) == (
        "2 von 5 (gleichauf mit einem weiteren, etwa gleichauf mit einem weiteren)")
    assert rank_cell(rank_of(values, "E", "higher_better", 1, "")) == "5 von 5"
    assert rank_cell(rank_of(values, "A", "lower_better", 1, "")) == "5 von 5"
    assert rank_cell(rank_of(values, "F", "higher_better", 1, "")) == "–"
    same = {"A": (32.6, "ok"), "B": (32.6, "ok"), "C": (32.54, "ok")}
    assert rank_cell(rank_of(same, "A", "lower_better", 1, "")) == "alle 3 etwa gleichauf"
    shown_alike = same | {"C": (32.55, "ok")}  # shown 32,6 as well (a tie rounds up, fmt.round_half_up)
    assert rank_cell(rank_of(shown_alike, "A", "lower_better", 1, "")) == "alle 3 gleichauf"
    pair = {"A": (1.0, "ok"), "B": (1.0, "ok")}
    assert rank_cell(rank_of(pair, "A", "lower_better", 1, "")) == "alle 2 gleichauf"
