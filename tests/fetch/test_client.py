"""GenesisClient against the local replay server: every status code, jobs, retries, timeouts."""

import logging

import pytest

from etl.fetch.client import ClientSettings, FetchError, GenesisClient, TableSkipped
from etl.fetch.credentials import Credentials
from tests.fetch.conftest import CODE, FAST, PASSWORD, TOKEN, USER, Reply, json_reply, zip_reply


def test_success_zip_posts_form_with_credentials_in_headers(genesis, client, source):
    replay, _ = genesis
    replay.script["data/tablefile"] = [zip_reply()]
    download = client.download(source)
    assert download.body[:2] == b"PK"
    assert download.status_code == 0
    method, form, headers = replay.requests[0]
    assert method == "data/tablefile"
    assert form == {
        "name": CODE,
        "area": "all",
        "format": "ffcsv",
        "compress": "false",
        "language": "de",
        "quality": "on",
        "startyear": "2022",
        "endyear": "",
        "regionalvariable": "KREISE",
        "regionalkey": "05*",
        "job": "false",
    }
    assert headers == {"username": USER, "password": PASSWORD}
    assert "username" not in form and "password" not in form
    assert download.url.endswith("/rest/2020/data/tablefile")


def test_token_goes_in_username_with_empty_password(genesis, source):
    replay, database = genesis
    replay.script["metadata/table"] = [json_reply("metadata_table_ok.json")]
    client = GenesisClient(database, Credentials(TOKEN, ""), FAST)
    assert client.table_updated(CODE) == "15.02.2025 09:30:00h"
    assert replay.requests[0][2] == {"username": TOKEN, "password": ""}
    assert replay.requests[0][1] == {"name": CODE, "area": "all", "language": "de"}


def test_status22_is_logged_and_accepted(genesis, client, caplog):
    replay, _ = genesis
    replay.script["metadata/table"] = [json_reply("metadata_table_status22.json")]
    with caplog.at_level(logging.INFO, logger="etl.fetch"):
        assert client.table_updated(CODE) == "15.02.2025 09:30:00h"
    assert "Parameter angepasst (Status 22)" in caplog.text
    assert ": area)" in caplog.text


def test_status98_repeats_as_job_then_polls_until_ready(genesis, client, source, caplog):
    replay, _ = genesis
    replay.script["data/tablefile"] = [
        json_reply("tablefile_status98_too_big.json"),
        json_reply("tablefile_status99_job.json"),
    ]
    replay.script["catalogue/results"] = [json_reply("results_status104_not_ready.json")] * 3 + [
        json_reply("results_status0_ready.json")
    ]
    replay.script["data/resultfile"] = [zip_reply()]
    with caplog.at_level(logging.INFO, logger="etl.fetch"):
        download = client.download(source)
    assert replay.methods() == ["data/tablefile", "data/tablefile"] + ["catalogue/results"] * 4 + [
        "data/resultfile"
    ]
    assert replay.requests[0][1]["job"] == "false"
    assert replay.requests[1][1]["job"] == "true"
    assert replay.requests[2][1] == {
        "selection": "99999-01-01-4_424242",
        "area": "user",
        "pagelength": "1",
        "language": "de",
    }
    assert replay.requests[-1][1]["name"] == "99999-01-01-4_424242"
    assert download.body[:2] == b"PK"
    assert download.status_code == 99
    assert download.url.endswith("data/resultfile")
    assert "noch nicht fertig" in caplog.text
    assert any("Hintergrundauftrag 99999-01-01-4_424242" in note for note in download.notes)


def test_polling_stops_at_the_maximum_wait(genesis, source):
    replay, database = genesis
    replay.script["data/tablefile"] = [json_reply("tablefile_status99_job.json")]
    replay.script["catalogue/results"] = [json_reply("results_status104_not_ready.json")]
    now = [0.0]
    settings = ClientSettings(timeout=1, retries=0, poll_first=10, poll_max=40, max_wait=100)
    client = GenesisClient(
        database,
        Credentials(USER, PASSWORD),
        settings,
        sleep=lambda s: now.__setitem__(0, now[0] + s),
        clock=lambda: now[0],
    )
    with pytest.raises(FetchError, match="maximale Wartezeit von 100 s"):
        client.download(source)
    # waits 10 + 20 + 40 = 70 s; the next 40 s wait would pass 100 s
    assert replay.methods().count("catalogue/results") == 3


@pytest.mark.parametrize(
    ("reply", "expected"),
    [
        (
            "tablefile_status-1_error.json",
            r"Fehler des Web-Service bei 99999-01-01-4 \(Status -1\): .*Testfall",
        ),
        ("tablefile_status104_no_objects.json", r"keine Objekte .*Status 104.*Regionalfilter"),
        (
            "metadata_table_status90.json",
            r"gibt es in Regionaldatenbank Deutschland \(Test\) nicht \(Status 90\)",
        ),
        (
            "status15_not_authorised.json",
            r"nicht berechtigt .*Status 15.*GENESIS_REGIONALSTATISTIK_TOKEN oder "
            r"GENESIS_REGIONALSTATISTIK_USERNAME und GENESIS_REGIONALSTATISTIK_PASSWORD",
        ),
    ],
)
def test_error_statuses_fail_with_clear_message(genesis, client, source, reply, expected):
    replay, _ = genesis
    replay.script["data/tablefile"] = [json_reply(reply)]
    with pytest.raises(FetchError, match=expected):
        client.download(source)


def test_unknown_status_code_is_named(genesis, client, source):
    replay, _ = genesis
    body = (
        b'{"Ident":{"Service":"data","Method":"tablefile"},'
        b'"Status":{"Code":777,"Content":"Wartung","Type":"Fehler"},"Object":null}'
    )
    replay.script["data/tablefile"] = [Reply(body)]
    with pytest.raises(FetchError, match=r"unbekannter Status 777 \(Fehler\) bei 99999-01-01-4: Wartung"):
        client.download(source)


def test_status50_skips(genesis, client, source):
    replay, _ = genesis
    replay.script["data/tablefile"] = [json_reply("tablefile_status50_no_newer.json")]
    with pytest.raises(TableSkipped, match="keine neueren Daten"):
        client.download(source)


def test_http_5xx_is_retried(genesis, client, source):
    replay, _ = genesis
    replay.script["data/tablefile"] = [
        Reply(b"busy", "text/html", 503),
        Reply(b"oops", "text/html", 500),
        zip_reply(),
    ]
    assert client.download(source).body[:2] == b"PK"
    assert replay.methods() == ["data/tablefile"] * 3


def test_http_5xx_gives_up_after_the_retries(genesis, client, source):
    replay, _ = genesis
    replay.script["data/tablefile"] = [Reply(b"busy", "text/html", 503)]
    with pytest.raises(FetchError, match=r"nach 3 Versuchen nicht erreichbar \(HTTP 503\)"):
        client.download(source)
    assert len(replay.requests) == 3


def test_timeout_then_retry_succeeds(genesis, client, source):
    replay, _ = genesis
    slow = zip_reply()
    slow.delay = 1.5  # longer than FAST.timeout (0.5 s)
    replay.script["data/tablefile"] = [slow, zip_reply()]
    assert client.download(source).body[:2] == b"PK"
    assert replay.methods() == ["data/tablefile"] * 2


def test_connection_refused_fails_after_retries(source):
    from etl.fetch.sources import Database

    closed = Database(
        "regionalstatistik", "Test", "http://127.0.0.1:9/rest/2020/", "GENESIS_REGIONALSTATISTIK"
    )
    sleeps = []
    client = GenesisClient(closed, Credentials(USER, PASSWORD), FAST, sleep=sleeps.append)
    with pytest.raises(FetchError, match="ConnectionError"):
        client.download(source)
    assert sleeps == [0.01, 0.02]  # exponential back-off between the three attempts


def test_secret_echoed_by_server_is_masked(genesis, client, source, caplog):
    replay, _ = genesis
    replay.script["data/tablefile"] = [json_reply("status15_not_authorised.json")]
    with caplog.at_level(logging.DEBUG), pytest.raises(FetchError) as error:
        client.download(source)
    assert "Benutzer ******** unbekannt" in str(error.value)
    assert USER not in str(error.value) and USER not in caplog.text
    assert PASSWORD not in repr(client._credentials)


def test_unexpected_html_answer(genesis, client, source):
    replay, _ = genesis
    replay.script["data/tablefile"] = [Reply(b"<html>Login</html>", "text/html", 200)]
    with pytest.raises(FetchError, match=r"unerwartete Antwort \(text/html, HTTP 200\)"):
        client.download(source)


def test_http_401_names_the_variables(genesis, client, source):
    replay, _ = genesis
    replay.script["data/tablefile"] = [Reply(b"Unauthorized", "text/plain", 401)]
    with pytest.raises(FetchError, match=r"nicht berechtigt \(HTTP 401\): GENESIS_REGIONALSTATISTIK_TOKEN"):
        client.download(source)
