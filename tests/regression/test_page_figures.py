"""The figures the pages show for Kreis Lippe on the fixed demo build stay as recorded
(``page_figures_lippe.json``, made with ``python -m tests.regression.page_figures --write``)."""

import json

import pytest

from tests.regression import page_figures

RECORDED = json.loads(page_figures.RECORD.read_text(encoding="utf-8"))


def test_every_recorded_view_is_still_run():
    assert [name for name, _, _ in page_figures.VIEWS] == list(RECORDED)


@pytest.mark.parametrize(("name", "page", "params"), page_figures.VIEWS,
                         ids=[v[0] for v in page_figures.VIEWS])
def test_page_figures_unchanged(demo_warehouse, name, page, params):
    now = json.loads(json.dumps(page_figures.run_view(page, params), ensure_ascii=False))
    before = RECORDED[name]
    for part in ("metrics", "tables", "charts"):
        assert len(now[part]) == len(before[part]), f"{name}: number of {part} changed"
        for i, (new, old) in enumerate(zip(now[part], before[part], strict=True)):
            assert new == old, f"{name}: {part}[{i}] changed"
