import pytest
from django.utils import timezone

from hamafza.newsroom.models import ItemAgency, NewsItem
from tests import factories
from tests.people_once import _built, personas, world  # noqa: F401  (once per module)
from tests.personas import sign_in_verified

pytestmark = pytest.mark.usefixtures("module_copy")  # every test: its own savepoint and copy


def draft(agency, user, title, status="draft", **kwargs):
    item = factories.make_item(agency, title=title, published=False, created_by=user, **kwargs)
    if status != "draft":
        NewsItem.objects.filter(pk=item.pk).update(status=status)
    return item


def desk_text(client) -> str:
    response = client.get("/workspace/")
    assert response.status_code == 200
    return response.content.decode()


def test_anonymous_is_sent_to_sign_in(client, db):
    response = client.get("/workspace/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/sign-in/?next=%2Fworkspace%2F"


def test_htmx_requests_of_anonymous_get_a_full_page_redirect(client, db):
    response = client.get("/workspace/?section=drafts", headers={"HX-Request": "true"})
    assert response["HX-Redirect"].startswith("/accounts/sign-in/")


def test_a_head_signed_in_without_the_second_factor_is_sent_to_it(client, personas):
    client.force_login(personas.own_head, backend="hamafza.accounts.backends.UsernameOrEmailBackend")
    response = client.get("/workspace/")
    assert response["Location"].startswith("/accounts/two-factor/")


def test_the_header_shows_name_agency_and_role(client, personas):
    sign_in_verified(client, personas.own_head)
    text = desk_text(client)
    assert "own_head" in text and personas.own.short_name in text and "مدیر روابط عمومی" in text
    assert "خروج" in text


def test_staff_see_their_drafts_and_returned_items_never_another_agencys(client, personas):
    draft(personas.own, personas.own_staff, "پیش‌نویس خودم")
    draft(personas.own, personas.own_staff, "خبر برگشتی", status="returned")
    draft(personas.other, personas.other_staff, "پیش‌نویس دستگاه دیگر")
    sign_in_verified(client, personas.own_staff)
    text = desk_text(client)
    assert "پیش‌نویس خودم" in text and "خبر برگشتی" in text
    assert "پیش‌نویس دستگاه دیگر" not in text
    assert "در انتظار تأیید من" not in text


def test_a_head_sees_what_waits_for_approval_but_not_what_they_wrote(client, personas):
    draft(personas.own, personas.own_staff, "خبر ارسالی کارشناس", status="submitted")
    draft(personas.own, personas.own_head, "خبر ارسالی خود مدیر", status="submitted")
    draft(personas.other, personas.other_staff, "ارسالی دستگاه دیگر", status="submitted")
    sign_in_verified(client, personas.own_head)
    text = desk_text(client)
    section = text.split('id="section-approval"')[1].split("</section>")[0]
    assert "خبر ارسالی کارشناس" in section
    assert "خبر ارسالی خود مدیر" not in section
    assert "ارسالی دستگاه دیگر" not in text


def test_the_secretariat_sees_submitted_items_of_the_council_but_no_drafts(client, personas):
    draft(personas.other, personas.other_staff, "ارسالی راهداری", status="submitted")
    draft(personas.other, personas.other_staff, "پیش‌نویس راهداری")
    sign_in_verified(client, personas.secretariat)
    text = desk_text(client)
    assert "ارسالی راهداری" in text and "پیش‌نویس راهداری" not in text


def test_a_supporting_agency_sees_a_draft_only_after_accepting(client, personas):
    item = draft(personas.own, personas.own_staff, "خبر مشترک", supporting=[personas.supporting])
    sign_in_verified(client, personas.supporting_staff)
    assert client.get(f"/workspace/items/{item.pk}/").status_code == 404
    ItemAgency.objects.filter(item=item, agency=personas.supporting).update(accepted_at=timezone.now())
    assert client.get(f"/workspace/items/{item.pk}/", follow=True).status_code == 200


def test_recently_published_shows_jalali_dates_in_persian_digits(client, personas):
    factories.make_item(personas.own, title="خبر منتشرشده دستگاه")
    sign_in_verified(client, personas.own_staff)
    section = desk_text(client).split('id="section-published"')[1].split("</section>")[0]
    assert "خبر منتشرشده دستگاه" in section
    shown = section.split("<time")[1].split(">", 1)[1].split("</time>")[0]
    assert any(month in shown for month in ("فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور",
                                            "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند"))
    assert not any(ch.isascii() and ch.isdigit() for ch in shown)


class TestSections:
    def test_a_section_is_served_alone_to_htmx(self, client, personas):
        draft(personas.own, personas.own_staff, "پیش‌نویس تازه")
        sign_in_verified(client, personas.own_staff)
        response = client.get("/workspace/?section=drafts", headers={"HX-Request": "true"})
        text = response.content.decode()
        assert response.status_code == 200
        assert text.lstrip().startswith("<section") and "پیش‌نویس تازه" in text and "<html" not in text

    @pytest.mark.parametrize("section", ["nope", "approval"])
    def test_unknown_or_foreign_sections_are_404(self, client, personas, section):
        sign_in_verified(client, personas.own_staff)  # staff have no approval section
        assert client.get(f"/workspace/?section={section}", headers={"HX-Request": "true"}).status_code == 404

    def test_the_desk_accepts_only_get(self, client, personas):
        sign_in_verified(client, personas.own_staff)
        assert client.post("/workspace/").status_code == 405


class TestItemPage:
    def test_another_agencys_draft_is_404(self, client, personas):
        item = draft(personas.own, personas.own_staff, "پیش‌نویس محرمانه")
        sign_in_verified(client, personas.other_head)
        response = client.get(f"/workspace/items/{item.pk}/")
        assert response.status_code == 404
        assert "پیش‌نویس محرمانه" not in response.content.decode()

    def test_the_own_agency_reads_its_draft(self, client, personas):
        item = draft(personas.own, personas.own_staff, "پیش‌نویس خودمان")
        sign_in_verified(client, personas.own_head)
        response = client.get(f"/workspace/items/{item.pk}/", follow=True)
        assert response.redirect_chain == [(f"/workspace/news/{item.pk}/", 302)]
        assert response.status_code == 200 and "پیش‌نویس خودمان" in response.content.decode()

    def test_a_missing_item_is_404(self, client, personas):
        sign_in_verified(client, personas.own_staff)
        assert client.get("/workspace/items/99999999/").status_code == 404
