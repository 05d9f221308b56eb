"""Back office of reach: the daily reader counts and the channels' indicators are records the
counter and the channel hook write; read-only here. (Reader marks are not shown at all: they
are meaningless outside the day's salt.)"""

from django.contrib import admin

from hamafza.core.adminkit import ReadOnlyAdmin

from .models import ChannelIndicator, ItemDailyViews


@admin.register(ItemDailyViews)
class ItemDailyViewsAdmin(ReadOnlyAdmin):
    list_display = ("item", "council", "agency", "day", "views")
    list_filter = ("council",)
    date_hierarchy = "day"
    list_select_related = ("item", "council", "agency")


@admin.register(ChannelIndicator)
class ChannelIndicatorAdmin(ReadOnlyAdmin):
    list_display = ("channel", "indicator")
    list_select_related = ("channel", "indicator")
