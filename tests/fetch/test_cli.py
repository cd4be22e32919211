"""`python -m etl fetch` end to end against the replay server: files, manifest, skips, failures, secrets."""

import argparse
import hashlib
import json
import logging

import pytest

from etl.fetch import cli
from tests.fetch.conftest import CODE, PASSWORD, TOKEN, USER, Reply, json_reply, zip_reply


@pytest.fixture
def run(genesis, tmp_path, monkeypatch, capsys, caplog):
    """Run the command with a download list pointing at the replay server; returns (exit code, output)."""
    _, database = genesis
    for key in ("TOKEN", "USERNAME", "PASSWORD"):
        monkeypatch.delenv(f"GENESIS_REGIONALSTATISTIK_{key}", raising=False)
    sources = tmp_path / "fetch_sources.toml"
    sources.write_text(
        f'[databases.regionalstatistik]\nname = "Test"\nbase_url = "{database.base_url}"\n'
        f'env_prefix = "GENESIS_REGIONALSTATISTIK"\n\n[[table]]\ncode = "{CODE}"\n'
        'database = "regionalstatistik"\nregionalvariable = "KREISE"\nregionalkey = "05*"\n',
        encoding="utf-8",
    )
    env_file = tmp_path / ".env"
    env_file.write_text(
        f"# test\nGENESIS_REGIONALSTATISTIK_USERNAME={USER}\n"
        f"export GENESIS_REGIONALSTATISTIK_PASSWORD='{PASSWORD}'\n",
        encoding="utf-8",
    )

    def _run(*extra: str) -> tuple[int, str]:
        parser = argparse.ArgumentParser()
        cli.configure(parser)
        args = parser.parse_args(
            [
                "--sources",
                str(sources),
                "--env-file",
                str(env_file),
                "--out",
                str(tmp_path / "raw"),
                "--timeout",
                "2",
                *extra,
            ]
        )
        with caplog.at_level(logging.INFO, logger="etl.fetch"):
            code = cli.main(args)
        output = capsys.readouterr().out + caplog.text
        caplog.clear()
        return code, output

    _run.env_file = env_file
    _run.out = tmp_path / "raw" / "regionalstatistik"
    return _run


def _manifest(folder) -> dict:
    return json.loads((folder / "manifest.json").read_text(encoding="utf-8"))["tables"][CODE]


def test_fetch_writes_file_and_manifest_then_skips_unchanged(genesis, run):
    replay, _ = genesis
    replay.script["metadata/table"] = [json_reply("metadata_table_ok.json")]
    good = zip_reply()
    replay.script["data/tablefile"] = [good]
    code, output = run()
    assert code == 0
    target = run.out / f"{CODE}.zip"
    assert target.read_bytes() == good.body
    entry = _manifest(run.out)
    assert entry["sha256"] == hashlib.sha256(good.body).hexdigest()
    assert entry["updated"] == "15.02.2025 09:30:00h"
    assert entry["status_code"] == 0
    assert (entry["rows"], entry["notes"]) == (3, [])  # read back by etl.parse
    assert entry["url"].endswith("/genesisws/rest/2020/data/tablefile")
    assert entry["parameters"]["regionalkey"] == "05*"
    assert "Geladen: 1" in output and "Fehlgeschlagen: 0" in output
    assert f"Nächster Schritt: python -m etl build --source-dir {run.out.parent}" in output

    code, output = run()
    assert code == 0
    assert "Übersprungen: 1" in output and "unverändert seit 15.02.2025 09:30:00h" in output
    assert replay.methods() == ["metadata/table", "data/tablefile", "metadata/table"]

    code, _ = run("--force")
    assert code == 0
    assert replay.methods()[-1] == "data/tablefile"


def test_broken_zip_is_rejected_and_previous_file_kept(genesis, run):
    replay, _ = genesis
    replay.script["metadata/table"] = [json_reply("metadata_table_ok.json")]
    good = zip_reply()
    replay.script["data/tablefile"] = [good, Reply(good.body[:40], "application/zip")]
    assert run()[0] == 0
    before = _manifest(run.out)
    code, output = run("--force")
    assert code == 1
    assert "ZIP ist beschädigt" in output and "vorherige Datei bleibt erhalten" in output
    assert "Fehlgeschlagen: 1" in output
    assert (run.out / f"{CODE}.zip").read_bytes() == good.body
    assert _manifest(run.out) == before
    assert sorted(p.name for p in run.out.iterdir()) == [f"{CODE}.zip", "manifest.json"]


def test_zip_without_statistics_file_is_rejected(genesis, run):
    replay, _ = genesis
    replay.script["metadata/table"] = [json_reply("metadata_table_ok.json")]
    replay.script["data/tablefile"] = [zip_reply(b"<html>Wartungsarbeiten</html>")]
    code, output = run()
    assert code == 1
    assert "keine GENESIS-Datei" in output
    assert not (run.out / f"{CODE}.zip").exists()


def test_other_table_code_in_the_file_is_noted(genesis, run):
    replay, _ = genesis
    replay.script["metadata/table"] = [json_reply("metadata_table_ok.json")]
    replay.script["data/tablefile"] = [zip_reply(member="88888-01-01-4_1760000000000_de_flat.csv")]
    code, output = run()
    assert code == 0
    assert _manifest(run.out)["notes"] == [f"{CODE}: der Parser liest den Tabellencode 88888-01-01-4"]
    assert "der Parser liest den Tabellencode 88888-01-01-4" in output


def test_status50_counts_as_skipped(genesis, run):
    replay, _ = genesis
    replay.script["metadata/table"] = [json_reply("metadata_table_ok.json")]
    replay.script["data/tablefile"] = [json_reply("tablefile_status50_no_newer.json")]
    code, output = run()
    assert code == 0
    assert "Übersprungen: 1" in output and "keine neueren Daten" in output


def test_missing_table_fails_with_exit_code_1(genesis, run):
    replay, _ = genesis
    replay.script["metadata/table"] = [json_reply("metadata_table_status90.json")]
    code, output = run()
    assert code == 1
    assert "Status 90" in output and "Fehlgeschlagen: 1" in output
    assert replay.methods() == ["metadata/table"]


def test_without_credentials_names_variables_and_stays_offline(genesis, run):
    replay, _ = genesis
    run.env_file.write_text("# nothing configured\n", encoding="utf-8")
    code, output = run()
    assert code == 2
    assert (
        "GENESIS_REGIONALSTATISTIK_TOKEN oder GENESIS_REGIONALSTATISTIK_USERNAME und "
        "GENESIS_REGIONALSTATISTIK_PASSWORD"
    ) in output
    assert replay.requests == []


def test_dry_run_prints_plan_without_network(genesis, run):
    replay, _ = genesis
    code, output = run("--dry-run")
    assert code == 0
    assert f"data/tablefile {CODE} [" in output and "regionalkey=05*" in output
    assert replay.requests == []


def test_credentials_never_in_output_manifest_or_errors(genesis, run, monkeypatch):
    replay, _ = genesis
    monkeypatch.setenv("GENESIS_REGIONALSTATISTIK_TOKEN", TOKEN)  # the environment wins over .env
    replay.script["metadata/table"] = [
        json_reply("metadata_table_ok.json"),
        json_reply("status15_not_authorised.json"),
    ]
    replay.script["data/tablefile"] = [zip_reply()]
    outputs = [run()[1]]
    assert replay.requests[0][2] == {"username": TOKEN, "password": ""}
    code, output = run("--force")  # the server now echoes the token in its error message
    outputs.append(output)
    assert code == 1
    assert "Benutzer ******** unbekannt" in output
    text = "\n".join(outputs) + (run.out / "manifest.json").read_text(encoding="utf-8")
    for secret in (TOKEN, USER, PASSWORD):
        assert secret not in text


def test_bad_env_file_line_is_reported_without_its_content(run):
    run.env_file.write_text(f"GENESIS_REGIONALSTATISTIK_TOKEN={TOKEN}\n{PASSWORD}\n", encoding="utf-8")
    code, output = run()
    assert code == 2
    assert f"{run.env_file}, line 2: expected KEY=VALUE" in output
    assert PASSWORD not in output


def test_only_unknown_code_is_a_clear_error(run):
    code, output = run("--only", "00000-0000")
    assert code == 2
    assert "--only: 00000-0000 steht nicht in der Abrufliste" in output
