"""The evidence grade of every official source table reaches the methodology page in plain German."""

import tomllib

from etl import CATALOGUE_DIR
from monitor.views.methodology import evidence_text


def test_every_official_table_states_its_evidence():
    with open(CATALOGUE_DIR / "sources.toml", "rb") as handle:
        tables = tomllib.load(handle)["table"]
    official = [t for t in tables if t.get("format") != "template"]
    assert official and all(evidence_text(t) for t in official)
    assert all(t.get("howto") for t in tables if t.get("format") == "template")


def test_evidence_text():
    table = {"evidence": {"structure": "seen", "codes": "inferred", "note": "LDB-Codes unbekannt."}}
    assert evidence_text(table) == ("Aufbau in einer echten Datei gesehen; Codes erschlossen, noch zu"
                                    " bestätigen. LDB-Codes unbekannt.")
    assert evidence_text({}) == ""
