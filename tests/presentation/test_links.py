"""Reproducible links: URL building, build Stand from the id, and the notice for a link to an older build."""

import shutil

import duckdb
from streamlit.testing.v1 import AppTest

from monitor import links
from monitor.markup import escape
from tests.presentation.conftest import APP, run_app

OLD = "build-20260105T080000000000Z-11"
NEW = "build-20260301T093000000000Z-22"


def test_build_stand_from_id():
    assert links.build_stand(OLD) == "05.01.2026, 08:00 Uhr"
    assert links.build_stand("build-fixture-1") == "unbekannt"
    assert links.link_is_older(OLD, NEW) is True
    assert links.link_is_older(NEW, OLD) is False


def test_page_url_puts_stand_last_and_keeps_commas():
    url = links.page_url("http://monitor.lippe.de/vergleich", {"stand": OLD, "region": "05766",
                                                              "peers": "05711,05754", "q": ""})
    assert url == f"http://monitor.lippe.de/vergleich?region=05766&peers=05711,05754&stand={OLD}"
    assert links.page_url(None, {}) == links.FALLBACK_BASE


def two_builds(demo_warehouse, target):
    """A warehouse with an older and a newer build (copies of the demo build with their own ids)."""
    current = (demo_warehouse / "CURRENT").read_text(encoding="utf-8").strip()
    target.mkdir()
    for build_id, built_at in ((OLD, "2026-01-05T08:00:00+00:00"), (NEW, "2026-03-01T09:30:00+00:00")):
        path = target / f"{build_id}.duckdb"
        shutil.copy(demo_warehouse / current, path)
        with duckdb.connect(str(path)) as con:
            con.execute("UPDATE meta.build SET value = ? WHERE key = 'build_id'", (build_id,))
            con.execute("UPDATE meta.build SET value = ? WHERE key = 'built_at'", (built_at,))
    (target / "CURRENT").write_text(f"{NEW}.duckdb", encoding="utf-8")
    return target


def test_link_to_older_build_shows_notice_with_both_dates(demo_warehouse, tmp_path, monkeypatch):
    monkeypatch.setenv("BILDUNGSMONITOR_WAREHOUSE_DIR", str(two_builds(demo_warehouse, tmp_path / "wh")))
    at = run_app("app_pages/explorer.py", stand=OLD, region="05766")
    notice = " ".join(i.value for i in at.info)
    assert "Dieser Link wurde mit einem anderen Datenstand erstellt" in notice
    assert escape("Stand des Links: 05.01.2026, 08:00 Uhr") in notice  # shown literally
    assert escape("aktueller Stand: 01.03.2026, 09:30 Uhr") in notice
    assert at.query_params["stand"] == NEW
    link = at.sidebar.code[0].value
    assert link.endswith(f"stand={NEW}") and "region=05766" in link and "indicator=" in link
    at.run()
    assert "anderen Datenstand" not in " ".join(i.value for i in at.info)


def test_link_box_on_every_page(demo_env):
    from monitor.navigation import PAGE_SPECS

    for spec in PAGE_SPECS:
        at = run_app(spec.file)
        assert not at.exception, spec.file
        codes = [c.value for c in at.sidebar.code] + [c.value for c in at.code]
        assert any("stand=build-" in c for c in codes), spec.file


def test_app_page_url_takes_host_from_browser_and_path_from_the_page():
    assert links.app_page_url("http://monitor.lippe.de/gibtsnicht", "", "uebersicht") == \
        "http://monitor.lippe.de/uebersicht"
    assert links.app_page_url("https://host:8443/monitor/alt/x", "/monitor/", "vergleich") == \
        "https://host:8443/monitor/vergleich"
    assert links.app_page_url(None, "", "") == links.FALLBACK_BASE


def test_page_path_strips_base_path_and_slashes():
    assert links.page_path("http://monitor.lippe.de/uebersicht") == "uebersicht"
    assert links.page_path("http://monitor.lippe.de/") == ""
    assert links.page_path("http://host/monitor/vergleich/", "/monitor/") == "vergleich"
    assert links.page_path("http://host/monitor", "monitor") == ""
    assert links.page_path(None) == ""
    assert links.registrable("gibtsnicht") and links.registrable("alt.seite-2")
    assert not links.registrable("a/b") and not links.registrable("übersicht") and not links.registrable("")


def test_not_understood_text_names_parameter_value_and_replacement():
    one = links.not_understood_text([links.NotUnderstood("region", "99999", "Region", "Kreis Lippe")])
    assert one == ("Dieser Link enthält eine Angabe, die nicht verstanden wurde: Region „99999“ "
                   "(Angabe region) – gezeigt wird stattdessen Kreis Lippe.")
    two = links.not_understood_text([links.NotUnderstood("", "/foo", "Adresse", "die Übersicht"),
                                     links.NotUnderstood("folie", "99", "Folie", "Folie 14")])
    assert two.startswith("Dieser Link enthält 2 Angaben, die nicht verstanden wurden: Adresse „/foo“ – ")
    assert two.endswith("; Folie „99“ (Angabe folie) – gezeigt wird stattdessen Folie 14.")


def notices(at) -> list[str]:
    return [i.value for i in at.info if "nicht verstanden" in i.value]


def test_link_with_unknown_values_shows_one_escaped_notice(demo_env):
    at = run_app("app_pages/explorer.py", indicator="gibtsnicht", year="abc", ansicht="Torte",
                 peers="05711,xyz")
    assert not at.exception
    found = notices(at)
    assert len(found) == 1
    assert escape("Indikator „gibtsnicht“ (Angabe indicator)") in found[0]
    assert escape("„abc“ (Angabe year)") in found[0]
    assert escape("Ansicht „Torte“ (Angabe ansicht) – gezeigt wird stattdessen Zeitreihe") in found[0]
    peers = "Weitere Vergleichsregionen „xyz“ (Angabe peers) – gezeigt wird stattdessen Bielefeld"
    assert escape(peers) in found[0]
    assert at.query_params["peers"] == "05711" and at.query_params["indicator"] != "gibtsnicht"
    at.run()  # the address now carries what is shown: no notice on the next run
    assert notices(at) == []


def test_unknown_region_on_the_overview_is_shown_as_text(demo_env):
    at = run_app("app_pages/overview.py", region="**fett** <b>x</b>")
    wanted = ("Dieser Link enthält eine Angabe, die nicht verstanden wurde: Region „**fett** <b>x</b>“ "
              "(Angabe region) – gezeigt wird stattdessen Kreis Lippe.")
    assert notices(at) == [escape(wanted)]
    assert at.query_params["region"] == "05766"


def test_valid_link_shows_no_notice(demo_env):
    at = run_app("app_pages/gaps.py", alter="3to6", quote_3to6="90", bereich="Offener Ganztag")
    assert not at.exception and notices(at) == []


def test_unknown_slide_slider_and_option_are_named(demo_env):
    at = run_app(folie="99", region="05766")
    found = notices(at)
    assert len(found) == 1
    assert escape("Folie „99“ (Angabe folie) – gezeigt wird stattdessen Folie ") in found[0]
    at = run_app("app_pages/gaps.py", alter="u4", quote_u3="150")
    found = notices(at)
    band = "Altersgruppe „u4“ (Angabe alter) – gezeigt wird stattdessen unter 3 Jahre (U3)"
    assert escape(band) in found[0]
    assert escape("Bedarfsquote (%) „150“ (Angabe quote_u3) – gezeigt wird stattdessen 45") in found[0]


def test_unknown_address_is_named_on_the_overview(demo_env):
    at = AppTest.from_file(str(APP), default_timeout=90)
    at.session_state[links.UNKNOWN_PATH_KEY] = "gibtsnicht"  # left by the forwarding page
    at.run()
    assert not at.exception
    assert notices(at) == [escape("Dieser Link enthält eine Angabe, die nicht verstanden wurde: Adresse "
                                  "„/gibtsnicht“ – gezeigt wird stattdessen die Übersicht.")]
