"""The download list, the .env reader and the envelope parser (incl. the real recorded responses)."""

import tomllib
from pathlib import Path

import pytest

from etl import CATALOGUE_DIR
from etl.fetch import envelope as env
from etl.fetch.credentials import credentials_for, mask, read_env_file
from etl.fetch.sources import DEFAULT_SOURCES, SourcesError, load_sources

SAMPLES = Path(__file__).resolve().parents[2] / ".." / "shared" / "samples" / "genesis_api_json"
RESPONSES = Path(__file__).resolve().parent / "responses"


def test_repository_download_list_is_valid():
    databases, sources = load_sources(DEFAULT_SOURCES)
    assert set(databases) == {"regionalstatistik", "ldbnrw", "bildungsmonitoring", "genesis"}
    assert databases["ldbnrw"].base_url == "https://www.landesdatenbank.nrw.de/ldbnrwws/rest/2020/"
    by_code = {s.code: s for s in sources}
    gemeinden = by_code["12411-09i"].parameters()
    assert (gemeinden["format"], gemeinden["regionalvariable"], gemeinden["regionalkey"]) == (
        "csv",
        "GEMEIN",
        "05766*",
    )
    kreise = by_code["21111-01-03-4"].parameters()
    assert (kreise["format"], kreise["regionalvariable"], kreise["regionalkey"], kreise["startyear"]) == (
        "ffcsv",
        "KREISE",
        "05*",
        "2014",
    )
    assert by_code["13111-54i"].parameters()["startyear"] == "2021"  # the table starts in 2021


def test_download_list_holds_every_official_table_of_the_catalogue():
    """Each non-template table of catalogue/sources.toml once, from its provider's database, as the
    flat file where the catalogue reads one (else the Tabellen-CSV), filtered to its regional depth."""
    catalogue = tomllib.loads((CATALOGUE_DIR / "sources.toml").read_text(encoding="utf-8"))["table"]
    official = {t["code"]: t for t in catalogue if t.get("format") != "template"}
    _, sources = load_sources(DEFAULT_SOURCES)
    assert sorted(s.code for s in sources) == sorted(official)
    assert not any(code.startswith("LOCAL-") for code in official)
    filters = {"Kreise": ("KREISE", "05*"), "Gemeinden": ("GEMEIN", "05766*")}
    for source in sources:
        table = official[source.code]
        assert source.database == table["provider"], source.code
        assert source.format == ("ffcsv" if "ffcsv5" in table["formats"] else "csv"), source.code
        wanted = filters.get(table["depth"], ("", ""))  # -4-B: all regional levels, no filter
        assert (source.regionalvariable, source.regionalkey) == wanted, source.code
        if "region_variable" in table and source.regionalvariable:
            assert source.regionalvariable == table["region_variable"]["code"], source.code
    assert sorted(s.code for s in sources if s.database == "ldbnrw") == [
        "12411-09i",
        "12411-15i",
        "13111-54i",
    ]


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ('code = "1"\ndatabase = "nope"', r"#1 \(1\): database 'nope' is not one of \['db'\]"),
        ('code = "1"\ndatabase = "db"\nformat = "xlsx"', "format must be one of"),
        ('code = "1"\ndatabase = "db"\nregion = "x"', "unknown field"),
        ('code = "a b"\ndatabase = "db"', "`code` must be a table code"),
    ],
)
def test_download_list_errors_name_entry_and_reason(tmp_path, table, message):
    path = tmp_path / "s.toml"
    path.write_text(
        '[databases.db]\nname = "D"\nbase_url = "https://x/rest/2020/"\nenv_prefix = "DB"\n\n'
        f"[[table]]\n{table}\n",
        encoding="utf-8",
    )
    with pytest.raises(SourcesError, match=message) as error:
        load_sources(path)
    assert str(path) in str(error.value)


def test_env_file_and_credentials(tmp_path):
    path = tmp_path / ".env"
    path.write_text('# c\n\nA_TOKEN=\nA_USERNAME = "u1"\nA_PASSWORD=p=1\nB_TOKEN=t9\n', encoding="utf-8")
    values = read_env_file(path)
    assert values == {"A_TOKEN": "", "A_USERNAME": "u1", "A_PASSWORD": "p=1", "B_TOKEN": "t9"}
    assert credentials_for("A", values).headers() == {"username": "u1", "password": "p=1"}
    assert credentials_for("B", values).headers() == {"username": "t9", "password": ""}
    assert credentials_for("C", values) is None
    assert credentials_for("A", {"A_USERNAME": "u1"}) is None
    assert "p=1" not in repr(credentials_for("A", values))


def test_mask_replaces_longest_secret_first():
    assert mask("user abc, pw abcdef", ["abc", "abcdef", ""]) == "user ********, pw ********"


def test_envelope_parser_on_own_responses():
    job = env.parse_envelope((RESPONSES / "tablefile_status99_job.json").read_bytes())
    assert (job.service, job.method, job.code, job.type) == ("data", "tablefile", 99, "Information")
    assert env.result_name(job) == "99999-01-01-4_424242"
    with pytest.raises(env.EnvelopeError, match="without a Status block"):
        env.parse_envelope(b'{"Ident": {}}', "x.json")
    with pytest.raises(env.EnvelopeError, match="x.json: not JSON"):
        env.parse_envelope(b"PK\x03\x04", "x.json")


@pytest.mark.samples
def test_envelope_parser_on_real_recorded_responses():
    if not SAMPLES.is_dir():
        pytest.skip("../shared/samples is not present")
    files = {p.name: env.parse_envelope(p.read_bytes(), p.name) for p in SAMPLES.glob("*.json")}
    assert len(files) == 12
    codes = {name: e.code for name, e in files.items()}
    assert codes["destatis_data_tablefile_status98_table_too_big.json"] == 98
    assert codes["destatis_data_tablefile_status-1_error.json"] == -1
    assert codes["destatis_data_tablefile_status104_no_objects.json"] == 104
    assert codes["destatis_catalogue_results_status104_job_not_ready.json"] == 104
    assert codes["restatis_fixture_catalogue_values2variable.json"] == 22
    job = files["destatis_data_tablefile_status99_job_created.json"]
    assert env.result_name(job) == "12531-0043_175879554"
    assert env.result_listed(
        files["destatis_catalogue_results_status0_job_ready.json"], "12531-0043_175879554"
    )
    assert not env.result_listed(
        files["destatis_catalogue_results_status104_job_not_ready.json"], "12531-0043_175879554"
    )
    meta = files["regionalstatistik_metadata_table_12411-01-01-4.json"]
    assert (meta.service, meta.method, meta.ok) == ("metadata", "table", True)
    assert env.updated(meta) == "31.03.2025 11:18:07h"
    assert "Datenlizenz Deutschland" in meta.copyright
    assert "kein Datenquader" in env.explain(
        files["destatis_data_tablefile_status-1_error.json"], "61111-0021", "GENESIS-Online", "X"
    )
