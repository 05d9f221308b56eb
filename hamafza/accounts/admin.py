from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import CouncilRole, Membership, User


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ("agency",)


class CouncilRoleInline(admin.TabularInline):
    model = CouncilRole
    extra = 0


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    inlines = [MembershipInline, CouncilRoleInline]
    list_display = ("username", "email", "first_name", "last_name", "title", "is_active", "is_superuser")
    fieldsets = BaseUserAdmin.fieldsets + ((_("سمت"), {"fields": ("title", "phone")}),)
