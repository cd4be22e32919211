"""Reproducible links: URL building, build Stand from the id, and the notice for a link to an older build."""

import shutil

import duckdb

from monitor import links
from monitor.markup import escape
from tests.presentation.conftest import run_app

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
    at = run_app("pages/explorer.py", stand=OLD, region="05766")
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
