"""The assembler on damaged documents: it reads what it can and never fails with a foreign exception."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ogi.errors import ParseError
from ogi.parse import assemble
from ogi.parse.document import Piece, SourceDoc
from ogi.parse.txt import read_txt
from tests.shared import SEED

PIECES = read_txt(SEED.read_bytes(), "seed").pieces


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.integers(min_value=0, max_value=len(PIECES) - 1), max_size=400))
def test_it_survives_any_selection_and_order_of_real_pieces(indexes):
    doc = SourceDoc("txt", tuple(PIECES[i] for i in indexes))
    try:
        report = assemble(doc)
    except ParseError:
        return
    assert report.format in ("2019", "2021", "pre2019", "unknown")


@settings(max_examples=60, deadline=None)
@given(
    st.text(
        alphabet="一二三四五六、（）0123456789 -—/第二十条项总计结转申请情况本年度办理结果\n",
        max_size=400,
    )
)
def test_it_survives_label_soup(text):
    doc = SourceDoc("txt", tuple(Piece(line) for line in text.split("\n")))
    try:
        assemble(doc)
    except ParseError:
        pass
