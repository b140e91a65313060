"""Changes made in the Django admin — a role granted, a password reset, an organ renamed with a role added
inline, a user deleted — write audit entries: who, what, before → after; the password never in clear."""

from __future__ import annotations

import json

import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.test import Client

from ogi.web.audit.admin import AuditedAdmin
from ogi.web.audit.models import AuditEntry
from ogi.web.lib.frozen import ReadOnlyAdmin
from ogi.web.organs.models import Membership, Organ

NEW_PASSWORD = "a-new-long-passphrase-42"


@pytest.fixture
def root(people) -> tuple[Client, User]:
    user = User.objects.create_superuser("root", password="root-password-123")
    client = Client()
    client.force_login(user)
    return client, user


def test_granting_a_role_in_the_admin_is_audited(root, people, organs):
    client, by = root
    response = client.post("/admin/organs/membership/add/", {
        "user": people["clerk"].pk, "organ": organs["edu"].pk, "role": "head",
    })
    assert response.status_code == 302, response.content[:300]
    granted = Membership.objects.get(user=people["clerk"], organ=organs["edu"])
    entry = AuditEntry.objects.get(object_type="membership", object_id=str(granted.pk))
    assert (entry.user, entry.organ, entry.action, entry.before) == (by, organs["edu"], "admin.add", None)
    assert entry.after == {"id": granted.pk, "user_id": people["clerk"].pk, "organ_id": organs["edu"].pk, "role": "head"}


def test_changing_a_role_in_the_admin_is_audited_before_and_after(root, people, organs):
    client, by = root
    membership = Membership.objects.get(user=people["clerk"])
    response = client.post(f"/admin/organs/membership/{membership.pk}/change/", {
        "user": people["clerk"].pk, "organ": organs["rfb"].pk, "role": "head",
    })
    assert response.status_code == 302
    entry = AuditEntry.objects.get(object_type="membership", action="admin.change")
    assert (entry.user, entry.organ) == (by, organs["rfb"])
    assert (entry.before["role"], entry.after["role"]) == ("clerk", "head")


def test_resetting_a_password_in_the_admin_is_audited_without_the_hash(root, people):
    client, by = root
    clerk = people["clerk"]
    old_hash = clerk.password
    response = client.post(f"/admin/auth/user/{clerk.pk}/password/", {
        "password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "usable_password": "true",
    })
    assert response.status_code == 302, response.content[:500]
    clerk.refresh_from_db()
    assert clerk.check_password(NEW_PASSWORD)
    entry = AuditEntry.objects.get(object_type="user", object_id=str(clerk.pk))
    assert (entry.user, entry.action) == (by, "admin.password")
    assert entry.before["password"] != entry.after["password"]
    assert entry.after["password"].startswith("sha256:") and len(entry.after["password"]) == len("sha256:") + 16
    text = json.dumps([e.before for e in AuditEntry.objects.all()] + [e.after for e in AuditEntry.objects.all()])
    for secret in (old_hash, clerk.password, NEW_PASSWORD, clerk.password.split("$")[-1]):
        assert secret not in text


def test_renaming_an_organ_with_a_role_added_inline_audits_both(root, people, organs):
    client, by = root
    rfb = organs["rfb"]
    members = list(rfb.memberships.order_by("pk"))
    form = {
        "code": rfb.code, "name": "重庆市大渡口区人防办", "kind": rfb.kind, "parent": organs["gov"].pk,
        "memberships-TOTAL_FORMS": str(len(members) + 1), "memberships-INITIAL_FORMS": str(len(members)),
        "memberships-MIN_NUM_FORMS": "0", "memberships-MAX_NUM_FORMS": "1000",
    }
    for i, m in enumerate(members):
        form |= {f"memberships-{i}-id": m.pk, f"memberships-{i}-organ": rfb.pk,
                 f"memberships-{i}-user": m.user_id, f"memberships-{i}-role": m.role}
    n = len(members)
    form |= {f"memberships-{n}-organ": rfb.pk, f"memberships-{n}-user": people["other_clerk"].pk,
             f"memberships-{n}-role": "auditor"}
    response = client.post(f"/admin/organs/organ/{rfb.pk}/change/", form)
    assert response.status_code == 302, response.content.decode()[:2000]
    renamed = AuditEntry.objects.get(object_type="organ", object_id=str(rfb.pk))
    assert (renamed.user, renamed.organ, renamed.action) == (by, rfb, "admin.change")
    assert (renamed.before["name"], renamed.after["name"]) == ("重庆市大渡口区人民防空办公室", "重庆市大渡口区人防办")
    added = AuditEntry.objects.get(object_type="membership")
    assert (added.action, added.organ, added.after["role"]) == ("admin.add", rfb, "auditor")
    assert added.after["user_id"] == people["other_clerk"].pk


def test_deleting_a_user_audits_the_roles_it_takes_with_it(root, people):
    client, by = root
    other = people["other_clerk"]
    membership = other.memberships.get()
    response = client.post(f"/admin/auth/user/{other.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    deleted = {(e.object_type, e.object_id): e for e in AuditEntry.objects.filter(action="admin.delete")}
    assert set(deleted) == {("user", str(other.pk)), ("membership", str(membership.pk))}
    assert deleted[("membership", str(membership.pk))].before["role"] == "clerk"
    assert deleted[("user", str(other.pk))].before["username"] == "other"


def test_an_unchanged_save_writes_no_entry(root, people, organs):
    client, _ = root
    membership = Membership.objects.get(user=people["clerk"])
    client.post(f"/admin/organs/membership/{membership.pk}/change/", {
        "user": people["clerk"].pk, "organ": organs["rfb"].pk, "role": "clerk",
    })
    assert not AuditEntry.objects.filter(object_type="membership").exists()


def test_every_model_in_the_admin_is_audited_or_read_only():
    kinds = {model._meta.label: isinstance(ma, AuditedAdmin) or isinstance(ma, ReadOnlyAdmin)
             for model, ma in admin.site._registry.items()}
    assert [label for label, ok in kinds.items() if not ok] == []
    audited = {m._meta.label for m, ma in admin.site._registry.items() if isinstance(ma, AuditedAdmin)}
    assert {"auth.User", "auth.Group", "organs.Organ", "organs.Membership", "workcalendar.CalendarDay"} <= audited


def test_an_organ_without_kept_records_is_deleted_and_audited(root, organs):
    client, by = root
    new = Organ.objects.create(code="dadukou-new", name="重庆市大渡口区新设机构", kind=organs["rfb"].kind,
                               parent=organs["gov"])
    response = client.post(f"/admin/organs/organ/{new.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302 and not Organ.objects.filter(pk=new.pk).exists()
    entry = AuditEntry.objects.get(action="admin.delete", object_type="organ")
    assert (entry.user, entry.before["name"]) == (by, "重庆市大渡口区新设机构")


def test_an_organ_with_its_register_is_not_deleted(root, organs, application):
    client, _ = root
    rfb = organs["rfb"]
    page = client.post(f"/admin/organs/organ/{rfb.pk}/delete/", {"post": "yes"}, follow=True).content.decode()
    assert f"不能删除机关“{rfb.name}”：还有" in page and "依申请公开申请（1）" in page
    assert Organ.objects.filter(pk=rfb.pk).exists() and not AuditEntry.objects.filter(action="admin.delete").exists()
