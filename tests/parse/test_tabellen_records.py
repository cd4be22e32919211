"""Tabellen-CSV records: data lines split by Arrow give what Python's csv module reads, and a data line
that the split cannot read (quoted cell, bare CR) is read by the csv module, with its line numbers."""

from types import SimpleNamespace

import pytest

from etl.parse import ParseError, parse_file
from etl.parse.tabellen_records import _head, _read_body, _split_body

from .test_parse_tabellen import GOOD, PERIOD_LINES

SOURCE = SimpleNamespace(label="t.csv")


def _bodies(text: str):
    """(split, read): the data lines and footer of text by both readers (split None: not splittable)."""
    _, _, _, (offset, line) = _head(SOURCE, text)
    return _split_body(SOURCE, text, offset, line), _read_body(SOURCE, text, offset, line)


def _plain(body):
    data, footer = body
    return data.cells.to_pylist(), data.lines.tolist(), [(r.line, r.cells) for r in footer]


@pytest.mark.parametrize(
    "edit",
    [
        lambda ls: ls,
        lambda ls: ls[:6] + ["", " ;  ; ", *ls[6:]],  # blank lines among the data lines
        lambda ls: ls[:6] + ["31.12.2024;05766__________;Lippe;1;2;;", *ls[6:]],  # rule inside a cell
        lambda ls: ls[:7] + ["  __________", *ls[8:]],  # indented rule
        lambda ls: ls[:8] + ['"Fußnote;', 'zweite Zeile"', *ls[8:]],  # quoted footnote after the rule
    ],
)
@pytest.mark.parametrize("end", ["\n", "\r\n"])
def test_split_lines_equal_csv_records(edit, end):
    split, read = _bodies(end.join(edit(list(GOOD))) + end)
    assert split is not None and _plain(split) == _plain(read)


def test_period_line_file_splits_as_csv_reads():
    split, read = _bodies(PERIOD_LINES.read_bytes().decode("cp1252"))
    assert split is not None and _plain(split) == _plain(read)
    assert read[0].lines.tolist() == list(range(11, 25))  # period and repeated header lines too


def test_quoted_cell_is_read_by_the_csv_module(write):
    """A quoted label with `;` and a line break: one record over two lines, the next on line 9."""
    data_line = '31.12.2024;05766020;"Detmold;\nStadt";300;700'
    text = "\n".join([*GOOD[:6], data_line, "31.12.2024;05766024;Lage, Stadt;100;200", *GOOD[7:]]) + "\n"
    assert _bodies(text)[0] is None
    table = parse_file(write("q.csv", text)).table
    assert table.line.tolist() == [6, 6, 7, 7, 9, 9] and table.region.tolist()[2] == "Detmold;\nStadt"
    assert table.value.tolist() == [1506, 3012, 300, 700, 100, 200]


def test_bare_cr_ends_a_record_as_in_the_csv_module(write):
    """A CR without LF inside a data line ends the record there, as Python's csv module reads it."""
    text = "\r\n".join([*GOOD[:6], "31.12.2024;05766020;Detmold\r;300;700", *GOOD[7:]]) + "\r\n"
    assert _bodies(text)[0] is None
    with pytest.raises(ParseError, match="falsche Spaltenzahl: erwartet 5, gefunden 3") as info:
        parse_file(write("r.csv", text))
    assert info.value.line == 7


def test_line_of_one_cell_that_is_no_period_is_a_data_line(write):
    """`DG;;;;;;` below a block's lines is no period line: a data line (row cells from the line above,
    values missing) of the block's period, and the next block still starts at its period line."""
    lines = PERIOD_LINES.read_bytes().decode("cp1252").split("\r\n")
    edited = [*lines[:12], "DG;;;;;;", *lines[12:]]  # after line 12, `DG;Deutschland;Gymnasien;…`
    table = parse_file(write("p.csv", "\r\n".join(edited), "cp1252")).table
    rows = table[table.line == 13]
    assert rows.region.tolist() == ["Deutschland"] * 4 and rows.dim_1.tolist() == ["Gymnasien"] * 4
    assert set(rows.status) == {"missing"} and rows.value.isna().all() and set(rows.period) == {"2015"}
    assert table.loc[table.line == 22, "period"].tolist() == ["2016"] * 4


def _mutated(lines: list[str], rng) -> list[str]:
    """One random edit of the kinds real files and bad downloads show."""
    i = rng.randrange(len(lines))
    edits = [
        lambda: lines.insert(i, ""),
        lambda: lines.insert(i, lines[i]),
        lambda: lines.pop(i),
        lambda: lines.__setitem__(i, lines[i] + ";x"),
        lambda: lines.__setitem__(i, "  " + lines[i].replace(";", "", 1)),
        lambda: lines.insert(i, rng.choice(["2016;;;;;;", " ;;; ", "__________", "x__________;;"])),
    ]
    rng.choice(edits)()
    return lines


@pytest.mark.parametrize("seed", range(4))
def test_split_lines_equal_csv_records_on_edited_files(seed):
    """Seeded random edits of the fixtures: wherever the data lines are split by Arrow, they are the
    records Python's csv module reads (cells, lines, footer)."""
    import random

    from etl.parse import ParseError as Error

    rng, compared = random.Random(seed), 0
    base = PERIOD_LINES.read_bytes().decode("cp1252").split("\r\n")
    for lines in ([*GOOD] for _ in range(40)), ([*base] for _ in range(40)):
        for edited in lines:
            for _ in range(rng.randint(1, 3)):
                edited = _mutated(edited, rng)
            try:
                split, read = _bodies("\n".join(edited) + "\n")
            except Error:  # no header, data or footer: both readers see the same head
                continue
            if split is not None:
                assert _plain(split) == _plain(read)
                compared += 1
    assert compared > 40
