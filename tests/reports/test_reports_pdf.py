"""Both report types from the demo warehouse: numbers, sentences, Stand, sources, licences, build id and
the demo notice are in the PDF text; the Sitzungsvorlage has at most two pages; the Bericht has a table
of contents whose page numbers point at the topic headings."""

import re

from monitor import facts, fmt, narrative
from monitor.queries import indicators, regions
from monitor.reports import TOPICS

DETMOLD, LIPPE, NRW = "05766020", "05766", "05"
LICENCE = "Datenlizenz Deutschland – Namensnennung – Version 2.0"
LOCAL_LICENCE = "Eigene Erhebung bzw. Planungsdaten des Kreises (Lizenz je Datei angeben)"


def latest(con, indicator_id: str, ags: str) -> tuple:
    return con.execute(
        "SELECT v.value, v.status, v.year, i.decimals, i.unit FROM mart.indicator_values v "
        "JOIN mart.indicators i ON i.id = v.indicator_id WHERE v.indicator_id = ? AND v.ags = ? "
        "ORDER BY v.year DESC, v.period DESC LIMIT 1", [indicator_id, ags]).fetchone()


def same_year(con, indicator_id: str, ags: str, year: int) -> tuple:
    return con.execute("SELECT value, status FROM mart.indicator_values WHERE indicator_id = ? AND ags = ? "
                       "AND year = ? ORDER BY period DESC LIMIT 1", [indicator_id, ags, year]).fetchone()


def build_value(con, key: str) -> str:
    return con.execute("SELECT value FROM meta.build WHERE key = ?", [key]).fetchone()[0]


# --- Sitzungsvorlage -------------------------------------------------------------------------------------


def test_vorlage_has_at_most_two_pages(vorlage):
    assert 1 <= len(vorlage.pages) <= 2


def test_vorlage_shows_warehouse_values_of_the_region(vorlage, warehouse_db):
    for indicator_id in ("transition_rate_gy", "transition_rate_ge", "allday_primary_share"):
        value, status, _, decimals, unit = latest(warehouse_db, indicator_id, DETMOLD)
        assert vorlage.contains(fmt.fmt_value(value, status, decimals, unit)), indicator_id
    # school leavers (21111-02-06-4) are published for Kreise only: no Gemeinde value, no line
    assert latest(warehouse_db, "leavers_without_certificate_share", DETMOLD) is None
    assert not vorlage.contains("21111-02-06-4")


def card_sentences(region: str, phases: set[str]) -> list[str]:
    """The overview cards' sentences (headline indicators, facts against the Land, no rank)."""
    out = []
    for entry in indicators.headline():
        found = facts.facts_for(entry, region, reference=NRW, rank=False)
        if found is not None and entry.life_phase in phases:
            out.append(narrative.sentence(found))
    return out


def test_vorlage_has_the_overview_card_sentences(vorlage, demo_warehouse):
    school = card_sentences(DETMOLD, {"Schule"})
    assert len(school) >= 2
    for sentence in school:
        assert vorlage.contains(sentence), sentence


def test_vorlage_names_build_date_sources_licences_and_demo(vorlage, warehouse_db):
    text = vorlage.text
    assert "Schule: Detmold" in text and "SITZUNGSVORLAGE · BILDUNGSMONITOR LIPPE" in text
    assert build_value(warehouse_db, "build_id") in text
    assert fmt.fmt_date_time(build_value(warehouse_db, "built_at")) in text
    assert "Demodaten: Alle Zahlen sind synthetisch erzeugt" in text
    assert "DEMODATEN" in vorlage.pages[-1]
    for code in ("LOCAL-UEBERGAENGE", "LOCAL-OGS"):  # Gemeinde figures of the topic: templates
        stand = warehouse_db.execute("SELECT max(stand) FROM raw.files WHERE table_code = ?", [code]
                                     ).fetchone()[0]
        assert vorlage.contains(code) and vorlage.contains(fmt.fmt_date_time(stand)), code
    assert not vorlage.contains("ohne Angabe in der Datei")
    assert vorlage.contains(LOCAL_LICENCE) and not vorlage.contains(LICENCE)
    assert vorlage.contains("Lokale Daten nach Vorlage, Quelle je Datei")
    assert re.search(r"Erstellt am \d{2}\.\d{2}\.\d{4}", text)


# --- Bericht ---------------------------------------------------------------------------------------------


def toc_entries(pages: list[str]) -> dict[str, int]:
    """``{"1. Rahmenbedingungen": 3, …}`` from the contents page (dot leaders between title and page)."""
    contents = next(p for p in pages if "Inhalt" in p and "Methodik" in p)
    found = re.findall(r"(\d+\. [^\n.]+?)\s*\.{3,}\s*(\d+)", contents)
    return {title.strip(): int(page) for title, page in found}


def test_bericht_contents_point_at_the_topic_headings(bericht):
    toc = toc_entries(bericht.pages)
    expected = [f"{i}. {t.title}" for i, t in enumerate(TOPICS, start=1)]
    assert list(toc)[:len(TOPICS)] == expected
    assert any("Methodik" in t for t in toc) and any("Quellen" in t for t in toc)
    for title, page in toc.items():
        assert 2 < page <= len(bericht.pages)
        assert title in " ".join(bericht.pages[page - 1].split()), (title, page)


def test_bericht_table_values_equal_warehouse(bericht, warehouse_db):
    for indicator_id in ("unemployment_rate", "youth_ratio", "childcare_rate_u3", "transition_sector_share"):
        value, status, year, decimals, _ = latest(warehouse_db, indicator_id, LIPPE)
        assert bericht.contains(fmt.fmt_value(value, status, decimals)), indicator_id
        ref_value, ref_status = same_year(warehouse_db, indicator_id, NRW, year)
        assert bericht.contains(fmt.fmt_value(ref_value, ref_status, decimals)), indicator_id


def test_bericht_marks_values_without_number(bericht, warehouse_db):
    value, status, *_ = latest(warehouse_db, "students_total", LIPPE)
    assert value is None and status == "later"
    # table row: title, unit, period, "..." instead of a number, no change
    assert re.search(r"Studierende Anzahl WS 2025/26 \.\.\. –", bericht.text)


def test_bericht_has_methodology_sources_stand_and_build(bericht, warehouse_db):
    assert bericht.contains("Methodik und Definitionen")
    entry = indicators.indicator("anr")
    assert bericht.contains(entry.methodology)
    assert bericht.contains(LICENCE) and bericht.contains("Statistik der Bundesagentur für Arbeit")
    stand = warehouse_db.execute("SELECT max(stand) FROM raw.files WHERE table_code = ?", ["LOCAL-VHS"]
                                 ).fetchone()[0]
    assert bericht.contains(fmt.fmt_date_time(stand))
    assert bericht.contains(build_value(warehouse_db, "build_id"))
    assert "Erstellt am 26.11.2026" in bericht.text
    assert bericht.text.count("Demodaten: Alle Zahlen sind synthetisch erzeugt") >= len(TOPICS)


def test_bericht_key_messages_are_the_card_sentences(bericht, demo_warehouse):
    sentences = card_sentences(LIPPE, {p for t in TOPICS for p in t.life_phases})
    assert len(sentences) >= len(TOPICS)
    for sentence in sentences:
        assert bericht.contains(sentence), sentence
    assert regions.label(LIPPE) == "Kreis Lippe"
