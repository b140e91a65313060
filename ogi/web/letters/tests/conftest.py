"""The letters' cast: rfb's letter settings (复议机关, court, 机关代字), and reading a stored PDF's text."""

from __future__ import annotations

import pytest

REVIEW_BODY = "重庆市大渡口区人民政府"
COURT = "重庆市大渡口区人民法院"


@pytest.fixture
def conf(organs):
    from ogi.web.letters.models import LetterSettings

    return LetterSettings.objects.create(
        organ=organs["rfb"], docno_prefix="渡人防", review_body=REVIEW_BODY, court=COURT,
        address="重庆市大渡口区文体路1号", contact="023-00000000", payment="缴入区财政非税收入汇缴账户，开具财政票据",
    )


def pdf_text(letter) -> str:
    """The text pypdfium2 extracts from the stored PDF, whitespace removed (lines wrap anywhere)."""
    import re

    import pypdfium2

    with letter.pdf.open("rb") as f:
        doc = pypdfium2.PdfDocument(f.read())
    text = "".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
    return re.sub(r"\s+", "", text)
