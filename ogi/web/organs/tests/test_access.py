from __future__ import annotations

from ogi.web.organs.access import can_edit, can_view, is_head, organs_for


def codes(qs) -> set[str]:
    return set(qs.values_list("code", flat=True))


def test_it_shows_a_clerk_only_their_own_organ(organs, people):
    assert codes(organs_for(people["clerk"])) == {"dadukou-rfb"}
    assert codes(organs_for(people["other_clerk"])) == {"dadukou-edu"}
    assert not can_view(people["other_clerk"], organs["rfb"])
    assert not can_edit(people["other_clerk"], organs["rfb"])


def test_it_lets_clerk_and_head_edit_their_organ(organs, people):
    assert can_edit(people["clerk"], organs["rfb"])
    assert can_edit(people["head"], organs["rfb"])
    assert not can_edit(people["clerk"], organs["gov"])


def test_it_shows_a_supervisor_the_whole_subtree_read_only(organs, people):
    assert codes(organs_for(people["supervisor"])) == {"dadukou", "dadukou-rfb", "dadukou-edu"}
    assert not can_edit(people["supervisor"], organs["rfb"])


def test_it_gives_the_auditor_read_only_access(organs, people):
    assert can_view(people["auditor"], organs["rfb"])
    assert not can_edit(people["auditor"], organs["rfb"])


def test_it_gives_the_admin_everything(organs, people):
    assert codes(organs_for(people["admin"])) == {"dadukou", "dadukou-rfb", "dadukou-edu"}
    assert can_edit(people["admin"], organs["edu"])


def test_it_lets_only_the_head_approve_extensions(organs, people):
    assert is_head(people["head"], organs["rfb"])
    assert not is_head(people["clerk"], organs["rfb"])
    assert not is_head(people["admin"], organs["rfb"])


def test_it_shows_an_anonymous_user_nothing(organs):
    from django.contrib.auth.models import AnonymousUser

    assert codes(organs_for(AnonymousUser())) == set()
    assert not can_edit(AnonymousUser(), organs["rfb"])


def test_it_names_the_organs_whose_applicants_a_user_may_see(organs, people):
    from ogi.web.organs.access import editable_organs, personal_organ_ids

    assert personal_organ_ids(people["clerk"]) == {organs["rfb"].pk}
    assert personal_organ_ids(people["head"]) == {organs["rfb"].pk}
    assert personal_organ_ids(people["supervisor"]) == set()
    assert personal_organ_ids(people["auditor"]) == set()
    assert personal_organ_ids(people["admin"]) == {organs["gov"].pk, organs["rfb"].pk, organs["edu"].pk}
    assert [o.code for o in editable_organs(people["admin"])] == ["dadukou", "dadukou-edu", "dadukou-rfb"]


def test_require_edit_refuses_those_who_may_not_edit_in_one_chinese_line(organs, people):
    import pytest
    from django.core.exceptions import PermissionDenied

    from ogi.web.organs.access import require_edit

    require_edit(people["clerk"], organs["rfb"], "办理{organ}的申请")  # the clerk's own organ: no refusal
    require_edit(people["admin"], organs["edu"], "办理{organ}的申请")
    for who in ("other_clerk", "supervisor", "auditor"):
        with pytest.raises(PermissionDenied) as refused:
            require_edit(people[who], organs["rfb"], "办理{organ}的申请")
        assert str(refused.value) == "无权办理重庆市大渡口区人民防空办公室的申请"


def test_the_visible_organ_ids_are_those_organs_for_gives(organs, people):
    from django.contrib.auth.models import AnonymousUser

    from ogi.web.organs.access import organs_for, visible_organ_ids

    gov, rfb, edu = organs["gov"].pk, organs["rfb"].pk, organs["edu"].pk
    assert visible_organ_ids(people["clerk"]) == [rfb]
    assert sorted(visible_organ_ids(people["supervisor"])) == sorted([gov, rfb, edu])  # the district and below
    assert visible_organ_ids(people["admin"]) is None  # every organ
    assert visible_organ_ids(AnonymousUser()) == []
    for who in ("clerk", "supervisor", "auditor"):
        assert sorted(visible_organ_ids(people[who])) == sorted(organs_for(people[who]).values_list("pk", flat=True))
