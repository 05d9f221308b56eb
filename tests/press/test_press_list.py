"""The press list: who sees a journalist's personal data (owner, agencies it shares with, across
councils never), tampered ids and hidden fields, erase on request, audited export."""

import pytest
from django.http import Http404

from hamafza import policy
from hamafza.audit.models import AuditEvent
from hamafza.press import actions
from hamafza.press.errors import CouncilError
from hamafza.press.models import Journalist, Recipient
from tests.personas import sign_in_verified

from .conftest import journalist_data


def names(user, council, agency):
    return set(policy.visible_journalists(user, council, agency).values_list("name", flat=True))


def test_personal_data_is_the_owning_agencys_until_it_shares(press):
    p, c = press["p"], press["council"]
    assert names(p.own_staff, c, p.own.pk) == {"خبرنگار آزمایشی 1", "خبرنگار آزمایشی 2", "خبرنگار آزمایشی 3"}
    assert names(p.other_staff, c, p.other.pk) == {"خبرنگار راهداری"}
    # Asking for A's list while being B's staff: nothing (and no agency of theirs to ask as).
    assert names(p.other_staff, c, p.own.pk) == set()
    assert names(p.secretariat, c, p.own.pk) == set()
    assert names(p.observer, c, p.own.pk) == set()
    # A shares one contact with B, then its list.
    j1 = press["ours"][0]
    actions.do_save_journalist(p.own_staff, c, p.own.pk, journalist_data(1, shared_with=[p.other.pk]), j1)
    assert names(p.other_staff, c, p.other.pk) == {"خبرنگار راهداری", "خبرنگار آزمایشی 1"}
    actions.do_save_list(p.own_staff, c, p.own.pk, {"name": "حوزهٔ راه", "journalists": [j.pk for j in press["ours"]],
                                                     "shared_with": [p.other.pk]}, press["list"])
    assert "خبرنگار آزمایشی 2" in names(p.other_staff, c, p.other.pk)
    # B may see and send to the shared contact, never change it.
    with pytest.raises(Http404):
        policy.access_journalist(p.other_staff, c, p.other.pk, j1.pk, for_write=True)
    with pytest.raises(Http404):
        actions.do_save_journalist(p.other_staff, c, p.other.pk, journalist_data(1), j1)


def test_sharing_never_crosses_to_another_council(press, second_council):
    p, c = press["p"], press["council"]
    with pytest.raises(CouncilError):  # D sits on the other council only
        actions.do_save_journalist(p.own_staff, c, p.own.pk, journalist_data(9, shared_with=[p.pending_supporting.pk]))
    actions.do_save_journalist(p.own_staff, c, p.own.pk, journalist_data(1, shared_with=[p.other.pk]), press["ours"][0])
    # B sits on both councils: on the second council it sees none of the first's contacts.
    assert names(p.other_staff, second_council.pk, p.other.pk) == set()


def test_an_outlet_is_the_councils_once_shared(press):
    p, c = press["p"], press["council"]
    assert set(policy.visible_outlets(p.other_staff, c, p.other.pk).values_list("name", flat=True)) == {"روزنامهٔ راهداری"}
    actions.do_save_outlet(p.own_staff, c, p.own.pk, {"name": "خبرگزاری آزمایشی", "kind": "agency", "shared": "1"},
                           press["outlet"])
    assert "خبرگزاری آزمایشی" in set(policy.visible_outlets(p.other_staff, c, p.other.pk).values_list("name", flat=True))
    # B's private outlet is not A's to pick for a journalist.
    with pytest.raises(CouncilError) as refused:
        actions.do_save_journalist(p.own_staff, c, p.own.pk, journalist_data(7, outlet=press["private_outlet"].pk))
    assert refused.value.field == "outlet"


def test_pages_answer_a_tampered_id_like_a_missing_one(client, press):
    p, c = press["p"], press["council"]
    sign_in_verified(client, p.other_staff)
    ours = press["ours"][0]
    base = f"?council={c}&agency={p.other.pk}"
    for url in (f"/workspace/press/journalists/{ours.pk}/{base}", f"/workspace/press/journalists/{2**70}/{base}",
                f"/workspace/press/outlets/{press['outlet'].pk}/{base}", f"/workspace/press/lists/{press['list'].pk}/{base}",
                f"/workspace/press/?council={c}&agency={p.own.pk}", f"/workspace/press/?council={2**70}"):
        assert client.get(url).status_code == 404, url
    # A hidden agency field pointing at A changes nothing of A's.
    response = client.post(f"/workspace/press/journalists/{ours.pk}/erase/{base}")
    assert response.status_code == 404 and Journalist.objects.filter(pk=ours.pk).exists()
    response = client.post(f"/workspace/press/journalists/new/?council={c}&agency={p.own.pk}", journalist_data(8))
    assert response.status_code == 404
    response = client.post(f"/workspace/press/lists/new/{base}", {"name": "دزدی", "journalists": [ours.pk]})
    assert response.status_code == 400 and "پیدا نشد" in response.content.decode()
    # The list page of B shows none of A's people.
    body = client.get(f"/workspace/press/{base}").content.decode()
    assert "خبرنگار آزمایشی" not in body and "reporter1@example.org" not in body


def test_the_press_list_page_and_forms(client, press):
    p, c = press["p"], press["council"]
    sign_in_verified(client, p.own_staff)
    body = client.get(f"/workspace/press/?council={c}&agency={p.own.pk}&q=آزمایشی 2").content.decode()
    assert "خبرنگار آزمایشی 2" in body and "خبرنگار آزمایشی 1" not in body
    response = client.post(f"/workspace/press/journalists/new/?council={c}&agency={p.own.pk}",
                           journalist_data(5, email="not-an-address", consent_date="۱۴۰۵/۰۷/۳۱"))
    assert response.status_code == 400 and "نشانی رایانامهٔ درستی نیست" in response.content.decode()
    response = client.post(f"/workspace/press/journalists/new/?council={c}&agency={p.own.pk}",
                           journalist_data(5, consent_date="۱۴۰۵/۰۷/۳۱"))
    assert response.status_code == 400 and "۳۰ روز" in response.content.decode()
    response = client.post(f"/workspace/press/journalists/new/?council={c}&agency={p.own.pk}",
                           journalist_data(6, name="x\x00y"))  # the NUL is removed before the view
    assert response.status_code == 302 and Journalist.objects.filter(name="xy").exists()
    for bad in ({"name": "ن" * 1300}, {"outlet": str(2**70)}, {"shared_with": str(2**70)}):
        response = client.post(f"/workspace/press/journalists/new/?council={c}&agency={p.own.pk}", journalist_data(6, **bad))
        assert response.status_code == 400, bad
    response = client.post(f"/workspace/press/journalists/new/?council={c}&agency={p.own.pk}", journalist_data(6))
    assert response.status_code == 302 and Journalist.objects.filter(name="خبرنگار آزمایشی 6").exists()


def test_erase_on_request_leaves_only_the_name_in_the_audit_log(press):
    p, c = press["p"], press["council"]
    j = press["ours"][0]
    from hamafza.press.models import Release
    release = Release.objects.create(council_id=c, agency=p.own, subject="s")
    Recipient.objects.create(release=release, journalist=j, name=j.name, email=j.email, nonce="n1")
    actions.do_erase_journalist(p.own_staff, j)
    assert not Journalist.objects.filter(pk=j.pk).exists()
    receipt = Recipient.objects.get(nonce="n1")
    assert receipt.email == "" and receipt.journalist is None and receipt.revoked_at is not None
    assert "reporter1" not in receipt.name
    event = AuditEvent.objects.get(action="press.journalist_erased")
    assert event.council_id == c and event.object_repr == "خبرنگار آزمایشی 1"
    every = " ".join(f"{e.object_repr} {e.before} {e.after}" for e in AuditEvent.objects.filter(action__startswith="press."))
    assert "@example.org" not in every and "0912" not in every


def test_every_export_is_audited_without_personal_data(client, press):
    p, c = press["p"], press["council"]
    sign_in_verified(client, p.own_staff)
    for fmt in ("csv", "xlsx"):
        response = client.get(f"/workspace/press/export/{fmt}/?council={c}&agency={p.own.pk}")
        assert response.status_code == 200
    assert b"reporter1@example.org" in client.get(f"/workspace/press/export/csv/?council={c}&agency={p.own.pk}").content
    events = AuditEvent.objects.filter(action="press.journalists_exported")
    assert events.count() == 3 and all(e.council_id == c and e.after["rows"] == 3 for e in events)
    assert client.get(f"/workspace/press/export/pdf/?council={c}&agency={p.own.pk}").status_code == 404
    sign_in_verified(client, p.other_staff)
    assert client.get(f"/workspace/press/export/csv/?council={c}&agency={p.own.pk}").status_code == 404


def test_the_press_lists_audit_entries_are_the_agencys_own(client, press):
    p = press["p"]
    events = AuditEvent.objects.filter(action__startswith="press.")
    assert events.count() >= 6 and all(e.agency_only and e.council_id == press["council"] for e in events)
    sign_in_verified(client, p.secretariat)
    body = client.get("/workspace/audit/").content.decode()
    assert "حوزهٔ راه" not in body and "خبرنگار آزمایشی" not in body
