"""Reads other apps may make of the council: the campaigns of a news item and their hashtags
(for channel posts), without knowing the council's models."""

from __future__ import annotations

from .models import Campaign


def campaigns_of_item(item_id: int) -> list[Campaign]:
    return list(Campaign.objects.filter(item_links__item_id=item_id).order_by("-start_date"))


def hashtags_for_item(item_id: int) -> list[str]:
    """«#هفته_حمل_و_نقل» and the like, of every campaign the item is tagged to, without repeats."""
    out: list[str] = []
    for campaign in campaigns_of_item(item_id):
        for tag in campaign.hashtag_list:
            if tag not in out:
                out.append(tag)
    return out
