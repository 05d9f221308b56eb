import datetime as dt
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db.models import Count
from django.test import override_settings
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from hamafza.accounts.models import CouncilRole, Membership
from hamafza.agencies.models import Agency, Council, Sector
from hamafza.agencies.registry import get_registry
from hamafza.demo.data.people import PASSWORD
from hamafza.distribution import worker
from hamafza.distribution.models import Channel, Delivery, SandboxMessage
from hamafza.live.models import BoardEntity, LiveEvent, LiveUpdate
from hamafza.newsroom.models import GalleryImage, ItemAgency, NewsItem, Placement
from hamafza.persian.jalali import to_tehran

from .conftest import load_demo

FIRST_COUNCIL = "راه-و-شهرسازی-خوزستان"
SECOND_COUNCIL = "اطلاع-رسانی-استان-خوزستان"


def published():
    return NewsItem.objects.filter(status=NewsItem.Status.PUBLISHED)


def test_it_refuses_without_demo_mode(db):
    with override_settings(DEMO_MODE=False), pytest.raises(CommandError, match="حالت نمایشی"):
        call_command("demo")
    assert not Council.objects.exists()
    assert not get_user_model().objects.exists()


def test_if_empty_leaves_an_installation_with_a_council_alone(db, world):
    with override_settings(DEMO_MODE=True):
        call_command("demo", "--if-empty")
    assert Council.objects.count() == 1
    assert not NewsItem.objects.exists()


def test_it_loads_at_least_sixty_items_across_all_sectors(db, demo):
    assert NewsItem.objects.count() >= 60
    assert published().count() >= 60
    assert NewsItem.objects.exclude(status=NewsItem.Status.PUBLISHED).count() >= 2
    for sector in Sector.objects.all():
        assert published().filter(sectors=sector).exists(), sector.code
    assert Sector.objects.count() == 6
    with_support = NewsItem.objects.annotate(n=Count("item_agencies")).filter(n__gt=1).count()
    assert with_support >= 15
    assert published().filter(main_image__isnull=False).count() >= 50
    assert GalleryImage.objects.values("item").distinct().count() >= 2


def test_items_are_published_in_tehran_daytime_over_the_last_two_months(db, demo):
    now = timezone.now()
    for item in published():
        assert now - dt.timedelta(days=62) < item.published_at <= now
        assert 8 <= to_tehran(item.published_at).hour < 20
    assert not NewsItem.objects.exclude(status=NewsItem.Status.PUBLISHED).filter(published_at__isnull=False).exists()


def test_every_published_item_is_on_the_portal_of_its_agencies_councils(db, demo):
    first, second = Council.objects.get(slug=FIRST_COUNCIL), Council.objects.get(slug=SECOND_COUNCIL)
    first_members = first.memberships.filter(role="member").values_list("agency_id", flat=True)
    on_first = set(Placement.objects.filter(council=first).values_list("item_id", flat=True))
    assert on_first == set(published().filter(item_agencies__agency__in=first_members).values_list("id", flat=True))
    # Nearly all of the demo is the first council's; the rest shows on the governorate's portal only.
    rest = set(published().values_list("id", flat=True)) - on_first
    assert len(on_first) >= 60 and rest
    assert rest <= set(Placement.objects.filter(council=second).values_list("item_id", flat=True))
    assert not Placement.objects.filter(item__status__in=["draft", "submitted"]).exists()


def test_items_of_shared_agencies_are_on_both_portals(db, demo):
    first, second = Council.objects.get(slug=FIRST_COUNCIL), Council.objects.get(slug=SECOND_COUNCIL)
    meteo = Agency.objects.get(slug="هواشناسی-خوزستان")
    assert set(first.agencies.all()) & set(second.agencies.all()) >= {meteo}
    for item in published().filter(lead_agency=meteo):
        assert set(item.placements.values_list("council_id", flat=True)) == {first.id, second.id}
    # The second portal holds only items of its own agencies.
    second_ids = set(second.memberships.filter(role="member").values_list("agency_id", flat=True))
    for placement in Placement.objects.filter(council=second):
        assert set(ItemAgency.objects.filter(item=placement.item_id).values_list("agency_id", flat=True)) & second_ids
    rail_only = published().filter(lead_agency__slug="راه-آهن-ناحیه-جنوب").annotate(n=Count("item_agencies")).filter(n=1)
    assert rail_only.exists()
    assert not Placement.objects.filter(council=second, item__in=rail_only).exists()


def test_the_first_council_answers_every_host_and_the_second_its_own(db, demo):
    reg = get_registry()
    assert reg.council_for_host("127.0.0.1:8000").slug == FIRST_COUNCIL
    assert reg.council_for_host("ostan.localhost").slug == SECOND_COUNCIL
    education = Agency.objects.get(slug="آموزش-و-پرورش-خوزستان")
    assert list(education.councils.values_list("slug", flat=True)) == [SECOND_COUNCIL]


def test_agencies_form_a_registry_with_logos_and_channels(db, demo):
    hq = Agency.objects.get(slug="وزارت-راه-و-شهرسازی")
    assert Agency.objects.get(slug="راه-و-شهرسازی-خوزستان").parent == hq
    assert Agency.objects.get(slug="راه-آهن-ناحیه-جنوب").parent.slug == "راه-آهن-جمهوری-اسلامی-ایران"
    first = Council.objects.get(slug=FIRST_COUNCIL)
    assert first.head_agency.slug == "راه-و-شهرسازی-خوزستان"
    assert first.memberships.filter(role="observer", agency__kind="governorate").exists()
    for agency in Agency.objects.all():
        assert agency.logo.name and agency.about and agency.phone and agency.email
        assert set(agency.social_accounts.values_list("platform", flat=True)) == {"telegram", "bale", "eitaa"}


def test_there_is_a_user_per_persona_with_the_demo_password(db, demo):
    User = get_user_model()
    admin = User.objects.get(username="admin")
    assert admin.is_superuser and admin.check_password(PASSWORD)
    assert Membership.objects.filter(role="head").count() >= 8
    assert Membership.objects.filter(role="staff").count() >= 8
    assert CouncilRole.objects.filter(role="secretariat", council__slug=FIRST_COUNCIL).exists()
    nazer = User.objects.get(username="nazer")
    assert set(nazer.council_roles.values_list("role", flat=True)) == {"observer"}
    assert nazer.council_roles.count() == 2
    assert not nazer.memberships.exists()
    assert all(u.check_password(PASSWORD) for u in User.objects.all())
    assert "rahshahr-head" in demo and PASSWORD in demo


def test_heads_secretariat_and_admin_have_a_confirmed_authenticator(db, demo):
    enrolled = set(TOTPDevice.objects.filter(confirmed=True).values_list("user__username", flat=True))
    heads = set(Membership.objects.filter(role="head").values_list("user__username", flat=True))
    secretariat = set(CouncilRole.objects.filter(role="secretariat").values_list("user__username", flat=True))
    assert enrolled == heads | secretariat | {"admin"}


def test_a_second_run_reloads_the_same_demo(db, demo):
    def counts():
        return {
            model.__name__: model.objects.count()
            for model in (NewsItem, Placement, Agency, Council, get_user_model(), TOTPDevice, GalleryImage, LiveEvent,
                          BoardEntity, Channel)
        }

    before = counts()
    load_demo()
    assert counts() == before


# What the other apps add to the demo, checked here on the one demo this module loads (each
# load costs seconds on every pass of the suite).

def test_the_demo_has_an_arbaeen_live_event_and_the_provinces_board(db, demo, client):
    event = LiveEvent.objects.get(title__contains="اربعین")
    published = LiveUpdate.objects.filter(event=event, status=LiveUpdate.Status.PUBLISHED)
    assert published.count() >= 10 and published.values("agency").distinct().count() >= 5
    assert LiveUpdate.objects.filter(event=event, status=LiveUpdate.Status.PENDING).exists()
    assert published.filter(corrected_at__isnull=False).exists()
    names = set(BoardEntity.objects.filter(council=event.council).values_list("name", flat=True))
    assert {"مرز شلمچه", "مرز چذابه", "فرودگاه اهواز"} <= names
    assert set(BoardEntity.objects.values_list("kind", flat=True)) == set(BoardEntity.Kind.values)
    assert all(e.changes.exists() for e in BoardEntity.objects.all())
    page = client.get(f"/live/{event.pk}/").content.decode()
    assert "مرز شلمچه" in page and "پرواز ۴۵۲۱" in page


def test_the_demo_gives_staffed_agencies_and_councils_one_sandbox_per_platform(db, demo):
    sandboxes = Channel.objects.filter(kind="sandbox")
    per_owner = {}
    for ch in sandboxes:
        per_owner.setdefault((ch.agency_id, ch.council_id), set()).add(ch.sandbox_platform)
    assert per_owner and all(p == {"bale", "eitaa", "rubika", "telegram", "email"} for p in per_owner.values())
    assert any(c for a, c in per_owner) and any(a for a, c in per_owner)
    assert Delivery.objects.filter(channel__kind="sandbox", state=Delivery.State.QUEUED).exists()
    worker.send_due(20)
    assert SandboxMessage.objects.exists()
    assert not Delivery.objects.filter(channel__kind="sandbox", state=Delivery.State.FAILED).exists()


def test_totp_prints_a_code_the_device_accepts(db, demo):
    out = io.StringIO()
    call_command("totp", "rahshahr-head", stdout=out)
    code = out.getvalue().strip()
    assert len(code) == 6 and code.isdigit()
    device = TOTPDevice.objects.get(user__username="rahshahr-head")
    assert device.verify_token(code)


def test_totp_says_when_the_user_has_no_authenticator(db, demo):
    with pytest.raises(CommandError, match="ورود دومرحله‌ای"):
        call_command("totp", "rahshahr-staff")


def test_every_demo_item_opens_at_its_first_revision(db, demo, client):
    """The editor shows «نسخهٔ ۱» for a demo item, and its history has the text it started with."""
    from hamafza.newsroom.models import Revision
    from tests.personas import sign_in_verified

    assert not NewsItem.objects.filter(revision=0).exists()
    firsts = Revision.objects.filter(number=1, kind=Revision.Kind.CREATE)
    assert firsts.count() == NewsItem.objects.count()
    item = NewsItem.objects.filter(status=NewsItem.Status.SUBMITTED).select_related("created_by").first()
    assert firsts.get(item=item).author == item.created_by
    sign_in_verified(client, item.created_by)
    html = client.get(f"/workspace/news/{item.pk}/").content.decode()
    assert 'id="revision-label">نسخهٔ <span id="revision-number">۱</span>' in html and "نسخهٔ ۰" not in html
