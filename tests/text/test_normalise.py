from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from ogi.text.normalise import fold, fold_map

LABEL_CHARS = st.sampled_from(list("（）：，、．·／；—－–﹣１２３９ＡＺ“”\"「」 \t\u3000\u00a0abc0123456789一二三四.,()公开"))


def test_it_folds_the_official_label_variants_alike():
    assert fold("（二）部分公开（区分处理的，只计这一情形，不计其他情形）") == "(二)部分公开(区分处理的,只计这一情形,不计其他情形)"
    assert fold("3.危及“三安全一稳定”") == fold("3．危及\"三安全一稳定\"") == fold("3、危及三安全一稳定")
    assert fold("商业 企业") == "商业企业"
    assert fold("本年增／减") == "本年增/减"


@given(st.text(LABEL_CHARS, max_size=30))
def test_it_folds_as_fold_map_does(text):
    folded, index = fold_map(text)
    assert fold(text) == folded
    assert len(index) == len(folded)
