"""Bar value labels on the pages in a real browser (issue 11): at 1440 and 640 px (1280 px at 200 %
zoom) every label lies inside the chart (not clipped) and none is crossed by the dashed reference line."""

import pytest

from tests.browser.conftest import settle

pytestmark = pytest.mark.browser

#: the Gymnasium transition of the Gemeinden: 16 bars around the Kreis value (34,5 % in the demo)
RANKING = "indikatoren?ansicht=Rangfolge&indicator=transition_rate_gy&level=gemeinde"
MEASURE = """() => {
  const plot = [...document.querySelectorAll('.js-plotly-plot')].find(p => p.offsetParent !== null
    && p.querySelector('.bartext'));
  if (!plot) { return null; }
  const svg = plot.querySelector('.main-svg').getBoundingClientRect();
  const line = [...plot.querySelectorAll('.shapelayer path')].map(p => p.getBoundingClientRect())
    .find(r => r.height > 50 && r.width < 6);
  const labels = [...plot.querySelectorAll('.bartext')].map(t => {
    const r = t.getBoundingClientRect(); return {text: t.textContent, left: r.left, right: r.right}; });
  return {svg: {left: svg.left, right: svg.right}, line: line ? (line.left + line.right) / 2 : null, labels};
}"""


@pytest.mark.parametrize("width", [1440, 640])
def test_bar_labels_are_not_clipped_nor_crossed_by_the_reference_line(app_url, chromium, width):
    context = chromium.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(f"{app_url}/{RANKING}")
    settle(page, ".js-plotly-plot .bartext")
    seen = page.evaluate(MEASURE)
    context.close()
    assert seen is not None and seen["line"] is not None, seen
    assert len(seen["labels"]) >= 10
    crossed = [label for label in seen["labels"] if label["left"] - 1 < seen["line"] < label["right"] + 1]
    assert crossed == [], (width, seen["line"], crossed)
    clipped = [label for label in seen["labels"]
               if label["left"] < seen["svg"]["left"] or label["right"] > seen["svg"]["right"]]
    assert clipped == [], (width, clipped)
