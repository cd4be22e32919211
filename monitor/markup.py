"""Text from files, the warehouse, URL parameters or user input shown inside Streamlit Markdown (st.markdown,
st.caption, st.info, labels, ``help=`` …) is passed through :func:`escape` first, so it is shown literally:
no links, images, HTML, colour or icon directives, emoji shortcodes, maths or headings."""

import re

#: ASCII punctuation with a meaning in CommonMark, GFM or Streamlit's Markdown (``:material/…:``,
#: ``:red[…]``, ``$…$``). CommonMark lets every ASCII punctuation character be backslash-escaped;
#: ``" % ' , ; ?`` have no meaning and stay as they are.
SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~:$&=^@/])")
LINE_BREAK = re.compile(r"\s*[\r\n]+\s*")
#: GFM turns ``https://…``, ``www.…`` and ``name@host.tld`` in *text* into links after escapes are resolved;
#: an invisible word joiner (U+2060) inside the trigger keeps them text (and breaks a copied address).
AUTOLINK = re.compile(r"(?<=:)(?=//)|(?<=www)(?=\.)|(?=@)", re.IGNORECASE)
WORD_JOINER = "\u2060"


def escape(value: object) -> str:
    """``value`` as Markdown source that renders exactly as its text (no link), on one line."""
    text = AUTOLINK.sub(WORD_JOINER, LINE_BREAK.sub(" ", str(value)))
    return SPECIAL.sub(r"\\\1", text)
