"""``facts_for``/``describe`` on the demo warehouse: the facts match the mart, recomputed here in SQL."""

import duckdb
import pytest

from monitor.facts import describe, facts_for
from monitor.queries.compare import peer_keys
from monitor.queries.indicators import indicator


@pytest.fixture
def con(demo_warehouse, monkeypatch):
    monkeypatch.setenv("BILDUNGSMONITOR_WAREHOUSE_DIR", str(demo_warehouse))
    name = (demo_warehouse / "CURRENT").read_text(encoding="utf-8").strip()
    connection = duckdb.connect(str(demo_warehouse / name), read_only=True)
    yield connection
    connection.close()


def values(con, indicator_id: str, ags: str) -> dict[int, tuple]:
    rows = con.execute("SELECT year, value, status FROM mart.indicator_values WHERE indicator_id = ? "
                       "AND ags = ? QUALIFY row_number() OVER (PARTITION BY year ORDER BY period DESC) = 1",
                       (indicator_id, ags)).fetchall()
    return {int(y): (v, s) for y, v, s in rows}


def test_kreis_facts_match_the_mart(con):
    own, nrw = values(con, "unemployment_rate", "05766"), values(con, "unemployment_rate", "05")
    year = max(own)
    facts = facts_for(indicator("unemployment_rate"), "05766", peers=peer_keys)
    assert (facts.value, facts.status) == own[year]
    assert facts.prev_value == own[year - 1][0]
    assert facts.ref_value == nrw[year][0] and facts.ref_name == "Nordrhein-Westfalen"
    assert [p.year for p in facts.history] == [y for y in sorted(own) if y >= year - 5]
    kreise = con.execute(
        "SELECT round(v.value, 1) FROM mart.indicator_values v JOIN core.regions r USING (ags) "
        "WHERE v.indicator_id = 'unemployment_rate' AND v.year = ? AND r.level = 'kreis' "
        "AND r.ags LIKE '05%' AND v.value IS NOT NULL", (year,)).fetchall()
    mine = round(own[year][0], 1)
    assert facts.rank.position == 1 + sum(1 for (v,) in kreise if v < mine)  # lower is better
    assert facts.rank.count == len(kreise)
    assert facts.peer_status == "ok" and facts.peer_name.startswith("Median der 5 Kreise")
    peers = peer_keys("05766")
    assert peers == ["05958", "05554", "05358", "05374", "05962"]  # nearest first
    ranked = con.execute(
        "SELECT value FROM mart.indicator_values WHERE indicator_id = 'unemployment_rate' AND year = ? "
        "AND list_contains(?, ags) ORDER BY value", (year, peers)).fetchall()
    assert facts.peer_value == ranked[2][0]  # median of five


def test_gemeinde_ranked_among_gemeinden_without_peers(con):
    facts = facts_for(indicator("transition_rate_gy"), "05766020", peers=peer_keys)
    assert facts.rank.scope == "Gemeinden im Kreis Lippe"
    assert facts.rank.count + facts.rank.without_value == 16
    assert facts.peer_status is None
    text = describe(indicator("transition_rate_gy"), "05766020")
    assert text.startswith("Übergang Gymnasium in Detmold (")
    assert "(nach Höhe, ohne Wertung)" in text and "besser" not in text


def test_describe_without_rows(con):
    assert facts_for(indicator("unemployment_rate"), "05766020") is None
    assert describe(indicator("unemployment_rate"), "05766020") == \
        "Für Detmold liegen zu diesem Indikator keine Werte vor."
