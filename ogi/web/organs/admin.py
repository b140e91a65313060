from __future__ import annotations

from django.contrib import admin

from .models import Membership, Organ


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0


@admin.register(Organ)
class OrganAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "kind", "parent")
    list_filter = ("kind",)
    search_fields = ("code", "name")
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "organ", "role")
    list_filter = ("role",)
