"""svg.slim: plotly SVGs lighter for WeasyPrint, drawing the same."""

import xml.etree.ElementTree as ET

from monitor.reports import svg

NS = {"s": svg.SVG_NS}
HEAD = ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10"'
        ' height="10">')


def slim(body: str) -> ET.Element:
    return ET.fromstring(svg.slim(f"{HEAD}{body}</svg>".encode()))


def test_styles_become_attributes_and_win_over_them():
    root = slim('<path d="M0,0h5" fill="red" class="xgrid crisp" data-index="3" '
                'style="stroke: rgb(1, 2, 3); stroke-width: 2px; fill: none;"/>')
    path = root.find("s:path", NS)
    assert path.attrib == {"d": "M0,0h5", "fill": "none", "stroke": "rgb(1, 2, 3)", "stroke-width": "2px"}


def test_text_keeps_its_font_and_characters():
    root = slim('<text x="2" y="16" style="font-family: \'DejaVu Sans\', sans-serif; font-size: 15px; '
                'white-space: pre;">−38 %</text>')
    text = root.find("s:text", NS)
    assert text.text == "−38 %"
    assert text.get("font-family") == '"DejaVu Sans", sans-serif'  # as WeasyPrint serialises it
    assert text.get("white-space") == "pre"


def test_what_draws_nothing_goes():
    root = slim('<g class="bglayer"/><g class="layer-below"><g class="imagelayer"/></g>'
                '<rect class="legendtoggle" width="5" height="5"'
                ' style="fill: rgb(0, 0, 0); fill-opacity: 0;"/>'
                '<rect class="scrollbar" width="0" height="0" style="fill: rgb(128, 139, 164);"/>'
                '<path class="zl"/>'
                '<g style="opacity: 0;"><text>hidden</text></g>'
                '<g style="stroke: rgb(0, 0, 0); stroke-width: 1px;">'
                '<rect width="5" height="5" style="fill: none;"/></g>')
    kept = [element.tag.split("}")[1] for element in root.iter()]
    # the last rectangle has no fill but inherits a visible stroke: it stays, with its group
    assert kept == ["svg", "g", "rect"]


def test_definitions_and_referenced_nodes_stay():
    root = slim('<defs><clipPath id="c1"><rect width="5" height="5"/></clipPath><g class="gradients"/></defs>'
                '<g id="kept"/><g clip-path="url(#c1)"><path d="M0,0h5" style="stroke: rgb(0, 0, 0);"/></g>')
    assert root.find("s:defs/s:clipPath/s:rect", NS) is not None
    assert root.find("s:defs/s:g", NS) is not None
    assert root.find("s:g[@id='kept']", NS) is not None
    assert root.find("s:g/s:path", NS).get("stroke") == "rgb(0, 0, 0)"


def test_important_or_unreadable_svg_is_left_alone():
    important = f'{HEAD}<rect width="5" height="5" style="fill: red !important;"/></svg>'.encode()
    assert svg.slim(important) == important
    assert svg.slim(b"<svg>100") == b"<svg>100"
