"""Every bad file of the corpus is rejected by etl.parse with a clear message (file, line, reason)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from etl.parse import ParseError, parse_file_arrow
from tests.hostile.cases import PARSE_CASES, Case
from tests.hostile.conftest import record


def _own_temp_dirs() -> set[str]:
    return {p.name for p in Path(tempfile.gettempdir()).glob(f"etl-parse-{os.getpid()}-*")}


@pytest.mark.parametrize("case", PARSE_CASES, ids=[c.id for c in PARSE_CASES])
def test_bad_file_gives_a_clear_error(case: Case, tmp_path):
    path = tmp_path / case.name
    path.write_bytes(case.content())
    before = _own_temp_dirs()
    try:
        parse_file_arrow(path)
    except ParseError as exc:
        record(case.id, "clear_error" if case.fragment in str(exc) else "wrong_accept")
        assert str(exc).startswith(case.name), str(exc)  # names the file (and the ZIP member)
        assert case.fragment in str(exc)
    except Exception as exc:  # the corpus counts any other exception as a traceback
        record(case.id, "traceback")
        pytest.fail(f"{case.id}: {type(exc).__name__}: {exc}")
    else:
        record(case.id, "wrong_accept")
        pytest.fail(f"{case.id}: accepted")
    assert _own_temp_dirs() == before  # temporary folders removed also after the error


def test_corpus_has_at_least_100_parse_cases():
    assert len(PARSE_CASES) >= 100
    assert len({c.id for c in PARSE_CASES}) == len(PARSE_CASES)
