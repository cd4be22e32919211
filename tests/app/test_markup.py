"""monitor.markup.escape on known inputs: every Markdown construct a file or URL could carry is shown
literally."""

import pytest

from monitor.markup import escape

CASES = [
    ("Lippe, Kreis", "Lippe, Kreis"),
    ("Schieder-Schwalenberg", r"Schieder\-Schwalenberg"),
    ("[hier klicken](https://evil.example)", "\\[hier klicken\\]\\(https\\:\u2060\\/\\/evil\\.example\\)"),
    ("![x](http://evil.example/p.png)", "\\!\\[x\\]\\(http\\:\u2060\\/\\/evil\\.example\\/p\\.png\\)"),
    ("<img src=x onerror=alert(1)>", r"\<img src\=x onerror\=alert\(1\)\>"),
    # GFM links bare addresses in text even when escaped: a word joiner (U+2060) breaks the trigger
    ("www.evil.example", "www\u2060\\.evil\\.example"),
    ("WWW.evil.example", "WWW\u2060\\.evil\\.example"),
    ("https://evil.example", "https\\:\u2060\\/\\/evil\\.example"),
    ("a@evil.example", "a\u2060\\@evil\\.example"),
    (":red[rot] :material/home: :smile:", r"\:red\[rot\] \:material\/home\: \:smile\:"),
    ("$x^2$ **fett** _kursiv_ ~~weg~~ `code`", r"\$x\^2\$ \*\*fett\*\* \_kursiv\_ \~\~weg\~\~ \`code\`"),
    ("# Titel", r"\# Titel"),
    ("1. Punkt | Spalte", r"1\. Punkt \| Spalte"),
    ("&lt;b&gt; \\", r"\&lt;b\&gt; \\"),
    ("Zeile 1\n\n> Zitat\r\n- Liste", r"Zeile 1 \> Zitat \- Liste"),
    (12.5, r"12\.5"),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_escape_known_values(text, expected):
    assert escape(text) == expected


def test_escape_keeps_plain_german_text():
    assert escape("Übergänge 2024/25 „Kita“ 12,5 % ?") == "Übergänge 2024\\/25 „Kita“ 12,5 % ?"
