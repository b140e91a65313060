"""PDF reader: text layer order, page numbers inside tables, vertical cells, bad PDFs, the real 淮安/洪泽 files."""

from __future__ import annotations

from pathlib import Path

import pytest

from ogi.errors import EmptyDocument, ParseError, UnsupportedFormat
from ogi.parse.document import Piece
from ogi.parse.pdf import (
    Glyph,
    blank_cells,
    in_reading_order,
    is_page_number,
    join_segments,
    join_vertical,
    line_text,
    read_pdf,
    split_columns,
)
from tests.shared import REAL

FILES = Path(__file__).parent.parent / "files"


def glyphs(spec: list[tuple[str, float]], y: float = 100, size: float = 10) -> list[Glyph]:
    return [Glyph(ch, x, y, x + size * 0.9, y + size) for ch, x in spec]


def texts(name: str) -> list[str]:
    path = REAL / name
    return [p.text for p in read_pdf(path.read_bytes(), name).pieces]


def test_it_sorts_a_line_whose_characters_the_stream_gave_backwards():
    line = glyphs([("5", 300), ("1", 100), ("0", 130), ("0", 200)])
    assert line_text(in_reading_order(line)) == "1 0 0 5"


def test_it_leaves_a_line_in_stream_order_when_it_is_already_left_to_right():
    line = glyphs([("1", 100), (" ", 0), ("2", 120)])
    assert in_reading_order(line) is line


def test_it_drops_page_numbers_only_in_the_margins():
    bottom = glyphs([("—", 280), (" ", 0), ("5", 292), (" ", 0), ("—", 300)], y=30)
    middle = glyphs([("-", 280), ("4", 290), ("-", 300)], y=400)
    assert is_page_number(bottom, 842) and not is_page_number(middle, 842)
    assert is_page_number(glyphs([("第", 280), ("3", 290), ("页", 300)], y=820), 842)


def test_it_splits_a_line_at_a_column_gap_but_keeps_values_with_their_label():
    line = glyphs(
        [("无", 10), ("法", 20), ("1", 100), (".", 110), ("甲", 120), ("3", 300), ("0", 340)]
    )
    assert [s.text for s in split_columns(line)] == ["无法", "1.甲", "3", "0"]
    assert join_segments(split_columns(line)) == ["无法", "1.甲 3 0"]


def test_it_keeps_the_digits_of_a_justified_number_together_and_splits_numbers_at_spaces():
    line = glyphs([("7", 100), ("1", 118), ("1", 136), (" ", 0), ("2", 160)])
    assert [s.text for s in split_columns(line)] == ["711", "2"]


def test_it_joins_a_vertical_group_cell_written_one_character_per_line():
    lines = [
        Piece(t, f"第1页第{i}行")
        for i, t in enumerate(["三、", "本", "年", "度", "（一）予以公开 1"], 1)
    ]
    assert [(p.text, p.where) for p in join_vertical(lines)] == [
        ("三、本年度", "第1页第1行"),
        ("（一）予以公开 1", "第1页第5行"),
    ]
    header = [Piece(t) for t in ["结果", "维持", "1", "2"]]
    assert join_vertical(header) == header


def row(label: str, values: list[tuple[str, float]]) -> list:
    spec = [(ch, 10 + 10 * k) for k, ch in enumerate(label)] + [(" ", 0)]
    for text, x in values:
        spec += [(ch, x + 6 * k) for k, ch in enumerate(text)] + [(" ", 0)]
    return split_columns(glyphs(spec))


COLUMNS = [200, 240, 280, 320, 360, 400, 440]


def test_it_places_a_short_row_under_the_columns_of_the_nearest_full_row():
    rows = [
        row("一、新收", [(v, x) for v, x in zip("5 1 0 0 0 0 6".split(), COLUMNS, strict=True)]),
        row("（一）予以公开", [("258", 196), ("12", 238), ("1", 360), ("1", 400)]),
        row("四、结转", [("18", 198), ("18", 438)]),
    ]
    assert blank_cells(rows) == {
        1: ["258", "12", "", "", "1", "1", ""],
        2: ["18", "", "", "", "", "", "18"],
    }


def test_it_leaves_a_short_row_alone_when_values_do_not_sit_under_columns_or_the_table_is_narrow():
    off_column = [
        row("甲", [(v, x) for v, x in zip("1234567", COLUMNS, strict=True)]),
        row("乙", [("3", 220), ("4", 300)]),
    ]
    narrow = [row("规章", [("1", 200), ("0", 300), ("11", 400)]), row("行政许可", [("550", 300)])]
    assert blank_cells(off_column) == {} and blank_cells(narrow) == {}


def cells_line(cells: list[tuple[str, float]], y: float = 100, size: float = 10) -> list:
    """One text line of table cells, each given by its text and the x of its centre."""
    spec: list[tuple[str, float]] = []
    for text, centre in cells:
        x0 = centre - (size * len(text) - size * 0.1) / 2
        spec += [(ch, x0 + size * k) for k, ch in enumerate(text)] + [(" ", 0)]
    return split_columns(glyphs(spec, y=y, size=size))


def test_it_counts_a_cell_printed_none_as_a_value_of_its_row():
    full = row("一、新收", [(v, x) for v, x in zip("5 1 0 0 0 0 6".split(), COLUMNS, strict=True)])
    marked = row("（一）予以公开", [("20", 200), ("无", 240), ("—", 280), ("/", 320), ("23", 440)])
    assert join_segments(marked) == ["（一）予以公开 20 无 — / 23"]
    assert blank_cells([full, marked]) == {1: ["20", "无", "—", "/", "", "", "23"]}


FOUR = [60 + 40 * k for k in range(15)]  # the centres of table 四's fifteen columns


def test_it_places_table_four_single_row_under_its_fifteen_column_headers():
    heads = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 3
    header = [cells_line([("行政复议", 140), ("行政诉讼", 440)])]
    for text, centre in zip(heads, FOUR, strict=True):  # each header cell wraps after 3 characters
        header += [cells_line([(text[:3], centre)]), cells_line([(text[3:], centre)])]
    printed = "2 1 _ 1 4 1 0 0 1 2 0 0 0 0 —".split()
    values = cells_line([(v, x) for v, x in zip(printed, FOUR, strict=True) if v != "_"])
    assert blank_cells([*header, values]) == {
        len(header): ["2", "1", "", "1", "4", "1", "0", "0", "1", "2", "0", "0", "0", "0", "—"]
    }


SECTION_TWO_HEADER = [
    ("信息内容", 60),
    ("本年制发件数", 250),
    ("本年废止件数", 370),
    ("现行有效件数", 490),
]


def test_it_places_a_section_two_row_with_a_blank_under_its_headers_never_gluing_its_numbers():
    rows = [
        cells_line([("第二十条第（一）项", 270)]),
        cells_line(SECTION_TWO_HEADER),
        cells_line([("规章", 30), ("30", 250), ("250", 490)]),
        cells_line([("行政规范性文件", 60), ("5", 250), ("1", 370), ("25", 490)]),
    ]
    assert blank_cells(rows) == {2: ["30", "", "250"]}


def test_it_gives_blank_cells_to_a_row_label_printed_without_values():
    rows = [
        cells_line([("第二十条第（五）项", 270)]),
        cells_line([("信息内容", 60), ("本年处理决定数量", 370)]),
        cells_line([("行政许可", 60)]),
        cells_line([("第二十条第（六）项", 270)]),
    ]
    assert blank_cells(rows) == {2: [""]}
    wrapped = [rows[1], cells_line([("行政许可", 60)]), cells_line([("120", 370)])]
    assert blank_cells(wrapped) == {}  # its value printed on the next line


def test_it_splits_header_cells_of_two_heights_that_the_stream_runs_together():
    line = glyphs([("总", 356), ("计", 364)], y=127, size=8) + [Glyph(" ", 0, 0, 0, 0)]
    line += glyphs([("结", 385), ("果", 393), ("维", 401)], y=132, size=8)
    assert [s.text for s in split_columns(line)] == ["总计", "结果维"]


def test_it_does_not_take_the_group_cell_of_table_three_for_a_part_heading():
    rows = [
        row("一、新收", [(v, x) for v, x in zip("5 1 0 0 0 0 6".split(), COLUMNS, strict=True)]),
        cells_line([("三、本年度办理结果", 60)]),
        row("（一）予以公开", [("20", 200), ("23", 440)]),
    ]
    assert blank_cells(rows) == {2: ["20", "", "", "", "", "", "23"]}


def test_it_does_not_borrow_columns_across_a_part_heading():
    rows = [
        row("一、新收", [(v, x) for v, x in zip("5 1 0 0 0 0 6".split(), COLUMNS, strict=True)]),
        split_columns(
            glyphs(
                [(ch, 10 + 10 * k) for k, ch in enumerate("四、政府信息公开行政复议、行政诉讼情况")]
            )
        ),
        row("", [("5", 200), ("2", 320), ("7", 360)]),
    ]
    assert blank_cells(rows) == {}


def test_it_reads_a_table_across_a_page_break_without_the_page_number():
    doc = read_pdf((FILES / "table_across_pages.pdf").read_bytes(), "t.pdf")
    lines = [p.text for p in doc.pieces]
    assert not [t for t in lines if "—" in t]
    assert lines.index("28.第28行 28 0 0 0 0 0 28") + 1 == lines.index("29.第29行 29 0 0 0 0 0 29")
    assert doc.pieces[lines.index("29.第29行 29 0 0 0 0 0 29")].where == "第2页第1行"
    assert (
        lines[-1] == "10 1 0 0 0 0 0 0 0 0 5 0 0 0 0"
        and lines[-2] == "四、政府信息公开行政复议、行政诉讼情况"
    )
    assert "7 0 0 0 0 1 8" in lines


def test_it_refuses_a_pdf_without_a_text_layer_as_empty():
    with pytest.raises(EmptyDocument, match="没有文字层"):
        read_pdf((FILES / "blank_page.pdf").read_bytes(), "scan.pdf")


def test_it_refuses_an_encrypted_pdf_with_a_clear_line():
    with pytest.raises(ParseError, match="enc.pdf：PDF 已加密"):
        read_pdf((FILES / "encrypted.pdf").read_bytes(), "enc.pdf")


@pytest.mark.parametrize("keep", [400, 0.5, -200])
def test_it_refuses_a_truncated_pdf_as_a_parse_error(keep):
    data = (FILES / "table_across_pages.pdf").read_bytes()
    cut = data[: int(len(data) * keep) if isinstance(keep, float) else keep]
    with pytest.raises(ParseError, match="cut.pdf：PDF 文件已损坏或不完整") as info:
        read_pdf(cut, "cut.pdf")
    assert info.value.__cause__ is not None


def test_it_refuses_bytes_that_are_not_a_pdf():
    with pytest.raises(UnsupportedFormat, match="不是 PDF"):
        read_pdf(b"PK\x03\x04 not a pdf", "x.pdf")


@pytest.mark.parametrize(
    ("name", "row"),
    [
        ("2023_hongze_qu.pdf", "10 1 0 0 0 0 0 0 0 0 5 0 0 0 0"),  # NOTES.md item 1 (x-positions)
        ("2024_hongze_qu.pdf", "1 1 0 0 2 1 0 0 0 1 2 0 1 0 3"),
        ("2024_huaian_shi.pdf", "72 64 178 37 351 13 4 8 1 26 12 1 1 6 20"),
    ],
)
def test_it_reads_the_fifteen_numbers_of_table_four_in_order(name, row):
    lines = texts(name)
    after = lines[lines.index("四、政府信息公开行政复议、行政诉讼情况") :]
    assert [t for t in after if t[0].isdigit()][0] == row


def test_it_reads_huaian_2024_table_three_rows_across_the_page_break():
    lines = texts("2024_huaian_shi.pdf")
    assert "一、本年新收政府信息公开申请数量 3001 53 0 0 61 4 3119" in lines
    assert "三、本年度办理结果" in lines
    i = lines.index("1.本机关不掌握相关政府信息 746 12 0 0 10 1 769")
    assert lines[i + 1 : i + 3] == ["法提供", "2.没有现成信息需要另行制作 11 0 0 0 0 0 11"]
    assert (
        "（七）总计 2932 53 0 0 61 4 3050" in lines
        and "四、结转下年度继续办理 103 0 0 0 0 0 103" in lines
    )
    assert not [t for t in lines if t.replace(" ", "") in {"-3-", "-4-", "-5-"}]


def test_it_keeps_a_wrapped_label_before_its_numbers_in_hongze_2023():
    lines = texts("2023_hongze_qu.pdf")
    i = lines.index("5.要求行政机关确认或重 新出具")
    assert lines[i + 1 : i + 3] == ["已获取信息", "0 0 0 0 0 0 0"]
    assert "2.其他法律行政止公开 0 0 0 0 0 0 0" in lines and "（七）总计 21 0 0 0 0 0 21" in lines


def mixed_pdf() -> bytes:
    """The two-page fixture with an empty (scanned-like) page put between its pages."""
    import io

    import pypdfium2 as pdfium

    source = pdfium.PdfDocument((FILES / "table_across_pages.pdf").read_bytes())
    out = pdfium.PdfDocument.new()
    out.import_pages(source, [0])
    out.new_page(595, 842)
    out.import_pages(source, [1])
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()


def test_it_notes_a_page_without_text_between_pages_with_text():
    doc = read_pdf(mixed_pdf(), "m.pdf")
    assert doc.notes == ("PDF 第2页没有文字层（可能是扫描页），其中的内容无法读取",)
    assert doc.pieces[-1].where.startswith("第3页")


def test_it_refuses_a_pdf_with_more_pages_than_any_report(monkeypatch):
    from ogi.parse import pdf

    monkeypatch.setattr(pdf, "MAX_PAGES", 2)
    with pytest.raises(UnsupportedFormat, match="PDF 有 3 页，超过 2 页上限"):
        read_pdf(mixed_pdf(), "m.pdf")


def column_wise_pdf(rows: int = 10) -> bytes:
    """A one-page PDF (Helvetica) whose stream draws a table column by column: all labels first,
    then every value of the first column, and so on — row order is only in the positions."""
    table = [[f"R{r}", str(r), "0", str(r)] for r in range(1, rows + 1)]
    ops = [
        f"BT /F1 10 Tf {60 + 60 * c} {700 - 20 * r} Td ({row[c]}) Tj ET"
        for c in range(4)
        for r, row in enumerate(table)
    ]
    stream = "\n".join(["BT /F1 12 Tf 60 760 Td (TABLE) Tj ET", *ops]).encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def test_it_rebuilds_rows_by_position_when_the_stream_draws_a_table_column_by_column():
    lines = [p.text for p in read_pdf(column_wise_pdf(), "cols.pdf").pieces]
    assert lines == ["TABLE", *[f"R{r} {r} 0 {r}" for r in range(1, 11)]]


def test_it_keeps_stream_order_for_a_short_column_of_numbers():
    lines = [p.text for p in read_pdf(column_wise_pdf(rows=3), "cols.pdf").pieces]
    assert lines[:4] == ["TABLE", "R1", "R2", "R3"]
