"""Presentation page (AppTest on the demo warehouse) and the slide file validation."""

import json
import tomllib

import pytest

from monitor import fmt
from monitor.markup import escape
from monitor.views import presentation
from tests.presentation.conftest import run_app

CONFIG = tomllib.loads(presentation.CONFIG_FILE.read_text(encoding="utf-8"))
LIPPE = "Kreis Lippe"


def latest_value(con, indicator_id: str, ags: str = "05766") -> tuple:
    """Latest (value, status) and display decimals/unit straight from the warehouse."""
    return con.execute(
        "SELECT v.value, v.status, i.decimals, i.unit FROM mart.indicator_values v "
        "JOIN mart.indicators i ON i.id = v.indicator_id WHERE v.indicator_id = ? AND v.ags = ? "
        "ORDER BY v.year DESC, v.period DESC LIMIT 1", (indicator_id, ags)).fetchone()


def position(at) -> str:
    """The slide number line of the navigation row (``Folie 3 von 14 · Kita · Kreis Lippe``)."""
    return next(m.value for m in at.markdown if m.value.startswith("**Folie"))


def test_click_through_all_slides(demo_env, demo_db):
    at = run_app(folie="1")
    assert not at.exception
    assert at.query_params["folie"] == "1"
    assert at.button(key="back").disabled
    slides = CONFIG["slide"]
    for number, slide in enumerate(slides, start=2):
        at.button(key="next").click().run()
        assert not at.exception, number
        assert at.query_params["folie"] == str(number)
        value, status, decimals, unit = latest_value(demo_db, slide["indicator"])
        shown = fmt.fmt_value(value, status, int(decimals), unit)
        assert at.metric[0].value == shown, (number, slide["indicator"])
        headline = at.markdown[[m.value.startswith("## ") for m in at.markdown].index(True)].value
        assert escape(f"in {LIPPE} (") in headline and escape(f": {shown}") in headline, headline
        assert headline.rstrip().endswith(escape(".")), headline
        assert position(at).startswith(f"**Folie {number} von {len(slides) + 1}")
    assert at.button(key="next").disabled
    assert 10 <= len(slides) + 1 <= 14


def test_folie_parameter_opens_slide_and_back_works(demo_env):
    at = run_app(folie="5")
    assert not at.exception
    slide = CONFIG["slide"][5 - 2]
    assert at.title[0].value == slide.get("title", at.title[0].value)
    assert position(at).startswith("**Folie 5 von")
    at.button(key="back").click().run()
    assert at.query_params["folie"] == "4"
    assert position(at).startswith("**Folie 4 von")


def test_region_is_kept_across_slides(demo_env):
    at = run_app(folie="1", region="05766020")  # Detmold
    at.button(key="next").click().run()
    at.button(key="next").click().run()
    assert at.query_params["region"] == "05766020"
    assert "Detmold" in position(at)
    assert at.metric[0].label.startswith("Detmold, ")


def test_gemeinde_without_values_falls_back_to_the_kreis(demo_env, demo_db):
    number = 2 + [s["indicator"] for s in CONFIG["slide"]].index("unemployment_rate")
    at = run_app(folie=str(number), region="05766020")
    assert escape("Für Detmold liegt dieser Indikator nicht vor; gezeigt wird Kreis Lippe.") in \
        [c.value for c in at.caption]
    value, status, decimals, unit = latest_value(demo_db, "unemployment_rate")
    assert at.metric[0].label.startswith("Kreis Lippe, ")
    assert at.metric[0].value == fmt.fmt_value(value, status, int(decimals), unit)


def test_out_of_range_slide_is_clamped(demo_env):
    at = run_app(folie="99")
    assert at.query_params["folie"] == str(len(CONFIG["slide"]) + 1)


def test_bad_config_shows_error_naming_the_slide(demo_env, tmp_path, monkeypatch):
    bad = tmp_path / "presentation.toml"
    bad.write_text('[[slide]]\nphase = "Kita"\nindicator = "childcare_rate_u3"\n\n'
                   '[[slide]]\nphase = "Schule"\nindicator = "gibt_es_nicht"\n', encoding="utf-8")
    monkeypatch.setenv(presentation.CONFIG_ENV, str(bad))
    at = run_app(folie="1")
    assert not at.exception
    assert escape("presentation.toml, Folie 3: unbekannter Indikator 'gibt_es_nicht'") in at.error[0].value


KNOWN = {"a", "b"}


@pytest.mark.parametrize(("text", "message"), [
    ('[[slide]]\nphase = "X"\nindicator = "a"\nchart = "pie"\n', "Folie 2: Diagrammart 'pie' unbekannt"),
    ('[[slide]]\nphase = "X"\nindicator = "a"\nchart = "line"\ncomparison = "gemeinden"\n',
     "Folie 2: Vergleich 'gemeinden' passt nicht zu 'line'"),
    ('[[slide]]\nindicator = "a"\n', "Folie 2: Angabe 'phase' fehlt"),
    ('[[slide]]\nphase = "X"\nindicator = "a"\ncolour = "red"\n', "Folie 2: unbekannte Angabe(n) colour"),
    ('title = "x"\n', "keine Folie"),
    ('[[slide]\n', "nicht lesbar"),
])
def test_load_deck_errors(tmp_path, text, message):
    path = tmp_path / "deck.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(presentation.ConfigError, match=message.replace("(", r"\(").replace(")", r"\)")):
        presentation.load_deck(KNOWN, path)


def test_load_deck_defaults_and_clamp(tmp_path):
    path = tmp_path / "deck.toml"
    path.write_text('[[slide]]\nphase = "Kita"\nindicator = "a"\n\n[[slide]]\nphase = "Schule"\n'
                    'indicator = "b"\nchart = "bar"\ntitle = "Eigener Titel"\n', encoding="utf-8")
    deck = presentation.load_deck(KNOWN, path)
    assert deck.count == 3
    assert deck.slides[0] == presentation.Slide("a", "Kita", "line", "nrw", None)
    assert deck.slides[1] == presentation.Slide("b", "Schule", "bar", "owl", "Eigener Titel")
    assert [presentation.clamp(v, deck) for v in ("0", "2", "7", "x")] == [1, 2, 3, 1]


def test_shipped_config_is_valid_against_the_catalogue():
    ids = {entry["id"] for entry in tomllib.loads(
        (presentation.CONFIG_FILE.parents[0] / "indicators.toml").read_text(encoding="utf-8"))["indicator"]}
    deck = presentation.load_deck(ids, presentation.CONFIG_FILE)
    phases = list(dict.fromkeys(s.phase for s in deck.slides))
    assert phases == ["Kita", "Schule", "Übergang", "Ausbildung", "Arbeitsmarkt & Wirtschaft"]


def test_delta_colour_follows_the_direction():
    from monitor.narrative import Facts

    base = {"title": "T", "region": "R", "unit": "%", "decimals": 1, "period": "2025", "prev_period": "2024",
            "value": 5.0, "status": "ok", "prev_value": 6.0, "prev_status": "ok"}
    assert presentation.delta_color(Facts(**base, direction="lower_better")) == "green"
    assert presentation.delta_color(Facts(**base, direction="higher_better")) == "orange"
    assert presentation.delta_color(Facts(**base, direction="neutral")) == "gray"
    assert presentation.delta(Facts(**base, direction="neutral")) == "−1,0 Pp. ggü. 2024"


def test_bar_slides_of_the_home_region(demo_env):
    neighbours = presentation.bar_regions("owl", "05766")
    assert neighbours == ["05766", "05711", "05754", "05758", "05762", "05770", "05774"]
    peers = presentation.bar_regions("peers", "05766")
    assert peers == ["05766", "05958", "05554", "05358", "05374", "05962"]
    assert presentation.bar_regions("gemeinden", "05766")[:2] == ["05766004", "05766008"]
    assert len(presentation.bar_regions("gemeinden", "05766")) == 16
    options = presentation.region_options()
    assert options[:2] == ["05766", "05711"] and len(options) == 1 + 6 + 16


def test_other_home_kreis_titles_and_fallback(demo_env, monkeypatch):
    monkeypatch.setenv("BILDUNGSMONITOR_KREIS", "05754")  # Kreis Gütersloh
    number = 2 + [s["indicator"] for s in CONFIG["slide"]].index("unemployment_rate")
    at = run_app(folie=str(number))
    assert not at.exception
    assert at.metric[0].label.startswith("Kreis Gütersloh, ")
    assert "Kreis Gütersloh" in position(at)


def test_slide_footer_alternative_and_aria_label(demo_env):
    number = 2 + [s["indicator"] for s in CONFIG["slide"]].index("childcare_rate_u3")
    at = run_app(folie=str(number))
    assert not at.exception
    footer = next(c.value for c in at.caption if "· Stand\\:" in c.value)
    assert footer.startswith("Quelle\\:") and "eigene Berechnungen · Stand\\: " in footer
    assert "Tabelle" not in footer and "22543" not in footer  # table codes: in the alternative
    chart = at.get("plotly_chart")[0].proto
    assert chart.alt.startswith("Liniendiagramm 2016 bis 2025: Kreis Lippe, Nordrhein-Westfalen")
    alternative = next(m.value for m in at.markdown if m.value.startswith("Textalternative zum Diagramm"))
    headline = at.markdown[[m.value.startswith("## ") for m in at.markdown].index(True)].value
    assert headline.removeprefix("## ") in alternative
    table = at.table[-1].value  # the screen-reader copy after the chart
    assert list(table.columns) == ["Region", "Zeitraum", "Wert", "Status"]
    assert set(table["Region"]) == {"Kreis Lippe", "Nordrhein\\-Westfalen"}
    assert any(m.value.startswith("Quelle\\:") and "22543" in m.value for m in at.markdown)
    assert not [c for c in at.caption if c.value.startswith("Textalternative")]  # not on screen


def test_line_slide_draws_the_home_region_last(demo_env):
    number = 2 + [s["indicator"] for s in CONFIG["slide"]].index("employees_55plus_share")
    at = run_app(folie=str(number))
    traces = json.loads(at.get("plotly_chart")[0].proto.spec)["data"]
    lines = [t["name"] for t in traces if t.get("mode") == "lines+markers"]
    assert lines == ["Nordrhein-Westfalen", LIPPE]
    rank = next(m.value for m in at.markdown if m.value.startswith("Rang ")).replace("\\", "")
    assert " von 53 Kreisen und kreisfreien Städten in Nordrhein-Westfalen (nach Höhe" in rank, rank
