"""Every page on a build for Kreis Gütersloh (05754) with BILDUNGSMONITOR_KREIS=05754: no exception, the
page texts name Gütersloh, and Lippe appears only as "Kreis Lippe" (a comparison Kreis)."""

import logging
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from monitor import errors
from monitor.navigation import PAGE_SPECS

APP = Path(__file__).resolve().parents[2] / "app.py"
NAME = "Gütersloh"

class _Errors(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def _texts(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [t.value for t in at.title]
    parts += [h.value for h in at.header] + [h.value for h in at.subheader]
    parts += [f"{m.label}: {m.value}" for m in at.metric]
    parts += [w.value for w in at.warning] + [e.value for e in at.error] + [i.value for i in at.info]
    return "\n".join(str(p) for p in parts)


@pytest.mark.parametrize("spec", PAGE_SPECS, ids=[s.url_path for s in PAGE_SPECS])
def test_page_works_for_guetersloh(spec, gt_env, expect_page_error):
    handler = _Errors()
    errors.LOG.addHandler(handler)
    try:
        at = AppTest.from_file(str(APP), default_timeout=120)
        at.run()
        if spec.file != PAGE_SPECS[0].file:
            at.switch_page(spec.file).run()
    finally:
        errors.LOG.removeHandler(handler)
    failed = [r for r in handler.records if r.getMessage().startswith(errors.PAGE_ERROR)]
    assert not failed, f"{spec.file}: {failed[0].exc_info[1]!r}"
    assert not at.exception, f"{spec.file}: {at.exception[0].value}"
    text = _texts(at)
    assert NAME in text, f"{spec.file} does not name {NAME}"
    assert "Lippe" not in text.replace("Kreis Lippe", ""), f"{spec.file} still names Lippe as the home"
