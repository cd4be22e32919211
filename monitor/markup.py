"""Text from files, the warehouse, URL parameters or user input shown inside Streamlit Markdown (st.markdown,
st.caption, st.info, labels, ``help=`` …) is passed through :func:`escape` first, so it is shown literally:
no links, images, HTML, colour or icon directives, emoji shortcodes, maths or headings."""

import re

#: ASCII punctuation with a meaning in CommonMark, GFM or Streamlit's Markdown (``:material/…:``,
#: ``:red[…]``, ``$…$``). CommonMark lets every ASCII punctuation character be backslash-escaped;
#: ``" % ' , ; ?`` have no meaning and stay as they are.
SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~:$&=^@/])")
LINE_BREAK = re.compile(r"\s*[\r\n]+\s*")


def escape(value: object) -> str:
    """``value`` as Markdown source that renders exactly as its text, on one line."""
    return SPECIAL.sub(r"\\\1", LINE_BREAK.sub(" ", str(value)))
