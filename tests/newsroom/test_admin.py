from django.urls import reverse

from hamafza.accounts.models import User
from hamafza.newsroom.models import NewsItem, Placement


def test_an_item_saved_in_the_admin_is_listed_with_its_agencies_and_sectors(world, client):
    admin = User.objects.create_superuser("root", "root@example.ir", "x-long-password")
    client.force_login(admin)
    response = client.post(
        reverse("admin:newsroom_newsitem_add"),
        {
            "lead_agency": world["A"].pk, "kicker": "", "title": "بهره‌برداری از پل جدید", "slug": "پل-جدید",
            "lead": "لید", "body": "<p>متن</p>", "city": "اهواز", "status": "draft",
            "supporting_agencies": [world["B"].pk], "sector_list": [world["sectors"]["road"].pk],
            "tag_names": "پل، هفته حمل و نقل",
            "gallery-TOTAL_FORMS": 0, "gallery-INITIAL_FORMS": 0,
            "attachments-TOTAL_FORMS": 0, "attachments-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    item = NewsItem.objects.get(title="بهره‌برداری از پل جدید")
    assert [a.short_name for a in item.agencies.order_by("item_links__order")] == [world["A"].short_name, world["B"].short_name]
    assert sorted(t.name for t in item.tags.all()) == ["هفته حمل و نقل", "پل"]
    assert not Placement.objects.filter(item=item).exists()

    client.post(reverse("admin:newsroom_newsitem_changelist"), {"action": "publish", "_selected_action": [item.pk]})
    item.refresh_from_db()
    assert item.status == NewsItem.Status.PUBLISHED
    assert Placement.objects.filter(item=item, council=world["council"]).exists()
