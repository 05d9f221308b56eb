"""Platforms a council allows (issue 15, item 2): domestic ones by default, a foreign one only
with a note of why (audited); channel kinds, the editor's choice, the outbox, amplification and
the portal's share buttons follow it."""

import importlib
import io
from types import SimpleNamespace

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from hamafza import policy
from hamafza.agencies.messengers import DOMESTIC
from hamafza.agencies.models import Council
from hamafza.audit.models import AuditEvent
from hamafza.distribution import actions, worker
from hamafza.distribution.council_platforms import do_set_platforms
from hamafza.distribution.models import Channel, Delivery
from tests import factories
from tests.personas import sign_in_verified

pytestmark = pytest.mark.django_db
HOST = "khz.example.ir"


def telegram_channel(agency):
    """A Telegram channel written as before the policy existed (no council allows it yet)."""
    channel = Channel(agency=agency, kind="telegram", chat_id="@hz_test", name="تلگرام اداره")
    actions._store_channel(channel, token="123:GOOD", default_for_agency=True)
    return channel


def test_a_new_council_allows_the_domestic_platforms_only(personas):
    council = Council.objects.get(pk=personas.council.pk)
    assert council.platforms == list(DOMESTIC)
    allowed = policy.allowed_platforms(council_id=council.pk)
    assert {"bale", "eitaa", "rubika", "email"} <= allowed and not {"telegram", "whatsapp", "x"} & allowed


def test_setup_creates_a_council_with_foreign_platforms_off(db):
    call_command("setup", "--no-input", "--council-name", "شورای فارس", "--short-name", "شورای فارس",
                 "--region", "استان فارس", "--head-agency", "اداره کل راه و شهرسازی فارس",
                 "--admin-username", "root", "--admin-email", "it@example.org", stdout=io.StringIO())
    council = Council.objects.get()
    assert not {"telegram", "whatsapp", "x"} & policy.allowed_platforms(council_id=council.pk)


def test_a_foreign_platform_needs_a_reason_and_is_audited(personas):
    with pytest.raises(actions.DistributionError) as exc:
        do_set_platforms(personas.secretariat, personas.council.pk, [*DOMESTIC, "telegram"], note="")
    assert "تلگرام" in exc.value.message
    assert "telegram" not in policy.allowed_platforms(council_id=personas.council.pk)
    do_set_platforms(personas.secretariat, personas.council.pk, [*DOMESTIC, "telegram"],
                     note="مخاطبان استان در خارج از کشور فقط تلگرام دارند.")
    assert "telegram" in policy.allowed_platforms(council_id=personas.council.pk)
    event = AuditEvent.objects.get(action="council.platforms_changed")
    assert event.council_id == personas.council.pk and event.after["foreign_added"] == ["telegram"]
    assert "تلگرام دارند" in event.after["reason"]


def test_only_the_secretariat_of_that_council_sets_it(personas):
    for user in (personas.own_head, personas.own_staff, personas.observer):
        with pytest.raises(PermissionDenied):
            do_set_platforms(user, personas.council.pk, list(DOMESTIC))
    other = factories.make_council(personas.supporting, [], hostname="other.example.ir", short_name="دیگر", slug="other")
    with pytest.raises(PermissionDenied):
        do_set_platforms(personas.secretariat, other.pk, [*DOMESTIC, "x"], note="دلیلی به‌قدر کافی بلند")
    with pytest.raises(PermissionDenied):
        do_set_platforms(personas.secretariat, 2**70, list(DOMESTIC))
    with pytest.raises(actions.DistributionError):
        do_set_platforms(personas.secretariat, personas.council.pk, ["bale", "myspace"])


def test_the_workspace_page_is_one_setting(client, personas):
    url = reverse("workspace:distribution:platforms", args=[personas.council.pk])
    sign_in_verified(client, personas.own_head)
    assert client.get(url).status_code == 403
    sign_in_verified(client, personas.secretariat)
    assert client.get(url).status_code == 200
    r = client.post(url, {"platforms": [*DOMESTIC, "whatsapp"], "note": ""})
    assert r.status_code == 400 and "واتس‌اپ" in r.content.decode()
    r = client.post(url, {"platforms": [*DOMESTIC, "whatsapp"], "note": "هم‌رسانی خبرهای سفر برای زائران خارجی"})
    assert r.status_code == 302
    assert "whatsapp" in policy.allowed_platforms(council_id=personas.council.pk)
    assert client.get(reverse("workspace:distribution:platforms", args=[999999])).status_code == 404


def test_a_disallowed_platform_gets_no_new_items_and_is_not_offered(personas):
    tg = telegram_channel(personas.own)
    assert not policy.platform_allowed(tg)
    item = factories.make_item(personas.own)
    assert not Delivery.objects.filter(channel=tg).exists()
    assert tg not in actions.usable_channels(personas.own_staff, item)
    do_set_platforms(personas.secretariat, personas.council.pk, [*DOMESTIC, "telegram"], note="دلیل رسمی شورا برای تلگرام")
    assert tg in actions.usable_channels(personas.own_staff, factories.make_item(personas.own))
    assert Delivery.objects.filter(channel=tg).count() == 1


def test_an_agency_on_two_councils_needs_each_to_allow_it(personas):
    second = factories.make_council(personas.supporting, [personas.own], hostname="second.example.ir",
                                    short_name="دوم", slug="second")
    tg = telegram_channel(personas.own)
    do_set_platforms(personas.secretariat, personas.council.pk, [*DOMESTIC, "telegram"], note="دلیل رسمی شورا برای تلگرام")
    assert not policy.platform_allowed(tg)
    Council.objects.filter(pk=second.pk).update(platforms=[*DOMESTIC, "telegram"])
    from hamafza.agencies import registry

    registry.invalidate()
    assert policy.platform_allowed(tg)


def test_the_migration_keeps_existing_telegram_channels_working(personas):
    migration = importlib.import_module("hamafza.distribution.migrations.0005_channels_platforms_existing")
    from django.apps import apps

    tg = telegram_channel(personas.own)
    other_council = factories.make_council(personas.supporting, [], hostname="o.example.ir", short_name="o", slug="o")
    migration.keep_used(apps, SimpleNamespace(connection=connection))
    from hamafza.agencies import registry

    registry.invalidate()
    council = Council.objects.get(pk=personas.council.pk)
    assert "telegram" in council.platforms and "تلگرام" in council.platforms_note
    assert not {"whatsapp", "x"} & set(council.platforms)
    assert "telegram" not in Council.objects.get(pk=other_council.pk).platforms
    assert policy.platform_allowed(tg)
    factories.make_item(personas.own)
    assert Delivery.objects.filter(channel=tg).count() == 1


def test_share_buttons_follow_the_setting(client, personas):
    item = factories.make_item(personas.own, title="خبر هم‌رسانی")
    html = client.get(f"/news/{item.pk}/{item.slug}/", HTTP_HOST=HOST).content.decode()
    keys = [k for k in ("bale", "eitaa", "rubika", "telegram", "whatsapp", "x") if f"share__link--{k}" in html]
    assert keys == ["bale", "eitaa", "rubika"]
    assert html.index("share__link--bale") < html.index("share__link--rubika")
    do_set_platforms(personas.secretariat, personas.council.pk, [*DOMESTIC, "telegram"], note="دلیل رسمی شورا برای تلگرام")
    html = client.get(f"/news/{item.pk}/{item.slug}/", HTTP_HOST=HOST).content.decode()
    assert "share__link--telegram" in html and "share__link--whatsapp" not in html
    assert html.index("share__link--rubika") < html.index("share__link--telegram")


def test_amplification_follows_the_setting(personas):
    from hamafza.cooperation import amplification
    from hamafza.cooperation.models import AmplificationTarget
    from tests.cooperation.amp_helpers import ask_b_and_c

    tg = Channel(agency=personas.other, kind="telegram", chat_id="@b_channel", name="تلگرام راهداری")
    actions._store_channel(tg, token="123:GOOD", default_for_agency=False)  # as before the policy
    request = ask_b_and_c(personas)
    target = AmplificationTarget.objects.get(request=request, agency=personas.other)
    with pytest.raises(amplification.CooperationError):
        amplification.accept(personas.other_head, target, channel_ids=[tg.pk])
    assert not Delivery.objects.filter(channel=tg).exists()


def test_an_agency_on_no_council_keeps_the_foreign_channel_it_had_but_gets_no_new_one(client, personas):
    """0005 kept the foreign channels of agencies on a council; one on no council had nowhere to
    be kept and silently stopped. 0006 keeps it sending while the agency sits on no council (no
    council has decided against it); no new foreign channel; once it sits on a council, that
    council decides."""
    from hamafza.accounts.models import Membership
    from hamafza.agencies import registry
    from hamafza.agencies.models import CouncilMembership
    from hamafza.workspace.distribution.views import offered_kinds
    from tests.personas import make_user

    lone = factories.make_agency("اداره کل بی‌شورا", short_name="بی‌شورا")
    registry.invalidate()
    tg = telegram_channel(lone)
    manual = Channel(agency=lone, kind="manual", manual_platform="اینستاگرام", name="اینستاگرام اداره")
    actions._store_channel(manual)
    bale = Channel(agency=lone, kind="bale", chat_id="@lone_bale", name="بله اداره")
    actions._store_channel(bale, token="123:GOOD")
    assert not policy.platform_allowed(tg)  # what went wrong: after 0005 it got nothing, without a word

    migration = importlib.import_module("hamafza.distribution.migrations.0006_channels_kept_without_council")
    from django.apps import apps

    migration.keep_without_council(apps, SimpleNamespace(connection=connection))
    kept = set(Channel.objects.filter(kept_without_council=True).values_list("pk", flat=True))
    assert kept == {tg.pk, manual.pk}  # not the domestic one, nor any channel of an agency on a council
    tg.refresh_from_db()
    assert policy.platform_allowed(tg) and policy.kept_without_council(tg)
    factories.make_item(lone)
    assert Delivery.objects.filter(channel=tg).count() == 1

    # Safe: a new channel of a foreign platform is neither offered nor kept.
    assert "telegram" not in {k for k, _l, _a in offered_kinds(Channel(agency=lone))}
    later = telegram_channel(lone)
    assert not policy.platform_allowed(later)

    # The head is told why the channel still sends, and why the new one does not.
    head = make_user("lone_head")
    Membership.objects.create(user=head, agency=lone, role=Membership.Role.HEAD)
    sign_in_verified(client, head)
    page = client.get(reverse("workspace:distribution:channel", args=[tg.pk])).content.decode()
    assert "ارسال به آن ادامه دارد" in page and "مجاز نمی‌داند" not in page
    page = client.get(reverse("workspace:distribution:channel", args=[later.pk])).content.decode()
    assert "در هیچ شورایی نیست و سکوی خارجی" in page

    # Seated on a council that does not allow Telegram: that council's list decides.
    CouncilMembership.objects.create(council=personas.council, agency=lone)
    registry.invalidate()
    assert not policy.platform_allowed(tg) and not policy.kept_without_council(tg)
    page = client.get(reverse("workspace:distribution:channel", args=[tg.pk])).content.decode()
    assert "شورا این سکو را دیگر مجاز نمی‌داند" in page
    do_set_platforms(personas.secretariat, personas.council.pk, [*DOMESTIC, "telegram"], note="دلیل رسمی شورا برای تلگرام")
    assert policy.platform_allowed(tg)


def test_seeding_a_foreign_channel_for_an_agency_on_no_council_keeps_it_as_0006_does(personas):
    from hamafza.agencies import registry
    from hamafza.distribution import unchecked

    lone = factories.make_agency("اداره کل تازه", short_name="تازه")
    registry.invalidate()
    seeded = unchecked.store_channel(Channel(agency=lone, kind="telegram", chat_id="@hz_new", name="تلگرام"),
                                     token="123:GOOD")
    assert seeded.kept_without_council and policy.platform_allowed(seeded)
    on_council = unchecked.store_channel(Channel(agency=personas.own, kind="telegram", chat_id="@hz_own", name="تلگرام"),
                                         token="123:GOOD")
    assert not on_council.kept_without_council and policy.platform_allowed(on_council)  # its council allows it
