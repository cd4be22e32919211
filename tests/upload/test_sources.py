"""Source selection over several folders: later folders win per table code, real data replaces the
demo data of the same core subject, unreadable files are kept for the build to report."""

import json
from pathlib import Path

from etl import load, sources
from tests.upload.fixtures import template_text, write_unemployment


def _write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder / name


def test_peek_reads_code_and_synthetic_flag(tmp_path):
    real = sources.peek(write_unemployment(tmp_path / "a"))
    demo = sources.peek(write_unemployment(tmp_path / "b", synthetic=True))
    local = sources.peek(_write(tmp_path, "vhs.csv", template_text("LOCAL-VHS", True)))
    assert (real.table_code, real.synthetic) == ("13211-02-05-4", False)
    assert (demo.table_code, demo.synthetic) == ("13211-02-05-4", True)
    assert (local.table_code, local.synthetic) == ("LOCAL-VHS", True)
    assert sources.peek(_write(tmp_path, "junk.csv", "hello;world\n")).table_code is None
    assert sources.peek(_write(tmp_path, "head.csv", "statistics_code;statistics_label\n")).table_code is None
    assert sources.peek(_write(tmp_path, "t.csv", "Tabelle 1\n")).table_code is None


def test_later_folder_wins_for_the_same_table_code(tmp_path):
    demo = write_unemployment(tmp_path / "demo", synthetic=True)
    vhs = _write(tmp_path / "demo", "LOCAL-VHS.csv", template_text("LOCAL-VHS", True))
    newer = write_unemployment(tmp_path / "raw", name="13211-02-05-4_neu.csv", synthetic=True)
    chosen = sources.select([tmp_path / "demo", tmp_path / "raw"])
    assert sorted(chosen.files) == sorted([vhs, newer])
    assert [p for p, _ in chosen.dropped] == [demo]


def test_real_file_replaces_demo_files_of_the_same_core_subject(tmp_path):
    demo = tmp_path / "demo"
    kita_local = _write(demo, "LOCAL-KITA.csv", template_text("LOCAL-KITA", True))
    ogs = _write(demo, "LOCAL-OGS.csv", template_text("LOCAL-OGS", True))
    real_kita = _write(tmp_path / "uploads", "kita.csv", template_text("LOCAL-KITA", False).replace(
        "LOCAL-KITA", "22541-01-04-4"))
    chosen = sources.select([demo, tmp_path / "uploads"])
    assert sorted(chosen.files) == sorted([ogs, real_kita])  # allday stays demo, kita is real only
    assert chosen.dropped == [(kita_local, "Demodaten ersetzt durch echte Daten zum Thema kita")]


def test_unreadable_file_is_kept_for_the_build_to_report(tmp_path):
    junk = _write(tmp_path / "a", "junk.csv", "no official file\n")
    other = write_unemployment(tmp_path / "b")
    assert sources.select([tmp_path / "a", tmp_path / "b"]).files == [junk, other]


def test_staged_folder_links_the_selected_files(tmp_path):
    first = write_unemployment(tmp_path / "demo", synthetic=True)
    second = write_unemployment(tmp_path / "uploads")
    with sources.staged([tmp_path / "demo"]) as single:
        assert single == tmp_path / "demo"
    with sources.staged([tmp_path / "demo", tmp_path / "uploads"]) as folder:
        linked = load.source_files(folder)
        assert [p.name for p in linked] == ["13211-02-05-4.csv"]
        assert linked[0].resolve() == second.resolve() != first.resolve()
    assert not folder.exists()


def test_describe_round_trip(tmp_path):
    one, two = tmp_path / "a", tmp_path / "b"
    assert sources.describe([one]) == str(one.resolve())
    assert json.loads(sources.describe([one, two])) == [str(one.resolve()), str(two.resolve())]
    assert sources.parse_described(sources.describe([one, two])) == [one.resolve(), two.resolve()]
    assert sources.parse_described(None) == []


def test_boundaries_file_explicit_else_last_folder(tmp_path):
    for name in ("a", "b"):
        (tmp_path / name / "geo").mkdir(parents=True)
    (tmp_path / "a" / "geo" / "boundaries.geojson").write_text("{}")
    assert sources.boundaries_file([tmp_path / "a", tmp_path / "b"]) == tmp_path / "a/geo/boundaries.geojson"
    (tmp_path / "b" / "geo" / "boundaries.geojson").write_text("{}")
    assert sources.boundaries_file([tmp_path / "a", tmp_path / "b"]) == tmp_path / "b/geo/boundaries.geojson"
    assert sources.boundaries_file([tmp_path / "a"], tmp_path / "x.geojson") == tmp_path / "x.geojson"
    assert sources.boundaries_file([tmp_path]) is None


def test_staged_folder_keeps_the_stand_of_each_folders_manifest(tmp_path):
    write_unemployment(tmp_path / "demo", synthetic=True)
    vhs = _write(tmp_path / "demo", "LOCAL-VHS.csv", template_text("LOCAL-VHS", True))
    (tmp_path / "demo" / "manifest.json").write_text(json.dumps(
        {"stand": "2026-02-08T00:00:00", "files": [{"file": "13211-02-05-4.csv"}, {"file": vhs.name}]}))
    write_unemployment(tmp_path / "raw")
    (tmp_path / "raw" / "manifest.json").write_text(json.dumps(
        {"tables": {"13211-02-05-4": {"file": "13211-02-05-4.csv", "updated": "31.03.2025 11:18:07h"}}}))
    with sources.staged([tmp_path / "demo", tmp_path / "raw"]) as folder:
        assert load.manifest_stands(folder) == {"LOCAL-VHS.csv": "2026-02-08T00:00:00",
                                                "13211-02-05-4.csv": "2025-03-31T11:18:07"}
