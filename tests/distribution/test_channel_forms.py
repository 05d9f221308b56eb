"""The new-channel form: the kind first (only what the council allows), then that kind's fields
only, Persian help, ids and tokens left to right with Latin examples."""

import re

import pytest
from django.urls import reverse

from hamafza.distribution.models import Channel
from tests.personas import sign_in_verified

pytestmark = pytest.mark.django_db


def new_url(personas, kind=""):
    url = reverse("workspace:distribution:channel_new") + f"?agency={personas.own.pk}"
    return url + (f"&kind={kind}" if kind else "")


def as_head(client, personas):
    sign_in_verified(client, personas.own_head)
    return client


def test_the_kind_comes_first_and_foreign_ones_only_when_allowed(client, personas):
    html = as_head(client, personas).get(new_url(personas)).content.decode()
    for kind in ("bale", "eitaa", "rubika", "email", "manual", "sandbox"):
        assert f"kind={kind}" in html
    assert "kind=telegram" not in html
    assert client.get(new_url(personas, "telegram")).status_code == 400  # not allowed here
    assert client.get(new_url(personas, "nonsense")).status_code == 400
    assert client.post(new_url(personas, "telegram"), {"name": "x", "chat_id": "@hz_test", "token": "123456:ABCDEFGHIJKL"}
                       ).status_code == 400
    assert not Channel.objects.exists()


@pytest.mark.parametrize("kind,present,absent", [
    ("bale", ["chat_id", "token", "public_username"], ["manual_platform", "sandbox_platform", "manual_url"]),
    ("rubika", ["chat_id", "token"], ["manual_platform", "sandbox_platform"]),
    ("email", ["name"], ["chat_id", "token", "manual_platform", "sandbox_platform"]),
    ("manual", ["manual_platform", "manual_url"], ["chat_id", "token", "sandbox_platform"]),
    ("sandbox", ["sandbox_platform"], ["chat_id", "token", "manual_platform"]),
])
def test_each_kind_shows_only_its_fields(client, personas, kind, present, absent):
    html = as_head(client, personas).get(new_url(personas, kind)).content.decode()
    for name in present:
        assert f'name="{name}"' in html, name
    for name in absent:
        assert f'name="{name}"' not in html, name
    assert "---------" not in html and 'name="kind"' not in html


def test_ids_and_tokens_are_ltr_with_latin_examples(client, personas):
    html = as_head(client, personas).get(new_url(personas, "bale")).content.decode()
    assert re.search(r'<input[^>]*name="chat_id"[^>]*dir="ltr"|<input[^>]*dir="ltr"[^>]*name="chat_id"', html)
    assert re.search(r'<input[^>]*name="token"[^>]*dir="ltr"|<input[^>]*dir="ltr"[^>]*name="token"', html)
    assert '<code dir="ltr">123456789:AbCdEf012345</code>' in html
    r = client.post(new_url(personas, "bale"), {"name": "کانال", "chat_id": "@khz_rah", "token": "۱۲۳:bad"})
    assert r.status_code == 400
    text = r.content.decode()
    # The example in the error is Latin and isolated left to right (LRI … PDI), never Persian digits.
    assert "\u2066123456789:AbCdEf012345\u2069" in text and "۱۲۳۴۵۶" not in text
    assert not Channel.objects.exists()


def test_a_sandbox_and_a_rubika_channel_are_created_with_their_platform_limits(client, personas):
    c = as_head(client, personas)
    r = c.post(new_url(personas, "sandbox"), {"name": "آزمایشی روبیکا", "sandbox_platform": "rubika", "enabled": "on"})
    assert r.status_code == 302
    ch = Channel.objects.get(kind="sandbox")
    assert ch.sandbox_platform == "rubika" and ch.platform == "rubika" and not ch.has_token
    r = c.post(new_url(personas, "rubika"), {"name": "روبیکای اداره", "chat_id": "c0ABCdef0123456789", "enabled": "on",
                                             "token": "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"})
    assert r.status_code == 302, r.content.decode()[:2000]
    rubika = Channel.objects.get(kind="rubika")
    assert rubika.get_token() == "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345" and rubika.text_limit == 4096


def test_a_sandbox_of_a_platform_the_council_does_not_allow_is_refused(client, personas):
    r = as_head(client, personas).post(new_url(personas, "sandbox"), {"name": "x", "sandbox_platform": "telegram"})
    assert r.status_code == 400 and not Channel.objects.exists()


def test_a_tampered_owner_is_refused(client, personas):
    c = as_head(client, personas)
    url = reverse("workspace:distribution:channel_new") + f"?agency={personas.other.pk}&kind=bale"
    assert c.post(url, {"name": "x", "chat_id": "@khz_rah", "token": "123456:ABCDEFGHIJKLMNOP"}).status_code == 403
    url = reverse("workspace:distribution:channel_new") + "?agency=99999999999999999999999&kind=bale"
    assert c.get(url).status_code == 404
    # A kind or an owner in the body does not change the channel's owner or an existing kind.
    r = c.post(new_url(personas, "sandbox"), {"name": "آزمایشی", "sandbox_platform": "bale", "agency": personas.other.pk,
                                              "kind": "telegram"})
    assert r.status_code == 302
    ch = Channel.objects.get()
    assert ch.agency_id == personas.own.pk and ch.kind == "sandbox"
    edit = reverse("workspace:distribution:channel", args=[ch.pk])
    assert c.post(edit, {"name": "نو", "sandbox_platform": "eitaa", "kind": "telegram", "enabled": "on"}).status_code == 302
    ch.refresh_from_db()
    assert ch.kind == "sandbox" and ch.sandbox_platform == "eitaa" and ch.name == "نو"
