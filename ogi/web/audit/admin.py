"""Every change made in the Django admin is audited (who, when, before → after), and the audit trail is
shown there read only.

``AuditedAdmin`` records additions, changes (including a user's password), deletions (with what they
cascade to) and the rows of inline forms. A row that records are kept for — an organ with its applications,
定稿 versions, roster entries, audit entries (``on_delete=PROTECT``) — is not deleted: the delete page and
the bulk delete say so in one line and go back. The admins of the layers below (organs, memberships, users,
groups) are registered again here with it mixed in — ``organs`` cannot import ``audit`` — and a test checks
that every model in the admin is either audited or read only.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.auth.models import Group, User
from django.db import models, router, transaction
from django.db.models.deletion import PROTECT, RESTRICT, Collector
from django.http import HttpResponseRedirect
from django.urls import reverse

from ogi.web.lib.frozen import ReadOnlyAdmin
from ogi.web.organs.admin import MembershipInline
from ogi.web.organs.models import Membership, Organ

from .models import AuditEntry, ChainHead
from .services import record, snapshot


def organ_of(obj: models.Model) -> Organ | None:
    """The organ whose audit trail shows a change of ``obj`` (an organ, or what belongs to one)."""
    if isinstance(obj, Organ):
        return obj
    return getattr(obj, "organ", None) if getattr(obj, "organ_id", None) else None


def _fresh(obj: models.Model) -> models.Model | None:
    return type(obj)._default_manager.filter(pk=obj.pk).first() if obj.pk is not None else None


class AuditedAdmin(admin.ModelAdmin):
    """Reference data and accounts edited in the admin are audited like everything else."""

    audit_action = "admin.change"

    def get_object(self, request, object_id, from_field=None):  # noqa: ANN001, ANN201
        obj = super().get_object(request, object_id, from_field)
        if obj is not None:  # the state before the form touches it
            request._audit_before = snapshot(obj)
        return obj

    def log_addition(self, request, obj, message):  # noqa: ANN001, ANN201
        record(request.user, organ_of(obj), "admin.add", obj, None, snapshot(obj))
        return super().log_addition(request, obj, message)

    def log_change(self, request, obj, message):  # noqa: ANN001, ANN201
        before, after = getattr(request, "_audit_before", None), snapshot(obj)
        if before != after:
            record(request.user, organ_of(obj), getattr(request, "_audit_action", "admin.change"), obj, before, after)
        return super().log_change(request, obj, message)

    def delete_view(self, request, object_id, extra_context=None):  # noqa: ANN001, ANN201
        obj = self.get_object(request, unquote(object_id))
        refusal = obj is not None and kept_refusal(obj)
        if refusal:
            self.message_user(request, refusal, messages.ERROR)
            opts = self.model._meta
            change = f"admin:{opts.app_label}_{opts.model_name}_change"
            return HttpResponseRedirect(reverse(change, args=[obj.pk], current_app=self.admin_site.name))
        return super().delete_view(request, object_id, extra_context)

    def get_actions(self, request):  # noqa: ANN001, ANN201
        actions = super().get_actions(request)
        if "delete_selected" in actions:
            delete_selected, name, description = actions["delete_selected"]

            def delete_unless_kept(modeladmin, request, queryset):  # noqa: ANN001, ANN202
                refusals = [r for r in map(kept_refusal, queryset) if r]
                for refusal in refusals:
                    modeladmin.message_user(request, refusal, messages.ERROR)
                return None if refusals else delete_selected(modeladmin, request, queryset)

            actions["delete_selected"] = (delete_unless_kept, name, description)
        return actions

    def delete_model(self, request, obj) -> None:  # noqa: ANN001
        with transaction.atomic():
            for gone in _cascade(obj):
                record(request.user, None, "admin.delete", gone, snapshot(gone), None)
            super().delete_model(request, obj)

    def delete_queryset(self, request, queryset) -> None:  # noqa: ANN001
        with transaction.atomic():
            for obj in queryset:
                self.delete_model(request, obj)

    def save_formset(self, request, form, formset, change) -> None:  # noqa: ANN001
        """The rows of an inline (an organ's memberships, a user's roles): each added, changed or deleted."""
        before = {f.instance.pk: snapshot(_fresh(f.instance)) for f in formset.initial_forms if f.instance.pk}
        for f in formset.deleted_forms:
            if f.instance.pk in before:
                record(request.user, organ_of(f.instance), "admin.delete", f.instance, before[f.instance.pk], None)
        super().save_formset(request, form, formset, change)
        for obj in formset.new_objects:
            record(request.user, organ_of(obj), "admin.add", obj, None, snapshot(obj))
        for obj, _fields in formset.changed_objects:
            record(request.user, organ_of(obj), "admin.change", obj, before.get(obj.pk), snapshot(obj))


def kept_records(obj: models.Model) -> list[tuple[str, int]]:
    """What is kept that refers to ``obj`` and forbids its deletion (a protected relation): each kind of
    record (its Chinese name) with how many."""
    kept = []
    for rel in obj._meta.get_fields(include_hidden=True):  # hidden too: an audit entry's organ has no name back
        if rel.auto_created and not rel.concrete and (rel.one_to_many or rel.one_to_one) and rel.on_delete in (PROTECT, RESTRICT):
            n = rel.related_model._base_manager.filter(**{rel.field.name: obj}).count()
            if n:
                kept.append((str(rel.related_model._meta.verbose_name), n))
    return kept


def kept_refusal(obj: models.Model) -> str | None:
    """The one line refusing to delete ``obj`` while records are kept that refer to it (or None)."""
    kept = kept_records(obj)
    if not kept:
        return None
    listed = "、".join(f"{name}（{n}）" for name, n in kept)
    return f"不能删除{obj._meta.verbose_name}“{obj}”：还有{listed}与它相关，这些记录须保留"


def _cascade(obj: models.Model) -> list[models.Model]:
    """``obj`` and every row its deletion takes with it (many-to-many links are in the snapshots)."""
    collector = Collector(using=router.db_for_write(type(obj)))
    collector.collect([obj])
    gone = [o for model, objs in collector.data.items() if not model._meta.auto_created for o in objs]
    for qs in collector.fast_deletes:
        if not qs.model._meta.auto_created:
            gone.extend(qs)
    return gone


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ("seq", "at", "user", "organ", "action", "object_type", "object_id")
    list_filter = ("action", "object_type")


@admin.register(ChainHead)
class ChainHeadAdmin(ReadOnlyAdmin):
    list_display = ("seq", "hash", "at")


def audited(model: type[models.Model], **attrs) -> None:
    """Register ``model``'s admin again with auditing mixed in."""
    base = type(admin.site.get_model_admin(model))
    admin.site.unregister(model)
    admin.site.register(model, type(f"Audited{base.__name__}", (AuditedAdmin, base), attrs))


for _model in (Organ, Membership, Group):
    audited(_model)

_UserAdmin = type(admin.site.get_model_admin(User))
admin.site.unregister(User)


@admin.register(User)
class AuditedUserAdmin(AuditedAdmin, _UserAdmin):
    """Users with their roles at organs (inline), every change audited, the password as a fingerprint."""

    inlines = [*_UserAdmin.inlines, MembershipInline]

    def user_change_password(self, request, id, form_url=""):  # noqa: ANN001, ANN201, A002
        """The password form saves the user itself: one transaction with its audit entry."""
        request._audit_action = "admin.password"
        with transaction.atomic():
            return super().user_change_password(request, id, form_url)
