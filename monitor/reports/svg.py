"""Lighter plotly SVGs for WeasyPrint: the same drawing with fewer nodes and no CSS to parse.

WeasyPrint cascades and draws every node of an embedded SVG on each PDF, parsing every ``style``
attribute with tinycss2 on the way; the 19 charts of a Bericht were about a third of its PDF time.
plotly writes many empty layer groups, transparent click targets and one ``style`` per element.
``slim`` removes what draws nothing and turns ``style`` declarations into presentation attributes exactly
as WeasyPrint's own cascade does (``weasyprint.svg.Node.cascade``: the declarations, parsed by the same
function, overwrite the attributes), once when a chart is rendered (the image cache keeps the result).

Removed, outside ``<defs>`` and only without an ``id``: groups without children or text; shapes whose fill
and stroke are both invisible (``none``, opacity 0 or stroke width 0, with the values WeasyPrint would
inherit); rectangles of zero width or height and paths without data (SVG does not draw them); elements
with ``opacity: 0`` and everything in them. ``class`` and ``data-*`` attributes go too: plotly's SVGs
carry no stylesheet, so they select nothing.
"""

import functools
import re
import xml.etree.ElementTree as ET

from weasyprint.svg import NOT_INHERITED_ATTRIBUTES
from weasyprint.svg.css import parse_declarations

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
ET.register_namespace("", SVG_NS)
ET.register_namespace("xlink", XLINK_NS)
SHAPES = {f"{{{SVG_NS}}}{tag}"
          for tag in ("rect", "path", "circle", "ellipse", "line", "polyline", "polygon")}
GROUP = f"{{{SVG_NS}}}g"
DEFINITIONS = {f"{{{SVG_NS}}}{tag}" for tag in ("defs", "clipPath", "mask", "pattern", "marker", "symbol")}
MARKERS = ("marker-start", "marker-mid", "marker-end", "marker")
NUMBER = re.compile(r"^\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)")


class SvgStyleError(ValueError):
    """A style attribute WeasyPrint would read differently (``!important``): the SVG is left as it is."""


@functools.lru_cache(maxsize=4096)
def declarations(style: str) -> tuple[tuple[str, str], ...]:
    """The declarations of a ``style`` attribute as WeasyPrint reads them (plotly repeats few styles)."""
    normal, important = parse_declarations(style)
    if important:
        raise SvgStyleError(style)
    return tuple(normal)


def number(value: str | None) -> float | None:
    """The leading number of a length or opacity (``0px`` → 0.0); None if there is none."""
    match = NUMBER.match(value or "")
    return float(match.group(1)) if match else None


def inline_styles(root: ET.Element) -> None:
    """Every ``style`` attribute as presentation attributes (the declarations win, as in WeasyPrint)."""
    for element in root.iter():
        style = element.attrib.pop("style", None)
        if style:
            element.attrib.update(declarations(style))
        for name in [n for n in element.attrib if n == "class" or n.startswith("data-")]:
            del element.attrib[name]


def invisible(element: ET.Element, values: dict[str, str]) -> bool:
    """Whether a shape draws nothing, given its effective (own and inherited) attribute values."""
    if number(values.get("opacity")) == 0:
        return True
    if element.tag not in SHAPES or len(element) or any(values.get(m) for m in MARKERS):
        return False
    if element.tag.endswith("}path") and not (element.get("d") or "").strip():
        return True  # an empty path draws nothing
    if element.tag.endswith("}rect") and (number(element.get("width")) == 0
                                          or number(element.get("height")) == 0):
        return True
    no_fill = values.get("fill", "black") == "none" or number(values.get("fill-opacity")) == 0
    no_stroke = (values.get("stroke", "none") == "none" or number(values.get("stroke-opacity")) == 0
                 or number(values.get("stroke-width")) == 0)
    return no_fill and no_stroke


def prune(parent: ET.Element, inherited: dict[str, str]) -> None:
    """Remove the children of ``parent`` that draw nothing (depth first, so groups emptied go too)."""
    for child in list(parent):
        values = {**inherited, **child.attrib}
        if child.tag in DEFINITIONS or child.get("id"):
            continue
        if invisible(child, values):
            parent.remove(child)
            continue
        prune(child, {k: v for k, v in values.items() if k not in NOT_INHERITED_ATTRIBUTES})
        if child.tag == GROUP and not len(child) and not (child.text or "").strip():
            parent.remove(child)


def slim(data: bytes) -> bytes:
    """The SVG with styles inlined and invisible nodes removed; unchanged if it cannot be read safely."""
    try:
        root = ET.fromstring(data)
        inline_styles(root)
    except (ET.ParseError, SvgStyleError):
        return data
    prune(root, {k: v for k, v in root.attrib.items() if k not in NOT_INHERITED_ATTRIBUTES})
    return ET.tostring(root, encoding="utf-8", xml_declaration=False)
