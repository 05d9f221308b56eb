"""Text limits are the model's, on SQLite as on PostgreSQL (hamafza/core/limits.py): an over-long
value is refused with a Persian message naming the field and the limit, the form is shown again
with what was typed, and nothing is saved. PostgreSQL used to answer 500 here; SQLite stored it."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from hamafza.apitokens.models import ApiToken
from hamafza.core import limits
from hamafza.council.errors import CouncilError
from hamafza.council.models import Campaign, Meeting
from tests.personas import sign_in_verified


def test_a_model_save_refuses_text_longer_than_its_field(personas):
    token = ApiToken(user=personas.own_staff, name="ک" * 101, prefix="hz_x", token_hash="h" * 64)
    with pytest.raises(ValidationError) as refused:
        token.save()
    assert refused.value.message == "«نام» حداکثر ۱۰۰ نویسه می‌تواند باشد؛ ۱۰۱ نویسه نوشته شده است."
    assert not ApiToken.objects.exists()


def test_a_model_save_strips_nuls(personas):
    token = ApiToken.objects.create(user=personas.own_staff, name="کلید\x00", prefix="hz_x", token_hash="h" * 64)
    assert ApiToken.objects.get(pk=token.pk).name == "کلید"


def test_a_partial_save_checks_only_its_fields(personas):
    token = ApiToken.objects.create(user=personas.own_staff, name="کلید", prefix="hz_x", token_hash="h" * 64)
    token.name = "ک" * 500  # not saved below
    token.prefix = "hz_y"
    token.save(update_fields=["prefix"])
    assert ApiToken.objects.get(pk=token.pk).prefix == "hz_y"


def test_council_models_raise_the_councils_own_error_with_the_field():
    with pytest.raises(CouncilError) as refused:
        limits.check_lengths(Meeting, {"title": "ن" * 251})
    assert refused.value.field == "title" and "«عنوان»" in refused.value.message and "۲۵۰" in refused.value.message
    assert isinstance(refused.value, limits.TooLong)


def test_an_uncaught_refusal_is_a_persian_400():
    middleware = limits.LimitsMiddleware(lambda request: None)
    error = limits.TooLong("«عنوان» حداکثر ۲۰۰ نویسه می‌تواند باشد؛ ۲۰۱ نویسه نوشته شده است.", "title")
    page = middleware.process_exception(RequestFactory().post("/workspace/x/"), error)
    assert page.status_code == 400 and "۲۰۰ نویسه" in page.content.decode()
    api = middleware.process_exception(RequestFactory().post("/api/v1/x"), error)
    assert api.status_code == 400 and "۲۰۰ نویسه" in json.loads(api.content)["detail"]


# --- The forms of issue 12, over HTTP --------------------------------------------------------------

def test_an_over_long_meeting_title_is_shown_again_with_the_limit(client, personas):
    sign_in_verified(client, personas.secretariat)
    title = "نشست " * 60  # 300 characters; the field holds 250
    response = client.post("/workspace/council/meetings/", {
        "title": title, "date": "۱۴۰۵/۰۹/۱۰", "time": "۱۰:۰۰", "place": "سالن", "agencies": [personas.own.pk],
    })
    page = response.content.decode()
    assert response.status_code == 400
    assert "«عنوان نشست» حداکثر ۲۵۰ نویسه" in page
    assert title.strip() in page  # what was typed is still there
    assert not Meeting.objects.exists()


def test_an_over_long_meeting_place_is_refused(client, personas):
    sign_in_verified(client, personas.secretariat)
    response = client.post("/workspace/council/meetings/", {
        "title": "نشست", "date": "۱۴۰۵/۰۹/۱۰", "time": "۱۰:۰۰", "place": "س" * 2001, "agencies": [personas.own.pk],
    })
    assert response.status_code == 400 and "«مکان» حداکثر ۲۰۰ نویسه" in response.content.decode()
    assert not Meeting.objects.exists()


def test_an_over_long_campaign_title_is_refused(client, personas):
    sign_in_verified(client, personas.secretariat)
    response = client.post("/workspace/council/campaigns/", {
        "title": "پ" * 2000, "start_date": "۱۴۰۵/۰۹/۱۰", "end_date": "۱۴۰۵/۰۹/۲۰",
    })
    assert response.status_code == 400 and "«عنوان پویش» حداکثر ۲۰۰ نویسه" in response.content.decode()
    assert not Campaign.objects.exists()


def test_a_huge_agency_id_is_a_persian_400(client, personas):
    sign_in_verified(client, personas.secretariat)
    for big in (2**63, 2**70):
        response = client.post("/workspace/council/meetings/", {
            "title": "نشست", "date": "۱۴۰۵/۰۹/۱۰", "time": "۱۰:۰۰", "agencies": [str(big)],
        })
        assert response.status_code == 400 and "دستگاه انتخاب‌شده نامعتبر است" in response.content.decode()
    assert not Meeting.objects.exists()


def test_a_hand_written_form_takes_the_models_limits():
    from hamafza.accounts.forms import InviteForm

    form = InviteForm({"email": "a" * 250 + "@example.ir", "agency": "1", "role": "staff"}, agencies=[])
    assert not form.is_valid() and "email" in form.errors
    assert form.fields["email"].widget.attrs["maxlength"] == "254"
